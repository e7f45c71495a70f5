# The public boundary: every argument rule and coercion lives here, once. The
# core (R/steps.R, R/train.R) trusts what it is given. python/src/nnscratch/
# validate.py holds the same functions in the same order, with the same
# messages; the parity suite sends the same bad values to both.

abort <- function(...) {
  msg <- sprintf(...)
  stop(structure(
    class = c("nnscratch_error", "error", "condition"),
    list(message = msg, call = NULL)
  ))
}

# The largest whole number an argument that counts something may take:
# R's largest integer, so that as.integer() never overflows to NA.
max_count <- 2147483647

# How a value is shown in a message. validate.py's describe() gives the same
# text for the same kind of value, and the parity suite checks that, value by
# value. The kinds, in the order they are tried:
#
#   value (R)                   value (Python)                       text
#   NULL                        None                                 NULL
#   a function                  a function or method                 a function
#   a data frame                a pandas DataFrame                   a data frame with a text column `b` (its
#                                                                      first column that is not numeric), or
#                                                                      a 3 x 2 data frame of numbers
#   a factor                    a pandas Categorical, or a Series    a factor of length 3
#                                 of dtype category
#   a list                      a list, tuple or dict                a list of length 1
#   a matrix (2 dimensions)     a 2-d array                          a 3 x 4 matrix of strings
#   an array of 3 or more       an array of 3 or more dimensions     a 2 x 3 x 4 array of numbers
#     dimensions
#   NA of any type              pandas.NA                            NA
#   TRUE or FALSE               a bool                               TRUE, FALSE
#   one number (a vector or a   an int, a float, a numpy number,     C's "%.15g": 0.1, 1e+20, -0, and NaN,
#     1-d array of length 1)      a 0-d or 1-d array of one number     Inf, -Inf
#   one string                  a str (or an array of one)           "abc", in double quotes
#   one complex number          a complex (or an array of one)       a complex number
#   a vector of another length  a 1-d array or a Series              a numeric vector of length 4
#   anything else               anything else                        an object of class `Date`
#
# The type of the elements is said with one word per kind: numeric
# (integer or double), logical, text (character, str), complex, factor
# (a data frame's column only); the elements of a matrix or an array are
# numbers, logical values, strings, complex numbers, or values (a list
# matrix in R, a numpy array of mixed Python objects). A 1-d R array is a
# vector, and of length 1 a number, as a 1-d numpy array is. A numpy array of
# Python objects takes the kind its elements share (all str: text), and is
# a list when they share none.
describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.function(x)) return("a function")
  if (is.data.frame(x)) return(describe_data_frame(x))
  if (is.factor(x)) return(sprintf("a factor of length %d", length(x)))
  kind <- value_kind(x)
  if (is.list(x) && is.null(dim(x))) return(sprintf("a list of length %d", length(x)))
  if (is.null(kind) || (!is.null(oldClass(x)) && !is.list(x))) {
    return(sprintf("an object of class `%s`", class(x)[1]))
  }
  d <- dim(x)
  if (length(d) >= 2) {
    return(sprintf(
      "a %s %s of %s", paste(d, collapse = " x "), if (length(d) == 2) "matrix" else "array",
      element_nouns[[kind]]
    ))
  }
  if (length(x) == 1 && length(d) <= 1) {
    if (is.na(x) && !is.nan(x)) return("NA")
    return(switch(kind,
      logical = if (x) "TRUE" else "FALSE",
      numeric = sprintf("%.15g", as.double(x)),
      text = sprintf("\"%s\"", x),
      complex = "a complex number"
    ))
  }
  sprintf("a %s vector of length %d", kind, length(x))
}

# The kind of the elements of an atomic vector, matrix or list, as the
# table above names it; NULL for types that have none (raw, environment, ...).
value_kind <- function(x) {
  switch(typeof(x),
    double = , integer = "numeric", logical = "logical", character = "text",
    complex = "complex", list = "values", NULL
  )
}

