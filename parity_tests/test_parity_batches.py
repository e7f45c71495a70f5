"""Mini-batches and SGD in R and in Python: the same shuffled order, every step of every traced epoch agrees.

Default mode within 1e-12 here; test_parity_exact.py runs the same cases bit
for bit in exact mode.
"""

import pytest

import nnscratch as nn

from parity import R_TRAIN, compare, settings, train_both

# (scenario, batch size, epochs): SGD and mini-batches on small data, with
# biases and without, one output and three, a last batch smaller than the
# others (football: 15 = 4 + 4 + 4 + 3; blobs: 300 = 7 * 42 + 6), and a
# network of two hidden layers with softmax.
CASES = [
    ("article", 1, 2000),
    ("part2_toy", 1, 1000),
    ("article", 2, 2000),
    ("football", 4, 2000),
    ("blobs", 42, 500),
    ("blobs_deep", 50, 200),
]


@pytest.fixture(scope="module")
def r_train(r):
    import rpy2.robjects as ro

    return ro.r(R_TRAIN)


@pytest.mark.parametrize("name, batch_size, epochs", CASES)
def test_batches_agree_at_every_step_of_every_traced_epoch(r_train, name, batch_size, epochs):
    s = nn.load_scenario(name)
    fit_r, fit_py, at = train_both(r_train, s["init"], s["X"], s["y"], s["lr"], epochs,
                                   batch_size=batch_size, seed=42, **settings(s))
    failures = compare("%s, batch_size %d" % (name, batch_size), fit_r, fit_py, at)
    assert not failures, "\n".join(failures[:20])
