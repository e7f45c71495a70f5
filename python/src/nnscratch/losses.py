"""Losses: each a value and the error it sends back, -dLoss/doutput. Twin of R/losses.R.

- ``half_sse``, the article's E = 1/2 * sum((y - output)**2); its error is
  the article's Step 5, E = y - output.
- ``half_mse``, the same divided by n, the rows of the batch, so that the
  gradient does not grow with n and `lr` need not shrink as n grows.
- ``log_loss``, the cross-entropy summed over the samples, as nnet's
  ``entropy``: -sum(y log(output) + (1 - y) log(1 - output)) with a sigmoid
  output (binary or multi-label 0/1 targets), -sum(y log(output)) with
  softmax (one-hot classes). Through either activation its gradient with
  respect to the output layer's input is simply output - y, so the error
  y - output is already the delta (see `output_delta`), as in
  scikit-learn.

Weight decay adds (decay / 2) * sum(W**2) over every weight matrix, as
nnet's ``decay``; biases are not penalised, as in scikit-learn's ``alpha``.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from . import kernels
from .activations import backward

# log_loss clips the output to [EPS, 1 - EPS] so that log(0) never occurs.
EPS = float(np.finfo(np.float64).eps)


def half_sse(y: np.ndarray, a: np.ndarray, output_activation: str, exact: bool) -> float:
    E = y - a
    return 0.5 * kernels.total(E * E, exact)


def half_mse(y: np.ndarray, a: np.ndarray, output_activation: str, exact: bool) -> float:
    return half_sse(y, a, output_activation, exact) / y.shape[0]


def log_loss(y: np.ndarray, a: np.ndarray, output_activation: str, exact: bool) -> float:
    a = np.clip(a, EPS, 1 - EPS)
    if output_activation == "softmax":
        return -kernels.total(y * kernels.log(a, exact), exact)
    return -kernels.total(y * kernels.log(a, exact) + (1 - y) * kernels.log(1 - a, exact), exact)


class Loss(NamedTuple):
    value: Callable[[np.ndarray, np.ndarray, str, bool], float]
    # -dLoss/doutput, the error sent back from the output
    error: Callable[[np.ndarray, np.ndarray], np.ndarray]


LOSSES = {
    "half_sse": Loss(half_sse, lambda y, a: y - a),
    "half_mse": Loss(half_mse, lambda y, a: (y - a) / y.shape[0]),
    "log_loss": Loss(log_loss, lambda y, a: y - a),
}


def loss_value(name: str, y: np.ndarray, a: np.ndarray, output_activation: str, exact: bool = False) -> float:
    """Return the loss `name` of the output a against the targets y."""
    return LOSSES[name].value(y, a, output_activation, exact)


def output_delta(name: str, output_activation: str, y: np.ndarray, a: np.ndarray, exact: bool = False) -> tuple:
    """Return (E, slope, delta) of the output layer: the error, the activation's slope and -dLoss/dz.

    For half_sse with a sigmoid output these are the article's Steps 5-7:
    E = y - output, slope_output_layer and d_output = E * slope. log_loss
    with its own output (sigmoid or softmax) has delta = E and no slope.
    """
    E = LOSSES[name].error(y, a)
    if name == "log_loss":
        return E, None, E
    slope, delta = backward(output_activation, a, E, exact)
    return E, slope, delta


def decay_penalty(layers: list, decay: float, exact: bool = False) -> float:
    """Return (decay / 2) * sum(W**2) over the layers' weight matrices, not their biases."""
    if decay == 0:
        return 0.0
    return decay / 2 * sum(kernels.total(layer["W"] * layer["W"], exact) for layer in layers)
