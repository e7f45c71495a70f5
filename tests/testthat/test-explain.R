test_that("explain_epoch prints every intermediate, rounded to 4 decimals", {
  s <- load_scenario("article")
  out <- capture.output(step <- explain_epoch(s$init, s$X, s$y, s$lr))
  expect_identical(step, train_step(s$init, s$X, s$y, s$lr))
  for (name in names(step)) {
    at <- match(sprintf("%s (%d x %d)", name, nrow(step[[name]]), ncol(step[[name]])), out)
    expect_false(is.na(at), info = name)
    rows <- out[at + seq_len(nrow(step[[name]]))]
    # each row is ncol fields of 10 characters
    printed <- t(vapply(rows, function(r) {
      as.numeric(substring(r, seq(1, nchar(r), 10), seq(10, nchar(r), 10)))
    }, numeric(ncol(step[[name]])), USE.NAMES = FALSE))
    if (ncol(step[[name]]) == 1) printed <- t(printed)
    expect_equal(printed, round(step[[name]], 4), tolerance = 0, info = name)
  }
})

test_that("explain_epoch says when a network has no biases", {
  s <- load_scenario("article_nobias")
  out <- capture.output(explain_epoch(s$init, s$X, s$y, s$lr))
  expect_true("bh: none (a network without biases)" %in% out)
})

test_that("explain_epoch checks its input as train_step does", {
  s <- load_scenario("article")
  expect_error(explain_epoch(s$init, s$X, s$y, -1), "`lr` must be a positive number, not -1.", fixed = TRUE, class = "nnscratch_error")
})

test_that("explain_epoch prints every layer of a deep network", {
  s <- load_scenario("blobs")
  init <- init_params(2, c(3, 2), 3, seed = 4)
  out <- capture.output(step <- explain_epoch(init, s$X[1:5, ], s$y[1:5, ], 0.1, "tanh", "softmax", "log_loss"))
  for (l in 1:3) {
    shown <- list(z = step$z[[l]], a = step$a[[l + 1]], delta = step$delta[[l]], W = step$layers[[l]]$W)
    for (name in names(shown)) {
      m <- shown[[name]]
      at <- match(sprintf("%s_%d (%d x %d)", name, l, nrow(m), ncol(m)), out)
      first <- as.numeric(substring(out[at + 1], seq(1, 10 * ncol(m), 10), seq(10, 10 * ncol(m), 10)))
      expect_identical(first, round(m[1, ], 4))
    }
  }
  expect_true("slope_3: none (the error is already the delta)" %in% out)
  expect_identical(out[length(out)], sprintf("loss: %.6g", step$loss))
})

test_that("explain_epoch shows the next epoch of a train() result, with its settings", {
  s <- load_scenario("blobs_deep")
  fit <- quietly(train(s$init, s$X[1:6, ], s$y[1:6, ], 0.01, 3, activation = "tanh", output_activation = "softmax",
    loss = "log_loss", decay = 0.1))
  out <- capture.output(step <- explain_epoch(fit, s$X[1:6, ], s$y[1:6, ]))
  expect_identical(step, train_step(fit$params, s$X[1:6, ], s$y[1:6, ], 0.01, "tanh", "softmax", "log_loss", 0.1))
  # a rate given replaces the fit's
  out <- capture.output(faster <- explain_epoch(fit, s$X[1:6, ], s$y[1:6, ], lr = 0.5))
  expect_equal(faster$layers[[3]]$W - fit$params[[3]]$W, 50 * (step$layers[[3]]$W - fit$params[[3]]$W),
    tolerance = 1e-10)
})
