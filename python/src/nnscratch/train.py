"""Steps 1-11 repeated for a number of epochs. Twin of R/train.R."""

from __future__ import annotations

import warnings
from typing import Any, Optional, Sequence

import numpy as np

from .convergence import convergence_problems, warn_convergence
from .layers import hidden_sizes, to_article, train_step_layers, workspace
from .printing import Fit
from .rrandom import RRandom
from .steps import article_step
from .validate import (
    as_numeric_matrix,
    check_batch_size,
    check_decay,
    check_epochs,
    check_flag,
    check_layout,
    check_lr,
    check_problem,
    check_run_memory,
    check_shuffle_seed,
    check_trace_every,
    check_verbose,
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
    activation: Any = "sigmoid",
    output_activation: str = "sigmoid",
    loss: str = "half_sse",
    decay: float = 0.0,
    exact: bool = False,
) -> dict:
    """Train the network by gradient descent.

    Repeats `train_step` for `epochs` epochs and keeps the loss of each,
    by default the article's E = 0.5 * sum((y - output)**2), computed from
    that epoch's forward pass (before its update). By default each epoch is one step on all the
    samples (full batch), as in the article.

    Parameters
    ----------
    params : dict or list of dict
        The article's ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o), ``bout``
        (1, o); or a list of layers (see `forward`).
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
    activation, output_activation, loss, decay, exact
        As in `train_step`.

    Returns
    -------
    Fit
        A dict that prints as a four-line summary, with ``params``, the
        trained weights, in the form `params` came in; ``loss``, shape
        (epochs,); and ``trace``, a list with one dict per kept epoch: the
        `train_step` result of that epoch plus its ``epoch``.

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
    net = check_problem(params, X, y, activation, output_activation, loss)
    y, layers = net["y"], net["layers"]
    lr = check_lr(lr)
    epochs = check_epochs(epochs)
    trace_every = check_trace_every(trace_every)
    check_run_memory(X.shape[0], X.shape[1], hidden_sizes(layers), y.shape[1], epochs, n_traced(epochs, trace_every, trace_at))
    keep = trace_epochs(epochs, trace_every, trace_at)
    batch_size = check_batch_size(batch_size, X.shape[0])
    seed = check_shuffle_seed(seed)
    verbose = check_verbose(verbose)
    progress = check_flag(progress, "progress")
    fit = train_impl(
        layers, X, y, lr, epochs, keep, batch_size, seed, verbose, progress,
        net["activation"], net["output_activation"], net["loss"], check_decay(decay), check_flag(exact, "exact"),
    )
    if net["article"]:
        fit["params"] = to_article(fit["params"])
        fit["trace"] = [{"epoch": t["epoch"], **article_step(t)} for t in fit["trace"]]
    return Fit(fit)


def train_impl(
    layers: list, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, keep: list,
    batch_size: Optional[int] = None, seed: Optional[int] = None, verbose: int = 0, progress: bool = False,
    activation: Optional[list] = None, output_activation: str = "sigmoid", loss: str = "half_sse",
    decay: float = 0.0, exact: bool = False,
) -> dict:
    """Return ``{"params": layers, "loss": ..., "trace": [...]}``; every epoch runs the core's step.

    Traced and untraced epochs run the same `train_step_layers`, so keeping
    an epoch never changes a number; an untraced step only drops the
    intermediates, and writes its largest arrays into a workspace kept for
    all the epochs (one per batch size).
    """
    n = X.shape[0]
    batch_size = n if batch_size is None else batch_size
    activation = ["sigmoid"] * (len(layers) - 1) if activation is None else activation
    rng = RRandom(seed) if batch_size < n else None
    bar = progress_bar(epochs) if progress else None
    losses = np.zeros(epochs)
    trace = []
    k = 0
    batches = [(X, y)]
    work: dict = {}
    for epoch in range(1, epochs + 1):
        traced = k < len(keep) and keep[k] == epoch
        if rng is not None:
            # The rows in a new random order, cut into batches of batch_size.
            order = rng.sample(n) - 1
            batches = [(X[rows], y[rows]) for rows in np.split(order, range(batch_size, n, batch_size))]
        for j, (Xb, yb) in enumerate(batches):
            if traced and j == len(batches) - 1:
                step = train_step_layers(layers, Xb, yb, lr, activation, output_activation, loss, decay, exact)
            else:
                if len(Xb) not in work:
                    work[len(Xb)] = workspace(layers, len(Xb))
                step = train_step_layers(
                    layers, Xb, yb, lr, activation, output_activation, loss, decay, exact, keep=False, out=work[len(Xb)],
                )
            losses[epoch - 1] += step["loss"]
            layers = step["layers"]
        # a traced epoch keeps its last batch's step
        if traced:
            trace.append({"epoch": epoch, **step})
            k += 1
        if verbose > 0 and (epoch - 1) % verbose == 0:
            print(error_line(epoch - 1, losses[epoch - 1] / y.size), end="")
        if bar is not None and (epoch % max(1, epochs // 100) == 0 or epoch == epochs):
            bar.update(epoch - bar.n)
    if bar is not None:
        bar.close()
    # The last step's forward pass is the end of training: its output
    # layer's input tells whether the outputs are saturated.
    warn_convergence(convergence_problems(losses, step["z"][-1], output_activation, batch_size >= n), verbose)
    return {"params": layers, "loss": losses, "trace": trace}


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
