"""What is done to the samples before and between the steps: scaling, the validation split, weights, batches and
dropout masks. Twin of R/samples.R.

Everything random here draws from one generator, R's (`RRandom` here,
set.seed() in R), in one order for the whole run, so that R and Python hold
out the same rows, visit them in the same order and drop the same units:

1. the validation split, once, before the first epoch;
2. each epoch with mini-batches, the samples' order;
3. each step with dropout, each hidden layer's mask in turn, from the
   input to the output: ``runif(rows * width)``, filled column by column.

A random order of n rows is the order of n uniform draws, R's
``order(runif(n))``: a stable sort, so that the rare tie is broken by the
row's place in both languages. (R's ``sample.int(n)`` draws its order one
element at a time; in Python that loop would cost more than a step of a
small network.)
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

import numpy as np

from . import kernels


def standardize(X: np.ndarray, w: Optional[np.ndarray], exact: bool) -> dict:
    """Return each column's mean and standard deviation (weighted when w is given), which standardizing maps to 0 and 1."""
    total = X.shape[0] if w is None else kernels.total(w, exact)
    center = kernels.col_sums(X if w is None else X * w, exact) / total
    d = X - center
    d = d * d
    spread = kernels.sqrt(kernels.col_sums(d if w is None else d * w, exact) / total, exact)
    return {"center": center.ravel(), "scale": spread.ravel()}


def min_max(X: np.ndarray, w: Optional[np.ndarray], exact: bool) -> dict:
    """Return each column's minimum and range, which min-max scaling maps to 0 and 1."""
    lo = X.min(axis=0)
    return {"center": lo, "scale": X.max(axis=0) - lo}


class Scaling(NamedTuple):
    # (X, w, exact) -> {"center", "scale"}, one number per column each
    fit: Optional[Callable[[np.ndarray, Optional[np.ndarray], bool], dict]]


# How the estimators scale their inputs: X becomes (X - center) / scale,
# column by column, with the centre and scale of the training data (a
# constant column keeps scale 1); the model keeps them, and predict applies
# them, in both languages.
SCALINGS = {
    "standardize": Scaling(standardize),
    "minmax": Scaling(min_max),
    "none": Scaling(None),
}
DEFAULT_SCALING = "standardize"
ARTICLE_SCALING = "none"


def fit_scale(name: str, X: np.ndarray, w: Optional[np.ndarray] = None, exact: bool = False) -> Optional[dict]:
    """Return the scale of `name` fitted to the rows of X, or None for no scaling."""
    fit = SCALINGS[name].fit
    if fit is None:
        return None
    # A column of magnitudes above 2^500, whose squares and sums could
    # overflow, is fitted divided by a power of two near its largest
    # magnitude, and its centre and scale are multiplied back. Both are exact,
    # so every other column's numbers are those of X itself.
    largest = np.abs(X).max(axis=0)
    factor = np.where(largest > 2.0**500, np.exp2(np.floor(np.log2(largest))), 1.0)
    s = fit(X / factor, w, exact)
    s["center"] = s["center"] * factor
    # a constant column is only centred
    s["scale"] = np.where(s["scale"] > 0, s["scale"] * factor, 1.0)
    return s


def apply_scale(X: np.ndarray, scale: Optional[dict]) -> np.ndarray:
    """Return (X - center) / scale, column by column; X itself without a scale."""
    if scale is None:
        return X
    return (X - np.asarray(scale["center"], dtype=np.float64)) / np.asarray(scale["scale"], dtype=np.float64)


def permutation(n: int, rng: Any) -> np.ndarray:
    """Return a random order of the rows 0..n-1: the order of n uniform draws (R: order(runif(n)))."""
    return np.argsort(rng.runif(n), kind="stable")


def strata(y: np.ndarray) -> Optional[np.ndarray]:
    """Return a stratum per row of y when every target is 0 or 1 (classes: the rows that are alike), else None."""
    if not np.all((y == 0) | (y == 1)):
        return None
    # each row of 0s and 1s read as a binary number
    return (y * (2.0 ** np.arange(y.shape[1]))).sum(axis=1)


def validation_split(n: int, fraction: float, groups: Optional[np.ndarray], rng: Any) -> np.ndarray:
    """Return the 0-based rows held out for validation, ascending.

    One permutation of the rows is drawn; each stratum (all rows when there
    are none) holds out its first floor(fraction * size) rows in that
    order, so that the split is stratified and the same in both languages.
    """
    order = permutation(n, rng)
    if groups is None:
        groups = np.zeros(n)
    keys, counts = np.unique(groups, return_counts=True)
    quota = dict(zip(keys.tolist(), np.floor(fraction * counts).tolist()))
    held = []
    for row in order.tolist():
        g = groups[row].item()
        if quota[g] > 0:
            quota[g] -= 1
            held.append(row)
    return np.sort(np.asarray(held, dtype=np.int64))


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Return scikit-learn's "balanced" class weights for one-hot or 0/1 targets: n / (k * count of the class)."""
    counts = kernels.col_sums(y)[0] if y.shape[1] > 1 else np.array([y.shape[0] - y.sum(), y.sum()])
    k = len(counts)
    return y.shape[0] / (k * counts)


def class_of_row(y: np.ndarray) -> np.ndarray:
    """Return the 0-based class of each row of one-hot targets, or of 0/1 targets in one column."""
    return y[:, 0].astype(np.int64) if y.shape[1] == 1 else y.argmax(axis=1)


def batches(n: int, batch_size: int, rng: Any) -> list:
    """Return the rows of each step of an epoch: all of them, or a new random order cut into batches of batch_size."""
    if batch_size >= n:
        return [None]
    return np.split(permutation(n, rng), range(batch_size, n, batch_size))


def dropout_masks(rows: int, widths: list, rates: list, rng: Any) -> list:
    """Return one mask per hidden layer, (rows, width), 0 for a dropped unit and 1 / (1 - rate) for a kept one; None
    for a layer without dropout.

    Inverted dropout: the kept units are scaled up during training, so that
    prediction, which drops nothing, needs no change.
    """
    masks: list = []
    for width, rate in zip(widths, rates):
        if rate == 0:
            masks.append(None)
            continue
        u = rng.runif(rows * width).reshape(rows, width, order="F")
        masks.append(np.where(u >= rate, 1.0 / (1.0 - rate), 0.0))
    return masks
