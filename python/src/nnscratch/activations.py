"""Activations: each a function and its derivative taken from the activation. Twin of R/activations.R.

As in the article, a derivative takes the activation a = f(z), not z:
``derivatives_sigmoid(output)`` is Step 6. scikit-learn's
``inplace_logistic_derivative`` does the same. Softmax has no elementwise
derivative; its backward step is the product with its Jacobian, in
`backward`.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

import numpy as np

from . import kernels
from .validate import check_numeric


def sigmoid(x: Any) -> Any:
    """Return 1 / (1 + exp(-x)), element by element.

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
    """Return x * (1 - x).

    As in the article, `x` is the activation a = sigmoid(z), not the input z:
    the derivative of the sigmoid at z is a * (1 - a).

    Examples
    --------
    >>> float(derivatives_sigmoid(sigmoid(0.0)))
    0.25
    """
    check_numeric(x, "x")
    return sigmoid_slope(np.asarray(x, dtype=np.float64))


# The functions and slopes write their later steps into the array of their
# first (`out=`, `*=`): the same operations in the same order, so the same
# bits, without a temporary array per step. x + 1 and 1 + x, x * y and y * x
# are the same in floating point. A function given `out` writes f(z) there.


def sigmoid_f(z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    # 1 / (1 + exp(-z))
    e = np.asarray(kernels.exp(-z, exact))
    e += 1
    return np.divide(1, e, out=e if out is None else out)


def sigmoid_slope(a: np.ndarray) -> np.ndarray:
    # a * (1 - a)
    s = 1 - a
    s *= a
    return s


def tanh_f(z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    return written(kernels.tanh(z, exact), out)


def tanh_slope(a: np.ndarray) -> np.ndarray:
    # tanh'(z) = 1 - tanh(z)^2
    s = np.asarray(a * a)
    return np.subtract(1, s, out=s)


def relu_f(z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    return np.maximum(z, 0.0, out=out)


def relu_slope(a: np.ndarray) -> np.ndarray:
    # 1 where the unit is on; at z = 0 the slope is taken as 0, as PyTorch and scikit-learn take it
    return (a > 0).astype(np.float64)


def identity_f(z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    return written(z, out)


def identity_slope(a: np.ndarray) -> np.ndarray:
    return np.ones_like(a)


def softmax_f(z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    # exp(z - max) cannot overflow, and gives the same probabilities
    e = kernels.exp(z - z.max(axis=1, keepdims=True), exact)
    return np.divide(e, kernels.row_sums(e, exact), out=out)


def written(x: np.ndarray, out: Optional[np.ndarray]) -> np.ndarray:
    """Return x, copied into `out` when given."""
    if out is None:
        return x
    out[...] = x
    return out


class Activation(NamedTuple):
    f: Callable[..., np.ndarray]
    # the derivative from the activation; None for softmax (see backward)
    slope: Optional[Callable[[np.ndarray], np.ndarray]]


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid_f, sigmoid_slope),
    "tanh": Activation(tanh_f, tanh_slope),
    "relu": Activation(relu_f, relu_slope),
    "identity": Activation(identity_f, identity_slope),
    "softmax": Activation(softmax_f, None),
}
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "softmax", "identity")


def activate(name: str, z: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Return the activation `name` of z, written into `out` when given."""
    return ACTIVATIONS[name].f(z, exact, out)


def activation_slope(name: str, a: np.ndarray) -> Optional[np.ndarray]:
    """Return the derivative of the activation `name`, from the activation a; None for softmax."""
    slope = ACTIVATIONS[name].slope
    return None if slope is None else slope(a)


def backward(name: str, a: np.ndarray, g: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> tuple:
    """Return (slope, delta): delta is g, the error -dLoss/da, carried back through the activation to z.

    For an elementwise activation, slope = f'(z) from a and delta = g *
    slope (the article's Steps 6-7 and 9). For softmax, slope is None and
    delta = a * (g - rowSums(g * a)), its Jacobian times g. delta is
    written into `out` when given.
    """
    slope = activation_slope(name, a)
    if slope is None:
        return None, np.multiply(a, g - kernels.row_sums(g * a, exact), out=out)
    return slope, np.multiply(g, slope, out=out)
