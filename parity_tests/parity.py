"""Train in R and in Python from the same weights and measure how far apart they end up.

The tests call `train_both` and `compare` (default mode: within TOLERANCE;
exact mode: bit for bit), and `lockstep` (every epoch's step, from the
weights R reached). Every comparison is also kept in RECORDS, EXACT or
LOCKSTEP, which report.py turns into parity_report.md at the end of the
session.
"""

import warnings
from collections import defaultdict

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.layers import train_step_layers
from nnscratch.steps import STEP_KEYS

from conftest import to_py, to_r

# The 14 intermediates of one epoch, in the article's order (Steps 2-11).
STEP_NAMES = (
    "hidden_layer_input", "hiddenlayer_activations", "output_layer_input", "output",
    "E", "slope_output_layer", "slope_hidden_layer", "d_output",
    "Error_at_hidden_layer", "d_hiddenlayer", "wout", "bout", "wh", "bh",
)
# A network of several hidden layers: per layer its input sum z, activation
# a, error err (-dLoss/da), slope, delta (-dLoss/dz) and updated W and b.
LAYER_NAMES = ("z", "a", "err", "slope", "delta", "W", "b")
QUANTITIES = STEP_NAMES + LAYER_NAMES + ("loss", "predictions", "lr", "validation_loss", "validation_score",
                                          "validation rows")
TOLERANCE = 1e-12

# (scenario, quantity) -> list of (R values, Python values), flattened:
# default mode in RECORDS, exact mode in EXACT.
RECORDS = defaultdict(list)
EXACT = defaultdict(list)
# scenario -> {"epochs", "values", "max_abs"} of the lockstep comparison.
LOCKSTEP = {}

# train() and forward() in one R call, so that R is entered once per run. A
# list of layers arrives from rpy2 with NA names; unname() makes it a list.
R_TRAIN = """
function(init, X, y, lr, epochs, trace_at, exact = FALSE, ...) {
  if (!"wh" %in% names(init)) init <- unname(init)
  fit <- nnscratch::train(init, X, y, lr, epochs, trace_at = trace_at, exact = exact, ...)
  f <- nnscratch::forward(fit$params, X, fit$settings$activation, fit$settings$output_activation, exact = exact)
  fit$predictions <- if (is.null(f$output)) f$a[[length(f$a)]] else f$output
  fit
}
"""


def settings(s):
    """Return the training settings of a scenario, as train() takes them: its network's and its other ones."""
    return {**{k: s[k] for k in ("activation", "output_activation", "loss", "decay")}, **s["train"]}


def trace_epochs(epochs):
    """Return the epochs to trace: 1 to 10, every 100th and the last."""
    return sorted(set(range(1, min(10, epochs) + 1)) | set(range(100, epochs + 1, 100)) | {epochs})


def train_both(r_train, init, X, y, lr, epochs, at=None, exact=False, batch_size=None, seed=None, **options):
    """Train in R (one call) and in Python; return both fits and the traced epochs.

    `options` are train()'s activation, output_activation, loss and decay.
    """
    at = trace_epochs(epochs) if at is None else at
    if batch_size is not None:
        options["batch_size"] = batch_size
    if seed is not None:
        options["seed"] = seed
    fit_r = to_py(r_train(
        to_r(init), to_r(X), to_r(y), float(lr), int(epochs), to_r(at), exact=exact,
        **{k: to_r(v) for k, v in options.items()},
    ))
    # Whether training converged is compared in test_parity_mlp.py; here
    # the moons and the sweep's fast rates warn, as they should, in both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        fit_py = nn.train(init, X, y, lr, epochs, trace_at=at, exact=exact, **options)
    s = fit_py["settings"]
    f = nn.forward(fit_py["params"], X, s["activation"], s["output_activation"], exact=exact)
    fit_py["predictions"] = f["output"] if "output" in f else f["a"][-1]
    # a run that stopped early kept the epochs it ran
    at = [e for e in at if e <= len(fit_py["loss"])]
    return fit_r, fit_py, at


