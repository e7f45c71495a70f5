# The layered core: deeper networks, every activation, output and loss,
# against independent computations. Twin of python/tests/test_layers.py.

X <- local({
  set.seed(7)
  matrix(rnorm(18), 6, 3)
})

targets <- function(output_activation, o, seed) {
  set.seed(seed)
  if (output_activation == "softmax") return(diag(o)[sample.int(o, nrow(X), replace = TRUE), ])
  if (output_activation == "identity") return(matrix(rnorm(nrow(X) * o), nrow(X), o))
  matrix(sample(0:1, nrow(X) * o, replace = TRUE) + 0, nrow(X), o)
}

# Small random layers, scaled so that no unit saturates.
network <- function(hidden, o, bias = TRUE, scale = 0.5, seed = 3) {
  set.seed(seed)
  sizes <- c(ncol(X), hidden, o)
  lapply(seq_len(length(sizes) - 1), function(l) {
    list(
      W = scale * matrix(rnorm(sizes[l] * sizes[l + 1]), sizes[l], sizes[l + 1]),
      b = if (bias) scale * matrix(rnorm(sizes[l + 1]), 1)
    )
  })
}

combinations <- subset(
  expand.grid(
    depth = 1:3, act = c("sigmoid", "tanh", "relu", "identity"), out = c("sigmoid", "softmax", "identity"),
    loss = c("half_sse", "half_mse", "log_loss"), stringsAsFactors = FALSE
  ),
  # an identity hidden layer is a linear map: one or two of them suffice
  !(loss == "log_loss" & out == "identity") & !(act == "identity" & depth == 3)
)

test_that("one step matches scalar loops of the textbook equations, for every combination", {
  for (r in seq_len(nrow(combinations))) {
    cb <- combinations[r, ]
    o <- if (cb$out == "softmax") 3 else 2
    y <- targets(cb$out, o, cb$depth)
    layers <- network(c(4, 3, 2)[seq_len(cb$depth)], o)
    step <- train_step(layers, X, y, 0.05, cb$act, cb$out, cb$loss, decay = 0.01)
    ref <- reference_layers_step(layers, X, y, 0.05, rep(cb$act, cb$depth), cb$out, cb$loss, decay = 0.01)
    label <- paste(cb, collapse = " ")
    expect_equal(step$loss, ref$loss, tolerance = 1e-12, label = label)
    for (k in seq_len(cb$depth + 1)) {
      expect_equal(step$z[[k]], ref$z[[k]], tolerance = 1e-12, label = label)
      expect_equal(step$a[[k + 1]], ref$a[[k + 1]], tolerance = 1e-12, label = label)
      expect_equal(step$delta[[k]], ref$delta[[k]], tolerance = 1e-10, label = label)
      expect_equal(step$layers[[k]], ref$layers[[k]], tolerance = 1e-12, label = label)
    }
  }
})

test_that("one step with weights and the mean reduction matches the scalar loops", {
  w <- c(2, 0.5, 1, 0, 3, 1)
  for (r in which(combinations$depth == 2 & combinations$act == "tanh")) {
    cb <- combinations[r, ]
    o <- if (cb$out == "softmax") 3 else 2
    y <- targets(cb$out, o, 5)
    layers <- network(c(4, 3), o)
    for (reduction in c("sum", "mean")) {
      s <- list(activation = rep("tanh", 2), output_activation = cb$out, loss = cb$loss, reduction = reduction,
        decay = 0.01, exact = FALSE, optimizer = "sgd")
      step <- nnscratch:::train_step_layers(layers, X, y, 0.05, s, w = w)
      ref <- reference_layers_step(layers, X, y, 0.05, rep("tanh", 2), cb$out, cb$loss, decay = 0.01,
        reduction = reduction, weights = w)
      label <- paste(c(cb, reduction), collapse = " ")
      expect_equal(step$loss, ref$loss, tolerance = 1e-12, label = label)
      for (k in 1:3) {
        expect_equal(step$delta[[k]], ref$delta[[k]], tolerance = 1e-10, label = label)
        expect_equal(step$layers[[k]], ref$layers[[k]], tolerance = 1e-12, label = label)
      }
    }
  }
})

