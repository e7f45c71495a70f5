# train() runs a fast loop without the intermediates; it must give what a
# loop of train_step() gives. Twin of python/tests/test_train_fast.py.

# (n, p, h, o, bias)
shapes <- list(
  c(3, 4, 3, 1, TRUE), c(3, 4, 3, 1, FALSE), c(40, 2, 10, 1, TRUE),
  c(17, 5, 4, 3, FALSE), c(25, 3, 6, 2, TRUE), c(500, 3, 300, 2, TRUE),
  # more rows than one block of fast_epoch holds (524288 %/% 300 = 1747)
  c(3000, 3, 300, 1, TRUE)
)

random_problem <- function(n, p, h, o, bias, seed) {
  set.seed(seed)
  X <- matrix(rnorm(n * p), n, p)
  y <- matrix(runif(n * o), n, o)
  params <- list(
    wh = matrix(rnorm(p * h), p, h), bh = if (bias) matrix(runif(h), 1, h),
    wout = matrix(rnorm(h * o), h, o), bout = if (bias) matrix(runif(o), 1, o)
  )
  list(params = params, X = X, y = y)
}

# The weights and losses of `epochs` calls of train_step, one after the other.
step_loop <- function(params, X, y, lr, epochs) {
  loss <- numeric(epochs)
  for (epoch in seq_len(epochs)) {
    step <- train_step(params, X, y, lr)
    loss[epoch] <- 0.5 * sum(step$E^2)
    params <- step[c("wh", "bh", "wout", "bout")]
  }
  list(params = params, loss = loss)
}

max_abs_diff <- function(a, b) {
  if (is.null(a) || is.null(b)) {
    expect_true(is.null(a) && is.null(b))
    return(0)
  }
  max(abs(a - b))
}

test_that("train() equals a loop of train_step() over 50 epochs", {
  for (shape in shapes) {
    pr <- random_problem(shape[1], shape[2], shape[3], shape[4], as.logical(shape[5]),
                         seed = sum(shape[1:4]))
    expected <- step_loop(pr$params, pr$X, pr$y, 0.5, 50)
    fit <- train(pr$params, pr$X, pr$y, 0.5, 50)
    for (name in c("wh", "bh", "wout", "bout")) {
      expect_lte(max_abs_diff(fit$params[[name]], expected$params[[name]]), 1e-12)
    }
    expect_lte(max_abs_diff(fit$loss, expected$loss), 1e-12)
    expect_identical(names(fit$params), c("wh", "bh", "wout", "bout"))
    # the weights moved: the comparison is not of two copies of the start
    expect_gt(max_abs_diff(fit$params$wh, pr$params$wh), 1e-6)
  }
})

test_that("traced epochs in between change nothing and keep their own weights", {
  pr <- random_problem(25, 3, 6, 2, TRUE, seed = 7)
  plain <- train(pr$params, pr$X, pr$y, 0.5, 50)
  traced <- train(pr$params, pr$X, pr$y, 0.5, 50, trace_at = c(1, 10, 11, 30))
  for (name in c("wh", "bh", "wout", "bout")) {
    expect_lte(max_abs_diff(traced$params[[name]], plain$params[[name]]), 1e-12)
  }
  expect_lte(max_abs_diff(traced$loss, plain$loss), 1e-12)
  at10 <- step_loop(pr$params, pr$X, pr$y, 0.5, 10)$params
  expect_lte(max_abs_diff(traced$trace[[2]]$wh, at10$wh), 1e-12)
  expect_lte(max_abs_diff(traced$trace[[2]]$bout, at10$bout), 1e-12)
})
