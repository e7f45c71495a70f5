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
    paste0(not_converged, "every output is saturated (|z| > 15) for every sample; scale the inputs or lower `lr`.")
  )
  # one unit left in range, or an output that does not saturate: fine
  expect_identical(convergence_problems(c(2, 1), rbind(c(16, -15.5), c(-40, 14))), character())
  expect_identical(convergence_problems(c(2, 1), z, "identity"), character())
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

test_that("unscaled iris at lr 0.5 warns that the loss did not fall", {
  X <- as.matrix(iris[1:4])
  expect_warning(
    fit <- mlp(X, iris$Species, hidden = 3, lr = 0.5, epochs = 5000, seed = 1),
    "no lower than it started", class = "nnscratch_convergence"
  )
  # It did fail: no better than always one class.
  expect_equal(mean(predict(fit, X, type = "class") == iris$Species), 1 / 3)
})

test_that("unscaled iris at lr 1 warns that every output is saturated", {
  X <- as.matrix(iris[1:4])
  warnings <- list()
  withCallingHandlers(
    mlp(X, iris$Species, hidden = 3, lr = 1, epochs = 5000, seed = 1),
    nnscratch_convergence = function(w) {
      warnings[[length(warnings) + 1]] <<- conditionMessage(w)
      invokeRestart("muffleWarning")
    }
  )
  expect_true(any(grepl("saturated (|z| > 15)", unlist(warnings), fixed = TRUE)))
})

test_that("the article's run gives no warning", {
  expect_no_warning(train(s$init, s$X, s$y, 0.1, 5000))
  expect_no_warning(mlp(s$X, s$y, init = s$init))
})

test_that("verbose prints the warning after the error lines", {
  X <- as.matrix(iris[1:4])
  expect_warning(
    out <- capture.output(mlp(X, iris$Species, hidden = 3, lr = 0.5, epochs = 5000, seed = 1, verbose = 2500)),
    class = "nnscratch_convergence"
  )
  expect_match(out[1], "^Error at epoch 0 is ")
  expect_match(out[3], paste0("^Warning: ", not_converged, "the loss ended at "))
})
