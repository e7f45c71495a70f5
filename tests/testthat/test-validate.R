s <- load_scenario("article")

expect_nn_error <- function(expr, pattern) {
  expect_error(expr, pattern, class = "nnscratch_error", fixed = TRUE)
}

test_that("non-numeric X or y is rejected by name", {
  expect_nn_error(train(s$init, matrix("a", 3, 4), s$y, 0.1, 10), "`X` must be a numeric matrix, not a 3 x 4 matrix of strings.")
  expect_nn_error(train(s$init, s$X, c("1", "1", "0"), 0.1, 10), "`y` must be a numeric matrix, not a text vector of length 3.")
  expect_nn_error(train(s$init, s$X > 0, s$y, 0.1, 10), "`X` must be a numeric matrix, not a 3 x 4 matrix of logical values.")
  expect_nn_error(train(s$init, NULL, s$y, 0.1, 10), "`X` must be a numeric matrix, not NULL.")
})

test_that("NA, NaN and Inf are rejected with their place", {
  for (bad in c(NA, NaN, Inf, -Inf)) {
    X <- s$X
    X[2, 3] <- bad
    expect_nn_error(train(s$init, X, s$y, 0.1, 10), "`X` must not contain NA, NaN or Inf; found")
    expect_nn_error(train(s$init, X, s$y, 0.1, 10), "at row 2, column 3.")
  }
  y <- s$y
  y[3, 1] <- NA
  expect_nn_error(train_step(s$init, s$X, y, 0.1), "`y` must not contain NA, NaN or Inf; found NA at row 3, column 1.")
})

test_that("0 rows and mismatched rows are rejected", {
  expect_nn_error(train(s$init, s$X[0, , drop = FALSE], s$y[0, , drop = FALSE], 0.1, 10), "`X` must have at least one row.")
  expect_nn_error(train(s$init, s$X, c(1, 0), 0.1, 10), "`y` must have as many rows as `X` (3), not 2.")
})

test_that("y outside [0, 1] is rejected", {
  expect_nn_error(train(s$init, s$X, c(1, 2, 0), 0.1, 10), paste(
    "`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 2, column 1. For a continuous target outside",
    "[0, 1], use the identity output; for classes, give labels (R: a factor; Python: strings or a Categorical)."
  ))
  expect_nn_error(mlp(s$X, c(-0.5, 1, 0), output_activation = "softmax"), "`y` must lie in [0, 1], the range of the softmax")
})

test_that("hidden, lr and epochs are checked", {
  expect_nn_error(mlp(s$X, s$y, hidden = 0), "`hidden` must be a whole number from 1 to 2147483647, not 0.")
  expect_nn_error(mlp(s$X, s$y, hidden = 2.5), "`hidden` must be a whole number from 1 to 2147483647, not 2.5.")
  expect_nn_error(mlp(s$X, s$y, hidden = NA), "`hidden` must be a whole number from 1 to 2147483647, not NA.")
  expect_nn_error(train(s$init, s$X, s$y, -1, 10), "`lr` must be a positive number, not -1.")
  expect_nn_error(train(s$init, s$X, s$y, 0, 10), "`lr` must be a positive number, not 0.")
  expect_nn_error(train(s$init, s$X, s$y, "0.1", 10), "`lr` must be a positive number, not \"0.1\".")
  expect_nn_error(train_step(s$init, s$X, s$y, NaN), "`lr` must be a positive number, not NaN.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 0), "`epochs` must be a whole number from 1 to 2147483647, not 0.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 2.5), "`epochs` must be a whole number from 1 to 2147483647, not 2.5.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, Inf), "`epochs` must be a whole number from 1 to 2147483647, not Inf.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 10, trace_every = -1), "`trace_every` must be a whole number from 0 to 2147483647, not -1.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 10, trace_at = 11), "`trace_at` must be whole numbers from 1 to `epochs` (10).")
})