element_nouns <- list(
  numeric = "numbers", logical = "logical values", text = "strings",
  complex = "complex numbers", values = "values"
)

describe_data_frame <- function(x) {
  numeric <- vapply(x, is.numeric, logical(1))
  if (all(numeric)) {
    return(sprintf("a %d x %d data frame of numbers", nrow(x), ncol(x)))
  }
  j <- which(!numeric)[1]
  column <- x[[j]]
  kind <- if (is.factor(column)) "factor" else if (is.null(oldClass(column))) value_kind(column)
  if (is.null(kind) || kind == "values") kind <- class(column)[1]
  sprintf("a data frame with a %s column `%s`", kind, names(x)[j])
}

# The name of an argument as messages show it, in backticks; an element of
# an argument, such as `wh` in `params`, comes already quoted.
quote_arg <- function(arg) {
  if (grepl("`", arg, fixed = TRUE)) arg else sprintf("`%s`", arg)
}

# How messages name an element of a list argument, the same in both
# languages: "`wh` in `params`".
element_arg <- function(name, arg) {
  sprintf("`%s` in `%s`", name, arg)
}

# Return `x` as a double matrix with at least one row and only finite values.
# A data frame of numbers is taken as its matrix (a data frame with another
# column is refused, naming that column). A plain vector becomes one column
# when `vector_ok` (for `y`).
as_numeric_matrix <- function(x, arg, vector_ok = FALSE) {
  if (is.data.frame(x) && all(vapply(x, is.numeric, logical(1)))) {
    x <- as.matrix(x)
  }
  if (vector_ok && is.numeric(x) && length(dim(x)) <= 1 && !is.object(x)) {
    x <- matrix(x, ncol = 1)
  }
  # The words scikit-learn's estimator checks look for (sparse, "Complex
  # data not supported", "Reshape your data") are kept in these messages,
  # which Python shares.
  if (inherits(x, "sparseMatrix")) {
    abort("%s must be a dense numeric matrix; sparse input is not supported.", quote_arg(arg))
  }
  if (is.complex(x)) {
    abort("%s must be a numeric matrix of real numbers, not %s. Complex data not supported.", quote_arg(arg), describe(x))
  }
  if (is.numeric(x) && length(dim(x)) <= 1 && !is.object(x)) {
    abort(
      "%s must be a numeric matrix, not %s. Reshape your data: one row per sample, one column per feature.",
      quote_arg(arg), describe(x)
    )
  }
  if (!is.matrix(x) || !is.numeric(x) || is.object(x)) {
    abort("%s must be a numeric matrix, not %s.", quote_arg(arg), describe(x))
  }
  storage.mode(x) <- "double"
  if (nrow(x) == 0) {
    abort("%s must have at least one row.", quote_arg(arg))
  }
  if (ncol(x) == 0) {
    abort(
      "%s must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
      quote_arg(arg), nrow(x)
    )
  }
  bad <- which(!is.finite(x), arr.ind = TRUE)
  if (nrow(bad) > 0) {
    abort(
      "%s must not contain NA, NaN or Inf; found %s at row %d, column %d.",
      quote_arg(arg), describe(x[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2]
    )
  }
  x
}

# Return y as an n x o matrix; outside an identity output its values must lie
# in [0, 1].
check_y <- function(y, X, output_activation = "sigmoid") {
  y <- as_numeric_matrix(y, "y", vector_ok = TRUE)
  if (nrow(y) != nrow(X)) {
    abort(
      "`y` must have as many rows as `X` (%d), not %d.", nrow(X), nrow(y)
    )
  }
  bad <- if (output_activation != "identity") which(y < 0 | y > 1, arr.ind = TRUE) else matrix(0, 0, 2)
  if (nrow(bad) > 0) {
    abort(
      "`y` must lie in [0, 1], the range of the %s; found %s at row %d, column %d. For a continuous target outside [0, 1], use the identity output.",
      output_activation, describe(y[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2]
    )
  }
  y
}

# `x` for sigmoid() and derivatives_sigmoid(): numbers of any shape (a
# number, a vector, a matrix or an array); NA, NaN and Inf are allowed, as
# the functions are defined there.
check_numeric <- function(x, arg) {
  if (!is.numeric(x) || is.object(x)) {
    abort("%s must be numeric (a number, a vector, a matrix or an array), not %s.", quote_arg(arg), describe(x))
  }
  x
}

# One number: a vector (or a 1-d array) of length 1, as Python's number or
# 0-d or 1-d array of one element; not a 1 x 1 matrix, in both languages.
is_number <- function(x) {
  is.numeric(x) && length(x) == 1 && length(dim(x)) <= 1 && !is.object(x) && !is.na(x)
}

is_whole <- function(x) {
  is_number(x) && is.finite(x) && x == round(x)
}

# A whole number from `lo` to `hi`; the bound is checked here so that a huge
# value is refused before anything is allocated for it.
check_count <- function(x, arg, lo, hi = max_count) {
  if (!is_whole(x) || x < lo || x > hi) {
    abort(
      "%s must be a whole number from %s to %s, not %s.",
      quote_arg(arg), count_text(lo), count_text(hi), describe(x)
    )
  }
  as.integer(x)
}

# The sizes of the hidden layers (`hidden` in mlp(), `n_hidden` in
# init_params()): one number, or one per hidden layer, each a whole number
# from 1 to 2147483647.
check_hidden <- function(hidden, arg = "hidden") {
  # an unnamed list of sizes, as Python's list, is taken as their vector
  if (is.list(hidden) && !is.object(hidden) && is.null(names(hidden)) && length(hidden) > 0 &&
    all(vapply(hidden, is_number, logical(1)))) {
    hidden <- unlist(hidden)
  }
  if (!is.numeric(hidden) || is.object(hidden) || length(hidden) <= 1 || length(dim(hidden)) > 1) {
    return(check_count(hidden, arg, 1))
  }
  if (!all(vapply(hidden, function(n) is_whole(n) && n >= 1 && n <= max_count, logical(1)))) {
    abort(
      "%s must be whole numbers from 1 to %s, one per hidden layer, not %s.",
      quote_arg(arg), count_text(max_count), describe(hidden)
    )
  }
  as.integer(hidden)
}

check_lr <- function(lr) {
  if (!is_number(lr) || !is.finite(lr) || lr <= 0) {
    abort("`lr` must be a positive number, not %s.", describe(lr))
  }
  as.vector(lr)
}

check_epochs <- function(epochs) {
  check_count(epochs, "epochs", 1)
}

check_trace_every <- function(trace_every) {
  check_count(trace_every, "trace_every", 0)
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1 || length(dim(x)) > 1 || is.na(x)) {
    abort("`%s` must be TRUE or FALSE, not %s.", arg, describe(x))
  }
  as.vector(x)
}

check_layout <- function(layout) {
  layouts <- c("rows", "columns")
  if (identical(layout, layouts)) return(layouts[1])
  if (!is.character(layout) || length(layout) != 1 || length(dim(layout)) > 1 || !layout %in% layouts) {
    abort("`layout` must be \"rows\" or \"columns\", not %s.", describe(layout))
  }
  as.vector(layout)
}

check_batch_size <- function(batch_size, n) {
  if (is.null(batch_size)) return(n)
  if (!is_whole(batch_size) || batch_size < 1 || batch_size > n) {
    abort(
      "`batch_size` must be NULL or a whole number from 1 to %d, the number of samples, not %s.",
      n, describe(batch_size)
    )
  }
  as.integer(batch_size)
}

# One of the seeds set.seed() takes, or NULL.
check_shuffle_seed <- function(seed) {
  if (!is.null(seed) && (!is_whole(seed) || abs(seed) > max_count)) {
    abort(
      "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not %s.",
      describe(seed)
    )
  }
  invisible(if (!is.null(seed)) as.vector(seed))
}

check_verbose <- function(verbose) {
  check_count(verbose, "verbose", 0)
}

# The sorted epochs to keep: 1, every k-th and the last when k > 0, plus
# `at`. A `k` above `epochs` keeps the first and the last.
trace_epochs <- function(epochs, every, at) {
  if (!is.null(at) && (!is.numeric(at) || is.object(at) || anyNA(at) || any(at != round(at)) ||
    any(at < 1) || any(at > epochs))) {
    abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs)
  }
  keep <- as.integer(at)
  if (every > 0) {
    keep <- c(keep, 1L, if (every <= epochs) seq.int(every, epochs, by = every), epochs)
  }
  sort(unique(keep))
}

