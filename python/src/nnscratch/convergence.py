"""When training has failed, say so. Twin of R/convergence.R: the same rules, thresholds and words."""

from __future__ import annotations

import warnings

import numpy as np

from .validate import describe

# A sigmoid output whose input z has |z| > 15 has a slope a * (1 - a) below
# 3.1e-7: a half_sse step hardly moves it any more.
SATURATION_Z = 15
# Full-batch gradient descent with a small enough `lr` lowers the loss at
# every epoch; a rise means the step overshot. Rises in more than 1 epoch in
# 20 of the last tenth of training is oscillation, not a stray spike.
OSCILLATION_SHARE = 0.05


class ConvergenceWarning(UserWarning):
    """Training did not converge (R: a warning of class ``nnscratch_convergence``).

    Defined here so that nnscratch needs no scikit-learn; like
    scikit-learn's, it is a UserWarning.
    """


def convergence_problems(loss: np.ndarray, z_out: np.ndarray, output_activation: str = "sigmoid", full_batch: bool = True) -> list:
    """Return one sentence per reason to think training did not converge; an empty list when it looks fine.

    The rules, as R's ``convergence_problems()``:

    * the loss is NaN or infinite, or (with two epochs or more) the last
      epoch's loss is no lower than the first's;
    * the output is a sigmoid and every output unit is saturated for every
      sample at the last epoch, ``|z| > 15`` (the slope ``a * (1 - a)`` is
      then below 3.1e-7, so a step hardly moves it);
    * with the full batch and at least 20 epochs, the loss rises in more
      than 5% of the epochs of the last tenth of training (oscillation:
      `lr` is too large). With mini-batches an epoch's loss adds up batches
      taken at different weights, so its rises are noise and this rule is
      not applied.

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
    """
    problems = []
    loss = np.asarray(loss, dtype=np.float64)
    n = len(loss)
    bad = np.flatnonzero(~np.isfinite(loss))
    if len(bad):
        problems.append("the loss became %s at epoch %d" % (describe(loss[bad[0]]), bad[0] + 1))
    elif n >= 2 and loss[-1] >= loss[0]:
        problems.append("the loss ended at %s, no lower than it started (%s)" % ("%.6g" % loss[-1], "%.6g" % loss[0]))
    if output_activation == "sigmoid" and np.all(np.isfinite(z_out)) and np.all(np.abs(z_out) > SATURATION_Z):
        problems.append("every output is saturated (|z| > %d) for every sample; scale the inputs or lower `lr`" % SATURATION_Z)
    window = n // 10
    if full_batch and not len(bad) and window >= 2:
        rises = int(np.sum(np.diff(loss[n - window - 1:]) > 0))
        if rises > OSCILLATION_SHARE * window:
            problems.append("the loss rose in %d of the last %d epochs (oscillation); lower `lr`" % (rises, window))
    return ["Training did not converge: %s." % p for p in problems]


def warn_convergence(problems: list, verbose: int = 0) -> None:
    """Warn once per problem (ConvergenceWarning); with `verbose`, also print each where the error lines are, as it is found."""
    for p in problems:
        if verbose > 0:
            print("Warning:", p)
        warnings.warn(p, ConvergenceWarning, stacklevel=4)
