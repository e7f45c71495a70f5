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
    # The epochs in `keep` run train_step_impl, which returns every
    # intermediate; the others run fast_epoch, the same operations in the
    # same order on arrays allocated once, so both give identical numbers.
    params = {name: None if w is None else w.copy() for name, w in params.items()}
    buffers = epoch_buffers(params, X, lr)
    loss = np.zeros(epochs)
    trace = []
    k = 0
    # sigmoid's overflow of exp(-x) to inf is expected (see sigmoid)
    with np.errstate(over="ignore"):
        for epoch in range(1, epochs + 1):
            if k < len(keep) and keep[k] == epoch:
                step = train_step_impl(params, X, y, lr)
                loss[epoch - 1] = 0.5 * np.sum(step["E"] ** 2)
                # copies: fast_epoch updates params in place, the trace keeps these
                params = {name: None if step[name] is None else step[name].copy() for name in PARAM_NAMES}
                trace.append({"epoch": epoch, **step})
                k += 1
            else:
                loss[epoch - 1] = fast_epoch(params, X, y, buffers)
    return {"params": params, "loss": loss, "trace": trace}


def epoch_buffers(params: dict, X: np.ndarray, lr: float) -> tuple:
    """Return the arrays `fast_epoch` writes into, row blocks of the (n, h) ones, and the constants 1 and `lr`.

    The constants are 0-d arrays: numpy converts those faster than Python
    floats, which counts on small data.
    """
    n = X.shape[0]
    h, o = params["wout"].shape
    A, B = np.empty((n, h)), np.empty((n, h))
    # Row blocks of A and B of about 256 KB, so that Steps 2, 3 and 6 on the
    # hidden layer pass over each block while it is in the cache.
    rows = max(1, 32768 // h)
    blocks = [(A[i:i + rows], B[i:i + rows]) for i in range(0, n, rows)]
    return (
        A, B, blocks,
        np.empty((n, o)), np.empty((n, o)), np.empty((n, o)), np.empty((n, o)),  # out, E, d, sq
        np.empty(params["wh"].shape), np.empty((h, o)), np.empty((1, h)), np.empty((1, o)),  # gradients
        np.array(1.0), np.array(lr),
    )


def fast_epoch(params: dict, X: np.ndarray, y: np.ndarray, buffers: tuple) -> float:
    """Run train_step_impl's Steps 2-11 in place on `params`; return the epoch's loss.

    Each line is one operation of train_step_impl, with its result written
    into a buffer: the third positional argument of a ufunc and of np.dot is
    `out`. Two (n, h) buffers suffice: A holds the activations, then
    Error_at_hidden_layer and d_hiddenlayer; B holds slope_hidden_layer. For
    that, Step 10's wout gradient is taken while A still holds the
    activations, and slope_hidden_layer (Step 6) right after Step 3, block
    by block while in the cache. np.dot and np.add.reduce are what `@` and np.sum compute on
    2-d float arrays, with less overhead per call.
    """
    A, B, blocks, out, E, d, sq, g_wh, g_wout, g_bh, g_bout, one, lr = buffers
    wh, bh, wout, bout = params["wh"], params["bh"], params["wout"], params["bout"]
    # Step 2
    np.dot(X, wh, A)
    for A_i, B_i in blocks:
        if bh is not None:
            np.add(A_i, bh, A_i)
        # Step 3: sigmoid, 1 / (1 + exp(-x))
        np.negative(A_i, A_i)
        np.exp(A_i, A_i)
        np.add(one, A_i, A_i)
        np.divide(one, A_i, A_i)
        # Step 6: derivatives_sigmoid, x * (1 - x), of the hidden layer
        np.subtract(one, A_i, B_i)
        np.multiply(A_i, B_i, B_i)
    # Step 4
    np.dot(A, wout, out)
    if bout is not None:
        np.add(out, bout, out)
    np.negative(out, out)
    np.exp(out, out)
    np.add(one, out, out)
    np.divide(one, out, out)
    # Step 5, and the loss 0.5 * sum(E ** 2)
    np.subtract(y, out, E)
    loss = 0.5 * np.add.reduce(np.square(E, sq), None)
    # Step 6: derivatives_sigmoid, x * (1 - x), of the output layer
    np.subtract(one, out, d)
    np.multiply(out, d, d)
    # Step 7
    np.multiply(E, d, d)
    # Step 10, wout's gradient, while A still holds the activations
    np.dot(A.T, d, g_wout)
    # Step 8, into A
    np.dot(d, wout.T, A)
    # Step 9
    np.multiply(A, B, A)
    # Step 10
    np.multiply(g_wout, lr, g_wout)
    np.add(wout, g_wout, wout)
    # Step 11
    if bout is not None:
        np.add.reduce(d, axis=0, out=g_bout, keepdims=True)
        np.multiply(g_bout, lr, g_bout)
        np.add(bout, g_bout, bout)
    # Step 10
    np.dot(X.T, A, g_wh)
    np.multiply(g_wh, lr, g_wh)
    np.add(wh, g_wh, wh)
    # Step 11
    if bh is not None:
        np.add.reduce(A, axis=0, out=g_bh, keepdims=True)
        np.multiply(g_bh, lr, g_bh)
        np.add(bh, g_bh, bh)
    return loss
