# Steps 1-11 repeated for a number of epochs. Twin of
# python/src/nnscratch/train.py.

#' Train the network by gradient descent
#'
#' Repeats [train_step()] for `epochs` epochs and keeps the loss of each, by
#' default the article's `E = 0.5 * sum((y - output)^2)`, computed from that
#' epoch's forward pass (before its update). By default each epoch is one step on all the
#' samples (full batch), as in the article.
#'
#' @section Mini-batches and stochastic gradient descent:
#' With `batch_size` below the number of samples n, each epoch visits the
#' samples in a new random order, `sample.int(n)`, and takes one step per
#' `batch_size` consecutive samples of that order (the last batch holds what
#' is left); each step starts from the weights the previous one left.
#' `batch_size = 1` is stochastic gradient descent, the article's "SGD".
#' The random order comes from `set.seed(seed)`, made once when training
#' starts; your own random stream is left as it was. Python's `train()`
#' draws the same orders with `RRandom(seed).sample(n)`, so both languages
#' visit the samples in the same order. With `seed = NULL` the order comes
#' from the current random stream (R) or a fresh seed (Python).
#'
#' The loss of an epoch is then the sum over its batches of `0.5 *
#' sum((y - output)^2)`, each computed before that batch's step; and a
#' traced epoch keeps the intermediates of its last batch's step. With the
#' full batch (the default), nothing is shuffled and no random number is
#' drawn.
#'
#' @section Layout:
#' Rows are samples everywhere in the package. The article's second part
#' holds samples in columns, `X` p x n and `y` o x n; `layout = "columns"`
#' takes that layout: `X` and a matrix `y` are transposed on the way in, and
#' nothing else changes (the weights, the loss and the trace are as with
#' rows).
#'
#' @section Printing:
#' `verbose = k` prints the article's line, `Error at epoch e is 0.xxxxx`,
#' every k epochs. As in the article, epochs are counted from 0 there, and
#' the error is the mean over all the elements of `(y - output)^2 / 2`,
#' that is the epoch's loss divided by the number of elements of `y`; the
#' gradient remains that of the sum. Python prints the same lines.
#'
#' @inheritParams train_step
#' @param epochs The number of epochs, a whole number from 1 to 2147483647
#'   (2^31 - 1). A run whose loss, data and traced epochs would not fit in
#'   the machine's memory is refused before anything is allocated.
#' @param trace_every Keep every intermediate of epoch 1, of every
#'   `trace_every`-th epoch and of the last epoch. `0`, the default, keeps
#'   none and costs nothing; a whole number up to 2147483647 (2^31 - 1), and
#'   one above `epochs` keeps the first and the last epoch.
#' @param trace_at Alternatively, a vector of the epochs to keep. It is
#'   combined with `trace_every`.
#' @param batch_size The number of samples per step, a whole number from 1
#'   to n; `NULL`, the default, is n (full batch). See the section
#'   Mini-batches.
#' @param seed The seed of the samples' order when `batch_size` < n: `NULL`
#'   or a whole number, as [set.seed()] takes.
#' @param layout `"rows"` (the default): one row per sample; `"columns"`:
#'   one column per sample, as in the article's second part.
#' @param verbose Print the article's error line every `verbose` epochs;
#'   `0`, the default, prints nothing. A whole number up to 2147483647.
#' @param activation,output_activation,loss,decay,exact As in
#'   [train_step()] and [forward()].
#' @param progress Show a text progress bar ([utils::txtProgressBar()]).
#' @return A list of class `nnscratch_fit` (printed in four lines, see
#'   [print_results]) with `params`, the trained weights, in the form `params`
#'   came in; `loss`, a vector of `epochs` losses; and `trace`, a list with
#'   one element per kept epoch, each the [train_step()] result of that epoch
#'   plus its `epoch`.
#' @examples
#' s <- load_scenario("article")
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000, trace_every = 1000)
#' fit$loss[c(1, 5000)]
#' sapply(fit$trace, `[[`, "epoch")
#' forward(fit$params, s$X)$output
#'
#' # The article's second part: samples in columns, its printout
#' p <- load_scenario("part2_toy")
#' fit <- train(p$init, t(p$X), t(p$y), lr = 0.01, epochs = 1000,
#'   layout = "columns", verbose = 100)
#'
#' # Stochastic gradient descent: one step per sample, in a random order
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 2000, batch_size = 1, seed = 1)
#' @export
train <- function(params, X, y, lr, epochs, trace_every = 0, trace_at = NULL,
                  batch_size = NULL, seed = NULL, layout = c("rows", "columns"),
                  verbose = 0, progress = FALSE, activation = "sigmoid",
                  output_activation = "sigmoid", loss = "half_sse", decay = 0,
                  exact = FALSE) {
  layout <- check_layout(layout)
  X <- as_numeric_matrix(X, "X")
  if (layout == "columns") {
    X <- t(X)
    if (is.matrix(y)) y <- t(y)
  }
  net <- check_problem(params, X, y, activation, output_activation, loss)
  y <- net$y
  lr <- check_lr(lr)
  epochs <- check_epochs(epochs)
  trace_every <- check_trace_every(trace_every)
  check_run_memory(nrow(X), ncol(X), hidden_sizes(net$layers), ncol(y), epochs, n_traced(epochs, trace_every, trace_at))
  keep <- trace_epochs(epochs, trace_every, trace_at)
  batch_size <- check_batch_size(batch_size, nrow(X))
  check_shuffle_seed(seed)
  verbose <- check_verbose(verbose)
  progress <- check_flag(progress, "progress")
  fit <- train_impl(
    net$layers, X, y, lr, epochs, keep, batch_size, seed, verbose, progress,
    net$activation, net$output_activation, net$loss, check_decay(decay), check_flag(exact, "exact")
  )
  if (net$article) {
    fit$params <- to_article(fit$params)
    fit$trace <- lapply(fit$trace, function(t) c(list(epoch = t$epoch), article_step(t)))
  }
  as_fit(fit)
}

