s <- load_scenario("article")

expect_nn_error <- function(expr, pattern) {
  expect_error(expr, pattern, class = "nnscratch_error", fixed = TRUE)
}

# The message of the nnscratch error `expr` raises; any warning on the way
# fails the test.
refusal <- function(expr) {
  warned <- character()
  msg <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warned <<- c(warned, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    nnscratch_error = function(e) conditionMessage(e)
  )
  expect_identical(warned, character())
  msg
}

saved <- function(fit) {
  path <- tempfile(fileext = ".json")
  save_model(fit, path)
  path
}

read_text <- function(path) rawToChar(readBin(path, "raw", file.size(path)))

write_text <- function(x, path = tempfile(fileext = ".json")) {
  writeBin(if (is.raw(x)) x else charToRaw(x), path)
  path
}

# The checksum made again after an edit, so that the reader's other checks
# can be reached.
reseal <- function(text) {
  body <- sub(",\n  \"checksum\": \"[^\"]*\"\n}\n$", "\n}\n", text)
  sum <- digest::digest(charToRaw(body), algo = "sha256", serialize = FALSE)
  sub("\n}\n$", sprintf(",\n  \"checksum\": \"sha256:%s\"\n}\n", sum), body)
}

fixture <- function(name) test_path("fixtures", name)

test_that("a saved model loads back with the same numbers, bit for bit", {
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 500)
  loaded <- load_model(saved(fit))
  expect_identical(loaded$layers, fit$layers)
  expect_identical(loaded$loss, fit$loss)
  expect_identical(loaded$settings, fit$settings)
  expect_identical(predict(loaded, s$X), predict(fit, s$X))
  expect_identical(attr(loaded, "model_file")$version, 3L)
  # and a fit of the defaults, with its scale, history and optimizer state
  X <- as.matrix(iris[1:4])
  fit <- quietly(mlp(X, iris$Species, hidden = 5, epochs = 20, seed = 1, batch_size = 40, validation = 0.2))
  loaded <- load_model(saved(fit))
  expect_identical(loaded[c("layers", "settings", "loss", "history", "state", "classes", "scale", "role")],
    fit[c("layers", "settings", "loss", "history", "state", "classes", "scale", "role")])
  expect_identical(predict(loaded, X, type = "prob"), predict(fit, X, type = "prob"))
  # a loaded model goes on as the fit would have
  expect_identical(quietly(mlp(X, iris$Species, init = loaded, epochs = 3))$layers,
    quietly(mlp(X, iris$Species, init = fit, epochs = 3))$layers)
})

test_that("the file is version 3 JSON, weights row by row to 17 digits, with the SHA-256 of the rest", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 50))
  path <- saved(fit)
  doc <- jsonlite::parse_json(read_text(path))
  expect_identical(names(doc), c(
    "format", "version", "role", "architecture", "layers", "settings", "loss", "history", "classes",
    "feature_names", "state", "checksum"
  ))
  expect_identical(doc$version, 3L)
  expect_identical(doc$role, "either")
  # every setting, in the order of the schema both languages read
  expect_identical(names(doc$settings), c(
    "loss", "reduction", "decay", "optimizer", "lr", "momentum", "rho", "beta1", "beta2", "epsilon", "schedule",
    "power_t", "gamma", "epochs", "batch_size", "scale", "validation", "early_stopping", "patience", "tol",
    "n_iter_no_change", "dropout", "class_weight", "seed", "scheme", "exact"
  ))
  expect_identical(doc$state[c("epoch", "t", "slots", "schedule_lr", "random", "validation", "best_loss")],
    list(epoch = 50L, t = 50L, slots = structure(list(), names = character(0)), schedule_lr = 0.1, random = NULL,
      validation = NULL, best_loss = NULL))
  expect_identical(doc$architecture, list(
    n_input = 4L, hidden = list(3L), n_output = 1L, bias = TRUE,
    activation = list("sigmoid"), output_activation = "sigmoid"
  ))
  expect_length(doc$layers[[1]]$W, 4)
  expect_identical(doc$layers[[1]]$W[[2]][[3]], fit$layers[[1]]$W[2, 3])
  expect_identical(doc$layers[[2]]$b[[1]][[1]], fit$layers[[2]]$b[1, 1])
  expect_identical(doc$settings[c("loss", "decay", "exact")], list(loss = "half_sse", decay = 0L, exact = FALSE))
  expect_length(doc$loss, 50)
  expect_null(doc$classes)
  # 17 significant digits: a weight's text reads back to the same double.
  lines <- readLines(path)
  tokens <- unlist(regmatches(lines, gregexpr("-?[0-9][0-9.e+-]*", lines)))
  expect_true(all(as.numeric(fit$layers[[1]]$W) %in% suppressWarnings(as.numeric(tokens))))
  # The checksum is the SHA-256 (as coreutils' sha256sum computes it) of the
  # file without its last member.
  text <- read_text(path)
  body <- write_text(sub(",\n  \"checksum\": \"[^\"]*\"\n}\n$", "\n}\n", text))
  expected <- strsplit(system2("sha256sum", body, stdout = TRUE), " ")[[1]][1]
  expect_identical(doc$checksum, paste0("sha256:", expected))
  expect_true(endsWith(text, sprintf(",\n  \"checksum\": \"sha256:%s\"\n}\n", expected)))
})

