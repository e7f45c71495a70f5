# Model files: one JSON format that R and Python both write and read. Twin
# of python/src/nnscratch/model_file.py, which writes the same bytes for the
# same model.
#
# Version 2, written by save_model(), holds one member per line, in this
# order:
#   "format": "nnscratch-model", "version": 2,
#   "architecture": n_input, hidden (a list, one size per hidden layer),
#     n_output, bias, activation (one per hidden layer), output_activation;
#   "layers": one {"W", "b"} per layer, input to output; W is fan_in x
#     fan_out and b 1 x fan_out (null without biases), each a list of rows;
#   "settings": lr, epochs, seed, scheme, loss, decay, batch_size, exact;
#   "loss": one number per epoch;
#   "classes": the class labels (all strings, all whole numbers or all
#     booleans, so that their type survives), or null;
#   "feature_names": the training columns' names, or null;
#   "scale": {"min", "max"}, one number per input each, only when the model
#     scales its inputs;
#   "checksum": "sha256:" and the SHA-256 of the canonical content, below.
# Version 1 (one sigmoid hidden layer, half_sse, no decay) had "weights"
# (wh, bh, wout, bout) in place of "architecture"'s lists and "layers", and
# no checksum; it still loads.
#
# Numbers are written with C's "%.17g" (and -0 as -0.0), which reads back to
# the same double, and strings with the escapes of json_string() below; R
# and Python therefore write the same bytes for the same model.
#
# The checksum. The canonical content of a file is its own UTF-8 bytes
# without its last member: the file ends with
#   ,\n  "checksum": "sha256:<64 lowercase hex digits>"\n}\n
# and the canonical content is the file with that ending replaced by
# "\n}\n", i.e. the text as written before the checksum was added. Hashing
# the bytes, not the parsed values, means that no number has to be
# formatted again to check a file, so R and Python agree by construction;
# any change, a digit or a space, is reported as a modified file.
#
# Reading is strict, with one rule in both languages: only a regular file
# is opened; a byte-order mark, invalid UTF-8, a token that is not JSON
# (comments, NaN), nesting deeper than a model file nests, a key twice in
# one object, a \u0000 or unpaired surrogate escape, an unknown or missing
# key: each is an error that says which.

model_format <- "nnscratch-model"
model_version <- 2L
# A version 2 file nests five deep: the document, "layers", a layer, "W",
# a row of "W".
model_max_depth <- 5L
label_max <- 2147483647

#' Save a fitted network to a file, and load it back
#'
#' The file is JSON in a format shared with the Python module
#' (`nnscratch.save_model()` and `nnscratch.load_model()`): a model saved in
#' R loads in Python and predicts the same numbers, and the other way round;
#' both languages write the same bytes for the same model. It holds the
#' architecture, every weight to 17 significant digits (so a loaded model
#' predicts bit for bit as the saved one), the training settings, the loss
#' of each epoch, the class labels (strings, whole numbers or booleans,
#' which keep their type), the predictors' names and a SHA-256 checksum of
#' the rest of the file. A formula fit's terms are not saved: a loaded model
#' takes a matrix, or a data frame holding the predictor columns by name.
#'
#' Writing is atomic and checked: the file is written to a temporary file
#' in the same folder; only when every byte of it is written and the file
#' is closed is it renamed over `path`. Otherwise the temporary file is
#' removed, any file already at `path` is left as it was, and the error
#' names `path` and the cause (no permission, a folder, a full disk or a
#' file size limit). Labels that JSON cannot hold (dates, for instance) are
#' refused before anything is written.
#'
#' Loading reads JSON only and never runs code, and opens only regular
#' files (a folder, FIFO or device is refused at once). It refuses, with an
#' error that says which: a truncated or corrupted file, a byte-order mark,
#' invalid UTF-8, a key that appears twice or that the format does not
#' have, nesting deeper than the format's, another format or version,
#' weights of the wrong shape, and a version 2 file whose checksum does not
#' match its content ("modified or corrupted"). Version 1 files, written
#' before the checksum existed, still load; the loaded model's
#' `attr(, "model_file")` is `list(version = 1L, checksum = NULL)` for them,
#' and holds the checksum for version 2 files.
#'
#' @param model A fitted `nnscratch_mlp` from [mlp()].
#' @param path The file's path; by convention it ends in `.json`.
#' @return `save_model()` returns `path`, invisibly; `load_model()` returns an
#'   `nnscratch_mlp` (without `trace`).
#' @examples
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, init = s$init)
#' path <- tempfile(fileext = ".json")
#' save_model(fit, path)
#' loaded <- load_model(path)
#' identical(predict(loaded, s$X), predict(fit, s$X))
#' @export
save_model <- function(model, path) {
  if (!inherits(model, "nnscratch_mlp")) {
    abort("`model` must be a fitted nnscratch network, not %s.", describe(model))
  }
  path <- check_path(path)
  if (!dir.exists(dirname(path))) {
    abort("`path` must be in an existing folder; \"%s\" does not exist.", dirname(path))
  }
  if (dir.exists(path)) {
    abort("`path` (\"%s\") could not be written: it is a folder.", path)
  }
  doc <- model_document(model)
  fields <- vapply(names(doc), function(k) {
    sprintf("  %s: %s", json_string(k), json_value(doc[[k]]))
  }, character(1))
  text <- paste0("{\n", paste(fields, collapse = ",\n"), "\n}\n")
  text <- paste0(
    "{\n", paste(fields, collapse = ",\n"),
    sprintf(",\n  \"checksum\": \"%s\"\n}\n", model_checksum(text))
  )
  write_atomic(text, path)
  invisible(path)
}