# How many epochs trace_epochs() keeps at most, counted without building
# them, for check_memory().
n_traced <- function(epochs, every, at) {
  # every k-th epoch, and the first and the last when they are not among them
  kept <- if (every == 0) 0 else if (every == 1) epochs else epochs %/% every + 1 + (epochs %% every != 0)
  length(at) + kept
}

# The memory of the machine in bytes (MemTotal of /proc/meminfo); Inf where
# that file does not exist.
total_memory <- function() {
  lines <- tryCatch(
    suppressWarnings(readLines("/proc/meminfo", n = 50)),
    error = function(e) character(0)
  )
  kb <- suppressWarnings(as.numeric(sub("^MemTotal:\\s*([0-9]+) kB$", "\\1", grep("^MemTotal:", lines, value = TRUE))))
  if (length(kb) != 1 || is.na(kb)) Inf else kb * 1024
}

# The doubles a run allocates, about: the loss per epoch, copies of X and
# y, and for the working step and each traced epoch the 5 n x width
# matrices of each layer (its input, activation, slope, error and delta)
# and the weights. `hidden` holds the widths of the hidden layers.
run_bytes <- function(n, p, hidden, o, epochs = 0, kept = 0) {
  widths <- c(p, hidden, o)
  weights <- sum((widths[-length(widths)] + 1) * widths[-1])
  step <- 5 * n * (sum(hidden) + o) + weights
  8 * (epochs + 2 * n * (p + o) + (kept + 1) * step)
}

