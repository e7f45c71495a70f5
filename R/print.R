# How results look at the prompt. Twin of python/src/nnscratch/printing.py.
#
# train() returns a list of class `nnscratch_fit` and load_scenario() one of
# class `nnscratch_scenario`: lists still, so `fit$params` and `s$X` work as
# before, but printing them shows a few lines instead of every matrix.
# Python's Fit and Scenario print the same text.

# Class the results; kept apart so that train() and load_scenario() only
# gain one call at their end.
as_fit <- function(result) structure(result, class = "nnscratch_fit")

as_scenario <- function(s) structure(s, class = "nnscratch_scenario")

# The neurons per layer, inputs first, and whether the network has biases;
# `params` is the article's list (wh, bh, wout, bout) or a list of layers.
layer_sizes <- function(params) {
  if (!is.null(params$wh)) {
    return(list(sizes = c(nrow(params$wh), ncol(params$wh), ncol(params$wout)), bias = !is.null(params$bh)))
  }
  list(
    sizes = c(nrow(params[[1]]$W), vapply(params, function(l) ncol(l$W), integer(1))),
    bias = any(!vapply(params, function(l) is.null(l$b), logical(1)))
  )
}

network <- function(sizes, bias) {
  sprintf("a %s network %s biases", paste(sizes, collapse = "-"), if (bias) "with" else "without")
}

# The kept epochs, at most six of them: the first three, "...", the last two.
epochs_shown <- function(epochs) {
  shown <- as.character(epochs)
  if (length(shown) > 6) shown <- c(shown[1:3], "...", utils::tail(shown, 2))
  paste(shown, collapse = ", ")
}

fit_text <- function(fit) {
  lines <- character()
  loss <- fit$loss
  if (!is.null(fit$params)) {
    l <- layer_sizes(fit$params)
    lines <- c(lines, sprintf("nnscratch fit: %s, trained for %d epochs", network(l$sizes, l$bias), length(loss)))
  }
  if (length(loss) > 0) {
    lines <- c(lines, sprintf("loss: %.6g at epoch 1, %.6g at epoch %d", loss[1], loss[length(loss)], length(loss)))
  }
  trace <- fit$trace
  lines <- c(lines, if (length(trace) > 0) {
    epochs <- vapply(trace, function(t) as.integer(t$epoch), integer(1))
    sprintf("trace: %d epochs kept (%s)", length(trace), epochs_shown(epochs))
  } else {
    "trace: no epoch kept"
  })
  c(lines, paste("fields:", paste(names(fit), collapse = ", ")))
}

scenario_text <- function(s) {
  l <- layer_sizes(s$init)
  c(
    sprintf("nnscratch scenario \"%s\": X is %d x %d, y is %d x %d", s$name, nrow(s$X), ncol(s$X), nrow(s$y), ncol(s$y)),
    sprintf("%s, lr = %s, %d epochs", network(l$sizes, l$bias), sprintf("%.15g", s$lr), s$epochs),
    sprintf("init drawn with seed %d by scheme \"%s\"", s$seed, s$scheme),
    paste("fields:", paste(names(s), collapse = ", "))
  )
}

#' Print a training result or a scenario
#'
#' [train()] and [load_scenario()] return lists of class `nnscratch_fit` and
#' `nnscratch_scenario`. They index as lists (`fit$params`, `s$X`); printing
#' shows a few lines rather than every matrix: the network, the loss of the
#' first and last epochs and the kept epochs, or the data's shapes and the
#' settings. Python prints the same text. `unclass(x)` shows everything.
#'
#' @param x The result of [train()] or [load_scenario()].
#' @param ... Not used.
#' @return `x`, invisibly.
#' @examples
#' s <- load_scenario("article")
#' s
#' train(s$init, s$X, s$y, lr = 0.1, epochs = 5000, trace_every = 1000)
#' @name print_results
#' @export
print.nnscratch_fit <- function(x, ...) {
  cat(fit_text(x), sep = "\n")
  invisible(x)
}

#' @rdname print_results
#' @export
print.nnscratch_scenario <- function(x, ...) {
  cat(scenario_text(x), sep = "\n")
  invisible(x)
}
