"""Values written once for both languages, and one R call that runs many cases.

A value is a pair: the Python object and the R source of its twin, as
validate.py's describe() table pairs them (a 2-d array and a matrix, a dict
and a named list, a Categorical and a factor, ...). numpy2ri cannot carry
every kind (a factor, a data frame of text, a 1 x 1 matrix against a number),
so R builds its value from source. Numbers are written in hexadecimal, which
R reads exactly.
"""

from __future__ import annotations

import copy
import json
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

import nnscratch as nn


@dataclass(frozen=True)
class V:
    """A value in both languages: `py`, the Python object; `r`, R source that builds its twin."""

    py: Any
    r: str

    def fresh(self) -> Any:
        return copy.deepcopy(self.py)


def r_num(x: float) -> str:
    """Return R source for the double `x`, exactly (hexadecimal, which R's parser reads bit for bit)."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    if x == int(x) and abs(x) < 2**53:
        return "%d" % x if x != 0 or math.copysign(1, x) > 0 else "-0"
    return "(%s)" % x.hex()


def r_str(s: str) -> str:
    # JSON's escapes (\", \\, \n, \uXXXX) are R's too.
    return json.dumps(s)


def num(x: float) -> V:
    return V(float(x), r_num(x))


def text(s: str) -> V:
    return V(s, r_str(s))


def matrix(a: Any) -> V:
    """A 2-d array and R's matrix with the same elements (R fills by column)."""
    a = np.asarray(a)
    if a.dtype.kind in "US":
        items = ", ".join(r_str(str(v)) for v in a.ravel(order="F"))
    elif a.dtype.kind == "b":
        items = ", ".join("TRUE" if v else "FALSE" for v in a.ravel(order="F"))
    else:
        items = ", ".join(r_num(v) for v in a.astype(np.float64).ravel(order="F"))
    return V(a, "matrix(c(%s), %d, %d)" % (items, a.shape[0], a.shape[1]) if a.size else
             "matrix(numeric(0), %d, %d)" % a.shape)


def vector(values: list) -> V:
    """A 1-d array and R's atomic vector."""
    a = np.asarray(values)
    if a.dtype.kind in "US":
        items = ", ".join(r_str(str(v)) for v in a)
    elif a.dtype.kind == "b":
        items = ", ".join("TRUE" if v else "FALSE" for v in a)
    else:
        items = ", ".join(r_num(v) for v in a.astype(np.float64))
    return V(a, "c(%s)" % items)


def named(**items: V) -> V:
    """A dict and R's named list."""
    return V({k: v.py for k, v in items.items()}, "list(%s)" % ", ".join("%s = %s" % (k, v.r) for k, v in items.items()))


def with_value(a: np.ndarray, i: int, j: int, v: float) -> V:
    a = np.array(a, dtype=np.float64)
    a[i, j] = v
    return matrix(a)


# The shared data: the article's scenario in both languages, and a model
# fitted to it for predict().
S = nn.load_scenario("article")
X = matrix(S["X"])
Y = matrix(S["y"])
INIT = V(S["init"], "init")
# mlp() with the article's settings as its defaults, as Python's MLP has them.
R_SETUP = """
s <- nnscratch::load_scenario("article")
init <- s$init
article <- list(hidden = 3, lr = 0.1, activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse",
                reduction = "sum", optimizer = "sgd", batch_size = NULL, scale = "none", decay = 0, tol = 0,
                n_iter_no_change = NULL, scheme = "article_r")
mlp <- function(X, y, ...) {
  given <- list(...)
  settings <- article
  settings[names(given)] <- given
  do.call(nnscratch::mlp, c(list(X, y), settings))
}
fit <- suppressWarnings(mlp(s$X, s$y, init = s$init, epochs = 2))
"""