# Refuse a run that would need more memory than the machine has, before
# anything is allocated; `what` says what would need it, `sizes` the sizes
# that make it so.
check_memory <- function(bytes, what, sizes) {
  total <- total_memory()
  if (bytes > total) {
    abort(
      "%s would need about %.1f GB of memory (%s), more than the %.1f GB this machine has.",
      what, bytes / 1e9, sizes, total / 1e9
    )
  }
}

# check_memory() for training: n samples, p inputs, hidden layers of the
# widths in `hidden`, o outputs, `epochs` epochs of which `kept` traced.
check_run_memory <- function(n, p, hidden, o, epochs = 0, kept = 0) {
  check_memory(
    run_bytes(n, p, hidden, o, epochs, kept), "Training",
    sprintf(
      "n = %s, p = %s, hidden = %s, outputs = %s, epochs = %s, traced epochs = %s",
      count_text(n), count_text(p), paste(count_text(hidden), collapse = ", "), count_text(o),
      count_text(epochs), count_text(kept)
    )
  )
}

# check_memory() for init_params(): the weights of a network with these
# sizes, drawn once and then shaped into matrices.
check_init_memory <- function(n_input, n_hidden, n_output) {
  check_memory(
    2 * run_bytes(0, n_input, n_hidden, n_output), "Drawing the initial weights",
    sprintf(
      "n_input = %s, n_hidden = %s, n_output = %s",
      count_text(n_input), paste(count_text(n_hidden), collapse = ", "), count_text(n_output)
    )
  )
}

# A whole number as messages write it, in full (1e10 is 10000000000).
count_text <- function(x) {
  sprintf("%.0f", x)
}

