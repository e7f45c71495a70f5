"""One epoch of the article, Steps 2-11, one line per step under the article's names.

Twin of R/steps.R. Shapes: see the table in the package docstring.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .validate import as_numeric_matrix, check_lr, check_numeric, check_params, check_y

PARAM_NAMES = ("wh", "bh", "wout", "bout")


def sigmoid(x: Any) -> Any:
    """Return 1 / (1 + exp(-x)), element by element.

    For very negative `x`, exp(-x) overflows to inf and the result is exactly
    0, with no warning and no NaN.

    Examples
    --------
    >>> sigmoid(np.array([-1e300, 0.0, 1e300]))
    array([0. , 0.5, 1. ])
    """
    x = check_numeric(x, "x")
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def derivatives_sigmoid(x: Any) -> Any:
    """Return x * (1 - x).

    As in the article, `x` is the activation a = sigmoid(z), not the input z:
    the derivative of the sigmoid at z is a * (1 - a).

    Examples
    --------
    >>> float(derivatives_sigmoid(sigmoid(0.0)))
    0.25
    """
    x = check_numeric(x, "x")
    return x * (1 - x)


def forward(params: dict, X: Any) -> dict:
    """Run forward propagation (Steps 2-4).

    Parameters
    ----------
    params : dict
        ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o) and ``bout`` (1, o);
        ``bh`` and ``bout`` are None in a network without biases.
    X : array_like, shape (n, p)
        One row per sample.

    Returns
    -------
    dict
        The article's Steps 2-4: ``hidden_layer_input`` (n, h),
        ``hiddenlayer_activations`` (n, h), ``output_layer_input`` (n, o)
        and ``output`` (n, o).
    """
    X = as_numeric_matrix(X, "X")
    params = check_params(params, X.shape[1])
    return forward_impl(params, X)


def train_step(params: dict, X: Any, y: Any, lr: float) -> dict:
    """Run the article's Steps 2-11 once on the whole batch.

    Parameters
    ----------
    params : dict
        ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o), ``bout`` (1, o).
    X : array_like, shape (n, p)
    y : array_like, shape (n, o) or (n,)
        Targets in [0, 1]; a 1-D array is taken as one column.
    lr : float
        The learning rate, a positive number.

    Returns
    -------
    dict
        14 matrices: ``hidden_layer_input``, ``hiddenlayer_activations``,
        ``output_layer_input``, ``output``, ``E``, ``slope_output_layer``,
        ``slope_hidden_layer``, ``d_output``, ``Error_at_hidden_layer``,
        ``d_hiddenlayer``, and the updated ``wout``, ``bout``, ``wh`` and
        ``bh``. ``{k: step[k] for k in PARAM_NAMES}`` is the next epoch's
        params.
    """
    X = as_numeric_matrix(X, "X")
    y = check_y(y, X)
    params = check_params(params, X.shape[1], y.shape[1])
    return train_step_impl(params, X, y, check_lr(lr))


def add_bias(M: np.ndarray, b: Optional[np.ndarray]) -> np.ndarray:
    """Add a (1, k) bias to every row of an (n, k) matrix.

    The article's R script replicates the biases with byrow = FALSE, which
    gives each sample its own bias; here each neuron has one, broadcast down
    the rows.
    """
    return M if b is None else M + b


def forward_impl(params: dict, X: np.ndarray) -> dict:
    # Step 2
    hidden_layer_input = add_bias(X @ params["wh"], params["bh"])
    # Step 3
    hiddenlayer_activations = sigmoid(hidden_layer_input)
    # Step 4
    output_layer_input = add_bias(hiddenlayer_activations @ params["wout"], params["bout"])
    output = sigmoid(output_layer_input)
    return {
        "hidden_layer_input": hidden_layer_input,
        "hiddenlayer_activations": hiddenlayer_activations,
        "output_layer_input": output_layer_input,
        "output": output,
    }


def train_step_impl(params: dict, X: np.ndarray, y: np.ndarray, lr: float) -> dict:
    f = forward_impl(params, X)
    # Step 5
    E = y - f["output"]
    # Step 6: derivatives_sigmoid takes the activations, not the inputs
    slope_output_layer = derivatives_sigmoid(f["output"])
    slope_hidden_layer = derivatives_sigmoid(f["hiddenlayer_activations"])
    # Step 7
    d_output = E * slope_output_layer
    # Step 8
    Error_at_hidden_layer = d_output @ params["wout"].T
    # Step 9
    d_hiddenlayer = Error_at_hidden_layer * slope_hidden_layer
    # Step 10
    wout = params["wout"] + f["hiddenlayer_activations"].T @ d_output * lr
    # Step 11: a sum over the rows, one update per neuron (the article's R
    # script has rowSums, one per sample)
    bout = None if params["bout"] is None else params["bout"] + d_output.sum(axis=0, keepdims=True) * lr
    # Step 10
    wh = params["wh"] + X.T @ d_hiddenlayer * lr
    # Step 11
    bh = None if params["bh"] is None else params["bh"] + d_hiddenlayer.sum(axis=0, keepdims=True) * lr
    return {
        **f,
        "E": E,
        "slope_output_layer": slope_output_layer,
        "slope_hidden_layer": slope_hidden_layer,
        "d_output": d_output,
        "Error_at_hidden_layer": Error_at_hidden_layer,
        "d_hiddenlayer": d_hiddenlayer,
        "wout": wout,
        "bout": bout,
        "wh": wh,
        "bh": bh,
    }
