# Model files: one JSON format that R and Python both write and read. Twin
# of python/src/nnscratch/model_file.py.
#
# A file holds, in this order: "format": "nnscratch-model", "version": 1,
# "architecture" (n_input, hidden, n_output, bias), "weights" (wh, bh, wout,
# bout, each a matrix stored row by row as a list of rows; bh and bout null
# without biases), "settings" (lr, epochs, seed, scheme), "loss" (one number
# per epoch), "classes" (the class labels, or null) and "feature_names" (the
# training columns' names, or null). Numbers are written with 17
# significant digits, which read back to the same double.

model_format <- "nnscratch-model"
model_version <- 1L

#' Save a fitted network to a file, and load it back
#'
#' The file is JSON in a format shared with the Python module
#' (`nnscratch.save_model()` and `nnscratch.load_model()`): a model saved in
#' R loads in Python and predicts the same numbers, and the other way round.
#' It holds the architecture, every weight to 17 significant digits (so a
#' loaded model predicts bit for bit as the saved one), the training
#' settings, the loss of each epoch, the class labels and the predictors'
#' names. A formula fit's terms are not saved: a loaded model takes a matrix,
#' or a data frame holding the predictor columns by name.
#'
#' Writing is atomic: the file is written to a temporary file in the same
#' folder and then renamed, so a crash never leaves half a file behind.
#' Loading reads JSON only and never runs code; a truncated or corrupted
#' file, another format, another version or weights of the wrong shape are
#' errors that say which.
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
  p <- to_article(model$layers)
  numbers <- c(unlist(p), model$loss, model$settings$lr)
  if (!all(is.finite(numbers))) {
    abort("`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf.")
  }
  s <- model$settings
  doc <- list(
    format = model_format,
    version = model_version,
    architecture = list(n_input = s$n_input, hidden = s$hidden, n_output = s$n_output, bias = s$bias),
    weights = list(wh = p$wh, bh = p$bh, wout = p$wout, bout = p$bout),
    settings = list(lr = s$lr, epochs = s$epochs, seed = s$seed, scheme = s$scheme),
    loss = I(model$loss),
    classes = if (!is.null(model$classes)) I(model$classes),
    feature_names = if (!is.null(model$blueprint$feature_names)) I(model$blueprint$feature_names)
  )
  fields <- vapply(names(doc), function(k) {
    sprintf("  %s: %s", json_value(k), json_value(doc[[k]]))
  }, character(1))
  text <- paste0("{\n", paste(fields, collapse = ",\n"), "\n}\n")
  write_atomic(text, path)
  invisible(path)
}

#' @rdname save_model
#' @export
load_model <- function(path) {
  path <- check_path(path)
  if (!file.exists(path) || dir.exists(path)) {
    abort("`path` must be an existing file, not \"%s\".", path)
  }
  # A NUL byte or an empty file fails here too, as corrupted.
  doc <- tryCatch(
    jsonlite::parse_json(rawToChar(readBin(path, "raw", file.size(path))), simplifyVector = FALSE),
    error = function(e) e
  )
  if (inherits(doc, "error")) {
    abort("`path` (\"%s\") is not valid JSON; the file is truncated or corrupted.", path)
  }
  broken <- function(fmt, ...) {
    abort("`path` (\"%s\") is a broken nnscratch model file: %s", path, sprintf(fmt, ...))
  }
  if (!is.list(doc) || is.null(names(doc)) || !identical(doc$format, model_format)) {
    abort(
      "`path` (\"%s\") is not an nnscratch model file: its \"format\" is %s, not \"%s\".",
      path, describe(if (is.list(doc)) doc$format), model_format
    )
  }
  if (!is.numeric(doc$version) || length(doc$version) != 1 || doc$version != model_version) {
    abort(
      "`path` (\"%s\") is a version %s nnscratch model file; this nnscratch reads version %d.",
      path, describe(doc$version), model_version
    )
  }
  # A section that is not a JSON object reads as empty, so that its fields
  # are reported missing below.
  section <- function(x) if (is.list(x)) x else list()
  a <- section(doc$architecture)
  whole <- function(x) is.numeric(x) && length(x) == 1 && is.finite(x) && x == round(x) && x >= 1
  for (k in c("n_input", "hidden", "n_output")) {
    if (!whole(a[[k]])) broken("`architecture.%s` must be a whole number >= 1.", k)
  }
  if (!is.logical(a$bias) || length(a$bias) != 1 || is.na(a$bias)) {
    broken("`architecture.bias` must be true or false.")
  }
  p <- a$n_input
  h <- a$hidden
  o <- a$n_output
  w <- section(doc$weights)
  shapes <- list(wh = c(p, h), bh = c(1, h), wout = c(h, o), bout = c(1, o))
  params <- list(wh = NULL, bh = NULL, wout = NULL, bout = NULL)
  for (k in names(shapes)) {
    if (k %in% c("bh", "bout") && !a$bias) {
      if (!is.null(w[[k]])) broken("`weights.%s` must be null, as `architecture.bias` is false.", k)
      next
    }
    params[k] <- list(json_matrix(w[[k]], shapes[[k]][1], shapes[[k]][2]))
    if (is.null(params[[k]])) {
      broken("`weights.%s` must be a list of %d rows of %d numbers each.", k, shapes[[k]][1], shapes[[k]][2])
    }
  }
  st <- section(doc$settings)
  if (!is.numeric(st$lr) || length(st$lr) != 1 || !is.finite(st$lr) || !(st$lr > 0)) {
    broken("`settings.lr` must be a positive number.")
  }
  if (!whole(st$epochs)) broken("`settings.epochs` must be a whole number >= 1.")
  loss <- json_numbers(doc$loss)
  if (is.null(loss) || length(loss) != st$epochs) {
    broken("`loss` must be a list of %d numbers, one per epoch.", as.integer(st$epochs))
  }
  classes <- json_labels(doc$classes)
  n_classes <- if (o == 1) 2L else as.integer(o)
  if (!is.null(doc$classes) && length(classes) != n_classes) {
    broken("`classes` must be null or a list of %d labels, one per class.", n_classes)
  }
  feature_names <- json_labels(doc$feature_names)
  if (!is.null(doc$feature_names) && length(feature_names) != p) {
    broken("`feature_names` must be null or a list of %d names, one per input.", as.integer(p))
  }
  settings <- list(
    n_input = as.integer(p), hidden = as.integer(h), n_output = as.integer(o), bias = a$bias,
    activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", decay = 0,
    lr = st$lr, epochs = as.integer(st$epochs),
    seed = if (is.numeric(st$seed)) st$seed, scheme = if (is.character(st$scheme)) st$scheme,
    batch_size = NULL, exact = FALSE
  )
  new_mlp(
    from_article(params), loss, list(), settings, classes,
    list(feature_names = feature_names, terms = NULL, xlevels = NULL)
  )
}

