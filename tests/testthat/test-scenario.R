test_that("the article scenario holds the article's data", {
  s <- load_scenario("article")
  expect_equal(s$X, matrix(c(1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1), 3, byrow = TRUE))
  expect_equal(s$y, matrix(c(1, 1, 0)))
  expect_equal(c(s$hidden, s$lr, s$epochs), c(3, 0.1, 5000))
  expect_true(s$bias)
})

test_that("article_nobias is the article without its biases", {
  s <- load_scenario("article_nobias")
  a <- load_scenario("article")
  expect_identical(s$X, a$X)
  expect_identical(s$y, a$y)
  expect_equal(c(s$hidden, s$lr, s$epochs), c(3, 0.1, 5000))
  expect_false(s$bias)
  expect_null(s$init$bh)
  expect_null(s$init$bout)
  # Without the runif draws between them, wh is the same first 12 normals
  # and wout the 3 that follow.
  set.seed(42)
  z <- rnorm(15)
  expect_identical(s$init$wh, matrix(z[1:12], 4, 3))
  expect_identical(s$init$wout, matrix(z[13:15], 3, 1))
})

test_that("part2_toy holds the article's second walk-through, samples in rows", {
  s <- load_scenario("part2_toy")
  expect_equal(s$X, matrix(c(1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1), 3, byrow = TRUE))
  expect_equal(s$y, matrix(c(1, 1, 0)))
  expect_equal(c(s$hidden, s$lr, s$epochs), c(3, 0.01, 1000))
  expect_false(s$bias)
  expect_identical(s$seed, 42L)
  expect_identical(s$scheme, "article_numpy")
  # The notebook's second draw: 15 uniforms after the walk-through's 15.
  expect_identical(s$skip, 15L)
  w <- load_scenario("part2_walkthrough")
  expect_identical(w[c("X", "y", "hidden", "lr", "bias", "seed", "scheme")], s[c("X", "y", "hidden", "lr", "bias", "seed", "scheme")])
  expect_identical(c(w$epochs, w$skip), c(1L, 0L))
})

test_that("moons and blobs are the stored data sets, normalised over both features together", {
  normalise <- function(X) {
    X <- X - min(X)
    X / max(X)
  }
  env <- new.env()
  utils::data("moons", "blobs", package = "nnscratch", envir = env)
  expect_equal(dim(env$moons), c(1000L, 3L))
  expect_equal(as.vector(table(env$moons$y)), c(500, 500))
  expect_equal(as.vector(table(env$blobs$class)), c(100, 100, 100))
  m <- load_scenario("moons")
  expect_identical(m$X, normalise(unname(as.matrix(env$moons[c("x1", "x2")]))))
  expect_identical(m$y, matrix(as.numeric(env$moons$y)))
  expect_equal(range(m$X), c(0, 1))
  expect_equal(c(m$hidden, m$lr, m$epochs, m$skip), c(10, 0.1, 10000, 30))
  expect_false(m$bias)
  b <- load_scenario("blobs")
  expect_identical(b$X, normalise(unname(as.matrix(env$blobs[c("x1", "x2")]))))
  expect_identical(max.col(b$y) - 1L, env$blobs$class)
  expect_equal(rowSums(b$y), rep(1, 300))
})

test_that("football holds the reader's data, each column scaled by its maximum", {
  s <- load_scenario("football")
  raw <- matrix(c(
    9, 2, 2, 6, 1, 11, 0, 2, 19, 8, 1, 12, 8, 2, 12, 7, 1, 16, 9, 2, 15,
    6, 1, 18, 23, 2, 4, 7, 1, 18, 13, 2, 16, 28, 1, 5, 42, 1, 1, 21, 2, 11,
    28, 1, 6
  ), ncol = 3, byrow = TRUE)
  expect_equal(s$X, raw / rep(c(42, 2, 19), each = 15), tolerance = 1e-15)
  expect_equal(dim(s$y), c(15L, 3L))
  expect_equal(rowSums(s$y), rep(1, 15))
  expect_equal(max.col(s$y), c(1, 3, 1, 1, 1, 1, 3, 1, 2, 1, 2, 1, 3, 2, 3))
})

test_that("football learns: every training sample in its class, far below the baseline", {
  s <- load_scenario("football")
  fit <- train(s$init, s$X, s$y, s$lr, s$epochs)
  out <- forward(fit$params, s$X)$output
  expect_equal(max.col(out), max.col(s$y))
  # No skill: output the class shares for every sample.
  baseline <- 0.5 * sum(sweep(s$y, 2, colMeans(s$y))^2)
  expect_lt(fit$loss[s$epochs], baseline / 10)
})

