s <- load_scenario("article")

test_that("mlp trains what train trains and predicts with forward", {
  fit <- mlp(s$X, s$y, hidden = 3, lr = 0.1, epochs = 5000, init = s$init)
  direct <- train(s$init, s$X, s$y, 0.1, 5000)
  expect_identical(fit$params, direct$params)
  expect_identical(fit$loss, direct$loss)
  expect_identical(predict(fit, s$X), forward(direct$params, s$X)$output)
  expect_equal(predict(fit, s$X, type = "class"), c(1L, 1L, 0L))
  expect_identical(predict(fit, as.data.frame(s$X)), predict(fit, s$X))
})

test_that("mlp with a seed draws init_params with that seed", {
  fit <- mlp(s$X, s$y, epochs = 1, seed = 42)
  init <- init_params(4, 3, 1, seed = 42)
  expect_identical(init, s$init)
  expect_identical(fit$params, train(init, s$X, s$y, 0.1, 1)$params)
})

test_that("print shows the architecture, epochs and final loss", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 100)
  out <- capture.output(print(fit))
  expect_match(out[1], "a 4-3-1 network with biases", fixed = TRUE)
  expect_match(out[2], "trained for 100 epochs at lr = 0.1", fixed = TRUE)
  expect_match(out[3], sprintf("final loss: %.6g", fit$loss[100]), fixed = TRUE)
})

test_that("coef names the weights as nnet does", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 10)
  cf <- coef(fit)
  expect_length(cf, 4 * 3 + 3 + 3 + 1)
  expect_equal(cf[["b->h2"]], fit$params$bh[1, 2])
  expect_equal(cf[["i4->h3"]], fit$params$wh[4, 3])
  expect_equal(cf[["h2->o1"]], fit$params$wout[2, 1])
  expect_equal(cf[["b->o1"]], fit$params$bout[1, 1])
})

test_that("several outputs: one-hot classes come back as the arg-max", {
  X <- rbind(diag(3), diag(3))
  y <- rbind(diag(3), diag(3))
  fit <- mlp(X, y, hidden = 4, lr = 1, epochs = 3000, seed = 1)
  expect_equal(predict(fit, X, type = "class"), c(1:3, 1:3))
  expect_equal(dim(predict(fit, X)), c(6L, 3L))
})

test_that("a network without biases has no bias weights", {
  fit <- mlp(s$X, s$y, bias = FALSE, seed = 3, epochs = 10)
  expect_null(fit$params$bh)
  expect_null(fit$params$bout)
  expect_false(any(grepl("^b->", names(coef(fit)))))
})

test_that("predict is a method: the package does not mask stats::predict", {
  expect_false("predict" %in% getNamespaceExports("nnscratch"))
})
