"""Steps 1-11 repeated for a number of epochs. Twin of R/train.R."""

from __future__ import annotations

import warnings
from typing import Any, Optional, Sequence

import numpy as np

from .rrandom import RRandom
from .steps import PARAM_NAMES, train_step_impl
from .validate import (
    as_numeric_matrix,
    check_batch_size,
    check_epochs,
    check_flag,
    check_layout,
    check_lr,
    check_params,
    check_run_memory,
    check_shuffle_seed,
    check_trace_every,
    check_verbose,
    check_y,
    n_traced,
    trace_epochs,
)


def train(
    params: dict,
    X: Any,
    y: Any,
    lr: float,
    epochs: int,
    trace_every: int = 0,
    trace_at: Optional[Sequence[int]] = None,
    batch_size: Optional[int] = None,
    seed: Optional[int] = None,
    layout: str = "rows",
    verbose: int = 0,
    progress: bool = False,
) -> dict:
    """Train the network by gradient descent.

    Repeats `train_step` for `epochs` epochs and keeps the loss of each,
    E = 0.5 * sum((y - output)**2), computed from that epoch's forward pass
    (before its update). By default each epoch is one step on all the
    samples (full batch), as in the article.

    Parameters
    ----------
    params : dict
        ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o), ``bout`` (1, o).
    X : array_like, shape (n, p)
    y : array_like, shape (n, o) or (n,)
    lr : float
        The learning rate, a positive number.
    epochs : int
        The number of epochs, a whole number from 1 to 2147483647 (2**31 - 1).
        A run whose loss, data and traced epochs would not fit in the
        machine's memory is refused before anything is allocated.
    trace_every : int, default 0
        Keep every intermediate of epoch 1, of every `trace_every`-th epoch
        and of the last epoch. 0 keeps none and costs nothing; a whole number
        up to 2147483647 (2**31 - 1), and one above `epochs` keeps the first
        and the last epoch.
    trace_at : sequence of int, optional
        Alternatively, the epochs to keep; combined with `trace_every`.
    batch_size : int, optional
        The number of samples per step, a whole number from 1 to n; None is
        n (full batch). See Notes.
    seed : int, optional
        The seed of the samples' order when `batch_size` < n, as R's
        set.seed() takes; None draws a fresh one.
    layout : {"rows", "columns"}, default "rows"
        "rows": one row per sample; "columns": one column per sample, as in
        the article's second part.
    verbose : int, default 0
        Print the article's error line every `verbose` epochs; 0 prints
        nothing. A whole number up to 2147483647.
    progress : bool, default False
        Show a progress bar, with tqdm when it is installed
        (``pip install 'nnscratch[progress]'``).

    Returns
    -------
    dict
        ``params``, the trained weights; ``loss``, shape (epochs,); and
        ``trace``, a list with one dict per kept epoch: the `train_step`
        result of that epoch plus its ``epoch``.

    Notes
    -----
    Mini-batches and stochastic gradient descent: with `batch_size` below
    the number of samples n, each epoch visits the samples in a new random
    order, ``RRandom(seed).sample(n)`` (one generator for the whole run), and
    takes one step per `batch_size` consecutive samples of that order (the
    last batch holds what is left); each step starts from the weights the
    previous one left. ``batch_size=1`` is stochastic gradient descent, the
    article's "SGD". R's train() draws the same orders with
    ``sample.int(n)`` after ``set.seed(seed)``, so both languages visit the
    samples in the same order. The loss of an epoch is then the sum over its
    batches of 0.5 * sum((y - output)**2), each computed before that batch's
    step, and a traced epoch keeps the intermediates of its last batch's
    step. With the full batch (the default), nothing is shuffled.

    Layout: rows are samples everywhere in the package. The article's second
    part holds samples in columns, X (p, n) and y (o, n); ``layout="columns"``
    takes that layout: X and a 2-D y are transposed on the way in, and
    nothing else changes (the weights, the loss and the trace are as with
    rows).

    Printing: ``verbose=k`` prints the article's line, "Error at epoch e is
    0.xxxxx", every k epochs. As in the article, epochs are counted from 0
    there, and the error is the mean over all the elements of
    (y - output)**2 / 2, the epoch's loss divided by the size of y; the
    gradient remains that of the sum. R prints the same lines.

    Examples
    --------
    >>> from nnscratch import load_scenario
    >>> s = load_scenario("article")
    >>> fit = train(s["init"], s["X"], s["y"], lr=0.1, epochs=5000, trace_every=1000)
    >>> [t["epoch"] for t in fit["trace"]]
    [1, 1000, 2000, 3000, 4000, 5000]
    """
    layout = check_layout(layout)
    X = as_numeric_matrix(X, "X")
    if layout == "columns":
        X = X.T
        if np.ndim(y) == 2:
            y = np.asarray(y).T
    y = check_y(y, X)
    params = check_params(params, X.shape[1], y.shape[1])
    lr = check_lr(lr)
    epochs = check_epochs(epochs)
    trace_every = check_trace_every(trace_every)
    check_run_memory(X.shape[0], X.shape[1], [params["wh"].shape[1]], y.shape[1], epochs, n_traced(epochs, trace_every, trace_at))
    keep = trace_epochs(epochs, trace_every, trace_at)
    batch_size = check_batch_size(batch_size, X.shape[0])
    seed = check_shuffle_seed(seed)
    verbose = check_verbose(verbose)
    progress = check_flag(progress, "progress")
    return train_impl(params, X, y, lr, epochs, keep, batch_size, seed, verbose, progress)


