# Model files: one JSON format that R and Python both write and read. Twin
# of python/src/nnscratch/model_file.py, which writes the same bytes for the
# same model.
#
# Version 3, written by save_model(), holds one member per line: "format",
# "version", "role" (classifier, regressor or either: the Python estimator
# that reads it; mlp() writes "either"), "architecture", "layers" (one
# {"W", "b"} per layer, each a list of rows), "settings" (every setting of
# training), "loss" (one number per epoch), "history" (the learning rate and
# the validation loss and score of each epoch), "classes", "feature_names",
# "outcome_names" (when the outcome had names), "scale" and "target_scale"
# (when the model scales its inputs, or a regression's outcome), "state" (what going on needs: the optimizer's
# slots, the schedule's rate, the random generator, the stopping counts) and
# "checksum". The keys of each section and the rule of each value are in one
# file that both languages read, inst/schema/model-file.json (installed as
# the package's schema/model-file.json); the shapes, and the rules that
# combine values, are the ones mlp() applies, from the same registries.
# Versions 1 and 2 still load: version 2 by the same schema, version 1 (one
# sigmoid hidden layer, half_sse, no decay, no checksum) by read_v1().
#
# Numbers are written with C's "%.17g" (and -0 as -0.0), which reads back to
# the same double, and strings with the escapes of json_string() below; R
# and Python therefore write the same bytes for the same model. An infinite
# best loss (none yet) is written null.
#
# The checksum. The canonical content of a file is its own UTF-8 bytes
# without its last member: the file ends with
#   ,\n  "checksum": "sha256:<64 lowercase hex digits>"\n}\n
# and the canonical content is the file with that ending replaced by
# "\n}\n", i.e. the text as written before the checksum was added. Hashing
# the bytes, not the parsed values, means that no number has to be
# formatted again to check a file, so R and Python agree by construction;
# any change, a digit or a space, is reported as a modified file. A checksum
# only shows that nothing changed since the file was sealed; so a sealed
# file is also checked for what mlp() would refuse.
#
# Reading is strict, with one rule in both languages: only a regular file
# is opened; a byte-order mark, invalid UTF-8, a token that is not JSON
# (comments, NaN), nesting deeper than a model file nests, a key twice in
# one object, a \u0000 or unpaired surrogate escape, an unknown or missing
# key: each is an error that says which.
#
#' @include activations.R losses.R optimizers.R samples.R schedules.R schemes.R train.R
NULL

# The schema of the files, read once from the installed package.
schema_cache <- new.env(parent = emptyenv())

model_schema <- function() {
  if (is.null(schema_cache$schema)) {
    path <- system.file("schema", "model-file.json", package = "nnscratch", mustWork = TRUE)
    schema_cache$schema <- jsonlite::read_json(path, simplifyVector = FALSE)
  }
  schema_cache$schema
}

label_max <- 2147483647
# The estimators a file's "role" names: Python's MLPClassifier, MLPRegressor
# and MLP. R reads each as an nnscratch_mlp that keeps its role.
roles <- c("classifier", "regressor", "either")
# The registries whose names the schema's "of" refers to.
registries <- list(
  hidden_activations = function() activation_names("hidden"),
  output_activations = function() activation_names("output"),
  losses = function() names(losses),
  reductions = function() reductions,
  optimizers = function() names(optimizers),
  schedules = function() names(schedules),
  schemes = function() names(schemes),
  scalings = function() names(scalings),
  roles = function() roles
)
# R's .Random.seed for its Mersenne-Twister: the kinds, the position and 624
# words.
random_state_length <- 626