test_that("stored initial weights are exactly the draws from their seed", {
  env <- new.env()
  utils::data("scenario_settings", package = "nnscratch", envir = env)
  expect_setequal(
    env$scenario_settings$scenario,
    c(
      "article", "article_nobias", "part2_walkthrough", "part2_toy", "moons", "blobs", "football",
      "blobs_deep", "regression_relu", "football_decay", "blobs_adam", "football_nesterov", "football_momentum",
      "regression_rmsprop", "blobs_dropout", "blobs_early_stopping", "article_weights", "football_adaptive"
    )
  )
  for (name in env$scenario_settings$scenario) {
    s <- load_scenario(name)
    p <- ncol(s$X)
    h <- s$hidden
    o <- ncol(s$y)
    if (s$skip == 0) {
      redrawn <- init_params(p, h, o, seed = s$seed, scheme = s$scheme, bias = s$bias)
    } else {
      # The notebook's stream, continued: numpy fills arrays row by row.
      expect_identical(s$scheme, "article_numpy")
      u <- numpy_uniform(s$skip + p * h + h * o, s$seed)[-seq_len(s$skip)]
      redrawn <- list(
        wh = matrix(u[seq_len(p * h)], p, h, byrow = TRUE), bh = NULL,
        wout = matrix(u[-seq_len(p * h)], h, o, byrow = TRUE), bout = NULL
      )
    }
    expect_identical(s$init, redrawn, info = name)
  }
})

test_that("every scenario names its training settings, the article's for the older ones", {
  for (name in c("article", "article_nobias", "part2_walkthrough", "part2_toy", "moons", "blobs", "football")) {
    s <- load_scenario(name)
    expect_identical(s[c("activation", "output_activation", "loss", "decay")],
      list(activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", decay = 0),
      info = name
    )
  }
  d <- load_scenario("blobs_deep")
  expect_identical(d$hidden, c(8L, 4L))
  expect_identical(d[c("activation", "output_activation", "loss", "decay")],
    list(activation = "tanh", output_activation = "softmax", loss = "log_loss", decay = 0))
  expect_identical(d$X, load_scenario("blobs")$X)
  expect_identical(lengths(d$init), c(2L, 2L, 2L))
  expect_identical(lapply(d$init, function(l) dim(l$W)), list(c(2L, 8L), c(8L, 4L), c(4L, 3L)))
  r <- load_scenario("regression_relu")
  expect_identical(r$hidden, c(8L, 8L, 4L))
  expect_identical(r[c("activation", "output_activation", "loss")],
    list(activation = "relu", output_activation = "identity", loss = "half_mse"))
  f <- load_scenario("football_decay")
  fb <- load_scenario("football")
  expect_identical(f[c("X", "y", "init", "hidden", "lr", "epochs")], fb[c("X", "y", "init", "hidden", "lr", "epochs")])
  expect_identical(f$decay, 0.001)
})

test_that("the regression set is its formula: uniform inputs, sin(pi x1) + x2 x3 plus noise", {
  r <- load_scenario("regression_relu")
  expect_identical(dim(r$X), c(60L, 3L))
  expect_true(all(r$X >= -1 & r$X <= 1))
  noise <- r$y - (sin(pi * r$X[, 1]) + r$X[, 2] * r$X[, 3])
  # normal noise with sd 0.1: no value beyond 5 sd, and a sample sd near 0.1
  expect_true(all(abs(noise) < 0.5))
  expect_gt(sd(noise), 0.07)
  expect_lt(sd(noise), 0.13)
  # targets outside [0, 1], which only the identity output can reach
  expect_true(any(r$y < 0) && any(r$y > 1))
})

test_that("the deeper scenarios learn in their own settings", {
  d <- load_scenario("blobs_deep")
  fit <- train(d$init, d$X, d$y, d$lr, d$epochs,
    activation = d$activation, output_activation = d$output_activation, loss = d$loss)
  f <- forward(fit$params, d$X, d$activation, d$output_activation)
  expect_identical(max.col(f$a[[4]]), max.col(d$y))
  r <- load_scenario("regression_relu")
  fit <- train(r$init, r$X, r$y, r$lr, r$epochs,
    activation = r$activation, output_activation = r$output_activation, loss = r$loss)
  f <- forward(fit$params, r$X, r$activation, r$output_activation)
  # a quarter of the variance of y or less: better than predicting the mean
  expect_lt(mean((f$a[[5]] - r$y)^2), mean((r$y - mean(r$y))^2) / 4)
})

test_that("an unknown scenario is an error that lists the known ones", {
  expect_error(load_scenario("nope"), "`name` must be one of \"article\"", class = "nnscratch_error")
})

test_that("a scenario of other settings shares another's data and reads its settings of train()", {
  s <- load_scenario("blobs_dropout")
  d <- load_scenario("blobs_deep")
  expect_identical(s$data, "blobs_deep")
  expect_identical(s[c("X", "y", "init")], d[c("X", "y", "init")])
  expect_identical(s$train, list(
    optimizer = "momentum", reduction = "mean", batch_size = 32, dropout = c(0.2, 0.1), validation = 0.2, seed = 5
  ))
  expect_identical(load_scenario("blobs_early_stopping")$train$early_stopping, TRUE)
  expect_identical(load_scenario("article")$train, list())
  # each trains with them
  fit <- quietly(do.call(train, c(list(s$init, s$X, s$y, s$lr, 3, activation = s$activation,
    output_activation = s$output_activation, loss = s$loss), s$train)))
  expect_identical(fit$settings$optimizer, "momentum")
  expect_length(fit$state$validation, sum(floor(0.2 * colSums(s$y))))
})