#' @rdname save_model
#' @export
load_model <- function(path) {
  path <- check_path(path)
  read <- read_json_strictly(path)
  doc <- read$doc
  broken <- function(fmt, ...) {
    abort("`path` (\"%s\") is a broken nnscratch model file: %s", path, sprintf(fmt, ...))
  }
  if (!is_json_object(doc)) {
    abort("`path` (\"%s\") is not an nnscratch model file: it holds a JSON %s, not an object.", path, json_kind(doc))
  }
  if (!identical(doc[["format"]], model_format)) {
    abort(
      "`path` (\"%s\") is not an nnscratch model file: its \"format\" is %s, not \"%s\".",
      path, describe_json(doc, "format"), model_format
    )
  }
  version <- doc[["version"]]
  if (!is_json_number(version) || !version %in% c(1, 2)) {
    abort(
      "`path` (\"%s\") is an nnscratch model file whose \"version\" is %s; this nnscratch reads versions 1 and 2.",
      path, describe_json(doc, "version")
    )
  }
  if (version == 2) check_checksum(read$text, doc, path)
  model <- if (version == 1) read_v1(doc, broken) else read_v2(doc, broken)
  attr(model, "model_file") <- list(
    version = as.integer(version),
    checksum = if (version == 2) doc[["checksum"]]
  )
  model
}

check_path <- function(path) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !nzchar(path)) {
    abort("`path` must be a file path, a single string, not %s.", describe(path))
  }
  path.expand(path)
}

# The document save_model() writes, as a named list in the file's order.
# The model's classes must be labels JSON holds with their type; this is
# checked here, before anything is written.
model_document <- function(model) {
  s <- model$settings
  numbers <- c(unlist(model$layers), model$loss, s$lr)
  if (!all(is.finite(numbers))) {
    abort("`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf.")
  }
  check_labels(model$classes)
  scale <- model$blueprint$scale
  doc <- list(
    format = model_format,
    version = model_version,
    architecture = list(
      n_input = as.integer(s$n_input), hidden = I(as.integer(s$hidden)),
      n_output = as.integer(s$n_output), bias = s$bias,
      activation = I(rep_len(s$activation, length(s$hidden))), output_activation = s$output_activation
    ),
    layers = lapply(model$layers, function(l) list(W = l$W, b = l$b)),
    settings = list(
      lr = s$lr, epochs = as.integer(s$epochs),
      seed = if (!is.null(s$seed)) as.double(s$seed),
      scheme = if (is.null(s$scheme)) "article_r" else s$scheme,
      loss = s$loss, decay = as.double(s$decay),
      batch_size = if (!is.null(s$batch_size)) as.integer(s$batch_size), exact = s$exact
    ),
    loss = I(as.double(model$loss)),
    classes = if (!is.null(model$classes)) I(model$classes),
    feature_names = if (!is.null(model$blueprint$feature_names)) I(as.character(model$blueprint$feature_names))
  )
  if (!is.null(scale)) {
    doc$scale <- list(min = I(as.double(scale$min)), max = I(as.double(scale$max)))
  }
  doc
}

