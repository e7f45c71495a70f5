# mlp() with its defaults: it learns, goes on, and takes its parameters from
# the table. Twin of python/tests/test_estimators.py (MLPClassifier and
# MLPRegressor).

iris_split <- function() {
  # a stratified 70/30 split, fixed here
  test <- unlist(lapply(split(seq_len(150), iris$Species), function(rows) rows[seq(3, 50, by = 3)]))
  X <- as.matrix(iris[1:4])
  list(Xtr = X[-test, ], ytr = iris$Species[-test], Xte = X[test, ], yte = iris$Species[test])
}

test_that("the defaults learn iris on the first try, far above no skill", {
  d <- iris_split()
  expect_no_warning(fit <- mlp(d$Xtr, d$ytr, seed = 0))
  accuracy <- mean(predict(fit, d$Xte, type = "class") == d$yte)
  # no skill: the largest class, a third
  expect_gt(accuracy, 0.9)
  expect_identical(fit$settings[c("hidden", "activation", "output_activation", "loss", "optimizer", "lr")],
    list(hidden = 100L, activation = "relu", output_activation = "softmax", loss = "log_loss", optimizer = "adam",
      lr = 0.001))
  # the inputs are standardized inside the model: centre and scale of the training data
  expect_equal(fit$scale$center, unname(colMeans(d$Xtr)), tolerance = 1e-14)
  expect_equal(fit$scale$scale, unname(apply(d$Xtr, 2, function(v) sqrt(mean((v - mean(v))^2)))), tolerance = 1e-14)
})

test_that("a regression predicts numbers in the outcome's units", {
  set.seed(0)
  X <- matrix(rnorm(600), 200, 3)
  y <- 100 + 20 * X[, 1] - 5 * X[, 2]^2
  fit <- mlp(X, y, hidden = 16, lr = 0.01, seed = 1)
  predicted <- predict(fit, X)
  expect_identical(dim(predicted), c(200L, 1L))
  r2 <- 1 - sum((y - predicted)^2) / sum((y - mean(y))^2)
  expect_gt(r2, 0.9)
  expect_identical(fit$settings[c("output_activation", "loss")], list(output_activation = "identity", loss = "half_mse"))
  # the outcome was standardized for training, and predictions are scaled back
  expect_equal(fit$target_scale$center, mean(y), tolerance = 1e-12)
  expect_equal(fit$target_scale$scale, sqrt(mean((y - mean(y))^2)), tolerance = 1e-12)
  a <- forward(fit$layers, scale(X, fit$scale$center, fit$scale$scale), "relu", "identity")$a
  expect_equal(predicted, a[[3]] * fit$target_scale$scale + fit$target_scale$center, tolerance = 1e-12)
  # an integer outcome is numbers too, and two columns two outputs
  expect_identical(quietly(mlp(X, as.integer(round(y)), hidden = 4, epochs = 2, seed = 1))$settings$loss, "half_mse")
  two <- quietly(mlp(X, cbind(y, -y), hidden = 8, epochs = 20, seed = 1))
  expect_identical(dim(predict(two, X)), c(200L, 2L))
  expect_nn_error(predict(fit, X, type = "prob"),
    "Probabilities are for classes; this model is a regression, whose predictions are numbers.")
})

test_that("two classes are one sigmoid output, or a softmax of two when asked", {
  X <- as.matrix(iris[51:150, 1:4])
  y <- droplevels(iris$Species[51:150])
  fit <- mlp(X, y, seed = 0)
  expect_identical(fit$settings[c("n_output", "output_activation")], list(n_output = 1L, output_activation = "sigmoid"))
  soft <- mlp(X, y, seed = 0, output_activation = "softmax")
  expect_identical(soft$settings$n_output, 2L)
  expect_identical(dim(predict(soft, X, type = "prob")), c(100L, 2L))
  expect_gt(mean(predict(soft, X, type = "class") == y), 0.9)
})

