"""Random shapes and learning rates, with and without biases: R and Python agree at every step.

The cases are drawn in Python with a fixed seed, so every run checks the same
ones; each is sent to R as float64.
"""

import numpy as np
import pytest

from parity import R_TRAIN, compare, train_both

N_CASES = 32
EPOCHS = 200


def draw_cases(seed=20240501):
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(N_CASES):
        n, p, h, o = rng.integers(1, [21, 9, 9, 5])
        bias = bool(i % 2)
        lr = float(10 ** rng.uniform(-2, 0.3))
        X = rng.normal(size=(n, p))
        y = rng.uniform(size=(n, o))
        init = {
            "wh": rng.normal(size=(p, h)),
            "bh": rng.uniform(size=(1, h)) if bias else None,
            "wout": rng.normal(size=(h, o)),
            "bout": rng.uniform(size=(1, o)) if bias else None,
        }
        cases.append(pytest.param(X, y, init, lr, id="n%d-p%d-h%d-o%d-%s-lr%.3g" % (
            n, p, h, o, "bias" if bias else "nobias", lr)))
    return cases


@pytest.fixture(scope="module")
def r_train(r):
    import rpy2.robjects as ro

    return ro.r(R_TRAIN)


@pytest.mark.parametrize("X, y, init, lr", draw_cases())
def test_random_network_agrees_at_every_step(r_train, X, y, init, lr):
    fit_r, fit_py, at = train_both(r_train, init, X, y, lr, EPOCHS)
    failures = compare("sweep (%d random networks)" % N_CASES, fit_r, fit_py, at)
    assert not failures, "\n".join(failures[:20])
