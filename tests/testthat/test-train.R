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
  fit <- quietly(train(s$init, s$X, s$y, s$lr, 3, trace_every = 1))
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

# Settings that cover every activation, output and loss, mini-batches,
# decay, weights, dropout and Adam, on 50 rows and layers of 8 and 5 units.
block_settings <- list(
  list(activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse"),
  list(activation = c("tanh", "relu"), output_activation = "softmax", loss = "log_loss"),
  list(activation = "relu", output_activation = "identity", loss = "half_mse", decay = 0.1),
  list(activation = "tanh", output_activation = "sigmoid", loss = "half_sse", batch_size = 20, seed = 3),
  list(activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", reduction = "mean", dropout = 0.2,
    seed = 4, optimizer = "adam")
)

blocks_problem <- function(s) {
  set.seed(7)
  X <- matrix(rnorm(150), 50, 3)
  y <- matrix(runif(100), 50, 2)
  if (s$output_activation == "softmax") y <- diag(2)[sample.int(2, 50, replace = TRUE), ]
  if (s$output_activation == "identity") y <- y * 4 - 2
  list(X = X, y = y, init = init_params(3, c(8, 5), 2, seed = 1))
}

fit_of <- function(s, d, ...) quietly(do.call(train, c(list(d$init, d$X, d$y, 0.01, 4), s, list(...))))

test_that("untraced epochs in blocks of rows agree with the whole step", {
  # Blocks of 64 values: the widest layer has 8 units, so 50 rows run in
  # blocks of 8 rows, the last one short. Untraced epochs add their sums
  # block by block, traced ones on the whole batch: the same numbers within
  # rounding.
  w <- seq(0.5, 2, length.out = 50)
  with_replaced("block_values", 64, {
    for (s in block_settings) {
      d <- blocks_problem(s)
      blocked <- fit_of(s, d, weights = w)
      whole <- fit_of(s, d, weights = w, trace_every = 1)
      expect_equal(blocked$loss, whole$loss, tolerance = 1e-12)
      expect_equal(blocked$params, whole$params, tolerance = 1e-12)
    }
  })
})

test_that("a batch of one block gives the bits of the whole step", {
  # 50 rows of at most 8 units fit in one block: an untraced epoch is then
  # the traced epoch's step, bit for bit.
  for (s in block_settings) {
    d <- blocks_problem(s)
    expect_identical(fit_of(s, d)[c("loss", "params")], fit_of(s, d, trace_every = 1)[c("loss", "params")])
  }
})

test_that("exact mode runs untraced epochs on the whole batch", {
  with_replaced("block_values", 64, {
    d <- blocks_problem(block_settings[[1]])
    plain <- fit_of(block_settings[[1]], d, exact = TRUE)
    traced <- fit_of(block_settings[[1]], d, exact = TRUE, trace_every = 1)
    expect_identical(plain[c("loss", "params")], traced[c("loss", "params")])
  })
})

test_that("the sigmoid's one-pass form gives the bits of 1 / (1 + exp(-x))", {
  set.seed(1)
  x <- c(rnorm(1e5, sd = 5), rnorm(1e4, sd = 300), -745:745, 0, 1e300, -1e300, Inf, -Inf, 709.79, -709.79)
  expect_identical(nnscratch:::sigmoid_f(x), 1 / (1 + exp(-x)))
  expect_identical(nnscratch:::sigmoid_f(x, exact = TRUE), 1 / (1 + exp(-x)))
})

test_that("train()'s defaults are the article's settings", {
  article <- list(
    trace_every = 0, trace_at = NULL, batch_size = NULL, seed = NULL, layout = "rows", verbose = 0, progress = FALSE,
    activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", decay = 0, exact = FALSE,
    reduction = "sum", optimizer = "sgd", momentum = 0.9, rho = 0.99, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8,
    schedule = "constant", power_t = 0.5, gamma = 0.99, tol = 0, n_iter_no_change = NULL, validation = 0,
    validation_data = NULL, early_stopping = FALSE, patience = 10, dropout = 0, weights = NULL,
    record_gradients = FALSE
  )
  defaults <- lapply(formals(train)[names(article)], eval)
  expect_identical(defaults, article)
  expect_null(formals(train)$lr)
  expect_null(formals(train)$epochs)
})

test_that("a fit records its settings, the rate of each epoch, its state and why it stopped", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, 0.1, 5000)
  expect_identical(fit$settings[c("lr", "epochs", "optimizer", "loss", "reduction", "activation", "batch_size")],
    list(lr = 0.1, epochs = 5000L, optimizer = "sgd", loss = "half_sse", reduction = "sum", activation = "sigmoid",
      batch_size = NULL))
  expect_identical(fit$history$lr, rep(0.1, 5000))
  expect_null(fit$history$validation_loss)
  expect_identical(fit$state$epoch, 5000L)
  expect_identical(fit$state$optimizer, list(t = 5000L))
  # the full batch draws nothing, so no random state is kept
  expect_null(fit$state$random)
  expect_identical(fit$stopped, "epochs")
})