# Class labels a file holds with their type: all strings, all whole numbers
# (that fit an R integer) or all booleans, none missing.
check_labels <- function(classes) {
  if (is.null(classes)) return(invisible())
  ok <- !is.object(classes) && !anyNA(classes) && (
    is.character(classes) || is.logical(classes) ||
      (is.numeric(classes) && all(classes == round(classes) & abs(classes) <= label_max))
  )
  if (!ok) {
    abort(
      "`model` must have class labels that are all strings, all whole numbers or all booleans to be saved, not %s.",
      if (is.object(classes)) sprintf("labels of class %s", class(classes)[1]) else describe(classes)
    )
  }
}

# A version 1 file: one sigmoid hidden layer, half_sse, no decay, no
# checksum; "seed" and "scheme" may be missing (a missing scheme is the
# default, "article_r", in both languages).
read_v1 <- function(doc, broken) {
  check_keys(doc, c("format", "version", "architecture", "weights", "settings", "loss", "classes", "feature_names"), broken = broken)
  a <- section(doc, "architecture", c("n_input", "hidden", "n_output", "bias"), broken = broken)
  for (k in c("n_input", "hidden", "n_output")) {
    if (!is_count(a[[k]])) broken("`architecture.%s` must be a whole number >= 1.", k)
  }
  if (!is_json_flag(a[["bias"]])) broken("`architecture.bias` must be true or false.")
  p <- a[["n_input"]]
  h <- a[["hidden"]]
  o <- a[["n_output"]]
  bias <- a[["bias"]]
  w <- section(doc, "weights", c("wh", "bh", "wout", "bout"), broken = broken)
  shapes <- list(wh = c(p, h), bh = c(1, h), wout = c(h, o), bout = c(1, o))
  params <- list(wh = NULL, bh = NULL, wout = NULL, bout = NULL)
  for (k in names(shapes)) {
    if (k %in% c("bh", "bout") && !bias) {
      if (!is.null(w[[k]])) broken("`weights.%s` must be null, as `architecture.bias` is false.", k)
      next
    }
    params[k] <- list(json_matrix(w[[k]], shapes[[k]][1], shapes[[k]][2]))
    if (is.null(params[[k]])) {
      broken("`weights.%s` must be a list of %d rows of %d numbers each.", k, shapes[[k]][1], shapes[[k]][2])
    }
  }
  st <- section(doc, "settings", c("lr", "epochs", "seed", "scheme"), c("lr", "epochs"), broken)
  st <- read_settings(st, broken)
  settings <- list(
    n_input = as.integer(p), hidden = as.integer(h), n_output = as.integer(o), bias = bias,
    activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", decay = 0,
    lr = st$lr, epochs = st$epochs, seed = st$seed, scheme = st$scheme, batch_size = NULL, exact = FALSE
  )
  build_model(from_article(params), doc, settings, NULL, broken)
}