# list(params = layers, loss, trace); every epoch runs the core's step.
# Traced and untraced epochs run the same train_step_layers(), so keeping an
# epoch never changes a number; an untraced step only drops the
# intermediates.
train_impl <- function(layers, X, y, lr, epochs, keep, batch_size = nrow(X),
                       seed = NULL, verbose = 0L, progress = FALSE,
                       activation = rep("sigmoid", length(layers) - 1),
                       output_activation = "sigmoid", loss = "half_sse",
                       decay = 0, exact = FALSE) {
  n <- nrow(X)
  losses <- numeric(epochs)
  trace <- vector("list", length(keep))
  k <- 1L
  if (batch_size < n && !is.null(seed)) {
    # Shuffle from the seed without disturbing the user's random stream.
    old <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
    on.exit(
      if (is.null(old)) rm(".Random.seed", envir = globalenv())
      else assign(".Random.seed", old, globalenv())
    )
    set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
  }
  if (progress) {
    bar <- utils::txtProgressBar(max = epochs, style = 3)
    on.exit(close(bar), add = TRUE)
  }
  batches <- list(seq_len(n))
  for (epoch in seq_len(epochs)) {
    traced <- k <= length(keep) && keep[k] == epoch
    if (batch_size < n) {
      # The rows in a new random order, cut into batches of batch_size.
      order <- sample.int(n)
      batches <- split(order, (seq_len(n) - 1L) %/% batch_size)
    }
    for (j in seq_along(batches)) {
      rows <- batches[[j]]
      Xb <- if (batch_size < n) X[rows, , drop = FALSE] else X
      yb <- if (batch_size < n) y[rows, , drop = FALSE] else y
      step <- train_step_layers(layers, Xb, yb, lr, activation, output_activation, loss, decay, exact,
                                keep = traced && j == length(batches))
      losses[epoch] <- losses[epoch] + step$loss
      layers <- step$layers
    }
    # a traced epoch keeps its last batch's step
    if (traced) {
      trace[[k]] <- c(list(epoch = epoch), step)
      k <- k + 1L
    }
    if (verbose > 0L && (epoch - 1L) %% verbose == 0L) {
      cat(error_line(epoch - 1L, losses[epoch] / length(y)))
    }
    if (progress && (epoch %% max(1L, epochs %/% 100L) == 0L || epoch == epochs)) {
      utils::setTxtProgressBar(bar, epoch)
    }
  }
  # The last step's forward pass is the end of training: its output layer's
  # input tells whether the outputs are saturated.
  warn_convergence(
    convergence_problems(losses, step$z[[length(step$z)]], output_activation, batch_size >= n),
    verbose
  )
  list(params = layers, loss = losses, trace = trace)
}

# The article's line: epochs counted from 0, the mean of (y - output)^2 / 2.
error_line <- function(epoch, error) {
  sprintf("Error at epoch %d is %.5f\n", epoch, error)
}
