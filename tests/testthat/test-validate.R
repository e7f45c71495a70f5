s <- load_scenario("article")

expect_nn_error <- function(expr, pattern) {
  expect_error(expr, pattern, class = "nnscratch_error", fixed = TRUE)
}

test_that("non-numeric X or y is rejected by name", {
  expect_nn_error(train(s$init, matrix("a", 3, 4), s$y, 0.1, 10), "`X` must be a numeric matrix, not a 3 x 4 matrix of strings.")
  expect_nn_error(train(s$init, s$X, c("1", "1", "0"), 0.1, 10), "`y` must be a numeric matrix, not a text vector of length 3.")
  expect_nn_error(train(s$init, s$X > 0, s$y, 0.1, 10), "`X` must be a numeric matrix, not a 3 x 4 matrix of logical values.")
  expect_nn_error(train(s$init, NULL, s$y, 0.1, 10), "`X` must be a numeric matrix, not NULL.")
})

test_that("NA, NaN and Inf are rejected with their place", {
  for (bad in c(NA, NaN, Inf, -Inf)) {
    X <- s$X
    X[2, 3] <- bad
    expect_nn_error(train(s$init, X, s$y, 0.1, 10), "`X` must not contain NA, NaN or Inf; found")
    expect_nn_error(train(s$init, X, s$y, 0.1, 10), "at row 2, column 3.")
  }
  y <- s$y
  y[3, 1] <- NA
  expect_nn_error(train_step(s$init, s$X, y, 0.1), "`y` must not contain NA, NaN or Inf; found NA at row 3, column 1.")
})

test_that("0 rows and mismatched rows are rejected", {
  expect_nn_error(train(s$init, s$X[0, , drop = FALSE], s$y[0, , drop = FALSE], 0.1, 10), "`X` must have at least one row.")
  expect_nn_error(train(s$init, s$X, c(1, 0), 0.1, 10), "`y` must have as many rows as `X` (3), not 2.")
})

test_that("y outside [0, 1] is rejected", {
  expect_nn_error(train(s$init, s$X, c(1, 2, 0), 0.1, 10), "`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 2, column 1.")
  expect_nn_error(mlp(s$X, c(-0.5, 1, 0)), "`y` must lie in [0, 1]")
})

test_that("hidden, lr and epochs are checked", {
  expect_nn_error(mlp(s$X, s$y, hidden = 0), "`hidden` must be a whole number from 1 to 2147483647, not 0.")
  expect_nn_error(mlp(s$X, s$y, hidden = 2.5), "`hidden` must be a whole number from 1 to 2147483647, not 2.5.")
  expect_nn_error(mlp(s$X, s$y, hidden = NA), "`hidden` must be a whole number from 1 to 2147483647, not NA.")
  expect_nn_error(train(s$init, s$X, s$y, -1, 10), "`lr` must be a positive number, not -1.")
  expect_nn_error(train(s$init, s$X, s$y, 0, 10), "`lr` must be a positive number, not 0.")
  expect_nn_error(train(s$init, s$X, s$y, "0.1", 10), "`lr` must be a positive number, not \"0.1\".")
  expect_nn_error(train_step(s$init, s$X, s$y, NaN), "`lr` must be a positive number, not NaN.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 0), "`epochs` must be a whole number from 1 to 2147483647, not 0.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 2.5), "`epochs` must be a whole number from 1 to 2147483647, not 2.5.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, Inf), "`epochs` must be a whole number from 1 to 2147483647, not Inf.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 10, trace_every = -1), "`trace_every` must be a whole number from 0 to 2147483647, not -1.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 10, trace_at = 11), "`trace_at` must be whole numbers from 1 to `epochs` (10).")
})

test_that("initial weights of the wrong shape are rejected", {
  bad <- s$init
  bad$wh <- t(bad$wh)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`wh` in `params` must have 4 rows, one per column of `X`, not 3.")
  bad <- s$init
  bad$wout <- matrix(1, 2, 1)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`wout` in `params` must be a 3 x 1 matrix, not 2 x 1.")
  bad <- s$init
  bad$bh <- c(1, 2)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`bh` in `params` must be a 1 x 3 matrix, not 1 x 2.")
  bad <- s$init
  bad$bout <- NULL
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`params` must have both `bh` and `bout`, or neither.")
  expect_nn_error(train(list(), s$X, s$y, 0.1, 10), "`params` must be a list with matrices `wh` and `wout`")
  expect_nn_error(mlp(s$X, s$y, hidden = 2, init = s$init), "`wh` in `init` must have `hidden` (2) columns, not 3.")
  expect_nn_error(mlp(s$X, s$y, bias = FALSE, init = s$init), "`init` must not have biases, as `bias` is FALSE.")
})

test_that("a bias given as a plain vector is taken as one row", {
  init <- s$init
  init$bh <- as.vector(init$bh)
  expect_identical(train_step(init, s$X, s$y, 0.1), train_step(s$init, s$X, s$y, 0.1))
})

test_that("predict rejects new data with the wrong number of columns", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 10)
  expect_nn_error(predict(fit, s$X[, 1:3]), "`newdata` must have 4 columns, as the training data had, not 3.")
})

test_that("mlp checks seed before it draws or shuffles with it", {
  expect_nn_error(mlp(s$X, s$y, init = s$init, seed = 1.5, epochs = 2), "`seed` must be NULL or a whole number, not 1.5.")
  expect_nn_error(
    mlp(s$X, s$y, scheme = "article_numpy", seed = 3e9, batch_size = 1, epochs = 2),
    "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 3000000000."
  )
  # without mini-batches, numpy's wider seed range is fine
  expect_s3_class(mlp(s$X, s$y, scheme = "article_numpy", seed = 3e9, epochs = 2), "nnscratch_mlp")
})
