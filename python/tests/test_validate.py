import numpy as np
import pandas as pd
import pytest

import nnscratch as nn
from nnscratch.validate import describe

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
    with nn_error("`init` must have hidden layers of 2 neurons, as `hidden` says, not 3."):
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


# describe()'s table, one row per kind; R's tests/testthat/test-validate.R
# holds the same rows for R's twins of these values.
DESCRIBE_TABLE = [
    (None, "NULL"),
    (len, "a function"),
    (lambda: pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), "a data frame with a text column `b`"),
    (lambda: pd.DataFrame({"a": [1.0, 2.0], "f": pd.Categorical(["u", "v"])}), "a data frame with a factor column `f`"),
    (lambda: pd.DataFrame({"a": [1, 2, 3], "b": [0.5, 1.5, 2.5]}), "a 3 x 2 data frame of numbers"),
    (lambda: pd.Categorical(["a", "b", "a"]), "a factor of length 3"),
    (lambda: pd.Series(["a", "b"], dtype="category"), "a factor of length 2"),
    ([1], "a list of length 1"),
    ({"wh": 1, "bh": 2}, "a list of length 2"),
    ((), "a list of length 0"),
    (np.full((3, 4), "a"), "a 3 x 4 matrix of strings"),
    (np.zeros((2, 2), dtype=bool), "a 2 x 2 matrix of logical values"),
    (np.array([[0.1]]), "a 1 x 1 matrix of numbers"),
    (np.array([[1j]]), "a 1 x 1 matrix of complex numbers"),
    (np.array([[1, "a"]], dtype=object), "a 1 x 2 matrix of values"),
    (np.zeros((2, 3, 4)), "a 2 x 3 x 4 array of numbers"),
    (lambda: pd.NA, "NA"),
    (True, "TRUE"),
    (np.bool_(False), "FALSE"),
    (0.1, "0.1"),
    (3, "3"),
    (np.int32(-7), "-7"),
    (1e20, "1e+20"),
    (-1e-4, "-0.0001"),
    (1 / 3, "0.333333333333333"),
    (-0.0, "-0"),
    (float("nan"), "NaN"),
    (float("inf"), "Inf"),
    (-np.inf, "-Inf"),
    (np.array(2.5), "2.5"),
    (10**400, "Inf"),
    ("abc", '"abc"'),
    (1j, "a complex number"),
    (np.array([1.0, 2.0, 3.0, 4.0]), "a numeric vector of length 4"),
    (np.array([0.1]), "0.1"),
    (np.array(["a"]), '"a"'),
    (np.array([], dtype=np.int64), "a numeric vector of length 0"),
    (np.array([True, False]), "a logical vector of length 2"),
    (np.array(["a", "b"]), "a text vector of length 2"),
    (np.array(["a", "b"], dtype=object), "a text vector of length 2"),
    (np.array([1j, 2j]), "a complex vector of length 2"),
    (lambda: pd.Series([1.0, 2.0, 3.0]), "a numeric vector of length 3"),
    (lambda: __import__("datetime").date(2024, 1, 1), "an object of class `date`"),
]


@pytest.mark.parametrize("value, text", DESCRIBE_TABLE, ids=[t for _, t in DESCRIBE_TABLE])
def test_describe_gives_the_text_of_its_table(value, text):
    if callable(value) and value is not len:
        value = value()
    assert describe(value) == text


def test_a_1x1_matrix_is_not_a_number_but_an_array_of_one_element_is():
    with nn_error("`lr` must be a positive number, not a 1 x 1 matrix of numbers."):
        nn.train(s["init"], s["X"], s["y"], np.array([[0.1]]), 10)
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not a 1 x 1 matrix of numbers."):
        nn.train(s["init"], s["X"], s["y"], 0.1, np.array([[10]]))
    with nn_error("`progress` must be TRUE or FALSE, not a 1 x 1 matrix of logical values."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 10, progress=np.array([[True]]))
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not a numeric vector of length 2."):
        nn.train(s["init"], s["X"], s["y"], 0.1, np.array([10, 20]))
    with nn_error("`lr` must be a positive number, not -1."):
        nn.train(s["init"], s["X"], s["y"], np.array([-1.0]), 10)
    # a 0-d or 1-d array of one number is a number, as R's vector of length 1 is
    a = nn.train(s["init"], s["X"], s["y"], np.array(0.1), np.array([3]), layout=np.array(["rows"]))
    b = nn.train(s["init"], s["X"], s["y"], 0.1, 3)
    np.testing.assert_array_equal(a["loss"], b["loss"])
    a = nn.train(s["init"], s["X"], s["y"], 0.1, 3, batch_size=1, seed=np.array([1]))
    b = nn.train(s["init"], s["X"], s["y"], 0.1, 3, batch_size=1, seed=1)
    np.testing.assert_array_equal(a["loss"], b["loss"])
    np.testing.assert_array_equal(nn.init_params(4, 3, 1, seed=np.array([5]))["wh"], nn.init_params(4, 3, 1, seed=5)["wh"])


def test_params_names_match_exactly():
    with nn_error("`params` must hold only `wh`, `bh`, `wout` and `bout`, not `whh`."):
        nn.train({**s["init"], "whh": s["init"]["wh"]}, s["X"], s["y"], 0.1, 10)
    renamed = {"wh_1": s["init"]["wh"], "wout": s["init"]["wout"]}
    with nn_error("`params` must hold only `wh`, `bh`, `wout` and `bout`, not `wh_1`."):
        nn.forward(renamed, s["X"])
    with nn_error("`init` must hold only `wh`, `bh`, `wout` and `bout`, not `W`."):
        nn.MLP(init={**s["init"], "W": 1}).fit(s["X"], s["y"])