# The targets, layers and settings of a step on X for one row of
# `combinations`, with decay.
block_problem <- function(cb, reduction) {
  o <- if (cb$out == "softmax") 3 else 2
  list(
    y = targets(cb$out, o, cb$depth), layers = network(c(4, 3, 2)[seq_len(cb$depth)], o),
    s = list(activation = rep(cb$act, cb$depth), output_activation = cb$out, loss = cb$loss, reduction = reduction,
      decay = 0.01, exact = FALSE, optimizer = "sgd")
  )
}

test_that("a step in blocks of rows adds up to the whole step, for every combination", {
  # Rows 1-4 and 5-6, weighted, with decay and the mean reduction: the
  # blocks' losses and directions add up to the whole batch's, so the
  # updated layers agree within rounding; only the output layer's z is kept.
  w <- c(2, 0.5, 1, 0, 3, 1)
  for (r in seq_len(nrow(combinations))) {
    cb <- combinations[r, ]
    p <- block_problem(cb, "mean")
    whole <- nnscratch:::train_step_layers(p$layers, X, p$y, 0.05, p$s, w = w)
    blocked <- nnscratch:::train_step_layers(p$layers, X, p$y, 0.05, p$s, w = w, blocks = list(1:4, 5:6))
    label <- paste(cb, collapse = " ")
    expect_equal(blocked$loss, whole$loss, tolerance = 1e-12, label = label)
    expect_equal(blocked$z[[cb$depth + 1]], whole$z[[cb$depth + 1]], tolerance = 1e-12, label = label)
    expect_true(all(vapply(blocked$z[seq_len(cb$depth)], is.null, logical(1))) && is.null(blocked$a), label = label)
    expect_equal(blocked$layers, whole$layers, tolerance = 1e-12, label = label)
  }
})

test_that("one block gives the bits of the whole step, for every combination", {
  for (r in seq_len(nrow(combinations))) {
    cb <- combinations[r, ]
    p <- block_problem(cb, "sum")
    whole <- nnscratch:::train_step_layers(p$layers, X, p$y, 0.05, p$s)
    blocked <- nnscratch:::train_step_layers(p$layers, X, p$y, 0.05, p$s, blocks = list(1:6))
    expect_identical(blocked$loss, whole$loss, label = paste(cb, collapse = " "))
    expect_identical(blocked$layers, whole$layers, label = paste(cb, collapse = " "))
  }
})

test_that("row blocks cut the rows by the widest layer", {
  layers <- network(c(8, 3), 2)
  with_replaced("block_values", 40, {
    # 40 values of the widest layer (8 units) are 5 rows
    expect_identical(nnscratch:::row_blocks(5, layers), list())
    expect_identical(nnscratch:::row_blocks(12, layers), list(1:5, 6:10, 11:12))
  })
})

test_that("check_gradients passes for every combination", {
  for (r in seq_len(nrow(combinations))) {
    cb <- combinations[r, ]
    o <- if (cb$out == "softmax") 3 else 2
    y <- targets(cb$out, o, 10 + cb$depth)
    layers <- network(c(4, 3, 2)[seq_len(cb$depth)], o)
    for (decay in c(0, 0.1)) {
      expect_lt(check_gradients(layers, X, y, cb$act, cb$out, cb$loss, decay), 1e-4)
    }
    if (cb$depth == 1) {
      expect_lt(check_gradients(layers, X, y, cb$act, cb$out, cb$loss, 0.1, reduction = "mean", weights = 1:6), 1e-4)
    }
  }
})

test_that("check_gradients catches a broken derivative", {
  layers <- network(c(4, 3), 2)
  y <- targets("sigmoid", 2, 1)
  expect_lt(check_gradients(layers, X, y, "tanh"), 1e-5)
  # tanh'(z) is 1 - tanh(z)^2; 1 - tanh(z) is a plausible slip
  registry <- nnscratch:::activations
  broken <- function(name, a) if (name == "tanh") 1 - a else registry[[name]]$slope(a)
  with_replaced("activation_slope", broken, {
    expect_gt(check_gradients(layers, X, y, "tanh"), 1e-2)
  })
  expect_lt(check_gradients(layers, X, y, "tanh"), 1e-5)
})

