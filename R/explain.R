# The step-by-step printout of one epoch. Twin of python/src/nnscratch/
# explain.py: both print the same text, character for character, because
# both format every number with C's "%10.4f".
#
#' @include activations.R losses.R
NULL

#' Print one epoch, step by step
#'
#' Runs [train_step()] and prints its intermediates. For the article's
#' params, each of the 14 is printed in the article's order and under the
#' article's names, as the article's spreadsheet shows them: one line per
#' row, 4 decimals. For a list of layers, every layer is printed in the same
#' way: the forward pass (`z_1`, `a_1`, `z_2`, ...), the backward pass from
#' the output (`err`, `slope` and `delta` of each layer), the updated `W` and
#' `b` of each layer, and the loss.
#'
#' @inheritParams train_step
#' @param params As for [train_step()], or a result of [train()], whose next
#'   epoch is shown with its own settings (and its `lr` unless one is given).
#' @param lr The learning rate, a positive number; for a result of
#'   [train()], `NULL` takes its own.
#' @return The [train_step()] result, invisibly.
#' @examples
#' s <- load_scenario("article")
#' explain_epoch(s$init, s$X, s$y, s$lr)
#' explain_epoch(init_params(2, c(2, 2), 1, seed = 1), s$X[, 1:2], s$y, 0.1, "tanh")
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 100)
#' explain_epoch(fit, s$X, s$y)
#' @export
explain_epoch <- function(params, X, y, lr = NULL, activation, output_activation, loss, decay = 0, exact = FALSE) {
  if (is.list(params) && is.list(params$settings) && !is.null(params$params)) {
    # a result of train(): its next epoch, with its own settings
    s <- params$settings
    if (is.null(lr)) lr <- s$lr
    activation <- s$activation
    output_activation <- s$output_activation
    loss <- s$loss
    decay <- s$decay
    exact <- s$exact
    params <- params$params
  }
  step <- train_step(params, X, y, lr, activation, output_activation, loss, decay, exact)
  matrices <- step_matrices(step)
  for (name in names(matrices)) show_matrix(name, matrices[[name]])
  if (!is.null(step$loss)) cat(sprintf("loss: %.6g\n", step$loss))
  invisible(step)
}
formals(explain_epoch)[c("activation", "output_activation", "loss")] <-
  list(article_activation, article_activation, article_loss)

# The matrices in the order they are printed, by name; the article's 14
# names when it has them.
step_matrices <- function(step) {
  if (is.null(step$layers)) return(step)
  L <- length(step$layers)
  named <- function(values, prefix, l) stats::setNames(values, paste0(prefix, "_", l))
  forward <- unlist(lapply(seq_len(L), function(l) {
    c(named(list(step$z[[l]]), "z", l), named(list(step$a[[l + 1]]), "a", l))
  }), recursive = FALSE)
  backward <- unlist(lapply(rev(seq_len(L)), function(l) {
    c(named(list(step$err[[l]]), "err", l), named(step$slope[l], "slope", l), named(list(step$delta[[l]]), "delta", l))
  }), recursive = FALSE)
  update <- unlist(lapply(seq_len(L), function(l) {
    c(named(list(step$layers[[l]]$W), "W", l), named(list(step$layers[[l]]$b), "b", l))
  }), recursive = FALSE)
  c(forward, backward, update)
}

show_matrix <- function(name, m) {
  if (is.null(m)) {
    # a bias of a network without biases, or the slope of an output whose
    # error is already its delta
    why <- if (substr(name, 1, 1) == "b") "a network without biases" else "the error is already the delta"
    cat(sprintf("%s: none (%s)\n", name, why))
    return(invisible())
  }
  cat(sprintf("%s (%d x %d)\n", name, nrow(m), ncol(m)))
  for (i in seq_len(nrow(m))) cat(sprintf("%10.4f", m[i, ]), "\n", sep = "")
}
