# When training has failed, say so. Twin of
# python/src/nnscratch/convergence.py: the same rules, thresholds and words.
#
#' @include activations.R
NULL

# Full-batch gradient descent with a small enough `lr` lowers the loss at
# every epoch; a rise means the step overshot. Rises in more than 1 epoch in
# 20 of the last tenth of training is oscillation, not a stray spike.
oscillation_share <- 0.05
# A network whose loss on its training data comes within 0.1% of the best
# constant prediction's has learned nothing from its inputs: its outputs
# have collapsed to (nearly) the same value for every sample.
constant_margin <- 1e-3

#' Why training did not converge
#'
#' The rules behind the warnings of class `nnscratch_convergence` that
#' [train()] and [mlp()] give (Python: `ConvergenceWarning`):
#' * the loss is NaN or infinite, or (with two epochs or more) the last
#'   epoch's loss is no lower than the first's;
#' * every output unit is saturated for every sample at the last epoch,
#'   where its activation says so (a sigmoid's when `|z| > 15`: its slope
#'   `a * (1 - a)` is then below 3.1e-7, so a step hardly moves it);
#' * with the full batch and at least 20 epochs, the loss rises in more than
#'   5% of the epochs of the last tenth of training (oscillation: `lr` is
#'   too large). With mini-batches an epoch's loss adds up batches taken at
#'   different weights, so its rises are noise and this rule is not applied;
#' * the trained network's loss on the training data is not more than 0.1%
#'   lower than that of the best constant prediction, the targets' mean (for
#'   classes, their shares): it has learned nothing from the inputs.
#'
#' @param loss The loss of each epoch.
#' @param z_out The output layer's input `z` at the last epoch, n x o (for
#'   mini-batches, the last batch's).
#' @param output_activation The output's activation.
#' @param full_batch Whether each epoch was one step on all the samples.
#' @param fitted_and_constant `NULL`, or two numbers: the trained network's
#'   loss on the training data, without weight decay, and the constant
#'   prediction's.
#' @return A character vector with one sentence per problem found, empty
#'   when training looks fine.
#' @examples
#' convergence_problems(c(2, 1, 3), matrix(0.5), "sigmoid", TRUE)
#' convergence_problems(c(2, 1), matrix(0.5), fitted_and_constant = c(0.7, 0.7))
#' @export
convergence_problems <- function(loss, z_out, output_activation, full_batch = TRUE, fitted_and_constant = NULL) {
  problems <- character()
  n <- length(loss)
  bad <- which(!is.finite(loss))
  if (length(bad) > 0) {
    problems <- c(problems, sprintf("the loss became %s at epoch %d", describe(loss[bad[1]]), bad[1]))
  } else if (n >= 2 && loss[n] >= loss[1]) {
    problems <- c(problems, sprintf(
      "the loss ended at %s, no lower than it started (%s)", format_g6(loss[n]), format_g6(loss[1])
    ))
  }
  saturated <- activations[[output_activation]]$saturated
  if (!is.null(saturated) && saturated(z_out)) {
    problems <- c(problems, "every output is saturated for every sample; scale the inputs or lower `lr`")
  }
  window <- n %/% 10
  if (full_batch && length(bad) == 0 && window >= 2) {
    rises <- sum(diff(loss[(n - window):n]) > 0)
    if (rises > oscillation_share * window) {
      problems <- c(problems, sprintf(
        "the loss rose in %d of the last %d epochs (oscillation); lower `lr`", rises, window
      ))
    }
  }
  if (!is.null(fitted_and_constant) && length(bad) == 0) {
    fitted <- fitted_and_constant[[1]]
    constant <- fitted_and_constant[[2]]
    if (!(fitted < constant * (1 - constant_margin))) {
      problems <- c(problems, sprintf(
        paste(
          "the network's loss on the training data (%s) is within 0.1%% of a constant prediction's (%s)",
          "or above it; it has learned nothing from the inputs"
        ),
        format_g6(fitted), format_g6(constant)
      ))
    }
  }
  if (length(problems)) sprintf("Training did not converge: %s.", problems) else problems
}
formals(convergence_problems)$output_activation <- article_activation

# Warn once per problem (class `nnscratch_convergence`); Python gives each as
# a ConvergenceWarning.
warn_convergence <- function(problems) {
  for (p in problems) {
    warning(structure(
      class = c("nnscratch_convergence", "warning", "condition"),
      list(message = p, call = NULL)
    ))
  }
}

format_g6 <- function(x) sprintf("%.6g", x)
