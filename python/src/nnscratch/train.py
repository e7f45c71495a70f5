"""Steps 1-11 repeated for a number of epochs. Twin of R/train.R."""

from __future__ import annotations

import math
import warnings
from typing import Any, Optional, Sequence

import numpy as np

from . import kernels
from .convergence import convergence_problems, warn_convergence
from .errors import abort, describe_setting, must
from .layers import forward_layers, hidden_sizes, row_blocks, to_article, train_step_layers
from .losses import LOSSES, REDUCTIONS, decay_penalty, denominator, loss_value
from .optimizers import copied_state, init_state
from .params import PARAM_INDEX, check_settings, defaults, optimizer_settings
from .predictions import score
from .printing import Fit
from .rrandom import RRandom
from .samples import batches, dropout_masks, strata, validation_split
from .schedules import SCHEDULES, init_schedule
from .steps import article_step
from .validate import (
    as_numeric_matrix,
    check_batch_size,
    check_choice,
    check_flag,
    check_problem,
    check_run_memory,
    check_seed,
    check_verbose,
    check_weights,
    check_y,
    n_traced,
    trace_epochs,
)

# train()'s defaults: the article's settings, from the parameter table.
ARTICLE = defaults("article", "train")
# The settings a fit records (R: the same, in this order), besides its
# network's shape: every setting of training but how it reports.
SETTINGS = tuple(name for name in ARTICLE if name not in ("trace_every", "layout", "verbose", "progress"))