test_that("initial weights of the wrong shape are rejected", {
  bad <- s$init
  bad$wh <- t(bad$wh)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`wh` in `params` must have 4 rows, one per column of `X`, not 3.")
  bad <- s$init
  bad$wout <- matrix(1, 2, 1)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`wout` in `params` must be a 3 x 1 matrix, not 2 x 1.")
  bad <- s$init
  bad$bh <- c(1, 2)
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`bh` in `params` must be a 1 x 3 matrix, not 1 x 2.")
  bad <- s$init
  bad$bout <- NULL
  expect_nn_error(train(bad, s$X, s$y, 0.1, 10), "`params` must have both `bh` and `bout`, or neither.")
  expect_nn_error(train(list(), s$X, s$y, 0.1, 10), "`params` must be a list with matrices `wh` and `wout`")
  expect_nn_error(mlp(s$X, s$y, hidden = 2, init = s$init), "`init` must have hidden layers of 2 neurons, as `hidden` says, not 3.")
  expect_nn_error(mlp(s$X, s$y, hidden = 3, bias = FALSE, init = s$init), "`init` must not have biases, as `bias` is FALSE.")
})

test_that("a bias given as a plain vector is taken as one row", {
  init <- s$init
  init$bh <- as.vector(init$bh)
  expect_identical(train_step(init, s$X, s$y, 0.1), train_step(s$init, s$X, s$y, 0.1))
})

test_that("predict rejects new data with the wrong number of columns", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 10))
  expect_nn_error(predict(fit, s$X[, 1:3]), "`newdata` must have 4 columns, as the training data had, not 3.")
})

test_that("mlp checks seed before it draws or shuffles with it", {
  expect_nn_error(mlp(s$X, s$y, hidden = 3, init = s$init, seed = 1.5, epochs = 2), "`seed` must be NULL or a whole number, not 1.5.")
  expect_nn_error(
    mlp(s$X, s$y, scheme = "article_numpy", seed = 3e9, batch_size = 1, epochs = 2),
    "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 3000000000."
  )
  expect_nn_error(
    mlp(s$X, s$y, scheme = "article_r", seed = 3e9, epochs = 2),
    "`seed` must be NULL or a whole number from -2147483647 to 2147483647 for scheme \"article_r\", not 3000000000."
  )
  # without mini-batches, numpy's wider seed range is fine
  expect_s3_class(quietly(mlp(s$X, s$y, scheme = "article_numpy", seed = 3e9, epochs = 2, batch_size = NULL)), "nnscratch_mlp")
})

test_that("describe() gives the text of its table", {
  # The same rows as python/tests/test_validate.py's DESCRIBE_TABLE, with R's
  # twin of each value.
  table <- list(
    list(NULL, "NULL"),
    list(mean, "a function"),
    list(data.frame(a = 1:3, b = c("x", "y", "z")), "a data frame with a text column `b`"),
    list(data.frame(a = c(1, 2), f = factor(c("u", "v"))), "a data frame with a factor column `f`"),
    list(data.frame(a = 1:3, b = c(0.5, 1.5, 2.5)), "a 3 x 2 data frame of numbers"),
    list(factor(c("a", "b", "a")), "a factor of length 3"),
    list(list(1), "a list of length 1"),
    list(list(wh = 1, bh = 2), "a list of length 2"),
    list(list(), "a list of length 0"),
    list(matrix("a", 3, 4), "a 3 x 4 matrix of strings"),
    list(matrix(FALSE, 2, 2), "a 2 x 2 matrix of logical values"),
    list(matrix(0.1), "a 1 x 1 matrix of numbers"),
    list(matrix(1i), "a 1 x 1 matrix of complex numbers"),
    list(matrix(list(1, "a"), 1, 2), "a 1 x 2 matrix of values"),
    list(array(0, c(2, 3, 4)), "a 2 x 3 x 4 array of numbers"),
    list(NA, "NA"),
    list(NA_real_, "NA"),
    list(NA_character_, "NA"),
    list(TRUE, "TRUE"),
    list(FALSE, "FALSE"),
    list(0.1, "0.1"),
    list(3L, "3"),
    list(-7L, "-7"),
    list(1e20, "1e+20"),
    list(-1e-4, "-0.0001"),
    list(1 / 3, "0.333333333333333"),
    list(-0, "-0"),
    list(NaN, "NaN"),
    list(Inf, "Inf"),
    list(-Inf, "-Inf"),
    list(1e400, "Inf"),
    list("abc", "\"abc\""),
    list(1i, "a complex number"),
    list(c(1, 2, 3, 4), "a numeric vector of length 4"),
    list(array(0.1), "0.1"),
    list(array("a"), "\"a\""),
    list(integer(0), "a numeric vector of length 0"),
    list(c(TRUE, FALSE), "a logical vector of length 2"),
    list(c("a", "b"), "a text vector of length 2"),
    list(c(1i, 2i), "a complex vector of length 2"),
    list(as.Date("2024-01-01"), "an object of class `Date`")
  )
  for (row in table) {
    expect_identical(describe(row[[1]]), row[[2]])
  }
})