# A version 2 file, its checksum already checked.
read_v2 <- function(doc, broken) {
  top <- c("format", "version", "architecture", "layers", "settings", "loss", "classes", "feature_names", "scale", "checksum")
  check_keys(doc, top, setdiff(top, "scale"), broken = broken)
  a <- section(doc, "architecture", c("n_input", "hidden", "n_output", "bias", "activation", "output_activation"), broken = broken)
  for (k in c("n_input", "n_output")) {
    if (!is_count(a[[k]])) broken("`architecture.%s` must be a whole number >= 1.", k)
  }
  hidden <- a[["hidden"]]
  if (!is.list(hidden) || !is.null(names(hidden)) || length(hidden) == 0 || !all(vapply(hidden, is_count, logical(1)))) {
    broken("`architecture.hidden` must be a list of whole numbers >= 1, one per hidden layer.")
  }
  hidden <- as.integer(unlist(hidden))
  if (!is_json_flag(a[["bias"]])) broken("`architecture.bias` must be true or false.")
  bias <- a[["bias"]]
  activation <- a[["activation"]]
  if (!is_json_strings(activation) || length(activation) != length(hidden) ||
      !all(unlist(activation) %in% c("sigmoid", "tanh", "relu"))) {
    broken("`architecture.activation` must be a list of %d of \"sigmoid\", \"tanh\" or \"relu\", one per hidden layer.", length(hidden))
  }
  activation <- unlist(activation)
  output_activation <- a[["output_activation"]]
  if (!is_json_string(output_activation) || !output_activation %in% c("sigmoid", "softmax", "identity")) {
    broken("`architecture.output_activation` must be \"sigmoid\", \"softmax\" or \"identity\".")
  }
  sizes <- c(a[["n_input"]], hidden, a[["n_output"]])
  layers <- doc[["layers"]]
  if (!is.list(layers) || !is.null(names(layers)) || length(layers) != length(sizes) - 1) {
    broken("`layers` must be a list of %d layers, one per hidden layer and the output.", length(sizes) - 1L)
  }
  layers <- lapply(seq_along(layers), function(i) {
    where <- sprintf("layers[%d]", i)
    l <- section(layers, i, c("W", "b"), where = where, broken = broken)
    W <- json_matrix(l[["W"]], sizes[i], sizes[i + 1])
    if (is.null(W)) broken("`%s.W` must be a list of %d rows of %d numbers each.", where, sizes[i], sizes[i + 1])
    if (!bias) {
      if (!is.null(l[["b"]])) broken("`%s.b` must be null, as `architecture.bias` is false.", where)
      return(list(W = W, b = NULL))
    }
    b <- json_matrix(l[["b"]], 1, sizes[i + 1])
    if (is.null(b)) broken("`%s.b` must be a list of 1 rows of %d numbers each.", where, sizes[i + 1])
    list(W = W, b = b)
  })
  keys <- c("lr", "epochs", "seed", "scheme", "loss", "decay", "batch_size", "exact")
  st <- section(doc, "settings", keys, broken = broken)
  settings <- read_settings(st, broken)
  if (!is_json_string(st[["loss"]]) || !st[["loss"]] %in% c("half_sse", "half_mse", "log_loss")) {
    broken("`settings.loss` must be \"half_sse\", \"half_mse\" or \"log_loss\".")
  }
  if (!is_json_number(st[["decay"]]) || st[["decay"]] < 0) {
    broken("`settings.decay` must be a number >= 0.")
  }
  if (!is.null(st[["batch_size"]]) && !is_count(st[["batch_size"]])) {
    broken("`settings.batch_size` must be null or a whole number >= 1.")
  }
  if (!is_json_flag(st[["exact"]])) broken("`settings.exact` must be true or false.")
  scale <- NULL
  if ("scale" %in% names(doc)) {
    sc <- section(doc, "scale", c("min", "max"), broken = broken)
    scale <- list(min = json_numbers(sc[["min"]]), max = json_numbers(sc[["max"]]))
    for (k in c("min", "max")) {
      if (is.null(scale[[k]]) || length(scale[[k]]) != sizes[1]) {
        broken("`scale.%s` must be a list of %d numbers, one per input.", k, as.integer(sizes[1]))
      }
    }
  }
  settings <- list(
    n_input = as.integer(sizes[1]), hidden = hidden, n_output = as.integer(sizes[length(sizes)]), bias = bias,
    activation = activation, output_activation = output_activation, loss = st[["loss"]],
    decay = as.double(st[["decay"]]), lr = settings$lr, epochs = settings$epochs, seed = settings$seed,
    scheme = settings$scheme, batch_size = if (!is.null(st[["batch_size"]])) as.integer(st[["batch_size"]]),
    exact = st[["exact"]]
  )
  build_model(layers, doc, settings, scale, broken)
}

