"""train() runs a fast loop on preallocated arrays; it must give what a loop of train_step() gives.

Twin of tests/testthat/test-train-fast.R.
"""

import numpy as np
import pytest

import nnscratch as nn

# (n, p, h, o, bias); 500 x 300 makes the hidden layer span several of the
# row blocks the fast loop works in.
SHAPES = [(3, 4, 3, 1, True), (3, 4, 3, 1, False), (40, 2, 10, 1, True),
          (17, 5, 4, 3, False), (25, 3, 6, 2, True), (500, 3, 300, 2, True)]


def random_problem(n, p, h, o, bias, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.uniform(size=(n, o))
    params = {
        "wh": rng.standard_normal((p, h)), "bh": rng.uniform(size=(1, h)) if bias else None,
        "wout": rng.standard_normal((h, o)), "bout": rng.uniform(size=(1, o)) if bias else None,
    }
    return params, X, y


def step_loop(params, X, y, lr, epochs):
    """Return the weights and losses of `epochs` calls of train_step, one after the other."""
    loss = []
    for _ in range(epochs):
        step = nn.train_step(params, X, y, lr)
        loss.append(0.5 * np.sum(step["E"] ** 2))
        params = {name: step[name] for name in ("wh", "bh", "wout", "bout")}
    return params, np.array(loss)


def max_abs_diff(a, b):
    if a is None or b is None:
        assert a is None and b is None
        return 0.0
    return float(np.max(np.abs(a - b)))


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_train_equals_a_loop_of_train_step_over_50_epochs(shape):
    params, X, y = random_problem(*shape, seed=sum(shape[:4]))
    expected, expected_loss = step_loop(params, X, y, 0.5, 50)
    fit = nn.train(params, X, y, 0.5, 50)
    for name in ("wh", "bh", "wout", "bout"):
        assert max_abs_diff(fit["params"][name], expected[name]) <= 1e-12, name
    assert max_abs_diff(fit["loss"], expected_loss) <= 1e-12
    # the weights moved: the comparison is not of two copies of the start
    assert max_abs_diff(fit["params"]["wh"], params["wh"]) > 1e-6


def test_traced_epochs_in_between_change_nothing_and_keep_their_own_weights():
    params, X, y = random_problem(25, 3, 6, 2, True, seed=7)
    plain = nn.train(params, X, y, 0.5, 50)
    traced = nn.train(params, X, y, 0.5, 50, trace_at=[1, 10, 11, 30])
    for name in ("wh", "bh", "wout", "bout"):
        assert max_abs_diff(traced["params"][name], plain["params"][name]) <= 1e-12, name
    assert max_abs_diff(traced["loss"], plain["loss"]) <= 1e-12
    # later epochs must not have overwritten the weights the trace kept
    at10, _ = step_loop(params, X, y, 0.5, 10)
    assert max_abs_diff(traced["trace"][1]["wh"], at10["wh"]) <= 1e-12
    assert max_abs_diff(traced["trace"][1]["bout"], at10["bout"]) <= 1e-12


def test_train_leaves_the_callers_weights_as_they_were():
    params, X, y = random_problem(10, 2, 3, 1, True, seed=3)
    before = {k: v.copy() for k, v in params.items()}
    nn.train(params, X, y, 0.5, 5)
    for name in before:
        np.testing.assert_array_equal(params[name], before[name])