test_that("a network without biases and a factor model round-trip", {
  fit <- quietly(article_mlp(s$X, s$y, bias = FALSE, seed = 2, epochs = 20))
  loaded <- load_model(saved(fit))
  expect_null(loaded$layers[[1]]$b)
  expect_identical(predict(loaded, s$X), predict(fit, s$X))
  X <- rbind(diag(3), diag(3))
  labels <- factor(rep(c("b", "c", "a"), 2))
  fit <- article_mlp(X, labels, hidden = 4, lr = 1, epochs = 300, seed = 1)
  loaded <- load_model(saved(fit))
  expect_identical(loaded$classes, c("a", "b", "c"))
  expect_identical(predict(loaded, X, type = "class"), predict(fit, X, type = "class"))
})

test_that("labels keep their type: strings, whole numbers and booleans", {
  fit <- quietly(mlp(s$X, factor(c("a", "b", "a")), hidden = 3, epochs = 5, seed = 1))
  for (classes in list(c("no", "yes"), c(3L, 7L), c(FALSE, TRUE), c(-2147483647L, 2147483647L))) {
    fit$classes <- classes
    path <- saved(fit)
    expect_identical(load_model(path)$classes, classes)
    # in the file, as JSON's own types
    expect_identical(unlist(jsonlite::parse_json(read_text(path))$classes), classes)
  }
  fit$classes <- c(1, 2)
  expect_identical(load_model(saved(fit))$classes, c(1L, 2L))
})

test_that("a label JSON cannot hold is refused before anything is written", {
  fit <- quietly(mlp(s$X, factor(c("a", "b", "a")), hidden = 3, epochs = 5, seed = 1))
  path <- saved(fit)
  before <- read_text(path)
  bad <- list(as.Date(c("2024-01-01", "2024-01-02")), c(0.5, 1), c(1, 2^31), c("a", NA))
  for (classes in bad) {
    fit$classes <- classes
    expect_nn_error(save_model(fit, path), "`model` must have class labels that are all strings, all whole numbers or all booleans to be saved, not ")
    expect_identical(read_text(path), before)
  }
  expect_identical(list.files(dirname(path), pattern = "^\\.nnscratch-", all.files = TRUE), character())
})

# A folder holding one saved model, model.json, for the tests of saves that
# fail: list(dir, path, fit, before), `before` the file's text; a test takes
# them as its own variables with list2env().
saved_in_folder <- function(prefix, tmpdir = tempdir()) {
  dir <- tempfile(prefix, tmpdir = tmpdir)
  dir.create(dir)
  path <- file.path(dir, "model.json")
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5))
  save_model(fit, path)
  list(dir = dir, path = path, fit = fit, before = read_text(path))
}

