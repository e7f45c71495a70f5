# The optimizers and schedules against torch.optim's documented algorithms,
# written out here. Twin of python/tests/test_optimizers.py.
#
# The references below follow the pseudo-code of torch.optim's documentation
# (SGD with momentum and dampening 0, Nesterov; RMSprop uncentred without
# momentum; Adam without amsgrad), weight by weight, with g the gradient;
# the package steps along d = -g. Both are fed the same 200 gradients.

h <- list(momentum = 0.9, rho = 0.99, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, power_t = 0.5, gamma = 0.97)

# theta after the steps, each weight updated by torch.optim's pseudo-code.
torch_reference <- function(name, theta, grads, lr) {
  b <- v <- m <- numeric(length(theta))
  for (t in seq_along(grads)) {
    for (i in seq_along(theta)) {
      g <- grads[[t]][i]
      if (name == "sgd") {
        theta[i] <- theta[i] - lr * g
      } else if (name %in% c("momentum", "nesterov")) {
        b[i] <- if (t == 1) g else h$momentum * b[i] + g
        step <- if (name == "nesterov") g + h$momentum * b[i] else b[i]
        theta[i] <- theta[i] - lr * step
      } else if (name == "rmsprop") {
        v[i] <- h$rho * v[i] + (1 - h$rho) * g * g
        theta[i] <- theta[i] - lr * g / (sqrt(v[i]) + h$epsilon)
      } else if (name == "adam") {
        m[i] <- h$beta1 * m[i] + (1 - h$beta1) * g
        v[i] <- h$beta2 * v[i] + (1 - h$beta2) * g * g
        m_hat <- m[i] / (1 - h$beta1^t)
        v_hat <- v[i] / (1 - h$beta2^t)
        theta[i] <- theta[i] - lr * m_hat / (sqrt(v_hat) + h$epsilon)
      }
    }
  }
  theta
}

test_that("every optimizer follows torch's update for 200 steps", {
  set.seed(7)
  layers0 <- list(list(W = matrix(rnorm(6), 3, 2), b = matrix(rnorm(2), 1)), list(W = matrix(rnorm(2), 2, 1), b = NULL))
  flat <- function(layers) c(layers[[1]]$W, layers[[1]]$b, layers[[2]]$W)
  grads <- lapply(1:200, function(i) rnorm(10, sd = 0.1))
  for (name in c("sgd", "momentum", "nesterov", "rmsprop", "adam")) {
    layers <- layers0
    state <- nnscratch:::init_state(name, layers)
    for (g in grads) {
      d <- list(list(W = matrix(-g[1:6], 3, 2), b = matrix(-g[7:8], 1)), list(W = matrix(-g[9:10], 2, 1), b = NULL))
      step <- nnscratch:::optimizer_step(name, layers, d, state, 0.01, h)
      layers <- step$layers
      state <- step$state
    }
    expect_identical(state$t, 200L, label = name)
    expect_null(layers[[2]]$b)
    expect_equal(flat(layers), torch_reference(name, flat(layers0), grads, 0.01), tolerance = 1e-10, label = name)
  }
})

test_that("sgd is the article's update, bit for bit", {
  s <- load_scenario("article")
  step <- train_step(s$init, s$X, s$y, 0.1)
  fit <- quietly(train(s$init, s$X, s$y, 0.1, 1, optimizer = "sgd"))
  expect_identical(fit$params$wh, step$wh)
  expect_identical(fit$params$bout, step$bout)
})

test_that("adam's first step moves every weight with a gradient by about lr", {
  # Adam's first step is lr * g / (|g| + eps): every weight with a gradient
  # moves by lr, less lr * eps / |g|.
  s <- load_scenario("article")
  layers <- as_layers(s$init)
  fit <- quietly(train(layers, s$X, s$y, 0.001, 1, optimizer = "adam"))
  moved <- abs(fit$params[[1]]$W - layers[[1]]$W)
  expect_equal(moved[moved > 0], rep(0.001, sum(moved > 0)), tolerance = 1e-3)
})

test_that("the schedules give their formulas", {
  base <- 0.1
  state <- nnscratch:::init_schedule(base)
  lr <- function(name, t) nnscratch:::epoch_lr(name, t, base, h, state)
  for (t in c(1, 2, 10, 200)) {
    expect_identical(lr("constant", t), base)
    expect_equal(lr("invscaling", t), base / t^0.5, tolerance = 1e-15)
    expect_equal(lr("exponential", t), base * 0.97^(t - 1), tolerance = 1e-14)
    expect_identical(lr("adaptive", t), base)
  }
  plateau <- nnscratch:::schedules$adaptive$plateau
  expect_equal(plateau(list(lr = 0.1)), list(lr = 0.1 / 5))
  expect_null(plateau(list(lr = 1e-6)))
})

test_that("the adaptive schedule divides by 5 on a plateau and records each epoch's rate", {
  # A loss that cannot fall: the targets are the outputs of weights 0, 0.5.
  X <- matrix(1, 4, 1)
  y <- matrix(0.5, 4, 1)
  layers <- list(list(W = matrix(0, 1, 2), b = matrix(0, 1, 2)), list(W = matrix(0, 2, 1), b = matrix(0, 1, 1)))
  # (and training that learns nothing says so)
  fit <- quietly(train(layers, X, y, 0.1, 30, schedule = "adaptive", n_iter_no_change = 2, tol = 1e-4))
  # scikit-learn's rule: a plateau is more than n_iter_no_change epochs
  # without an improvement of more than tol; the first epoch sets the best
  # loss, so the rate falls after epochs 4, 7, 10, ...
  lr <- fit$history$lr
  expect_identical(lr[1:4], rep(0.1, 4))
  expect_equal(lr[c(5, 8)], c(0.02, 0.004))
  # and training stops once the rate is at most 1e-6: 0.1 / 5^k <= 1e-6 for k = 8
  expect_identical(fit$stopped, "tol")
  expect_length(fit$loss, 3 * 8 + 1 + 3)
})

test_that("the adaptive schedule needs n_iter_no_change, and the optimizers' settings their ranges", {
  s <- load_scenario("article")
  expect_nn_error(
    train(s$init, s$X, s$y, 0.1, 5, schedule = "adaptive"),
    "`schedule` \"adaptive\" needs `n_iter_no_change`, the epochs without improvement after which it lowers the rate; it is NULL."
  )
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, optimizer = "lbfgs"),
    "`optimizer` must be \"sgd\", \"momentum\", \"nesterov\", \"rmsprop\" or \"adam\", not \"lbfgs\".")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, momentum = 1), "`momentum` must be a number in [0, 1), not 1.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, rho = -0.1), "`rho` must be a number in [0, 1), not -0.1.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, beta1 = NA), "`beta1` must be a number in [0, 1), not NA.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, beta2 = "0.9"), "`beta2` must be a number in [0, 1), not \"0.9\".")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, epsilon = 0), "`epsilon` must be a positive number, not 0.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, schedule = "cosine"),
    "`schedule` must be \"constant\", \"invscaling\", \"exponential\" or \"adaptive\", not \"cosine\".")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, power_t = -1), "`power_t` must be a number >= 0, not -1.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, gamma = 0), "`gamma` must be a number in (0, 1], not 0.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, gamma = 1.5), "`gamma` must be a number in (0, 1], not 1.5.")
})
