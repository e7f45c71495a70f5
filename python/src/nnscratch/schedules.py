"""The learning-rate schedules registry: the rate of each epoch. Twin of R/schedules.R.

t counts the epochs from 1, also across a continued fit; `base` is `lr`.

- ``constant``: base, the article's.
- ``invscaling``: base / t^power_t, as scikit-learn's (which counts samples
  where this counts epochs).
- ``exponential``: base * gamma^(t - 1), as torch's ExponentialLR stepped
  once an epoch.
- ``adaptive``: scikit-learn's: base while the loss keeps improving; each
  time it has not improved by `tol` for `n_iter_no_change` epochs the rate
  is divided by 5, and training stops once it is at most 1e-6.

A schedule's state is the rate it has reached (`adaptive` lowers it); it is
kept in the fit's state, so a continued fit goes on where it stopped.
Powers go through `kernels`, so that exact mode gives the same bits in R.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple, Optional

from . import kernels

# scikit-learn's adaptive rate: divided by ADAPTIVE_FACTOR, down to ADAPTIVE_FLOOR.
ADAPTIVE_FACTOR = 5.0
ADAPTIVE_FLOOR = 1e-6


def constant(t: int, base: float, h: dict, state: dict, exact: bool) -> float:
    return base


def invscaling(t: int, base: float, h: dict, state: dict, exact: bool) -> float:
    return base / kernels.power(float(t), h["power_t"], exact)


def exponential(t: int, base: float, h: dict, state: dict, exact: bool) -> float:
    return base * kernels.power(h["gamma"], float(t - 1), exact)


def adaptive(t: int, base: float, h: dict, state: dict, exact: bool) -> float:
    return state["lr"]


def lower_rate(state: dict) -> Optional[dict]:
    """The adaptive schedule's answer to a plateau: the rate divided by 5, or None (stop) once it is at most 1e-6."""
    if state["lr"] <= ADAPTIVE_FLOOR:
        return None
    return {"lr": state["lr"] / ADAPTIVE_FACTOR}


class Schedule(NamedTuple):
    # (t, base, h, state, exact) -> the learning rate of epoch t
    lr: Callable[..., float]
    # the settings it reads from h
    params: tuple
    # what a plateau of the loss does: the new state, or None to stop; a
    # schedule without one stops training there
    plateau: Optional[Callable[[dict], Optional[dict]]]
    # its name in the peers that have it: scikit-learn's learning_rate
    peers: Mapping = MappingProxyType({})


SCHEDULES = {
    "constant": Schedule(constant, (), None, {"sklearn": "constant"}),
    "invscaling": Schedule(invscaling, ("power_t",), None, {"sklearn": "invscaling"}),
    "exponential": Schedule(exponential, ("gamma",), None, {}),
    "adaptive": Schedule(adaptive, (), lower_rate, {"sklearn": "adaptive"}),
}
DEFAULT = "constant"


def init_schedule(base: float) -> dict:
    """Return a schedule's state before the first epoch: the rate is `lr`."""
    return {"lr": base}


def epoch_lr(name: str, t: int, base: float, h: dict, state: dict, exact: bool = False) -> float:
    """Return the learning rate of epoch t under the schedule `name`."""
    return SCHEDULES[name].lr(t, base, h, state, exact)
