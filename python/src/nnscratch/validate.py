"""The checks of the public boundary. Twin of R/validate.R.

The public functions check their arguments here, through the rules of the
parameter table (params.py) or the checks of matrices and networks below;
the core (layers.py, train.py) then trusts what it is given. R/validate.R
holds the same functions in the same order, with the same messages (built
by errors.py's vocabulary); the parity suite sends the same bad values to
both. The names an argument may take come from the registries.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from .activations import ACTIVATIONS, REGRESSION_OUTPUT, activation_names
from .errors import (
    MAX_COUNT,
    abort,
    describe,
    element_arg,
    is_factor,
    is_number,
    is_pandas,
    is_whole,
    must,
    one_of,
    quote_arg,
    scalar,
    series_values,
    to_float,
    value_kind,
)
from .losses import LOSSES

# ---- rules for one value ----


def check_count(x: Any, arg: str, lo: int, hi: int = MAX_COUNT, null: bool = False) -> Any:
    """Return a whole number from `lo` to `hi` (or None when `null`), the bound checked before anything is allocated for it."""
    x = scalar(x)
    if null and x is None:
        return None
    if not is_whole(x) or x < lo or x > hi:
        must(arg, "%sa whole number from %d to %d" % ("NULL or " if null else "", lo, hi), x)
    return int(x)


def number_rule(lo: float, hi: float, lo_open: bool, hi_open: bool) -> str:
    """Return how messages say which numbers a rule takes: "a positive number", "a number >= 0", "a number in [0, 1)"."""
    if hi == np.inf:
        return "a positive number" if lo == 0 and lo_open else "a number %s %s" % (">" if lo_open else ">=", describe(lo))
    return "a number in %s%s, %s%s" % ("(" if lo_open else "[", describe(lo), describe(hi), ")" if hi_open else "]")


def check_number(x: Any, arg: str, lo: float = 0.0, hi: float = np.inf, lo_open: bool = False,
                 hi_open: bool = False) -> float:
    """Return a finite number within the bounds (open or closed)."""
    x = scalar(x)
    ok = is_number(x) and np.isfinite(to_float(x))
    if ok:
        v = to_float(x)
        ok = (v > lo if lo_open else v >= lo) and (v < hi if hi_open else v <= hi)
    if not ok:
        must(arg, number_rule(lo, hi, lo_open, hi_open), x)
    return to_float(x)


def check_flag(x: Any, arg: str) -> bool:
    x = scalar(x)
    if not isinstance(x, (bool, np.bool_)):
        must(arg, "TRUE or FALSE", x)
    return bool(x)


def check_choice(x: Any, arg: str, names: Sequence[str]) -> str:
    """Return one of `names`, a string."""
    x = scalar(x)
    if not isinstance(x, str) or x not in names:
        must(arg, one_of(names), x)
    return x


def check_hidden(hidden: Any, arg: str = "hidden") -> list:
    """Return the sizes of the hidden layers (`hidden` in the estimators, `n_hidden` in init_params) as a list.

    One number, or one per hidden layer, each a whole number from 1 to 2147483647.
    """
    sizes = as_array(hidden) if isinstance(hidden, (list, tuple, np.ndarray)) else None
    if sizes is None or sizes.ndim > 1 or sizes.size == 0:
        # one number, or something else that check_count describes
        return [check_count(hidden, arg, 1)]
    if sizes.size == 1:
        return [check_count(sizes.reshape(()).item(), arg, 1)]
    if not all(is_whole(n) and 1 <= n <= MAX_COUNT for n in sizes.tolist()):
        must(arg, "whole numbers from 1 to %d, one per hidden layer" % MAX_COUNT, hidden)
    return [int(n) for n in sizes.tolist()]


def check_per_layer(x: Any, arg: str, n_layers: int, check: Any) -> list:
    """Return one value per hidden layer: a single value is recycled; `check(value)` checks each."""
    values = as_array(x) if isinstance(x, (list, tuple, np.ndarray)) else None
    if values is not None and values.ndim == 1 and len(values) in (1, n_layers):
        return [check(v) for v in values.tolist()] * (n_layers if len(values) == 1 else 1)
    return [check(x)] * n_layers


def check_batch_size(batch_size: Any, n: int, auto: Optional[int] = None) -> int:
    """Return the samples per step: NULL is n (the full batch), "auto" is min(`auto`, n), as scikit-learn's."""
    batch_size = scalar(batch_size)
    if batch_size is None:
        return n
    if auto is not None and isinstance(batch_size, str) and batch_size == "auto":
        return min(auto, n)
    if not is_whole(batch_size) or batch_size < 1 or batch_size > n:
        must("batch_size", '%sa whole number from 1 to %d, the number of samples' % (
            'NULL, "auto" or ' if auto is not None else "NULL or ", n), batch_size)
    return int(batch_size)


