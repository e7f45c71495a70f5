"""The public boundary: every check and coercion happens here, once.

The core (steps.py, train.py) trusts what it is given. R/validate.R applies
the same rules with the same messages.
"""

from __future__ import annotations

import numbers
from typing import Any, NoReturn, Optional

import numpy as np


class NnscratchError(ValueError):
    """Bad input to a public nnscratch function; the message names the argument."""


def abort(msg: str, *args: Any) -> NoReturn:
    raise NnscratchError(msg % args)


def describe(x: Any) -> str:
    """How a bad value is shown in a message: numbers with C's "%.15g", as R/validate.R shows them, anything else by its type."""
    if x is None:
        return "NULL"
    if isinstance(x, (bool, np.bool_)):
        return "TRUE" if x else "FALSE"
    if isinstance(x, numbers.Real):
        v = float(x)
        if np.isnan(v):
            return "NaN"
        if np.isinf(v):
            return "Inf" if v > 0 else "-Inf"
        return format(v, ".15g")
    if isinstance(x, str):
        return '"%s"' % x
    if isinstance(x, np.ndarray):
        return "an array of dtype %s and shape %s" % (x.dtype, x.shape)
    return "a %s" % type(x).__name__


def as_numeric_matrix(x: Any, arg: str, vector_ok: bool = False) -> np.ndarray:
    """Return `x` as a float64 matrix with at least one row and only finite values.

    A 1-D array becomes one column when `vector_ok` (for `y`).
    """
    # The words scikit-learn's estimator checks look for are kept in these
    # messages, which R shares.
    if type(x).__module__.startswith("scipy.sparse"):
        abort("`%s` must be a dense numeric matrix; sparse input is not supported.", arg)
    a = np.asarray(x) if x is not None else None
    if a is not None and vector_ok and a.ndim == 1:
        a = a.reshape(-1, 1)
    if a is not None and np.issubdtype(a.dtype, np.complexfloating):
        abort("`%s` must be a numeric matrix of real numbers. Complex data not supported.", arg)
    if a is not None and a.ndim == 1 and (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)):
        abort(
            "`%s` must be a numeric matrix, not a vector of length %d. Reshape your data: one row per sample, one column per feature.",
            arg, a.shape[0],
        )
    if a is None or a.ndim != 2 or not (
        np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)
    ):
        # a scalar is shown as itself, as R shows it; a sequence by its array
        shown = a if a is not None and isinstance(x, (list, tuple, np.ndarray)) else x
        abort("`%s` must be a numeric matrix, not %s.", arg, describe(shown))
    a = np.array(a, dtype=np.float64)
    if a.shape[0] == 0:
        abort("`%s` must have at least one row.", arg)
    if a.shape[1] == 0:
        abort(
            "`%s` must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
            arg, a.shape[0],
        )
    bad = np.argwhere(~np.isfinite(a))
    if len(bad):
        i, j = bad[np.lexsort((bad[:, 0], bad[:, 1]))][0]
        abort(
            "`%s` must not contain NA, NaN or Inf; found %s at row %d, column %d.",
            arg, describe(a[i, j]), i + 1, j + 1,
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


def is_number(x: Any) -> bool:
    return (
        isinstance(x, numbers.Real)
        and not isinstance(x, (bool, np.bool_))
        and not np.isnan(float(x))
    )


def is_whole(x: Any) -> bool:
    return is_number(x) and bool(np.isfinite(float(x))) and float(x) == round(float(x))


def check_hidden(hidden: Any) -> list:
    """Return the hidden layers' sizes as a list: a number, or one per hidden layer."""
    sizes = [hidden] if is_number(hidden) else hidden
    if not isinstance(sizes, (list, tuple, np.ndarray)) or len(sizes) == 0 or not all(
        is_whole(n) and n >= 1 for n in sizes
    ):
        abort("`hidden` must be whole numbers >= 1, one per hidden layer, not %s.", describe(hidden))
    return [int(n) for n in sizes]


def check_lr(lr: Any) -> float:
    if not is_number(lr) or not np.isfinite(float(lr)) or lr <= 0:
        abort("`lr` must be a positive number, not %s.", describe(lr))
    return float(lr)


def check_epochs(epochs: Any) -> int:
    if not is_whole(epochs) or epochs < 1:
        abort("`epochs` must be a positive whole number, not %s.", describe(epochs))
    return int(epochs)


def check_trace_every(trace_every: Any) -> int:
    if not is_whole(trace_every) or trace_every < 0:
        abort("`trace_every` must be a whole number >= 0, not %s.", describe(trace_every))
    return int(trace_every)


def check_flag(x: Any, arg: str) -> bool:
    if not isinstance(x, (bool, np.bool_)):
        abort("`%s` must be TRUE or FALSE, not %s.", arg, describe(x))
    return bool(x)


def check_params(params: Any, p: int, o: Optional[int] = None) -> dict:
    """Return `params` as a dict wh, bh, wout, bout of float64 matrices.

    Their shapes must fit `p` inputs and `o` outputs (see the shapes table in
    the package docstring); `o=None` takes it from `wout`. A bias given as a
    1-D array becomes a one-row matrix.
    """
    if not isinstance(params, dict) or params.get("wh") is None or params.get("wout") is None:
        abort(
            "`params` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a "
            "network with biases), not %s.",
            describe(params),
        )
    if (params.get("bh") is None) != (params.get("bout") is None):
        abort("`params` must have both `bh` and `bout`, or neither.")
    wh = as_numeric_matrix(params["wh"], "params['wh']")
    h = wh.shape[1]
    if wh.shape[0] != p:
        abort("`params['wh']` must have %d rows, one per column of `X`, not %d.", p, wh.shape[0])
    wout = as_numeric_matrix(params["wout"], "params['wout']")
    if o is None:
        o = wout.shape[1]
    check_shape(wout, "params['wout']", h, o)
    bh = bout = None
    if params.get("bh") is not None:
        bh = as_numeric_matrix(as_row(params["bh"]), "params['bh']")
        check_shape(bh, "params['bh']", 1, h)
        bout = as_numeric_matrix(as_row(params["bout"]), "params['bout']")
        check_shape(bout, "params['bout']", 1, o)
    return {"wh": wh, "bh": bh, "wout": wout, "bout": bout}


def as_row(b: Any) -> Any:
    a = np.asarray(b)
    return a.reshape(1, -1) if a.ndim == 1 else b


def check_shape(x: np.ndarray, arg: str, rows: int, cols: int) -> None:
    if x.shape != (rows, cols):
        abort(
            "`%s` must be a %d x %d matrix, not %d x %d.",
            arg, rows, cols, x.shape[0], x.shape[1],
        )


# The network's shape and rules: layers, activations, loss, decay.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "softmax", "identity")
LOSS_NAMES = ("half_sse", "half_mse", "log_loss")


def check_numeric(x: Any, arg: str) -> None:
    """Refuse anything but numbers, of any shape."""
    a = np.asarray(x) if x is not None and not isinstance(x, (str, bytes, dict)) else None
    if a is None or a.dtype == bool or not (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)):
        abort("`%s` must be numeric, not %s.", arg, describe(x))


