"""The public boundary: every argument rule and coercion lives here, once.

The core (steps.py, train.py) trusts what it is given. R/validate.R holds the
same functions in the same order, with the same messages; the parity suite
sends the same bad values to both.
"""

from __future__ import annotations

import inspect
import numbers
from typing import Any, NoReturn, Optional, Sequence

import numpy as np


class NnscratchError(ValueError):
    """Bad input to a public nnscratch function; the message names the argument."""


def abort(msg: str, *args: Any) -> NoReturn:
    raise NnscratchError(msg % args)


# The largest whole number an argument that counts something may take: R's
# largest integer, so that both languages have the same bounds.
MAX_COUNT = 2147483647

# How a value is shown in a message. R/validate.R's describe() gives the same
# text for the same kind of value, and the parity suite checks that, value by
# value. The kinds, in the order they are tried:
#
#   value (R)                   value (Python)                       text
#   NULL                        None                                 NULL
#   a function                  a function or method                 a function
#   a data frame                a pandas DataFrame                   a data frame with a text column `b` (its
#                                                                      first column that is not numeric), or
#                                                                      a 3 x 2 data frame of numbers
#   a factor                    a pandas Categorical, or a Series    a factor of length 3
#                                 of dtype category
#   a list                      a list, tuple or dict                a list of length 1
#   a matrix (2 dimensions)     a 2-d array                          a 3 x 4 matrix of strings
#   an array of 3 or more       an array of 3 or more dimensions     a 2 x 3 x 4 array of numbers
#     dimensions
#   NA of any type              pandas.NA                            NA
#   TRUE or FALSE               a bool                               TRUE, FALSE
#   one number (a vector or a   an int, a float, a numpy number,     C's "%.15g": 0.1, 1e+20, -0, and NaN,
#     1-d array of length 1)      a 0-d or 1-d array of one number     Inf, -Inf
#   one string                  a str (or an array of one)           "abc", in double quotes
#   one complex number          a complex (or an array of one)       a complex number
#   a vector of another length  a 1-d array or a Series              a numeric vector of length 4
#   anything else               anything else                        an object of class `date`
#
# The type of the elements is said with one word per kind: numeric
# (integer or double), logical, text (character, str), complex, factor
# (a data frame's column only); the elements of a matrix or an array are
# numbers, logical values, strings, complex numbers, or values (a list
# matrix in R, a numpy array of mixed Python objects). A 1-d R array is a
# vector, and of length 1 a number, as a 1-d numpy array is. A numpy array of
# Python objects takes the kind its elements share (all str: text), and is
# a list when they share none.
def describe(x: Any) -> str:
    """Return how `x` is shown in a message, as R's describe() shows its twin (see the table above)."""
    if x is None:
        return "NULL"
    if inspect.isroutine(x):
        return "a function"
    if is_pandas(x) and type(x).__name__ == "DataFrame":
        return describe_data_frame(x)
    if is_factor(x):
        return "a factor of length %d" % len(x)
    if isinstance(x, (list, tuple, dict)):
        return "a list of length %d" % len(x)
    if is_pandas(x) and type(x).__name__ == "Series":
        x = series_values(x)
    if isinstance(x, np.ndarray):
        if x.ndim == 0 or (x.ndim == 1 and x.size == 1 and x.dtype.kind != "O"):
            return describe(x.reshape(()).item())
        kind = value_kind(x)
        if x.ndim >= 2:
            return "a %s %s of %s" % (
                " x ".join(str(d) for d in x.shape), "matrix" if x.ndim == 2 else "array", ELEMENT_NOUNS[kind]
            )
        if kind == "values":
            return "a list of length %d" % len(x)
        return "a %s vector of length %d" % (kind, len(x))
    if type(x).__name__ == "NAType":
        return "NA"
    if isinstance(x, (bool, np.bool_)):
        return "TRUE" if x else "FALSE"
    if isinstance(x, numbers.Real):
        return format_number(x)
    if isinstance(x, str):
        return '"%s"' % x
    if isinstance(x, numbers.Complex):
        return "a complex number"
    return "an object of class `%s`" % type(x).__name__


def label_text(label: Any) -> str:
    """Return a class label as R's as.character() writes it: TRUE and FALSE for booleans."""
    if isinstance(label, (bool, np.bool_)):
        return "TRUE" if label else "FALSE"
    return str(label)


def format_number(x: Any) -> str:
    """Format a number as R's sprintf("%.15g") does, NaN and the infinities included."""
    v = to_float(x)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return format(v, ".15g")


