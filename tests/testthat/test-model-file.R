s <- load_scenario("article")

expect_nn_error <- function(expr, pattern) {
  expect_error(expr, pattern, class = "nnscratch_error", fixed = TRUE)
}

saved <- function(fit) {
  path <- tempfile(fileext = ".json")
  save_model(fit, path)
  path
}

test_that("a saved model loads back with the same numbers, bit for bit", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 500)
  loaded <- load_model(saved(fit))
  expect_identical(loaded$params, fit$params)
  expect_identical(loaded$loss, fit$loss)
  expect_identical(loaded$settings, fit$settings)
  expect_identical(predict(loaded, s$X), predict(fit, s$X))
})

test_that("the file is JSON with the weights row by row, to 17 digits", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 50)
  path <- saved(fit)
  doc <- jsonlite::parse_json(paste(readLines(path), collapse = "\n"))
  expect_identical(doc$format, "nnscratch-model")
  expect_identical(doc$version, 1L)
  expect_identical(doc$architecture, list(n_input = 4L, hidden = 3L, n_output = 1L, bias = TRUE))
  expect_length(doc$weights$wh, 4)
  expect_identical(doc$weights$wh[[2]][[3]], fit$params$wh[2, 3])
  expect_identical(doc$weights$bout[[1]][[1]], fit$params$bout[1, 1])
  expect_length(doc$loss, 50)
  expect_null(doc$classes)
  # 17 significant digits: a weight's text reads back to the same double.
  tokens <- unlist(regmatches(readLines(path), gregexpr("-?[0-9][0-9.e+-]*", readLines(path))))
  expect_true(all(as.numeric(fit$params$wh) %in% as.numeric(tokens)))
})

test_that("a network without biases and a factor model round-trip", {
  fit <- mlp(s$X, s$y, bias = FALSE, seed = 2, epochs = 20)
  loaded <- load_model(saved(fit))
  expect_null(loaded$params$bh)
  expect_identical(predict(loaded, s$X), predict(fit, s$X))
  X <- rbind(diag(3), diag(3))
  labels <- factor(rep(c("b", "c", "a"), 2))
  fit <- mlp(X, labels, hidden = 4, lr = 1, epochs = 300, seed = 1)
  loaded <- load_model(saved(fit))
  expect_identical(loaded$classes, c("a", "b", "c"))
  expect_identical(predict(loaded, X, type = "class"), predict(fit, X, type = "class"))
})

test_that("a formula fit loads as a model that reads its predictors by name", {
  df <- data.frame(s$X, target = s$y[, 1])
  fit <- mlp(target ~ X1 + X3 + X4, data = df, init = list(wh = s$init$wh[1:3, ], bh = s$init$bh, wout = s$init$wout, bout = s$init$bout), epochs = 30)
  loaded <- load_model(saved(fit))
  expect_identical(loaded$blueprint$feature_names, c("X1", "X3", "X4"))
  expect_identical(unname(predict(loaded, df)), unname(predict(fit, df)))
})

test_that("writing is atomic: a failed save leaves the old file and no temporary file", {
  dir <- tempfile("models")
  dir.create(dir)
  path <- file.path(dir, "model.json")
  fit <- mlp(s$X, s$y, init = s$init, epochs = 5)
  save_model(fit, path)
  before <- readLines(path)
  bad <- fit
  bad$params$wh[1, 1] <- NaN
  expect_nn_error(save_model(bad, path), "`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf.")
  expect_identical(readLines(path), before)
  save_model(fit, path)
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "model.json")
  expect_nn_error(save_model(fit, file.path(dir, "no", "m.json")), "`path` must be in an existing folder;")
  # a write that fails at the rename, after the temporary file is complete
  taken <- file.path(dir, "taken")
  dir.create(taken)
  file.create(file.path(taken, "x"))
  expect_error(suppressWarnings(save_model(mlp(s$X, s$y, init = s$init, epochs = 7), taken)))
  expect_setequal(list.files(dir, all.files = TRUE, no.. = TRUE), c("model.json", "taken"))
  expect_identical(readLines(path), before)
  expect_nn_error(save_model(list(), path), "`model` must be a fitted nnscratch network, not a list of length 0.")
})

