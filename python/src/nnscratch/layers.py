"""The network: forward pass, backward pass and update over a list of layers. Twin of R/layers.R.

This is the only place where the network's maths is written; steps.py
shows it under the article's names, and train.py repeats it.

Shapes (rows are samples): a layer is ``{"W": (fan_in, fan_out), "b": (1,
fan_out) or None}``, and a network is a list of layers, from the input to
the output. The article's network is two layers, ``wh``/``bh`` and
``wout``/``bout``.

Indexing, 0-based here and 1-based in R: ``layers[i]`` maps ``a[i]`` to
``a[i + 1]``, with ``a[0] = X``; ``z[i]`` is its input sum, ``delta[i]``
is -dLoss/dz[i], and ``err[i]`` is -dLoss/da[i + 1], the error that reaches
layer i's activations: the loss's error at the output, ``delta[i + 1] @
W[i + 1].T`` below it.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from . import kernels
from .activations import activate, backward
from .losses import decay_penalty, loss_value, output_delta

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
    keep: bool = True, out: Optional[dict] = None,
) -> dict:
    """Return the forward pass as ``{"z": [...], "a": [...]}``, with a[0] = X and a[-1] the output.

    `activation` names the activation of each hidden layer. With `keep`
    False the z of the hidden layers run in blocks are not kept (None), and
    `out`, a `workspace`, holds their activations.
    """
    names = [*activation, output_activation]
    n = X.shape[0]
    z: list = [None] * len(layers)
    a: list = [X] + [None] * len(layers)
    for i, layer in enumerate(layers):
        width = layer["W"].shape[1]
        blocks = row_blocks(n, width)
        if not blocks:
            z[i], a[i + 1] = forward_rows(a[i], layer, names[i], exact)
            continue
        a[i + 1] = np.empty((n, width)) if out is None else out["a"][i]
        # the output layer's z is always kept: it tells whether training saturated
        kept = keep or i == len(layers) - 1
        if kept:
            z[i] = np.empty((n, width))
        for rows in blocks:
            zb, _ = forward_rows(a[i][rows], layer, names[i], exact, a[i + 1][rows])
            if kept:
                z[i][rows] = zb
    return {"z": z, "a": a}


def backward_rows(
    delta: np.ndarray, W: np.ndarray, a: np.ndarray, name: str, exact: bool, out: Optional[np.ndarray] = None,
) -> tuple:
    """Return (err, slope, delta) of a hidden layer for some rows: err = delta_next @ t(W_next), carried back through f.

    delta is written into `out` when given.
    """
    err = kernels.tcrossprod(delta, W, exact)
    return (err, *backward(name, a, err, exact, out))


def backward_layers(
    layers: list, a: list, y: np.ndarray, activation: list, output_activation: str, loss: str, exact: bool = False,
    keep: bool = True, out: Optional[dict] = None,
) -> dict:
    """Return ``{"err": [...], "slope": [...], "delta": [...]}``, one of each per layer, from the forward pass's a.

    With `keep` False the err and slope of the hidden layers run in blocks
    are not kept (None), and `out`, a `workspace`, holds their delta.
    """
    L = len(layers)
    n = y.shape[0]
    err: list = [None] * L
    slope: list = [None] * L
    delta: list = [None] * L
    err[L - 1], slope[L - 1], delta[L - 1] = output_delta(loss, output_activation, y, a[L], exact)
    for i in range(L - 2, -1, -1):
        width = layers[i]["W"].shape[1]
        blocks = row_blocks(n, width)
        if not blocks:
            err[i], slope[i], delta[i] = backward_rows(delta[i + 1], layers[i + 1]["W"], a[i + 1], activation[i], exact)
            continue
        delta[i] = np.empty((n, width)) if out is None else out["delta"][i]
        if keep:
            err[i], slope[i] = np.empty((n, width)), np.empty((n, width))
        for rows in blocks:
            e, s, _ = backward_rows(delta[i + 1][rows], layers[i + 1]["W"], a[i + 1][rows], activation[i], exact, delta[i][rows])
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


def step_layers(layers: list, a: list, delta: list, lr: float, decay: float = 0.0, exact: bool = False) -> list:
    """Return the layers after one step of gradient descent, in the article's form W + t(a) @ delta * lr (Steps 10-11)."""
    return [
        {"W": layer["W"] + d["W"] * lr, "b": None if layer["b"] is None else layer["b"] + d["b"] * lr}
        for layer, d in zip(layers, descent(layers, a, delta, decay, exact))
    ]


def train_step_layers(
    layers: list, X: np.ndarray, y: np.ndarray, lr: float, activation: list, output_activation: str,
    loss: str, decay: float = 0.0, exact: bool = False, keep: bool = True, out: Optional[dict] = None,
) -> dict:
    """Return one step: the forward and backward passes, the loss before the step and the updated layers.

    `keep` and `out` are `forward_layers`'s: an untraced step need not keep
    every intermediate, and may write into a `workspace`. They change no
    number.
    """
    f = forward_layers(layers, X, activation, output_activation, exact, keep, out)
    b = backward_layers(layers, f["a"], y, activation, output_activation, loss, exact, keep, out)
    value = loss_value(loss, y, f["a"][-1], output_activation, exact) + decay_penalty(layers, decay, exact)
    return {**f, **b, "loss": value, "layers": step_layers(layers, f["a"], b["delta"], lr, decay, exact)}


def hidden_sizes(layers: list) -> list:
    """Return the number of neurons of each hidden layer."""
    return [layer["W"].shape[1] for layer in layers[:-1]]


def from_article(params: dict) -> list:
    """Return the article's params (wh, bh, wout, bout) as a list of two layers; see `as_layers`."""
    return [{"W": params["wh"], "b": params["bh"]}, {"W": params["wout"], "b": params["bout"]}]


def to_article(layers: list) -> dict:
    """Return a network of one hidden layer as the article's params: wh, bh, wout, bout; see `as_article`."""
    return {"wh": layers[0]["W"], "bh": layers[0]["b"], "wout": layers[1]["W"], "bout": layers[1]["b"]}