test_that("a loss that stops improving stops training after n_iter_no_change more epochs", {
  # targets equal to the outputs of weights 0 (0.5): the loss is 0 and
  # cannot improve, so every epoch after the first counts
  X <- matrix(1, 4, 1)
  y <- matrix(0.5, 4, 1)
  layers <- list(list(W = matrix(0, 1, 2), b = matrix(0, 1, 2)), list(W = matrix(0, 2, 1), b = matrix(0, 1, 1)))
  fit <- quietly(train(layers, X, y, 0.1, 100, n_iter_no_change = 3, tol = 1e-4))
  # epoch 1 sets the best loss; epochs 2 to 5 do not improve: more than 3
  expect_identical(fit$stopped, "tol")
  expect_length(fit$loss, 5)
  expect_identical(fit$settings$epochs, 100L)
})

test_that("verbose prints the loss being trained, and the validation loss, for other losses", {
  s <- load_scenario("football")
  out <- capture.output(fit <- quietly(train(s$init, s$X, s$y, 0.1, 5, reduction = "mean", verbose = 2)))
  expect_identical(out, sprintf("Loss at epoch %d is %.6g", c(0, 2, 4), fit$loss[c(1, 3, 5)]))
  vd <- list(s$X[1:4, ], s$y[1:4, ])
  out <- capture.output(fit <- quietly(train(s$init, s$X, s$y, 0.1, 3, validation_data = vd, verbose = 1)))
  expect_identical(out, sprintf(
    "Loss at epoch %d is %.6g, validation loss %.6g", 0:2, fit$loss, fit$history$validation_loss
  ))
  # the validation loss is the summed loss of those rows under each epoch's new weights
  expect_equal(fit$history$validation_loss[3], 0.5 * sum((vd[[2]] - forward(fit$params, vd[[1]])$output)^2),
    tolerance = 1e-12)
})

test_that("with seed NULL a run draws from your random stream, and keeps the state it reached", {
  s <- load_scenario("football")
  set.seed(2)
  a <- quietly(train(s$init, s$X, s$y, 0.1, 3, batch_size = 5))
  after <- .Random.seed
  expect_identical(a$state$random, after)
  # the same draws as a seed that starts the stream there
  set.seed(2)
  b <- quietly(train(s$init, s$X, s$y, 0.1, 3, batch_size = 5))
  expect_identical(a$params, b$params)
  # and with a seed, your stream is left as it was
  set.seed(2)
  before <- .Random.seed
  quietly(train(s$init, s$X, s$y, 0.1, 3, batch_size = 5, seed = 1))
  expect_identical(.Random.seed, before)
})

test_that("going on takes the fit's settings; a setting given otherwise is refused", {
  s <- load_scenario("article")
  fit <- quietly(train(s$init, s$X, s$y, 0.1, 5, optimizer = "momentum"))
  more <- quietly(train(fit, s$X, s$y, epochs = 5))
  expect_identical(more$settings$optimizer, "momentum")
  expect_identical(more$settings$epochs, 10L)
  expect_length(more$loss, 10)
  expect_identical(more$history$lr, rep(0.1, 10))
  # lr may change
  slower <- quietly(train(fit, s$X, s$y, lr = 0.05, epochs = 2))
  expect_identical(slower$history$lr, c(rep(0.1, 5), 0.05, 0.05))
  expect_nn_error(
    train(fit, s$X, s$y, epochs = 5, optimizer = "adam"),
    "`optimizer` must be \"momentum\", as in the fit being continued, not \"adam\"."
  )
  expect_nn_error(train(fit, s$X, s$y), "`epochs` must be a whole number from 1 to 2147483647, not NULL.")
})
