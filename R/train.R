# Steps 1-11 repeated for a number of epochs. Twin of
# python/src/nnscratch/train.py.

#' Train the network by full-batch gradient descent
#'
#' Repeats [train_step()] for `epochs` epochs and keeps the loss of each,
#' `E = 0.5 * sum((y - output)^2)`, computed from that epoch's forward pass
#' (before its update).
#'
#' @inheritParams train_step
#' @param epochs The number of epochs, a positive whole number.
#' @param trace_every Keep every intermediate of epoch 1, of every
#'   `trace_every`-th epoch and of the last epoch. `0`, the default, keeps
#'   none and costs nothing.
#' @param trace_at Alternatively, a vector of the epochs to keep. It is
#'   combined with `trace_every`.
#' @return A list with `params`, the trained weights; `loss`, a vector of
#'   `epochs` losses; and `trace`, a list with one element per kept epoch,
#'   each the [train_step()] result of that epoch plus its `epoch`.
#' @examples
#' s <- load_scenario("article")
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000, trace_every = 1000)
#' fit$loss[c(1, 5000)]
#' sapply(fit$trace, `[[`, "epoch")
#' forward(fit$params, s$X)$output
#' @export
train <- function(params, X, y, lr, epochs, trace_every = 0, trace_at = NULL) {
  X <- as_numeric_matrix(X, "X")
  y <- check_y(y, X)
  params <- check_params(params, ncol(X), ncol(y))
  lr <- check_lr(lr)
  epochs <- check_epochs(epochs)
  keep <- trace_epochs(epochs, check_trace_every(trace_every), trace_at)
  train_impl(params, X, y, lr, epochs, keep)
}

# The sorted epochs to keep: 1, every k-th and the last when k > 0, plus `at`.
trace_epochs <- function(epochs, every, at) {
  if (!is.null(at) && (!is.numeric(at) || anyNA(at) || any(at != round(at)) ||
    any(at < 1) || any(at > epochs))) {
    abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs)
  }
  keep <- as.integer(at)
  if (every > 0) {
    keep <- c(keep, 1L, seq.int(every, epochs, by = every), epochs)
  }
  sort(unique(keep))
}

train_impl <- function(params, X, y, lr, epochs, keep) {
  loss <- numeric(epochs)
  trace <- vector("list", length(keep))
  k <- 1L
  for (epoch in seq_len(epochs)) {
    step <- train_step_impl(params, X, y, lr)
    loss[epoch] <- 0.5 * sum(step$E^2)
    params <- step[param_names]
    if (k <= length(keep) && keep[k] == epoch) {
      trace[[k]] <- c(list(epoch = epoch), step)
      k <- k + 1L
    }
  }
  list(params = params, loss = loss, trace = trace)
}
