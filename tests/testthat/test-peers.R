# The peers' formats: nnet's weight vector, neuralnet's weights, and what
# each peer can hold. Twin of python/tests/test_peers.py.
#
# Every check compares with the peer's own computation (predict.nnet, or
# neuralnet's forward pass as its predict.nn writes it) or with a network
# worked out by hand; none restates an output of the code under test.

X <- as.matrix(iris[1:4])

fitted_mlp <- function(X, y, ...) {
  settings <- list(scale = "none", epochs = 30, seed = 1)
  given <- list(...)
  settings[names(given)] <- given
  suppressWarnings(do.call(mlp, c(list(X, y), settings)))
}

refusal_of <- function(expr) tryCatch({
  expr
  NA_character_
}, nnscratch_error = function(e) conditionMessage(e))

sigmoid_by_hand <- function(z) 1 / (1 + exp(-z))

# ---- nnet's weight vector ----

# A 2-2-1 network worked out by hand, and the same weights in nnet's order:
# b->h1, i1->h1, i2->h1, b->h2, i1->h2, i2->h2, b->o, h1->o, h2->o.
hand <- list(
  list(W = matrix(c(0.1, 0.2, -0.4, 0.5), 2), b = matrix(c(0.3, 0.6), 1)),
  list(W = matrix(c(0.7, -0.8), 2), b = matrix(0.9, 1))
)
hand_wts <- c(0.3, 0.1, 0.2, 0.6, -0.4, 0.5, 0.9, 0.7, -0.8)

hand_output <- function(x1, x2) {
  h1 <- sigmoid_by_hand(0.3 + 0.1 * x1 + 0.2 * x2)
  h2 <- sigmoid_by_hand(0.6 - 0.4 * x1 + 0.5 * x2)
  sigmoid_by_hand(0.9 + 0.7 * h1 - 0.8 * h2)
}

# The components of a fitted nnet, as nnet.default sets them.
nnet_fit <- function(wts, n = c(2, 2, 1), linout = FALSE, softmax = FALSE, entropy = FALSE, lev = NULL, value = 1) {
  nunits <- 1L + sum(n)
  structure(list(
    n = n, nunits = nunits, nsunits = if (linout || softmax) nunits - n[3] else nunits, decay = 0.01,
    entropy = entropy, softmax = softmax, value = value, wts = wts, lev = lev
  ), class = "nnet")
}

test_that("to_nnet writes nnet's order", {
  model <- fitted_mlp(
    matrix(0, 2, 2), matrix(c(0, 1), 2), hidden = 2, init = hand, epochs = 1, lr = 1e-300, optimizer = "sgd",
    activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", batch_size = NULL
  )
  expect_identical(to_nnet(model), hand_wts)
})

test_that("from_nnet reads nnet's order", {
  Xs <- rbind(c(0.5, -1), c(2, 0.25), c(-1.5, 1.5))
  model <- from_nnet(nnet_fit(hand_wts, entropy = TRUE, lev = c("0", "1")))
  expect_identical(model$role, "classifier")
  expect_equal(predict(model, Xs, type = "raw")[, 1], hand_output(Xs[, 1], Xs[, 2]), tolerance = 1e-15)
  expect_identical(
    as.character(predict(model, Xs, type = "class")), ifelse(hand_output(Xs[, 1], Xs[, 2]) > 0.5, "1", "0")
  )
  s <- model$settings
  expect_identical(list(s$loss, s$reduction, s$decay, s$output_activation), list("log_loss", "sum", 0.02, "sigmoid"))
  expect_identical(to_nnet(model), hand_wts)
  linear <- from_nnet(nnet_fit(hand_wts, linout = TRUE, value = 3))
  expect_identical(linear$role, "regressor")
  expect_identical(linear$settings$loss, "half_sse")
  expect_identical(linear$loss, 1.5)
  h <- sigmoid_by_hand(Xs %*% hand[[1]]$W + rep(hand[[1]]$b, each = 3))
  expect_equal(predict(linear, Xs, type = "raw")[, 1], drop(h %*% hand[[2]]$W + 0.9), tolerance = 1e-15)
})

test_that("from_nnet refuses skip-layer connections", {
  expect_identical(
    refusal_of(from_nnet(nnet_fit(c(hand_wts, 1, 2)))),
    "`fit` has skip-layer connections (skip = TRUE); nnscratch's layers connect each layer to the next only."
  )
  expect_identical(refusal_of(from_nnet(as.list(hand_wts))), "`fit` must be a fitted nnet, not a list of length 9.")
})