#' Save a fitted network to a file, and load it back
#'
#' The file is JSON in a format shared with the Python module
#' (`nnscratch.save_model()` and `nnscratch.load_model()`): a model saved in
#' R loads in Python and predicts the same numbers, and the other way round;
#' both languages write the same bytes for the same model. It holds the
#' architecture, every weight to 17 significant digits (so a loaded model
#' predicts bit for bit as the saved one), the training settings, the loss
#' of each epoch and the validation history, the class labels (strings,
#' whole numbers or booleans, which keep their type), the predictors' names,
#' the scale, the state that going on needs (the optimizer's, the
#' schedule's and the random generator's) and a SHA-256 checksum of the rest
#' of the file. `init`, the trace and a formula fit's terms are not saved: a
#' loaded model takes a matrix, or a data frame holding the predictor
#' columns by name.
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
#' weights or state of the wrong shape, a network that [mlp()] would refuse
#' (a loss with an output it does not pair with, softmax with one output),
#' and a file of version 2 or later whose checksum does not match its
#' content ("modified or corrupted"). Version 1 files, written before the
#' checksum existed, still load; the loaded model's `attr(, "model_file")`
#' is `list(version = 1L, checksum = NULL)` for them, and holds the version
#' and checksum otherwise. A loaded model can go on training:
#' `mlp(X, y, init = loaded)`.
#'
#' @param model A fitted `nnscratch_mlp` from [mlp()].
#' @param path The file's path; by convention it ends in `.json`.
#' @return `save_model()` returns `path`, invisibly; `load_model()` returns an
#'   `nnscratch_mlp` (without `trace`).
#' @examples
#' X <- as.matrix(iris[1:4])
#' fit <- mlp(X, iris$Species, epochs = 20, seed = 1)
#' path <- tempfile(fileext = ".json")
#' save_model(fit, path)
#' loaded <- load_model(path)
#' identical(predict(loaded, X), predict(fit, X))
#' @export
save_model <- function(model, path) {
  if (!inherits(model, "nnscratch_mlp") || is.null(model$layers)) {
    abort("`model` must be a fitted nnscratch network, not %s.", describe(model), arg = "model")
  }
  path <- check_path(path)
  if (!dir.exists(dirname(path))) {
    abort("`path` must be in an existing folder; \"%s\" does not exist.", dirname(path), arg = "path")
  }
  if (dir.exists(path)) {
    file_error(path, "could not be written: it is a folder.")
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
    file_error(path, "is a broken nnscratch model file: %s", sprintf(fmt, ...))
  }
  schema <- model_schema()
  if (!is_json_object(doc)) {
    file_error(path, "is not an nnscratch model file: it holds a JSON %s, not an object.", json_kind(doc))
  }
  if (!identical(doc[["format"]], schema$format)) {
    file_error(
      path, "is not an nnscratch model file: its \"format\" is %s, not \"%s\".", describe_json(doc, "format"),
      schema$format
    )
  }
  version <- doc[["version"]]
  if (!is_json_number(version) || !version %in% seq_len(schema$version)) {
    file_error(
      path, "is an nnscratch model file whose \"version\" is %s; this nnscratch reads versions %s.",
      describe_json(doc, "version"), versions_text()
    )
  }
  if (version >= 2) check_checksum(read$text, doc, path)
  model <- if (version == 1) read_v1(doc, broken) else read_schema(doc, as.integer(version), broken)
  # not a part of the fit: what the file said about itself
  attr(model, "model_file") <- list(
    version = as.integer(version),
    checksum = if (version >= 2) doc[["checksum"]]
  )
  model
}

# Refuse the file at `path`: a message about the argument `path`, named with
# its value ("`path` ("m.json")").
file_error <- function(path, fmt, ...) {
  subject <- sprintf("`path` (\"%s\")", path)
  signal_error(paste(subject, sprintf(fmt, ...)), arg = "path", subject = subject)
}

# The versions this package reads, as messages list them: "1, 2 and 3".
versions_text <- function() {
  v <- as.character(seq_len(model_schema()$version))
  sprintf("%s and %s", paste(v[-length(v)], collapse = ", "), v[length(v)])
}

check_path <- function(path) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !nzchar(path)) {
    abort("`path` must be a file path, a single string, not %s.", describe(path), arg = "path")
  }
  path.expand(path)
}

