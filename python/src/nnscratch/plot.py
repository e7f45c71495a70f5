"""Plots of a network with matplotlib. Twin of R/plot.R: the same functions in
the same order, with the same arguments, titles, labels, colours and geometry.

Every plot takes `fit`, a fitted `MLP` or a result of `train()`, and reads
what the fit stores (the weights, the loss of each epoch, the trace, the
gradients); the only computation is the network's output on a grid, through
the package's own forward pass. Each figure is built in two steps, a frame
(the numbers to draw) and a drawing of that frame, so that the tests can
draw a wrong frame and see the checks reject it.

Sizes are in inches where text meets drawing: a neuron is a circle of
radius 0.11 inch, and a name stands 0.04 inch off its neuron, whatever the
number of neurons, so that no name touches a circle. What depends on the
figure's size (which weights' values fit, the room a legend takes above
the curves) is settled when the plot is drawn: make the figure at the size
you will save it, e.g. ``plt.subplots(figsize=(7, 5))``, then plot into it.

matplotlib is imported when a plot is drawn, not with the package; install
it with ``pip install 'nnscratch[plot]'``.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from .errors import abort, describe, is_whole, label_text
from .layers import forward_layers, from_article
from .losses import LOSSES, REDUCTIONS
from .mlp import Estimator
from .predictions import output_classes
from .validate import as_numeric_matrix, check_flag, check_verbose

# The Okabe-Ito colours, one per class; R/plot.R uses the same.
CLASS_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# The curves of plot_losses(): Okabe-Ito, strongest first, no yellow.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
LINE_COLOUR = "#0072B2"
MARKER_COLOUR = "#D55E00"
# A weight's sign: Okabe-Ito blue for positive, vermillion for negative.
SIGN_COLOURS = {"positive": "#0072B2", "negative": "#D55E00"}
# The network diagram's sizes, in inches: a neuron's and a bias node's
# radius, and the gap between a circle and its name.
NEURON_RADIUS = 0.11
BIAS_RADIUS = 0.085
NAME_GAP = 0.04
# Where a weight's value may go along its line, as a share of the way from
# the sending neuron: first near the receiving end, where the lines of one
# neuron fan apart, then near the sending end, where they fan apart too.
LABEL_PLACES = (0.7, 0.3)


def plot_loss(fit: Any, log: bool = True, verbose: int = 0, epochs: Optional[Sequence[int]] = None,
              title: Optional[str] = None, ax: Any = None) -> Any:
    """Plot the loss curve of a network; return the matplotlib Axes.

    Draws the loss of each epoch, as stored in the fit, and the validation
    loss when the fit has one; nothing is recomputed (R: ``plot_loss(fit)``,
    or ``plot(fit)``). A legend, when there is one, sits in the top right
    corner, and the loss axis reaches above the curves so that the legend
    covers none of them.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP` or a result of `train()`.
    log : bool, default True
        Whether the loss axis is on a log scale, which shows the slow end of
        training.
    verbose : int, default 0
        Mark the epochs that ``verbose=k`` printed in `train` (epochs 1,
        k + 1, 2k + 1, ..., which the printout counts from 0); 0 marks none.
    epochs : (int, int), optional
        The first and last epoch to show, e.g. (4400, 4440); None shows all.
        A range of 200 epochs or fewer shows each epoch as a point.
    title : str, optional
        The title; None writes one from the fit.
    ax : matplotlib Axes, optional
        Where to draw; None makes a new figure.
    """
    net = plot_net(fit)
    log = check_flag(log, "log")
    verbose = check_verbose(verbose)
    shown = check_epoch_range(epochs, len(net["loss"]))
    title = check_title(title, loss_title(net))
    loss = net["loss"][shown - 1]
    validation = None if net["validation_loss"] is None else np.asarray(net["validation_loss"])[shown - 1]
    marked = np.intersect1d(np.arange(1, len(net["loss"]) + 1, verbose), shown) if verbose > 0 else None
    marker = "o" if len(shown) <= 200 else None
    if validation is not None:
        entries = legend_entries(["training", "validation"], SERIES_COLOURS[:2])
    else:
        entries = legend_entries(["loss"], [LINE_COLOUR])
    if verbose > 0:
        entries += legend_entries(["printed by verbose = %d" % verbose], [MARKER_COLOUR], point=True)
    if validation is None and verbose == 0:
        entries = []
    ax = new_axes(ax)
    ax.plot(shown, loss, color=LINE_COLOUR, linewidth=1, marker=marker, markersize=3)
    if validation is not None:
        ax.plot(shown, validation, color=SERIES_COLOURS[1], linewidth=1, marker=marker, markersize=3)
    if marked is not None:
        ax.plot(marked, net["loss"][marked - 1], linestyle="none", marker="o", color=MARKER_COLOUR)
    values = loss if validation is None else np.concatenate([loss, validation])
    open_plot(ax, (float(values.min()), float(values.max())), log, entries, "epoch", loss_label(net), title)
    return ax


def plot_losses(fits: dict, log: bool = True, title: Optional[str] = None, ax: Any = None) -> Any:
    """Plot the loss curves of several networks on one axis; return the Axes.

    For comparing runs, e.g. learning rates: each fit's loss per epoch, as
    stored, in its own colour, with a legend in the top right corner above
    the curves.

    Parameters
    ----------
    fits : dict
        Names (the legend's entries) to fitted `MLP`s or results of `train()`.
    log, title, ax
        As in `plot_loss`.
    """
    if not isinstance(fits, dict) or len(fits) == 0 or not all(isinstance(k, str) and k for k in fits):
        abort("`fits` must be a named list of fits, not %s.", describe(fits))
    nets = [plot_net(f) for f in fits.values()]
    log = check_flag(log, "log")
    title = check_title(title, "Training loss")
    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(nets))]
    entries = legend_entries(list(fits), colours)
    ax = new_axes(ax)
    for net, colour in zip(nets, colours):
        ax.plot(np.arange(1, len(net["loss"]) + 1), net["loss"], color=colour, linewidth=1)
    values = np.concatenate([net["loss"] for net in nets])
    open_plot(ax, (float(values.min()), float(values.max())), log, entries, "epoch", loss_label(nets[0]), title)
    return ax


def plot_gradients(fit: Any, log: bool = True, title: Optional[str] = None, ax: Any = None) -> Any:
    """Plot the gradient of each layer during training; return the Axes.

    The norm of each layer's weight gradient, ``sqrt(sum((dLoss/dW)**2))``
    over its weights (not its biases), at the last step of every epoch, on
    a log axis: a layer whose line sinks towards 0 has stopped learning
    (vanishing gradients), one that climbs steeply is about to blow up. The
    fit records the norms only when asked, with ``record_gradients=True``
    in `train()` or the estimators, so that other runs pay nothing for them.
    A norm of 0 leaves a gap on the log axis.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP` or a result of `train()`, trained with
        ``record_gradients=True``.
    log, title, ax
        As in `plot_loss`.
    """
    net = plot_net(fit)
    log = check_flag(log, "log")
    frame = gradient_frame(net)
    title = check_title(title, "The gradient of each layer's weights")
    norms = np.array(frame["norms"], dtype=np.float64)
    if log:
        norms[~(norms > 0)] = np.nan
    colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(norms.shape[1])]
    entries = legend_entries(frame["labels"], colours)
    marker = "o" if len(frame["epochs"]) <= 200 else None
    ax = new_axes(ax)
    for column, colour in zip(norms.T, colours):
        ax.plot(frame["epochs"], column, color=colour, linewidth=1, marker=marker, markersize=3)
    seen = norms[~np.isnan(norms)]
    shown = (float(seen.min()), float(seen.max())) if len(seen) else (1.0, 10.0)
    open_plot(ax, shown, log, entries, "epoch", "norm of the gradient, |dLoss/dW|", title)
    return ax


def plot_decision_boundary(fit: Any, X: Any, y: Any, grid: int = 200, title: Optional[str] = None,
                           legend: bool = True,
                           ax: Any = None) -> Any:
    """Plot the decision boundary of a network with two inputs; return the Axes.

    Colours a grid over the data by the class the network predicts there,
    draws the 0.5 contour of the output (for one output; with several, the
    class regions show the boundary), and adds the samples coloured by their
    class. The grid reaches 5% beyond the data on each side, so every sample
    shows in full. The axes carry the data's column names, the legend the
    classes.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP`, or a result of `train()`, with two inputs.
    X : array_like or DataFrame, shape (n, 2)
        The samples; a DataFrame's column names (or the model's
        ``feature_names_in_``) label the axes.
    y : array_like, shape (n,) or (n, o)
        The samples' classes: 0/1, the labels the model was fitted to, or
        one-hot rows.
    grid : int, default 200
        The number of grid points along each axis.
    title : str, optional
        The title; None writes one from the fit.
    legend : bool, default True
        Whether to draw the legend of the classes.
    ax : matplotlib Axes, optional
        Where to draw; None makes a new figure.
    """
    net = plot_net(fit)
    frame = boundary_frame(net, X, y, grid)
    title = check_title(title, "Decision boundary after %d epochs" % len(net["loss"]))
    return draw_boundary(frame, title, check_flag(legend, "legend"), new_axes(ax))


def plot_boundary_history(fit: Any, X: Any, y: Any, grid: int = 100, ncol: Optional[int] = None,
                          title: Optional[str] = None) -> Any:
    """Plot the decision boundary at several epochs of training; return the Figure.

    Small multiples: one decision boundary (see `plot_decision_boundary`)
    for each epoch the fit's trace kept, after that epoch's update, from the
    weights the trace stores. Every panel has its axes; the panels of the
    bottom row (and those with no panel below) name the x axis, those of the
    first column the y axis. One legend, of the classes and the contour,
    fills the cells the last row leaves, or a row of its own when the rows
    are full, so that no cell is empty.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP`, or a result of `train()`, with two inputs and a
        trace: fit with `trace_every` (e.g. 1000) or `trace_at`.
    X, y, grid, title
        As in `plot_decision_boundary`.
    ncol : int, optional
        The number of panels per row; None chooses at most 4, with the rows
        as even as they can be (5 panels: 3 and 2).
    """
    net = plot_net(fit)
    if not net["trace"]:
        abort("`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`.")
    if ncol is not None and (not is_whole(ncol) or ncol < 1):
        abort("`ncol` must be NULL or a whole number >= 1, not %s.", describe(ncol))
    title = check_title(title, "The decision boundary during training")
    frames = [boundary_frame(dict(net, layers=trace_layers(t)), X, y, grid) for t in net["trace"]]
    import matplotlib.pyplot as plt

    n = len(frames)
    cells = history_layout(n, ncol)
    full = bool(np.all(cells[-1] > n))
    rows, columns = cells.shape
    panel_rows = rows - int(full)
    fig = plt.figure(figsize=(2.8 * columns, 2.6 * panel_rows + (0.5 if full else 0) + 0.5))
    grid_spec = fig.add_gridspec(rows, columns, height_ratios=[1.0] * panel_rows + ([0.25] if full else []))
    for i, frame in enumerate(frames):
        r, c = (int(v[0]) for v in np.nonzero(cells == i + 1))
        below = cells[r + 1, c] if r + 1 < rows else n + 1
        draw_boundary(frame, "epoch %d" % net["trace"][i]["epoch"], False, fig.add_subplot(grid_spec[r, c]),
                      small=True, xlab=bool(below > n), ylab=c == 0)
    legend_rows, legend_columns = np.nonzero(cells == n + 1)
    ax = fig.add_subplot(grid_spec[int(legend_rows[0]), int(legend_columns.min()):int(legend_columns.max()) + 1])
    ax.set_axis_off()
    handles = draw_legend(ax, boundary_legend(frames[0]), handles_only=True)
    ax.legend(handles=handles, loc="center", ncol=len(handles) if full else 1, frameon=False)
    fig.suptitle(title, fontweight="bold", fontsize=12)
    fig.tight_layout()
    return fig


def plot_network(fit: Any, show_weights: bool = False, title: Optional[str] = None, ax: Any = None) -> Any:
    """Draw a network, neurons, weights and biases; return the Axes.

    As neuralnet's ``plot.nn``: neurons are circles, one column per layer,
    from the inputs on the left to the outputs on the right; each weight is
    a line whose width grows with its size, ``0.5 + 3.5 * |w| / max|w|``, and
    whose colour gives its sign (blue positive, vermillion negative). A
    layer's biases hang from a node of their own, marked 1, above and to the
    left of the layer. Works for any number of hidden layers; each column is
    labelled with its layer and activation, below its lowest neuron. The
    inputs carry the predictors' names, the outputs the classes (``P(b)``
    for the one output of two classes) or the outcome's name.

    The weights are one LineCollection (label "weights"), the biases another
    (label "biases"); the neurons and the bias nodes are scatters.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP` or a result of `train()`.
    show_weights : bool, default False
        Whether to write the weights' values on their lines, rounded to 2
        decimals, near the receiving neuron or else near the sending one. A
        value is written only where it fits: the largest weights first, each
        where it covers no neuron, no name and no value written before it;
        on a large network, the values shown are the largest ones.
    title : str, optional
        The title; None writes the architecture.
    ax : matplotlib Axes, optional
        Where to draw; None makes a new figure.
    """
    net = plot_net(fit)
    show_weights = check_flag(show_weights, "show_weights")
    frame = network_frame(net)
    return draw_network(frame, check_title(title, frame["title"]), show_weights, new_axes(ax))


def plot_net(fit: Any) -> dict:
    """What the plots read from a fit, whichever function made it: the layers
    and their activations, the loss of each epoch and its settings, the
    validation loss, the gradients, the trace, the classes and the names of
    the predictors and of the outcome.

    Both a fitted model and a result of `train()` carry the settings they
    were trained with; the plots read them there.
    """
    net: dict[str, Any]
    if isinstance(fit, Estimator) and hasattr(fit, "layers_"):
        net = {
            "layers": fit.layers_, "settings": fit.settings_, "loss": np.asarray(fit.loss_curve_),
            "validation_loss": fit.history_.get("validation_loss"), "gradients": fit.history_.get("gradients"),
            "trace": fit.trace_, "classes": fit.classes_, "feature_names": getattr(fit, "feature_names_in_", None),
            "outcome_names": getattr(fit, "outcome_names_", None),
        }
    elif (isinstance(fit, dict) and isinstance(fit.get("params"), (dict, list)) and fit.get("loss") is not None
          and isinstance(fit.get("settings"), dict)):
        history = fit.get("history") or {}
        net = {
            "layers": trace_layers(fit["params"]), "settings": fit["settings"], "loss": np.asarray(fit["loss"]),
            "validation_loss": history.get("validation_loss"), "gradients": history.get("gradients"),
            "trace": fit.get("trace") or [], "classes": None, "feature_names": None, "outcome_names": None,
        }
    else:
        abort("`fit` must be a fitted model from mlp() or a result of train(), not %s.", describe(fit), arg="fit")
    s: dict = net["settings"]
    net.update(activation=s["activation"], output_activation=s["output_activation"], exact=bool(s["exact"]),
               loss_name=s["loss"], reduction=s["reduction"], lr=s["lr"])
    return net


def trace_layers(x: Any) -> list:
    """The layers of the article's params (wh, bh, wout, bout), of a list of
    layers, or of a traced step, which holds the article's names or ``layers``."""
    if isinstance(x, dict) and "layers" in x:
        return x["layers"]
    if isinstance(x, dict) and "wh" in x:
        return from_article(x)
    return list(x)


def net_output(net: dict, X: np.ndarray) -> np.ndarray:
    """The network's output for the rows of X, by the package's forward pass."""
    return forward_layers(net["layers"], X, net["activation"], net["output_activation"], net["exact"])["a"][-1]


def new_axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


def check_title(title: Any, default: str) -> str:
    if title is None:
        return default
    if not isinstance(title, str):
        abort("`title` must be NULL or a string, not %s.", describe(title))
    return title


def check_epoch_range(epochs: Any, n: int) -> np.ndarray:
    """The epochs to show: all, or the whole numbers from..to within 1..n."""
    if epochs is None:
        return np.arange(1, n + 1)
    ok = (isinstance(epochs, (list, tuple, np.ndarray)) and len(epochs) == 2 and all(is_whole(e) for e in epochs)
          and 1 <= epochs[0] < epochs[1] <= n)
    if not ok:
        abort("`epochs` must be NULL or two whole numbers from 1 to %d, the first below the second.", n)
    return np.arange(int(epochs[0]), int(epochs[1]) + 1)


def loss_title(net: dict) -> str:
    if net["lr"] is None:
        return "Training loss"
    return "Training loss, lr = %s" % format(float(net["lr"]), ".15g")


def loss_label(net: dict) -> str:
    """The loss axis's label: the loss's own (its registry's), and whether the samples' losses are averaged."""
    loss = LOSSES[net["loss_name"]]
    averaged = not loss.mean and net["reduction"] != REDUCTIONS[0]
    return "loss: %s%s" % (loss.label, ", mean over the samples" if averaged else "")


def legend_entries(labels: Sequence[str], colours: Sequence[str], point: bool = False) -> list:
    """The entries of a legend: a label, a colour, and a line or a point each."""
    return [{"label": label, "colour": colour, "point": point} for label, colour in zip(labels, colours)]


def draw_legend(ax: Any, entries: list, where: str = "upper right", handles_only: bool = False) -> Any:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=e["colour"], linestyle="none" if e["point"] else "-",
                      marker="o" if e["point"] else None, label=e["label"]) for e in entries]
    if handles_only or not entries:
        return handles
    return ax.legend(handles=handles, loc=where, frameon=False)


def open_plot(ax: Any, ylim: tuple, log: bool, entries: list, xlab: str, ylab: str, title: str) -> None:
    """Name the axes of the curves drawn in `ax`, in range `ylim`, and title them. With legend `entries`, the y axis
    reaches above the curves by the legend's height, so that the legend, drawn in the top right corner, covers none
    of them."""
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlab)
    ax.set_ylabel(ylab)
    ax.set_title(title, fontweight="bold")
    if not entries:
        return
    legend = draw_legend(ax, entries)
    renderer = renderer_of(ax.figure)
    box, frame = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    # the legend's share of the axes' height, from the axes' top down
    share = (frame.y1 - box.y0) / frame.height
    ax.set_ylim(*with_headroom(ylim, log, share))


def with_headroom(ylim: tuple, log: bool, share: float) -> tuple:
    """The y axis (bottom, top) for curves in `ylim` under a legend that takes `share` of the axis's height at its
    top: the bottom 4% below the curves, as R's axes are, and the curves' top 2% below the legend's. On a log axis
    the shares are of the logarithms."""
    lo, hi = (math.log10(v) for v in ylim) if log else ylim
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    bottom = lo - 0.04 * (hi - lo)
    top = bottom + (hi - bottom) / (1 - share - 0.02)
    return (10 ** bottom, 10 ** top) if log else (bottom, top)


def renderer_of(fig: Any) -> Any:
    """The renderer that measures text as the figure will draw it."""
    canvas = fig.canvas
    return canvas.get_renderer() if hasattr(canvas, "get_renderer") else fig._get_renderer()


def gradient_frame(net: dict) -> dict:
    """The numbers a gradient plot shows: the epochs the fit recorded (the
    last ones, when a fit went on from one that did not record), the norm of
    each layer's weight gradient at those epochs (a column per layer) and
    the layers' names."""
    g = net["gradients"]
    if g is None:
        abort("`fit` must record its gradients; train it with `record_gradients = TRUE`.")
    g = np.asarray(g, dtype=np.float64)
    n, L = len(net["loss"]), g.shape[1]
    return {"epochs": np.arange(n - g.shape[0] + 1, n + 1), "norms": g,
            "labels": ["hidden %d weights" % (i + 1) for i in range(L - 1)] + ["output weights"]}


def boundary_frame(net: dict, X: Any, y: Any, grid: int) -> dict:
    """The numbers a decision boundary shows: the grid g1 x g2, the class
    index k[i, j] predicted at (g1[i], g2[j]) (0, 1, ...), the output there
    (one output only), the samples and their classes, the legend's labels
    and the axes' names."""
    names = [str(c) for c in X.columns] if hasattr(X, "columns") else net["feature_names"]
    X = as_numeric_matrix(X, "X")
    p = net["layers"][0]["W"].shape[0]
    if X.shape[1] != 2 or p != 2:
        abort("`X` and `fit` must have two inputs, not %d and %d.", X.shape[1], p)
    if not is_whole(grid) or grid < 2:
        abort("`grid` must be a whole number >= 2, not %s.", describe(grid))
    cls = sample_classes(y, X.shape[0], net["classes"])
    g1 = padded_grid(X[:, 0], int(grid))
    g2 = padded_grid(X[:, 1], int(grid))
    # As R's expand.grid, g1 varies fastest; reshaped in Fortran order the
    # value at (g1[i], g2[j]) sits in row i, column j, as in R.
    G1, G2 = np.meshgrid(g1, g2, indexing="ij")
    output = net_output(net, np.column_stack([G1.ravel(order="F"), G2.ravel(order="F")]))
    k = output_classes(output)
    n_classes = max(output.shape[1] + (output.shape[1] == 1), int(cls.max()) + 1)
    two = names is not None and len(names) == 2
    return {
        "g1": g1, "g2": g2, "k": k.reshape((int(grid), int(grid)), order="F"),
        "output": output[:, 0].reshape((int(grid), int(grid)), order="F") if output.shape[1] == 1 else None,
        "X": X, "classes": cls, "labels": class_labels(net["classes"], y, n_classes),
        "xlab": str(names[0]) if two else "x1", "ylab": str(names[1]) if two else "x2",
    }


def padded_grid(v: np.ndarray, grid: int) -> np.ndarray:
    """`grid` points from 5% below the smallest value to 5% above the largest."""
    lo, hi = float(v.min()), float(v.max())
    pad = 0.05 * (hi - lo if hi > lo else 1.0)
    return np.linspace(lo - pad, hi + pad, grid)


def class_labels(classes: Any, y: Any, n: int) -> list:
    """The legend's names of classes 0, 1, ...: the model's labels, the 0/1 of a
    0/1 target, or the one-hot columns' names (class 1, class 2, ...)."""
    if classes is not None:
        return [label_text(c) for c in classes]
    if n == 2 and (np.ndim(y) == 1 or np.shape(y)[1] == 1):
        return ["0", "1"]
    return ["class %d" % (i + 1) for i in range(n)]


def boundary_legend(frame: dict) -> list:
    """The legend of a decision boundary: a point per class, and the contour's line when there is one output."""
    n = len(frame["labels"])
    entries = legend_entries(frame["labels"], [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(n)], point=True)
    if frame["output"] is not None:
        entries += legend_entries(["output = 0.5"], ["black"])
    return entries


def draw_boundary(frame: dict, title: str, legend: bool, ax: Any, small: bool = False, xlab: bool = True,
                  ylab: bool = True) -> Any:
    from matplotlib.colors import ListedColormap

    n = len(frame["labels"])
    dark = [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(n)]
    # The grid's rows are g1 (x), its columns g2 (y); pcolormesh wants y
    # down the rows, hence the transpose. alpha 0.25 is R's "40" suffix.
    ax.pcolormesh(frame["g1"], frame["g2"], frame["k"].T, cmap=ListedColormap(dark), vmin=-0.5, vmax=n - 0.5,
                  alpha=0.25, shading="nearest", linewidth=0, rasterized=True)
    if frame["output"] is not None:
        ax.contour(frame["g1"], frame["g2"], frame["output"].T, levels=[0.5], colors="black", linewidths=1.5)
    ax.scatter(frame["X"][:, 0], frame["X"][:, 1], c=[dark[c] for c in frame["classes"]], s=3 if small else 6)
    ax.set_xlim(frame["g1"][0], frame["g1"][-1])
    ax.set_ylim(frame["g2"][0], frame["g2"][-1])
    size = 9 if small else None
    if xlab:
        ax.set_xlabel(frame["xlab"], fontsize=size)
    if ylab:
        ax.set_ylabel(frame["ylab"], fontsize=size)
    if small:
        ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
        ax.tick_params(labelsize=8)
    else:
        ax.set_title(title, loc="left", fontweight="bold", pad=22)
    if legend:
        handles = draw_legend(ax, boundary_legend(frame), handles_only=True)
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), ncol=len(handles), frameon=False,
                  fontsize="small", borderaxespad=0.2)
    return ax


def history_layout(n: int, ncol: Optional[int] = None) -> np.ndarray:
    """The cells of a boundary history, row by row: panel i in cell i (from
    1, as R's layout()), and the legend (n + 1) in the cells the last row
    leaves, or in a row of its own when the rows are full. Without `ncol`,
    at most 4 panels a row, the rows as even as they can be."""
    if ncol is None:
        ncol = math.ceil(n / math.ceil(n / 4))
    ncol = min(int(ncol), n)
    rows = math.ceil(n / ncol)
    legend_cells = ncol if n % ncol == 0 else rows * ncol - n
    return np.array(list(range(1, n + 1)) + [n + 1] * legend_cells).reshape(-1, ncol)


def network_frame(net: dict) -> dict:
    """The geometry of a network diagram: layer l (0 = the inputs) in column
    l, its neurons 1 apart and centred on 0; the bias node of layer l at
    (l - 0.5, one above the highest neuron). One edge per weight and bias,
    with its value, width and colour, in R's order (column by column of W,
    then b). The names: the predictors' (x1, ... without them) and the
    outputs', the classes or the outcome's (o1, ... without them)."""
    layers = net["layers"]
    sizes = [layers[0]["W"].shape[0]] + [lay["W"].shape[1] for lay in layers]
    ypos = [(n - 1) / 2 - np.arange(n) for n in sizes]
    top = max(float(y.max()) for y in ypos) + 1
    L = len(layers)
    rows: list = []
    for k, lay in enumerate(layers, start=1):
        W, b = lay["W"], lay["b"]
        for j in range(W.shape[1]):
            for i in range(W.shape[0]):
                rows.append((k - 1, ypos[k - 1][i], k, ypos[k][j], W[i, j], False))
        if b is not None:
            for j in range(W.shape[1]):
                rows.append((k - 0.5, top, k, ypos[k][j], b[0, j], True))
    edges = {name: np.array([r[c] for r in rows]) for c, name in enumerate(("x0", "y0", "x1", "y1", "w", "bias"))}
    edges["bias"] = edges["bias"].astype(bool)
    edges["lwd"] = 0.5 + 3.5 * np.abs(edges["w"]) / max(float(np.abs(edges["w"]).max()), np.finfo(float).tiny)
    edges["col"] = np.array([SIGN_COLOURS["positive" if w >= 0 else "negative"] for w in edges["w"]])
    p, o = sizes[0], sizes[-1]
    names = net["feature_names"]
    inputs = [str(s) for s in names] if names is not None and len(names) == p else ["x%d" % (i + 1) for i in range(p)]
    classes, outcome = net["classes"], net["outcome_names"]
    if classes is not None and o == 1:
        outputs = ["P(%s)" % label_text(classes[1])]
    elif classes is not None and len(classes) == o:
        outputs = [label_text(c) for c in classes]
    elif outcome is not None and len(outcome) == o:
        outputs = [str(s) for s in outcome]
    else:
        outputs = ["o%d" % (i + 1) for i in range(o)]
    biases = [k for k, lay in enumerate(layers, start=1) if lay["b"] is not None]
    return {
        "neurons": {"x": np.repeat(np.arange(L + 1), sizes).astype(float), "y": np.concatenate(ypos)},
        "biases": {"x": np.array(biases, dtype=float) - 0.5, "y": np.full(len(biases), top)},
        "edges": edges, "inputs": inputs, "outputs": outputs, "ypos": ypos,
        "layer_names": (["input"] + ["hidden %d\n%s" % (i + 1, a) for i, a in enumerate(net["activation"])]
                        + ["output\n%s" % net["output_activation"]]),
        "title": "A %s network, %d weights" % ("-".join(str(s) for s in sizes), len(rows)),
    }


def boxes(x0: Any, x1: Any, y0: Any, y1: Any) -> np.ndarray:
    """Boxes as the rows of an array of x0, x1, y0, y1 (display pixels here, user coordinates in R)."""
    return np.column_stack([np.ravel(x0), np.ravel(x1), np.ravel(y0), np.ravel(y1)]).astype(np.float64)


def text_boxes(texts: list, renderer: Any) -> np.ndarray:
    """The box of each text, as the renderer draws it."""
    extents = [t.get_window_extent(renderer) for t in texts]
    return boxes([e.x0 for e in extents], [e.x1 for e in extents], [e.y0 for e in extents], [e.y1 for e in extents])


def fitting_labels(places: Sequence[np.ndarray], obstacles: np.ndarray, order: Any) -> np.ndarray:
    """Where to write each label, in `order` (largest weight first): at the
    first of its places (a box each, in `places`, a list of arrays of boxes)
    whose box overlaps neither an obstacle (a neuron, a name) nor a label
    written before it; -1 where none is free (R: NA; R counts places from 1)."""
    chosen = np.full(len(places[0]), -1)
    taken = [obstacles]
    for i in order:
        t = np.vstack(taken)
        for k, place in enumerate(places):
            b = place[i]
            if not np.any((b[0] < t[:, 1]) & (t[:, 0] < b[1]) & (b[2] < t[:, 3]) & (t[:, 2] < b[3])):
                chosen[i] = k
                taken.append(b[None, :])
                break
    return chosen


def draw_network(frame: dict, title: str, show_weights: bool, ax: Any) -> Any:
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    e = frame["edges"]
    L = int(frame["neurons"]["x"].max())
    ax.set_xlim(-0.75, L + 0.75)
    ax.set_ylim(min(frame["neurons"]["y"].min(), frame["biases"]["y"].min(initial=np.inf)) - 0.8,
                max(frame["neurons"]["y"].max(), frame["biases"]["y"].max(initial=-np.inf)) + 0.5)
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontweight="bold", pad=22)
    handles = [Line2D([], [], color=SIGN_COLOURS["positive"], linewidth=2, label="positive weight"),
               Line2D([], [], color=SIGN_COLOURS["negative"], linewidth=2, label="negative weight"),
               Line2D([], [], linestyle="none", label="width: |weight|")]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), ncol=3, frameon=False, fontsize="small",
              borderaxespad=0.2)
    for part, keep in (("weights", ~e["bias"]), ("biases", e["bias"])):
        segments = np.stack([np.column_stack([e["x0"][keep], e["y0"][keep]]),
                             np.column_stack([e["x1"][keep], e["y1"][keep]])], axis=1)
        ax.add_collection(LineCollection(list(segments), linewidths=e["lwd"][keep], colors=list(e["col"][keep]),
                                         label=part, zorder=1))
    # a circle's radius and the names' gap, in points: the names stand off
    # their neurons by the same distance at any scale
    r, gap = NEURON_RADIUS * 72, NAME_GAP * 72
    names = []
    for y, label in zip(frame["ypos"][0], frame["inputs"]):
        names.append(ax.annotate(label, (0, y), xytext=(-(r + gap), 0), textcoords="offset points", ha="right",
                                 va="center", fontsize=9, annotation_clip=False))
    for y, label in zip(frame["ypos"][-1], frame["outputs"]):
        names.append(ax.annotate(label, (L, y), xytext=(r + gap, 0), textcoords="offset points", ha="left",
                                 va="center", fontsize=9, annotation_clip=False))
    bottom = float(frame["neurons"]["y"].min())
    for x, label in enumerate(frame["layer_names"]):
        names.append(ax.annotate(label, (x, bottom), xytext=(0, -(r + gap)), textcoords="offset points",
                                 ha="center", va="top", fontsize=8.5, color="#4D4D4D", annotation_clip=False))
    ax.scatter(frame["neurons"]["x"], frame["neurons"]["y"], s=(2 * r) ** 2, facecolors="white",
               edgecolors="black", zorder=3)
    if len(frame["biases"]["x"]) > 0:
        ax.scatter(frame["biases"]["x"], frame["biases"]["y"], s=(2 * BIAS_RADIUS * 72) ** 2, facecolors="#D9D9D9",
                   edgecolors="black", zorder=3)
        for x, y in zip(frame["biases"]["x"], frame["biases"]["y"]):
            ax.text(x, y, "1", ha="center", va="center", fontsize=8, zorder=4)
    if show_weights:
        draw_weight_values(frame, ax, names)
    return ax


def draw_weight_values(frame: dict, ax: Any, names: list) -> None:
    """Write the values that fit (see `plot_network`), on white so that the
    lines behind do not hide the digits."""
    e = frame["edges"]
    renderer = renderer_of(ax.figure)
    # display pixels per point, and the pad of the white box, in points
    px, pad = ax.figure.dpi / 72, 1.0
    texts, places = [], []
    for t in LABEL_PLACES:
        texts.append([ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), "%.2f" % w, fontsize=7, color=c, ha="center",
                              va="center", bbox={"facecolor": "white", "edgecolor": "none", "pad": pad}, zorder=2)
                      for x0, y0, x1, y1, w, c in zip(e["x0"], e["y0"], e["x1"], e["y1"], e["w"], e["col"])])
        places.append(text_boxes(texts[-1], renderer) + np.array([-pad, pad, -pad, pad]) * px)
    obstacles = [text_boxes(names, renderer)]
    for part, radius in (("neurons", NEURON_RADIUS), ("biases", BIAS_RADIUS)):
        if len(frame[part]["x"]):
            centre = ax.transData.transform(np.column_stack([frame[part]["x"], frame[part]["y"]]))
            r = radius * ax.figure.dpi
            obstacles.append(boxes(centre[:, 0] - r, centre[:, 0] + r, centre[:, 1] - r, centre[:, 1] + r))
    chosen = fitting_labels(places, np.vstack(obstacles), np.argsort(-np.abs(e["w"]), kind="stable"))
    for k, row in enumerate(texts):
        for label, place in zip(row, chosen):
            if place != k:
                label.remove()


def sample_classes(y: Any, n: int, classes: Any) -> np.ndarray:
    """The class of each sample as 0, 1, ...: labels by their place in the
    model's classes, 0/1 targets as they are, one-hot rows by the column of
    their 1."""
    # Labels when y holds labels: text, booleans or a Categorical, or numbers
    # that are all classes of the model (fitted on numeric labels); other
    # numbers are 0/1 targets or one-hot rows, as in R.
    a = np.asarray(y)
    numeric = a.dtype.kind in "iuf"
    if classes is not None and a.ndim == 1 and (not numeric or set(a.tolist()) <= set(np.asarray(classes).tolist())):
        if a.shape[0] != n:
            abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0])
        index = {c: i for i, c in enumerate(classes)}
        unknown = [c for c in a if c not in index]
        if unknown:
            abort("`y` must hold the model's classes (%s), not %s.",
                  ", ".join(label_text(c) for c in classes), describe(label_text(unknown[0])))
        return np.array([index[c] for c in a])
    a = as_numeric_matrix(y, "y", vector_ok=True)
    if a.shape[0] != n:
        abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0])
    return output_classes(a)