test_that("a 1 x 1 matrix is not a number, but an array of one element is", {
  expect_nn_error(train(s$init, s$X, s$y, matrix(0.1), 10), "`lr` must be a positive number, not a 1 x 1 matrix of numbers.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, matrix(10)), "`epochs` must be a whole number from 1 to 2147483647, not a 1 x 1 matrix of numbers.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 10, progress = matrix(TRUE)), "`progress` must be TRUE or FALSE, not a 1 x 1 matrix of logical values.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, c(10, 20)), "`epochs` must be a whole number from 1 to 2147483647, not a numeric vector of length 2.")
  expect_nn_error(train(s$init, s$X, s$y, array(-1), 10), "`lr` must be a positive number, not -1.")
  # a 1-d array of one number is a number, as Python's 0-d and 1-d arrays of one are
  a <- quietly(train(s$init, s$X, s$y, array(0.1), array(3), layout = array("rows")))
  expect_identical(a$loss, quietly(train(s$init, s$X, s$y, 0.1, 3))$loss)
  a <- quietly(train(s$init, s$X, s$y, 0.1, 3, batch_size = 1, seed = array(1)))
  expect_identical(a$loss, quietly(train(s$init, s$X, s$y, 0.1, 3, batch_size = 1, seed = 1))$loss)
  expect_identical(init_params(4, 3, 1, seed = array(5))$wh, init_params(4, 3, 1, seed = 5)$wh)
})

test_that("params names match exactly", {
  expect_nn_error(train(c(s$init, list(whh = s$init$wh)), s$X, s$y, 0.1, 10), "`params` must hold only `wh`, `bh`, `wout` and `bout`, not `whh`.")
  renamed <- list(wh_1 = s$init$wh, wout = s$init$wout)
  expect_nn_error(forward(renamed, s$X), "`params` must hold only `wh`, `bh`, `wout` and `bout`, not `wh_1`.")
  expect_nn_error(mlp(s$X, s$y, init = c(s$init, list(W = 1))), "`init` must hold only `wh`, `bh`, `wout` and `bout`, not `W`.")
  # `$` would match `w` to nothing and `who` to nothing; a prefix is no name
  expect_nn_error(forward(list(w = s$init$wh, wout = s$init$wout), s$X), "not `w`.")
  expect_nn_error(forward(c(s$init, list(wh = s$init$wh)), s$X), "`params` must name each matrix once; `wh` appears twice.")
})

test_that("trace_every above epochs keeps the first and the last epoch", {
  fit <- quietly(train(s$init, s$X, s$y, 0.1, 5, trace_every = 10))
  expect_identical(vapply(fit$trace, `[[`, integer(1), "epoch"), c(1L, 5L))
  expect_length(quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5, trace_every = 10))$trace, 2)
})

test_that("a data frame of numbers is a matrix, and one with text is refused", {
  frame <- as.data.frame(s$X)
  expect_identical(quietly(train(s$init, frame, s$y, 0.1, 5))$loss, quietly(train(s$init, s$X, s$y, 0.1, 5))$loss)
  init <- s$init
  init$wh <- as.data.frame(init$wh)
  expect_identical(forward(init, s$X)$output, forward(s$init, s$X)$output)
  expect_nn_error(train(s$init, data.frame(a = 1:3, b = c("x", "y", "z")), s$y, 0.1, 5), "`X` must be a numeric matrix, not a data frame with a text column `b`.")
})

test_that("one row of X takes one number as y", {
  X1 <- s$X[1, , drop = FALSE]
  expect_identical(quietly(train(s$init, X1, 1, 0.1, 5))$loss, quietly(train(s$init, X1, matrix(1), 0.1, 5))$loss)
  expect_nn_error(train(s$init, s$X, 1, 0.1, 5), "`y` must have as many rows as `X` (3), not 1.")
})

