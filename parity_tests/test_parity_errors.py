"""Bad input: both languages reject it, with the same message.

Each case is one call, made with the same function name and the same
arguments in both languages. Where the whole messages may differ (R has NA,
numpy only NaN), the case names the part they share and says why.

Then describe(), the one vocabulary of both languages, is sent the same
kinds of value in both; and each rule that once differed between the twins
is shown to give one behaviour. test_battery.py holds the larger battery.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import nnscratch as nn
from nnscratch.validate import describe

from bad_values import V, matrix, named, num, r_call, run_python, run_r, text
from conftest import to_py, to_r

# R's NA_real_ is a NaN with the payload 1954; numpy keeps the payload, so R
# receives NA while Python sees NaN.
R_NA = np.array([0x7FF00000000007A2], dtype=np.uint64).view(np.float64)[0]

X = np.array([[1.0, 0, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1]])
Y = np.array([[1.0], [1], [0]])
INIT = nn.load_scenario("article")["init"]


def with_value(a, i, j, v):
    a = a.copy()
    a[i, j] = v
    return a


def params(**change):
    return {**INIT, **change}


# (id, function, arguments, message or shared fragment, whole message identical?)
CASES = [
    ("X character", "train_step", dict(params=INIT, X=np.full((3, 4), "a"), y=Y, lr=0.1),
     "`X` must be a numeric matrix, not a 3 x 4 matrix of strings.", True),
    ("X NA", "train_step", dict(params=INIT, X=with_value(X, 1, 2, R_NA), y=Y, lr=0.1),
     " at row 2, column 3.", False),  # R: "found NA"; Python has no NA: "found NaN"
    ("X NaN", "train_step", dict(params=INIT, X=with_value(X, 1, 2, np.nan), y=Y, lr=0.1),
     "`X` must not contain NA, NaN or Inf; found NaN at row 2, column 3.", True),
    ("X Inf", "forward", dict(params=INIT, X=with_value(X, 0, 3, -np.inf)),
     "`X` must not contain NA, NaN or Inf; found -Inf at row 1, column 4.", True),
    ("y Inf", "train", dict(params=INIT, X=X, y=with_value(Y, 2, 0, np.inf), lr=0.1, epochs=5),
     "`y` must not contain NA, NaN or Inf; found Inf at row 3, column 1.", True),
    ("X 0 rows", "train", dict(params=INIT, X=np.zeros((0, 4)), y=np.zeros((0, 1)), lr=0.1, epochs=5),
     "`X` must have at least one row.", True),
    ("y rows", "train", dict(params=INIT, X=X, y=Y[:2], lr=0.1, epochs=5),
     "`y` must have as many rows as `X` (3), not 2.", True),
    ("y above 1", "train_step", dict(params=INIT, X=X, y=with_value(Y, 1, 0, 2.0), lr=0.1),
     "`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 2, column 1.", True),
    ("y below 0", "train", dict(params=INIT, X=X, y=with_value(Y, 2, 0, -0.5), lr=0.1, epochs=5),
     "`y` must lie in [0, 1], the range of the sigmoid; found -0.5 at row 3, column 1.", True),
    ("hidden 0", "mlp", dict(X=X, y=Y, hidden=0),
     "`hidden` must be a whole number from 1 to 2147483647, not 0.", True),
    ("hidden 2.5", "mlp", dict(X=X, y=Y, hidden=2.5),
     "`hidden` must be a whole number from 1 to 2147483647, not 2.5.", True),
    ("n_hidden 0", "init_params", dict(n_input=4, n_hidden=0, n_output=1, seed=1),
     "`n_hidden` must be a whole number from 1 to 2147483647, not 0.", True),
    ("lr -1", "train", dict(params=INIT, X=X, y=Y, lr=-1.0, epochs=5),
     "`lr` must be a positive number, not -1.", True),
    ("lr 0", "train_step", dict(params=INIT, X=X, y=Y, lr=0.0),
     "`lr` must be a positive number, not 0.", True),
    ("lr Inf", "train", dict(params=INIT, X=X, y=Y, lr=np.inf, epochs=5),
     "`lr` must be a positive number, not Inf.", True),
    ("epochs 0", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=0),
     "`epochs` must be a whole number from 1 to 2147483647, not 0.", True),
    ("epochs 2.5", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=2.5),
     "`epochs` must be a whole number from 1 to 2147483647, not 2.5.", True),
    ("epochs -3", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=-3),
     "`epochs` must be a whole number from 1 to 2147483647, not -3.", True),
    ("wh rows", "train_step", dict(params=params(wh=INIT["wh"][:3]), X=X, y=Y, lr=0.1),
     "`wh` in `params` must have 4 rows, one per column of `X`, not 3.", True),
    ("wout shape", "train", dict(params=params(wout=INIT["wout"][:2]), X=X, y=Y, lr=0.1, epochs=5),
     "`wout` in `params` must be a 3 x 1 matrix, not 2 x 1.", True),
    ("bh shape", "forward", dict(params=params(bh=INIT["bh"][:, :2]), X=X),
     "`bh` in `params` must be a 1 x 3 matrix, not 1 x 2.", True),
    ("bh only", "train_step", dict(params=params(bout=None), X=X, y=Y, lr=0.1),
     "`params` must have both `bh` and `bout`, or neither.", True),
    ("trace_at", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, trace_at=[0, 2]),
     "`trace_at` must be whole numbers from 1 to `epochs` (5).", True),
    ("trace_every -1", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, trace_every=-1.0),
     "`trace_every` must be a whole number from 0 to 2147483647, not -1.", True),
    # a number that R's format() would print as -1e-04
    ("lr -1e-4", "train", dict(params=INIT, X=X, y=Y, lr=-1e-4, epochs=5),
     "`lr` must be a positive number, not -0.0001.", True),
    ("batch_size 0", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, batch_size=0.0),
     "`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not 0.", True),
    ("batch_size 4", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, batch_size=4.0),
     "`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not 4.", True),
    ("shuffle seed", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, batch_size=1.0, seed=3e9),
     "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 3000000000.", True),
    ("layout", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, layout="cols"),
     '`layout` must be "rows" or "columns", not "cols".', True),
    ("verbose -1", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, verbose=-1.0),
     "`verbose` must be a whole number from 0 to 2147483647, not -1.", True),
    ("progress 1", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, progress=1.0),
     "`progress` must be TRUE or FALSE, not 1.", True),
    ("bias yes", "mlp", dict(X=X, y=Y, bias="yes"),
     '`bias` must be TRUE or FALSE, not "yes".', True),
    ("mlp seed 1.5", "mlp", dict(X=X, y=Y, init=INIT, seed=1.5),
     "`seed` must be NULL or a whole number, not 1.5.", True),
    ("scheme", "init_params", dict(n_input=4, n_hidden=3, n_output=1, scheme="x"),
     '`scheme` must be "article_r", "article_numpy", "glorot_r", "glorot_numpy", "he_r", "he_numpy" or "sklearn", '
     'not "x".', True),
    ("init seed 1.5", "init_params", dict(n_input=4, n_hidden=3, n_output=1, seed=1.5),
     '`seed` must be NULL or a whole number from -2147483647 to 2147483647 for scheme "article_r", not 1.5.', True),
    ("numpy seed -1", "init_params", dict(n_input=4, n_hidden=3, n_output=1, seed=-1.0, scheme="article_numpy"),
     '`seed` must be NULL or a whole number from 0 to 4294967295 for scheme "article_numpy", not -1.', True),
]

# predict on a fitted model: R's method takes `newdata`, Python's `X`.
PREDICT_FRAGMENT = " must have 4 columns, as the training data had, not 3."

R_CATCH = """
function(f, args, dims) {
  for (k in names(dims)) dim(args[[k]]) <- dims[[k]]
  tryCatch({ do.call(f, args); "no error" },
           nnscratch_error = function(e) conditionMessage(e))
}
"""

R_PREDICT = """
function(X, y, init, newdata) {
  tryCatch({ predict(suppressWarnings(nnscratch::mlp(X, y, init = init, epochs = 2, hidden = 3,
                                                     output_activation = "sigmoid")), newdata); "no error" },
           nnscratch_error = function(e) conditionMessage(e))
}
"""


def call_r(r, fname, args):
    import rpy2.robjects as ro

    # numpy2ri sends a matrix of strings as a plain character vector; R_CATCH
    # gives it back its dimensions, so R sees a character matrix.
    strings = {k: v for k, v in args.items() if isinstance(v, np.ndarray) and v.dtype.kind == "U"}
    r_args = ro.r["list"](**{k: v.ravel(order="F") if k in strings else to_r(v) for k, v in args.items()})
    dims = ro.r["list"](**{k: np.array(v.shape, dtype=np.int32) for k, v in strings.items()})
    return str(ro.r(R_CATCH)(getattr(r, fname), r_args, dims)[0])


def call_python(fname, args):
    if fname == "mlp":
        args = dict(args)
        X_, y_ = args.pop("X"), args.pop("y")
        return nn.MLP(**args).fit(X_, y_)
    return getattr(nn, fname)(**args)


@pytest.mark.parametrize("fname, args, message, whole", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_both_languages_reject_it_with_the_same_message(r, fname, args, message, whole):
    with pytest.raises(nn.NnscratchError) as e:
        call_python(fname, args)
    msg_py = str(e.value)
    msg_r = call_r(r, fname, args)
    assert message in msg_py
    assert message in msg_r
    if whole:
        assert msg_r == msg_py


def test_predict_with_the_wrong_number_of_columns_is_rejected_by_both(r):
    import rpy2.robjects as ro

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLP(init=INIT, epochs=2).fit(X, Y)
    with pytest.raises(nn.NnscratchError) as e:
        model.predict(X[:, :3])
    msg_r = str(ro.r(R_PREDICT)(to_r(X), to_r(Y), to_r(INIT), to_r(X[:, :3]))[0])
    assert PREDICT_FRAGMENT in str(e.value)
    assert PREDICT_FRAGMENT in msg_r


# describe() in both languages: the same kind of value, the same words. The
# rows follow the table in validate.R / validate.py; R builds its value from
# the source on the right, and all of them go to R in one call.
DESCRIBE = [
    (None, "NULL"),
    (len, "sum"),
    (pd.DataFrame({"a": [1.0, 2, 3], "b": ["x", "y", "z"]}), 'data.frame(a = c(1, 2, 3), b = c("x", "y", "z"))'),
    (pd.DataFrame({"a": [1.0, 2], "f": pd.Categorical(["u", "v"])}), 'data.frame(a = c(1, 2), f = factor(c("u", "v")))'),
    (pd.DataFrame({"a": [1.0, 2], "l": [True, False]}), "data.frame(a = c(1, 2), l = c(TRUE, FALSE))"),
    (pd.DataFrame({"a": [1, 2, 3], "b": [0.5, 1.5, 2.5]}), "data.frame(a = 1:3, b = c(0.5, 1.5, 2.5))"),
    (pd.Categorical(["a", "b", "a"]), 'factor(c("a", "b", "a"))'),
    (pd.Series(["a", "b"], dtype="category"), 'factor(c("a", "b"))'),
    ([1.0], "list(1)"),
    ({"wh": 1.0, "bh": 2.0}, "list(wh = 1, bh = 2)"),
    ([], "list()"),
    (np.full((3, 4), "a"), 'matrix("a", 3, 4)'),
    (np.zeros((2, 2), dtype=bool), "matrix(FALSE, 2, 2)"),
    (np.array([[0.1]]), "matrix(0.1)"),
    (np.array([[1j]]), "matrix(1i)"),
    (np.array([[1, "a"]], dtype=object), 'matrix(list(1, "a"), 1, 2)'),
    (np.zeros((2, 3, 4)), "array(0, c(2, 3, 4))"),
    (pd.NA, "NA"),
    (pd.NA, "NA_real_"),
    (True, "TRUE"),
    (False, "FALSE"),
    (0.1, "0.1"),
    (3, "3L"),
    (np.int64(-7), "-7L"),
    (1e20, "1e20"),
    (-1e-4, "-1e-4"),
    (1 / 3, "1 / 3"),
    (2.0**31, "2^31"),
    (123456789012345678, "123456789012345678"),
    (-0.0, "-0"),
    (float("nan"), "NaN"),
    (float("inf"), "Inf"),
    (-np.inf, "-Inf"),
    (np.array(2.5), "2.5"),
    ("abc", '"abc"'),
    ("", '""'),
    (1j, "1i"),
    (np.array([1.0, 2, 3, 4]), "c(1, 2, 3, 4)"),
    (np.array([0.1]), "array(0.1)"),
    (np.array(["a"]), 'array("a")'),
    (np.array([[0.1, 0.2]]), "matrix(c(0.1, 0.2), 1)"),
    (np.array([], dtype=float), "numeric(0)"),
    (np.array([True, False]), "c(TRUE, FALSE)"),
    (np.array(["a", "b"]), 'c("a", "b")'),
    (np.array([1j, 2j]), "c(1i, 2i)"),
    (pd.Series([1.0, 2.0, 3.0]), "c(1, 2, 3)"),
]

R_DESCRIBE = "function(codes) vapply(codes, function(code) nnscratch:::describe(eval(parse(text = code))), '')"


def test_describe_gives_the_same_words_in_both_languages(r):
    import rpy2.robjects as ro

    r_text = list(ro.r(R_DESCRIBE)(ro.StrVector([code for _, code in DESCRIBE])))
    py_text = [describe(value) for value, _ in DESCRIBE]
    differ = [(code, a, b) for (_, code), a, b in zip(DESCRIBE, r_text, py_text) if a != b]
    assert not differ, "R and Python describe these differently: %s" % differ


# The rules that once differed between the twins. Each gives one behaviour:
# a refusal with one message, or the same numbers.
REFUSED = [
    # a scalar given as a 1 x 1 matrix
    ("lr 1 x 1", "train", dict(params=V(INIT, "init"), X=matrix(X), y=matrix(Y), lr=matrix([[0.1]]), epochs=num(5)),
     "`lr` must be a positive number, not a 1 x 1 matrix of numbers."),
    ("epochs 1 x 1", "train", dict(params=V(INIT, "init"), X=matrix(X), y=matrix(Y), lr=num(0.1), epochs=matrix([[5.0]])),
     "`epochs` must be a whole number from 1 to 2147483647, not a 1 x 1 matrix of numbers."),
    ("hidden 1 x 1", "mlp", dict(X=matrix(X), y=matrix(Y), hidden=matrix([[3.0]])),
     "`hidden` must be a whole number from 1 to 2147483647, not a 1 x 1 matrix of numbers."),
    # names in params match exactly
    ("wh_1", "forward", dict(params=named(wh_1=matrix(INIT["wh"]), wout=matrix(INIT["wout"])), X=matrix(X)),
     "`params` must hold only `wh`, `bh`, `wout` and `bout`, not `wh_1`."),
    ("whh", "train", dict(params=named(whh=matrix(INIT["wh"]), wout=matrix(INIT["wout"])), X=matrix(X), y=matrix(Y),
                          lr=num(0.1), epochs=num(5)),
     "`params` must hold only `wh`, `bh`, `wout` and `bout`, not `whh`."),
    ("init with an extra name", "mlp", dict(X=matrix(X), y=matrix(Y), init=named(**{k: matrix(v) for k, v in INIT.items()}, W=num(1))),
     "`init` must hold only `wh`, `bh`, `wout` and `bout`, not `W`."),
    # a data frame with a text column, as X and as a weight matrix
    ("X text data frame", "train", dict(params=V(INIT, "init"), X=V(pd.DataFrame({"a": [1.0, 2, 3], "b": ["x", "y", "z"]}),
                                                                     'data.frame(a = c(1, 2, 3), b = c("x", "y", "z"))'),
                                        y=matrix(Y), lr=num(0.1), epochs=num(5)),
     "`X` must be a numeric matrix, not a data frame with a text column `b`."),
    # one number as y for more than one row
    ("scalar y, 3 rows", "train", dict(params=V(INIT, "init"), X=matrix(X), y=num(1), lr=num(0.1), epochs=num(5)),
     "`y` must have as many rows as `X` (3), not 1."),
    # scheme is checked when init is given
    ("scheme with init", "mlp", dict(X=matrix(X), y=matrix(Y), init=V(INIT, "init"), scheme=text("bogus"), epochs=num(2)),
     '`scheme` must be "article_r", "article_numpy", "glorot_r", "glorot_numpy", "he_r", "he_numpy" or "sklearn", '
     'not "bogus".'),
    # bounds before allocation, and the argument named is the one given
    ("epochs 1e12", "train", dict(params=V(INIT, "init"), X=matrix(X), y=matrix(Y), lr=num(0.1), epochs=num(1e12)),
     "`epochs` must be a whole number from 1 to 2147483647, not 1000000000000."),
    ("hidden 1e10", "mlp", dict(X=matrix(X), y=matrix(Y), hidden=num(1e10)),
     "`hidden` must be a whole number from 1 to 2147483647, not 10000000000."),
    ("n_hidden 1e10", "init_params", dict(n_input=num(4), n_hidden=num(1e10), n_output=num(1)),
     "`n_hidden` must be a whole number from 1 to 2147483647, not 10000000000."),
    ("trace_every 2^31", "mlp", dict(X=matrix(X), y=matrix(Y), trace_every=num(2.0**31)),
     "`trace_every` must be a whole number from 0 to 2147483647, not 2147483648."),
    # sigmoid and derivatives_sigmoid check x
    ("sigmoid text", "sigmoid", dict(x=text("a")), '`x` must be numeric (a number, a vector, a matrix or an array), not "a".'),
    ("derivatives_sigmoid NULL", "derivatives_sigmoid", dict(x=V(None, "NULL")),
     "`x` must be numeric (a number, a vector, a matrix or an array), not NULL."),
]


def test_the_rules_that_differed_now_refuse_alike(r, tmp_path):
    model = nn.MLP(init=INIT, epochs=2).fit(X, Y)
    r_msgs, untouched = run_r([r_call(fname, args) for _, fname, args, _ in REFUSED], str(tmp_path))
    assert untouched
    for (case, fname, args, message), r_msg in zip(REFUSED, r_msgs):
        assert (case, run_python(fname, args, model)) == (case, message)
        assert (case, r_msg) == (case, message)


R_ACCEPTED = """
function(init, X, y) {
  frame_wh <- as.data.frame(init$wh)
  suppressWarnings(list(
    trace_long = nnscratch::train(init, X, y, 0.1, 5, trace_every = 10),
    mlp_trace_long = length(nnscratch::mlp(X, y, init = init, hidden = 3, output_activation = "sigmoid", epochs = 5,
                                           trace_every = 10)$trace),
    frame_X = nnscratch::train(init, as.data.frame(X), y, 0.1, 5)$loss,
    frame_wh = nnscratch::forward(list(wh = frame_wh, bh = init$bh, wout = init$wout, bout = init$bout), X)$output,
    one_row = nnscratch::train(init, X[1, , drop = FALSE], 1, 0.1, 5)$params
  ))
}
"""


def test_the_rules_that_differed_now_accept_alike(r):
    import rpy2.robjects as ro

    frame_wh = pd.DataFrame(INIT["wh"], columns=["h1", "h2", "h3"])
    got = to_py(ro.r(R_ACCEPTED)(to_r(INIT), to_r(X), to_r(Y)))
    # five epochs warn, in both languages, which is not what this checks
    warnings.simplefilter("ignore", nn.ConvergenceWarning)
    # trace_every above epochs keeps the first and the last epoch
    fit = nn.train(INIT, X, Y, 0.1, 5, trace_every=10)
    assert [t["epoch"] for t in fit["trace"]] == [int(t["epoch"]) for t in got["trace_long"]["trace"]] == [1, 5]
    np.testing.assert_array_equal(fit["loss"], got["trace_long"]["loss"])
    assert got["mlp_trace_long"] == len(nn.MLP(init=INIT, epochs=5, trace_every=10).fit(X, Y).trace_) == 2
    # a data frame of numbers is its matrix, as X and as a weight matrix
    np.testing.assert_array_equal(nn.train(INIT, pd.DataFrame(X), Y, 0.1, 5)["loss"], got["frame_X"])
    np.testing.assert_array_equal(nn.forward({**INIT, "wh": frame_wh}, X)["output"], got["frame_wh"])
    # one row of X, and one number as its y
    one_row = nn.train(INIT, X[:1], 1.0, 0.1, 5)["params"]
    for k in ("wh", "bh", "wout", "bout"):
        np.testing.assert_array_equal(one_row[k], np.asarray(got["one_row"][k]).reshape(one_row[k].shape))