test_that("going on k times by one epoch is a fit of k epochs, bit for bit", {
  X <- as.matrix(iris[1:4])
  one <- quietly(mlp(X, iris$Species, hidden = 8, seed = 2, batch_size = 32, dropout = 0.1, epochs = 1))
  for (k in 2:4) one <- quietly(mlp(X, iris$Species, init = one, epochs = 1))
  whole <- quietly(mlp(X, iris$Species, hidden = 8, seed = 2, batch_size = 32, dropout = 0.1, epochs = 4))
  expect_identical(one$layers, whole$layers)
  expect_identical(one$loss, whole$loss)
  expect_length(one$loss, 4)
  expect_nn_error(mlp(X[, 1:3], iris$Species, init = one, epochs = 1),
    "`X` must have 4 columns, as the training data had, not 3.")
})

test_that("going on from a fit with a validation split is the whole run, bit for bit", {
  X <- as.matrix(iris[1:4])
  settings <- list(hidden = 10, seed = 3, validation = 0.2, n_iter_no_change = NULL)
  whole <- quietly(do.call(mlp, c(list(X, iris$Species, epochs = 30), settings)))
  parts <- quietly(do.call(mlp, c(list(X, iris$Species, epochs = 12), settings)))
  parts <- quietly(mlp(X, iris$Species, init = parts, epochs = 18))
  expect_identical(parts$layers, whole$layers)
  expect_identical(parts$history$validation_loss, whole$history$validation_loss)
  expect_length(parts$loss, 30)
})

test_that("mlp()'s parameters and defaults are the table's", {
  # scikit-learn's MLPClassifier's defaults, written out here, and the package's own
  defaults <- list(
    hidden = 100, activation = "relu", output_activation = "auto", loss = "auto", reduction = "mean", decay = 1e-4,
    optimizer = "adam", lr = 0.001, momentum = 0.9, rho = 0.99, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8,
    schedule = "constant", power_t = 0.5, gamma = 0.99, epochs = 200, batch_size = "auto", scale = "standardize",
    validation = 0, early_stopping = FALSE, patience = 10, tol = 1e-4, n_iter_no_change = 10, dropout = 0,
    class_weight = NULL, bias = TRUE, init = NULL, seed = NULL, scheme = "sklearn", trace_every = 0,
    record_gradients = FALSE, layout = "rows",
    verbose = 0, progress = FALSE, exact = FALSE
  )
  expect_identical(nnscratch:::mlp_defaults, defaults)
  expect_identical(nnscratch:::mlp_params, c(names(defaults), "weights", "validation_data"))
})

test_that("the new settings are checked with messages that name them", {
  X <- as.matrix(iris[1:4])
  y <- iris$Species
  cases <- list(
    list(list(optimizer = "adamw"), "`optimizer` must be \"sgd\", \"momentum\", \"nesterov\", \"rmsprop\" or \"adam\", not \"adamw\"."),
    list(list(momentum = 1), "`momentum` must be a number in [0, 1), not 1."),
    list(list(beta2 = -0.1), "`beta2` must be a number in [0, 1), not -0.1."),
    list(list(epsilon = 0), "`epsilon` must be a positive number, not 0."),
    list(list(validation = 1), "`validation` must be a number in [0, 1), not 1."),
    list(list(patience = 0), "`patience` must be a whole number from 1 to 2147483647, not 0."),
    list(list(tol = -1), "`tol` must be a number >= 0, not -1."),
    list(list(dropout = 1), "`dropout` must be a number in [0, 1), not 1."),
    list(list(dropout = c(0.1, 0.2)), "`dropout` must be a number in [0, 1), not a numeric vector of length 2."),
    list(list(schedule = "cosine"), "`schedule` must be \"constant\", \"invscaling\", \"exponential\" or \"adaptive\", not \"cosine\"."),
    list(list(schedule = "adaptive", n_iter_no_change = NULL),
      "`schedule` \"adaptive\" needs `n_iter_no_change`, the epochs without improvement after which it lowers the rate; it is NULL."),
    list(list(gamma = 0), "`gamma` must be a number in (0, 1], not 0."),
    list(list(early_stopping = TRUE), "`early_stopping` needs a validation set: `validation` above 0, or `validation_data`."),
    list(list(class_weight = "even"), "`class_weight` must be NULL, \"balanced\" or a weight per class, named by its label, not \"even\"."),
    list(list(class_weight = c(setosa = -1)), "`class_weight` must hold finite numbers >= 0; the class \"setosa\" has -1."),
    list(list(scale = "robust"), "`scale` must be \"standardize\", \"minmax\" or \"none\", not \"robust\"."),
    list(list(reduction = "max"), "`reduction` must be \"sum\" or \"mean\", not \"max\"."),
    list(list(batch_size = "all"), "`batch_size` must be NULL, \"auto\" or a whole number from 1 to 150, the number of samples, not \"all\"."),
    list(list(n_iter_no_change = 0), "`n_iter_no_change` must be NULL or a whole number from 1 to 2147483647, not 0."),
    list(list(output_activation = "tanh"), "`output_activation` must be \"sigmoid\", \"softmax\", \"identity\" or \"auto\", not \"tanh\"."),
    list(list(loss = "mse"), "`loss` must be \"half_sse\", \"half_mse\", \"log_loss\" or \"auto\", not \"mse\"."),
    list(list(validation_data = "v"), "`validation_data` must be NULL or a list of `X` and `y` (and their weights), not \"v\".")
  )
  for (case in cases) {
    e <- tryCatch(do.call(mlp, c(list(X, y, epochs = 1), case[[1]])), nnscratch_error = function(e) e)
    expect_identical(conditionMessage(e), case[[2]])
    # the error carries the argument it is about
    expect_identical(e$arg, names(case[[1]])[1])
  }
  weights <- list(
    list(rep(-1, 150), "`weights` must be finite numbers >= 0; found -1 at position 1."),
    list(rep(0, 150), "`weights` must not all be zero."),
    list(rep(1, 3), "`weights` must have one weight per sample (150), not 3."),
    list("1", "`weights` must be NULL or a numeric vector, one weight per sample, not \"1\".")
  )
  for (case in weights) expect_nn_error(mlp(X, y, epochs = 1, weights = case[[1]]), case[[2]])
})