# The document save_model() writes, as a named list in the file's order.
# The model's classes must be labels JSON holds with their type; this is
# checked here, before anything is written.
model_document <- function(model) {
  st <- model$settings
  schema <- model_schema()
  sections <- schema$sections[["3"]]
  layers <- lapply(model$layers, function(layer) list(W = layer$W, b = layer$b))
  if (!all(is.finite(c(unlist(layers), model$loss)))) {
    abort("`model` must have finite weights and loss to be saved; JSON has no NaN or Inf.", arg = "model")
  }
  check_labels(model$classes)
  names <- model$blueprint$feature_names
  history <- model$history
  doc <- list(
    format = schema$format,
    version = as.integer(schema$version),
    role = model$role,
    architecture = list(
      n_input = as.integer(st$n_input), hidden = I(as.integer(st$hidden)),
      n_output = as.integer(st$n_output), bias = st$bias,
      activation = I(rep_len(st$activation, length(st$hidden))), output_activation = st$output_activation
    ),
    layers = layers,
    settings = stats::setNames(
      lapply(sections$settings, function(f) setting_value(st[[f$key]], f)), keys_of(sections$settings)
    ),
    loss = I(as.double(model$loss)),
    history = stats::setNames(
      lapply(sections$history, function(f) if (!is.null(history[[f$key]])) I(as.double(history[[f$key]]))),
      keys_of(sections$history)
    ),
    classes = if (!is.null(model$classes)) I(model$classes),
    feature_names = if (!is.null(names)) I(as.character(names))
  )
  outcome <- model$blueprint$outcome_names
  if (!is.null(outcome)) doc$outcome_names <- I(as.character(outcome))
  for (key in c("scale", "target_scale")) {
    scale <- model[[key]]
    if (!is.null(scale)) doc[[key]] <- list(center = I(as.double(scale$center)), scale = I(as.double(scale$scale)))
  }
  doc$state <- state_document(model$state)
  doc
}

# A setting as JSON holds it: the settings with one value per layer (the
# schema's "per") as lists, class weights as an object, numbers as numbers.
setting_value <- function(v, f) {
  if (is.null(v)) return(NULL)
  if (!is.null(f$per)) return(I(as.vector(v)))
  if (is.numeric(v) && !is.null(names(v))) return(as.list(stats::setNames(as.double(v), names(v))))
  v
}

# A fit's state as the file holds it; an infinite best loss (none yet) as
# null. A word of .Random.seed that is NA_integer_ is the word -2^31.
state_document <- function(state) {
  optimizer <- state$optimizer
  slots <- optimizer[setdiff(names(optimizer), "t")]
  if (length(slots) == 0) slots <- structure(list(), names = character(0))
  finite <- function(x) if (is.finite(x)) as.double(x)
  random <- if (!is.null(state$random)) {
    words <- as.double(state$random)
    words[is.na(words)] <- -2^31
    I(words)
  }
  list(
    epoch = as.integer(state$epoch), t = as.integer(optimizer$t), slots = slots,
    schedule_lr = as.double(state$schedule$lr), random = random,
    validation = if (!is.null(state$validation)) I(as.integer(state$validation)),
    best_loss = finite(state$best_loss), count = as.integer(state$count),
    best_validation = finite(state$best_validation), best_epoch = as.integer(state$best_epoch)
  )
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
      if (is.object(classes)) sprintf("labels of class %s", class(classes)[1]) else describe(classes),
      arg = "model"
    )
  }
}

# ---- reading ----

