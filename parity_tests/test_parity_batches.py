"""Mini-batches and SGD in R and in Python: the same shuffled order, every step of every traced epoch agrees.

Default mode within 1e-12 here; test_parity_exact.py runs the same cases bit
for bit in exact mode.
"""

import pytest

import nnscratch as nn

from parity import BATCH_CASES, R_TRAIN, compare, settings, train_both


@pytest.fixture(scope="module")
def r_train(r):
    import rpy2.robjects as ro

    return ro.r(R_TRAIN)


@pytest.mark.parametrize("name, batch_size, epochs", BATCH_CASES)
def test_batches_agree_at_every_step_of_every_traced_epoch(r_train, name, batch_size, epochs):
    s = nn.load_scenario(name)
    fit_r, fit_py, at = train_both(r_train, s["init"], s["X"], s["y"], s["lr"], epochs,
                                   batch_size=batch_size, seed=42, **settings(s))
    failures = compare("%s, batch_size %d" % (name, batch_size), fit_r, fit_py, at)
    assert not failures, "\n".join(failures[:20])