test_that("scheme is checked when init is given", {
  expect_nn_error(mlp(s$X, s$y, init = s$init, scheme = "bogus", epochs = 2), paste0(
    "`scheme` must be \"article_r\", \"article_numpy\", \"glorot_r\", \"glorot_numpy\", \"he_r\", \"he_numpy\" or ",
    "\"sklearn\", not \"bogus\"."
  ))
})

test_that("counts have an upper bound, checked before anything is allocated", {
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 1e12), "`epochs` must be a whole number from 1 to 2147483647, not 1000000000000.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 2^31), "`epochs` must be a whole number from 1 to 2147483647, not 2147483648.")
  expect_nn_error(mlp(s$X, s$y, hidden = 1e10), "`hidden` must be a whole number from 1 to 2147483647, not 10000000000.")
  expect_nn_error(init_params(4, 1e10, 1), "`n_hidden` must be a whole number from 1 to 2147483647, not 10000000000.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, trace_every = 2^31), "`trace_every` must be a whole number from 0 to 2147483647, not 2147483648.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, verbose = 2^31), "`verbose` must be a whole number from 0 to 2147483647, not 2147483648.")
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, batch_size = 4), "`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not 4.")
})

test_that("a run larger than the memory is refused with the figure", {
  # A machine of 1 GB: total_memory() replaced for this test only, as
  # testthat's local_mocked_bindings() (testthat >= 3.1.7) would.
  ns <- asNamespace("nnscratch")
  real <- get("total_memory", ns)
  unlockBinding("total_memory", ns)
  assign("total_memory", function() 1e9, ns)
  on.exit({
    assign("total_memory", real, ns)
    lockBinding("total_memory", ns)
  })
  # 1 GB of memory: 3 samples, 4 inputs, 3 hidden, 1 output and 2e8 epochs
  # keep 8 bytes of loss per epoch, 1.6 GB, and 3 traced epochs of
  # 5 * 3 * (3 + 1) + 19 doubles each, plus the copies of X and y.
  need <- 8 * (2e8 + 2 * 3 * 5 + 3 * (5 * 3 * 4 + 19))
  expect_nn_error(
    train(s$init, s$X, s$y, 0.1, 2e8, trace_every = 2e8),
    sprintf("Training would need about %.1f GB of memory (n = 3, p = 4, hidden = 3, outputs = 1, epochs = 200000000, traced epochs = 2), more than the 1.0 GB this machine has.", need / 1e9)
  )
  # (4 + 1) * 2e7 + (2e7 + 1) * 1 weights, drawn and then shaped: 2 * 8 bytes each
  expect_nn_error(init_params(4, 2e7, 1), "Drawing the initial weights would need about 1.9 GB of memory (n_input = 4, n_hidden = 20000000, n_output = 1)")
})

test_that("the memory is read from /proc/meminfo's MemTotal", {
  skip_if_not(file.exists("/proc/meminfo"), "no /proc/meminfo on this system")
  kb <- as.numeric(strsplit(readLines("/proc/meminfo", n = 1), " +")[[1]][2])
  expect_identical(total_memory(), kb * 1024)
})

test_that("sigmoid and its derivative take numbers of any shape only", {
  for (f in list(sigmoid, derivatives_sigmoid)) {
    bad <- list(list("a", "\"a\""), list(NULL, "NULL"), list(TRUE, "TRUE"), list(c("a", "b"), "a text vector of length 2"), list(1i, "a complex number"),
      list(data.frame(a = 1), "a 1 x 1 data frame of numbers"))
    for (b in bad) {
      expect_nn_error(f(b[[1]]), sprintf("`x` must be numeric (a number, a vector, a matrix or an array), not %s.", b[[2]]))
    }
    expect_identical(dim(f(array(0, c(2, 3, 4)))), c(2L, 3L, 4L))
  }
  expect_identical(sigmoid(0), 0.5)
  expect_identical(derivatives_sigmoid(0.5), 0.25)
})