# A version 1 file: one sigmoid hidden layer, half_sse, no decay, no
# checksum; "seed" and "scheme" may be missing (a missing scheme is the
# article's, in both languages).
read_v1 <- function(doc, broken) {
  check_keys(
    doc, c("format", "version", "architecture", "weights", "settings", "loss", "classes", "feature_names"),
    broken = broken
  )
  a <- section(doc, "architecture", c("n_input", "hidden", "n_output", "bias"), broken = broken)
  for (k in c("n_input", "hidden", "n_output")) {
    if (!is_count(a[[k]])) broken("`architecture.%s` must be a whole number >= 1.", k)
  }
  if (!is_json_flag(a[["bias"]])) broken("`architecture.bias` must be true or false.")
  p <- as.integer(a[["n_input"]])
  h <- as.integer(a[["hidden"]])
  o <- as.integer(a[["n_output"]])
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
  settings <- read_fields(st, model_schema()$sections[["2"]]$settings[1:4], "settings", new.env(), broken)
  if (!"seed" %in% names(settings)) settings["seed"] <- list(NULL)
  if (!"scheme" %in% names(settings)) settings$scheme <- article_scheme
  architecture <- list(
    n_input = p, hidden = h, n_output = o, bias = bias,
    activation = activation_names("hidden")[1], output_activation = activation_names("output")[1]
  )
  build_model(doc, 1L, architecture, from_article(params), settings, NULL, broken)
}

# A file of version 2 or later, its checksum already checked, read by the
# schema's rules.
read_schema <- function(doc, version, broken) {
  sections <- model_schema()$sections[[as.character(version)]]
  top <- sections$top
  optional <- vapply(top, function(f) isTRUE(f$optional), logical(1))
  check_keys(doc, keys_of(top), keys_of(top[!optional]), broken = broken)
  ctx <- new.env()
  architecture <- read_fields(
    section(doc, "architecture", keys_of(sections$architecture), broken = broken), sections$architecture,
    "architecture", ctx, broken
  )
  ctx$sizes <- c(architecture$n_input, architecture$hidden, architecture$n_output)
  ctx$bias <- architecture$bias
  layers <- read_layers(doc[["layers"]], "layers", ctx, broken)
  settings <- read_fields(
    section(doc, "settings", keys_of(sections$settings), broken = broken), sections$settings, "settings", ctx, broken
  )
  scales <- list()
  for (key in c("scale", "target_scale")) {
    if (key %in% names(doc)) {
      scales[[key]] <- read_fields(
        section(doc, key, keys_of(sections[[key]]), broken = broken), sections[[key]], key, ctx, broken
      )
    }
  }
  build_model(doc, version, architecture, layers, settings, scales, broken)
}

keys_of <- function(fields) {
  vapply(fields, function(f) f$key, character(1))
}

# The values of a section's fields, each checked by its rule (see
# model_rules); a missing optional one is left out. `ctx` is an environment
# the values are also written to, for the rules that read earlier values.
read_fields <- function(x, fields, where, ctx, broken) {
  out <- list()
  for (f in fields) {
    if (!f$key %in% names(x)) next
    rule <- model_rules[[f$rule]]
    r <- rule$test(x[[f$key]], f, ctx)
    if (!r$ok) broken("`%s.%s` must be %s.", where, f$key, rule$message(f, ctx))
    out[f$key] <- list(r$value)
    assign(f$key, r$value, envir = ctx)
  }
  out
}

# How many values a list with "per" holds: one per hidden layer, input,
# output or epoch.
per_count <- function(f, ctx) {
  sizes <- ctx$sizes
  switch(f$per,
    "hidden layer" = length(sizes) - 2L,
    input = sizes[1],
    output = sizes[length(sizes)],
    epoch = if (is.null(ctx$epochs)) 0L else ctx$epochs
  )
}

# The names of the registry a field's "of" refers to.
registry_of <- function(f) {
  registries[[f$of]]()
}

rule_counts <- function(x, f, ctx) {
  ok <- is.list(x) && is.null(names(x)) && length(x) > 0 && all(vapply(x, is_count, logical(1)))
  list(ok = ok, value = if (ok) as.integer(unlist(x)))
}

rule_names <- function(x, f, ctx) {
  ok <- is_json_strings(x) && length(x) == length(ctx$hidden) && all(unlist(x) %in% registry_of(f))
  list(ok = ok, value = if (ok) as.character(unlist(x)))
}

rule_numbers <- function(x, f, ctx) {
  v <- json_numbers(x)
  list(ok = !is.null(v) && length(v) == per_count(f, ctx), value = v)
}

