"""When training has failed, say so. Twin of R/convergence.R: the same rules, thresholds and words."""

from __future__ import annotations

import os
import sys
import warnings
from typing import Optional

import numpy as np

from .activations import ACTIVATIONS, ARTICLE
from .errors import describe

# Full-batch gradient descent with a small enough `lr` lowers the loss at
# every epoch; a rise means the step overshot. Rises in more than 1 epoch in
# 20 of the last tenth of training is oscillation, not a stray spike.
OSCILLATION_SHARE = 0.05
# A network whose loss on its training data comes within 0.1% of the best
# constant prediction's has learned nothing from its inputs: its outputs
# have collapsed to (nearly) the same value for every sample.
CONSTANT_MARGIN = 1e-3


class ConvergenceWarning(UserWarning):
    """Training did not converge (R: a warning of class ``nnscratch_convergence``).

    Defined here so that nnscratch needs no scikit-learn; like
    scikit-learn's, it is a UserWarning.
    """


def convergence_problems(loss: np.ndarray, z_out: np.ndarray, output_activation: str = ARTICLE, full_batch: bool = True,
                         fitted_and_constant: Optional[tuple] = None) -> list:
    """Return one sentence per reason to think training did not converge; an empty list when it looks fine.

    The rules, as R's ``convergence_problems()``:

    * the loss is NaN or infinite, or (with two epochs or more) the last
      epoch's loss is no lower than the first's;
    * every output unit is saturated for every sample at the last epoch,
      where its activation says so (a sigmoid's when ``|z| > 15``: its slope
      ``a * (1 - a)`` is then below 3.1e-7, so a step hardly moves it);
    * with the full batch and at least 20 epochs, the loss rises in more
      than 5% of the epochs of the last tenth of training (oscillation:
      `lr` is too large). With mini-batches an epoch's loss adds up batches
      taken at different weights, so its rises are noise and this rule is
      not applied;
    * the trained network's loss on the training data is not more than
      0.1% lower than that of the best constant prediction, the targets'
      mean (for classes, their shares): it has learned nothing from the
      inputs.

    Parameters
    ----------
    loss : ndarray, shape (epochs,)
        The loss of each epoch.
    z_out : ndarray, shape (n, o)
        The output layer's input z at the last epoch (for mini-batches, the
        last batch's).
    output_activation : str
        The output's activation.
    full_batch : bool
        Whether each epoch was one step on all the samples.
    fitted_and_constant : (float, float), optional
        The trained network's loss on the training data, without weight
        decay, and the constant prediction's.
    """
    problems = []
    loss = np.asarray(loss, dtype=np.float64)
    n = len(loss)
    bad = np.flatnonzero(~np.isfinite(loss))
    if len(bad):
        problems.append("the loss became %s at epoch %d" % (describe(loss[bad[0]]), bad[0] + 1))
    elif n >= 2 and loss[-1] >= loss[0]:
        problems.append("the loss ended at %s, no lower than it started (%s)" % ("%.6g" % loss[-1], "%.6g" % loss[0]))
    saturated = ACTIVATIONS[output_activation].saturated
    if saturated is not None and saturated(z_out):
        problems.append("every output is saturated for every sample; scale the inputs or lower `lr`")
    window = n // 10
    if full_batch and not len(bad) and window >= 2:
        rises = int(np.sum(np.diff(loss[n - window - 1:]) > 0))
        if rises > OSCILLATION_SHARE * window:
            problems.append("the loss rose in %d of the last %d epochs (oscillation); lower `lr`" % (rises, window))
    if fitted_and_constant is not None and not len(bad):
        fitted, constant = fitted_and_constant
        if not fitted < constant * (1 - CONSTANT_MARGIN):
            problems.append("the network's loss on the training data (%s) is within 0.1%% of a constant prediction's "
                            "(%s) or above it; it has learned nothing from the inputs" % ("%.6g" % fitted, "%.6g" % constant))
    return ["Training did not converge: %s." % p for p in problems]


def warn_convergence(problems: list) -> None:
    """Warn once per problem (ConvergenceWarning), from the caller's line outside the package; R gives each as a
    warning of class nnscratch_convergence."""
    if not problems:
        return
    package = os.path.dirname(os.path.abspath(__file__))
    level = 2
    frame = sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == package:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    for p in problems:
        warnings.warn(p, ConvergenceWarning, stacklevel=level)