# Run cases in R, all in one call: each element of `codes` is the source of
# one call. Returns one line per case: the nnscratch error's message, "no
# error", or another error; a warning on the way is appended to the line.
# The last element says whether R's random state and the working directory
# (a fresh, empty one) were left as they were.
R_RUN = """
function(codes, setup, dir) {
  old_wd <- setwd(dir)
  on.exit(setwd(old_wd))
  env <- new.env(parent = asNamespace("nnscratch"))
  eval(parse(text = setup), env)
  seed_before <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
  run <- function(code) {
    warned <- character(0)
    msg <- withCallingHandlers(
      tryCatch({ eval(parse(text = code), new.env(parent = env)); "no error" },
               nnscratch_error = function(e) conditionMessage(e),
               error = function(e) paste("R error:", conditionMessage(e))),
      warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
    if (length(warned)) paste0(msg, " [R warning: ", warned[1], "]") else msg
  }
  out <- vapply(codes, run, "", USE.NAMES = FALSE)
  seed_after <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
  untouched <- identical(seed_before, seed_after) && length(list.files(dir, all.files = TRUE, no.. = TRUE)) == 0
  c(out, if (untouched) "untouched" else "changed")
}
"""


def run_r(codes: list, directory: str) -> tuple:
    """Return (messages, untouched) for the R calls in `codes`, made in one call to R inside `directory`."""
    import rpy2.robjects as ro

    out = list(ro.r(R_RUN)(ro.StrVector(codes), R_SETUP, directory))
    return [str(m) for m in out[:-1]], out[-1] == "untouched"


def same(a: Any, b: Any) -> bool:
    """Whether two argument values are equal, NaN equal to NaN, pandas objects by .equals."""
    if hasattr(a, "equals"):
        return bool(a.equals(b))
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype and (
            bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a is b or a == b


def run_python(fname: str, args: dict, model: Any) -> str:
    """Make one call in Python; return the nnscratch error's message, "no error", or another error.

    Also checks that nothing was changed on the way: the arguments, the
    estimator of a failed fit (no fitted attribute), the fitted model of a
    failed predict, and numpy's global random state.
    """
    values = {k: v.fresh() for k, v in args.items()}
    before = {k: copy.deepcopy(v) for k, v in values.items()}
    state = np.random.get_state()
    weights = copy.deepcopy(model.coef())
    estimator = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if fname == "mlp":
                rest = dict(values)
                X_, y_ = rest.pop("X"), rest.pop("y")
                estimator = nn.MLP(**rest)
                estimator.fit(X_, y_)
            elif fname == "predict":
                model.predict(values["X"])
            else:
                getattr(nn, fname)(**values)
        msg = "no error"
    except nn.NnscratchError as e:
        msg = str(e)
    except Exception as e:  # reported, and fails the case
        msg = "Python error: %s: %s" % (type(e).__name__, e)
    changed = [k for k in values if not same(values[k], before[k])]
    if changed:
        msg += " [Python changed %s]" % ", ".join(changed)
    if estimator is not None and msg != "no error" and any(a.endswith("_") and not a.startswith("_") for a in vars(estimator)):
        msg += " [Python: the estimator kept fitted attributes]"
    if not same(model.coef(), weights):
        msg += " [Python: predict changed the model]"
    after = np.random.get_state()
    if not all(same(a, b) if isinstance(a, np.ndarray) else a == b for a, b in zip(state, after)):
        msg += " [Python: numpy's random state changed]"
    return msg


def r_call(fname: str, args: dict) -> str:
    """Return R source for the same call as run_python makes."""
    if fname == "predict":
        return "predict(fit, %s)" % args["X"].r
    if fname == "mlp":
        rest = ", ".join("%s = %s" % (k, v.r) for k, v in args.items() if k not in ("X", "y"))
        return "mlp(%s, %s%s)" % (args["X"].r, args["y"].r, ", " + rest if rest else "")
    return "%s(%s)" % (fname, ", ".join("%s = %s" % (k, v.r) for k, v in args.items()))