def check_seed(seed: Any, lo: int = -MAX_COUNT, hi: int = MAX_COUNT, why: str = "") -> Optional[int]:
    """Return a seed from `lo` to `hi`, or None: by default one of the seeds R's set.seed() takes."""
    seed = scalar(seed)
    if seed is not None and (not is_whole(seed) or seed < lo or seed > hi):
        must("seed", "NULL or a whole number from %d to %d%s" % (lo, hi, why), seed)
    return None if seed is None else int(seed)


def check_verbose(verbose: Any) -> int:
    return check_count(verbose, "verbose", 0)


# ---- matrices ----


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
        abort("%s must be a dense numeric matrix; sparse input is not supported.", quote_arg(arg), arg=arg)
    a = as_array(x)
    if a is not None and vector_ok and a.ndim <= 1 and a.dtype.kind in "iuf":
        a = a.reshape(-1, 1)
    # a list is shown as the array it makes, as R shows its vector or matrix
    shown = a if a is not None and isinstance(x, (list, tuple)) else x
    if a is not None and a.dtype.kind == "c":
        abort("%s must be a numeric matrix of real numbers, not %s. Complex data not supported.", quote_arg(arg),
              describe(shown), arg=arg)
    if a is not None and a.ndim <= 1 and a.dtype.kind in "iuf":
        abort(
            "%s must be a numeric matrix, not %s. Reshape your data: one row per sample, one column per feature.",
            quote_arg(arg), describe(shown), arg=arg,
        )
    if a is None or a.ndim != 2 or a.dtype.kind not in "iuf":
        must(arg, "a numeric matrix", shown)
    a = np.array(a, dtype=np.float64)
    if a.shape[0] == 0:
        abort("%s must have at least one row.", quote_arg(arg), arg=arg)
    if a.shape[1] == 0:
        abort(
            "%s must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
            quote_arg(arg), a.shape[0], arg=arg,
        )
    bad = np.argwhere(~np.isfinite(a))
    if len(bad):
        i, j = bad[np.lexsort((bad[:, 0], bad[:, 1]))][0]
        abort(
            "%s must not contain NA, NaN or Inf; found %s at row %d, column %d.",
            quote_arg(arg), describe(a[i, j]), i + 1, j + 1, arg=arg,
        )
    return a


def check_y(y: Any, X: np.ndarray, output_activation: str, arg: str = "y") -> np.ndarray:
    """Return y as an (n, o) matrix; for an output of probabilities its values must lie in [0, 1]."""
    y = as_numeric_matrix(y, arg, vector_ok=True)
    if y.shape[0] != X.shape[0]:
        abort("%s must have as many rows as `X` (%d), not %d.", quote_arg(arg), X.shape[0], y.shape[0], arg=arg)
    bad = np.argwhere((y < 0) | (y > 1)) if ACTIVATIONS[output_activation].probability else np.empty((0, 2))
    if len(bad):
        i, j = bad[np.lexsort((bad[:, 0], bad[:, 1]))][0]
        abort(
            "%s must lie in [0, 1], the range of the %s; found %s at row %d, column %d. "
            "For a continuous target outside [0, 1], use the %s output; for classes, give labels "
            "(R: a factor; Python: strings or a Categorical).",
            quote_arg(arg), output_activation, describe(y[i, j]), i + 1, j + 1, REGRESSION_OUTPUT, arg=arg,
        )
    return y


def check_weights(weights: Any, n: int, arg: str = "weights") -> Optional[np.ndarray]:
    """Return the samples' weights as an (n, 1) column, or None: n numbers >= 0, finite, not all 0."""
    if weights is None:
        return None
    w = as_array(weights)
    if w is None or w.dtype.kind not in "iuf" or w.ndim > 1 or (w.ndim == 1 and w.size == 1 and n != 1):
        if w is not None and w.dtype.kind in "iuf" and w.size == 1:
            abort("%s must have one weight per sample (%d), not 1.", quote_arg(arg), n, arg=arg)
        must(arg, "NULL or a numeric vector, one weight per sample", weights)
    w = np.asarray(w, dtype=np.float64).reshape(-1)
    if len(w) != n:
        abort("%s must have one weight per sample (%d), not %d.", quote_arg(arg), n, len(w), arg=arg)
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if len(bad):
        abort("%s must be finite numbers >= 0; found %s at position %d.", quote_arg(arg), describe(w[bad[0]]),
              bad[0] + 1, arg=arg)
    if not np.any(w > 0):
        abort("%s must not all be zero.", quote_arg(arg), arg=arg)
    return w.reshape(-1, 1)


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
        must(arg, "numeric (a number, a vector, a matrix or an array)", shown)
    return a if isinstance(x, (list, tuple)) else x