def test_trace_every_above_epochs_keeps_the_first_and_the_last_epoch():
    fit = nn.train(s["init"], s["X"], s["y"], 0.1, 5, trace_every=10)
    assert [t["epoch"] for t in fit["trace"]] == [1, 5]
    assert len(nn.MLP(init=s["init"], epochs=5, trace_every=10).fit(s["X"], s["y"]).trace_) == 2


def test_a_data_frame_of_numbers_is_a_matrix_and_one_with_text_is_refused():
    frame = pd.DataFrame(s["X"], columns=["a", "b", "c", "d"])
    a = nn.train(s["init"], frame, s["y"], 0.1, 5)
    b = nn.train(s["init"], s["X"], s["y"], 0.1, 5)
    np.testing.assert_array_equal(a["loss"], b["loss"])
    wh = pd.DataFrame(s["init"]["wh"])
    np.testing.assert_array_equal(nn.forward({**s["init"], "wh": wh}, s["X"])["output"], nn.forward(s["init"], s["X"])["output"])
    with nn_error("`X` must be a numeric matrix, not a data frame with a text column `b`."):
        nn.train(s["init"], pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), s["y"], 0.1, 5)


def test_one_row_of_X_takes_one_number_as_y():
    X1 = s["X"][:1]
    a = nn.train(s["init"], X1, 1.0, 0.1, 5)
    b = nn.train(s["init"], X1, np.array([[1.0]]), 0.1, 5)
    np.testing.assert_array_equal(a["loss"], b["loss"])
    with nn_error("`y` must have as many rows as `X` (3), not 1."):
        nn.train(s["init"], s["X"], 1.0, 0.1, 5)


def test_scheme_is_checked_when_init_is_given():
    with nn_error('`scheme` must be "article_r", "article_numpy", "glorot_r", "glorot_numpy", "he_r", "he_numpy" '
                  'or "sklearn", not "bogus".'):
        nn.MLP(init=s["init"], scheme="bogus", epochs=2).fit(s["X"], s["y"])


def test_counts_have_an_upper_bound_checked_before_allocation():
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not 1000000000000."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 1e12)
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not 2147483648."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 2**31)
    with nn_error("`hidden` must be a whole number from 1 to 2147483647, not 10000000000."):
        nn.MLP(hidden=1e10).fit(s["X"], s["y"])
    with nn_error("`n_hidden` must be a whole number from 1 to 2147483647, not 10000000000."):
        nn.init_params(4, 1e10, 1)
    with nn_error("`trace_every` must be a whole number from 0 to 2147483647, not 2147483648."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 5, trace_every=2**31)
    with nn_error("`verbose` must be a whole number from 0 to 2147483647, not 2147483648."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 5, verbose=2**31)
    with nn_error("`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not 4."):
        nn.train(s["init"], s["X"], s["y"], 0.1, 5, batch_size=4)


def test_a_run_larger_than_the_memory_is_refused_with_the_figure(monkeypatch):
    from nnscratch import validate

    # 1 GB of memory: 3 samples, 4 inputs, 3 hidden, 1 output and 2e8 epochs
    # keep 8 bytes of loss per epoch, 1.6 GB, and 3 traced epochs of
    # 5 * 3 * (3 + 1) + 19 doubles each, plus the copies of X and y.
    monkeypatch.setattr(validate, "total_memory", lambda: 1e9)
    need = 8 * (2e8 + 2 * 3 * 5 + 3 * (5 * 3 * 4 + 19))
    with nn_error(
        "Training would need about %.1f GB of memory (n = 3, p = 4, hidden = 3, outputs = 1, "
        "epochs = 200000000, traced epochs = 2), more than the 1.0 GB this machine has." % (need / 1e9)
    ):
        nn.train(s["init"], s["X"], s["y"], 0.1, 2e8, trace_every=2e8)
    # (4 + 1) * 2e7 + (2e7 + 1) * 1 weights, drawn and then shaped: 2 * 8 bytes each
    with nn_error("Drawing the initial weights would need about 1.9 GB of memory (n_input = 4, n_hidden = 20000000, n_output = 1)"):
        nn.init_params(4, 2e7, 1)
    # the memory is read from /proc/meminfo's first line, MemTotal in kB
    monkeypatch.undo()
    with open("/proc/meminfo") as f:
        kb = float(f.readline().split()[1])
    assert validate.total_memory() == kb * 1024


def test_sigmoid_and_its_derivative_take_numbers_of_any_shape_only():
    for f in (nn.sigmoid, nn.derivatives_sigmoid):
        bad_values = (
            ("a", '"a"'), (None, "NULL"), (True, "TRUE"), (np.array(["a", "b"]), "a text vector of length 2"),
            (1j, "a complex number"), (pd.DataFrame({"a": [1.0]}), "a 1 x 1 data frame of numbers"),
        )
        for bad, shown in bad_values:
            with nn_error("`x` must be numeric (a number, a vector, a matrix or an array), not %s." % shown):
                f(bad)
        assert np.shape(f(np.zeros((2, 3, 4)))) == (2, 3, 4)
    assert nn.sigmoid(0) == 0.5
    assert nn.derivatives_sigmoid(0.5) == 0.25