check_path <- function(path) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !nzchar(path)) {
    abort("`path` must be a file path, a single string, not %s.", describe(path))
  }
  path.expand(path)
}

# JSON text for a value: a matrix is a list of its rows, a named list an
# object, an AsIs vector (I()) always an array, any other vector of length 1
# a scalar; doubles carry 17 significant digits.
json_value <- function(x) {
  if (is.null(x)) return("null")
  if (is.matrix(x)) {
    rows <- vapply(seq_len(nrow(x)), function(i) json_value(I(x[i, ])), character(1))
    return(paste0("[", paste(rows, collapse = ","), "]"))
  }
  if (is.list(x)) {
    items <- vapply(x, json_value, character(1))
    if (is.null(names(x))) return(paste0("[", paste(items, collapse = ","), "]"))
    keys <- vapply(names(x), json_value, character(1))
    return(paste0("{", paste0(keys, ":", items, collapse = ","), "}"))
  }
  scalars <- if (is.character(x)) {
    vapply(as.character(x), function(v) as.character(jsonlite::toJSON(v, auto_unbox = TRUE)), character(1))
  } else if (is.logical(x)) {
    ifelse(x, "true", "false")
  } else if (is.integer(x)) {
    as.character(x)
  } else {
    sprintf("%.17g", x)
  }
  if (length(x) == 1 && !inherits(x, "AsIs")) return(unname(scalars))
  paste0("[", paste(scalars, collapse = ","), "]")
}

# A parsed JSON list of numbers as a double vector; NULL if it is anything
# else.
json_numbers <- function(x) {
  # a number too large for a double, such as 1e999, reads as Inf: refused
  if (!is.list(x) || !all(vapply(x, function(v) is.numeric(v) && length(v) == 1 && is.finite(v), logical(1)))) {
    return(NULL)
  }
  as.numeric(unlist(x))
}

# A parsed JSON list of rows as a rows x cols double matrix; NULL if it has
# another shape or holds anything but numbers.
json_matrix <- function(x, rows, cols) {
  if (!is.list(x) || length(x) != rows) return(NULL)
  rows_ok <- vapply(x, function(r) length(json_numbers(r)) == cols && !is.null(json_numbers(r)), logical(1))
  if (!all(rows_ok)) return(NULL)
  matrix(as.numeric(unlist(x)), nrow = rows, ncol = cols, byrow = TRUE)
}

# A parsed JSON list of labels (strings, numbers or booleans) as a character
# vector; NULL for null or anything else.
json_labels <- function(x) {
  if (!is.list(x) || length(x) == 0) return(NULL)
  ok <- vapply(x, function(v) (is.character(v) || is.numeric(v) || is.logical(v)) && length(v) == 1, logical(1))
  if (!all(ok)) return(NULL)
  vapply(x, function(v) if (is.logical(v)) toupper(as.character(v)) else as.character(v), character(1))
}

# Write `text` to a temporary file in the folder of `path`, then rename it
# to `path`: a rename within one folder is atomic, so readers see the old
# file or the new one, never half of one.
write_atomic <- function(text, path) {
  tmp <- tempfile(".nnscratch-", tmpdir = dirname(path), fileext = ".tmp")
  on.exit(if (file.exists(tmp)) unlink(tmp), add = TRUE)
  con <- file(tmp, open = "wb")
  writeBin(charToRaw(enc2utf8(text)), con)
  close(con)
  if (!file.rename(tmp, path)) {
    abort("`path` (\"%s\") could not be written.", path)
  }
}
