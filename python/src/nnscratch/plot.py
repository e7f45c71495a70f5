"""Plots of a fitted network with matplotlib. Twin of R/plot.R and of R's plot() method of a fit.

matplotlib is imported when a plot is drawn, not with the package; install
it with ``pip install 'nnscratch[plot]'``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .mlp import MLP
from .validate import abort, as_numeric_matrix, describe, is_whole

# The Okabe-Ito colours, one per class; R/plot.R uses the same.
CLASS_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


def check_model(model: Any) -> None:
    if not isinstance(model, MLP) or not hasattr(model, "layers_"):
        abort("`model` must be a fitted network from mlp(), not %s.", describe(model))


def plot_loss(model: MLP, ax: Any = None, log: bool = True) -> Any:
    """Plot the loss of each epoch, as stored in the fit (R: ``plot(fit)``); nothing is recomputed.

    Returns the matplotlib Axes; `log` puts the loss on a log scale, which
    shows the slow end of training.
    """
    check_model(model)
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    loss = model.loss_curve_
    ax.plot(np.arange(1, len(loss) + 1), loss)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss, 1/2 sum (y - output)^2")
    return ax


def plot_decision_boundary(model: MLP, X: Any, y: Any, grid: int = 200, ax: Any = None) -> Any:
    """Plot the decision boundary of a network with two inputs; return the Axes.

    Colours a grid over the range of X (n, 2) by the class the network
    predicts there, draws the 0.5 contour of the output (for one output),
    and adds the samples coloured by their class y (0/1, labels, or one-hot
    rows).
    """
    check_model(model)
    X = as_numeric_matrix(X, "X")
    if X.shape[1] != 2 or model.n_features_in_ != 2:
        abort("`X` and `model` must have two inputs, not %d and %d.", X.shape[1], model.n_features_in_)
    if not is_whole(grid) or grid < 2:
        abort("`grid` must be a whole number >= 2, not %s.", describe(grid))
    cls = sample_classes(y, X.shape[0], model)
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    g1 = np.linspace(X[:, 0].min(), X[:, 0].max(), int(grid))
    g2 = np.linspace(X[:, 1].min(), X[:, 1].max(), int(grid))
    # R's expand.grid: the first coordinate varies fastest
    G1, G2 = np.meshgrid(g1, g2)
    output = model.output_(np.column_stack([G1.ravel(), G2.ravel()]))
    k = (output[:, 0] > 0.5).astype(int) if output.shape[1] == 1 else output.argmax(axis=1)
    n_classes = max(output.shape[1] + (output.shape[1] == 1), int(cls.max()) + 1)
    dark = [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(n_classes)]
    if ax is None:
        _, ax = plt.subplots()
    ax.pcolormesh(g1, g2, k.reshape(G1.shape), cmap=ListedColormap(dark), vmin=-0.5, vmax=n_classes - 0.5,
                  alpha=0.25, shading="nearest")
    if output.shape[1] == 1:
        ax.contour(g1, g2, output[:, 0].reshape(G1.shape), levels=[0.5], colors="black", linewidths=1)
    ax.scatter(X[:, 0], X[:, 1], c=[dark[c] for c in cls], s=6)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax


def sample_classes(y: Any, n: int, model: MLP) -> np.ndarray:
    """The class of each sample as 0, 1, ...: labels by their place in ``classes_``,
    0/1 targets as they are, one-hot rows by the column of their 1."""
    a = np.asarray(y)
    if model.classes_ is not None and a.ndim == 1 and a.dtype.kind != "f":
        if a.shape[0] != n:
            abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0])
        index = {c: i for i, c in enumerate(model.classes_)}
        unknown = [c for c in a if c not in index]
        if unknown:
            abort("`y` must hold the model's classes (%s), not %s.",
                  ", ".join(str(c) for c in model.classes_), describe(str(unknown[0])))
        return np.array([index[c] for c in a])
    a = as_numeric_matrix(y, "y", vector_ok=True)
    if a.shape[0] != n:
        abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0])
    return (a[:, 0] > 0.5).astype(int) if a.shape[1] == 1 else a.argmax(axis=1)