test_that("what nnet cannot hold is refused with the reason", {
  expect_identical(
    refusal_of(to_nnet(fitted_mlp(X, iris$Species, hidden = c(3, 2), activation = "sigmoid"))),
    "`model` has 2 hidden layers; nnet has one."
  )
  expect_identical(
    refusal_of(to_nnet(fitted_mlp(X, iris$Species, hidden = 3, activation = "relu"))),
    "`model` has a relu hidden layer; nnet's hidden layers are sigmoid."
  )
})

test_that("what scikit-learn cannot hold is refused with the reason", {
  setosa <- iris$Species == "setosa"
  cases <- list(
    list(list(hidden = c(3, 3), activation = c("tanh", "relu")),
         "`model`'s hidden layers use tanh, relu; scikit-learn uses one activation for all of them."),
    list(list(hidden = 3, bias = FALSE), "`model` has no biases; scikit-learn's layers always have them."),
    list(list(hidden = 3, scale = "standardize"), paste(
      "`model` scales its data inside the model, which scikit-learn cannot hold; fit it with scale = \"none\" on",
      "data scaled beforehand."
    )),
    list(list(hidden = 3, output_activation = "softmax"), paste(
      "`model` has 2 softmax outputs for 2 classes; scikit-learn has one sigmoid output for two classes, one",
      "softmax output per class for more."
    ))
  )
  for (case in cases) {
    model <- do.call(fitted_mlp, c(list(X, factor(setosa)), case[[1]]))
    expect_identical(peer_problem(model, "sklearn"), case[[2]])
  }
})

test_that("peer_problem checks its arguments", {
  expect_identical(refusal_of(peer_problem(NULL, "nnet")), "`model` must be a fitted nnscratch network, not NULL.")
  expect_identical(
    refusal_of(peer_problem(fitted_mlp(X, iris$Species, hidden = 2), "keras")),
    "`peer` must be \"sklearn\", \"nnet\", \"torch\" or \"onnx\", not \"keras\"."
  )
})

# ---- nnet itself ----

# The largest |z| that enters a sigmoid unit of a fitted nnet: its hidden
# units, and its outputs unless they are linear or softmax.
nnet_largest_input <- function(fit, X) {
  p <- fit$n[1]
  h <- fit$n[2]
  hidden <- matrix(fit$wts[seq_len((p + 1) * h)], p + 1)
  z <- cbind(1, X) %*% hidden
  if (fit$nsunits == fit$nunits) {
    out <- matrix(fit$wts[-seq_len((p + 1) * h)], h + 1)
    z <- cbind(z, cbind(1, sigmoid_by_hand(z)) %*% out)
  }
  max(abs(z))
}

test_that("nnet -> nnscratch -> nnet predicts the same within 1e-12", {
  skip_if_not_installed("nnet")
  Xs <- scale(X)
  set.seed(3)
  fits <- list(
    softmax = nnet::nnet(Xs, nnet::class.ind(iris$Species), size = 3, softmax = TRUE, maxit = 50, decay = 0.5,
                              trace = FALSE),
    entropy = nnet::nnet(Xs, as.numeric(iris$Species == "setosa"), size = 2, entropy = TRUE, maxit = 50, decay = 0.5,
                              trace = FALSE),
    linout = nnet::nnet(Xs[, 1:3], X[, 4], size = 4, linout = TRUE, maxit = 50, decay = 0.5, trace = FALSE),
    logistic = nnet::nnet(Xs, nnet::class.ind(iris$Species), size = 3, maxit = 50, decay = 0.5, trace = FALSE)
  )
  for (name in names(fits)) {
    fit <- fits[[name]]
    Xm <- if (name == "linout") Xs[, 1:3] else Xs
    # within nnet's clipping of its logistic at +-15 (see the next test)
    expect_lt(nnet_largest_input(fit, Xm), 15)
    model <- from_nnet(fit)
    expect_equal(unname(predict(model, Xm, type = "raw")), unname(predict(fit, Xm)), tolerance = 1e-12)
    expect_identical(to_nnet(model), fit$wts)
    again <- nnet::nnet(
      Xm, fit$fitted.values, size = fit$n[2], Wts = to_nnet(model), maxit = 0, trace = FALSE,
      linout = name == "linout", softmax = name == "softmax", entropy = name == "entropy"
    )
    expect_identical(predict(again, Xm), predict(fit, Xm))
  }
  expect_identical(from_nnet(fits$entropy)$classes, c("0", "1"))
})