rule_fractions <- function(x, f, ctx) {
  ok <- is.list(x) && is.null(names(x)) && length(x) == per_count(f, ctx) &&
    all(vapply(x, function(v) is_json_number(v) && v >= 0 && v < 1, logical(1)))
  list(ok = ok, value = if (ok) as.double(unlist(x)))
}

rule_class_weight <- function(x, f, ctx) {
  if (is.null(x) || identical(x, "balanced")) return(list(ok = TRUE, value = x))
  ok <- is_json_object(x) && length(x) > 0 && all(vapply(x, function(v) is_json_number(v) && v >= 0, logical(1)))
  list(ok = ok, value = if (ok) vapply(x, as.double, numeric(1)))
}

number_test <- function(ok, convert = as.double) {
  function(x, f, ctx) if (ok(x)) list(ok = TRUE, value = convert(x)) else list(ok = FALSE, value = NULL)
}

# Each rule of the schema: test(value, field, ctx) -> list(ok, value), and
# message(field, ctx), what the value must be.
model_rules <- list(
  text = list(
    test = function(x, f, ctx) list(ok = is_json_string(x), value = x), message = function(f, ctx) "a string"
  ),
  count = list(test = number_test(is_count, as.integer), message = function(f, ctx) "a whole number >= 1"),
  count0 = list(
    test = number_test(function(x) is_count(x) || (is_json_number(x) && x == 0), as.integer),
    message = function(f, ctx) "a whole number >= 0"
  ),
  counts = list(
    test = rule_counts, message = function(f, ctx) sprintf("a list of whole numbers >= 1, one per %s", f$per)
  ),
  flag = list(test = function(x, f, ctx) list(ok = is_json_flag(x), value = x), message = function(f, ctx) "true or false"),
  name = list(
    test = function(x, f, ctx) list(ok = is_json_string(x) && x %in% registry_of(f), value = x),
    message = function(f, ctx) one_of(registry_of(f))
  ),
  names = list(
    test = rule_names,
    message = function(f, ctx) sprintf("a list of %d of %s, one per %s", length(ctx$hidden), one_of(registry_of(f)), f$per)
  ),
  positive = list(
    test = number_test(function(x) is_json_number(x) && x > 0), message = function(f, ctx) "a positive number"
  ),
  nonnegative = list(
    test = number_test(function(x) is_json_number(x) && x >= 0), message = function(f, ctx) "a number >= 0"
  ),
  fraction = list(
    test = number_test(function(x) is_json_number(x) && x >= 0 && x < 1), message = function(f, ctx) "a number in [0, 1)"
  ),
  unit = list(
    test = number_test(function(x) is_json_number(x) && x > 0 && x <= 1), message = function(f, ctx) "a number in (0, 1]"
  ),
  seed = list(
    test = number_test(function(x) is.null(x) || (is_json_number(x) && x == round(x)), function(x) if (!is.null(x)) as.double(x)),
    message = function(f, ctx) "null or a whole number"
  ),
  count_or_null = list(
    test = number_test(function(x) is.null(x) || is_count(x), function(x) if (!is.null(x)) as.integer(x)),
    message = function(f, ctx) "null or a whole number >= 1"
  ),
  numbers = list(
    test = rule_numbers,
    message = function(f, ctx) sprintf("a list of %d numbers, one per %s", per_count(f, ctx), f$per)
  ),
  numbers_or_null = list(
    test = function(x, f, ctx) if (is.null(x)) list(ok = TRUE, value = NULL) else rule_numbers(x, f, ctx),
    message = function(f, ctx) sprintf("null or a list of %d numbers, one per %s", per_count(f, ctx), f$per)
  ),
  number_or_null = list(
    test = number_test(function(x) is.null(x) || is_json_number(x), function(x) if (is.null(x)) Inf else as.double(x)),
    message = function(f, ctx) "null or a number"
  ),
  fractions = list(
    test = rule_fractions,
    message = function(f, ctx) sprintf("a list of %d numbers in [0, 1), one per %s", per_count(f, ctx), f$per)
  ),
  class_weight = list(
    test = rule_class_weight,
    message = function(f, ctx) "null, \"balanced\" or an object of numbers >= 0, one per class"
  )
)

