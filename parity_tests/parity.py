"""Train in R and in Python from the same weights and measure how far apart they end up.

The tests call `train_both` and `compare`; every comparison is also kept in
RECORDS, which report.py turns into parity_report.md at the end of the session.
"""

import warnings
from collections import defaultdict

import numpy as np

import nnscratch as nn

from conftest import to_py, to_r

# The 14 intermediates of one epoch, in the article's order (Steps 2-11).
STEP_NAMES = (
    "hidden_layer_input", "hiddenlayer_activations", "output_layer_input", "output",
    "E", "slope_output_layer", "slope_hidden_layer", "d_output",
    "Error_at_hidden_layer", "d_hiddenlayer", "wout", "bout", "wh", "bh",
)
QUANTITIES = STEP_NAMES + ("loss", "predictions")
TOLERANCE = 1e-12

# (scenario, quantity) -> list of (R values, Python values), flattened.
RECORDS = defaultdict(list)

# train() and forward() in one R call, so that R is entered once per run.
R_TRAIN = """
function(init, X, y, lr, epochs, trace_at) {
  fit <- nnscratch::train(init, X, y, lr, epochs, trace_at = trace_at)
  fit$predictions <- nnscratch::forward(fit$params, X)$output
  fit
}
"""


def trace_epochs(epochs):
    """Return the epochs to trace: 1 to 10, every 100th and the last."""
    return sorted(set(range(1, min(10, epochs) + 1)) | set(range(100, epochs + 1, 100)) | {epochs})


def train_both(r_train, init, X, y, lr, epochs):
    """Train in R (one call) and in Python; return both fits and the traced epochs."""
    at = trace_epochs(epochs)
    fit_r = to_py(r_train(to_r(init), to_r(X), to_r(y), float(lr), int(epochs), to_r(at)))
    # Whether training converged is compared in test_parity_mlp.py; here
    # the moons and the sweep's fast rates warn, as they should, in both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        fit_py = nn.train(init, X, y, lr, epochs, trace_at=at)
    fit_py["predictions"] = nn.forward(fit_py["params"], X)["output"]
    return fit_r, fit_py, at


def pairs(fit_r, fit_py, at):
    """Yield (quantity, where, R value, Python value) for every value the two fits share.

    `where` is the epoch for a traced intermediate, else None. A bias that is
    absent in a network without biases must be absent in both.
    """
    assert [int(t["epoch"]) for t in fit_r["trace"]] == at
    assert [t["epoch"] for t in fit_py["trace"]] == at
    for t_r, t_py in zip(fit_r["trace"], fit_py["trace"]):
        assert set(t_r) == set(t_py) == {"epoch", *STEP_NAMES}
        for k in STEP_NAMES:
            yield k, t_py["epoch"], t_r[k], t_py[k]
    yield "loss", None, np.atleast_1d(fit_r["loss"]), fit_py["loss"]
    yield "predictions", None, fit_r["predictions"], fit_py["predictions"]


def compare(scenario, fit_r, fit_py, at):
    """Record every R/Python pair under `scenario`; return the failures as text."""
    failures = []
    for k, epoch, a_r, a_py in pairs(fit_r, fit_py, at):
        if a_py is None or a_r is None:
            if not (a_py is None and a_r is None):
                failures.append("%s at epoch %s: present in one language only" % (k, epoch))
            continue
        a_r = np.asarray(a_r, dtype=np.float64)
        if a_r.shape != a_py.shape:
            failures.append("%s at epoch %s: shape %s in R, %s in Python" % (k, epoch, a_r.shape, a_py.shape))
            continue
        RECORDS[scenario, k].append((a_r.ravel(), a_py.ravel()))
        d = np.max(np.abs(a_r - a_py))
        if not d <= TOLERANCE:
            failures.append("%s at epoch %s: max |R - Python| = %.3g" % (k, epoch, d))
    return failures


def ordered(a):
    """Map float64 bit patterns to integers in the order of the floats, -0.0 and 0.0 both to 0."""
    i = np.ascontiguousarray(a, dtype=np.float64).view(np.int64)
    return np.where(i < 0, np.int64(-(2**63)) - i, i)


def ulp_distance(a, b):
    """Return the number of float64 values from a to b, element by element, as Python ints."""
    return np.abs(ordered(a).astype(object) - ordered(b).astype(object))


def summarise(pairs_):
    """Return n, max |Δ|, max |Δ| in ULPs and the share of bit-identical values of R/Python pairs."""
    a = np.concatenate([p[0] for p in pairs_])
    b = np.concatenate([p[1] for p in pairs_])
    same = a.view(np.int64) == b.view(np.int64)
    return {
        "n": a.size,
        "max_abs": float(np.max(np.abs(a - b))),
        "max_ulp": int(np.max(ulp_distance(a, b))),
        "identical": float(np.mean(same)),
    }
