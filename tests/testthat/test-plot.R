# Plots of a fitted network. Twin of python/tests/test_plot.py.

test_that("the loss curve and the decision boundary draw to a file", {
  s <- load_scenario("blobs")
  fit <- mlp(s$X, s$y, hidden = 3, lr = 0.05, epochs = 50, bias = FALSE, init = s$init)
  path <- tempfile(fileext = ".png")
  grDevices::png(path)
  expect_identical(plot(fit), fit)
  expect_identical(plot_decision_boundary(fit, s$X, s$y, grid = 20), fit)
  grDevices::dev.off()
  expect_gt(file.size(path), 0)
})

test_that("a decision boundary needs two inputs and a fitted model", {
  s <- load_scenario("article")
  fit <- mlp(s$X, s$y, init = s$init, epochs = 5)
  expect_error(plot_decision_boundary(fit, s$X, s$y),
    "`X` and `model` must have two inputs, not 4 and 4.", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_decision_boundary(list(), s$X, s$y),
    "`model` must be a fitted network from mlp(), not a list of length 0.", fixed = TRUE, class = "nnscratch_error")
})

test_that("plot_decision_boundary takes the labels mlp() took, and names a label it does not know", {
  set.seed(1)
  X <- matrix(runif(40), 20)
  y <- ifelse(X[, 1] > 0.5, "a", "b")
  fit <- mlp(X, y, hidden = 3, epochs = 200, seed = 1)
  path <- tempfile(fileext = ".png")
  grDevices::png(path)
  expect_identical(plot_decision_boundary(fit, X, y), fit)
  grDevices::dev.off()
  expect_gt(file.size(path), 0)
  expect_error(plot_decision_boundary(fit, X, replace(y, 2, "c")),
    "`y` must hold the model's classes (a, b), not \"c\".", fixed = TRUE, class = "nnscratch_error")
})
