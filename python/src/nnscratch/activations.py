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

from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple, Optional

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


class Sheet(NamedTuple):
    """An activation in a spreadsheet cell (export_steps): the formula of f(z) and of the slope from a = f(z), with {x}
    the cell and {row} its row of the block, and the article's words for them; no slope for softmax."""

    f: str
    slope: Optional[str]
    f_text: str
    slope_text: Optional[str]


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
    # the same rule in a spreadsheet's cell; None where export_steps cannot
    # write it
    sheet: Optional[Sheet] = None
    # its name in the peers that have it (scikit-learn's, neuralnet's; torch's
    # module; ONNX's operator, None where the graph needs none)
    peers: Mapping = MappingProxyType({})


# A sigmoid whose input z has |z| > 15 has a slope a * (1 - a) below 3.1e-7.
SIGMOID_SATURATION = 15

ACTIVATIONS = {
    "sigmoid": Activation(
        sigmoid_f, sigmoid_slope, True, True, True, False, beyond(SIGMOID_SATURATION),
        Sheet("1/(1+EXP(-{x}))", "{x}*(1-{x})", "sigmoid({x})", "derivatives_sigmoid({x})"),
        {"sklearn": "logistic", "neuralnet": "logistic", "torch": "Sigmoid", "onnx": "Sigmoid"}),
    "tanh": Activation(
        tanh_f, tanh_slope, True, False, False, False, None,
        Sheet("TANH({x})", "1-{x}*{x}", "tanh({x})", "1 - {x}^2"),
        {"sklearn": "tanh", "neuralnet": "tanh", "torch": "Tanh", "onnx": "Tanh"}),
    "relu": Activation(
        relu_f, relu_slope, True, False, False, False, None,
        Sheet("MAX({x},0)", "IF({x}>0,1,0)", "max({x}, 0)", "1 where {x} > 0, else 0"),
        {"sklearn": "relu", "torch": "ReLU", "onnx": "Relu"}),
    "softmax": Activation(
        softmax_f, None, False, True, True, True, None,
        Sheet("EXP({x}-MAX({row}))/SUMPRODUCT(EXP({row}-MAX({row})))", None,
              "softmax({x}): exp(z - max(z)) over its sum, row by row", None),
        {"sklearn": "softmax", "torch": "Softmax", "onnx": "Softmax"}),
    "identity": Activation(
        identity_f, identity_slope, True, True, False, False, None,
        Sheet("{x}", "1", "{x}", "1"),
        {"sklearn": "identity", "torch": "Identity", "onnx": None}),
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


def peer_name(name: str, peer: str) -> Optional[str]:
    """Return the name of the activation `name` in a peer library ("sklearn", "neuralnet", "torch", "onnx"); None when
    the peer has none for it."""
    return ACTIVATIONS[name].peers.get(peer)


def from_peer(peer_name: str, peer: str) -> Optional[str]:
    """Return the activation whose name in the peer library is `peer_name`; None when there is none."""
    return next((name for name, a in ACTIVATIONS.items() if a.peers.get(peer) == peer_name), None)


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