test_that("the sklearn scheme draws W and then b on (-s, s) from numpy's generator, row by row", {
  for (case in list(list("relu", 6), list("sigmoid", 2))) {
    p <- init_params(4, 7, 3, seed = 11, scheme = "sklearn", activation = case[[1]])
    u <- numpy_uniform(4 * 7 + 7 + 7 * 3 + 3, 11)
    s1 <- sqrt(case[[2]] / (4 + 7))
    s2 <- sqrt(case[[2]] / (7 + 3))
    # numpy's uniform(low, high) is low + (high - low) * u
    expect_identical(p$wh, matrix(-s1 + (s1 - -s1) * u[1:28], 4, 7, byrow = TRUE))
    expect_identical(p$bh, matrix(-s1 + (s1 - -s1) * u[29:35], 1))
    expect_identical(p$wout, matrix(-s2 + (s2 - -s2) * u[36:56], 7, 3, byrow = TRUE))
    expect_identical(p$bout, matrix(-s2 + (s2 - -s2) * u[57:59], 1))
  }
  # several hidden layers: each takes its own activation's factor, the output the last one's
  deep <- init_params(2, c(3, 2), 1, seed = 1, scheme = "sklearn", activation = c("sigmoid", "relu"))
  u <- numpy_uniform(2 * 3 + 3 + 3 * 2 + 2 + 2 + 1, 1)
  s3 <- sqrt(6 / (2 + 1))
  expect_identical(deep[[3]]$W, matrix(-s3 + 2 * s3 * u[18:19], 2, 1, byrow = TRUE))
})

test_that("glorot and he draw within their bounds, with zero biases", {
  for (case in list(c("glorot_r", sqrt(6 / 50)), c("glorot_numpy", sqrt(6 / 50)), c("he_r", sqrt(6 / 30)),
    c("he_numpy", sqrt(6 / 30)))) {
    p <- init_params(30, 20, 2, seed = 5, scheme = case[1])
    bound <- as.numeric(case[2])
    expect_lt(max(abs(p$wh)), bound)
    expect_gt(max(abs(p$wh)), 0.9 * bound)
    expect_lt(abs(mean(p$wh)), 0.05)
    expect_true(all(p$bh == 0))
  }
  # R's generator fills W column by column with runif(n, -s, s)
  s <- sqrt(6 / (3 + 2))
  set.seed(9)
  expect_identical(init_params(3, 2, 1, seed = 9, scheme = "glorot_r")$wh, matrix(runif(6, -s, s), 3, 2))
})