@kernels.quiet
def train(
    params: Any,
    X: Any,
    y: Any,
    lr: Optional[float] = None,
    epochs: Optional[int] = None,
    trace_every: int = ARTICLE["trace_every"],
    trace_at: Optional[Sequence[int]] = None,
    batch_size: Optional[int] = ARTICLE["batch_size"],
    seed: Optional[int] = ARTICLE["seed"],
    layout: str = ARTICLE["layout"],
    verbose: int = ARTICLE["verbose"],
    progress: bool = ARTICLE["progress"],
    activation: Any = ARTICLE["activation"],
    output_activation: str = ARTICLE["output_activation"],
    loss: str = ARTICLE["loss"],
    decay: float = ARTICLE["decay"],
    exact: bool = ARTICLE["exact"],
    reduction: str = ARTICLE["reduction"],
    optimizer: str = ARTICLE["optimizer"],
    momentum: float = ARTICLE["momentum"],
    rho: float = ARTICLE["rho"],
    beta1: float = ARTICLE["beta1"],
    beta2: float = ARTICLE["beta2"],
    epsilon: float = ARTICLE["epsilon"],
    schedule: str = ARTICLE["schedule"],
    power_t: float = ARTICLE["power_t"],
    gamma: float = ARTICLE["gamma"],
    tol: float = ARTICLE["tol"],
    n_iter_no_change: Optional[int] = ARTICLE["n_iter_no_change"],
    validation: float = ARTICLE["validation"],
    validation_data: Any = None,
    early_stopping: bool = ARTICLE["early_stopping"],
    patience: int = ARTICLE["patience"],
    dropout: Any = ARTICLE["dropout"],
    weights: Any = None,
    record_gradients: bool = False,
) -> dict:
    """Train the network.

    By default this is the article's training: plain gradient descent on
    E = 0.5 * sum((y - output)**2) over all the samples (full batch), one
    step an epoch, for `epochs` epochs, keeping the loss of each epoch,
    computed from that epoch's forward pass (before its update). Every
    setting of the estimators can be given as well: another loss, an
    optimizer, a schedule, mini-batches, validation and early stopping,
    dropout and sample weights.

    Parameters
    ----------
    params : dict or list of dict or Fit
        The article's ``wh`` (p, h), ``bh`` (1, h), ``wout`` (h, o), ``bout``
        (1, o); or a list of layers (see `forward`); or a result of
        `train()` to go on from (see Notes).
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
        The seed of every random draw of training (the validation split, the
        samples' order, the dropout masks), as R's set.seed() takes it;
        None draws a fresh one.
    layout : {"rows", "columns"}, default "rows"
        "rows": one row per sample; "columns": one column per sample, as in
        the article's second part.
    verbose : int, default 0
        Print the loss every `verbose` epochs; 0 prints nothing. A whole
        number up to 2147483647.
    progress : bool, default False
        Show a progress bar, with tqdm when it is installed
        (``pip install 'nnscratch[progress]'``).
    activation, output_activation, loss, decay, exact
        As in `train_step`.
    reduction : {"sum", "mean"}, default "sum"
        "sum" adds the samples' losses, as the article does; "mean" averages
        them (weight decay included), as scikit-learn and torch do, so that
        `lr` need not depend on n.
    optimizer : {"sgd", "momentum", "nesterov", "rmsprop", "adam"}, default "sgd"
        "sgd" is the article's W + t(a) @ delta * lr; the others are
        torch.optim's updates (see `nnscratch.optimizers`), with
        `momentum`, `rho`, `beta1`, `beta2` and `epsilon`.
    schedule : {"constant", "invscaling", "exponential", "adaptive"}, default "constant"
        The learning rate of each epoch (see `nnscratch.schedules`), with
        `power_t` and `gamma`.
    tol, n_iter_no_change : float, int or None
        Stop once the loss has not improved by more than `tol` for more than
        `n_iter_no_change` epochs (None: never), as scikit-learn's; with the
        "adaptive" schedule, lower the rate instead until it is 1e-6.
    validation : float, default 0
        The share of the samples to hold out and validate on after every
        epoch, in [0, 1): for 0/1 targets, stratified by the rows of y.
    validation_data : (X, y) or (X, y, weights), optional
        A given validation set instead.
    early_stopping : bool, default False
        Stop when the validation loss has not improved by `tol` for
        `patience` epochs, and keep the best weights.
    patience : int, default 10
    dropout : float or sequence of float, default 0
        The share of each hidden layer's units dropped at each step
        (inverted dropout), one rate for all or one per hidden layer.
    weights : array_like, shape (n,), optional
        A weight >= 0 per sample: its loss counts that many times.
    record_gradients : bool, default False
        Keep the norm of each layer's weight gradient at the last step of
        every epoch, in ``history["gradients"]``.

    Returns
    -------
    Fit
        A dict that prints as a short summary, with ``params``, the trained
        weights, in the form `params` came in; ``loss``, the loss of each
        epoch; ``trace``, a list with one dict per kept epoch (the
        `train_step` result of that epoch plus its ``epoch``);
        ``settings``, every setting of the run (see `SETTINGS`), which the
        plots, `save_model` and a continued run read; ``history``, the
        validation loss and score of each epoch, the learning rate and the
        recorded gradients; ``state``, what a continued run needs (the
        optimizer's and the schedule's state, the random generator's, the
        stopping counts); and ``stopped``, why training ended.

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
    samples in the same order (see `nnscratch.samples` for every draw). The
    loss of an epoch is then the sum over its batches of their losses, each
    computed before that batch's step (with "mean", their mean weighted by
    the batches' sizes); a traced epoch keeps the intermediates of its last
    batch's step. With the full batch (the default), nothing is shuffled.

    Going on: ``train(fit, X, y, epochs=k)`` trains k more epochs from the
    end of `fit`, with its settings, optimizer state, schedule and random
    generator: the result is, bit for bit, the run that would have trained
    for all the epochs at once. A setting given must then be the fit's (or
    left at its default); `lr` may change.

    Layout: rows are samples everywhere in the package. The article's second
    part holds samples in columns, X (p, n) and y (o, n); ``layout="columns"``
    takes that layout: X and a 2-D y are transposed on the way in, and
    nothing else changes (the weights, the loss and the trace are as with
    rows).

    Printing: ``verbose=k`` prints a line every k epochs, counted from 0 as
    in the article. For the article's loss (half_sse, summed) it is the
    article's line, "Error at epoch e is 0.xxxxx", whose number is the
    epoch's loss divided by the size of y, the mean of (y - output)**2 / 2;
    otherwise "Loss at epoch e is ...", the loss being trained, followed by
    the validation loss when there is one. R prints the same lines.

    Examples
    --------
    >>> from nnscratch import load_scenario
    >>> s = load_scenario("article")
    >>> fit = train(s["init"], s["X"], s["y"], lr=0.1, epochs=5000, trace_every=1000)
    >>> [t["epoch"] for t in fit["trace"]]
    [1, 1000, 2000, 3000, 4000, 5000]
    """
    given = dict(
        lr=lr, epochs=epochs, batch_size=batch_size, seed=seed, activation=activation,
        output_activation=output_activation, loss=loss, decay=decay, exact=exact, reduction=reduction,
        optimizer=optimizer, momentum=momentum, rho=rho, beta1=beta1, beta2=beta2, epsilon=epsilon,
        schedule=schedule, power_t=power_t, gamma=gamma, tol=tol, n_iter_no_change=n_iter_no_change,
        validation=validation, early_stopping=early_stopping, patience=patience, dropout=dropout,
    )
    layout = check_choice(layout, "layout", PARAM_INDEX["layout"].rule.names())  # type: ignore[attr-defined]
    X = as_numeric_matrix(X, "X")
    if layout == "columns":
        X = X.T
        if np.ndim(y) == 2:
            y = np.asarray(y).T
    previous = params if is_fit(params) else None
    if previous is not None:
        given = continued_settings(previous, given)
        params = previous["params"]
    net = check_problem(params, X, y, given["activation"], given["output_activation"], given["loss"])
    y, layers = net["y"], net["layers"]
    w = check_weights(weights, X.shape[0])
    ctx = {"n": X.shape[0], "hidden": hidden_sizes(layers)}
    s = check_settings({**given, "activation": net["activation"], "batch_size": None, "seed": None}, ctx)
    s["output_activation"], s["loss"] = net["output_activation"], net["loss"]
    # every random draw of training is R's generator's, which takes R's seeds
    s["seed"] = check_seed(given["seed"])
    valid = check_validation_data(validation_data, X, s["output_activation"])
    check_stopping(s, valid)
    held = held_out(y, s["validation"]) if valid is None else 0
    s["batch_size"] = check_batch_size(given["batch_size"], X.shape[0] - held)
    trace_every = check_settings({"trace_every": trace_every}, ctx)["trace_every"]
    check_run_memory(X.shape[0], X.shape[1], ctx["hidden"], y.shape[1], s["epochs"],
                     n_traced(s["epochs"], trace_every, trace_at))
    keep = trace_epochs(s["epochs"], trace_every, trace_at)
    verbose = check_verbose(verbose)
    progress = check_flag(progress, "progress")
    record_gradients = check_flag(record_gradients, "record_gradients")
    state = None if previous is None else previous["state"]
    fit = train_impl(layers, X, y, s, keep, w, valid, state, verbose, progress, record_gradients)
    if previous is not None:
        fit = joined(previous, fit)
    if net["article"]:
        fit["params"] = to_article(fit["params"])
        fit["trace"] = [{"epoch": t["epoch"], **article_step(t)} for t in fit["trace"]]
    return Fit(fit)


