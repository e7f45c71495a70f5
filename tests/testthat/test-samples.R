# Weights, the validation split, dropout and continued training. Twin of
# python/tests/test_samples.py.

s <- load_scenario("article")
blobs <- load_scenario("blobs")

same_layers <- function(a, b) {
  isTRUE(all.equal(lengths(a), lengths(b))) && all(vapply(seq_along(a), function(i) {
    identical(a[[i]]$W, b[[i]]$W) && identical(a[[i]]$b, b[[i]]$b)
  }, logical(1)))
}

test_that("weight 2 on a row is that row written twice", {
  # full batch, summed loss: the weighted sum is the sum over the rows written out
  weighted <- train(s$init, s$X, s$y, 0.1, 200, weights = c(2, 1, 1))
  twice <- train(s$init, rbind(s$X, s$X[1, ]), rbind(s$y, s$y[1, ]), 0.1, 200)
  for (k in c("wh", "bh", "wout", "bout")) {
    expect_equal(weighted$params[[k]], twice$params[[k]], tolerance = 1e-12)
  }
  expect_equal(weighted$loss, twice$loss, tolerance = 1e-12)
  # with the mean, weight 2 counts twice in the denominator too
  weighted <- quietly(train(s$init, s$X, s$y, 0.1, 50, weights = c(2, 1, 1), reduction = "mean"))
  twice <- quietly(train(s$init, rbind(s$X, s$X[1, ]), rbind(s$y, s$y[1, ]), 0.1, 50, reduction = "mean"))
  expect_equal(weighted$params$wh, twice$params$wh, tolerance = 1e-12)
  # weight k: the row written k times, for every row
  for (row in 1:3) {
    w <- c(1, 1, 1)
    w[row] <- 3
    a <- quietly(train(s$init, s$X, s$y, 0.1, 20, weights = w))
    b <- quietly(train(s$init, rbind(s$X, s$X[c(row, row), ]), rbind(s$y, s$y[c(row, row), , drop = FALSE]), 0.1, 20))
    expect_equal(a$params$wh, b$params$wh, tolerance = 1e-12)
  }
})

test_that("the mean reduction at lr is the sum at lr / n", {
  mean <- quietly(train(s$init, s$X, s$y, 0.3, 100, reduction = "mean"))
  total <- quietly(train(s$init, s$X, s$y, 0.1, 100))
  expect_equal(mean$params$wh, total$params$wh, tolerance = 1e-12)
  expect_equal(mean$loss * 3, total$loss, tolerance = 1e-12)
})

test_that("the validation split is a stratified partition", {
  y <- blobs$y
  groups <- nnscratch:::strata(y)
  for (case in list(c(0.05, 1), c(0.2, -7), c(0.33, 100), c(0.6, 2))) {
    set.seed(case[2])
    held <- nnscratch:::validation_split(nrow(y), case[1], groups)
    expect_true(all(diff(held) > 0))
    for (g in unique(groups)) {
      rows <- which(groups == g)
      # floor(fraction * size) of each stratum
      expect_equal(sum(held %in% rows), floor(case[1] * length(rows)))
    }
  }
  # numbers that are not all 0 or 1 have no strata
  expect_null(nnscratch:::strata(matrix(c(0, 0.5, 1))))
})

test_that("a fit holds out the split and records the validation loss and score", {
  X <- blobs$X
  y <- blobs$y
  layers <- as_layers(init_params(2, 5, ncol(y), seed = 1, scheme = "glorot_r"))
  fit <- quietly(train(layers, X, y, 0.01, 30, validation = 0.2, seed = 4, optimizer = "adam", loss = "log_loss",
    output_activation = "softmax", reduction = "mean"))
  rows <- fit$state$validation
  expect_length(rows, sum(floor(0.2 * colSums(y))))
  # the last epoch's validation loss is the loss of the held-out rows under the final weights
  a <- forward(fit$params, X[rows, ], output_activation = "softmax")$a
  out <- a[[3]]
  expect_equal(fit$history$validation_loss[30], -sum(y[rows, ] * log(out)) / length(rows), tolerance = 1e-12)
  expect_identical(fit$history$validation_score[30], mean(max.col(out) == max.col(y[rows, ])))
})

test_that("early stopping keeps the best weights", {
  X <- blobs$X
  y <- blobs$y
  layers <- as_layers(init_params(2, 5, ncol(y), seed = 1, scheme = "glorot_r"))
  settings <- list(loss = "log_loss", output_activation = "softmax", reduction = "mean", optimizer = "adam", seed = 4,
    validation = 0.3, patience = 5, tol = 0)
  fit <- quietly(do.call(train, c(list(layers, X, y, 2, 300, early_stopping = TRUE), settings)))
  best <- fit$state$best_epoch
  v <- fit$history$validation_loss
  expect_identical(fit$stopped, "early_stopping")
  expect_length(v, best + 5)
  expect_identical(v[best], min(v))
  # the weights kept are those of the best epoch: a run that stops there has them
  again <- quietly(do.call(train, c(list(layers, X, y, 2, best), settings)))
  expect_true(same_layers(fit$params, again$params))
})

test_that("dropout masks are 0 or 1 / (1 - p), drawn column by column", {
  set.seed(2)
  masks <- nnscratch:::dropout_masks(1000, c(4, 3), c(0.25, 0))
  expect_null(masks[[2]])
  expect_setequal(unique(as.vector(masks[[1]])), c(0, 1 / 0.75))
  # inverted dropout keeps each unit's mean: about 1
  expect_lt(abs(mean(masks[[1]]) - 1), 0.05)
  set.seed(2)
  u <- matrix(runif(4000), 1000, 4)
  expect_identical(masks[[1]] == 0, u < 0.25)
})

