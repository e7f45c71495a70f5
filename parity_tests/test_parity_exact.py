"""Exact mode: R and Python give the same bits, at every step, with no tolerance at all.

With exact = TRUE every sum has one order in both languages (R's: double
products added one after another in long double) and exp, tanh and log are
the C library's, so every traced intermediate of every layer, the loss of
every epoch, the final weights and the predictions must hold the same bits.
Here: every scenario (moons' 10000 epochs included), SGD and mini-batches,
and the random sweep of depths, activations, outputs and losses.
"""

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.scenario import read_table

from parity import BATCH_CASES, EPOCHS, N_CASES, R_TRAIN, compare, draw_cases, same_bits, settings, train_both

SCENARIOS = [row["scenario"] for row in read_table("scenario_settings.csv")]


@pytest.fixture(scope="module")
def r_train(r):
    import rpy2.robjects as ro

    return ro.r(R_TRAIN)


@pytest.fixture(scope="module")
def moons(r_train):
    """The article's full moons run, 10000 epochs in exact mode, once in each language for the whole module."""
    s = nn.load_scenario("moons")
    return (s, *train_both(r_train, s["init"], s["X"], s["y"], s["lr"], s["epochs"], exact=True))


def test_the_full_moons_run_is_bit_identical(moons):
    _, fit_r, fit_py, at = moons
    assert len(fit_py["loss"]) == 10000
    failures = compare("moons", fit_r, fit_py, at, exact=True)
    assert not failures, "\n".join(failures[:20])
    # The final weights, the params returned, not only the last traced step's.
    for k in ("wh", "wout"):
        assert same_bits(fit_r["params"][k], fit_py["params"][k]), k


def test_moons_learns_and_both_languages_predict_the_same(moons):
    s, fit_r, fit_py, _ = moons
    right_r = (fit_r["predictions"] > 0.5) == s["y"]
    right_py = (fit_py["predictions"] > 0.5) == s["y"]
    assert np.mean(right_r) >= 0.98 and np.array_equal(right_r, right_py)


@pytest.mark.parametrize("name", [n for n in SCENARIOS if n != "moons"])
def test_every_scenario_is_bit_identical(r_train, name):
    s = nn.load_scenario(name)
    fit_r, fit_py, at = train_both(r_train, s["init"], s["X"], s["y"], s["lr"], s["epochs"], exact=True,
                                   **settings(s))
    failures = compare(name, fit_r, fit_py, at, exact=True)
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("name, batch_size, epochs", BATCH_CASES)
def test_batches_are_bit_identical(r_train, name, batch_size, epochs):
    s = nn.load_scenario(name)
    fit_r, fit_py, at = train_both(r_train, s["init"], s["X"], s["y"], s["lr"], epochs, exact=True,
                                   batch_size=batch_size, seed=42, **settings(s))
    failures = compare("%s, batch_size %d" % (name, batch_size), fit_r, fit_py, at, exact=True)
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("X, y, init, lr, options", draw_cases())
def test_random_network_is_bit_identical(r_train, X, y, init, lr, options):
    fit_r, fit_py, at = train_both(r_train, init, X, y, lr, EPOCHS, exact=True, **options)
    failures = compare("sweep (%d random networks)" % N_CASES, fit_r, fit_py, at, exact=True)
    assert not failures, "\n".join(failures[:20])


def test_same_bits_tells_zero_from_minus_zero():
    # np.array_equal and R's identical() take 0.0 and -0.0 as equal; the
    # bit-for-bit check does not.
    assert np.array_equal([0.0], [-0.0]) and not same_bits([0.0], [-0.0])
    assert same_bits([np.nan], [np.nan])
