test_that("sigmoid matches its definition and saturates without NaN or warnings", {
  expect_equal(sigmoid(0), 0.5)
  expect_equal(sigmoid(log(3)), 0.75)
  x <- c(-1e300, -800, 800, 1e300)
  expect_no_warning(s <- sigmoid(x))
  expect_false(anyNA(s))
  expect_equal(s, c(0, 0, 1, 1))
})

test_that("derivatives_sigmoid takes the activation: a (1 - a) is the slope", {
  z <- c(-2, 0, 0.5, 3)
  slope <- (sigmoid(z + 1e-6) - sigmoid(z - 1e-6)) / 2e-6
  expect_equal(derivatives_sigmoid(sigmoid(z)), slope, tolerance = 1e-8)
  expect_equal(derivatives_sigmoid(0.5), 0.25)
})

test_that("epoch 1 of the article scenario matches scalar loops", {
  s <- load_scenario("article")
  step <- train_step(s$init, s$X, s$y, s$lr)
  ref <- reference_epoch(s$init, s$X, s$y, s$lr)
  for (name in names(ref)) {
    expect_equal(step[[name]], ref[[name]], tolerance = 1e-14, info = name)
  }
  expect_equal(step$E, s$y - ref$output, tolerance = 1e-14)
  expect_equal(step$slope_output_layer, ref$output * (1 - ref$output))
  expect_equal(step$slope_hidden_layer, ref$hiddenlayer_activations * (1 - ref$hiddenlayer_activations))
  expect_equal(step$Error_at_hidden_layer, step$d_output %*% t(s$init$wout))
})

test_that("train_step returns the 14 intermediates under the article's names", {
  s <- load_scenario("article")
  step <- train_step(s$init, s$X, s$y, s$lr)
  expect_setequal(names(step), c(
    "hidden_layer_input", "hiddenlayer_activations", "output_layer_input",
    "output", "E", "slope_output_layer", "slope_hidden_layer", "d_output",
    "Error_at_hidden_layer", "d_hiddenlayer", "wout", "bout", "wh", "bh"
  ))
  expect_equal(dim(step$bh), c(1L, 3L))
  expect_equal(dim(step$bout), c(1L, 1L))
})

test_that("the update is -lr times the numerical gradient of 1/2 sum (y - yhat)^2", {
  s <- load_scenario("article")
  lr <- 0.1
  step <- train_step(s$init, s$X, s$y, lr)
  g <- numeric_gradient(s$init, s$X, s$y)
  for (name in c("wh", "bh", "wout", "bout")) {
    update <- step[[name]] - s$init[[name]]
    rel <- max(abs(update - (-lr * g[[name]]))) / max(abs(update))
    expect_lt(rel, 1e-6)
  }
})

test_that("the gradient check holds for several outputs and without biases", {
  set.seed(1)
  X <- matrix(rnorm(20), 5, 4)
  y <- matrix(runif(10), 5, 2)
  params <- list(wh = matrix(rnorm(12), 4, 3), bh = NULL, wout = matrix(rnorm(6), 3, 2), bout = NULL)
  step <- train_step(params, X, y, lr = 0.5)
  g <- numeric_gradient(params, X, y)
  for (name in c("wh", "wout")) {
    update <- step[[name]] - params[[name]]
    expect_lt(max(abs(update + 0.5 * g[[name]])) / max(abs(update)), 1e-6)
  }
  expect_null(step$bh)
  expect_null(step$bout)
  ref <- reference_epoch(params, X, y, 0.5)
  expect_equal(step$output, ref$output, tolerance = 1e-14)
})

test_that("forward gives the outputs of train_step's forward pass", {
  s <- load_scenario("article")
  f <- forward(s$init, s$X)
  step <- train_step(s$init, s$X, s$y, s$lr)
  expect_identical(f$output, step$output)
  expect_identical(f$hidden_layer_input, step$hidden_layer_input)
})