test_that("writing is atomic: a failed save leaves the old file and no temporary file", {
  list2env(saved_in_folder("models"), environment())
  bad <- fit
  bad$layers[[1]]$W[1, 1] <- NaN
  expect_nn_error(save_model(bad, path), "`model` must have finite weights and loss to be saved; JSON has no NaN or Inf.")
  expect_identical(read_text(path), before)
  save_model(fit, path)
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "model.json")
  expect_nn_error(save_model(fit, file.path(dir, "no", "m.json")), "`path` must be in an existing folder;")
  taken <- file.path(dir, "taken")
  dir.create(taken)
  file.create(file.path(taken, "x"))
  expect_identical(refusal(save_model(fit, taken)), sprintf("`path` (\"%s\") could not be written: it is a folder.", taken))
  expect_setequal(list.files(dir, all.files = TRUE, no.. = TRUE), c("model.json", "taken"))
  expect_identical(read_text(path), before)
  expect_nn_error(save_model(list(), path), "`model` must be a fitted nnscratch network, not a list of length 0.")
})

# Run `code` in a child R with the package, as another user when this one
# is root (root writes anywhere) and under `limits` (shell commands); return
# what it prints.
child_r <- function(code, limits = "", user = NULL) {
  # in /tmp itself, so that another user can read it
  script <- tempfile(fileext = ".R", tmpdir = "/tmp")
  on.exit(unlink(script))
  writeLines(c("library(nnscratch)", code), script)
  Sys.chmod(script, "644")
  libs <- .libPaths()
  if (!is.null(user)) {
    # R CMD check's libraries may sit in folders only this user can read:
    # the other user gets a readable copy of the package
    lib <- tempfile("rlib", tmpdir = "/tmp")
    dir.create(lib)
    on.exit(unlink(lib, recursive = TRUE), add = TRUE)
    file.copy(find.package("nnscratch"), lib, recursive = TRUE)
    system2("chmod", c("-R", "a+rX", lib))
    # and the libraries its dependencies really are in, behind R CMD
    # check's links in a private folder
    real <- dirname(normalizePath(list.files(libs, full.names = TRUE)))
    libs <- unique(c(lib, libs, real))
  }
  env <- sprintf("R_LIBS=%s", shQuote(paste(libs, collapse = ":")))
  run <- sprintf("%s exec env %s %s %s", limits, env, shQuote(file.path(R.home("bin"), "Rscript")), shQuote(script))
  if (!is.null(user)) run <- sprintf("exec setpriv --reuid=%d --regid=%d --clear-groups bash -c %s", user, user, shQuote(run))
  system2("bash", c("-c", shQuote(run)), stdout = TRUE, stderr = TRUE)
}

test_that("a save that hits a file size limit is an error that names the file, and changes nothing", {
  list2env(saved_in_folder("limited"), environment())
  model <- tempfile(fileext = ".rds")
  saveRDS(article_mlp(s$X, s$y, init = s$init, epochs = 300), model)
  # The limit is 1 KiB and the file about 8 KiB: the write stops part-way.
  # The shell ignores SIGXFSZ, so that the write fails rather than the process.
  out <- child_r(
    sprintf("tryCatch(save_model(readRDS('%s'), '%s'), error = function(e) cat(conditionMessage(e)))", model, path),
    limits = "trap '' XFSZ; ulimit -f 1;"
  )
  expect_match(
    paste(out, collapse = "\n"),
    sprintf("^`path` \\(\"%s\"\\) could not be written: the disk is full or a file size limit was reached \\(1024 of [0-9]+ bytes written\\)\\.$", path)
  )
  expect_identical(read_text(path), before)
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "model.json")
})