# Return `params` as list(wh, bh, wout, bout) of double matrices whose shapes
# fit `p` inputs and `o` outputs (see ?nnscratch for the shapes); `o = NULL`
# takes it from `wout`. A bias given as a plain vector becomes a one-row
# matrix. Names are matched exactly, as Python's dict keys are: an unknown
# name is an error, not a prefix of a known one.
check_params <- function(params, p, o = NULL, arg = "params") {
  known <- c("wh", "bh", "wout", "bout")
  given <- names(params)
  if (!is.list(params) || is.data.frame(params) || is.object(params) ||
    (length(params) > 0 && (is.null(given) || any(given == "")))) {
    abort(
      "`%s` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases), not %s.",
      arg, describe(params)
    )
  }
  if (anyDuplicated(given)) {
    abort("`%s` must name each matrix once; `%s` appears twice.", arg, given[anyDuplicated(given)])
  }
  unknown <- setdiff(given, known)
  if (length(unknown) > 0) {
    abort(
      "`%s` must hold only `wh`, `bh`, `wout` and `bout`, not %s.",
      arg, paste0("`", unknown, "`", collapse = ", ")
    )
  }
  get <- function(name) params[[name, exact = TRUE]]
  if (is.null(get("wh")) || is.null(get("wout"))) {
    abort(
      "`%s` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases), not %s.",
      arg, describe(params)
    )
  }
  if (is.null(get("bh")) != is.null(get("bout"))) {
    abort("`%s` must have both `bh` and `bout`, or neither.", arg)
  }
  wh <- as_numeric_matrix(get("wh"), element_arg("wh", arg))
  h <- ncol(wh)
  if (nrow(wh) != p) {
    abort("%s must have %d rows, one per column of `X`, not %d.", element_arg("wh", arg), p, nrow(wh))
  }
  wout <- as_numeric_matrix(get("wout"), element_arg("wout", arg))
  if (is.null(o)) o <- ncol(wout)
  check_shape(wout, element_arg("wout", arg), h, o)
  bh <- NULL
  bout <- NULL
  if (!is.null(get("bh"))) {
    bh <- as_numeric_matrix(as_row(get("bh")), element_arg("bh", arg))
    check_shape(bh, element_arg("bh", arg), 1, h)
    bout <- as_numeric_matrix(as_row(get("bout")), element_arg("bout", arg))
    check_shape(bout, element_arg("bout", arg), 1, o)
  }
  list(wh = wh, bh = bh, wout = wout, bout = bout)
}

as_row <- function(b) {
  if (is.numeric(b) && length(dim(b)) <= 1 && !is.object(b)) matrix(b, nrow = 1) else b
}

check_shape <- function(x, arg, rows, cols) {
  if (nrow(x) != rows || ncol(x) != cols) {
    abort(
      "%s must be a %d x %d matrix, not %d x %d.",
      quote_arg(arg), rows, cols, nrow(x), ncol(x)
    )
  }
}

# The network's shape and rules: layers, activations, loss, decay.

# list(layers, article): the network as a list of layers, and whether it came
# as the article's params. `params` is the article's list (wh, bh, wout,
# bout) or a list of layers, each a list with a matrix `W` (fan_in x
# fan_out) and a 1 x fan_out bias `b` or NULL; the first takes `p` inputs,
# the last gives `o` outputs (NULL: any).
check_network <- function(params, p, o = NULL, arg = "params") {
  # A list of layers is an unnamed list (Python: a list or a tuple);
  # anything else, an empty list() too, is checked as the article's params.
  if (is.list(params) && !is.object(params) && !has_names(params) && length(params) > 0) {
    return(list(layers = check_layers(params, p, o, arg), article = FALSE))
  }
  list(layers = from_article(check_params(params, p, o, arg)), article = TRUE)
}

# What train(), train_step() and check_gradients() check alike, against the
# checked matrix X: list(y, layers, article) (as check_network() returns
# them) and the activation (one per hidden layer), output_activation and
# loss.
check_problem <- function(params, X, y, activation, output_activation, loss) {
  output_activation <- check_output_activation(output_activation)
  y <- check_y(y, X, output_activation)
  net <- check_network(params, ncol(X), ncol(y))
  c(list(y = y), net, list(
    activation = check_activation(activation, length(net$layers) - 1),
    output_activation = output_activation,
    loss = check_loss(loss, output_activation, ncol(y))
  ))
}

