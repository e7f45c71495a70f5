# The article's second part: samples in columns, its printout, moons and
# blobs. Twin of python/tests/test_part2.py.

test_that("the walk-through's untrained error per sample is (y - output)^2 / 2 by hand", {
  s <- load_scenario("part2_walkthrough")
  # The notebook's layout: X is 4 x 3, one column per sample.
  X <- t(s$X)
  hidden <- 1 / (1 + exp(-(t(s$init$wh) %*% X)))
  output <- 1 / (1 + exp(-(t(s$init$wout) %*% hidden)))
  by_hand <- (t(s$y) - output)^2 / 2
  expect_equal(dim(by_hand), c(1L, 3L))
  step <- train_step(s$init, s$X, s$y, lr = 0.01)
  expect_equal(as.vector(step$E^2 / 2), as.vector(by_hand), tolerance = 1e-15)
})

test_that("layout = \"columns\" transposes X and y on the way in, and nothing else", {
  s <- load_scenario("part2_toy")
  # 50 epochs at lr 0.01 have not learned yet, and say so
  rows <- quietly(train(s$init, s$X, s$y, s$lr, 50, trace_at = 50))
  columns <- quietly(train(s$init, t(s$X), t(s$y), s$lr, 50, trace_at = 50, layout = "columns"))
  expect_identical(columns, rows)
  # A plain vector y is one target per sample in either layout.
  expect_identical(
    quietly(train(s$init, t(s$X), c(1, 1, 0), s$lr, 5, layout = "columns"))$params,
    quietly(train(s$init, s$X, s$y, s$lr, 5))$params
  )
})

test_that("verbose prints the article's line every k epochs, from epoch 0, the mean error", {
  s <- load_scenario("part2_toy")
  out <- capture.output(fit <- train(s$init, s$X, s$y, s$lr, s$epochs, verbose = 100))
  expect_length(out, 10)
  # Independently: the error of epoch e + 1's forward pass, averaged.
  params <- s$init
  expected <- character()
  for (epoch in seq_len(s$epochs)) {
    step <- train_step(params, s$X, s$y, s$lr)
    if ((epoch - 1) %% 100 == 0) {
      expected <- c(expected, sprintf("Error at epoch %d is %.5f", epoch - 1, mean((s$y - step$output)^2 / 2)))
    }
    params <- step[c("wh", "bh", "wout", "bout")]
  }
  expect_identical(out, expected)
})

test_that("the progress bar is drawn and changes nothing", {
  s <- load_scenario("article")
  out <- capture.output(fit <- train(s$init, s$X, s$y, 0.1, 200, progress = TRUE))
  expect_match(paste(out, collapse = ""), "100%")
  expect_identical(fit, train(s$init, s$X, s$y, 0.1, 200))
})

test_that("moons: the article's run classifies at least 98% of the samples", {
  s <- load_scenario("moons")
  # lr = 0.1 on the summed loss is too large near the end: the loss
  # oscillates, and training says so.
  expect_warning(
    fit <- article_mlp(s$X, s$y, hidden = s$hidden, lr = s$lr, epochs = s$epochs, bias = FALSE, init = s$init),
    "oscillation", class = "nnscratch_convergence"
  )
  accuracy <- mean(predict(fit, s$X, type = "class") == s$y)
  expect_gte(accuracy, 0.98)
  # No skill: the larger moon's share.
  expect_gt(accuracy, max(mean(s$y), 1 - mean(s$y)) + 0.4)
  p <- predict(fit, s$X)
  expect_true(all(p > 0 & p < 1))
})

test_that("blobs: every sample in its blob, by the largest output", {
  s <- load_scenario("blobs")
  fit <- article_mlp(s$X, s$y, hidden = s$hidden, lr = s$lr, epochs = s$epochs, bias = FALSE, init = s$init)
  expect_identical(predict(fit, s$X, type = "class"), max.col(s$y))
  # No skill: output the class shares for every sample.
  expect_lt(fit$loss[s$epochs], 0.5 * sum(sweep(s$y, 2, colMeans(s$y))^2) / 10)
})

test_that("a bad layout, verbose or progress is an error", {
  s <- load_scenario("article")
  expect_error(train(s$init, s$X, s$y, 0.1, 10, layout = "cols"),
    "`layout` must be \"rows\" or \"columns\", not \"cols\".", fixed = TRUE, class = "nnscratch_error")
  expect_error(train(s$init, s$X, s$y, 0.1, 10, verbose = -1),
    "`verbose` must be a whole number from 0 to 2147483647, not -1.", fixed = TRUE, class = "nnscratch_error")
  expect_error(train(s$init, s$X, s$y, 0.1, 10, progress = "yes"),
    "`progress` must be TRUE or FALSE, not \"yes\".", fixed = TRUE, class = "nnscratch_error")
  # Samples in columns: y has 3 columns, X (4 x 3) 3 samples.
  expect_error(train(s$init, t(s$X), t(rbind(s$y, 1)), 0.1, 10, layout = "columns"),
    "`y` must have as many rows as `X` (3), not 4.", fixed = TRUE, class = "nnscratch_error")
})
