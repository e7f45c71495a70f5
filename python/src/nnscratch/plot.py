"""Plots of a network with matplotlib. Twin of R/plot.R: the same functions in
the same order, with the same arguments, titles, labels, colours and geometry.

Every plot takes `fit`, a fitted `MLP` or a result of `train()`, and reads
what the fit stores (the weights, the loss of each epoch, the trace); the
only computation is the network's output on a grid, through the package's
own forward pass. Each figure is built in two steps, a frame (the numbers to
draw) and a drawing of that frame, so that the tests can draw a wrong frame
and see the checks reject it.

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


def plot_loss(fit: Any, log: bool = True, verbose: int = 0, epochs: Optional[Sequence[int]] = None,
              title: Optional[str] = None, ax: Any = None) -> Any:
    """Plot the loss curve of a network; return the matplotlib Axes.

    Draws the loss of each epoch, as stored in the fit, and the validation
    loss when the fit has one; nothing is recomputed (R: ``plot_loss(fit)``,
    or ``plot(fit)``).

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
    ax = new_axes(ax)
    loss = net["loss"][shown - 1]
    validation = net["validation_loss"]
    ax.plot(shown, loss, color=LINE_COLOUR, linewidth=1, label="training" if validation is not None else "loss",
            marker="o" if len(shown) <= 200 else None, markersize=3)
    if validation is not None:
        ax.plot(shown, np.asarray(validation)[shown - 1], color=SERIES_COLOURS[1], linewidth=1, label="validation",
                marker="o" if len(shown) <= 200 else None, markersize=3)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(loss_label(net))
    ax.set_title(title, fontweight="bold")
    if validation is not None and verbose == 0:
        ax.legend(loc="upper right", frameon=False)
    if verbose > 0:
        marked = np.intersect1d(np.arange(1, len(net["loss"]) + 1, verbose), shown)
        ax.plot(marked, net["loss"][marked - 1], linestyle="none", marker="o", color=MARKER_COLOUR,
                label="printed by verbose = %d" % verbose)
        ax.legend(loc="upper right", frameon=False)
    return ax


