test_that("5000 epochs on the article's data bring every output within 0.1 of its target", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, s$lr, s$epochs)
  out <- forward(fit$params, s$X)$output
  expect_true(all(abs(out - s$y) < 0.1))
  expect_length(fit$loss, 5000)
  # it learned: far below the loss of always answering the mean target
  expect_lt(fit$loss[5000], 0.5 * sum((s$y - mean(s$y))^2) / 10)
})

test_that("the package's run equals the fixed article script's run, from the same weights", {
  script <- system.file("scripts", "article_fixed.R", package = "nnscratch")
  env <- new.env()
  capture.output(sys.source(script, envir = env))
  s <- load_scenario("article")
  # The script draws its weights after set.seed(42), as the scenario records.
  expect_equal(s$seed, 42L)
  expect_equal(s$scheme, "article_r")
  fit <- train(s$init, s$X, s$y, s$lr, s$epochs, trace_at = s$epochs)
  last <- fit$trace[[1]]
  expect_equal(last$output, env$output, tolerance = 1e-12)
  expect_equal(fit$params$wh, env$wh, tolerance = 1e-12)
  expect_equal(fit$params$wout, env$wout, tolerance = 1e-12)
  # The fixed script keeps one copy of the biases per sample; all rows agree.
  expect_equal(fit$params$bh[rep(1, 3), ], env$bh, tolerance = 1e-12)
  expect_equal(fit$params$bout[rep(1, 3), , drop = FALSE], env$bout, tolerance = 1e-12)
})

test_that("the published article script ends with 3 output biases for 1 output neuron", {
  script <- system.file("scripts", "article_published.R", package = "nnscratch")
  env <- new.env()
  capture.output(sys.source(script, envir = env))
  expect_equal(env$output_neurons, 1)
  expect_equal(dim(env$bout), c(3L, 1L))
  expect_length(unique(as.vector(env$bout)), 3)
  # and each row of bh holds a different set of hidden biases
  expect_equal(nrow(unique(env$bh)), 3)
})

test_that("the loss is 1/2 sum (y - output)^2 of each epoch's forward pass", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, s$lr, 3, trace_every = 1)
  for (t in fit$trace) {
    expect_equal(fit$loss[t$epoch], 0.5 * sum((s$y - t$output)^2))
  }
  expect_equal(fit$loss[1], 0.5 * sum((s$y - forward(s$init, s$X)$output)^2))
})

test_that("the trace keeps epoch 1, every k-th epoch and the last", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, s$lr, 250, trace_every = 100)
  expect_equal(vapply(fit$trace, `[[`, 1L, "epoch"), c(1L, 100L, 200L, 250L))
  off <- train(s$init, s$X, s$y, s$lr, 250)
  expect_length(off$trace, 0)
  expect_identical(off$params, fit$params)
  at <- train(s$init, s$X, s$y, s$lr, 250, trace_at = c(3, 7))
  expect_equal(vapply(at$trace, `[[`, 1L, "epoch"), c(3L, 7L))
  # each traced step is the epoch's own: its weights are those after the update
  step1 <- train_step(s$init, s$X, s$y, s$lr)
  expect_identical(fit$trace[[1]]$wh, step1$wh)
})

test_that("untraced epochs in row blocks give the bits of traced epochs", {
  # Blocks of 64 values: layers of 8 and 5 units on 50 rows run in blocks of
  # 8 and 12 rows, the last one short. Untraced epochs drop the
  # intermediates, traced ones keep them. Both must give the same bits, for
  # every activation, output, loss, mini-batches and decay.
  old <- nnscratch:::block_values
  assignInNamespace("block_values", 64, "nnscratch")
  on.exit(assignInNamespace("block_values", old, "nnscratch"))
  set.seed(7)
  X <- matrix(rnorm(150), 50, 3)
  y01 <- matrix(runif(100), 50, 2)
  onehot <- diag(2)[sample(2, 50, replace = TRUE), ]
  settings <- list(
    list(activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", y = y01),
    list(activation = c("tanh", "relu"), output_activation = "softmax", loss = "log_loss", y = onehot),
    list(activation = "relu", output_activation = "identity", loss = "half_mse", y = y01 * 4 - 2, decay = 0.1),
    list(activation = "tanh", output_activation = "sigmoid", loss = "half_sse", y = y01, batch_size = 20, seed = 3)
  )
  for (s in settings) {
    init <- init_params(3, c(8, 5), 2, seed = 1)
    y <- s$y
    s$y <- NULL
    plain <- do.call(train, c(list(init, X, y, 0.01, 4), s))
    traced <- do.call(train, c(list(init, X, y, 0.01, 4, trace_every = 1), s))
    expect_identical(plain$loss, traced$loss)
    expect_identical(plain$params, traced$params)
    # and the blocks give the whole matrices' numbers: epoch 1's z of a layer
    # run in blocks equals X %*% W + b computed at once
    if (is.null(s$batch_size)) {
      expect_equal(traced$trace[[1]]$z[[1]], X %*% init[[1]]$W + rep(init[[1]]$b, each = 50), tolerance = 1e-13)
    }
  }
})

test_that("the sigmoid's one-pass form gives the bits of 1 / (1 + exp(-x))", {
  set.seed(1)
  x <- c(rnorm(1e5, sd = 5), rnorm(1e4, sd = 300), -745:745, 0, 1e300, -1e300, Inf, -Inf, 709.79, -709.79)
  expect_identical(nnscratch:::sigmoid_f(x), 1 / (1 + exp(-x)))
  expect_identical(nnscratch:::sigmoid_f(x, exact = TRUE), 1 / (1 + exp(-x)))
})