def step_pairs(t_r, t_py, epoch):
    """Yield (quantity, where, R value, Python value) for one step of either shape.

    The article's network has its 14 names; a list of layers has lists,
    compared layer by layer (a[0] is X, the input, and is left out).
    """
    t_r = {k: v for k, v in t_r.items() if k != "epoch"}
    t_py = {k: v for k, v in t_py.items() if k != "epoch"}
    if set(t_py) == set(STEP_NAMES):
        assert set(t_r) == set(STEP_NAMES)
        for k in STEP_NAMES:
            yield k, epoch, t_r[k], t_py[k]
        return
    assert set(t_r) == set(t_py) == {"z", "a", "err", "slope", "delta", "loss", "layers"}, (set(t_r), set(t_py))
    for k in ("z", "a", "err", "slope", "delta"):
        r, py = list(t_r[k]), list(t_py[k])
        assert len(r) == len(py), k
        for i, (a_r, a_py) in enumerate(zip(r, py)):
            if not (k == "a" and i == 0):
                yield k, "%s, layer %d" % (epoch, i), a_r, a_py
    for i, (l_r, l_py) in enumerate(zip(t_r["layers"], t_py["layers"])):
        yield "W", "%s, layer %d" % (epoch, i), l_r["W"], l_py["W"]
        yield "b", "%s, layer %d" % (epoch, i), l_r["b"], l_py["b"]
    yield "loss", epoch, np.atleast_1d(t_r["loss"]), np.atleast_1d(t_py["loss"])


def pairs(fit_r, fit_py, at):
    """Yield (quantity, where, R value, Python value) for every value the two fits share.

    `where` is the epoch for a traced intermediate, else None. A bias that is
    absent in a network without biases must be absent in both.
    """
    assert [int(t["epoch"]) for t in fit_r["trace"]] == at
    assert [t["epoch"] for t in fit_py["trace"]] == at
    for t_r, t_py in zip(fit_r["trace"], fit_py["trace"]):
        yield from step_pairs(t_r, t_py, t_py["epoch"])
    yield "loss", None, np.atleast_1d(fit_r["loss"]), fit_py["loss"]
    yield "predictions", None, fit_r["predictions"], fit_py["predictions"]
    for k in ("lr", "validation_loss", "validation_score"):
        r_value, py_value = fit_r["history"][k], fit_py["history"][k]
        yield k, None, None if r_value is None else np.atleast_1d(r_value), py_value
    # the rows held out, drawn from the shared generator: the same rows
    rows_r, rows_py = fit_r["state"]["validation"], fit_py["state"]["validation"]
    yield "validation rows", None, None if rows_r is None else np.atleast_1d(rows_r), rows_py


def same_bits(a, b):
    """Return whether two float64 arrays hold the same bits (so 0.0 and -0.0 differ, and NaN equals NaN)."""
    a = np.ascontiguousarray(a, dtype=np.float64)
    b = np.ascontiguousarray(b, dtype=np.float64)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def compare(scenario, fit_r, fit_py, at, exact=False):
    """Record every R/Python pair under `scenario`; return the failures as text.

    Default mode: every value within TOLERANCE. Exact mode: every value the
    same bits, with no tolerance at all.
    """
    failures = []
    for k, where, a_r, a_py in pairs(fit_r, fit_py, at):
        failures += check_pair(scenario, k, where, a_r, a_py, exact)
    return failures


def check_pair(scenario, k, where, a_r, a_py, exact=False):
    """Record one R/Python pair; return its failure as a list of at most one text."""
    if a_py is None or a_r is None:
        if not (a_py is None and a_r is None):
            return ["%s at epoch %s: present in one language only" % (k, where)]
        return []
    a_r = np.asarray(a_r, dtype=np.float64)
    a_py = np.asarray(a_py, dtype=np.float64)
    if a_r.shape != a_py.shape:
        return ["%s at epoch %s: shape %s in R, %s in Python" % (k, where, a_r.shape, a_py.shape)]
    (EXACT if exact else RECORDS)[scenario, k].append((a_r.ravel(), a_py.ravel()))
    if exact:
        if not same_bits(a_r, a_py):
            return ["%s at epoch %s: not bit-identical (max |R - Python| = %.3g)"
                    % (k, where, np.max(np.abs(a_r - a_py)))]
        return []
    d = np.max(np.abs(a_r - a_py)) if a_r.size else 0.0
    if not d <= TOLERANCE:
        return ["%s at epoch %s: max |R - Python| = %.3g" % (k, where, d)]
    return []