test_that("an error carries its argument, and a value outside its rule what was expected and given", {
  e <- tryCatch(train(s$init, s$X, s$y, -1, 10), nnscratch_error = function(e) e)
  expect_identical(e[c("arg", "expected", "given", "subject")],
    list(arg = "lr", expected = "a positive number", given = "-1", subject = "`lr`"))
  e <- tryCatch(train(s$init, s$X, s$y[1:2, , drop = FALSE], 0.1, 10), nnscratch_error = function(e) e)
  expect_identical(e$arg, "y")
  expect_null(e$expected)
  e <- tryCatch(load_model(tempdir()), nnscratch_error = function(e) e)
  expect_identical(e$arg, "path")
  expect_identical(e$subject, sprintf("`path` (\"%s\")", tempdir()))
  expect_identical(one_of("a"), "\"a\"")
  expect_identical(one_of(c("a", "b", "c")), "\"a\", \"b\" or \"c\"")
})

test_that("a number's rule is said as the messages say it", {
  expect_identical(number_rule(0, Inf, TRUE, FALSE), "a positive number")
  expect_identical(number_rule(0, Inf, FALSE, FALSE), "a number >= 0")
  expect_identical(number_rule(1, Inf, TRUE, FALSE), "a number > 1")
  expect_identical(number_rule(0, 1, FALSE, TRUE), "a number in [0, 1)")
  expect_identical(number_rule(0, 1, TRUE, FALSE), "a number in (0, 1]")
  expect_identical(check_number(array(0.5), "x", 0, 1), 0.5)
})

test_that("every new argument of train() is checked with a message that names it", {
  f <- load_scenario("football")
  cases <- list(
    list(list(reduction = "max"), "`reduction` must be \"sum\" or \"mean\", not \"max\"."),
    list(list(tol = -1), "`tol` must be a number >= 0, not -1."),
    list(list(n_iter_no_change = 1.5), "`n_iter_no_change` must be NULL or a whole number from 1 to 2147483647, not 1.5."),
    list(list(validation = -0.1), "`validation` must be a number in [0, 1), not -0.1."),
    list(list(validation = 0.01), paste(
      "`validation` (0.01) must hold out at least one sample and leave at least one; it holds out 0 of 15."
    )),
    list(list(early_stopping = 1), "`early_stopping` must be TRUE or FALSE, not 1."),
    list(list(patience = 2.5), "`patience` must be a whole number from 1 to 2147483647, not 2.5."),
    list(list(dropout = c(0.1, 0.2)), "`dropout` must be a number in [0, 1), not a numeric vector of length 2."),
    list(list(dropout = -1), "`dropout` must be a number in [0, 1), not -1."),
    list(list(weights = c(1, NA, rep(1, 13))), "`weights` must be finite numbers >= 0; found NA at position 2."),
    list(list(weights = matrix(1, 15, 1)), "`weights` must be NULL or a numeric vector, one weight per sample, not a 15 x 1 matrix of numbers."),
    list(list(weights = 2), "`weights` must have one weight per sample (15), not 1."),
    list(list(record_gradients = NA), "`record_gradients` must be TRUE or FALSE, not NA."),
    list(list(validation_data = list(f$X)), "`validation_data` must be NULL or a list of `X` and `y` (and their weights), not a list of length 1."),
    list(list(validation_data = list(f$X, f$y[1:3, ])), "`validation_data y` must have as many rows as `X` (15), not 3."),
    list(list(validation_data = list(f$X, f$y, rep(1, 3))), "`validation_data weights` must have one weight per sample (15), not 3."),
    list(list(seed = 2^31), "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 2147483648."),
    list(list(activation = c("relu", "tanh")), paste(
      "`activation` must be \"sigmoid\", \"tanh\", \"relu\" or \"identity\", or one of them per hidden layer (1),",
      "not a text vector of length 2."
    ))
  )
  for (case in cases) {
    e <- tryCatch(do.call(train, c(list(f$init, f$X, f$y, 0.1, 3), case[[1]])), nnscratch_error = function(e) e)
    expect_identical(conditionMessage(e), case[[2]])
  }
  # a layer's rate each, for two hidden layers
  d <- load_scenario("blobs_deep")
  fit <- quietly(train(d$init, d$X, d$y, 0.01, 1, activation = "tanh", output_activation = "softmax", loss = "log_loss",
    dropout = c(0.1, 0.2), seed = 1))
  expect_identical(fit$settings$dropout, c(0.1, 0.2))
})
