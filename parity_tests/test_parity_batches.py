"""Mini-batches and SGD in R and in Python: the same shuffled order, every step of every traced epoch agrees."""

import pytest

import nnscratch as nn

from conftest import to_py, to_r
from parity import compare, trace_epochs

# train() with a batch size and a seed, and forward(), in one R call.
R_TRAIN_BATCHES = """
function(init, X, y, lr, epochs, trace_at, batch_size, seed) {
  fit <- nnscratch::train(init, X, y, lr, epochs, trace_at = trace_at,
                          batch_size = batch_size, seed = seed)
  fit$predictions <- nnscratch::forward(fit$params, X)$output
  fit
}
"""

# (scenario, batch size, epochs): SGD and mini-batches on small data, with
# biases and without, one output and three, a last batch smaller than the
# others (football: 15 = 4 + 4 + 4 + 3; blobs: 300 = 7 * 42 + 6).
CASES = [
    ("article", 1, 2000),
    ("part2_toy", 1, 1000),
    ("article", 2, 2000),
    ("football", 4, 2000),
    ("blobs", 42, 500),
]


@pytest.mark.parametrize("name, batch_size, epochs", CASES)
def test_batches_agree_at_every_step_of_every_traced_epoch(r, name, batch_size, epochs):
    import rpy2.robjects as ro

    s = nn.load_scenario(name)
    at = trace_epochs(epochs)
    fit_r = to_py(ro.r(R_TRAIN_BATCHES)(
        to_r(s["init"]), to_r(s["X"]), to_r(s["y"]), float(s["lr"]), epochs, to_r(at), batch_size, 42,
    ))
    fit_py = nn.train(s["init"], s["X"], s["y"], s["lr"], epochs, trace_at=at, batch_size=batch_size, seed=42)
    fit_py["predictions"] = nn.forward(fit_py["params"], s["X"])["output"]
    failures = compare("%s, batch_size %d" % (name, batch_size), fit_r, fit_py, at)
    assert not failures, "\n".join(failures[:20])