test_that("a save into a folder without write permission names the file and the cause", {
  # in /tmp itself, so that another user can reach it
  list2env(saved_in_folder("readonly", tmpdir = "/tmp"), environment())
  on.exit(unlink(dir, recursive = TRUE))
  Sys.chmod(dir, "555")
  on.exit(Sys.chmod(dir, "755"), add = TRUE, after = FALSE)
  model <- tempfile(fileext = ".rds", tmpdir = "/tmp")
  on.exit(unlink(model), add = TRUE)
  saveRDS(fit, model)
  Sys.chmod(model, "644")
  code <- sprintf("tryCatch(save_model(readRDS('%s'), '%s'), error = function(e) cat(conditionMessage(e)))", model, path)
  # root writes anywhere: the save then runs as the user nobody
  out <- if (Sys.info()[["effective_user"]] == "root") child_r(code, user = 65534L) else child_r(code)
  expect_identical(paste(out, collapse = "\n"), sprintf("`path` (\"%s\") could not be written: Permission denied.", path))
  expect_identical(read_text(path), before)
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "model.json")
})

test_that("a truncated, corrupted, foreign, newer or misshapen file is an error that says which", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5))
  text <- read_text(saved(fit))
  p <- write_text(substr(text, 1, nchar(text) %/% 2))
  expect_identical(refusal(load_model(p)), sprintf("`path` (\"%s\") is not valid JSON; the file is truncated or corrupted.", p))
  expect_nn_error(load_model(write_text(as.raw(c(0x00, 0xff, 0x13, 0x37)))), "is not valid JSON; the file is truncated or corrupted.")
  expect_nn_error(load_model(write_text("")), "is not valid JSON; the file is truncated or corrupted.")
  expect_nn_error(load_model(write_text(sub("\"loss\": [", "\"loss\": [NaN,", text, fixed = TRUE))), "is not valid JSON; the file is truncated or corrupted.")
  expect_nn_error(load_model(write_text(sub("\n}\n$", "\n} // end\n", text))), "is not valid JSON; the file is truncated or corrupted.")
  p <- write_text(sub("\"nnscratch-model\"", "\"keras\"", text, fixed = TRUE))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is not an nnscratch model file: its \"format\" is \"keras\", not \"nnscratch-model\".", p))
  expect_nn_error(load_model(write_text("[1, 2, 3]")), "is not an nnscratch model file: it holds a JSON array, not an object.")
  expect_nn_error(load_model(write_text(sub("\"format\"", "\"format_\"", text))), "its \"format\" is missing, not \"nnscratch-model\".")
  p <- write_text(sub("\"version\": 3", "\"version\": 4", text, fixed = TRUE))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is an nnscratch model file whose \"version\" is 4; this nnscratch reads versions 1, 2 and 3.", p))
  p <- write_text(reseal(sub("\"W\":\\[\\[[^]]*\\],", "\"W\":[", text)))
  expect_nn_error(load_model(p), sprintf("`path` (\"%s\") is a broken nnscratch model file: `layers[1].W` must be a list of 4 rows of 3 numbers each.", p))
  # a file resealed around a change: its checksum matches, its content does not
  resealed <- function(from, to, fixed = TRUE, x = text) load_model(write_text(reseal(sub(from, to, x, fixed = fixed))))
  expect_nn_error(resealed("\"hidden\":[3]", "\"hidden\":[2]"),
    "broken nnscratch model file: `layers[1].W` must be a list of 4 rows of 2 numbers each.")
  expect_nn_error(resealed("\"b\":[[", "\"b\":[[\"1\","),
    "broken nnscratch model file: `layers[1].b` must be a list of 1 rows of 3 numbers each.")
  expect_nn_error(resealed("\"loss\": [", "\"loss\": [0.5,"),
    "broken nnscratch model file: `loss` must be a list of 1 to 5 numbers, one per epoch trained.")
  expect_nn_error(resealed("\"lr\":[0-9.e+-]+", "\"lr\":1e999", fixed = FALSE),
    "broken nnscratch model file: `settings.lr` must be a positive number.")
  expect_nn_error(resealed("\"role\": \"either\"", "\"role\": \"ranker\""),
    "broken nnscratch model file: `role` must be \"classifier\", \"regressor\" or \"either\".")
  expect_nn_error(resealed("\"optimizer\":\"sgd\"", "\"optimizer\":\"adam\""),
    "broken nnscratch model file: `state.slots` must be an object with \"exp_avg\" and \"exp_avg_sq\", the slots of the optimizer \"adam\".")
  expect_nn_error(resealed("\"epoch\":5,", "\"epoch\":4,"),
    "broken nnscratch model file: `state.epoch` must be 5, the epochs of `loss`.")
  expect_nn_error(
    resealed("\"output_activation\":\"sigmoid\"", "\"output_activation\":\"identity\"",
      x = sub("\"loss\":\"half_sse\"", "\"loss\":\"log_loss\"", text, fixed = TRUE)),
    "broken nnscratch model file: `loss` \"log_loss\" needs a \"sigmoid\" or \"softmax\" output, not \"identity\"."
  )
  expect_nn_error(load_model(file.path(tempdir(), "none.json")), "`path` must be an existing file, not")
  expect_nn_error(load_model(3), "`path` must be a file path, a single string, not 3.")
})

