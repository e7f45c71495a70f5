import numpy as np
import pytest

import nnscratch as nn

s = nn.load_scenario("article")


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=__import__("re").escape(fragment))


def test_non_numeric_X_or_y_is_rejected_by_name():
    with nn_error("`X` must be a numeric matrix, not a 3 x 4 matrix of strings."):
        nn.train(s["init"], np.full((3, 4), "a"), s["y"], 0.1, 10)
    with nn_error("`y` must be a numeric matrix, not a text vector of length 3."):
        nn.train(s["init"], s["X"], ["1", "1", "0"], 0.1, 10)
    with nn_error("`X` must be a numeric matrix, not a 3 x 4 matrix of logical values."):
        nn.train(s["init"], s["X"] > 0, s["y"], 0.1, 10)
    with nn_error("`X` must be a numeric matrix, not NULL."):
        nn.train(s["init"], None, s["y"], 0.1, 10)


def test_nan_and_inf_are_rejected_with_their_place():
    for bad in (np.nan, np.inf, -np.inf):
        X = s["X"].copy()
        X[1, 2] = bad
        with nn_error("`X` must not contain NA, NaN or Inf; found"):
            nn.train(s["init"], X, s["y"], 0.1, 10)
        with nn_error("at row 2, column 3."):
            nn.train(s["init"], X, s["y"], 0.1, 10)
    y = s["y"].copy()
    y[2, 0] = np.nan
    with nn_error("`y` must not contain NA, NaN or Inf; found NaN at row 3, column 1."):
        nn.train_step(s["init"], s["X"], y, 0.1)


def test_zero_rows_and_mismatched_rows_are_rejected():
    with nn_error("`X` must have at least one row."):
        nn.train(s["init"], s["X"][:0], s["y"][:0], 0.1, 10)
    with nn_error("`y` must have as many rows as `X` (3), not 2."):
        nn.train(s["init"], s["X"], [1, 0], 0.1, 10)


def test_y_outside_0_1_is_rejected():
    with nn_error("`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 2, column 1."):
        nn.train(s["init"], s["X"], [1, 2, 0], 0.1, 10)
    with nn_error("`y` must lie in [0, 1]"):
        nn.MLP().fit(s["X"], [-0.5, 1, 0])


def test_hidden_lr_and_epochs_are_checked():
    with nn_error("`hidden` must be a whole number from 1 to 2147483647, not 0."):
        nn.MLP(hidden=0).fit(s["X"], s["y"])
    with nn_error("`hidden` must be a whole number from 1 to 2147483647, not 2.5."):
        nn.MLP(hidden=2.5).fit(s["X"], s["y"])
    with nn_error("`hidden` must be a whole number from 1 to 2147483647, not NaN."):
        nn.MLP(hidden=float("nan")).fit(s["X"], s["y"])
    with nn_error("`lr` must be a positive number, not -1."):
        nn.train(s["init"], s["X"], s["y"], -1, 10)
    with nn_error("`lr` must be a positive number, not 0."):
        nn.train(s["init"], s["X"], s["y"], 0, 10)
    with nn_error('`lr` must be a positive number, not "0.1".'):
        nn.train(s["init"], s["X"], s["y"], "0.1", 10)
    with nn_error("`lr` must be a positive number, not NaN."):
        nn.train_step(s["init"], s["X"], s["y"], float("nan"))
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not 0."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 0)
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not 2.5."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 2.5)
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not Inf."):
        nn.train(s["init"], s["X"], s["y"], 0.1, float("inf"))
    with nn_error("`trace_every` must be a whole number from 0 to 2147483647, not -1."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 10, trace_every=-1)
    with nn_error("`trace_at` must be whole numbers from 1 to `epochs` (10)."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 10, trace_at=[11])


def test_initial_weights_of_the_wrong_shape_are_rejected():
    bad = dict(s["init"], wh=s["init"]["wh"].T)
    with nn_error("`wh` in `params` must have 4 rows, one per column of `X`, not 3."):
        nn.train(bad, s["X"], s["y"], 0.1, 10)
    bad = dict(s["init"], wout=np.ones((2, 1)))
    with nn_error("`wout` in `params` must be a 3 x 1 matrix, not 2 x 1."):
        nn.train(bad, s["X"], s["y"], 0.1, 10)
    bad = dict(s["init"], bh=np.array([1.0, 2.0]))
    with nn_error("`bh` in `params` must be a 1 x 3 matrix, not 1 x 2."):
        nn.train(bad, s["X"], s["y"], 0.1, 10)
    bad = dict(s["init"], bout=None)
    with nn_error("`params` must have both `bh` and `bout`, or neither."):
        nn.train(bad, s["X"], s["y"], 0.1, 10)
    with nn_error("`params` must be a list with matrices `wh` and `wout`"):
        nn.train({}, s["X"], s["y"], 0.1, 10)
    with nn_error("`wh` in `init` must have `hidden` (2) columns, not 3."):
        nn.MLP(hidden=2, init=s["init"]).fit(s["X"], s["y"])
    with nn_error("`init` must not have biases, as `bias` is FALSE."):
        nn.MLP(bias=False, init=s["init"]).fit(s["X"], s["y"])


def test_a_bias_given_as_a_1d_array_is_taken_as_one_row():
    init = dict(s["init"], bh=s["init"]["bh"].ravel())
    a = nn.train_step(init, s["X"], s["y"], 0.1)
    b = nn.train_step(s["init"], s["X"], s["y"], 0.1)
    for k in b:
        np.testing.assert_array_equal(a[k], b[k])


def test_predict_rejects_new_data_with_the_wrong_number_of_columns():
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], s["y"])
    with nn_error("`X` must have 4 columns, as the training data had, not 3."):
        model.predict(s["X"][:, :3])


def test_mlp_checks_seed_before_it_draws_or_shuffles_with_it():
    with nn_error("`seed` must be NULL or a whole number, not 1.5."):
        nn.MLP(init=s["init"], seed=1.5, epochs=2).fit(s["X"], s["y"])
    with nn_error("`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 3000000000."):
        nn.MLP(scheme="article_numpy", seed=3_000_000_000, batch_size=1, epochs=2).fit(s["X"], s["y"])
    # without mini-batches, numpy's wider seed range is fine
    nn.MLP(scheme="article_numpy", seed=3_000_000_000, epochs=2).fit(s["X"], s["y"])