# lr, epochs, seed and scheme, as both versions hold them.
read_settings <- function(st, broken) {
  if (!is_json_number(st[["lr"]]) || !(st[["lr"]] > 0)) {
    broken("`settings.lr` must be a positive number.")
  }
  if (!is_count(st[["epochs"]])) broken("`settings.epochs` must be a whole number >= 1.")
  seed <- st[["seed"]]
  if (!is.null(seed) && !(is_json_number(seed) && seed == round(seed))) {
    broken("`settings.seed` must be null or a whole number.")
  }
  scheme <- if ("scheme" %in% names(st)) st[["scheme"]] else "article_r"
  if (!is_json_string(scheme) || !scheme %in% c("article_r", "article_numpy")) {
    broken("`settings.scheme` must be \"article_r\" or \"article_numpy\".")
  }
  # a seed is kept as a double, as mlp() keeps `seed = 1`
  list(lr = st[["lr"]], epochs = as.integer(st[["epochs"]]), seed = if (!is.null(seed)) as.double(seed), scheme = scheme)
}

# The model object, from its layers and settings and the file's loss,
# classes and feature names.
build_model <- function(layers, doc, settings, scale, broken) {
  loss <- json_numbers(doc[["loss"]])
  if (is.null(loss) || length(loss) != settings$epochs) {
    broken("`loss` must be a list of %d numbers, one per epoch.", settings$epochs)
  }
  o <- settings$n_output
  n_classes <- if (o == 1) 2L else o
  classes <- NULL
  if (!is.null(doc[["classes"]])) {
    classes <- json_labels(doc[["classes"]])
    if (is.null(classes) || length(classes) != n_classes || anyDuplicated(classes)) {
      broken(
        "`classes` must be null or a list of %d distinct labels, one per class: all strings, all whole numbers or all booleans.",
        n_classes
      )
    }
  }
  feature_names <- NULL
  if (!is.null(doc[["feature_names"]])) {
    feature_names <- doc[["feature_names"]]
    if (!is_json_strings(feature_names) || length(feature_names) != settings$n_input) {
      broken("`feature_names` must be null or a list of %d names, one per input.", settings$n_input)
    }
    feature_names <- unlist(feature_names)
  }
  blueprint <- list(feature_names = feature_names, terms = NULL, xlevels = NULL)
  if (!is.null(scale)) blueprint$scale <- scale
  new_mlp(layers, loss, list(), settings, classes, blueprint)
}

# ---- strict reading ----

# Read `path` as a model file's JSON text: list(text, doc). One rule in
# both languages, checked in this order: a regular file, no byte-order
# mark, UTF-8, only JSON's tokens outside strings, nesting at most
# model_max_depth, valid JSON, each key once per object, no \u0000 or
# unpaired surrogate escape.
read_json_strictly <- function(path) {
  if (!file.exists(path)) {
    abort("`path` must be an existing file, not \"%s\".", path)
  }
  # file.info() cannot tell a FIFO or a device from a file; fs can, from
  # stat(), without opening it (opening a FIFO blocks until a writer comes).
  type <- as.character(fs::file_info(path, follow = TRUE)$type)
  if (!identical(type, "file")) {
    kinds <- c(
      directory = "a folder", FIFO = "a FIFO", character_device = "a device",
      block_device = "a device", socket = "a socket"
    )
    kind <- if (type %in% names(kinds)) kinds[[type]] else "not a regular file"
    abort("`path` (\"%s\") is %s, not a model file; only a regular file is read.", path, kind)
  }
  bytes <- NULL
  cause <- io_cause(bytes <- readBin(path, "raw", file.size(path)))
  if (!is.null(cause)) abort("`path` (\"%s\") could not be read: %s.", path, cause)
  if (length(bytes) >= 3 && identical(bytes[1:3], as.raw(c(0xef, 0xbb, 0xbf)))) {
    abort("`path` (\"%s\") starts with a byte-order mark; a model file is UTF-8 without one.", path)
  }
  not_json <- function() abort("`path` (\"%s\") is not valid JSON; the file is truncated or corrupted.", path)
  # A NUL byte is valid UTF-8 but never valid JSON; R's strings cannot hold it.
  if (any(bytes == 0)) not_json()
  text <- rawToChar(bytes)
  Encoding(text) <- "UTF-8"
  if (!validUTF8(text)) {
    abort("`path` (\"%s\") is not valid UTF-8; the file is corrupted.", path)
  }
  outside <- gsub(json_string_pattern, "\"\"", text, perl = TRUE)
  if (grepl(json_stray_pattern, outside, perl = TRUE)) not_json()
  if (json_depth(outside) > model_max_depth) {
    abort(
      "`path` (\"%s\") nests JSON deeper than a model file's %d levels; the file is corrupted.",
      path, model_max_depth
    )
  }
  # jsonlite's warnings (on odd input) are muffled: its error, or none, is
  # what counts.
  doc <- tryCatch(
    withCallingHandlers(
      jsonlite::parse_json(text, simplifyVector = FALSE),
      warning = function(w) invokeRestart("muffleWarning")
    ),
    error = function(e) e
  )
  if (inherits(doc, "error")) not_json()
  key <- first_duplicate_key(doc)
  if (!is.null(key)) {
    abort("`path` (\"%s\") has the key \"%s\" twice in one JSON object; a model file has each key once.", path, key)
  }
  if (has_bad_escape(text)) {
    abort("`path` (\"%s\") has a string with a \\u0000 or unpaired surrogate escape, which is not text.", path)
  }
  list(text = text, doc = doc)
}