def plot_losses(fits: dict, log: bool = True, title: Optional[str] = None, ax: Any = None) -> Any:
    """Plot the loss curves of several networks on one axis; return the Axes.

    For comparing runs, e.g. learning rates: each fit's loss per epoch, as
    stored, in its own colour, with a legend.

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
    ax = new_axes(ax)
    for i, (name, net) in enumerate(zip(fits, nets)):
        ax.plot(np.arange(1, len(net["loss"]) + 1), net["loss"], color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
                linewidth=1, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(loss_label(nets[0]))
    ax.set_title(title, fontweight="bold")
    ax.legend(loc="upper right", frameon=False)
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


def plot_boundary_history(fit: Any, X: Any, y: Any, grid: int = 100, ncol: int = 4,
                          title: Optional[str] = None) -> Any:
    """Plot the decision boundary at several epochs of training; return the Figure.

    Small multiples: one decision boundary (see `plot_decision_boundary`)
    for each epoch the fit's trace kept, after that epoch's update, from the
    weights the trace stores.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP`, or a result of `train()`, with two inputs and a
        trace: fit with `trace_every` (e.g. 1000) or `trace_at`.
    X, y, grid, title
        As in `plot_decision_boundary`.
    ncol : int, default 4
        The number of panels per row.
    """
    net = plot_net(fit)
    if not net["trace"]:
        abort("`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`.")
    if not is_whole(ncol) or ncol < 1:
        abort("`ncol` must be a whole number >= 1, not %s.", describe(ncol))
    title = check_title(title, "The decision boundary during training")
    frames = [boundary_frame(dict(net, layers=trace_layers(t)), X, y, grid) for t in net["trace"]]
    import matplotlib.pyplot as plt

    ncol = min(int(ncol), len(frames))
    nrow = math.ceil(len(frames) / ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(2.5 * ncol, 2.3 * nrow + 0.4), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        if i < len(frames):
            draw_boundary(frames[i], "epoch %d" % net["trace"][i]["epoch"], False, ax, small=True)
        else:
            ax.set_axis_off()
    fig.suptitle(title, fontweight="bold")
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
    labelled with its layer and activation.

    The weights are one LineCollection (label "weights"), the biases another
    (label "biases"); the neurons and the bias nodes are scatters.

    Parameters
    ----------
    fit : MLP or dict
        A fitted `MLP` or a result of `train()`.
    show_weights : bool, default False
        Whether to write each weight's value on its line, rounded to 2
        decimals.
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
    validation loss, the trace, the classes and the predictors' names.

    Both a fitted model and a result of `train()` carry the settings they
    were trained with; the plots read them there.
    """
    net: dict[str, Any]
    if isinstance(fit, Estimator) and hasattr(fit, "layers_"):
        net = {
            "layers": fit.layers_, "settings": fit.settings_, "loss": np.asarray(fit.loss_curve_),
            "validation_loss": fit.history_.get("validation_loss"), "trace": fit.trace_, "classes": fit.classes_,
            "feature_names": getattr(fit, "feature_names_in_", None),
        }
    elif (isinstance(fit, dict) and isinstance(fit.get("params"), (dict, list)) and fit.get("loss") is not None
          and isinstance(fit.get("settings"), dict)):
        net = {
            "layers": trace_layers(fit["params"]), "settings": fit["settings"], "loss": np.asarray(fit["loss"]),
            "validation_loss": (fit.get("history") or {}).get("validation_loss"), "trace": fit.get("trace") or [],
            "classes": None, "feature_names": None,
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


def draw_boundary(frame: dict, title: str, legend: bool, ax: Any, small: bool = False) -> Any:
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D

    n = len(frame["labels"])
    dark = [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(n)]
    # The grid's rows are g1 (x), its columns g2 (y); pcolormesh wants y
    # down the rows, hence the transpose. alpha 0.25 is R's "40" suffix.
    ax.pcolormesh(frame["g1"], frame["g2"], frame["k"].T, cmap=ListedColormap(dark), vmin=-0.5, vmax=n - 0.5,
                  alpha=0.25, shading="nearest", linewidth=0, rasterized=True)
    if frame["output"] is not None:
        ax.contour(frame["g1"], frame["g2"], frame["output"].T, levels=[0.5], colors="black", linewidths=1.5)
    ax.scatter(frame["X"][:, 0], frame["X"][:, 1], c=[dark[c] for c in frame["classes"]], s=2 if small else 6)
    ax.set_xlim(frame["g1"][0], frame["g1"][-1])
    ax.set_ylim(frame["g2"][0], frame["g2"][-1])
    if small:
        ax.set_title(title, loc="left", fontsize=9, fontweight="bold")
        ax.tick_params(labelsize=7)
    else:
        ax.set_title(title, loc="left", fontweight="bold", pad=22)
        ax.set_xlabel(frame["xlab"])
        ax.set_ylabel(frame["ylab"])
    if legend:
        handles = [Line2D([], [], linestyle="none", marker="o", color=c, label=lab) for c, lab in zip(dark, frame["labels"])]
        if frame["output"] is not None:
            handles.append(Line2D([], [], color="black", label="output = 0.5"))
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), ncol=len(handles), frameon=False,
                  fontsize="small", borderaxespad=0.2)
    return ax


def network_frame(net: dict) -> dict:
    """The geometry of a network diagram: layer l (0 = the inputs) in column
    l, its neurons 1 apart and centred on 0; the bias node of layer l at
    (l - 0.5, one above the highest neuron). One edge per weight and bias,
    with its value, width and colour, in R's order (column by column of W,
    then b)."""
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
    classes = net["classes"]
    if classes is not None and o == 1:
        outputs = ["P(%s)" % classes[1]]
    elif classes is not None:
        outputs = [label_text(c) for c in classes]
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


def draw_network(frame: dict, title: str, show_weights: bool, ax: Any) -> Any:
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    e = frame["edges"]
    L = int(frame["neurons"]["x"].max())
    for part, keep in (("weights", ~e["bias"]), ("biases", e["bias"])):
        segments = np.stack([np.column_stack([e["x0"][keep], e["y0"][keep]]),
                             np.column_stack([e["x1"][keep], e["y1"][keep]])], axis=1)
        ax.add_collection(LineCollection(list(segments), linewidths=e["lwd"][keep], colors=list(e["col"][keep]),
                                         label=part, zorder=1))
    if show_weights:
        # Near the receiving end, where the lines of one neuron fan apart.
        for x0, y0, x1, y1, w, c in zip(e["x0"], e["y0"], e["x1"], e["y1"], e["w"], e["col"]):
            ax.text(x0 + 0.7 * (x1 - x0), y0 + 0.7 * (y1 - y0), "%.2f" % w, fontsize=6, color=c, ha="center",
                    va="center", bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5}, zorder=2)
    ax.scatter(frame["neurons"]["x"], frame["neurons"]["y"], s=260, facecolors="white", edgecolors="black", zorder=3)
    if len(frame["biases"]["x"]) > 0:
        ax.scatter(frame["biases"]["x"], frame["biases"]["y"], s=170, facecolors="#D9D9D9", edgecolors="black", zorder=3)
        for x, y in zip(frame["biases"]["x"], frame["biases"]["y"]):
            ax.text(x, y, "1", ha="center", va="center", fontsize=8, zorder=4)
    for y, label in zip(frame["ypos"][0], frame["inputs"]):
        ax.text(-0.2, y, label, ha="right", va="center", fontsize=9)
    for y, label in zip(frame["ypos"][-1], frame["outputs"]):
        ax.text(L + 0.2, y, label, ha="left", va="center", fontsize=9)
    bottom = float(frame["neurons"]["y"].min()) - 0.55
    for x, label in enumerate(frame["layer_names"]):
        ax.text(x, bottom, label, ha="center", va="center", fontsize=9, color="#4D4D4D")
    ax.set_xlim(-0.75, L + 0.75)
    ax.set_ylim(min(frame["neurons"]["y"].min(), frame["biases"]["y"].min(initial=np.inf)) - 0.8,
                max(frame["neurons"]["y"].max(), frame["biases"]["y"].max(initial=-np.inf)) + 0.5)
    ax.set_axis_off()
    ax.set_title(title, loc="left", fontweight="bold")
    handles = [Line2D([], [], color=SIGN_COLOURS["positive"], linewidth=2, label="positive weight"),
               Line2D([], [], color=SIGN_COLOURS["negative"], linewidth=2, label="negative weight"),
               Line2D([], [], linestyle="none", label="width: |weight|")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False, fontsize="small")
    return ax


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
