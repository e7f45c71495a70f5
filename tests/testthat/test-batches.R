# Mini-batches and SGD in train(). Twin of python/tests/test_batches.py.

test_that("SGD on 3 samples is a hand loop of train_step() in the shuffled order", {
  s <- load_scenario("article")
  fit <- quietly(train(s$init, s$X, s$y, lr = 0.1, epochs = 4, batch_size = 1, seed = 3))
  # each epoch's order is the order of 3 uniform draws
  set.seed(3)
  params <- s$init
  loss <- numeric(4)
  for (epoch in 1:4) {
    for (i in order(runif(3))) {
      step <- train_step(params, s$X[i, , drop = FALSE], s$y[i, , drop = FALSE], lr = 0.1)
      loss[epoch] <- loss[epoch] + 0.5 * sum(step$E^2)
      params <- step[c("wh", "bh", "wout", "bout")]
    }
  }
  expect_identical(fit$params, params)
  expect_identical(fit$loss, loss)
})

test_that("a mini-batch epoch steps on consecutive slices of the order; the trace keeps the last", {
  s <- load_scenario("football")
  fit <- quietly(train(s$init, s$X, s$y, lr = 0.2, epochs = 2, batch_size = 4, seed = 9, trace_at = 2))
  set.seed(9)
  params <- s$init
  for (epoch in 1:2) {
    order <- order(runif(15))
    for (rows in list(order[1:4], order[5:8], order[9:12], order[13:15])) {
      step <- train_step(params, s$X[rows, , drop = FALSE], s$y[rows, , drop = FALSE], lr = 0.2)
      params <- step[c("wh", "bh", "wout", "bout")]
    }
  }
  expect_identical(fit$params, params)
  expect_identical(fit$trace[[1]]$E, step$E)
  expect_identical(nrow(fit$trace[[1]]$E), 3L)
})

test_that("the full batch neither shuffles nor draws", {
  s <- load_scenario("article")
  set.seed(1)
  before <- .Random.seed
  expect_identical(
    quietly(train(s$init, s$X, s$y, 0.1, 50, batch_size = 3))$params,
    quietly(train(s$init, s$X, s$y, 0.1, 50))$params
  )
  expect_identical(.Random.seed, before)
})

test_that("a seed gives the same run and leaves the user's random stream alone", {
  s <- load_scenario("article")
  set.seed(1)
  before <- .Random.seed
  a <- quietly(train(s$init, s$X, s$y, 0.1, 20, batch_size = 1, seed = 5))
  expect_identical(.Random.seed, before)
  expect_identical(a, quietly(train(s$init, s$X, s$y, 0.1, 20, batch_size = 1, seed = 5)))
  expect_false(identical(a$params, quietly(train(s$init, s$X, s$y, 0.1, 20, batch_size = 1, seed = 6))$params))
})

test_that("SGD learns the article's data", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, lr = 0.5, epochs = 3000, batch_size = 1, seed = 1)
  out <- forward(fit$params, s$X)$output
  expect_equal(as.integer(out > 0.5), c(1L, 1L, 0L))
  # No skill: output the mean target for every sample.
  expect_lt(fit$loss[3000], 0.5 * sum((s$y - mean(s$y))^2) / 10)
})

test_that("a batch size outside 1..n or a bad seed is an error", {
  s <- load_scenario("article")
  msg <- "`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not"
  for (bad in list(0, 4, 1.5, "2", NA)) {
    expect_error(train(s$init, s$X, s$y, 0.1, 10, batch_size = bad), msg, fixed = TRUE, class = "nnscratch_error")
  }
  expect_error(
    train(s$init, s$X, s$y, 0.1, 10, batch_size = 1, seed = 1.5),
    "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 1.5.",
    fixed = TRUE, class = "nnscratch_error"
  )
})
