"""Random networks of depth 1 to 3, every activation, output and loss: R and Python agree at every step.

Default mode, within 1e-12; test_parity_exact.py runs the same cases bit
for bit in exact mode.
"""

import numpy as np
import pytest

from parity import EPOCHS, N_CASES, R_TRAIN, compare, draw_cases, train_both


@pytest.fixture(scope="module")
def r_train(r):
    import rpy2.robjects as ro

    return ro.r(R_TRAIN)


@pytest.mark.parametrize("X, y, init, lr, options", draw_cases())
def test_random_network_agrees_at_every_step(r_train, X, y, init, lr, options):
    fit_r, fit_py, at = train_both(r_train, init, X, y, lr, EPOCHS, **options)
    assert np.all(np.isfinite(fit_py["loss"]))
    failures = compare("sweep (%d random networks)" % N_CASES, fit_r, fit_py, at)
    assert not failures, "\n".join(failures[:20])
