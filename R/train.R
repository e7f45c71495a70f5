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
  # The epochs in `keep` run train_step_impl, which returns every
  # intermediate; the others run fast_epoch, the same operations in the same
  # order without the lists, so both give identical numbers.
  loss <- numeric(epochs)
  trace <- vector("list", length(keep))
  k <- 1L
  for (epoch in seq_len(epochs)) {
    if (k <= length(keep) && keep[k] == epoch) {
      step <- train_step_impl(params, X, y, lr)
      loss[epoch] <- 0.5 * sum(step$E^2)
      params <- step[param_names]
      trace[[k]] <- c(list(epoch = epoch), step)
      k <- k + 1L
    } else {
      step <- fast_epoch(params$wh, params$bh, params$wout, params$bout, X, y, lr)
      loss[epoch] <- step$loss
      params <- step$params
    }
  }
  list(params = params, loss = loss, trace = trace)
}

# train_step_impl's Steps 2-11, keeping only what the next step needs: fewer
# function calls and fewer n x h temporaries (R writes the result of
# arithmetic into an operand that no name refers to).
# Returns the next params and the epoch's loss, 0.5 * sum(E^2).
fast_epoch <- function(wh, bh, wout, bout, X, y, lr) {
  n <- nrow(X)
  # Steps 2-3: add_bias, then sigmoid's 1 / (1 + exp(-x)), in one
  # expression so that no name holds hidden_layer_input and each operation
  # writes into the previous one's result: for large n, a fresh n x h matrix
  # costs more than the arithmetic on it.
  hiddenlayer_activations <- if (is.null(bh)) {
    1 / (1 + exp(-(X %*% wh)))
  } else {
    1 / (1 + exp(-(X %*% wh + rep(bh, each = n))))
  }
  # Step 4
  output <- if (is.null(bout)) {
    1 / (1 + exp(-(hiddenlayer_activations %*% wout)))
  } else {
    1 / (1 + exp(-(hiddenlayer_activations %*% wout + rep(bout, each = n))))
  }
  # Step 5
  E <- y - output
  # Steps 6-7: derivatives_sigmoid, x * (1 - x), of the output layer
  d_output <- E * (output * (1 - output))
  # Steps 8-9, with derivatives_sigmoid of the hidden layer
  d_hiddenlayer <- tcrossprod(d_output, wout) *
    (hiddenlayer_activations * (1 - hiddenlayer_activations))
  # Steps 10-11; .colSums is colSums without its argument checks
  list(
    params = list(
      wh = wh + crossprod(X, d_hiddenlayer) * lr,
      bh = if (!is.null(bh)) bh + .colSums(d_hiddenlayer, n, ncol(d_hiddenlayer)) * lr,
      wout = wout + crossprod(hiddenlayer_activations, d_output) * lr,
      bout = if (!is.null(bout)) bout + .colSums(d_output, n, ncol(d_output)) * lr
    ),
    loss = 0.5 * sum(E^2)
  )
}
