s <- load_scenario("article")

test_that("a train result is a list that prints in four lines", {
  fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000, trace_every = 1000)
  expect_true(is.list(fit))
  expect_named(fit, c("params", "loss", "trace", "settings", "history", "state", "stopped"))
  expect_equal(dim(fit$params$wh), c(4, 3))
  expect_identical(capture.output(print(fit)), c(
    "nnscratch fit: a 4-3-1 network with biases, trained for 5000 epochs",
    sprintf("loss: %.6g at epoch 1, %.6g at epoch 5000", fit$loss[1], fit$loss[5000]),
    "trace: 6 epochs kept (1, 1000, 2000, 3000, 4000, 5000)",
    "fields: params, loss, trace, settings, history, state, stopped"
  ))
  capture.output(shown <- withVisible(print(fit)))
  expect_false(shown$visible)
  many <- quietly(train(s$init, s$X, s$y, lr = 0.1, epochs = 20, trace_every = 1))
  expect_identical(capture.output(print(many))[3], "trace: 20 epochs kept (1, 2, 3, ..., 19, 20)")
  none <- quietly(train(s$init, s$X, s$y, lr = 0.1, epochs = 20))
  expect_identical(capture.output(print(none))[3], "trace: no epoch kept")
})

test_that("a scenario is a list that prints in four lines", {
  expect_true(is.list(s))
  expect_equal(s$X, rbind(c(1, 0, 1, 0), c(1, 0, 1, 1), c(0, 1, 0, 1)))
  expect_identical(capture.output(print(s)), c(
    "nnscratch scenario \"article\": X is 3 x 4, y is 3 x 1",
    "a 4-3-1 network with biases, lr = 0.1, 5000 epochs",
    "init drawn with seed 42 by scheme \"article_r\"",
    "fields: name, X, y, init, hidden, lr, epochs, bias, seed, scheme, skip, activation, output_activation, loss, decay, data, train"
  ))
  expect_match(capture.output(print(load_scenario("part2_toy")))[2], "without biases", fixed = TRUE)
})

test_that("a fit of several layers prints every layer size", {
  layers <- list(
    list(W = matrix(0, 2, 8), b = matrix(0, 1, 8)),
    list(W = matrix(0, 8, 4), b = matrix(0, 1, 4)),
    list(W = matrix(0, 4, 1), b = NULL)
  )
  fit <- as_fit(list(params = layers, loss = c(2, 1), trace = list()))
  expect_identical(capture.output(print(fit))[1:2], c(
    "nnscratch fit: a 2-8-4-1 network with biases, trained for 2 epochs",
    "loss: 2 at epoch 1, 1 at epoch 2"
  ))
})