test_that("a factor's nnet keeps its classes, and nnscratch -> nnet -> nnscratch predicts the same", {
  skip_if_not_installed("nnet")
  set.seed(1)
  fit <- nnet::nnet(Species ~ ., data.frame(scale(X), Species = iris$Species), size = 2, maxit = 50, decay = 0.5,
                    trace = FALSE)
  model <- from_nnet(fit)
  d <- data.frame(scale(X))
  expect_identical(model$classes, levels(iris$Species))
  expect_identical(as.character(predict(model, d, type = "class")), predict(fit, d, type = "class"))
  ours <- fitted_mlp(X, iris$Species, hidden = 3, activation = "sigmoid", output_activation = "softmax")
  theirs <- nnet::nnet(X, nnet::class.ind(iris$Species), size = 3, softmax = TRUE, Wts = to_nnet(ours), maxit = 0,
                       trace = FALSE)
  expect_equal(unname(predict(theirs, X)), unname(predict(ours, X, type = "prob")), tolerance = 1e-12)
  back <- from_nnet(theirs)
  expect_equal(predict(back, X, type = "raw"), predict(ours, X, type = "raw"), tolerance = 1e-12, ignore_attr = TRUE)
})

test_that("nnet's logistic is 0 below -15 and 1 above 15, where nnscratch's sigmoid is not", {
  skip_if_not_installed("nnet")
  # one hidden unit whose input is 20 for the first sample and 0 for the second
  wts <- c(0, 20, 0, 1)
  fit <- nnet::nnet(matrix(c(1, 0), 2), matrix(c(0, 1), 2), size = 1, Wts = wts, linout = TRUE, maxit = 0,
                    trace = FALSE)
  expect_identical(unname(predict(fit, matrix(c(1, 0), 2))[, 1]), c(1, 0.5))
  expect_equal(predict(from_nnet(fit), matrix(c(1, 0), 2), type = "raw")[, 1], sigmoid_by_hand(c(20, 0)),
               tolerance = 1e-15)
})

# ---- neuralnet ----

# A fitted neuralnet as neuralnet() returns one, with the parts its
# predict.nn() reads: `weights` (per repetition, one matrix per layer whose
# first row is the biases), `act.fct` (a function with the attribute
# "type"), `linear.output` and `model.list`; and `result.matrix`, whose row
# "error" is each repetition's final error.
neuralnet_fit <- function(weights, act = c("logistic", "tanh"), linear = FALSE) {
  act <- match.arg(act)
  f <- if (act == "tanh") function(x) tanh(x) else function(x) 1 / (1 + exp(-x))
  attr(f, "type") <- act
  err <- function(x, y) 1 / 2 * (y - x)^2
  attr(err, "type") <- "sse"
  structure(list(
    weights = list(weights), act.fct = f, err.fct = err, linear.output = linear,
    model.list = list(response = "y", variables = c("a", "b")),
    result.matrix = matrix(c(0.25, 0.01, 100), dimnames = list(c("error", "reached.threshold", "steps"), NULL))
  ), class = "nn")
}

# neuralnet's predict.nn, as its documentation gives it: each layer is
# act.fct(cbind(1, input) %*% weights[[i]]), the output too unless linear.
neuralnet_predict <- function(fit, X) {
  w <- fit$weights[[1]]
  out <- X
  for (i in seq_along(w)) {
    out <- cbind(1, out) %*% w[[i]]
    if (i < length(w) || !fit$linear.output) out <- fit$act.fct(out)
  }
  out
}

test_that("from_neuralnet predicts what neuralnet predicts", {
  weights <- list(matrix(c(0.3, 0.1, 0.2, 0.6, -0.4, 0.5), 3), matrix(c(0.2, -1, 2), 3), matrix(c(0.9, -0.7), 2))
  Xs <- rbind(c(0.5, -1), c(2, 0.25), c(-1.5, 1.5))
  for (case in list(list("logistic", FALSE), list("tanh", TRUE), list("logistic", TRUE))) {
    fit <- neuralnet_fit(weights, case[[1]], case[[2]])
    model <- from_neuralnet(fit)
    expect_equal(predict(model, Xs, type = "raw"), neuralnet_predict(fit, Xs), tolerance = 1e-15, ignore_attr = TRUE)
    expect_identical(model$role, if (case[[2]]) "regressor" else "either")
    expect_identical(model$loss, 0.25)
  }
  expect_identical(
    refusal_of(from_neuralnet(neuralnet_fit(weights, "tanh", FALSE))),
    "`fit` has a tanh output, which nnscratch does not have."
  )
  weights[[1]][2, 1] <- NA
  expect_identical(
    refusal_of(from_neuralnet(neuralnet_fit(weights))),
    "`fit` has excluded weights (NA); nnscratch's layers are complete."
  )
})

test_that("from_neuralnet reads a network neuralnet trained", {
  skip_if_not_installed("neuralnet")
  set.seed(1)
  d <- data.frame(scale(X), setosa = as.numeric(iris$Species == "setosa"))
  fit <- neuralnet::neuralnet(setosa ~ ., d, hidden = c(3, 2), linear.output = FALSE, stepmax = 1e4)
  expect_equal(predict(from_neuralnet(fit), d, type = "raw"), predict(fit, d), tolerance = 1e-12, ignore_attr = TRUE)
})
