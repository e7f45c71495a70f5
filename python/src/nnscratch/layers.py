"""The network: forward pass, backward pass and step over a list of layers. Twin of R/layers.R.

This is the only place where the network's maths is written; steps.py
shows it under the article's names, and train.py repeats it.

Shapes (rows are samples): a layer is ``{"W": (fan_in, fan_out), "b": (1,
fan_out) or None}``, and a network is a list of layers, from the input to
the output. The article's network is two layers, ``wh``/``bh`` and
``wout``/``bout``.

Indexing, 0-based here and 1-based in R: ``layers[i]`` maps ``a[i]`` to
``a[i + 1]``, with ``a[0] = X``; ``z[i]`` is its input sum, ``delta[i]``
is -dLoss/dz[i], and ``err[i]`` is what the layer above sends back to
layer i: for the output layer, the loss's error (see `losses`: -dLoss/da
for half_sse, already -dLoss/dz for log_loss's canonical pairs); below it,
-dLoss/da[i + 1] = ``delta[i + 1] @ W[i + 1].T``.

Dropout: a hidden layer with a mask passes on f(z) * mask (``a``), keeps
f(z) itself (``raw``) for its slope, and its delta is err * mask * slope.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from . import kernels
from .activations import activate, backward
from .losses import decay_penalty, denominator, loss_value, output_delta
from .optimizers import init_state, optimizer_step

# The row-wise work of a layer (its product, bias, activation, slope and
# delta) runs on blocks of rows of about BLOCK_VALUES values each when the layer is
# larger than that, so that a block's chain of elementwise steps stays in the
# processor's cache instead of passing over the whole n x width matrix once
# per step. Each row's values do not depend on the others, and the sums over
# the rows (t(a) @ delta, the biases' column sums, the loss) still run on the
# whole matrices.
BLOCK_VALUES = 1 << 14


def row_blocks(n: int, width: int) -> list:
    """Return the slices of rows of an (n, width) layer's blocks; none when it fits in one block."""
    if n * width <= BLOCK_VALUES:
        return []
    rows = max(1, BLOCK_VALUES // width)
    return [slice(start, min(start + rows, n)) for start in range(0, n, rows)]


def workspace(layers: list, n: int) -> dict:
    """Return arrays for an untraced step on n rows: each layer's activations a[i + 1] and delta[i].

    `train_impl` keeps one for all the epochs, so that the largest arrays
    are not allocated afresh every epoch.
    """
    return {"a": [np.empty((n, layer["W"].shape[1])) for layer in layers],
            "delta": [np.empty((n, layer["W"].shape[1])) for layer in layers]}


def add_bias(M: np.ndarray, b: Optional[np.ndarray]) -> np.ndarray:
    """Add a (1, k) bias to every row of an (n, k) matrix, in place.

    The article's R script replicates the biases with byrow = FALSE, which
    gives each sample its own bias; here each neuron has one, broadcast down
    the rows. M is a product just made, so it is overwritten rather than
    copied.
    """
    return M if b is None else np.add(M, b, out=M)


def forward_rows(a: np.ndarray, layer: dict, name: str, exact: bool, out: Optional[np.ndarray] = None) -> tuple:
    """Return (z, f(z)) of one layer for the rows of its input a: z = a @ W + b; f(z) is written into `out` when given."""
    z = add_bias(kernels.matmul(a, layer["W"], exact), layer["b"])
    return z, activate(name, z, exact, out)


def forward_layers(
    layers: list, X: np.ndarray, activation: list, output_activation: str, exact: bool = False,
    keep: bool = True, out: Optional[dict] = None, masks: Optional[list] = None,
) -> dict:
    """Return the forward pass as ``{"z": [...], "a": [...], "raw": [...]}``, with a[0] = X and a[-1] the output.

    `activation` names the activation of each hidden layer. With `keep`
    False the z of the hidden layers run in blocks are not kept (None), and
    `out`, a `workspace`, holds their activations. `masks` holds a dropout
    mask (or None) per hidden layer; ``raw[i + 1]`` is then f(z) before the
    mask, None where there is none.
    """
    names = [*activation, output_activation]
    n = X.shape[0]
    z: list = [None] * len(layers)
    a: list = [X] + [None] * len(layers)
    raw: list = [None] * (len(layers) + 1)
    for i, layer in enumerate(layers):
        width = layer["W"].shape[1]
        blocks = row_blocks(n, width)
        if not blocks:
            z[i], a[i + 1] = forward_rows(a[i], layer, names[i], exact)
        else:
            a[i + 1] = np.empty((n, width)) if out is None else out["a"][i]
            # the output layer's z is always kept: it tells whether training saturated
            kept = keep or i == len(layers) - 1
            if kept:
                z[i] = np.empty((n, width))
            for rows in blocks:
                zb, _ = forward_rows(a[i][rows], layer, names[i], exact, a[i + 1][rows])
                if kept:
                    z[i][rows] = zb
        if masks is not None and i < len(masks) and masks[i] is not None:
            raw[i + 1] = a[i + 1]
            a[i + 1] = a[i + 1] * masks[i]
    return {"z": z, "a": a, "raw": raw}


def backward_rows(
    delta: np.ndarray, W: np.ndarray, a: np.ndarray, name: str, exact: bool, out: Optional[np.ndarray] = None,
    mask: Optional[np.ndarray] = None,
) -> tuple:
    """Return (err, slope, delta) of a hidden layer for some rows: err = delta_next @ t(W_next), carried back through f.

    With a dropout mask, a is f(z) before the mask and err is carried back
    through the mask first. delta is written into `out` when given.
    """
    err = kernels.tcrossprod(delta, W, exact)
    return (err, *backward(name, a, err if mask is None else err * mask, exact, out))


def backward_layers(
    layers: list, forward: dict, y: np.ndarray, activation: list, output_activation: str, loss: str,
    w: Optional[np.ndarray] = None, D: float = 1.0, exact: bool = False, keep: bool = True, out: Optional[dict] = None,
    masks: Optional[list] = None,
) -> dict:
    """Return ``{"err": [...], "slope": [...], "delta": [...]}``, one of each per layer, from the forward pass.

    The samples are weighted by w (an (n, 1) column, or None) and the loss
    divided by D (see `losses`). With `keep` False the err and slope of the
    hidden layers run in blocks are not kept (None), and `out`, a
    `workspace`, holds their delta.
    """
    a, raw = forward["a"], forward["raw"]
    L = len(layers)
    n = y.shape[0]
    err: list = [None] * L
    slope: list = [None] * L
    delta: list = [None] * L
    err[L - 1], slope[L - 1], delta[L - 1] = output_delta(loss, output_activation, y, a[L], w, D, exact)
    for i in range(L - 2, -1, -1):
        width = layers[i]["W"].shape[1]
        mask = None if masks is None else masks[i]
        # a dropped layer's slope is taken from its activations before the mask
        act = a[i + 1] if mask is None else raw[i + 1]
        blocks = row_blocks(n, width)
        if not blocks:
            err[i], slope[i], delta[i] = backward_rows(delta[i + 1], layers[i + 1]["W"], act, activation[i], exact,
                                                       mask=mask)
            continue
        delta[i] = np.empty((n, width)) if out is None else out["delta"][i]
        if keep:
            err[i], slope[i] = np.empty((n, width)), np.empty((n, width))
        for rows in blocks:
            e, s, _ = backward_rows(delta[i + 1][rows], layers[i + 1]["W"], act[rows], activation[i], exact,
                                    delta[i][rows], None if mask is None else mask[rows])
            if keep:
                err[i][rows], slope[i][rows] = e, s
    return {"err": err, "slope": slope, "delta": delta}


def descent(layers: list, a: list, delta: list, decay: float = 0.0, exact: bool = False) -> list:
    """Return -dLoss/dW and -dLoss/db of every layer, as layers: t(a) @ delta, less decay * W, and the column sums of delta."""
    directions = []
    for i, layer in enumerate(layers):
        W = kernels.crossprod(a[i], delta[i], exact)
        if decay > 0:
            W = W - decay * layer["W"]
        directions.append({"W": W, "b": None if layer["b"] is None else kernels.col_sums(delta[i], exact)})
    return directions


def train_step_layers(
    layers: list, X: np.ndarray, y: np.ndarray, lr: float, s: dict, state: Optional[dict] = None,
    w: Optional[np.ndarray] = None, masks: Optional[list] = None, keep: bool = True, out: Optional[dict] = None,
) -> dict:
    """Return one step: the forward and backward passes, the loss before the step, and the updated layers and state.

    `s` holds the network's settings (``activation``, one per hidden layer,
    ``output_activation``, ``loss``, ``reduction``, ``decay``, ``exact``) and
    the optimizer's (``optimizer`` and the settings it reads); `state` is
    the optimizer's state before the step (None: its first step). The
    article's step is "sgd", whose update is W + t(a) @ delta * lr (Steps
    10-11). `w` weights the samples, and `masks` drops hidden units (see
    `forward_layers`). `keep` and `out` are `forward_layers`'s: an untraced
    step need not keep every intermediate, and may write into a
    `workspace`. They change no number.
    """
    exact = s["exact"]
    D = denominator(s["loss"], s["reduction"], X.shape[0], w, exact)
    f = forward_layers(layers, X, s["activation"], s["output_activation"], exact, keep, out, masks)
    b = backward_layers(layers, f, y, s["activation"], s["output_activation"], s["loss"], w, D, exact, keep, out, masks)
    penalty = decay_penalty(layers, s["decay"], exact)
    value = loss_value(s["loss"], y, f["a"][-1], s["output_activation"], w, D, exact) + (
        penalty if D == 1 else penalty / D)
    directions = descent(layers, f["a"], b["delta"], s["decay"] if D == 1 else s["decay"] / D, exact)
    if state is None:
        state = init_state(s["optimizer"], layers)
    new_layers, new_state = optimizer_step(s["optimizer"], layers, directions, state, lr, s, exact)
    return {"z": f["z"], "a": f["a"], **b, "loss": value, "layers": new_layers, "state": new_state,
            "directions": directions}


def hidden_sizes(layers: list) -> list:
    """Return the number of neurons of each hidden layer."""
    return [layer["W"].shape[1] for layer in layers[:-1]]


def from_article(params: dict) -> list:
    """Return the article's params (wh, bh, wout, bout) as a list of two layers; see `as_layers`."""
    return [{"W": params["wh"], "b": params["bh"]}, {"W": params["wout"], "b": params["bout"]}]


def to_article(layers: list) -> dict:
    """Return a network of one hidden layer as the article's params: wh, bh, wout, bout; see `as_article`."""
    return {"wh": layers[0]["W"], "bh": layers[0]["b"], "wout": layers[1]["W"], "bout": layers[1]["b"]}
