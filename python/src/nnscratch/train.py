"""Steps 1-11 repeated for a number of epochs. Twin of R/train.R."""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from .steps import PARAM_NAMES, train_step_impl
from .validate import (
    abort,
    as_numeric_matrix,
    check_epochs,
    check_lr,
    check_params,
    check_trace_every,
    check_y,
)


def train(
    params: dict,
    X: Any,
    y: Any,
    lr: float,
    epochs: int,
    trace_every: int = 0,
    trace_at: Optional[Sequence[int]] = None,
) -> dict:
    """Train the network by full-batch gradient descent.

    Repeats `train_step` for `epochs` epochs and keeps the loss of each,
    E = 0.5 * sum((y - output)**2), computed from that epoch's forward pass
    (before its update).

    Parameters
    ----------
    params : dict
        ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o), ``bout`` (1, o).
    X : array_like, shape (n, p)
    y : array_like, shape (n, o) or (n,)
    lr : float
        The learning rate, a positive number.
    epochs : int
        The number of epochs, a positive whole number.
    trace_every : int, default 0
        Keep every intermediate of epoch 1, of every `trace_every`-th epoch
        and of the last epoch. 0 keeps none and costs nothing.
    trace_at : sequence of int, optional
        Alternatively, the epochs to keep; combined with `trace_every`.

    Returns
    -------
    dict
        ``params``, the trained weights; ``loss``, shape (epochs,); and
        ``trace``, a list with one dict per kept epoch: the `train_step`
        result of that epoch plus its ``epoch``.

    Examples
    --------
    >>> from nnscratch import load_scenario
    >>> s = load_scenario("article")
    >>> fit = train(s["init"], s["X"], s["y"], lr=0.1, epochs=5000, trace_every=1000)
    >>> [t["epoch"] for t in fit["trace"]]
    [1, 1000, 2000, 3000, 4000, 5000]
    """
    X = as_numeric_matrix(X, "X")
    y = check_y(y, X)
    params = check_params(params, X.shape[1], y.shape[1])
    lr = check_lr(lr)
    epochs = check_epochs(epochs)
    keep = trace_epochs(epochs, check_trace_every(trace_every), trace_at)
    return train_impl(params, X, y, lr, epochs, keep)


def trace_epochs(epochs: int, every: int, at: Optional[Sequence[int]]) -> list:
    """Return the sorted epochs to keep: 1, every k-th and the last when k > 0, plus `at`."""
    keep: list = []
    if at is not None:
        a = np.atleast_1d(np.asarray(at))
        if (
            not (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating))
            or np.any(~np.isfinite(a)) or np.any(a != np.round(a))
            or np.any(a < 1) or np.any(a > epochs)
        ):
            abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs)
        keep = [int(e) for e in a]
    if every > 0:
        keep += [1, *range(every, epochs + 1, every), epochs]
    return sorted(set(keep))


def train_impl(params: dict, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, keep: list) -> dict:
    loss = np.zeros(epochs)
    trace = []
    k = 0
    for epoch in range(1, epochs + 1):
        step = train_step_impl(params, X, y, lr)
        loss[epoch - 1] = 0.5 * np.sum(step["E"] ** 2)
        params = {name: step[name] for name in PARAM_NAMES}
        if k < len(keep) and keep[k] == epoch:
            trace.append({"epoch": epoch, **step})
            k += 1
    return {"params": params, "loss": loss, "trace": trace}
