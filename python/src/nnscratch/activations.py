"""The activations registry: each a function, its derivative taken from the activation, and its roles. Twin of R/activations.R.

As in the article, a derivative takes the activation a = f(z), not z:
``derivatives_sigmoid(output)`` is Step 6. scikit-learn's
``inplace_logistic_derivative`` does the same. Softmax has no elementwise
derivative; its backward step is the product with its Jacobian, in
`backward`.

`ACTIVATIONS` is the one list of their names: the argument checks, the
model-file reader, the command line's choices and the plots' labels are
built from it. Adding an activation is one entry here (and its twin in R).
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional

import numpy as np

from . import kernels

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


def beyond(limit: float) -> Callable[[np.ndarray], bool]:
    """Return a test of whether every input z of an output lies beyond +-limit, where its slope is nearly 0."""
    return lambda z: bool(np.all(np.isfinite(z)) and np.all(np.abs(z) > limit))


class Activation(NamedTuple):
    f: Callable[..., np.ndarray]
    # the derivative from the activation; None for softmax (see backward)
    slope: Optional[Callable[[np.ndarray], np.ndarray]]
    # whether it may be a hidden layer's, and the output's
    hidden: bool
    output: bool
    # as an output: whether its outputs are probabilities (targets in [0, 1],
    # classes), and whether each row of them sums to 1
    probability: bool
    rowwise: bool
    # as an output, whether every sample's input z leaves it with almost no
    # slope, so that a step hardly moves it; None where that cannot happen
    saturated: Optional[Callable[[np.ndarray], bool]]


# A sigmoid whose input z has |z| > 15 has a slope a * (1 - a) below 3.1e-7.
SIGMOID_SATURATION = 15

ACTIVATIONS = {
    "sigmoid": Activation(sigmoid_f, sigmoid_slope, True, True, True, False, beyond(SIGMOID_SATURATION)),
    "tanh": Activation(tanh_f, tanh_slope, True, False, False, False, None),
    "relu": Activation(relu_f, relu_slope, True, False, False, False, None),
    "softmax": Activation(softmax_f, None, False, True, True, True, None),
    "identity": Activation(identity_f, identity_slope, True, True, False, False, None),
}
# The sigmoid, scikit-learn's "logistic"; it is the article's hidden and
# output activation. The estimators' hidden activation is scikit-learn's and
# brulee's; they choose their output from the outcome (see
# `mlp.read_outcome`).
LOGISTIC = "sigmoid"
ARTICLE = LOGISTIC
DEFAULT_HIDDEN = "relu"
# The outputs for classes: one output for two classes, one per class for more.
BINARY_OUTPUT = "sigmoid"
MULTICLASS_OUTPUT = "softmax"
REGRESSION_OUTPUT = "identity"


def activation_names(role: str) -> list:
    """Return the names of the activations that may play `role`, "hidden" or "output", in the registry's order."""
    return [name for name, a in ACTIVATIONS.items() if getattr(a, role)]


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