test_that("dropout is off at prediction and changes training", {
  X <- blobs$X
  y <- blobs$y
  layers <- as_layers(init_params(2, 8, ncol(y), seed = 1, scheme = "glorot_r"))
  plain <- quietly(train(layers, X, y, 0.01, 5, loss = "log_loss", output_activation = "softmax", seed = 1))
  dropped <- quietly(train(layers, X, y, 0.01, 5, loss = "log_loss", output_activation = "softmax", seed = 1,
    dropout = 0.5))
  expect_false(same_layers(plain$params, dropped$params))
  labels <- factor(max.col(y))
  model <- quietly(mlp(X, labels, hidden = 8, dropout = 0.5, epochs = 5, seed = 1))
  expect_identical(predict(model, X, type = "prob"), predict(model, X, type = "prob"))
  # a hidden layer's activations in training are f(z) * mask
  step <- nnscratch:::forward_layers(layers, X[1:4, ], "sigmoid", "softmax", masks = list(matrix(c(0, 2), 4, 8)))
  expect_identical(step$a[[2]], sigmoid(X[1:4, ] %*% layers[[1]]$W + rep(layers[[1]]$b, each = 4)) * c(0, 2))
})

test_that("going on in two parts is one run, bit for bit", {
  X <- blobs$X[1:60, ]
  y <- blobs$y[1:60, ]
  layers <- as_layers(init_params(2, 4, ncol(y), seed = 3, scheme = "glorot_r"))
  cases <- list(c("sgd", 3, 0), c("momentum", 9, 0.2), c("nesterov", 1, 0), c("rmsprop", 5, 0.2), c("adam", 7, 0.2))
  for (case in cases) {
    common <- list(optimizer = case[1], batch_size = 16, seed = 5, validation = 0.2, loss = "log_loss",
      output_activation = "softmax", dropout = as.numeric(case[3]), schedule = "invscaling")
    first <- as.integer(case[2])
    whole <- quietly(do.call(train, c(list(layers, X, y, 0.05, 10), common)))
    part <- quietly(do.call(train, c(list(layers, X, y, 0.05, first), common)))
    rest <- quietly(train(part, X, y, epochs = 10 - first))
    expect_true(same_layers(whole$params, rest$params), label = case[1])
    expect_identical(whole$loss, rest$loss)
    expect_identical(whole$history$validation_loss, rest$history$validation_loss)
    expect_identical(whole$state, rest$state)
  }
})

test_that("going on with another optimizer or network is refused", {
  fit <- quietly(train(s$init, s$X, s$y, 0.1, 5, optimizer = "adam"))
  expect_nn_error(train(fit, s$X, s$y, epochs = 5, optimizer = "momentum"),
    "`optimizer` must be \"adam\", as in the fit being continued, not \"momentum\".")
  model <- quietly(mlp(s$X, c("a", "b", "a"), hidden = 4, epochs = 3, seed = 1))
  expect_nn_error(mlp(s$X, c("a", "b", "a"), init = model, hidden = 5),
    "`hidden` must be 4, the hidden layers of the fit being continued, not 5.")
})

test_that("balanced class weights are n / (k * the count of the class)", {
  y <- rbind(c(1, 0, 0), c(1, 0, 0), c(1, 0, 0), c(0, 1, 0), c(0, 0, 1), c(0, 0, 1))
  expect_equal(nnscratch:::balanced_weights(y), c(6 / (3 * 3), 6 / (3 * 1), 6 / (3 * 2)))
  expect_equal(nnscratch:::balanced_weights(matrix(c(0, 1, 1, 1))), c(4 / 2, 4 / 6))
})

test_that("a class weight is a sample weight per class", {
  X <- blobs$X
  labels <- factor(max.col(blobs$y) - 1)
  by_class <- quietly(mlp(X, labels, hidden = 4, epochs = 5, seed = 1, class_weight = c("0" = 3, "2" = 0.5)))
  weights <- c(3, 1, 0.5)[as.integer(labels)]
  by_sample <- quietly(mlp(X, labels, hidden = 4, epochs = 5, seed = 1, weights = weights))
  expect_true(same_layers(by_class$layers, by_sample$layers))
  expect_nn_error(mlp(X, labels, class_weight = c("9" = 1), epochs = 1),
    "`class_weight` names the class \"9\", which `y` does not have; its classes are 0, 1, 2.")
  expect_nn_error(mlp(X, as.numeric(labels), class_weight = "balanced", epochs = 1),
    "`class_weight` is for classes; this outcome is numbers.")
})

test_that("huge columns are scaled as their small twins", {
  # multiplying by a power of two is exact: a column times 2^600 has its
  # centre and scale times 2^600, bit for bit, where the squares of its
  # values overflow
  X <- blobs$X %*% diag(c(1, 2^600))
  for (name in c("standardize", "minmax")) {
    small <- nnscratch:::fit_scale(name, blobs$X)
    huge <- nnscratch:::fit_scale(name, X)
    expect_identical(huge$center, small$center * c(1, 2^600))
    expect_identical(huge$scale, small$scale * c(1, 2^600))
  }
  labels <- factor(max.col(blobs$y))
  a <- quietly(mlp(X, labels, hidden = 5, epochs = 30, seed = 1))
  b <- quietly(mlp(blobs$X, labels, hidden = 5, epochs = 30, seed = 1))
  expect_identical(unname(predict(a, X, type = "prob")), unname(predict(b, blobs$X, type = "prob")))
})
