# Plots of a fitted network, base graphics only. Twin of
# python/src/nnscratch/plot.py; the loss curve is plot.nnscratch_mlp() in
# R/mlp.R (plot_loss() in Python).

#' Plot the decision boundary of a network with two inputs
#'
#' Colours a grid over the range of `X` by the class the network predicts
#' there, draws the 0.5 contour of the output (for one output), and adds the
#' samples coloured by their class.
#'
#' @param model A fitted `nnscratch_mlp` from [mlp()] with two inputs.
#' @param X A numeric matrix or data frame with two columns, one row per
#'   sample.
#' @param y The samples' classes: 0/1, a factor, or one-hot rows.
#' @param grid The number of grid points along each axis.
#' @param ... Passed to [graphics::plot.default()].
#' @return `model`, invisibly.
#' @examples
#' s <- load_scenario("moons")
#' fit <- mlp(s$X, s$y, hidden = 10, lr = 0.1, epochs = 2000, bias = FALSE, init = s$init)
#' plot_decision_boundary(fit, s$X, s$y)
#' @export
plot_decision_boundary <- function(model, X, y, grid = 200, ...) {
  if (!inherits(model, "nnscratch_mlp")) {
    abort("`model` must be a fitted network from mlp(), not %s.", describe(model))
  }
  if (is.data.frame(X)) X <- as.matrix(X)
  X <- as_numeric_matrix(X, "X")
  if (ncol(X) != 2 || model$settings$n_input != 2) {
    abort("`X` and `model` must have two inputs, not %d and %d.", ncol(X), model$settings$n_input)
  }
  if (!is_whole(grid) || grid < 2) {
    abort("`grid` must be a whole number >= 2, not %s.", describe(grid))
  }
  cls <- sample_classes(y, nrow(X), model$classes)
  g1 <- seq(min(X[, 1]), max(X[, 1]), length.out = grid)
  g2 <- seq(min(X[, 2]), max(X[, 2]), length.out = grid)
  output <- mlp_output(model, as.matrix(expand.grid(g1, g2)))
  k <- if (ncol(output) == 1) as.integer(output[, 1] > 0.5) + 1L else max.col(output, ties.method = "first")
  n_classes <- max(ncol(output) + (ncol(output) == 1), max(cls))
  dark <- rep_len(class_colours, n_classes)
  light <- paste0(dark, "40")
  # useRaster: one image, without the seams semi-transparent cells leave between them
  graphics::image(g1, g2, matrix(k, grid), col = light, breaks = seq(0.5, n_classes + 0.5), useRaster = TRUE,
    xlab = "x1", ylab = "x2", ...)
  if (ncol(output) == 1) {
    graphics::contour(g1, g2, matrix(output[, 1], grid), levels = 0.5, add = TRUE, drawlabels = FALSE)
  }
  graphics::points(X[, 1], X[, 2], col = dark[cls], pch = 20, cex = 0.6)
  invisible(model)
}

# The Okabe-Ito colours, one per class; Python's plot.py uses the same.
class_colours <- c("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

# The class of each sample as 1, 2, ...: labels by their place in the
# model's classes, 0/1 targets as they are, one-hot rows by the column of
# their 1.
sample_classes <- function(y, n, classes) {
  if (!is.null(classes) && (is.factor(y) || is.character(y) || is.logical(y))) {
    if (length(y) != n) {
      abort("`y` must have as many rows as `X` (%d), not %d.", n, length(y))
    }
    k <- match(as.character(y), classes)
    if (anyNA(k)) {
      abort(
        "`y` must hold the model's classes (%s), not %s.",
        paste(classes, collapse = ", "), describe(as.character(y)[is.na(k)][1])
      )
    }
    return(k)
  }
  if (is.factor(y)) return(as.integer(y))
  y <- as_numeric_matrix(y, "y", vector_ok = TRUE)
  if (nrow(y) != n) {
    abort("`y` must have as many rows as `X` (%d), not %d.", n, nrow(y))
  }
  if (ncol(y) == 1) as.integer(y[, 1] > 0.5) + 1L else max.col(y, ties.method = "first")
}