def to_float(x: Any) -> float:
    """Return a real number as a float; an int beyond the doubles becomes inf, as R reads it."""
    try:
        return float(x)
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


def value_kind(a: np.ndarray) -> str:
    """Return the kind of the elements of an array, as the table above names it."""
    k = a.dtype.kind
    if k == "b":
        return "logical"
    if k in "iuf":
        return "numeric"
    if k == "c":
        return "complex"
    if k in "US":
        return "text"
    items = a.ravel().tolist()
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        return "logical"
    if items and all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in items):
        return "numeric"
    if items and all(isinstance(v, str) for v in items):
        return "text"
    if items and all(isinstance(v, numbers.Complex) for v in items):
        return "complex"
    return "values"


ELEMENT_NOUNS = {
    "numeric": "numbers", "logical": "logical values", "text": "strings",
    "complex": "complex numbers", "values": "values",
}


def describe_data_frame(x: Any) -> str:
    for name in x.columns:
        column = x[name]
        kind = "factor" if is_factor(column) else value_kind(series_values(column))
        if kind != "numeric":
            if kind == "values":
                kind = str(column.dtype)
            return "a data frame with a %s column `%s`" % (kind, name)
    return "a %d x %d data frame of numbers" % x.shape


def is_pandas(x: Any) -> bool:
    """Whether `x` is a pandas object; pandas itself is never imported for this."""
    return type(x).__module__.split(".")[0] == "pandas"


def is_factor(x: Any) -> bool:
    """Whether `x` is R's factor in pandas: a Categorical, or a Series of dtype category."""
    return is_pandas(x) and (type(x).__name__ == "Categorical" or str(getattr(x, "dtype", "")) == "category")


def series_values(s: Any) -> np.ndarray:
    """Return the values of a pandas Series as numpy holds them: nullable numbers as floats, else objects."""
    try:
        return np.asarray(s.to_numpy())
    except (TypeError, ValueError):
        return np.asarray(list(s), dtype=object)


def quote_arg(arg: str) -> str:
    """Return the name of an argument as messages show it, in backticks; an element such as `wh` in `params` comes quoted."""
    return arg if "`" in arg else "`%s`" % arg


def element_arg(name: str, arg: str) -> str:
    """Return how messages name an element of a list argument, the same in both languages: "`wh` in `params`"."""
    return "`%s` in `%s`" % (name, arg)


def as_array(x: Any) -> Optional[np.ndarray]:
    """Return `x` as a numpy array, or None when it is not array-like.

    A pandas object is taken as numbers only when all its columns are
    numeric; a numpy array of Python numbers becomes float64.
    """
    if x is None or isinstance(x, (str, dict)) or is_factor(x):
        return None
    if is_pandas(x) and type(x).__name__ in ("DataFrame", "Series"):
        frame = x if x.ndim == 2 else x.to_frame()
        if any(is_factor(frame[c]) or value_kind(series_values(frame[c])) != "numeric" for c in frame.columns):
            return None
        return np.asarray(x.to_numpy(dtype=np.float64, na_value=np.nan))
    try:
        a = np.asarray(x)
    except (TypeError, ValueError):  # ragged lists
        return None
    if a.dtype.kind == "O" and a.size > 0 and value_kind(a) == "numeric":
        a = a.astype(np.float64)
    return a