# A list of layers list(W, b) whose shapes follow the architecture's sizes;
# b null without biases.
read_layers <- function(x, where, ctx, broken) {
  sizes <- ctx$sizes
  if (!is.list(x) || !is.null(names(x)) || length(x) != length(sizes) - 1) {
    broken("`%s` must be a list of %d layers, one per hidden layer and the output.", where, length(sizes) - 1L)
  }
  lapply(seq_along(x), function(i) {
    at <- sprintf("%s[%d]", where, i)
    layer <- section(x, i, c("W", "b"), where = at, broken = broken)
    W <- json_matrix(layer[["W"]], sizes[i], sizes[i + 1])
    if (is.null(W)) broken("`%s.W` must be a list of %d rows of %d numbers each.", at, sizes[i], sizes[i + 1])
    if (!ctx$bias) {
      if (!is.null(layer[["b"]])) broken("`%s.b` must be null, as `architecture.bias` is false.", at)
      return(list(W = W, b = NULL))
    }
    b <- json_matrix(layer[["b"]], 1, sizes[i + 1])
    if (is.null(b)) broken("`%s.b` must be a list of 1 rows of %d numbers each.", at, sizes[i + 1])
    list(W = W, b = b)
  })
}

# A version 3 file's state, its optimizer's slots shaped as the layers.
read_state <- function(x, settings, layers, ctx, broken) {
  fields <- model_schema()$sections[["3"]]$state
  st <- section(list(state = x), "state", keys_of(fields), broken = broken)
  structural <- c("slots", "random", "validation")
  values <- read_fields(st, Filter(function(f) !f$key %in% structural, fields), "state", ctx, broken)
  slots <- st[["slots"]]
  names <- optimizers[[settings$optimizer]]$slots
  if (!is_json_object(slots) || !identical(sort(names(slots)), sort(names))) {
    broken(
      "`state.slots` must be an object with %s, the slots of the optimizer \"%s\".",
      if (length(names) == 0) "no key" else sub(" or ", " and ", one_of(names), fixed = TRUE), settings$optimizer
    )
  }
  optimizer <- c(
    list(t = values$t),
    lapply(stats::setNames(nm = names), function(k) read_layers(slots[[k]], sprintf("state.slots.%s", k), ctx, broken))
  )
  random <- st[["random"]]
  # the words of .Random.seed are R's ints, -2^31 (NA_integer_) included
  if (!is.null(random) && !(is.list(random) && length(random) == random_state_length &&
    all(vapply(random, function(v) is_json_number(v) && v == round(v) && v >= -2^31 && v <= label_max, logical(1))) &&
    random[[1]] == 10403)) {
    broken(
      "`state.random` must be null or R's .Random.seed for the Mersenne-Twister: %d whole numbers, the first 10403.",
      random_state_length
    )
  }
  rows <- st[["validation"]]
  if (!is.null(rows) && !(is.list(rows) && length(rows) > 0 && all(vapply(rows, is_count, logical(1))) &&
    all(diff(unlist(rows)) > 0))) {
    broken("`state.validation` must be null or a list of increasing whole numbers >= 1, the rows held out.")
  }
  if (values$epoch != ctx$epochs) {
    broken("`state.epoch` must be %d, the epochs of `loss`.", ctx$epochs)
  }
  if (!is.null(random)) {
    words <- as.double(unlist(random))
    random <- rep(NA_integer_, length(words))
    random[words > -2^31] <- as.integer(words[words > -2^31])
  }
  list(
    epoch = values$epoch, optimizer = optimizer, schedule = list(lr = values$schedule_lr), random = random,
    validation = if (!is.null(rows)) as.integer(unlist(rows)), best_loss = values$best_loss,
    count = values$count, best_validation = values$best_validation, best_epoch = values$best_epoch
  )
}