# Lockstep: R takes every step of a run and returns the weights before each
# (one row per epoch, every layer's W then b, column-major as R stores them),
# the loss of each step and the full intermediates of the epochs in `keep`.
R_LOCKSTEP = """
function(init, X, y, lr, epochs, keep, activation, output_activation, loss, decay) {
  if (!"wh" %in% names(init)) init <- unname(init)
  layers <- nnscratch::as_layers(init)
  flat <- function(layers) unlist(lapply(layers, function(l) c(l$W, l$b)))
  weights <- matrix(0, epochs + 1, length(flat(layers)))
  losses <- numeric(epochs)
  steps <- list()
  weights[1, ] <- flat(layers)
  for (e in seq_len(epochs)) {
    s <- nnscratch::train_step(layers, X, y, lr, activation, output_activation, loss, decay)
    if (e %in% keep) steps[[length(steps) + 1]] <- c(list(epoch = e), s)
    losses[e] <- s$loss
    layers <- s$layers
    weights[e + 1, ] <- flat(layers)
  }
  list(weights = weights, loss = losses, steps = steps)
}
"""


def unflatten(row, shapes):
    """Return the layers of one row of R_LOCKSTEP's weights, given each layer's (W shape, has b)."""
    layers, i = [], 0
    for (p, q), bias in shapes:
        W = row[i:i + p * q].reshape((p, q), order="F")
        i += p * q
        b = None
        if bias:
            b = row[i:i + q].reshape(1, q)
            i += q
        layers.append({"W": W, "b": b})
    return layers


def lockstep(r_lockstep, scenario, s, epochs, keep):
    """Replay in Python, from the weights R reached at each epoch, that epoch's step; return the failures.

    Each step's updated weights and loss are compared with R's for every
    epoch, and all its intermediates at the epochs in `keep`.
    """
    layers = nn.as_layers(s["init"])
    shapes = [(layer["W"].shape, layer["b"] is not None) for layer in layers]
    out = to_py(r_lockstep(
        to_r(s["init"]), to_r(s["X"]), to_r(s["y"]), float(s["lr"]), int(epochs), to_r(keep),
        s["activation"], s["output_activation"], s["loss"], float(s["decay"]),
    ))
    weights, losses = out["weights"], np.atleast_1d(out["loss"])
    steps = {int(t["epoch"]): t for t in out["steps"]} if out["steps"] else {}
    assert sorted(steps) == sorted(keep)
    hidden = len(layers) - 1
    network = {"activation": [s["activation"]] * hidden, "output_activation": s["output_activation"],
               "loss": s["loss"], "reduction": "sum", "decay": s["decay"], "exact": False, "optimizer": "sgd"}
    failures, max_abs, values = [], 0.0, 0
    for e in range(1, epochs + 1):
        start = unflatten(weights[e - 1], shapes)
        step = {k: v for k, v in train_step_layers(start, s["X"], s["y"], s["lr"], network).items() if k in STEP_KEYS}
        after = np.concatenate([np.concatenate([layer["W"].ravel(order="F")]
                                               + ([layer["b"].ravel()] if layer["b"] is not None else []))
                                for layer in step["layers"]])
        d = max(np.max(np.abs(after - weights[e])), abs(step["loss"] - losses[e - 1]))
        values += after.size + 1
        if e in steps:
            for k, where, a_r, a_py in step_pairs(steps[e], step, e):
                if a_r is None or a_py is None:
                    if not (a_r is None and a_py is None):
                        failures.append("%s at epoch %s: present in one language only" % (k, where))
                    continue
                a_r, a_py = np.asarray(a_r, dtype=np.float64), np.asarray(a_py, dtype=np.float64)
                d = max(d, np.max(np.abs(a_r - a_py)) if a_r.size else 0.0)
                values += a_r.size
        max_abs = max(max_abs, d)
        if not d <= TOLERANCE:
            failures.append("epoch %d: max |R - Python| = %.3g over one step" % (e, d))
    LOCKSTEP[scenario] = {"epochs": epochs, "values": values, "max_abs": float(max_abs)}
    return failures


