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
# own arrays, which it may overwrite in place (`*=`, `+=`: the same
# operations in the same order as written out, so the same bits, without a
# temporary array); the weights are new arrays.


def sgd(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    return p + d * lr, slots


def momentum(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # v = momentum * v + d
    v = slots[0]
    v *= h["momentum"]
    v += d
    return p + v * lr, [v]


def nesterov(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    v = slots[0]
    v *= h["momentum"]
    v += d
    return p + (d + h["momentum"] * v) * lr, [v]


def rmsprop(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # s = rho * s + (1 - rho) * d^2
    s = slots[0]
    s *= h["rho"]
    s += (1 - h["rho"]) * (d * d)
    return p + d / (kernels.sqrt(s, exact) + h["epsilon"]) * lr, [s]


def adam(p: np.ndarray, d: np.ndarray, slots: list, lr: float, h: dict, c: dict, exact: bool) -> tuple:
    # m = beta1 * m + (1 - beta1) * d; s = beta2 * s + (1 - beta2) * d^2
    m, s = slots
    m *= h["beta1"]
    m += (1 - h["beta1"]) * d
    s *= h["beta2"]
    s += (1 - h["beta2"]) * (d * d)
    denominator = kernels.sqrt(s, exact) / c["sqrt_correction2"] + h["epsilon"]
    return p + m / denominator * (lr / c["correction1"]), [m, s]


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
    new_layers = []
    new_state: dict = {"t": t, **{slot: [] for slot in opt.slots}}
    for i, (layer, d) in enumerate(zip(layers, directions)):
        new_layer: dict = {}
        slots_of: dict = {slot: {} for slot in opt.slots}
        for k in ("W", "b"):
            if layer[k] is None:
                new_layer[k] = None
                for slot in opt.slots:
                    slots_of[slot][k] = None
                continue
            p, slots = opt.update(layer[k], d[k], [state[slot][i][k] for slot in opt.slots], lr, h, c, exact)
            new_layer[k] = p
            for slot, value in zip(opt.slots, slots):
                slots_of[slot][k] = value
        new_layers.append(new_layer)
        for slot in opt.slots:
            new_state[slot].append(slots_of[slot])
    return new_layers, new_state