def as_numeric_matrix(x: Any, arg: str, vector_ok: bool = False) -> np.ndarray:
    """Return `x` as a float64 matrix with at least one row and only finite values.

    A DataFrame of numbers is taken as its matrix (a DataFrame with another
    column is refused, naming that column). A 1-D array, or one number,
    becomes one column when `vector_ok` (for `y`).
    """
    # The words scikit-learn's estimator checks look for (sparse, "Complex
    # data not supported", "Reshape your data") are kept in these messages,
    # which R shares.
    if type(x).__module__.startswith("scipy.sparse"):
        abort("%s must be a dense numeric matrix; sparse input is not supported.", quote_arg(arg))
    a = as_array(x)
    if a is not None and vector_ok and a.ndim <= 1 and a.dtype.kind in "iuf":
        a = a.reshape(-1, 1)
    # a list is shown as the array it makes, as R shows its vector or matrix
    shown = a if a is not None and isinstance(x, (list, tuple)) else x
    if a is not None and a.dtype.kind == "c":
        abort("%s must be a numeric matrix of real numbers, not %s. Complex data not supported.", quote_arg(arg), describe(shown))
    if a is not None and a.ndim <= 1 and a.dtype.kind in "iuf":
        abort(
            "%s must be a numeric matrix, not %s. Reshape your data: one row per sample, one column per feature.",
            quote_arg(arg), describe(shown),
        )
    if a is None or a.ndim != 2 or a.dtype.kind not in "iuf":
        abort("%s must be a numeric matrix, not %s.", quote_arg(arg), describe(shown))
    a = np.array(a, dtype=np.float64)
    if a.shape[0] == 0:
        abort("%s must have at least one row.", quote_arg(arg))
    if a.shape[1] == 0:
        abort(
            "%s must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
            quote_arg(arg), a.shape[0],
        )
    bad = np.argwhere(~np.isfinite(a))
    if len(bad):
        i, j = bad[np.lexsort((bad[:, 0], bad[:, 1]))][0]
        abort(
            "%s must not contain NA, NaN or Inf; found %s at row %d, column %d.",
            quote_arg(arg), describe(a[i, j]), i + 1, j + 1,
        )
    return a


def check_y(y: Any, X: np.ndarray, output_activation: str = "sigmoid") -> np.ndarray:
    """Return y as an (n, o) matrix; outside an identity output its values must lie in [0, 1]."""
    y = as_numeric_matrix(y, "y", vector_ok=True)
    if y.shape[0] != X.shape[0]:
        abort("`y` must have as many rows as `X` (%d), not %d.", X.shape[0], y.shape[0])
    bad = np.argwhere((y < 0) | (y > 1)) if output_activation != "identity" else np.empty((0, 2))
    if len(bad):
        i, j = bad[np.lexsort((bad[:, 0], bad[:, 1]))][0]
        abort(
            "`y` must lie in [0, 1], the range of the %s; found %s at row %d, column %d. "
            "For a continuous target outside [0, 1], use the identity output.",
            output_activation, describe(y[i, j]), i + 1, j + 1,
        )
    return y


def check_numeric(x: Any, arg: str) -> Any:
    """Return `x` for sigmoid and derivatives_sigmoid: numbers of any shape.

    A number, a 1-D, 2-D or n-D array (or a list that makes one); NaN and
    inf are allowed, as the functions are defined there.
    """
    # a data frame is not numbers in R (is.numeric() is FALSE), nor here
    frame = is_pandas(x) and type(x).__name__ == "DataFrame"
    a = None if isinstance(x, (bool, np.bool_)) or frame else as_array(x)
    if a is None or a.dtype.kind not in "iuf":
        shown = a if a is not None and isinstance(x, (list, tuple)) else x
        abort("%s must be numeric (a number, a vector, a matrix or an array), not %s.", quote_arg(arg), describe(shown))
    return a if isinstance(x, (list, tuple)) else x


def scalar(x: Any) -> Any:
    """Return the one element of a 0-d or 1-d array of length 1 (R's vector of length 1), `x` itself otherwise."""
    return x.reshape(()).item() if isinstance(x, np.ndarray) and x.ndim <= 1 and x.size == 1 else x


def is_number(x: Any) -> bool:
    """Whether `x` is one number: not a bool, not NaN; a 0-d or 1-d array of one number is one, a (1, 1) array is not, as in R."""
    x = scalar(x)
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)) and not np.isnan(to_float(x))


def is_whole(x: Any) -> bool:
    x = scalar(x)
    return is_number(x) and bool(np.isfinite(to_float(x))) and to_float(x) == round(to_float(x))


def check_count(x: Any, arg: str, lo: int, hi: int = MAX_COUNT) -> int:
    """Return a whole number from `lo` to `hi`, the bound checked before anything is allocated for it."""
    x = scalar(x)
    if not is_whole(x) or x < lo or x > hi:
        abort("%s must be a whole number from %d to %d, not %s.", quote_arg(arg), lo, hi, describe(x))
    return int(x)


def check_hidden(hidden: Any, arg: str = "hidden") -> list:
    """Return the sizes of the hidden layers (`hidden` in MLP, `n_hidden` in init_params) as a list.

    One number, or one per hidden layer, each a whole number from 1 to 2147483647.
    """
    sizes = as_array(hidden) if isinstance(hidden, (list, tuple, np.ndarray)) else None
    if sizes is None or sizes.ndim > 1 or sizes.size == 0:
        # one number, or something else that check_count describes
        return [check_count(hidden, arg, 1)]
    if sizes.size == 1:
        return [check_count(sizes.reshape(()).item(), arg, 1)]
    if not all(is_whole(n) and 1 <= n <= MAX_COUNT for n in sizes.tolist()):
        abort("%s must be whole numbers from 1 to %d, one per hidden layer, not %s.", quote_arg(arg), MAX_COUNT, describe(hidden))
    return [int(n) for n in sizes.tolist()]