# The model, from its parts and the file's loss, history, classes, feature
# names and state. The rules mlp() applies to a network apply here too: a
# loss pairs with its output, and softmax needs two outputs or more.
build_model <- function(doc, version, architecture, layers, settings, scales, broken) {
  loss <- json_numbers(doc[["loss"]])
  epochs <- settings$epochs
  if (version < 3 && (is.null(loss) || length(loss) != epochs)) {
    broken("`loss` must be a list of %d numbers, one per epoch.", epochs)
  }
  if (is.null(loss) || length(loss) < 1 || length(loss) > epochs) {
    broken("`loss` must be a list of 1 to %d numbers, one per epoch trained.", epochs)
  }
  ctx <- new.env()
  ctx$sizes <- c(architecture$n_input, architecture$hidden, architecture$n_output)
  ctx$epochs <- length(loss)
  ctx$hidden <- architecture$hidden
  ctx$bias <- architecture$bias
  o <- architecture$n_output
  role <- if ("role" %in% names(doc)) doc[["role"]] else roles[3]
  if (!is_json_string(role) || !role %in% roles) broken("`role` must be %s.", one_of(roles))
  n_classes <- if (o == 1) 2L else o
  classes <- NULL
  if (!is.null(doc[["classes"]])) {
    classes <- json_labels(doc[["classes"]])
    if (is.null(classes) || length(classes) != n_classes || anyDuplicated(classes)) {
      broken(
        paste(
          "`classes` must be null or a list of %d distinct labels, one per class:",
          "all strings, all whole numbers or all booleans."
        ),
        n_classes
      )
    }
  }
  if (role == roles[1] && is.null(classes)) {
    broken("`classes` must be a list of labels, as the \"role\" is \"%s\".", roles[1])
  }
  feature_names <- doc[["feature_names"]]
  if (!is.null(feature_names)) {
    if (!is_json_strings(feature_names) || length(feature_names) != ctx$sizes[1]) {
      broken("`feature_names` must be null or a list of %d names, one per input.", ctx$sizes[1])
    }
    feature_names <- unlist(feature_names)
  }
  outcome_names <- doc[["outcome_names"]]
  if (!is.null(outcome_names)) {
    if (!is_json_strings(outcome_names) || length(outcome_names) == 0) {
      broken("`outcome_names` must be a list of names, the outcome's.")
    }
    outcome_names <- unlist(outcome_names)
  }
  s <- full_settings(settings, architecture)
  tryCatch(
    check_loss(s$loss, s$output_activation, o),
    nnscratch_error = function(e) broken("%s", conditionMessage(e))
  )
  if (version >= 3) {
    sections <- model_schema()$sections[["3"]]
    history <- read_fields(
      section(doc, "history", keys_of(sections$history), broken = broken), sections$history, "history", ctx, broken
    )
    state <- read_state(doc[["state"]], s, layers, ctx, broken)
  } else {
    history <- list(lr = rep(s$lr, length(loss)), validation_loss = NULL, validation_score = NULL)
    state <- loaded_state(s, layers, length(loss))
  }
  # the gradients are not kept
  history["gradients"] <- list(NULL)
  scale <- scales$scale
  if (!is.null(scale) && !is.null(scale$min)) {
    # version 2: Python's command line's min-max scaling
    scale <- list(center = scale$min, scale = ifelse(scale$max > scale$min, scale$max - scale$min, 1))
  }
  fit <- list(params = layers, settings = s, loss = loss, history = history, trace = list(), state = state, stopped = NULL)
  blueprint <- list(feature_names = feature_names, formula = FALSE, hardhat = NULL, outcome_names = outcome_names)
  new_mlp(fit, s, classes, scale, scales$target_scale, blueprint, role)
}

# Every setting of a fitted model: the file's, and for older versions the
# article's for the rest.
full_settings <- function(settings, architecture) {
  article <- defaults("article")
  s <- article[c(recorded_settings, "scheme", "scale", "class_weight")]
  s[names(architecture)] <- architecture
  s[names(settings)] <- settings
  if (length(s$dropout) != length(s$hidden)) s$dropout <- rep(s$dropout, length(s$hidden))
  s
}