# Whether a list has names: the article's params do, a list of layers does
# not, or only empty or NA ones.
has_names <- function(x) {
  any(!is.na(names(x)) & nzchar(names(x)))
}

check_layers <- function(layers, p, o = NULL, arg = "params") {
  if (!is.list(layers) || has_names(layers) || length(layers) < 2 ||
    !all(vapply(layers, is.list, logical(1)))) {
    abort(
      "`%s` must be the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers, each a list with a matrix `W` and a bias row `b` or NULL, not %s.",
      arg, describe(layers)
    )
  }
  fan_in <- p
  checked <- vector("list", length(layers))
  for (i in seq_along(layers)) {
    layer <- layers[[i]]
    keys <- names(layer)
    if (is.null(keys) || any(!keys %in% c("W", "b")) || !"W" %in% keys || anyDuplicated(keys)) {
      abort(
        "Layer %d of `%s` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
        i, arg, if (length(keys)) paste(sprintf("`%s`", keys), collapse = ", ") else "nothing"
      )
    }
    W <- as_numeric_matrix(layer[["W"]], sprintf("`W` of layer %d", i))
    if (nrow(W) != fan_in) {
      abort(
        "`W` of layer %d must have %d rows, one per %s, not %d.",
        i, fan_in, if (i == 1) "column of `X`" else sprintf("neuron of layer %d", i - 1), nrow(W)
      )
    }
    b <- layer[["b"]]
    if (!is.null(b)) {
      b <- as_numeric_matrix(as_row(b), sprintf("`b` of layer %d", i))
      check_shape(b, sprintf("`b` of layer %d", i), 1, ncol(W))
    }
    checked[[i]] <- list(W = W, b = b)
    fan_in <- ncol(W)
  }
  if (!is.null(o) && fan_in != o) {
    abort(
      "`W` of layer %d must have %d columns, one per column of `y`, not %d.",
      length(checked), o, fan_in
    )
  }
  checked
}

# One hidden activation per hidden layer: a single name is recycled.
check_activation <- function(activation, n_layers) {
  if (!is.character(activation) || !is.null(dim(activation)) ||
    !length(activation) %in% c(1, n_layers) || anyNA(activation) ||
    !all(activation %in% hidden_activations)) {
    abort(
      "`activation` must be \"sigmoid\", \"tanh\" or \"relu\", or one of them per hidden layer (%d), not %s.",
      n_layers, describe(activation)
    )
  }
  rep_len(activation, n_layers)
}

check_output_activation <- function(output_activation) {
  if (!is.character(output_activation) || length(output_activation) != 1 ||
    !output_activation %in% output_activations) {
    abort(
      "`output_activation` must be \"sigmoid\", \"softmax\" or \"identity\", not %s.",
      describe(output_activation)
    )
  }
  output_activation
}

# The loss, refusing the pairs that make no sense.
check_loss <- function(loss, output_activation, o) {
  if (!is.character(loss) || length(loss) != 1 || !loss %in% loss_names) {
    abort("`loss` must be \"half_sse\", \"half_mse\" or \"log_loss\", not %s.", describe(loss))
  }
  if (output_activation == "softmax" && o < 2) {
    abort("`output_activation` \"softmax\" needs at least two outputs; `y` has %d column.", o)
  }
  if (loss == "log_loss" && output_activation == "identity") {
    abort("`loss` \"log_loss\" needs a \"sigmoid\" or \"softmax\" output, not \"identity\".")
  }
  loss
}

check_decay <- function(decay) {
  if (!is_number(decay) || !is.finite(decay) || decay < 0) {
    abort("`decay` must be a number >= 0, not %s.", describe(decay))
  }
  as.double(decay)
}
