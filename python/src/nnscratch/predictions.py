"""What the outputs mean: classes, probabilities and scores, by one rule. Twin of R/predictions.R.

The estimators' predict, the plots' decision boundaries and the validation
scores of training all take the class of a row from here.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from . import kernels
from .activations import ACTIVATIONS
from .errors import abort, one_of


def output_classes(output: np.ndarray, classes: Optional[np.ndarray] = None) -> np.ndarray:
    """Return the class of each row of `output` (n, o): the threshold 0.5 for one output, the arg-max for several.

    0-based indices (0/1 for one output), or the labels of `classes` when given.
    """
    k = (output[:, 0] > 0.5).astype(np.int64) if output.shape[1] == 1 else output.argmax(axis=1)
    if classes is None:
        return k
    return np.asarray(classes)[k]


def output_probabilities(output: np.ndarray, output_activation: str) -> np.ndarray:
    """Return the probability of each class, (n, k), from the outputs; see Notes of `MLP`.

    One output p gives [1 - p, p]; a softmax output's rows already sum to 1;
    other outputs of probabilities (one-hot sigmoids) are divided by their
    row's sum (a row whose outputs all underflow to 0 gets 1/k each).
    """
    if not ACTIVATIONS[output_activation].probability:
        abort('Probabilities need a %s output, not "%s".',
              one_of([a for a, v in ACTIVATIONS.items() if v.output and v.probability]), output_activation, arg="type")
    if output.shape[1] == 1:
        return np.hstack([1 - output, output])
    if ACTIVATIONS[output_activation].rowwise:
        return output
    total = output.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = output / total
    p[total[:, 0] == 0, :] = 1 / output.shape[1]
    return p


def accuracy(y: np.ndarray, output: np.ndarray, w: Optional[np.ndarray] = None) -> float:
    """Return the (weighted) share of rows whose class, by `output_classes`, is the class of the targets y."""
    right = (output_classes(output) == output_classes(y)).astype(np.float64).reshape(-1, 1)
    if w is None:
        return kernels.total(right) / len(right)
    return kernels.total(right * w) / kernels.total(w)


def r_squared(y: np.ndarray, output: np.ndarray, w: Optional[np.ndarray] = None) -> float:
    """Return R^2, 1 - SS_res / SS_tot over all outputs (weighted when w is given), as scikit-learn's r2_score
    with multioutput="variance_weighted"; for constant targets, 1 when they are predicted exactly and 0 otherwise."""
    w = np.ones((y.shape[0], 1)) if w is None else w
    mean = kernels.col_sums(y * w) / kernels.total(w)
    e, d = y - output, y - mean
    res = kernels.total(e * e * w)
    tot = kernels.total(d * d * w)
    if tot == 0:
        return 1.0 if res == 0 else 0.0
    return 1 - res / tot


def score(y: np.ndarray, output: np.ndarray, output_activation: str, w: Optional[np.ndarray] = None) -> float:
    """Return the score of the outputs: accuracy for an output of probabilities, R^2 otherwise."""
    if ACTIVATIONS[output_activation].probability:
        return accuracy(y, output, w)
    return r_squared(y, output, w)