test_that("a truncated, corrupted, foreign, newer or misshapen file is an error that says which", {
  fit <- mlp(s$X, s$y, init = s$init, epochs = 5)
  path <- saved(fit)
  text <- paste(readLines(path), collapse = "\n")
  write_text <- function(x) {
    p <- tempfile(fileext = ".json")
    writeLines(x, p)
    p
  }
  p <- write_text(substr(text, 1, nchar(text) %/% 2))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is not valid JSON; the file is truncated or corrupted.", p))
  p <- tempfile()
  writeBin(as.raw(c(0x00, 0xff, 0x13, 0x37)), p)
  expect_nn_error(load_model(p), "is not valid JSON; the file is truncated or corrupted.")
  p <- write_text("")
  expect_nn_error(load_model(p), "is not valid JSON; the file is truncated or corrupted.")
  p <- write_text(sub("\"loss\": [", "\"loss\": [NaN,", text, fixed = TRUE))
  expect_nn_error(load_model(p), "is not valid JSON; the file is truncated or corrupted.")
  p <- write_text(sub("\"nnscratch-model\"", "\"keras\"", text, fixed = TRUE))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is not an nnscratch model file: its \"format\" is \"keras\", not \"nnscratch-model\".", p))
  p <- write_text("[1, 2, 3]")
  expect_nn_error(load_model(p), "is not an nnscratch model file: its \"format\" is NULL, not \"nnscratch-model\".")
  p <- write_text(sub("\"version\": 1", "\"version\": 2", text, fixed = TRUE))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is a version 2 nnscratch model file; this nnscratch reads version 1.", p))
  p <- write_text(sub("\"wh\":\\[\\[[^]]*\\],", "\"wh\":[", text))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is a broken nnscratch model file: `weights.wh` must be a list of 4 rows of 3 numbers each.", p))
  p <- write_text(sub("\"hidden\":3", "\"hidden\":2", text, fixed = TRUE))
  expect_nn_error(load_model(p), "broken nnscratch model file: `weights.wh` must be a list of 4 rows of 2 numbers each.")
  p <- write_text(sub("\"bout\":[[", "\"bout\":[[\"1\",", text, fixed = TRUE))
  expect_nn_error(load_model(p), "broken nnscratch model file: `weights.bout` must be a list of 1 rows of 1 numbers each.")
  p <- write_text(sub("\"loss\": [", "\"loss\": [0.5,", text, fixed = TRUE))
  expect_nn_error(load_model(p), "broken nnscratch model file: `loss` must be a list of 5 numbers, one per epoch.")
  expect_nn_error(load_model(file.path(tempdir(), "none.json")), "`path` must be an existing file, not")
  expect_nn_error(load_model(3), "`path` must be a file path, a single string, not 3.")
})

test_that("a section that is not an object, and numbers too large for a double, are clear errors", {
  s <- load_scenario("article")
  fit <- mlp(s$X, s$y, init = s$init, epochs = 5)
  path <- tempfile(fileext = ".json")
  save_model(fit, path)
  text <- paste(readLines(path), collapse = "\n")
  for (section in c("architecture", "weights", "settings")) {
    bad <- tempfile(fileext = ".json")
    doc <- jsonlite::parse_json(text)
    doc[[section]] <- 5
    writeLines(jsonlite::toJSON(doc, auto_unbox = TRUE, null = "null", digits = NA), bad)
    expect_error(load_model(bad), sprintf("`%s.", section), fixed = TRUE, class = "nnscratch_error")
  }
  bad <- tempfile(fileext = ".json")
  writeLines(sub("\"lr\": *[0-9.e+-]+", "\"lr\": 1e999", text), bad)
  expect_error(load_model(bad), "`settings.lr` must be a positive number.", fixed = TRUE, class = "nnscratch_error")
})
