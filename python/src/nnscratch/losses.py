"""The losses registry: each a value and the output delta it owns. Twin of R/losses.R.

- ``half_sse``, the article's E = 1/2 * sum((y - output)**2); its error is
  the article's Step 5, E = y - output, carried back through the output
  activation (Steps 6-7).
- ``half_mse``, the same averaged over the samples, whatever `reduction`
  says, so that the gradient does not grow with n and `lr` need not shrink
  as n grows.
- ``log_loss``, the cross-entropy, as nnet's ``entropy``: -sum(y log(output)
  + (1 - y) log(1 - output)) with a sigmoid output (binary or multi-label
  0/1 targets), -sum(y log(output)) with softmax (one-hot classes). Through
  either activation its gradient with respect to the output layer's input
  is simply output - y, so its error y - output is already the delta, as in
  scikit-learn.

Sample weights and the reduction. Each sample's loss is multiplied by its
weight w (1 by default) and the losses are added up; with ``reduction =
"mean"`` (and always for half_mse) the total, weight decay included, is
divided by D, the sum of the weights (n without weights), as scikit-learn
and torch average over the batch. With ``"sum"``, the article's, D is 1.

Weight decay adds (decay / 2) * sum(W**2) over every weight matrix, as
nnet's ``decay``; biases are not penalised, as in scikit-learn's ``alpha``.

`LOSSES` is the one list of their names; `check_loss` and the model-file
reader take the names and the pairs of loss and output from it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional

import numpy as np

from . import kernels
from .activations import ACTIVATIONS, Activation, backward

# log_loss clips the output to [EPS, 1 - EPS] so that log(0) never occurs.
EPS = float(np.finfo(np.float64).eps)


def weighted(M: np.ndarray, w: Optional[np.ndarray], D: float) -> np.ndarray:
    """Return M (n, k) with each row times its weight w (n, 1), divided by D; M itself when there is neither."""
    if w is not None:
        M = M * w
    return M if D == 1 else M / D


def half_sse(y: np.ndarray, a: np.ndarray, output_activation: str, w: Optional[np.ndarray], exact: bool) -> float:
    E = y - a
    return 0.5 * kernels.total(weighted(E * E, w, 1), exact)


def half_sse_delta(y: np.ndarray, a: np.ndarray, output_activation: str, w: Optional[np.ndarray], D: float,
                   exact: bool) -> tuple:
    # Steps 5-7: E = y - output, then d_output = E * slope_output_layer
    E = weighted(y - a, w, D)
    return (E, *backward(output_activation, a, E, exact))


def log_loss(y: np.ndarray, a: np.ndarray, output_activation: str, w: Optional[np.ndarray], exact: bool) -> float:
    a = np.clip(a, EPS, 1 - EPS)
    if ACTIVATIONS[output_activation].rowwise:
        return -kernels.total(weighted(y * kernels.log(a, exact), w, 1), exact)
    return -kernels.total(weighted(y * kernels.log(a, exact) + (1 - y) * kernels.log(1 - a, exact), w, 1), exact)


def log_loss_delta(y: np.ndarray, a: np.ndarray, output_activation: str, w: Optional[np.ndarray], D: float,
                   exact: bool) -> tuple:
    # the canonical pair: -dLoss/dz = y - output, with no slope
    E = weighted(y - a, w, D)
    return E, None, E


class Loss(NamedTuple):
    # the loss summed over the samples, each weighted
    value: Callable[..., float]
    # (E, slope, delta) of the output layer: the error sent back, the output
    # activation's slope (None where the loss needs none) and -dLoss/dz
    delta: Callable[..., tuple]
    # whether it pairs with an output activation (its registry entry)
    pairs: Callable[..., bool]
    # averaged over the samples whatever `reduction` says
    mean: bool
    # how plots name it
    label: str
    # whether its error is already -dLoss/dz, the output's slope cancelling
    # (a canonical pair: the log-loss through its sigmoid or softmax)
    canonical: bool = False
    # its error in a spreadsheet's cell (export_steps), with {y} and {a} the
    # cells of y and of the output and {rows} the block y, and its words;
    # None where export_steps cannot write it
    sheet: Optional[tuple] = None


def any_output(activation: Activation) -> bool:
    return True


def probability_output(activation: Activation) -> bool:
    return activation.probability


LOSSES = {
    "half_sse": Loss(half_sse, half_sse_delta, any_output, False, "1/2 sum (y - output)^2", False,
                     ("{y}-{a}", "{E} = {y} - {a}")),
    "half_mse": Loss(half_sse, half_sse_delta, any_output, True, "1/2 sum (y - output)^2 / n", False,
                     ("({y}-{a})/ROWS({rows})", "{E} = ({y} - {a}) / n, n the rows of {y}")),
    "log_loss": Loss(log_loss, log_loss_delta, probability_output, False, "cross-entropy", True,
                     ("{y}-{a}", "{E} = {y} - {a}")),
}
# The article's loss; the estimators' for classes and for numbers.
ARTICLE = "half_sse"
CLASSIFICATION = "log_loss"
REGRESSION = "half_mse"
# How the samples' losses are combined: the article adds them, scikit-learn
# and torch average them.
REDUCTIONS = ("sum", "mean")
ARTICLE_REDUCTION = "sum"
DEFAULT_REDUCTION = "mean"


def denominator(name: str, reduction: str, n: int, w: Optional[np.ndarray], exact: bool = False) -> float:
    """Return D, what the batch's loss and gradient are divided by: 1 for a sum, else n or the weights' sum."""
    if reduction == REDUCTIONS[0] and not LOSSES[name].mean:
        return 1.0
    return float(n) if w is None else kernels.total(w, exact)


def loss_value(name: str, y: np.ndarray, a: np.ndarray, output_activation: str, w: Optional[np.ndarray] = None,
               D: float = 1.0, exact: bool = False) -> float:
    """Return the loss `name` of the output a against the targets y, the samples weighted by w, divided by D."""
    value = LOSSES[name].value(y, a, output_activation, w, exact)
    return value if D == 1 else value / D


def output_delta(name: str, output_activation: str, y: np.ndarray, a: np.ndarray, w: Optional[np.ndarray] = None,
                 D: float = 1.0, exact: bool = False) -> tuple:
    """Return (E, slope, delta) of the output layer: the error, the activation's slope and -dLoss/dz.

    For half_sse with a sigmoid output these are the article's Steps 5-7:
    E = y - output, slope_output_layer and d_output = E * slope. log_loss
    with its own output (sigmoid or softmax) has delta = E and no slope.
    """
    return LOSSES[name].delta(y, a, output_activation, w, D, exact)


def decay_penalty(layers: list, decay: float, exact: bool = False) -> float:
    """Return (decay / 2) * sum(W**2) over the layers' weight matrices, not their biases."""
    if decay == 0:
        return 0.0
    return decay / 2 * sum(kernels.total(layer["W"] * layer["W"], exact) for layer in layers)