# A JSON string, escapes included; with json_stray_pattern, the lexical
# check outside strings: besides strings, JSON has only whitespace,
# punctuation, numbers, true, false and null. Python's json reads NaN and
# Infinity and jsonlite reads comments and form feeds: refused alike here.
json_string_pattern <- "\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\""
json_stray_pattern <- "[^ \\t\\n\\r{}\\[\\],:0-9eE.+\\-truefalsn\"]"

# The deepest nesting of brackets in `outside` (the text with its strings
# emptied), counted without parsing, so that no parser recurses into a
# deeply nested file.
json_depth <- function(outside) {
  brackets <- utf8ToInt(gsub("[^][{}]", "", outside, perl = TRUE))
  if (length(brackets) == 0) return(0L)
  steps <- ifelse(brackets %in% utf8ToInt("[{"), 1L, -1L)
  max(cumsum(steps))
}

# The first key found twice in one object, objects taken in the order they
# close (as Python's object_pairs_hook sees them); NULL if there is none.
first_duplicate_key <- function(x) {
  if (!is.list(x)) return(NULL)
  for (v in x) {
    key <- first_duplicate_key(v)
    if (!is.null(key)) return(key)
  }
  i <- anyDuplicated(names(x))
  if (i > 0) names(x)[i] else NULL
}

# Whether a string of the (valid) JSON `text` has a \u0000 escape, which R
# strings cannot hold, or a surrogate escape that is not half of a pair,
# which is not a character.
has_bad_escape <- function(text) {
  if (!grepl("\\u", text, fixed = TRUE)) return(FALSE)
  m <- gregexpr("\\\\(?:u[0-9a-fA-F]{4}|.)", text, perl = TRUE)[[1]]
  escapes <- regmatches(text, list(m))[[1]]
  u <- startsWith(escapes, "\\u")
  pos <- as.integer(m)[u]
  code <- strtoi(substr(escapes[u], 3, 6), 16L)
  high <- code >= 0xD800 & code <= 0xDBFF
  low <- code >= 0xDC00 & code <= 0xDFFF
  n <- length(code)
  next_low <- c(low[-1], FALSE) & c(pos[-1], NA) == pos + 6
  prev_high <- c(FALSE, high[-n]) & c(NA, pos[-n]) == pos - 6
  any(code == 0) || any(high & !next_low %in% TRUE) || any(low & !prev_high %in% TRUE)
}

# A version 2 file ends with its checksum; see the top of this file.
check_checksum <- function(text, doc, path) {
  checksum <- doc[["checksum"]]
  if (!"checksum" %in% names(doc)) {
    abort("`path` (\"%s\") is a broken nnscratch model file: the top level lacks the key \"checksum\".", path)
  }
  ending <- if (is_json_string(checksum)) sprintf(",\n  \"checksum\": \"%s\"\n}\n", checksum)
  ok <- !is.null(ending) && grepl("^sha256:[0-9a-f]{64}$", checksum) && endsWith(text, ending) &&
    identical(model_checksum(paste0(substr(text, 1, nchar(text) - nchar(ending)), "\n}\n")), checksum)
  if (!ok) {
    abort("`path` (\"%s\") was modified or corrupted: its checksum does not match its content.", path)
  }
}