# ---- traces and memory ----


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
            abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs, arg="trace_at")
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


# ---- networks ----


def check_params(params: Any, p: int, o: Optional[int] = None, arg: str = "params") -> dict:
    """Return `params` as a dict wh, bh, wout, bout of float64 matrices.

    Their shapes must fit `p` inputs and `o` outputs (see the shapes table in
    the package docstring); `o=None` takes it from `wout`. A bias given as a
    1-D array becomes a one-row matrix. A key other than the four is an
    error, as an unknown name is in R.
    """
    known = ("wh", "bh", "wout", "bout")
    if not isinstance(params, dict):
        must(arg, "a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases)", params)
    unknown = [str(k) for k in params if k not in known]
    if unknown:
        abort(
            "`%s` must hold only `wh`, `bh`, `wout` and `bout`, not %s.",
            arg, ", ".join("`%s`" % k for k in unknown), arg=arg,
        )
    if params.get("wh") is None or params.get("wout") is None:
        must(arg, "a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases)", params)
    if (params.get("bh") is None) != (params.get("bout") is None):
        abort("`%s` must have both `bh` and `bout`, or neither.", arg, arg=arg)
    wh = as_numeric_matrix(params["wh"], element_arg("wh", arg))
    h = wh.shape[1]
    if wh.shape[0] != p:
        abort("%s must have %d rows, one per column of `X`, not %d.", element_arg("wh", arg), p, wh.shape[0], arg=arg)
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
            quote_arg(arg), rows, cols, x.shape[0], x.shape[1], arg=arg,
        )


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


def check_layers(layers: Any, p: int, o: Optional[int] = None, arg: str = "params") -> list:
    if not isinstance(layers, (list, tuple)) or len(layers) < 2 or not all(isinstance(layer, dict) for layer in layers):
        must(arg, "the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers, "
                  "each a list with a matrix `W` and a bias row `b` or NULL", layers)
    checked = []
    fan_in = p
    for i, layer in enumerate(layers, start=1):
        unknown = sorted(set(layer) - {"W", "b"})
        if unknown or "W" not in layer:
            abort("Layer %d of `%s` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
                  i, arg, ", ".join("`%s`" % k for k in layer) or "nothing", arg=arg)
        W = as_numeric_matrix(layer["W"], "`W` of layer %d" % i)
        if W.shape[0] != fan_in:
            abort("`W` of layer %d must have %d rows, one per %s, not %d.",
                  i, fan_in, "column of `X`" if i == 1 else "neuron of layer %d" % (i - 1), W.shape[0], arg=arg)
        b = layer.get("b")
        if b is not None:
            b = as_numeric_matrix(as_row(b), "`b` of layer %d" % i)
            check_shape(b, "`b` of layer %d" % i, 1, W.shape[1])
        checked.append({"W": W, "b": b})
        fan_in = W.shape[1]
    if o is not None and fan_in != o:
        abort("`W` of layer %d must have %d columns, one per column of `y`, not %d.", len(checked), o, fan_in, arg=arg)
    return checked


def check_activation(activation: Any, n_layers: int) -> list:
    """Return one hidden activation per hidden layer: a single name is recycled."""
    names = [activation] if isinstance(activation, str) else activation
    hidden = activation_names("hidden")
    if (
        not isinstance(names, (list, tuple)) or len(names) not in (1, n_layers)
        or not all(isinstance(a, str) and a in hidden for a in names)
    ):
        must("activation", "%s, or one of them per hidden layer (%d)" % (one_of(hidden), n_layers), activation)
    return list(names) * (n_layers if len(names) == 1 else 1)


def check_output_activation(output_activation: Any) -> str:
    return check_choice(output_activation, "output_activation", activation_names("output"))


def check_loss(loss: Any, output_activation: str, o: int) -> str:
    """Return the loss, refusing the pairs of loss and output that make no sense."""
    loss = check_choice(loss, "loss", list(LOSSES))
    if ACTIVATIONS[output_activation].rowwise and o < 2:
        abort('`output_activation` "%s" needs at least two outputs; `y` has %d column.', output_activation, o,
              arg="output_activation")
    pairs = [a for a in activation_names("output") if LOSSES[loss].pairs(ACTIVATIONS[a])]
    if output_activation not in pairs:
        abort('`loss` "%s" needs a %s output, not "%s".', loss, one_of(pairs), output_activation, arg="loss")
    return loss


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
