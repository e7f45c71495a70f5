"""Bad input: both languages reject it, with the same message.

Each case is one call, made with the same function name and the same
arguments in both languages. Where the whole messages may differ (how a value
or an argument is spelled in each language), the case names the part they
share and says why.
"""

import numpy as np
import pytest

import nnscratch as nn

from conftest import to_r

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
     "`X` must be a numeric matrix, not a", False),  # R: "a character matrix"; Python: its dtype
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
     "`hidden` must be whole numbers >= 1, one per hidden layer, not 0.", True),
    ("hidden 2.5", "mlp", dict(X=X, y=Y, hidden=2.5),
     "`hidden` must be whole numbers >= 1, one per hidden layer, not 2.5.", True),
    ("n_hidden 0", "init_params", dict(n_input=4, n_hidden=0, n_output=1, seed=1),
     "`n_hidden` must be whole numbers >= 1, one per hidden layer, not 0.", True),
    ("lr -1", "train", dict(params=INIT, X=X, y=Y, lr=-1.0, epochs=5),
     "`lr` must be a positive number, not -1.", True),
    ("lr 0", "train_step", dict(params=INIT, X=X, y=Y, lr=0.0),
     "`lr` must be a positive number, not 0.", True),
    ("lr Inf", "train", dict(params=INIT, X=X, y=Y, lr=np.inf, epochs=5),
     "`lr` must be a positive number, not Inf.", True),
    ("epochs 0", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=0),
     "`epochs` must be a positive whole number, not 0.", True),
    ("epochs 2.5", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=2.5),
     "`epochs` must be a positive whole number, not 2.5.", True),
    ("epochs -3", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=-3),
     "`epochs` must be a positive whole number, not -3.", True),
    # R names an element params$wh, Python params['wh'].
    ("wh rows", "train_step", dict(params=params(wh=INIT["wh"][:3]), X=X, y=Y, lr=0.1),
     "` must have 4 rows, one per column of `X`, not 3.", False),
    ("wout shape", "train", dict(params=params(wout=INIT["wout"][:2]), X=X, y=Y, lr=0.1, epochs=5),
     "` must be a 3 x 1 matrix, not 2 x 1.", False),
    ("bh shape", "forward", dict(params=params(bh=INIT["bh"][:, :2]), X=X),
     "` must be a 1 x 3 matrix, not 1 x 2.", False),
    ("bh only", "train_step", dict(params=params(bout=None), X=X, y=Y, lr=0.1),
     "`params` must have both `bh` and `bout`, or neither.", True),
    ("trace_at", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, trace_at=[0, 2]),
     "`trace_at` must be whole numbers from 1 to `epochs` (5).", True),
    ("trace_every -1", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, trace_every=-1.0),
     "`trace_every` must be a whole number >= 0, not -1.", True),
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
     "`verbose` must be a whole number >= 0, not -1.", True),
    ("progress 1", "train", dict(params=INIT, X=X, y=Y, lr=0.1, epochs=5, progress=1.0),
     "`progress` must be TRUE or FALSE, not 1.", True),
    ("bias yes", "mlp", dict(X=X, y=Y, bias="yes"),
     '`bias` must be TRUE or FALSE, not "yes".', True),
    ("mlp seed 1.5", "mlp", dict(X=X, y=Y, init=INIT, seed=1.5),
     "`seed` must be NULL or a whole number, not 1.5.", True),
    ("scheme", "init_params", dict(n_input=4, n_hidden=3, n_output=1, scheme="x"),
     '`scheme` must be "article_r" or "article_numpy", not "x".', True),
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
  tryCatch({ predict(nnscratch::mlp(X, y, init = init, epochs = 2), newdata); "no error" },
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

    model = nn.MLP(init=INIT, epochs=2).fit(X, Y)
    with pytest.raises(nn.NnscratchError) as e:
        model.predict(X[:, :3])
    msg_r = str(ro.r(R_PREDICT)(to_r(X), to_r(Y), to_r(INIT), to_r(X[:, :3]))[0])
    assert PREDICT_FRAGMENT in str(e.value)
    assert PREDICT_FRAGMENT in msg_r
