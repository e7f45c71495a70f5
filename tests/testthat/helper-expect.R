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