test_that("a changed digit, a changed space or a missing checksum is a modified file", {
  fit <- quietly(article_mlp(s$X, factor(c("a", "b", "a")), init = s$init, epochs = 5))
  text <- read_text(saved(fit))
  modified <- function(p) sprintf("`path` (\"%s\") was modified or corrupted: its checksum does not match its content.", p)
  edits <- list(
    lr = function(x) sub("\"lr\":0.10000000000000001", "\"lr\":0.10000000000000002", x, fixed = TRUE),
    loss = function(x) sub("(\"loss\": \\[0\\.[0-9]{5})[0-9]", "\\19", x),
    label = function(x) sub("[\"a\",\"b\"]", "[\"b\",\"a\"]", x, fixed = TRUE),
    space = function(x) sub("\"version\": 3", "\"version\":  3", x, fixed = TRUE),
    checksum = function(x) sub("sha256:[0-9a-f]", "sha256:g", x)
  )
  for (edit in names(edits)) {
    changed <- edits[[edit]](text)
    expect_false(identical(changed, text), label = edit)
    p <- write_text(changed)
    expect_identical(refusal(load_model(p)), modified(p), label = edit)
  }
  # a digit changed in the weights, by arithmetic on the text
  w <- regmatches(text, regexpr("\"W\":\\[\\[[-0-9.e]+", text))
  number <- sub("\"W\":[[", "", w, fixed = TRUE)
  digit <- substr(number, nchar(number) - 1, nchar(number) - 1)
  other <- as.character((as.integer(digit) + 1) %% 10)
  changed <- sub(w, paste0(substr(w, 1, nchar(w) - 2), other, substr(w, nchar(w), nchar(w))), text, fixed = TRUE)
  p <- write_text(changed)
  expect_identical(refusal(load_model(p)), modified(p))
  p <- write_text(sub(",\n  \"checksum\": \"[^\"]*\"", "", text))
  expect_nn_error(load_model(p), "is a broken nnscratch model file: the top level lacks the key \"checksum\".")
})