def check_lr(lr: Any) -> float:
    lr = scalar(lr)
    if not is_number(lr) or not np.isfinite(float(lr)) or lr <= 0:
        abort("`lr` must be a positive number, not %s.", describe(lr))
    return float(lr)


def check_epochs(epochs: Any) -> int:
    return check_count(epochs, "epochs", 1)


def check_trace_every(trace_every: Any) -> int:
    return check_count(trace_every, "trace_every", 0)


def check_flag(x: Any, arg: str) -> bool:
    x = scalar(x)
    if not isinstance(x, (bool, np.bool_)):
        abort("`%s` must be TRUE or FALSE, not %s.", arg, describe(x))
    return bool(x)


def check_layout(layout: Any) -> str:
    layout = scalar(layout)
    if not isinstance(layout, str) or layout not in ("rows", "columns"):
        abort('`layout` must be "rows" or "columns", not %s.', describe(layout))
    return layout


def check_batch_size(batch_size: Any, n: int) -> int:
    if batch_size is None:
        return n
    batch_size = scalar(batch_size)
    if not is_whole(batch_size) or batch_size < 1 or batch_size > n:
        abort(
            "`batch_size` must be NULL or a whole number from 1 to %d, the number of samples, not %s.",
            n, describe(batch_size),
        )
    return int(batch_size)


def check_shuffle_seed(seed: Any) -> Optional[int]:
    """Return one of the seeds R's set.seed() takes, or None."""
    seed = scalar(seed)
    if seed is not None and (not is_whole(seed) or abs(seed) > MAX_COUNT):
        abort("`seed` must be NULL or a whole number from -2147483647 to 2147483647, not %s.", describe(seed))
    return None if seed is None else int(seed)


def check_verbose(verbose: Any) -> int:
    return check_count(verbose, "verbose", 0)


def trace_epochs(epochs: int, every: int, at: Optional[Sequence[int]]) -> list:
    """Return the sorted epochs to keep: 1, every k-th and the last when k > 0, plus `at`.

    A `k` above `epochs` keeps the first and the last.
    """
    keep: list = []
    if at is not None:
        a = as_array(at)
        if (
            a is None
            or a.dtype.kind not in "iuf"
            or np.any(~np.isfinite(a)) or np.any(a != np.round(a))
            or np.any(a < 1) or np.any(a > epochs)
        ):
            abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs)
        keep = [int(e) for e in np.atleast_1d(a).ravel()]
    if every > 0:
        keep += [1, *range(every, epochs + 1, every), epochs]
    return sorted(set(keep))


def n_traced(epochs: int, every: int, at: Any) -> int:
    """Return how many epochs trace_epochs keeps at most, counted without building them, for check_memory."""
    # every k-th epoch, and the first and the last when they are not among them
    kept = 0 if every == 0 else epochs if every == 1 else epochs // every + 1 + (epochs % every != 0)
    return (0 if at is None else int(np.size(at))) + kept


