"""The article's Steps 2-11, one line per step under the article's names, as a view of the layered core.

Twin of R/steps.R. The maths is in layers.py; here each of the article's 14
intermediates is named from the core's lists for a network of one hidden
layer (see the package docstring for the shapes): z[0] is
hidden_layer_input, a[1] hiddenlayer_activations, and so on.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import activations, kernels, losses, optimizers
from .activations import sigmoid_f, sigmoid_slope
from .errors import abort
from .layers import forward_layers, from_article, to_article, train_step_layers
from .validate import (
    as_numeric_matrix,
    check_activation,
    check_flag,
    check_layers,
    check_network,
    check_number,
    check_numeric,
    check_output_activation,
    check_params,
    check_problem,
)

PARAM_NAMES = ("wh", "bh", "wout", "bout")
STEP_NAMES = (
    "hidden_layer_input", "hiddenlayer_activations", "output_layer_input", "output",
    "E", "slope_output_layer", "slope_hidden_layer", "d_output",
    "Error_at_hidden_layer", "d_hiddenlayer", "wout", "bout", "wh", "bh",
)


def sigmoid(x: Any) -> Any:
    """Return 1 / (1 + exp(-x)), element by element: the article's Step 3.

    For very negative `x`, exp(-x) overflows to inf and the result is exactly
    0, with no warning and no NaN.

    Examples
    --------
    >>> sigmoid(np.array([-1e300, 0.0, 1e300]))
    array([0. , 0.5, 1. ])
    """
    check_numeric(x, "x")
    # [()] gives a number back for a number, and the array for an array
    return sigmoid_f(np.asarray(x, dtype=np.float64))[()]


def derivatives_sigmoid(x: Any) -> Any:
    """Return x * (1 - x): the article's Step 6.

    As in the article, `x` is the activation a = sigmoid(z), not the input z:
    the derivative of the sigmoid at z is a * (1 - a).

    Examples
    --------
    >>> float(derivatives_sigmoid(sigmoid(0.0)))
    0.25
    """
    check_numeric(x, "x")
    return sigmoid_slope(np.asarray(x, dtype=np.float64))


# The defaults of forward() and train_step(): the article's network.
ARTICLE = {"activation": activations.ARTICLE, "output_activation": activations.ARTICLE, "loss": losses.ARTICLE}


@kernels.quiet
def forward(
    params: Any, X: Any, activation: Any = ARTICLE["activation"], output_activation: str = ARTICLE["output_activation"],
    exact: bool = False,
) -> dict:
    """Run forward propagation (Steps 2-4).

    Parameters
    ----------
    params : dict or list of dict
        The article's ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o) and
        ``bout`` (1, o), with ``bh`` and ``bout`` None in a network without
        biases; or a list of layers, each ``{"W": (fan_in, fan_out), "b":
        (1, fan_out) or None}``.
    X : array_like, shape (n, p)
        One row per sample.
    activation : str or sequence of str, default "sigmoid"
        The hidden layers' activation, "sigmoid", "tanh" or "relu"; one
        name for all, or one per hidden layer.
    output_activation : {"sigmoid", "softmax", "identity"}, default "sigmoid"
    exact : bool, default False
        Add every sum in R's order, so that R and Python give the same bits
        (see the README's "Bit-identical across languages").

    Returns
    -------
    dict
        For the article's params, its Steps 2-4: ``hidden_layer_input``
        (n, h), ``hiddenlayer_activations`` (n, h), ``output_layer_input``
        (n, o) and ``output`` (n, o). For a list of layers, ``z``, the input
        sum of each layer, and ``a``, X followed by each layer's activation;
        ``a[-1]`` is the output.
    """
    X = as_numeric_matrix(X, "X")
    layers, article = check_network(params, X.shape[1])
    activation = check_activation(activation, len(layers) - 1)
    output_activation = check_output_activation(output_activation)
    exact = check_flag(exact, "exact")
    f = forward_layers(layers, X, activation, output_activation, exact)
    return article_forward(f) if article else {"z": f["z"], "a": f["a"]}


@kernels.quiet
def train_step(
    params: Any, X: Any, y: Any, lr: float, activation: Any = ARTICLE["activation"],
    output_activation: str = ARTICLE["output_activation"], loss: str = ARTICLE["loss"], decay: float = 0.0,
    exact: bool = False,
) -> dict:
    """Run one step of gradient descent on the whole batch: the article's Steps 2-11.

    Parameters
    ----------
    params : dict or list of dict
        The article's params or a list of layers, as in `forward`.
    X : array_like, shape (n, p)
    y : array_like, shape (n, o) or (n,)
        Targets, in [0, 1] unless the output is "identity"; a 1-D array is
        taken as one column.
    lr : float
        The learning rate, a positive number.
    activation, output_activation, exact
        As in `forward`.
    loss : {"half_sse", "half_mse", "log_loss"}, default "half_sse"
        The article's 1/2 * sum((y - output)**2); the same divided by n;
        or the cross-entropy (with a sigmoid or softmax output).
    decay : float, default 0
        Weight decay: (decay / 2) * sum(W**2) over the weight matrices
        (not the biases) is added to the loss.

    Returns
    -------
    dict
        For the article's params, 14 matrices: ``hidden_layer_input``,
        ``hiddenlayer_activations``, ``output_layer_input``, ``output``,
        ``E``, ``slope_output_layer``, ``slope_hidden_layer``, ``d_output``,
        ``Error_at_hidden_layer``, ``d_hiddenlayer``, and the updated
        ``wout``, ``bout``, ``wh`` and ``bh`` (``{k: step[k] for k in
        PARAM_NAMES}`` is the next epoch's params). A slope is None where
        the output has none (softmax, or log_loss, whose E is already the
        delta). For a list of layers: ``z`` and ``a`` as in `forward`, and
        per layer ``err`` (the error sent back to it: -dLoss/da, except at
        the output of log_loss, whose error is already -dLoss/dz),
        ``slope`` and ``delta`` (-dLoss/dz); ``loss``, the loss before the
        step; and ``layers``, the updated layers.
    """
    X = as_numeric_matrix(X, "X")
    net = check_problem(params, X, y, activation, output_activation, loss)
    s = {"activation": net["activation"], "output_activation": net["output_activation"], "loss": net["loss"],
         "reduction": losses.ARTICLE_REDUCTION, "decay": check_number(decay, "decay"),
         "exact": check_flag(exact, "exact"), "optimizer": optimizers.ARTICLE}
    step = train_step_layers(net["layers"], X, net["y"], check_number(lr, "lr", lo_open=True), s)
    return article_step(step) if net["article"] else {k: step[k] for k in STEP_KEYS}


# What train_step returns for a list of layers.
STEP_KEYS = ("z", "a", "err", "slope", "delta", "loss", "layers")


def as_layers(params: Any) -> list:
    """Return the article's params (wh, bh, wout, bout) as a list of two layers, ``{"W", "b"}`` each.

    A list of layers is returned as it is, checked.
    """
    if isinstance(params, dict):
        return from_article(check_params(params, rows_of(params.get("wh"))))
    first = params[0] if isinstance(params, (list, tuple)) and params and isinstance(params[0], dict) else {}
    return check_layers(params, rows_of(first.get("W")))


def as_article(layers: Any) -> dict:
    """Return a network of one hidden layer (two layers) as the article's params: wh, bh, wout, bout."""
    layers = as_layers(layers)
    if len(layers) != 2:
        abort("`layers` must have one hidden layer (two layers) to be written as the article's params, not %d layers.",
              len(layers))
    if (layers[0]["b"] is None) != (layers[1]["b"] is None):
        abort("`layers` must have biases in both layers, or in neither, to be written as the article's params.")
    return to_article(layers)


def rows_of(W: Any) -> int:
    """The rows of a matrix, so that the checks compare the rest of a network with its first layer."""
    return int(np.shape(W)[0]) if np.ndim(W) == 2 else 0


def article_forward(f: dict) -> dict:
    """Name the core's forward pass of one hidden layer as the article's Steps 2-4."""
    return {
        # Step 2
        "hidden_layer_input": f["z"][0],
        # Step 3
        "hiddenlayer_activations": f["a"][1],
        # Step 4
        "output_layer_input": f["z"][1],
        "output": f["a"][2],
    }


def article_step(s: dict) -> dict:
    """Name the core's step of one hidden layer as the article's Steps 2-11."""
    return {
        **article_forward(s),
        # Step 5: E = y - output, the error the loss sends back
        "E": s["err"][1],
        # Step 6: derivatives_sigmoid takes the activations, not the inputs
        "slope_output_layer": s["slope"][1],
        "slope_hidden_layer": s["slope"][0],
        # Step 7
        "d_output": s["delta"][1],
        # Step 8
        "Error_at_hidden_layer": s["err"][0],
        # Step 9
        "d_hiddenlayer": s["delta"][0],
        # Step 10
        "wout": s["layers"][1]["W"],
        # Step 11: a sum over the rows, one update per neuron (the article's R
        # script has rowSums, one per sample)
        "bout": s["layers"][1]["b"],
        # Step 10
        "wh": s["layers"][0]["W"],
        # Step 11
        "bh": s["layers"][0]["b"],
    }