# "sha256:" and the SHA-256 of `text`'s UTF-8 bytes, in lowercase hex.
model_checksum <- function(text) {
  paste0("sha256:", digest::digest(charToRaw(enc2utf8(text)), algo = "sha256", serialize = FALSE))
}

# ---- the JSON values of a model file ----

is_json_object <- function(x) is.list(x) && !is.null(names(x))

json_kind <- function(x) {
  if (is_json_object(x)) "object" else if (is.list(x)) "array" else if (is.character(x)) "string"
  else if (is.logical(x)) "boolean" else if (is.null(x)) "null" else "number"
}

# How the value of `key` in the object `doc` is shown in a message: its
# JSON for a string, number, boolean or null, its kind otherwise, or
# "missing".
describe_json <- function(doc, key) {
  if (!key %in% names(doc)) return("missing")
  x <- doc[[key]]
  if (is.null(x)) return("null")
  if (is.list(x)) return(sprintf("an %s", json_kind(x)))
  if (is.logical(x)) return(if (x) "true" else "false")
  if (is.character(x)) return(sprintf("\"%s\"", x))
  sprintf("%.15g", as.double(x))
}

is_json_number <- function(x) {
  (is.integer(x) || is.double(x)) && length(x) == 1 && is.finite(x)
}

is_count <- function(x) is_json_number(x) && x == round(x) && x >= 1

is_json_flag <- function(x) is.logical(x) && length(x) == 1 && !is.na(x)

is_json_string <- function(x) is.character(x) && length(x) == 1

is_json_strings <- function(x) {
  is.list(x) && is.null(names(x)) && all(vapply(x, is_json_string, logical(1)))
}

# Check that the object `x` has only the keys `keys` and all of `required`,
# matched exactly; the first unknown key, in the file's order, then the
# first missing one is the error.
check_keys <- function(x, keys, required = keys, where = NULL, broken) {
  place <- if (is.null(where)) "the top level" else sprintf("`%s`", where)
  unknown <- setdiff(names(x), keys)
  if (length(unknown) > 0) broken("%s has an unknown key \"%s\".", place, unknown[1])
  missing <- setdiff(required, names(x))
  if (length(missing) > 0) broken("%s lacks the key \"%s\".", place, missing[1])
}

# The object at `key` of `parent`, its keys checked.
section <- function(parent, key, keys, required = keys, broken, where = key) {
  x <- parent[[key]]
  if (!is_json_object(x)) broken("`%s` must be an object, not a JSON %s.", where, json_kind(x))
  check_keys(x, keys, required, where, broken)
  x
}

# A parsed JSON list of numbers as a double vector; NULL if it is anything
# else. A number too large for a double, such as 1e999, reads as Inf:
# refused.
json_numbers <- function(x) {
  if (!is.list(x) || !is.null(names(x)) || !all(vapply(x, is_json_number, logical(1)))) {
    return(NULL)
  }
  as.numeric(unlist(x))
}

# A parsed JSON list of rows as a rows x cols double matrix; NULL if it has
# another shape or holds anything but numbers.
json_matrix <- function(x, rows, cols) {
  if (!is.list(x) || !is.null(names(x)) || length(x) != rows) return(NULL)
  rows_ok <- vapply(x, function(r) length(json_numbers(r)) == cols && !is.null(json_numbers(r)), logical(1))
  if (!all(rows_ok)) return(NULL)
  matrix(as.numeric(unlist(x)), nrow = rows, ncol = cols, byrow = TRUE)
}

# A parsed JSON list of labels with their type: a character vector for
# strings, an integer vector for whole numbers written as integers (no
# fraction or exponent, within R's integers), a logical vector for
# booleans; NULL for a mix or anything else.
json_labels <- function(x) {
  if (!is.list(x) || !is.null(names(x)) || length(x) == 0) return(NULL)
  for (is_type in list(is_json_string, is_json_flag, function(v) is.integer(v) && length(v) == 1 && !is.na(v))) {
    if (all(vapply(x, is_type, logical(1)))) return(unlist(x))
  }
  NULL
}