def total_memory() -> float:
    """Return the memory of the machine in bytes (MemTotal of /proc/meminfo); inf where that file does not exist."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    return float("inf")


def run_bytes(n: int, p: int, hidden: Sequence[int], o: int, epochs: int = 0, kept: int = 0) -> float:
    """Return the bytes a run allocates, about.

    The loss per epoch, copies of X and y, and for the working step and each
    traced epoch the 5 (n, width) matrices of each layer (its input,
    activation, slope, error and delta) and the weights. `hidden` holds the
    widths of the hidden layers.
    """
    widths = [float(p), *(float(h) for h in hidden), float(o)]
    weights = sum((a + 1) * b for a, b in zip(widths[:-1], widths[1:]))
    step = 5 * n * (sum(widths[1:-1]) + o) + weights
    return 8 * (epochs + 2 * n * (p + o) + (kept + 1) * step)


def check_memory(need: float, what: str, sizes: str) -> None:
    """Refuse a run that would need more memory than the machine has, before anything is allocated."""
    total = total_memory()
    if need > total:
        abort(
            "%s would need about %.1f GB of memory (%s), more than the %.1f GB this machine has.",
            what, need / 1e9, sizes, total / 1e9,
        )


def check_run_memory(n: int, p: int, hidden: Sequence[int], o: int, epochs: int = 0, kept: int = 0) -> None:
    """check_memory for training: n samples, p inputs, hidden layers of the widths in `hidden`, o outputs,
    `epochs` epochs of which `kept` traced."""
    check_memory(
        run_bytes(n, p, hidden, o, epochs, kept), "Training",
        "n = %s, p = %s, hidden = %s, outputs = %s, epochs = %s, traced epochs = %s" % (
            count_text(n), count_text(p), ", ".join(count_text(h) for h in hidden), count_text(o),
            count_text(epochs), count_text(kept),
        ),
    )


def check_init_memory(n_input: int, n_hidden: Sequence[int], n_output: int) -> None:
    """check_memory for init_params: the weights of a network with these sizes, drawn once and then shaped."""
    check_memory(
        2 * run_bytes(0, n_input, n_hidden, n_output), "Drawing the initial weights",
        "n_input = %s, n_hidden = %s, n_output = %s" % (
            count_text(n_input), ", ".join(count_text(h) for h in n_hidden), count_text(n_output),
        ),
    )


def count_text(x: float) -> str:
    """Return a whole number as messages write it, in full (1e10 is 10000000000)."""
    return "%.0f" % x


def check_params(params: Any, p: int, o: Optional[int] = None, arg: str = "params") -> dict:
    """Return `params` as a dict wh, bh, wout, bout of float64 matrices.

    Their shapes must fit `p` inputs and `o` outputs (see the shapes table in
    the package docstring); `o=None` takes it from `wout`. A bias given as a
    1-D array becomes a one-row matrix. A key other than the four is an
    error, as an unknown name is in R.
    """
    known = ("wh", "bh", "wout", "bout")
    if not isinstance(params, dict):
        abort(
            "`%s` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a "
            "network with biases), not %s.",
            arg, describe(params),
        )
    unknown = [str(k) for k in params if k not in known]
    if unknown:
        abort(
            "`%s` must hold only `wh`, `bh`, `wout` and `bout`, not %s.",
            arg, ", ".join("`%s`" % k for k in unknown),
        )
    if params.get("wh") is None or params.get("wout") is None:
        abort(
            "`%s` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a "
            "network with biases), not %s.",
            arg, describe(params),
        )
    if (params.get("bh") is None) != (params.get("bout") is None):
        abort("`%s` must have both `bh` and `bout`, or neither.", arg)
    wh = as_numeric_matrix(params["wh"], element_arg("wh", arg))
    h = wh.shape[1]
    if wh.shape[0] != p:
        abort("%s must have %d rows, one per column of `X`, not %d.", element_arg("wh", arg), p, wh.shape[0])
    wout = as_numeric_matrix(params["wout"], element_arg("wout", arg))
    if o is None:
        o = wout.shape[1]
    check_shape(wout, element_arg("wout", arg), h, o)
    bh = bout = None
    if params.get("bh") is not None:
        bh = as_numeric_matrix(as_row(params["bh"]), element_arg("bh", arg))
        check_shape(bh, element_arg("bh", arg), 1, h)
        bout = as_numeric_matrix(as_row(params["bout"]), element_arg("bout", arg))
        check_shape(bout, element_arg("bout", arg), 1, o)
    return {"wh": wh, "bh": bh, "wout": wout, "bout": bout}


def as_row(b: Any) -> Any:
    a = as_array(b)
    return a.reshape(1, -1) if a is not None and a.ndim == 1 else b


def check_shape(x: np.ndarray, arg: str, rows: int, cols: int) -> None:
    if x.shape != (rows, cols):
        abort(
            "%s must be a %d x %d matrix, not %d x %d.",
            quote_arg(arg), rows, cols, x.shape[0], x.shape[1],
        )


# The network's shape and rules: layers, activations, loss, decay.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "softmax", "identity")
LOSS_NAMES = ("half_sse", "half_mse", "log_loss")


def check_network(params: Any, p: int, o: Optional[int] = None, arg: str = "params") -> tuple:
    """Return (layers, article): the network as a list of layers, and whether it came as the article's params.

    `params` is the article's dict (wh, bh, wout, bout) or a list of layers,
    each a dict with a matrix ``W`` (fan_in, fan_out) and a (1, fan_out)
    bias ``b`` or None; the first takes `p` inputs, the last gives `o`
    outputs (None: any).
    """
    # A list of layers is a list or a tuple (R: an unnamed list); anything
    # else is checked as the article's params.
    if isinstance(params, (list, tuple)) and len(params) > 0:
        return check_layers(params, p, o, arg), False
    article = check_params(params, p, o, arg)
    return [{"W": article["wh"], "b": article["bh"]}, {"W": article["wout"], "b": article["bout"]}], True


def check_problem(params: Any, X: np.ndarray, y: Any, activation: Any, output_activation: Any, loss: Any) -> dict:
    """Return what train, train_step and check_gradients check alike, against the checked matrix X.

    A dict: ``y``, ``layers`` and ``article`` (as `check_network` returns
    them), and the ``activation`` (one per hidden layer),
    ``output_activation`` and ``loss``.
    """
    output_activation = check_output_activation(output_activation)
    y = check_y(y, X, output_activation)
    layers, article = check_network(params, X.shape[1], y.shape[1])
    return {
        "y": y, "layers": layers, "article": article,
        "activation": check_activation(activation, len(layers) - 1),
        "output_activation": output_activation,
        "loss": check_loss(loss, output_activation, y.shape[1]),
    }


def check_layers(layers: Any, p: int, o: Optional[int] = None, arg: str = "params") -> list:
    if not isinstance(layers, (list, tuple)) or len(layers) < 2 or not all(isinstance(layer, dict) for layer in layers):
        abort(
            "`%s` must be the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers, "
            "each a list with a matrix `W` and a bias row `b` or NULL, not %s.",
            arg, describe(layers),
        )
    checked = []
    fan_in = p
    for i, layer in enumerate(layers, start=1):
        unknown = sorted(set(layer) - {"W", "b"})
        if unknown or "W" not in layer:
            abort("Layer %d of `%s` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
                  i, arg, ", ".join("`%s`" % k for k in layer) or "nothing")
        W = as_numeric_matrix(layer["W"], "`W` of layer %d" % i)
        if W.shape[0] != fan_in:
            abort("`W` of layer %d must have %d rows, one per %s, not %d.",
                  i, fan_in, "column of `X`" if i == 1 else "neuron of layer %d" % (i - 1), W.shape[0])
        b = layer.get("b")
        if b is not None:
            b = as_numeric_matrix(as_row(b), "`b` of layer %d" % i)
            check_shape(b, "`b` of layer %d" % i, 1, W.shape[1])
        checked.append({"W": W, "b": b})
        fan_in = W.shape[1]
    if o is not None and fan_in != o:
        abort("`W` of layer %d must have %d columns, one per column of `y`, not %d.", len(checked), o, fan_in)
    return checked


def check_activation(activation: Any, n_layers: int) -> list:
    """Return one hidden activation per hidden layer: a single name is recycled."""
    names = [activation] if isinstance(activation, str) else activation
    if (
        not isinstance(names, (list, tuple)) or len(names) not in (1, n_layers)
        or not all(isinstance(a, str) and a in HIDDEN_ACTIVATIONS for a in names)
    ):
        abort(
            '`activation` must be "sigmoid", "tanh" or "relu", or one of them per hidden layer (%d), not %s.',
            n_layers, describe(activation),
        )
    return list(names) * (n_layers if len(names) == 1 else 1)


def check_output_activation(output_activation: Any) -> str:
    if not isinstance(output_activation, str) or output_activation not in OUTPUT_ACTIVATIONS:
        abort('`output_activation` must be "sigmoid", "softmax" or "identity", not %s.', describe(output_activation))
    return output_activation


def check_loss(loss: Any, output_activation: str, o: int) -> str:
    """Return the loss, refusing the pairs that make no sense."""
    if not isinstance(loss, str) or loss not in LOSS_NAMES:
        abort('`loss` must be "half_sse", "half_mse" or "log_loss", not %s.', describe(loss))
    if output_activation == "softmax" and o < 2:
        abort('`output_activation` "softmax" needs at least two outputs; `y` has %d column.', o)
    if loss == "log_loss" and output_activation == "identity":
        abort('`loss` "log_loss" needs a "sigmoid" or "softmax" output, not "identity".')
    return loss


def check_decay(decay: Any) -> float:
    if not is_number(decay) or not np.isfinite(float(decay)) or decay < 0:
        abort("`decay` must be a number >= 0, not %s.", describe(decay))
    return float(decay)
