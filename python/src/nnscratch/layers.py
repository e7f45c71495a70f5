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


def add_bias(M: np.ndarray, b: Optional[np.ndarray]) -> np.ndarray:
    """Add a (1, k) bias to every row of an (n, k) matrix.

    The article's R script replicates the biases with byrow = FALSE, which
    gives each sample its own bias; here each neuron has one, broadcast down
    the rows.
    """
    return M if b is None else M + b


def forward_layers(layers: list, X: np.ndarray, activation: list, output_activation: str, exact: bool = False) -> dict:
    """Return the forward pass as ``{"z": [...], "a": [...]}``, with a[0] = X and a[-1] the output.

    `activation` names the activation of each hidden layer.
    """
    names = [*activation, output_activation]
    z: list = []
    a = [X]
    for i, layer in enumerate(layers):
        z.append(add_bias(kernels.matmul(a[i], layer["W"], exact), layer["b"]))
        a.append(activate(names[i], z[i], exact))
    return {"z": z, "a": a}


def backward_layers(
    layers: list, a: list, y: np.ndarray, activation: list, output_activation: str, loss: str, exact: bool = False,
) -> dict:
    """Return ``{"err": [...], "slope": [...], "delta": [...]}``, one of each per layer, from the forward pass's a."""
    L = len(layers)
    err: list = [None] * L
    slope: list = [None] * L
    delta: list = [None] * L
    err[L - 1], slope[L - 1], delta[L - 1] = output_delta(loss, output_activation, y, a[L], exact)
    for i in range(L - 2, -1, -1):
        err[i] = kernels.tcrossprod(delta[i + 1], layers[i + 1]["W"], exact)
        slope[i], delta[i] = backward(activation[i], a[i + 1], err[i], exact)
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
    loss: str, decay: float = 0.0, exact: bool = False,
) -> dict:
    """Return one step: the forward and backward passes, the loss before the step and the updated layers."""
    f = forward_layers(layers, X, activation, output_activation, exact)
    b = backward_layers(layers, f["a"], y, activation, output_activation, loss, exact)
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
