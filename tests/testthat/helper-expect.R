# An nnscratch error whose message contains `pattern`, as written.
expect_nn_error <- function(expr, pattern) {
  expect_error(expr, pattern, class = "nnscratch_error", fixed = TRUE)
}

# Run `code` with the package's function `name` replaced by `value`, and put
# the original back afterwards (testthat's local_mocked_bindings() needs
# testthat 3.1.7, newer than Debian 12's).
with_replaced <- function(name, value, code) {
  ns <- asNamespace("nnscratch")
  original <- get(name, envir = ns)
  locked <- bindingIsLocked(name, ns)
  if (locked) unlockBinding(name, ns)
  assign(name, value, envir = ns)
  on.exit({
    assign(name, original, envir = ns)
    if (locked) lockBinding(name, ns)
  })
  code
}

# Run `expr` without the convergence warnings of a run that is short on
# purpose; other warnings still show.
quietly <- function(expr) {
  withCallingHandlers(expr, nnscratch_convergence = function(w) invokeRestart("muffleWarning"))
}

# mlp() with the article's settings, written out here apart from the
# parameter table: 3 sigmoid units and a sigmoid output, half the summed
# squared error, full-batch gradient descent at lr 0.1 for 5000 epochs on
# unscaled inputs, the article's initial weights, no decay and no early stop.
article_mlp <- function(X, y = NULL, ...) {
  settings <- list(
    hidden = 3, activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", reduction = "sum",
    decay = 0, optimizer = "sgd", lr = 0.1, epochs = 5000, batch_size = NULL, scale = "none", tol = 0,
    n_iter_no_change = NULL, scheme = "article_r"
  )
  given <- list(...)
  settings[names(given)] <- given
  if (is.null(y)) return(do.call(mlp, c(list(X), settings)))
  do.call(mlp, c(list(X, y), settings))
}
