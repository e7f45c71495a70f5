# When training has failed, say so. Twin of
# python/src/nnscratch/convergence.py: the same rules, thresholds and words.

# A sigmoid output whose input z has |z| > 15 has a slope a * (1 - a) below
# 3.1e-7: a half_sse step hardly moves it any more.
saturation_z <- 15
# Full-batch gradient descent with a small enough `lr` lowers the loss at
# every epoch; a rise means the step overshot. Rises in more than 1 epoch in
# 20 of the last tenth of training is oscillation, not a stray spike.
oscillation_share <- 0.05

#' Why training did not converge
#'
#' The rules behind the warnings of class `nnscratch_convergence` that
#' [train()] and [mlp()] give (Python: `ConvergenceWarning`):
#' * the loss is NaN or infinite, or (with two epochs or more) the last
#'   epoch's loss is no lower than the first's;
#' * the output is a sigmoid and every output unit is saturated for every
#'   sample at the last epoch, `|z| > 15` (the slope `a * (1 - a)` is then
#'   below 3.1e-7, so a step hardly moves it);
#' * with the full batch and at least 20 epochs, the loss rises in more than
#'   5% of the epochs of the last tenth of training (oscillation: `lr` is
#'   too large). With mini-batches an epoch's loss adds up batches taken at
#'   different weights, so its rises are noise and this rule is not applied.
#'
#' @param loss The loss of each epoch.
#' @param z_out The output layer's input `z` at the last epoch, n x o (for
#'   mini-batches, the last batch's).
#' @param output_activation The output's activation.
#' @param full_batch Whether each epoch was one step on all the samples.
#' @return A character vector with one sentence per problem found, empty
#'   when training looks fine.
#' @examples
#' convergence_problems(c(2, 1, 3), matrix(0.5), "sigmoid", TRUE)
#' @export
convergence_problems <- function(loss, z_out, output_activation = "sigmoid", full_batch = TRUE) {
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
  if (output_activation == "sigmoid" && all(is.finite(z_out)) && all(abs(z_out) > saturation_z)) {
    problems <- c(problems, sprintf(
      "every output is saturated (|z| > %d) for every sample; scale the inputs or lower `lr`", saturation_z
    ))
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
  if (length(problems)) sprintf("Training did not converge: %s.", problems) else problems
}

# Warn once per problem (class `nnscratch_convergence`); with `verbose`, also
# print each where the error lines are, as it is found.
warn_convergence <- function(problems, verbose = 0L) {
  for (p in problems) {
    if (verbose > 0L) cat("Warning: ", p, "\n", sep = "")
    warning(structure(
      class = c("nnscratch_convergence", "warning", "condition"),
      list(message = p, call = NULL)
    ))
  }
}

format_g6 <- function(x) sprintf("%.6g", x)