def is_fit(x: Any) -> bool:
    """Whether `x` is a result of train() to go on from."""
    return isinstance(x, dict) and all(k in x for k in ("params", "settings", "state"))


def continued_settings(previous: dict, given: dict) -> dict:
    """Return the settings of a run that goes on from `previous`: its own, where those given are left at the
    defaults; a setting given otherwise must be the fit's (lr and epochs may change)."""
    settings = previous["settings"]
    merged = {}
    for name, value in given.items():
        default = ARTICLE[name] if name in ARTICLE else None
        if name in ("lr", "epochs"):
            merged[name] = settings[name] if value is None and name == "lr" else value
            continue
        ours = settings[name]
        if not same_setting(value, default) and not same_setting(value, ours):
            abort("`%s` must be %s, as in the fit being continued, not %s.", name, describe_setting(ours),
                  describe_setting(value), arg=name)
        merged[name] = ours
    return merged


def same_setting(a: Any, b: Any) -> bool:
    """Whether two values of a setting are the same; one value stands for the same value in every layer."""
    a_list = list(a) if isinstance(a, (list, tuple, np.ndarray)) else None
    b_list = list(b) if isinstance(b, (list, tuple, np.ndarray)) else None
    if a_list is None and b_list is None:
        return bool(a == b)
    a_list = [a] * len(b_list) if a_list is None else a_list  # type: ignore[arg-type]
    b_list = [b] * len(a_list) if b_list is None else b_list
    return a_list == b_list


def check_stopping(s: dict, valid: Optional[tuple]) -> None:
    """Refuse the settings of stopping that cannot work together.

    The adaptive schedule lowers the rate when the loss stops improving, so
    it needs `n_iter_no_change`; early stopping watches a validation loss.
    """
    if SCHEDULES[s["schedule"]].plateau is not None and s["n_iter_no_change"] is None:
        abort('`schedule` "%s" needs `n_iter_no_change`, the epochs without improvement after which it lowers the '
              "rate; it is NULL.", s["schedule"], arg="schedule")
    if s["early_stopping"] and s["validation"] == 0 and valid is None:
        abort("`early_stopping` needs a validation set: `validation` above 0, or `validation_data`.",
              arg="early_stopping")