test_that("the article view gives the bits of the article's R script, biases fixed", {
  s <- load_scenario("article")
  wh <- s$init$wh
  bh <- s$init$bh
  wout <- s$init$wout
  bout <- s$init$bout
  lr <- s$lr
  sig <- function(x) 1 / (1 + exp(-x))
  hidden_layer_input <- s$X %*% wh + matrix(bh, nrow(s$X), ncol(wh), byrow = TRUE)
  hiddenlayer_activations <- sig(hidden_layer_input)
  output_layer_input <- hiddenlayer_activations %*% wout + matrix(bout, nrow(s$X), 1, byrow = TRUE)
  output <- sig(output_layer_input)
  E <- s$y - output
  d_output <- E * (output * (1 - output))
  Error_at_hidden_layer <- d_output %*% t(wout)
  d_hiddenlayer <- Error_at_hidden_layer * (hiddenlayer_activations * (1 - hiddenlayer_activations))
  expected <- list(
    hidden_layer_input = hidden_layer_input, hiddenlayer_activations = hiddenlayer_activations,
    output_layer_input = output_layer_input, output = output, E = E, d_output = d_output,
    Error_at_hidden_layer = Error_at_hidden_layer, d_hiddenlayer = d_hiddenlayer,
    wout = wout + t(hiddenlayer_activations) %*% d_output * lr,
    bout = bout + colSums(d_output) * lr,
    wh = wh + t(s$X) %*% d_hiddenlayer * lr,
    bh = bh + colSums(d_hiddenlayer) * lr
  )
  step <- train_step(s$init, s$X, s$y, lr)
  for (name in names(expected)) expect_identical(step[[name]], expected[[name]], label = name)
})

test_that("as_layers and as_article convert both ways", {
  s <- load_scenario("article")
  layers <- as_layers(s$init)
  expect_identical(lapply(layers, names), list(c("W", "b"), c("W", "b")))
  expect_identical(layers[[2]]$W, s$init$wout)
  expect_identical(as_article(layers), s$init[c("wh", "bh", "wout", "bout")])
  deep <- init_params(4, c(3, 2), 1, seed = 1)
  expect_error(
    as_article(deep),
    "must have one hidden layer (two layers) to be written as the article's params, not 3 layers",
    fixed = TRUE
  )
})

test_that("init_params draws each layer in turn", {
  deep <- init_params(2, c(3, 4), 2, seed = 5, scheme = "article_numpy")
  # numpy's uniform stream, cut in the order W1, b1, W2, b2, W3, b3
  u <- numpy_uniform(2 * 3 + 3 + 3 * 4 + 4 + 4 * 2 + 2, seed = 5)
  expect_identical(deep[[1]]$W, matrix(u[1:6], 2, 3, byrow = TRUE))
  expect_identical(deep[[2]]$b, matrix(u[22:25], 1, 4))
  expect_identical(deep[[3]]$W, matrix(u[26:33], 4, 2, byrow = TRUE))
  # the R scheme: rnorm for each W, runif for each b, in the same order
  set.seed(9)
  draws <- list(rnorm(6), runif(3), rnorm(12), runif(4))
  r <- init_params(2, c(3, 4), 2, seed = 9)
  expect_identical(r[[1]]$W, matrix(draws[[1]], 2, 3))
  expect_identical(r[[2]]$W, matrix(draws[[3]], 3, 4))
  expect_identical(names(init_params(2, 3, 2, seed = 5)), c("wh", "bh", "wout", "bout"))
})

test_that("a deep tanh softmax network learns the blobs", {
  s <- load_scenario("blobs")
  init <- init_params(2, c(8, 4), 3, seed = 2)
  fit <- train(init, s$X, s$y, 0.005, 1500, activation = "tanh", output_activation = "softmax", loss = "log_loss")
  a <- forward(fit$params, s$X, "tanh", "softmax")$a
  output <- a[[length(a)]]
  expect_equal(rowSums(output), rep(1, nrow(output)), tolerance = 1e-12)
  # no skill: the largest class, a third of the samples
  expect_gte(mean(max.col(output) == max.col(s$y)), 0.95)
  expect_lt(fit$loss[1500], 0.1 * fit$loss[1])
})