# ---- writing ----

# JSON text for a value: a matrix is a list of its rows, a named list an
# object, an AsIs vector (I()) always an array, any other vector of length
# 1 a scalar; integers as integers, doubles with "%.17g" (-0 as -0.0).
json_value <- function(x) {
  if (is.null(x)) return("null")
  if (is.matrix(x)) {
    rows <- vapply(seq_len(nrow(x)), function(i) json_value(I(x[i, ])), character(1))
    return(paste0("[", paste(rows, collapse = ","), "]"))
  }
  if (is.list(x)) {
    items <- vapply(x, json_value, character(1))
    if (is.null(names(x))) return(paste0("[", paste(items, collapse = ","), "]"))
    keys <- vapply(names(x), json_string, character(1))
    return(paste0("{", paste0(keys, ":", items, collapse = ","), "}"))
  }
  scalars <- if (is.character(x)) {
    vapply(x, json_string, character(1))
  } else if (is.logical(x)) {
    ifelse(x, "true", "false")
  } else if (is.integer(x)) {
    sprintf("%d", x)
  } else {
    ifelse(x == 0 & 1 / x < 0, "-0.0", sprintf("%.17g", x))
  }
  if (length(x) == 1 && !inherits(x, "AsIs")) return(unname(scalars))
  paste0("[", paste(unname(scalars), collapse = ","), "]")
}

# A JSON string: `"` and `\` escaped, control characters as \n, \r, \t,
# \b, \f or \u00XX, everything else as its UTF-8.
json_string <- function(s) {
  codes <- utf8ToInt(enc2utf8(s))
  short <- c(`8` = "\\b", `9` = "\\t", `10` = "\\n", `12` = "\\f", `13` = "\\r", `34` = "\\\"", `92` = "\\\\")
  chars <- vapply(codes, function(k) {
    if (as.character(k) %in% names(short)) short[[as.character(k)]]
    else if (k < 32) sprintf("\\u%04x", k)
    else intToUtf8(k)
  }, character(1))
  paste0("\"", paste(chars, collapse = ""), "\"")
}

# Write `text` to a temporary file in the folder of `path`, then rename it
# to `path`: a rename within one folder is atomic, so readers see the old
# file or the new one, never half of one. Every step is checked (R only
# warns when a write fails): a temporary file is renamed only when it is
# closed and holds every byte; otherwise it is removed and the error names
# `path` and the cause.
write_atomic <- function(text, path) {
  bytes <- charToRaw(enc2utf8(text))
  tmp <- tempfile(".nnscratch-", tmpdir = dirname(path), fileext = ".tmp")
  on.exit(if (file.exists(tmp)) unlink(tmp), add = TRUE)
  failed <- function(cause) abort("`path` (\"%s\") could not be written: %s.", path, cause)
  con <- NULL
  cause <- io_cause(con <- file(tmp, open = "wb"))
  if (!is.null(cause)) failed(cause)
  cause <- io_cause({
    writeBin(bytes, con)
    flush(con)
  })
  closed <- io_cause(close(con))
  size <- file.size(tmp)
  if (!is.null(cause) || !is.null(closed) || is.na(size) || size != length(bytes)) {
    failed(sprintf(
      "the disk is full or a file size limit was reached (%.0f of %d bytes written)",
      if (is.na(size)) 0 else size, length(bytes)
    ))
  }
  renamed <- FALSE
  cause <- io_cause(renamed <- file.rename(tmp, path))
  if (!renamed) failed(if (is.null(cause)) "the rename failed" else cause)
}

# Run `expr` and return NULL, or the cause of its failure: R warns where a
# write fails, and its messages carry the system's reason ("cannot open
# file '...': Permission denied"); that reason, else the first message.
io_cause <- function(expr) {
  warned <- NULL
  result <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warned <<- c(warned, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) e
  )
  messages <- c(warned, if (inherits(result, "error")) conditionMessage(result))
  if (length(messages) == 0) return(NULL)
  reason <- grep("': |reason '", messages, value = TRUE)
  if (length(reason) > 0) sub("'$", "", sub("^.*(': |reason ')", "", reason[1])) else messages[1]
}