def check_network(params: Any, p: int, o: Optional[int] = None) -> tuple:
    """Return (layers, article): the network as a list of layers, and whether it came as the article's params.

    `params` is the article's dict (wh, bh, wout, bout) or a list of layers,
    each a dict with a matrix ``W`` (fan_in, fan_out) and a (1, fan_out)
    bias ``b`` or None; the first takes `p` inputs, the last gives `o`
    outputs (None: any).
    """
    if isinstance(params, dict):
        article = check_params(params, p, o)
        return [{"W": article["wh"], "b": article["bh"]}, {"W": article["wout"], "b": article["bout"]}], True
    return check_layers(params, p, o), False


def check_layers(layers: Any, p: int, o: Optional[int] = None) -> list:
    if not isinstance(layers, (list, tuple)) or len(layers) < 2 or not all(isinstance(layer, dict) for layer in layers):
        abort(
            "`params` must be the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers, "
            "each a list with a matrix `W` and a bias row `b` or NULL, not %s.",
            describe(layers),
        )
    checked = []
    fan_in = p
    for i, layer in enumerate(layers, start=1):
        unknown = sorted(set(layer) - {"W", "b"})
        if unknown or "W" not in layer:
            abort("Layer %d of `params` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
                  i, ", ".join("`%s`" % k for k in layer) or "nothing")
        W = as_numeric_matrix(layer["W"], "W of layer %d" % i)
        if W.shape[0] != fan_in:
            abort("`W` of layer %d must have %d rows, one per %s, not %d.",
                  i, fan_in, "column of `X`" if i == 1 else "neuron of layer %d" % (i - 1), W.shape[0])
        b = layer.get("b")
        if b is not None:
            b = as_numeric_matrix(as_row(b), "b of layer %d" % i)
            check_shape(b, "b of layer %d" % i, 1, W.shape[1])
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