test_that("a relu network with an identity output fits targets outside [0, 1]", {
  set.seed(3)
  Xr <- matrix(runif(400, -1, 1), 200, 2)
  yr <- 3 * Xr[, 1, drop = FALSE] - 2 * Xr[, 2, drop = FALSE]^2 + 5
  init <- network(c(16, 8, 4), 1, seed = 4)
  init[[1]]$W <- init[[1]]$W[1:2, ]
  fit <- train(init, Xr, yr, 0.01, 3000, activation = "relu", output_activation = "identity", loss = "half_mse")
  a <- forward(fit$params, Xr, "relu", "identity")$a
  # no skill: predicting the mean
  expect_lt(mean((a[[length(a)]] - yr)^2), 0.05 * mean((yr - mean(yr))^2))
})

test_that("decay shrinks the weights and adds its penalty to the loss", {
  s <- load_scenario("article")
  plain <- train_step(s$init, s$X, s$y, 0.1)
  decayed <- train_step(as_layers(s$init), s$X, s$y, 0.1, decay = 0.5)
  expect_equal(decayed$layers[[1]]$W, plain$wh - 0.1 * 0.5 * s$init$wh, tolerance = 1e-14)
  # biases are not penalised
  expect_identical(decayed$layers[[1]]$b, plain$bh)
  penalty <- 0.25 * (sum(s$init$wh^2) + sum(s$init$wout^2))
  expect_equal(decayed$loss, 0.5 * sum(plain$E^2) + penalty, tolerance = 1e-14)
})

test_that("half_mse is half_sse over n and steps n times shorter", {
  s <- load_scenario("article")
  sse <- train_step(as_layers(s$init), s$X, s$y, 0.3)
  mse <- train_step(as_layers(s$init), s$X, s$y, 0.3 * 3, loss = "half_mse")
  expect_equal(mse$loss, sse$loss / 3, tolerance = 1e-14)
  expect_equal(mse$layers[[1]]$W, sse$layers[[1]]$W, tolerance = 1e-13)
})

test_that("softmax rows sum to one and do not overflow", {
  a <- forward(network(3, 3, scale = 400), X, "relu", "softmax")$a
  out <- a[[length(a)]]
  expect_true(all(is.finite(out)))
  expect_equal(rowSums(out), rep(1, nrow(out)), tolerance = 1e-15)
})

test_that("combinations that make no sense are refused", {
  layers <- network(3, 2)
  y2 <- targets("sigmoid", 2, 0)
  expect_nn_error(
    train_step(network(3, 1), X, y2[, 1, drop = FALSE], 0.1, output_activation = "softmax"),
    "`output_activation` \"softmax\" needs at least two outputs; `y` has 1 column."
  )
  expect_nn_error(
    train_step(layers, X, y2, 0.1, output_activation = "identity", loss = "log_loss"),
    "`loss` \"log_loss\" needs a \"sigmoid\" or \"softmax\" output, not \"identity\"."
  )
  expect_nn_error(
    train_step(layers, X, 0 * y2 + 2, 0.1),
    "`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 1, column 1."
  )
  expect_nn_error(
    train_step(layers, X, y2, 0.1, activation = "softmax"),
    "`activation` must be \"sigmoid\", \"tanh\", \"relu\" or \"identity\", or one of them per hidden layer (1), not \"softmax\"."
  )
  expect_nn_error(
    forward(layers, X, output_activation = "tanh"),
    "`output_activation` must be \"sigmoid\", \"softmax\" or \"identity\", not \"tanh\"."
  )
  expect_nn_error(train(layers, X, y2, 0.1, 1, loss = "mse"), "`loss` must be \"half_sse\", \"half_mse\" or \"log_loss\", not \"mse\".")
  expect_nn_error(train(layers, X, y2, 0.1, 1, decay = -1), "`decay` must be a number >= 0, not -1.")
  expect_nn_error(
    forward(list(layers[[1]], list(W = matrix(1, 2, 2), b = NULL)), X),
    "`W` of layer 2 must have 3 rows, one per neuron of layer 1, not 2."
  )
  expect_nn_error(
    forward(list(list(W = layers[[1]]$W, bias = NULL), layers[[2]]), X),
    "Layer 1 of `params` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has `W`, `bias`."
  )
})