test_that("one strict rule: duplicate keys, other keys, BOM, invalid UTF-8, deep nesting, bad escapes", {
  fit <- quietly(article_mlp(s$X, factor(c("a", "b", "a")), init = s$init, epochs = 5))
  text <- read_text(saved(fit))
  msg <- function(p, fmt, ...) sprintf(paste0("`path` (\"%s\") ", fmt), p, ...)
  layers <- regmatches(text, regexpr("\n  \"layers\": [^\n]*,", text))
  p <- write_text(sub("\n  \"settings\"", paste0(layers, "\n  \"settings\""), text, fixed = TRUE))
  expect_identical(refusal(load_model(p)), msg(p, "has the key \"layers\" twice in one JSON object; a model file has each key once."))
  p <- write_text(sub("\"version\": 3,", "\"version\": 3,\n  \"version\": 1,", text, fixed = TRUE))
  expect_identical(refusal(load_model(p)), msg(p, "has the key \"version\" twice in one JSON object; a model file has each key once."))
  p <- write_text(reseal(sub("\"scheme\":", "\"schemeX\":", text, fixed = TRUE)))
  expect_identical(refusal(load_model(p)), msg(p, "is a broken nnscratch model file: `settings` has an unknown key \"schemeX\"."))
  p <- write_text(reseal(sub("\"settings\":", "\"settingsX\":", text, fixed = TRUE)))
  expect_identical(refusal(load_model(p)), msg(p, "is a broken nnscratch model file: the top level has an unknown key \"settingsX\"."))
  p <- write_text(reseal(sub("\"exact\":false", "\"exac\":false", text, fixed = TRUE)))
  expect_identical(refusal(load_model(p)), msg(p, "is a broken nnscratch model file: `settings` has an unknown key \"exac\"."))
  p <- write_text(reseal(sub(",\"exact\":false", "", text, fixed = TRUE)))
  expect_identical(refusal(load_model(p)), msg(p, "is a broken nnscratch model file: `settings` lacks the key \"exact\"."))
  p <- write_text(c(as.raw(c(0xef, 0xbb, 0xbf)), charToRaw(text)))
  expect_identical(refusal(load_model(p)), msg(p, "starts with a byte-order mark; a model file is UTF-8 without one."))
  bytes <- charToRaw(text)
  at <- regexpr("\"a\"", text, fixed = TRUE)
  bytes[at + 1] <- as.raw(0xff)
  p <- write_text(bytes)
  expect_identical(refusal(load_model(p)), msg(p, "is not valid UTF-8; the file is corrupted."))
  p <- write_text(paste0(strrep("[", 100000), strrep("]", 100000)))
  expect_identical(refusal(load_model(p)), msg(p, "nests JSON deeper than a model file's 7 levels; the file is corrupted."))
  # a model file nests 7 deep: the slots of an optimizer's state
  p <- write_text(paste0(strrep("[", 8), strrep("]", 8)))
  expect_identical(refusal(load_model(p)), msg(p, "nests JSON deeper than a model file's 7 levels; the file is corrupted."))
  p <- write_text(paste0(strrep("[", 7), strrep("]", 7)))
  expect_identical(refusal(load_model(p)), msg(p, "is not an nnscratch model file: it holds a JSON array, not an object."))
  escape <- "has a string with a \\u0000 or unpaired surrogate escape, which is not text."
  for (label in c("\\u0000", "\\ud800", "x\\udc00", "\\ud800\\u0041")) {
    p <- write_text(reseal(sub("\"a\"", sprintf("\"%s\"", label), text, fixed = TRUE)))
    expect_identical(refusal(load_model(p)), msg(p, escape), label = label)
  }
  # a pair is one character; an escaped backslash is not an escape
  p <- write_text(reseal(sub("\"a\"", "\"\\ud83d\\ude00\"", text, fixed = TRUE)))
  expect_identical(load_model(p)$classes, c("\U0001F600", "b"))
  p <- write_text(reseal(sub("\"a\"", "\"\\\\u0000\"", text, fixed = TRUE)))
  expect_identical(load_model(p)$classes, c("\\u0000", "b"))
})

test_that("only a regular file is opened: a folder, a FIFO or a device is refused at once", {
  dir <- tempfile("folder")
  dir.create(dir)
  expect_identical(refusal(load_model(dir)), sprintf("`path` (\"%s\") is a folder, not a model file; only a regular file is read.", dir))
  fifo <- tempfile("fifo")
  expect_identical(system2("mkfifo", fifo), 0L)
  # with no writer, opening the FIFO would block: the test would hang
  expect_identical(refusal(load_model(fifo)), sprintf("`path` (\"%s\") is a FIFO, not a model file; only a regular file is read.", fifo))
  expect_identical(refusal(load_model("/dev/zero")), "`path` (\"/dev/zero\") is a device, not a model file; only a regular file is read.")
})

