# Training that fails says so. Twin of python/tests/test_convergence.py.

s <- load_scenario("article")
not_converged <- "Training did not converge: "

test_that("a loss that falls smoothly with unsaturated outputs is fine", {
  expect_identical(convergence_problems(seq(2, 1, length.out = 100), matrix(2, 3, 1)), character())
})

test_that("a loss that ends no lower than it started", {
  expect_identical(
    convergence_problems(c(2, 1, 2), matrix(0, 3, 1)),
    paste0(not_converged, "the loss ended at 2, no lower than it started (2).")
  )
  # one epoch tells nothing about progress
  expect_identical(convergence_problems(2, matrix(0, 3, 1)), character())
})

test_that("a loss that is NaN or infinite", {
  expect_identical(
    convergence_problems(c(2, Inf, NaN), matrix(0, 3, 1)),
    paste0(not_converged, "the loss became Inf at epoch 2.")
  )
})

test_that("every output saturated for every sample", {
  z <- rbind(c(16, -15.5), c(-40, 20))
  expect_identical(
    convergence_problems(c(2, 1), z),
    paste0(not_converged, "every output is saturated for every sample; scale the inputs or lower `lr`.")
  )
  # one unit left in range, or an output that does not saturate: fine
  expect_identical(convergence_problems(c(2, 1), rbind(c(16, -15.5), c(-40, 14))), character())
  expect_identical(convergence_problems(c(2, 1), z, "identity"), character())
  expect_identical(convergence_problems(c(2, 1), z, "softmax"), character())
})

test_that("oscillation over the last tenth of full-batch epochs", {
  # 200 epochs: the last tenth is 20; rises in 2 of them is 10% > 5%
  loss <- seq(3, 1, length.out = 200)
  loss[c(196, 191)] <- loss[c(196, 191)] + 0.1
  expect_identical(
    convergence_problems(loss, matrix(0)),
    paste0(not_converged, "the loss rose in 2 of the last 20 epochs (oscillation); lower `lr`.")
  )
  loss[191] <- loss[191] - 0.1
  # one rise in 20 is 5%, not more
  expect_identical(convergence_problems(loss, matrix(0)), character())
  # with mini-batches, rises are noise
  loss[191] <- loss[191] + 0.1
  expect_identical(convergence_problems(loss, matrix(0), full_batch = FALSE), character())
})

test_that("a network no better than a constant prediction has learned nothing", {
  # within 0.1% of the constant prediction's loss, or above it
  expect_identical(
    convergence_problems(c(2, 1), matrix(0), fitted_and_constant = c(0.6995, 0.7)),
    paste0(not_converged, "the network's loss on the training data (0.6995) is within 0.1% of a constant ",
      "prediction's (0.7) or above it; it has learned nothing from the inputs.")
  )
  expect_length(convergence_problems(c(2, 1), matrix(0), fitted_and_constant = c(0.8, 0.7)), 1)
  expect_identical(convergence_problems(c(2, 1), matrix(0), fitted_and_constant = c(0.69, 0.7)), character())
  # training checks it: targets that the inputs cannot tell apart
  X <- matrix(1, 4, 1)
  y <- matrix(c(0, 1, 0, 1))
  warned <- character()
  withCallingHandlers(
    train(list(list(W = matrix(0.1, 1, 2), b = NULL), list(W = matrix(0.1, 2, 1), b = NULL)), X, y, 0.1, 50),
    nnscratch_convergence = function(w) {
      warned <<- c(warned, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  # the constant prediction is the targets' mean, 0.5: its loss is 4 * 0.5^3
  expect_true(any(grepl("a constant prediction's (0.5)", warned, fixed = TRUE)))
})

# The convergence warnings a call gives.
warnings_of <- function(expr) {
  warned <- character()
  withCallingHandlers(expr, nnscratch_convergence = function(w) {
    warned <<- c(warned, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  warned
}

test_that("unscaled iris at lr 0.5 warns that the loss did not fall", {
  X <- as.matrix(iris[1:4])
  warned <- warnings_of(fit <- article_mlp(X, iris$Species, hidden = 3, lr = 0.5, epochs = 5000, seed = 1))
  expect_true(any(grepl("no lower than it started", warned, fixed = TRUE)))
  # It did fail: no better than always one class.
  expect_equal(mean(predict(fit, X, type = "class") == iris$Species), 1 / 3)
})

test_that("unscaled iris at lr 1 warns that every output is saturated", {
  X <- as.matrix(iris[1:4])
  warned <- warnings_of(article_mlp(X, iris$Species, hidden = 3, lr = 1, epochs = 5000, seed = 1))
  expect_true(any(grepl("every output is saturated", warned, fixed = TRUE)))
})

test_that("the article's run gives no warning", {
  expect_no_warning(train(s$init, s$X, s$y, 0.1, 5000))
  expect_no_warning(article_mlp(s$X, s$y, init = s$init))
})

test_that("verbose prints the loss lines only; the problems are warnings", {
  X <- as.matrix(iris[1:4])
  warned <- warnings_of(out <- capture.output(
    fit <- article_mlp(X, iris$Species, hidden = 3, lr = 0.5, epochs = 5000, seed = 1, verbose = 2500)
  ))
  expect_length(out, 2)
  expect_match(out, "^Error at epoch (0|2500) is ")
  expect_match(warned[1], paste0("^", not_converged, "the loss ended at "))
})