def check_validation_data(data: Any, X: np.ndarray, output_activation: str) -> Optional[tuple]:
    """Return a given validation set as (X, y, weights), checked against the training data; None when there is none."""
    if data is None:
        return None
    if not isinstance(data, (list, tuple)) or len(data) not in (2, 3):
        must("validation_data", "NULL or a list of `X` and `y` (and their weights)", data)
    Xv = as_numeric_matrix(data[0], "validation_data X")
    if Xv.shape[1] != X.shape[1]:
        abort("`validation_data` must have %d columns of X, as the training data has, not %d.", X.shape[1],
              Xv.shape[1], arg="validation_data")
    yv = check_y(data[1], Xv, output_activation, "validation_data y")
    wv = check_weights(data[2], Xv.shape[0], "validation_data weights") if len(data) == 3 else None
    return Xv, yv, wv


def held_out(y: np.ndarray, fraction: float) -> int:
    """Return how many rows `validation_split` holds out, before any is drawn: floor(fraction * size) per stratum."""
    if fraction == 0:
        return 0
    groups = strata(y)
    counts = np.unique(np.zeros(len(y)) if groups is None else groups, return_counts=True)[1]
    held = int(np.sum(np.floor(fraction * counts)))
    if held == 0 or held == len(y):
        abort("`validation` (%s) must hold out at least one sample and leave at least one; it holds out %d of %d.",
              format(fraction, ".15g"), held, len(y), arg="validation")
    return held


def new_state(s: dict, layers: list) -> dict:
    """Return the state of a run before its first epoch."""
    return {
        "epoch": 0, "optimizer": init_state(s["optimizer"], layers), "schedule": init_schedule(s["lr"]),
        "random": None, "validation": None,
        "best_loss": math.inf, "count": 0, "best_validation": math.inf, "best_epoch": 0,
    }


def uses_random(s: dict, n: int, valid: Optional[tuple]) -> bool:
    """Whether a run draws random numbers: for mini-batches, dropout or a validation split."""
    return s["batch_size"] < n or any(r > 0 for r in s["dropout"]) or (s["validation"] > 0 and valid is None)


