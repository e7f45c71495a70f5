"""A check of the core's gradient against central finite differences. Twin of R/gradients.R."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import kernels, losses
from .layers import backward_layers, descent, forward_layers
from .losses import REDUCTIONS, decay_penalty, denominator, loss_value
from .steps import ARTICLE
from .validate import as_numeric_matrix, check_choice, check_flag, check_number, check_problem, check_weights


@kernels.quiet
def check_gradients(
    params: Any, X: Any, y: Any, activation: Any = ARTICLE["activation"],
    output_activation: str = ARTICLE["output_activation"], loss: str = ARTICLE["loss"], decay: float = 0.0,
    exact: bool = False, eps: float = 1e-4, reduction: str = losses.ARTICLE_REDUCTION, weights: Any = None,
) -> float:
    """Return the largest relative error between the core's gradient and central finite differences.

    For every weight and bias w, the analytic dLoss/dw (from the backward
    pass, what `train_step` steps along) is compared with (Loss(w + eps) -
    Loss(w - eps)) / (2 eps), where Loss is the loss plus the decay
    penalty; the relative error is |analytic - numeric| / max(|analytic| +
    |numeric|, 1e-6), where the floor keeps the rounding of finite
    differences on tiny gradients from counting. A correct gradient gives
    about 1e-5 or less; a wrong derivative gives errors near 1.

    Parameters
    ----------
    params, X, y, activation, output_activation, loss, decay, exact
        As in `train_step`.
    eps : float, default 1e-4
        The finite-difference step.
    reduction, weights
        As in `train`: the loss summed or averaged, and a weight per sample.

    Examples
    --------
    >>> from nnscratch import load_scenario
    >>> s = load_scenario("article")
    >>> check_gradients(s["init"], s["X"], s["y"]) < 1e-6
    True
    """
    X = as_numeric_matrix(X, "X")
    net = check_problem(params, X, y, activation, output_activation, loss)
    y, layers, activation, output_activation, loss = (
        net[k] for k in ("y", "layers", "activation", "output_activation", "loss")
    )
    decay = check_number(decay, "decay")
    exact = check_flag(exact, "exact")
    eps = check_number(eps, "eps", lo_open=True)
    reduction = check_choice(reduction, "reduction", REDUCTIONS)
    rows = check_weights(weights, X.shape[0])
    D = denominator(loss, reduction, X.shape[0], rows, exact)

    def objective(net: list) -> float:
        output = forward_layers(net, X, activation, output_activation, exact)["a"][-1]
        return loss_value(loss, y, output, output_activation, rows, D, exact) + decay_penalty(net, decay, exact) / D

    f = forward_layers(layers, X, activation, output_activation, exact)
    delta = backward_layers(layers, f, y, activation, output_activation, loss, rows, D, exact)["delta"]
    directions = descent(layers, f["a"], delta, decay / D, exact)
    worst = 0.0
    for i, layer in enumerate(layers):
        for key in ("W", "b"):
            if layer[key] is None:
                continue
            for idx in np.ndindex(*layer[key].shape):
                shifted = []
                for sign in (1, -1):
                    w = layer[key].copy()
                    w[idx] += sign * eps
                    shifted.append(objective([*layers[:i], {**layer, key: w}, *layers[i + 1:]]))
                numeric = (shifted[0] - shifted[1]) / (2 * eps)
                analytic = -directions[i][key][idx]
                worst = max(worst, abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-6))
    return float(worst)
