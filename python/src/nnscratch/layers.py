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

# Row blocks. A step whose intermediates nobody keeps (train()'s untraced
# epochs) in default mode runs the whole step, forward, backward and the
# directions' sums, on blocks of rows of about BLOCK_VALUES values in the
# widest layer, and adds up the blocks' directions and losses. No n x width
# matrix is then held, and a block's chain of elementwise steps stays in the
# processor's cache: on the benchmark's large case (n = 100000, 20 inputs,
# 64 units) an epoch took 163 ms on the whole matrices and 46 ms in blocks of
# 512 rows, and the process's peak memory fell from 581 to 76 MB. R runs the
# same blocks. The blocks add the sums over the rows in another order, so
# exact mode, and the steps train() keeps, run on whole matrices.
BLOCK_VALUES = 1 << 15


def row_blocks(n: int, layers: list) -> list:
    """Return the slices of rows of a blocked step on n rows: about BLOCK_VALUES values of the widest layer each; none
    when the rows fit in one block."""
    rows = max(1, BLOCK_VALUES // max(layer["W"].shape[1] for layer in layers))
    if n <= rows:
        return []
    return [slice(start, min(start + rows, n)) for start in range(0, n, rows)]


def add_bias(M: np.ndarray, b: Optional[np.ndarray]) -> np.ndarray:
    """Add a (1, k) bias to every row of an (n, k) matrix, in place.

    The article's R script replicates the biases with byrow = FALSE, which
    gives each sample its own bias; here each neuron has one, broadcast down
    the rows. M is a product just made, so it is overwritten rather than
    copied.
    """
    if b is not None:
        M += b
    return M


def forward_layers(
    layers: list, X: np.ndarray, activation: list, output_activation: str, exact: bool = False,
    masks: Optional[list] = None,
) -> dict:
    """Return the forward pass as ``{"z": [...], "a": [...], "raw": [...]}``, with a[0] = X and a[-1] the output.

    `activation` names the activation of each hidden layer. `masks` holds a
    dropout mask (or None) per hidden layer; ``raw[i + 1]`` is then f(z)
    before the mask, None where there is none.
    """
    names = [*activation, output_activation]
    z: list = []
    a: list = [X]
    raw: list = [None] * (len(layers) + 1)
    for i, layer in enumerate(layers):
        z.append(add_bias(kernels.matmul(a[i], layer["W"], exact), layer["b"]))
        a.append(activate(names[i], z[i], exact))
        if masks is not None and i < len(masks) and masks[i] is not None:
            raw[i + 1] = a[i + 1]
            a[i + 1] = a[i + 1] * masks[i]
    return {"z": z, "a": a, "raw": raw}


def backward_layers(
    layers: list, forward: dict, y: np.ndarray, activation: list, output_activation: str, loss: str,
    w: Optional[np.ndarray] = None, D: float = 1.0, exact: bool = False, masks: Optional[list] = None,
) -> dict:
    """Return ``{"err": [...], "slope": [...], "delta": [...]}``, one of each per layer, from the forward pass.

    The samples are weighted by w (an (n, 1) column, or None) and the loss
    divided by D (see `losses`). Below the output, err = delta_next @
    t(W_next), carried back through f; with a dropout mask, through the mask
    first, and the slope is taken from f(z) before the mask.
    """
    a, raw = forward["a"], forward["raw"]
    L = len(layers)
    err: list = [None] * L
    slope: list = [None] * L
    delta: list = [None] * L
    err[L - 1], slope[L - 1], delta[L - 1] = output_delta(loss, output_activation, y, a[L], w, D, exact)
    for i in range(L - 2, -1, -1):
        mask = None if masks is None else masks[i]
        err[i] = kernels.tcrossprod(delta[i + 1], layers[i + 1]["W"], exact)
        if mask is None:
            slope[i], delta[i] = backward(activation[i], a[i + 1], err[i], exact)
        else:
            slope[i], delta[i] = backward(activation[i], raw[i + 1], err[i] * mask, exact)
    return {"err": err, "slope": slope, "delta": delta}


def descent(layers: list, a: list, delta: list, decay: float = 0.0, exact: bool = False) -> list:
    """Return -dLoss/dW and -dLoss/db of every layer, as layers: t(a) @ delta, less decay * W, and the column sums of delta."""
    directions = []
    for i, layer in enumerate(layers):
        directions.append({"W": kernels.crossprod(a[i], delta[i], exact),
                           "b": None if layer["b"] is None else kernels.col_sums(delta[i], exact)})
    return decayed(directions, layers, decay) if decay > 0 else directions


def decayed(directions: list, layers: list, decay: float) -> list:
    """Return the directions less decay * W of each layer's weights (biases are not decayed)."""
    if decay > 0:
        for d, layer in zip(directions, layers):
            d["W"] = d["W"] - decay * layer["W"]
    return directions


def blocked_step(
    layers: list, X: np.ndarray, y: np.ndarray, s: dict, w: Optional[np.ndarray], D: float,
    masks: Optional[list], blocks: list,
) -> dict:
    """Return the loss of the data (before weight decay) and the directions (without it) of a step on all the rows,
    added up over the blocks of rows, and the output layer's z; the blocks' other intermediates are dropped.

    The first block's directions hold the sums, so a step of one block
    gives the bits of the whole step.
    """
    exact = s["exact"]
    value = 0.0
    directions: list = []
    z_out = np.empty((X.shape[0], layers[-1]["W"].shape[1]))
    for rows in blocks:
        wb = None if w is None else w[rows]
        mb = None if masks is None else [None if m is None else m[rows] for m in masks]
        f = forward_layers(layers, X[rows], s["activation"], s["output_activation"], exact, mb)
        b = backward_layers(layers, f, y[rows], s["activation"], s["output_activation"], s["loss"], wb, D, exact, mb)
        value += loss_value(s["loss"], y[rows], f["a"][-1], s["output_activation"], wb, 1.0, exact)
        d = descent(layers, f["a"], b["delta"], 0.0, exact)
        if not directions:
            directions = d
        else:
            for total, part in zip(directions, d):
                total["W"] += part["W"]
                if part["b"] is not None:
                    total["b"] += part["b"]
        z_out[rows] = f["z"][-1]
    return {"z": [None] * (len(layers) - 1) + [z_out], "loss": value if D == 1 else value / D,
            "directions": directions}


def train_step_layers(
    layers: list, X: np.ndarray, y: np.ndarray, lr: float, s: dict, state: Optional[dict] = None,
    w: Optional[np.ndarray] = None, masks: Optional[list] = None, blocks: Optional[list] = None,
) -> dict:
    """Return one step: the forward and backward passes, the loss before the step, and the updated layers and state.

    `s` holds the network's settings (``activation``, one per hidden layer,
    ``output_activation``, ``loss``, ``reduction``, ``decay``, ``exact``) and
    the optimizer's (``optimizer`` and the settings it reads); `state` is
    the optimizer's state before the step (None: its first step). The
    article's step is "sgd", whose update is W + t(a) @ delta * lr (Steps
    10-11). `w` weights the samples, and `masks` drops hidden units (see
    `forward_layers`). Given `blocks` (see `row_blocks`), the step runs
    block by block and returns only ``z`` of the output layer, ``loss``,
    ``directions``, ``layers`` and ``state``.
    """
    exact = s["exact"]
    D = denominator(s["loss"], s["reduction"], X.shape[0], w, exact)
    decay = s["decay"] if D == 1 else s["decay"] / D
    if blocks:
        step = blocked_step(layers, X, y, s, w, D, masks, blocks)
        decayed(step["directions"], layers, decay)
    else:
        f = forward_layers(layers, X, s["activation"], s["output_activation"], exact, masks)
        b = backward_layers(layers, f, y, s["activation"], s["output_activation"], s["loss"], w, D, exact, masks)
        step = {"z": f["z"], "a": f["a"], "err": b["err"], "slope": b["slope"], "delta": b["delta"],
                "loss": loss_value(s["loss"], y, f["a"][-1], s["output_activation"], w, D, exact),
                "directions": descent(layers, f["a"], b["delta"], decay, exact)}
    penalty = decay_penalty(layers, s["decay"], exact)
    step["loss"] += penalty if D == 1 else penalty / D
    if state is None:
        state = init_state(s["optimizer"], layers)
    step["layers"], step["state"] = optimizer_step(s["optimizer"], layers, step["directions"], state, lr, s, exact)
    return step


def hidden_sizes(layers: list) -> list:
    """Return the number of neurons of each hidden layer."""
    return [layer["W"].shape[1] for layer in layers[:-1]]


def from_article(params: dict) -> list:
    """Return the article's params (wh, bh, wout, bout) as a list of two layers; see `as_layers`."""
    return [{"W": params["wh"], "b": params["bh"]}, {"W": params["wout"], "b": params["bout"]}]


def to_article(layers: list) -> dict:
    """Return a network of one hidden layer as the article's params: wh, bh, wout, bout; see `as_article`."""
    return {"wh": layers[0]["W"], "bh": layers[0]["b"], "wout": layers[1]["W"], "bout": layers[1]["b"]}