test_that("version 1 files still load, predict as before and say they carry no checksum", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 50))
  for (name in c("v1_article_r.json", "v1_article_py.json")) {
    loaded <- expect_silent(load_model(fixture(name)))
    expect_equal(predict(loaded, s$X), predict(fit, s$X), tolerance = 1e-12)
    expect_identical(attr(loaded, "model_file"), list(version = 1L, checksum = NULL))
    expect_identical(loaded$settings$scheme, "article_r")
  }
  loaded <- load_model(fixture("v1_labels_r.json"))
  expect_identical(loaded$classes, c("a", "b", "c"))
  expect_identical(loaded$blueprint$feature_names, c("a", "b", "c"))
  expect_identical(as.character(predict(loaded, diag(3), type = "class")), c("b", "c", "a"))
  # without "scheme" (and "seed"), the scheme is the default in both languages
  text <- read_text(fixture("v1_article_r.json"))
  p <- write_text(sub(",\"seed\":null,\"scheme\":\"article_r\"", "", text, fixed = TRUE))
  expect_identical(load_model(p)$settings[c("seed", "scheme")], list(seed = NULL, scheme = "article_r"))
  # saved again, a version 1 model becomes a version 3 file with the same weights
  again <- load_model(saved(load_model(fixture("v1_article_r.json"))))
  expect_identical(again$layers, load_model(fixture("v1_article_r.json"))$layers)
  expect_identical(attr(again, "model_file")$version, 3L)
  p <- write_text(sub("\n}\n$", ",\n  \"checksum\": \"sha256:0\"\n}\n", text))
  expect_nn_error(load_model(p), "is a broken nnscratch model file: the top level has an unknown key \"checksum\".")
  p <- write_text(sub("\"weights\":", "\"weightsX\":", text, fixed = TRUE))
  expect_nn_error(load_model(p), "is a broken nnscratch model file: the top level has an unknown key \"weightsX\".")
})

test_that("a section that is not an object is a clear error", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5))
  text <- read_text(saved(fit))
  for (section in c("architecture", "settings")) {
    p <- write_text(reseal(sub(sprintf("\"%s\": \\{[^\n]*\\},", section), sprintf("\"%s\": 5,", section), text)))
    expect_nn_error(load_model(p), sprintf("broken nnscratch model file: `%s` must be an object, not a JSON number.", section))
  }
  p <- write_text(reseal(sub("\"layers\": \\[[^\n]*\\],", "\"layers\": [5,6],", text)))
  expect_nn_error(load_model(p), "broken nnscratch model file: `layers[1]` must be an object, not a JSON number.")
})

test_that("a deep network round-trips with its activations, loss, decay, batch size, exact mode and scale", {
  # unnamed columns: a file holds no dimnames, and training on named columns
  # names the rows of the first layer's W
  X <- unname(as.matrix(iris[, 1:4]))
  fit <- quietly(mlp(
    X, iris$Species, hidden = c(5, 4), activation = c("tanh", "relu"), output_activation = "softmax",
    loss = "log_loss", decay = 0.01, lr = 0.01, epochs = 20, seed = 1, batch_size = 50, exact = TRUE
  ))
  path <- saved(fit)
  loaded <- load_model(path)
  expect_identical(loaded$layers, fit$layers)
  expect_identical(loaded$settings, fit$settings)
  expect_identical(loaded$classes, levels(iris$Species))
  expect_identical(predict(loaded, X), predict(fit, X))
  doc <- jsonlite::parse_json(read_text(path))
  expect_identical(doc$architecture$hidden, list(5L, 4L))
  expect_identical(doc$architecture$activation, list("tanh", "relu"))
  expect_length(doc$layers, 3)
  expect_length(doc$layers[[2]]$W, 5)
  expect_length(doc$layers[[2]]$W[[1]], 4)
  expect_identical(doc$settings[c("loss", "decay", "batch_size", "exact")], list(loss = "log_loss", decay = 0.01, batch_size = 50L, exact = TRUE))
  # the scale, centre and spread of each column
  expect_identical(doc$scale$center[[1]], mean(X[, 1]))
  expect_length(doc$state$slots$exp_avg, 3)
  # a regression keeps its outcome's scale too
  fit <- quietly(mlp(X[, 1:3], X[, 4], hidden = c(3, 3, 2), scale = "minmax", bias = FALSE, lr = 0.01, epochs = 10, seed = 2))
  path <- saved(fit)
  loaded <- load_model(path)
  expect_identical(loaded$layers, fit$layers)
  expect_identical(loaded$settings, fit$settings)
  expect_identical(loaded[c("scale", "target_scale")], fit[c("scale", "target_scale")])
  expect_identical(predict(loaded, X[, 1:3]), predict(fit, X[, 1:3]))
  doc <- jsonlite::parse_json(read_text(path))
  expect_identical(doc$scale$center[[1]], min(X[, 1]))
  expect_identical(doc$target_scale$scale[[1]], max(X[, 4]) - min(X[, 4]))
  # without a scale, the file has no "scale" member
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5))
  expect_false(any(c("scale", "target_scale") %in% names(jsonlite::parse_json(read_text(saved(fit))))))
})