def train_impl(
    params: dict, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, keep: list,
    batch_size: Optional[int] = None, seed: Optional[int] = None, verbose: int = 0, progress: bool = False,
) -> dict:
    # The epochs in `keep` run train_step_impl, which returns every
    # intermediate; the others run fast_epoch, the same operations in the
    # same order on arrays allocated once, so both give identical numbers.
    n = X.shape[0]
    batch_size = n if batch_size is None else batch_size
    params = {name: None if w is None else w.copy() for name, w in params.items()}
    # fast_epoch's arrays, one set per batch size (the last batch may be smaller)
    buffers = {size: epoch_buffers(params, size, lr) for size in {batch_size, n % batch_size or batch_size}}
    rng = RRandom(seed) if batch_size < n else None
    bar = progress_bar(epochs) if progress else None
    loss = np.zeros(epochs)
    trace = []
    k = 0
    batches = [(X, y)]
    # sigmoid's overflow of exp(-x) to inf is expected (see sigmoid)
    with np.errstate(over="ignore"):
        for epoch in range(1, epochs + 1):
            if rng is not None:
                # The rows in a new random order, cut into batches of batch_size.
                order = rng.sample(n) - 1
                batches = [(X[rows], y[rows]) for rows in np.split(order, range(batch_size, n, batch_size))]
            traced = k < len(keep) and keep[k] == epoch
            for Xb, yb in batches:
                if traced:
                    step = train_step_impl(params, Xb, yb, lr)
                    loss[epoch - 1] += 0.5 * np.sum(step["E"] ** 2)
                    # copies: fast_epoch updates params in place, the trace keeps these
                    params = {name: None if step[name] is None else step[name].copy() for name in PARAM_NAMES}
                else:
                    loss[epoch - 1] += fast_epoch(params, Xb, yb, buffers[Xb.shape[0]])
            if traced:
                trace.append({"epoch": epoch, **step})
                k += 1
            if verbose > 0 and (epoch - 1) % verbose == 0:
                print(error_line(epoch - 1, loss[epoch - 1] / y.size), end="")
            if bar is not None and (epoch % max(1, epochs // 100) == 0 or epoch == epochs):
                bar.update(epoch - bar.n)
    if bar is not None:
        bar.close()
    return {"params": params, "loss": loss, "trace": trace}


def error_line(epoch: int, error: float) -> str:
    """The article's line: epochs counted from 0, the mean of (y - output)**2 / 2."""
    return "Error at epoch %d is %.5f\n" % (epoch, error)


def progress_bar(epochs: int) -> Any:
    """A tqdm bar over the epochs, or None (with a warning) when tqdm is not installed."""
    try:
        from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        warnings.warn("`progress=True` needs tqdm: pip install 'nnscratch[progress]'.", stacklevel=3)
        return None
    return tqdm(total=epochs)


def epoch_buffers(params: dict, n: int, lr: float) -> tuple:
    """Return the arrays `fast_epoch` writes into, row blocks of the (n, h) ones, and the constants 1 and `lr`.

    The constants are 0-d arrays: numpy converts those faster than Python
    floats, which counts on small data.
    """
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
