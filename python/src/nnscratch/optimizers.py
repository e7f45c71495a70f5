"""The optimizers registry: how a step turns the descent directions into new weights. Twin of R/optimizers.R.

The training loop computes d = -dLoss/dW for every weight matrix and bias
(`layers.descent`) and hands them here; it knows nothing of momentum or
Adam. An optimizer keeps its own arrays per weight (its "slots": a velocity,
running averages), created by `init_state` and carried from step to step in
the fit's state, so that training can stop and go on with the same bits.

The updates are torch.optim's (SGD with dampening 0, RMSprop uncentred and
without momentum, Adam without amsgrad), written for d = -g, the gradient's
negative:

- ``sgd``, the article's W + d * lr (Steps 10-11);
- ``momentum``: v = momentum * v + d, W + v * lr;
- ``nesterov``: v as above, W + (d + momentum * v) * lr;
- ``rmsprop``: s = rho * s + (1 - rho) * d^2, W + d / (sqrt(s) + epsilon) * lr;
- ``adam``: m = beta1 * m + (1 - beta1) * d, s = beta2 * s + (1 - beta2) * d^2,
  W + m / (sqrt(s) / sqrt(1 - beta2^t) + epsilon) * (lr / (1 - beta1^t)),
  t the number of steps taken.

Weight decay is already in d (`layers.descent`), weights only, as torch's
``weight_decay`` adds it to the gradient. Powers go through `kernels`, so
that exact mode gives the same bits in R; square roots are correctly
rounded in both languages.
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple, Optional

import numpy as np

from . import kernels

# Each update returns the new weights and slots. The slots are the step's
# own arrays, which it overwrites in place (`*=`, `+=`, `out=`), and so are
# its temporaries: the same operations in the same order as written out, so
# the same bits, without a fresh array per operation. x * y and y * x, x + y
# and y + x are the same in floating point. The weights are new arrays.


def sgd(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # p + d * lr
    u = d * lr
    u += p
    return u, slots


def momentum(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # v = momentum * v + d; p + v * lr
    v = slots[0]
    v *= h["momentum"]
    v += d
    u = v * lr
    u += p
    return u, [v]


def nesterov(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # v as momentum's; p + (d + momentum * v) * lr
    v = slots[0]
    v *= h["momentum"]
    v += d
    u = v * h["momentum"]
    u += d
    u *= lr
    u += p
    return u, [v]


def rmsprop(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # s = rho * s + (1 - rho) * d^2; p + d / (sqrt(s) + epsilon) * lr
    s = slots[0]
    u = d * d
    u *= 1 - h["rho"]
    s *= h["rho"]
    s += u
    kernels.sqrt(s, exact, out=u)
    u += h["epsilon"]
    np.divide(d, u, out=u)
    u *= lr
    u += p
    return u, [s]


def adam(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # m = beta1 * m + (1 - beta1) * d; s = beta2 * s + (1 - beta2) * d^2;
    # p + m / (sqrt(s) / sqrt_correction2 + epsilon) * (lr / correction1)
    m, s = slots
    u = d * (1 - h["beta1"])
    m *= h["beta1"]
    m += u
    np.multiply(d, d, out=u)
    u *= 1 - h["beta2"]
    s *= h["beta2"]
    s += u
    kernels.sqrt(s, exact, out=u)
    u /= c["sqrt_correction2"]
    u += h["epsilon"]
    np.divide(m, u, out=u)
    u *= lr / c["correction1"]
    u += p
    return u, [m, s]


def adam_corrections(h: dict, t: int, exact: bool) -> dict:
    """Adam's bias corrections at step t, 1 - beta1^t and sqrt(1 - beta2^t), once for all its weights."""
    return {"correction1": 1 - kernels.power(h["beta1"], t, exact),
            "sqrt_correction2": math.sqrt(1 - kernels.power(h["beta2"], t, exact))}


class Optimizer(NamedTuple):
    # (p, d, slots, lr, h, c, exact) -> (new p, new slots), for one weight matrix or bias
    update: Callable[..., tuple]
    # the arrays it keeps per weight, by name
    slots: tuple
    # the settings it reads from h
    params: tuple
    # (h, t, exact) -> the numbers its updates share at step t, or None
    prepare: Optional[Callable[..., dict]] = None
    # how the peers that have it call it: scikit-learn's MLP's parameters
    peers: Mapping = MappingProxyType({})


OPTIMIZERS = {
    "sgd": Optimizer(sgd, (), (), None, {"sklearn": {"solver": "sgd", "momentum": 0.0}}),
    "momentum": Optimizer(momentum, ("velocity",), ("momentum",), None,
                          {"sklearn": {"solver": "sgd", "nesterovs_momentum": False}}),
    "nesterov": Optimizer(nesterov, ("velocity",), ("momentum",), None,
                          {"sklearn": {"solver": "sgd", "nesterovs_momentum": True}}),
    "rmsprop": Optimizer(rmsprop, ("square_avg",), ("rho", "epsilon")),
    "adam": Optimizer(adam, ("exp_avg", "exp_avg_sq"), ("beta1", "beta2", "epsilon"), adam_corrections,
                      {"sklearn": {"solver": "adam"}}),
}
# The article's optimizer, and the estimators' (scikit-learn's and brulee's).
ARTICLE = "sgd"
DEFAULT = "adam"


def copied_state(state: dict) -> dict:
    """Return a copy of an optimizer's state whose slots a run may overwrite, leaving the original as it was."""
    return {k: v if k == "t" else [{key: None if a is None else a.copy() for key, a in layer.items()} for layer in v]
            for k, v in state.items()}


def init_state(name: str, layers: list) -> dict:
    """Return an optimizer's state before its first step: t = 0, and every slot 0 with the shape of its weight."""
    def zeros(b: Optional[np.ndarray]) -> Optional[np.ndarray]:
        return None if b is None else np.zeros_like(b)

    return {"t": 0, **{slot: [{"W": zeros(layer["W"]), "b": zeros(layer["b"])} for layer in layers]
                       for slot in OPTIMIZERS[name].slots}}


def optimizer_step(name: str, layers: list, directions: list, state: dict, lr: float, h: dict,
                   exact: bool = False) -> tuple:
    """Return (layers, state) after one step of the optimizer `name` along the directions, at learning rate lr.

    `h` holds the optimizer's settings (momentum, rho, beta1, beta2,
    epsilon); `layers` and `directions` are lists of ``{"W", "b"}``. The
    state's slots are updated in place.
    """
    opt = OPTIMIZERS[name]
    t = state["t"] + 1
    c = {} if opt.prepare is None else opt.prepare(h, t, exact)
    update, slots = opt.update, [state[slot] for slot in opt.slots]
    new_layers = []
    for i, layer in enumerate(layers):
        new_layer = {"W": None, "b": None}
        for k in ("W", "b") if layer["b"] is not None else ("W",):
            kept = [slot[i][k] for slot in slots] if slots else []
            new_layer[k], kept = update(layer[k], directions[i][k], kept, lr, h, c, exact)
            for slot, value in zip(slots, kept):
                slot[i][k] = value
        new_layers.append(new_layer)
    return new_layers, {**state, "t": t}