# The state of a model from a file that kept none (versions 1 and 2): its
# optimizer starts afresh.
loaded_state <- function(s, layers, epochs) {
  state <- new_state(s, layers)
  state$epoch <- as.integer(epochs)
  state
}

# ---- strict reading ----

# Read `path` as a model file's JSON text: list(text, doc). One rule in
# both languages, checked in this order: a regular file, no byte-order
# mark, UTF-8, only JSON's tokens outside strings, nesting at most
# the schema's max_depth, valid JSON, each key once per object, no \u0000 or
# unpaired surrogate escape.
read_json_strictly <- function(path) {
  if (!file.exists(path)) {
    abort("`path` must be an existing file, not \"%s\".", path, arg = "path")
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
    file_error(path, "is %s, not a model file; only a regular file is read.", kind)
  }
  bytes <- NULL
  cause <- io_cause(bytes <- readBin(path, "raw", file.size(path)))
  if (!is.null(cause)) file_error(path, "could not be read: %s.", cause)
  if (length(bytes) >= 3 && identical(bytes[1:3], as.raw(c(0xef, 0xbb, 0xbf)))) {
    file_error(path, "starts with a byte-order mark; a model file is UTF-8 without one.")
  }
  not_json <- function() file_error(path, "is not valid JSON; the file is truncated or corrupted.")
  # A NUL byte is valid UTF-8 but never valid JSON; R's strings cannot hold it.
  if (any(bytes == 0)) not_json()
  text <- rawToChar(bytes)
  Encoding(text) <- "UTF-8"
  if (!validUTF8(text)) {
    file_error(path, "is not valid UTF-8; the file is corrupted.")
  }
  outside <- gsub(json_string_pattern, "\"\"", text, perl = TRUE)
  if (grepl(json_stray_pattern, outside, perl = TRUE)) not_json()
  max_depth <- model_schema()$max_depth
  if (json_depth(outside) > max_depth) {
    file_error(path, "nests JSON deeper than a model file's %d levels; the file is corrupted.", max_depth)
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
    file_error(path, "has the key \"%s\" twice in one JSON object; a model file has each key once.", key)
  }
  if (has_bad_escape(text)) {
    file_error(path, "has a string with a \\u0000 or unpaired surrogate escape, which is not text.")
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

# A file of version 2 or later ends with its checksum; see the top of this
# file.
check_checksum <- function(text, doc, path) {
  checksum <- doc[["checksum"]]
  if (!"checksum" %in% names(doc)) {
    file_error(path, "is a broken nnscratch model file: the top level lacks the key \"checksum\".")
  }
  ending <- if (is_json_string(checksum)) sprintf(",\n  \"checksum\": \"%s\"\n}\n", checksum)
  ok <- !is.null(ending) && grepl("^sha256:[0-9a-f]{64}$", checksum) && endsWith(text, ending) &&
    identical(model_checksum(paste0(substr(text, 1, nchar(text) - nchar(ending)), "\n}\n")), checksum)
  if (!ok) {
    file_error(path, "was modified or corrupted: its checksum does not match its content.")
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
# object (an empty one too, structure(list(), names = character(0))), an
# AsIs vector (I()) always an array, any other vector of length 1 a scalar;
# integers as integers, doubles with "%.17g" (-0 as -0.0).
json_value <- function(x) {
  if (is.null(x)) return("null")
  if (is.matrix(x)) {
    rows <- vapply(seq_len(nrow(x)), function(i) json_value(I(x[i, ])), character(1))
    return(paste0("[", paste(rows, collapse = ","), "]"))
  }
  if (is.list(x)) {
    items <- vapply(x, json_value, character(1))
    if (is.null(names(x))) return(paste0("[", paste(items, collapse = ","), "]"))
    if (length(x) == 0) return("{}")
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
  failed <- function(cause) file_error(path, "could not be written: %s.", cause)
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