# The random networks of the sweep, drawn in Python with a fixed seed, so
# every run checks the same ones: depth 1 to 3, every hidden activation,
# every output with every loss it takes, with and without biases and decay.
# Each is sent to R as float64.
N_CASES = 36
EPOCHS = 200
ACTIVATIONS = ("sigmoid", "tanh", "relu")
# Every output with the losses it takes (log_loss needs probabilities).
OUTPUTS = (
    ("sigmoid", "half_sse"), ("sigmoid", "half_mse"), ("sigmoid", "log_loss"),
    ("softmax", "half_sse"), ("softmax", "half_mse"), ("softmax", "log_loss"),
    ("identity", "half_sse"), ("identity", "half_mse"),
)


def draw_cases(seed=20240501):
    """Return pytest params (X, y, init, lr, options): case i has depth 1 + i % 3, activation (i // 3) % 3 and
    output and loss i % 8, so each depth meets each activation four times and each output and loss four or
    five times."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(N_CASES):
        depth = 1 + i % 3
        activation = ACTIVATIONS[(i // 3) % 3]
        output, loss = OUTPUTS[i % len(OUTPUTS)]
        n, p = (int(v) for v in rng.integers(1, [21, 9]))
        hidden = [int(h) for h in rng.integers(1, 9, size=depth)]
        o = int(rng.integers(2, 5)) if output == "softmax" else int(rng.integers(1, 5))
        bias = bool(i % 2)
        decay = 0.01 if i % 5 == 0 else 0.0
        X = rng.normal(size=(n, p))
        if output == "softmax":
            y = np.eye(o)[rng.integers(0, o, size=n)]
        elif output == "sigmoid" and loss == "log_loss":
            y = (rng.uniform(size=(n, o)) > 0.5).astype(float)
        elif output == "sigmoid":
            y = rng.uniform(size=(n, o))
        else:
            y = rng.normal(size=(n, o))
        sizes = [p, *hidden, o]
        layers = [{"W": rng.normal(size=(a, b)) / np.sqrt(a), "b": rng.uniform(size=(1, b)) if bias else None}
                  for a, b in zip(sizes[:-1], sizes[1:])]
        # The article's network as its params, the others as layers.
        init = {"wh": layers[0]["W"], "bh": layers[0]["b"], "wout": layers[1]["W"], "bout": layers[1]["b"]} \
            if depth == 1 else layers
        # Sums over the samples: a smaller step for the unbounded identity
        # output. Above about lr = 0.05, one of these relu networks crosses
        # its kinks in ways that grow a last-bit difference past 1e-12 in 200
        # epochs: chaos, not a wrong step, but it would hide one.
        lr = float(10 ** rng.uniform(-2.5, -1.5 if output == "identity" else -1.3))
        options = {"activation": activation, "output_activation": output, "loss": loss, "decay": decay}
        cases.append(pytest.param(X, y, init, lr, options, id="%d-%s-%s-%s-n%d-p%d-h%s-o%d-%s%s-lr%.3g" % (
            i, activation, output, loss, n, p, "x".join(map(str, hidden)), o, "bias" if bias else "nobias",
            "-decay" if decay else "", lr)))
    return cases


# (scenario, batch size, epochs): SGD and mini-batches on small data, with
# biases and without, one output and three, a last batch smaller than the
# others (football: 15 = 4 + 4 + 4 + 3; blobs: 300 = 7 * 42 + 6), and a
# network of two hidden layers with softmax.
BATCH_CASES = [
    ("article", 1, 2000),
    ("part2_toy", 1, 1000),
    ("article", 2, 2000),
    ("football", 4, 2000),
    ("blobs", 42, 500),
    ("blobs_deep", 50, 200),
]


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
        "max_abs": float(np.max(np.abs(a - b))) if a.size else 0.0,
        "max_ulp": int(np.max(ulp_distance(a, b))) if a.size else 0,
        "identical": float(np.mean(same)) if a.size else 1.0,
    }