test_that("version 2 files load and predict as before", {
  # saved by the package before version 3; their predictions then are in v2_predictions.json
  before <- jsonlite::read_json(fixture("v2_predictions.json"), simplifyVector = TRUE)
  labels <- expect_silent(load_model(fixture("v2_labels_py.json")))
  deep <- load_model(fixture("v2_deep_scaled_py.json"))
  expect_identical(attr(labels, "model_file")$version, 2L)
  expect_equal(predict(labels, s$X)[, 1], before$labels_raw, tolerance = 1e-14)
  expect_identical(as.character(predict(labels, s$X, type = "class")), before$labels_class)
  X <- rbind(diag(3), diag(3)) * 3
  expect_equal(unname(predict(deep, X, type = "prob")), before$deep_proba, tolerance = 1e-14)
  expect_identical(as.character(predict(deep, X, type = "class")), before$deep_class)
  expect_identical(deep$blueprint$feature_names, c("u", "v", "w"))
  # the article's settings for what version 2 did not keep
  expect_identical(deep$settings[c("optimizer", "reduction", "n_iter_no_change")],
    list(optimizer = "sgd", reduction = "sum", n_iter_no_change = NULL))
  # saved again, a version 2 model is a version 3 file that predicts the same
  again <- load_model(saved(deep))
  expect_identical(attr(again, "model_file")$version, 3L)
  expect_identical(predict(again, X, type = "prob"), predict(deep, X, type = "prob"))
})

test_that("a file's role is kept: a Python classifier loads, predicts and is saved as one", {
  fit <- quietly(mlp(s$X, factor(c("a", "b", "a")), hidden = 3, epochs = 5, seed = 1))
  text <- read_text(saved(fit))
  p <- write_text(reseal(sub("\"role\": \"either\"", "\"role\": \"classifier\"", text, fixed = TRUE)))
  loaded <- load_model(p)
  expect_identical(loaded$role, "classifier")
  expect_identical(predict(loaded, s$X, type = "class"), predict(fit, s$X, type = "class"))
  expect_identical(read_text(saved(loaded)), read_text(p))
  expect_nn_error(
    load_model(write_text(reseal(sub("\"classes\": [\"a\",\"b\"]", "\"classes\": null", read_text(p), fixed = TRUE)))),
    "`classes` must be a list of labels, as the \"role\" is \"classifier\"."
  )
})

test_that("the outcome's names are kept", {
  fit <- quietly(mlp(cbind(height = c(1, 2, 3), weight = c(3, 1, 2)) ~ ., data.frame(s$X), hidden = 3, epochs = 5,
    seed = 1, n_iter_no_change = NULL))
  path <- tempfile(fileext = ".json")
  on.exit(unlink(path))
  save_model(fit, path)
  loaded <- load_model(path)
  expect_identical(loaded$blueprint$outcome_names, c("height", "weight"))
  # the outputs are named by them, after loading as before
  expect_identical(colnames(predict(loaded, s$X)), c("height", "weight"))
  expect_identical(names(coef(loaded)), names(coef(fit)))
  expect_true("h1->height" %in% names(coef(fit)))
  # a model without them writes no such key
  save_model(quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5)), path)
  expect_false(grepl("outcome_names", read_text(path), fixed = TRUE))
})