def train_impl(
    layers: list, X: np.ndarray, y: np.ndarray, s: dict, keep: list, w: Optional[np.ndarray] = None,
    valid: Optional[tuple] = None, state: Optional[dict] = None, verbose: int = 0, progress: bool = False,
    record_gradients: bool = False,
) -> dict:
    """Return ``{"params": layers, "loss", "trace", "settings", "history", "state", "stopped"}``; every epoch runs the
    core's step.

    `s` holds the checked settings (see `SETTINGS`; ``batch_size`` as a
    number). Every epoch runs `train_step_layers`: a traced epoch's last
    step on the whole batch, keeping every intermediate; an untraced step
    in default mode block by block over the rows (see `layers.row_blocks`),
    which adds its sums in another order when the batch is larger than a
    block.
    """
    state = new_state(s, layers) if state is None else dict(state, optimizer=copied_state(state["optimizer"]))
    rng = None
    if state["random"] is not None:
        rng = RRandom.from_random_seed(state["random"])
    elif uses_random(s, X.shape[0], valid):
        rng = RRandom(s["seed"])
    if valid is None and s["validation"] > 0:
        if state["validation"] is None:
            state["validation"] = validation_split(X.shape[0], s["validation"], strata(y), rng) + 1
        held = state["validation"] - 1
        rest = np.setdiff1d(np.arange(X.shape[0]), held)
        valid = (X[held], y[held], None if w is None else w[held])
        X, y, w = X[rest], y[rest], None if w is None else w[rest]
    n = X.shape[0]
    epochs = s["epochs"]
    h = optimizer_settings(s)
    widths = hidden_sizes(layers)
    dropping = any(r > 0 for r in s["dropout"])
    mean = s["reduction"] != REDUCTIONS[0] or LOSSES[s["loss"]].mean
    history: dict[str, Any] = {"lr": np.zeros(epochs), "validation_loss": None, "validation_score": None,
                               "gradients": None}
    if valid is not None:
        history["validation_loss"], history["validation_score"] = np.zeros(epochs), np.zeros(epochs)
    if record_gradients:
        history["gradients"] = np.zeros((epochs, len(layers)))
    losses = np.zeros(epochs)
    bar = progress_bar(epochs) if progress else None
    trace = []
    k = 0
    # The schedule, and the blocks of rows of an untraced step of each batch
    # size (none in exact mode), are looked up once for the run.
    rate = SCHEDULES[s["schedule"]].lr
    blocks: dict = {}
    best_layers = None
    stopped = "epochs"
    ran = 0
    step: dict = {}
    for e in range(1, epochs + 1):
        t = state["epoch"] + 1
        lr = rate(t, s["lr"], h, state["schedule"], s["exact"])
        history["lr"][e - 1] = lr
        traced = k < len(keep) and keep[k] == e
        steps = batches(n, s["batch_size"], rng)
        loss = 0.0
        total = 0.0
        for j, rows in enumerate(steps):
            Xb, yb, wb = (X, y, w) if rows is None else (X[rows], y[rows], None if w is None else w[rows])
            masks = dropout_masks(Xb.shape[0], widths, s["dropout"], rng) if dropping else None
            if traced and j == len(steps) - 1:
                step = train_step_layers(layers, Xb, yb, lr, s, state["optimizer"], wb, masks)
            else:
                if Xb.shape[0] not in blocks:
                    blocks[Xb.shape[0]] = [] if s["exact"] else row_blocks(Xb.shape[0], layers)
                step = train_step_layers(layers, Xb, yb, lr, s, state["optimizer"], wb, masks, blocks[Xb.shape[0]])
            layers, state["optimizer"] = step["layers"], step["state"]
            if mean:
                # each batch's mean, weighted by the batch's share of the samples
                D = denominator(s["loss"], s["reduction"], Xb.shape[0], wb, s["exact"])
                loss += step["loss"] * D
                total += D
            else:
                loss += step["loss"]
        losses[e - 1] = loss / total if mean else loss
        state["epoch"] = t
        ran = e
        if record_gradients:
            history["gradients"][e - 1] = [math.sqrt(kernels.total(d["W"] * d["W"], s["exact"]))
                                           for d in step["directions"]]
        # a traced epoch keeps its last batch's step
        if traced:
            trace.append({"epoch": e, **{name: step[name] for name in TRACED}})
            k += 1
        if valid is not None:
            output = forward_layers(layers, valid[0], s["activation"], s["output_activation"], s["exact"])["a"][-1]
            history["validation_loss"][e - 1] = data_loss(s, valid[1], output, valid[2]) + penalty(s, layers, valid)
            history["validation_score"][e - 1] = score(valid[1], output, s["output_activation"], valid[2])
        if verbose > 0 and (e - 1) % verbose == 0:
            print(loss_line(t - 1, losses[e - 1], y.size, s,
                            None if valid is None else history["validation_loss"][e - 1]), end="")
        if bar is not None and (e % max(1, epochs // 100) == 0 or e == epochs):
            bar.update(e - bar.n)
        stop = stopping(s, state, losses[e - 1], None if valid is None else history["validation_loss"][e - 1])
        if s["early_stopping"] and state["best_epoch"] == t:
            best_layers = layers
        if stop is not None:
            stopped = stop
            break
    if bar is not None:
        bar.close()
    if rng is not None:
        state["random"] = rng.random_seed
    final = layers
    if s["early_stopping"] and best_layers is not None:
        layers = best_layers
    cut = {k: (v[:ran] if v is not None else None) for k, v in history.items()}
    # The last step's forward pass is the end of training: its output
    # layer's input tells whether the outputs are saturated.
    warn_convergence(convergence_problems(
        losses[:ran], step["z"][-1], s["output_activation"], s["batch_size"] >= n,
        fitted_and_constant(s, final, X, y, w)))
    settings = {name: s[name] for name in SETTINGS}
    settings["batch_size"] = None if s["batch_size"] >= n else s["batch_size"]
    return {"params": layers, "loss": losses[:ran], "trace": trace, "settings": settings, "history": cut,
            "state": state, "stopped": stopped}


# What a traced epoch keeps of its step.
TRACED = ("z", "a", "err", "slope", "delta", "loss", "layers")


def data_loss(s: dict, y: np.ndarray, output: np.ndarray, w: Optional[np.ndarray]) -> float:
    """Return the loss of the outputs without weight decay, as training divides it."""
    D = denominator(s["loss"], s["reduction"], y.shape[0], w, s["exact"])
    return loss_value(s["loss"], y, output, s["output_activation"], w, D, s["exact"])


def penalty(s: dict, layers: list, data: tuple) -> float:
    """Return the weight decay's share of the loss on `data` (X, y, w), as training divides it."""
    p = decay_penalty(layers, s["decay"], s["exact"])
    D = denominator(s["loss"], s["reduction"], data[1].shape[0], data[2], s["exact"])
    return p if D == 1 else p / D


def stopping(s: dict, state: dict, loss: float, validation_loss: Optional[float]) -> Optional[str]:
    """Update the stopping counts with an epoch's losses; return why training stops there, or None.

    With early stopping, the validation loss must improve by more than
    `tol` within `patience` epochs; otherwise, with `n_iter_no_change`, the
    training loss must within more than that many epochs (scikit-learn's
    rule), or the schedule lowers the rate.
    """
    if s["early_stopping"] and validation_loss is not None:
        if validation_loss < state["best_validation"] - s["tol"]:
            state["count"] = 0
        else:
            state["count"] += 1
        if validation_loss < state["best_validation"]:
            state["best_validation"], state["best_epoch"] = validation_loss, state["epoch"]
        return "early_stopping" if state["count"] >= s["patience"] else None
    if s["n_iter_no_change"] is None:
        return None
    if loss > state["best_loss"] - s["tol"]:
        state["count"] += 1
    else:
        state["count"] = 0
    if loss < state["best_loss"]:
        state["best_loss"] = loss
    if state["count"] <= s["n_iter_no_change"]:
        return None
    plateau = SCHEDULES[s["schedule"]].plateau
    lowered = None if plateau is None else plateau(state["schedule"])
    if lowered is None:
        return "tol"
    state["schedule"], state["count"] = lowered, 0
    return None


def fitted_and_constant(s: dict, layers: list, X: np.ndarray, y: np.ndarray, w: Optional[np.ndarray]) -> tuple:
    """Return the training loss of the trained network and of the best constant prediction (the targets' mean).

    In default mode the network's loss is added up over blocks of rows, as
    an untraced step's (see `layers.row_blocks`).
    """
    value = 0.0
    for rows in ([] if s["exact"] else row_blocks(X.shape[0], layers)) or [slice(None)]:
        output = forward_layers(layers, X[rows], s["activation"], s["output_activation"], s["exact"])["a"][-1]
        value += loss_value(s["loss"], y[rows], output, s["output_activation"], None if w is None else w[rows], 1.0,
                            s["exact"])
    D = denominator(s["loss"], s["reduction"], y.shape[0], w, s["exact"])
    mean = (kernels.col_sums(y if w is None else y * w, s["exact"])
            / (y.shape[0] if w is None else kernels.total(w, s["exact"])))
    constant = np.repeat(mean, y.shape[0], axis=0)
    return value if D == 1 else value / D, data_loss(s, y, constant, w)


def joined(previous: dict, fit: dict) -> dict:
    """Return a continued run's result with the history of the run it went on from before its own."""
    history = {}
    for name, value in fit["history"].items():
        before = previous["history"].get(name)
        history[name] = value if before is None or value is None else np.concatenate([before, value])
    return {**fit, "loss": np.concatenate([previous["loss"], fit["loss"]]), "history": history,
            "settings": {**fit["settings"], "epochs": previous["settings"]["epochs"] + fit["settings"]["epochs"]}}


def loss_line(epoch: int, loss: float, size: int, s: dict, validation_loss: Optional[float]) -> str:
    """The line `verbose` prints: the article's for its own loss, else the loss being trained."""
    if s["loss"] == TRAIN_LOSS and s["reduction"] == REDUCTIONS[0] and validation_loss is None:
        # the article's line: epochs counted from 0, the mean of (y - output)^2 / 2
        return "Error at epoch %d is %.5f\n" % (epoch, loss / size)
    line = "Loss at epoch %d is %.6g" % (epoch, loss)
    if validation_loss is not None:
        line += ", validation loss %.6g" % validation_loss
    return line + "\n"


# The article's own loss, whose line `verbose` prints as the article does.
TRAIN_LOSS = ARTICLE["loss"]


def progress_bar(epochs: int) -> Any:
    """A tqdm bar over the epochs, or None (with a warning) when tqdm is not installed."""
    try:
        from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        warnings.warn("`progress=True` needs tqdm: pip install 'nnscratch[progress]'.", stacklevel=3)
        return None
    return tqdm(total=epochs)
