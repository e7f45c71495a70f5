# The checks of the public boundary. Twin of python/src/nnscratch/validate.py.
#
# The public functions check their arguments here, through the rules of the
# parameter table (R/params.R) or the checks of matrices and networks below;
# the core (R/layers.R, R/train.R) then trusts what it is given.
# python/src/nnscratch/validate.py holds the same functions in the same
# order, with the same messages (built by R/errors.R's vocabulary); the
# parity suite sends the same bad values to both. The names an argument may
# take come from the registries.

# ---- rules for one value ----

# A whole number from `lo` to `hi` (or NULL when `null`); the bound is
# checked here so that a huge value is refused before anything is allocated
# for it.
check_count <- function(x, arg, lo, hi = max_count, null = FALSE) {
  if (null && is.null(x)) return(NULL)
  if (!is_whole(x) || x < lo || x > hi) {
    must(arg, sprintf("%sa whole number from %s to %s", if (null) "NULL or " else "", count_text(lo), count_text(hi)), x)
  }
  as.integer(x)
}

# How messages say which numbers a rule takes: "a positive number", "a number
# >= 0", "a number in [0, 1)".
number_rule <- function(lo, hi, lo_open, hi_open) {
  if (hi == Inf) {
    if (lo == 0 && lo_open) return("a positive number")
    return(sprintf("a number %s %s", if (lo_open) ">" else ">=", describe(lo)))
  }
  sprintf("a number in %s%s, %s%s", if (lo_open) "(" else "[", describe(lo), describe(hi), if (hi_open) ")" else "]")
}

# A finite number within the bounds (open or closed).
check_number <- function(x, arg, lo = 0, hi = Inf, lo_open = FALSE, hi_open = FALSE) {
  ok <- is_number(x) && is.finite(x)
  if (ok) {
    ok <- (if (lo_open) x > lo else x >= lo) && (if (hi_open) x < hi else x <= hi)
  }
  if (!ok) must(arg, number_rule(lo, hi, lo_open, hi_open), x)
  as.double(x)
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1 || length(dim(x)) > 1 || is.na(x)) {
    must(arg, "TRUE or FALSE", x)
  }
  as.vector(x)
}

# One of `names`, a string.
check_choice <- function(x, arg, names) {
  if (!is.character(x) || length(x) != 1 || length(dim(x)) > 1 || is.na(x) || !x %in% names) {
    must(arg, one_of(names), x)
  }
  as.vector(x)
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
    # one number, or something else that check_count() describes
    return(check_count(hidden, arg, 1))
  }
  if (!all(vapply(hidden, function(n) is_whole(n) && n >= 1 && n <= max_count, logical(1)))) {
    must(arg, sprintf("whole numbers from 1 to %s, one per hidden layer", count_text(max_count)), hidden)
  }
  as.integer(hidden)
}

# One value per hidden layer: a single value is recycled; `check(value)`
# checks each.
check_per_layer <- function(x, arg, n_layers, check) {
  if (is.list(x) && !is.object(x) && is.null(names(x)) && length(x) > 0 && all(vapply(x, is_number, logical(1)))) {
    x <- unlist(x)
  }
  if (is.atomic(x) && !is.object(x) && length(dim(x)) <= 1 && length(x) > 1 && length(x) == n_layers) {
    return(vapply(x, check, numeric(1), USE.NAMES = FALSE))
  }
  rep(check(x), n_layers)
}

# The samples per step: NULL is n (the full batch), "auto" is min(`auto`, n),
# as scikit-learn's.
check_batch_size <- function(batch_size, n, auto = NULL) {
  if (is.null(batch_size)) return(as.integer(n))
  if (!is.null(auto) && identical(as.vector(batch_size), "auto")) return(as.integer(min(auto, n)))
  if (!is_whole(batch_size) || batch_size < 1 || batch_size > n) {
    must(
      "batch_size",
      sprintf("%sa whole number from 1 to %d, the number of samples", if (!is.null(auto)) "NULL, \"auto\" or " else "NULL or ", n),
      batch_size
    )
  }
  as.integer(batch_size)
}

# A seed from `lo` to `hi`, or NULL: by default one of the seeds R's
# set.seed() takes.
check_seed <- function(seed, lo = -max_count, hi = max_count, why = "") {
  if (!is.null(seed) && (!is_whole(seed) || seed < lo || seed > hi)) {
    must("seed", sprintf("NULL or a whole number from %s to %s%s", count_text(lo), count_text(hi), why), seed)
  }
  if (!is.null(seed)) as.double(seed)
}

check_verbose <- function(verbose) {
  check_count(verbose, "verbose", 0)
}

# ---- matrices ----

# `x` as a double matrix with at least one row and only finite values. A
# data frame of numbers is taken as its matrix (a data frame with another
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
    abort("%s must be a dense numeric matrix; sparse input is not supported.", quote_arg(arg), arg = arg)
  }
  if (is.complex(x)) {
    abort(
      "%s must be a numeric matrix of real numbers, not %s. Complex data not supported.", quote_arg(arg),
      describe(x), arg = arg
    )
  }
  if (is.numeric(x) && length(dim(x)) <= 1 && !is.object(x)) {
    abort(
      "%s must be a numeric matrix, not %s. Reshape your data: one row per sample, one column per feature.",
      quote_arg(arg), describe(x), arg = arg
    )
  }
  if (!is.matrix(x) || !is.numeric(x) || is.object(x)) {
    must(arg, "a numeric matrix", x)
  }
  storage.mode(x) <- "double"
  if (nrow(x) == 0) {
    abort("%s must have at least one row.", quote_arg(arg), arg = arg)
  }
  if (ncol(x) == 0) {
    abort(
      "%s must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
      quote_arg(arg), nrow(x), arg = arg
    )
  }
  bad <- which(!is.finite(x), arr.ind = TRUE)
  if (nrow(bad) > 0) {
    abort(
      "%s must not contain NA, NaN or Inf; found %s at row %d, column %d.",
      quote_arg(arg), describe(x[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2], arg = arg
    )
  }
  x
}

# y as an n x o matrix; for an output of probabilities its values must lie in
# [0, 1].
check_y <- function(y, X, output_activation, arg = "y") {
  y <- as_numeric_matrix(y, arg, vector_ok = TRUE)
  if (nrow(y) != nrow(X)) {
    abort("%s must have as many rows as `X` (%d), not %d.", quote_arg(arg), nrow(X), nrow(y), arg = arg)
  }
  bad <- if (activations[[output_activation]]$probability) which(y < 0 | y > 1, arr.ind = TRUE) else matrix(0, 0, 2)
  if (nrow(bad) > 0) {
    abort(
      paste(
        "%s must lie in [0, 1], the range of the %s; found %s at row %d, column %d.",
        "For a continuous target outside [0, 1], use the %s output; for classes, give labels",
        "(R: a factor; Python: strings or a Categorical)."
      ),
      quote_arg(arg), output_activation, describe(y[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2],
      regression_output, arg = arg
    )
  }
  y
}

# The samples' weights as a vector of length n (Python: an (n, 1) column),
# or NULL: n numbers >= 0, finite, not all 0.
check_weights <- function(weights, n, arg = "weights") {
  if (is.null(weights)) return(NULL)
  if (!is.numeric(weights) || is.object(weights) || length(dim(weights)) > 1) {
    if (is.numeric(weights) && !is.object(weights) && length(weights) == 1) {
      abort("%s must have one weight per sample (%d), not 1.", quote_arg(arg), n, arg = arg)
    }
    must(arg, "NULL or a numeric vector, one weight per sample", weights)
  }
  w <- as.double(weights)
  if (length(w) != n) {
    abort("%s must have one weight per sample (%d), not %d.", quote_arg(arg), n, length(w), arg = arg)
  }
  bad <- which(!is.finite(w) | w < 0)
  if (length(bad)) {
    abort(
      "%s must be finite numbers >= 0; found %s at position %d.", quote_arg(arg), describe(w[bad[1]]), bad[1],
      arg = arg
    )
  }
  if (!any(w > 0)) {
    abort("%s must not all be zero.", quote_arg(arg), arg = arg)
  }
  w
}

# `x` for sigmoid() and derivatives_sigmoid(): numbers of any shape (a
# number, a vector, a matrix or an array); NA, NaN and Inf are allowed, as
# the functions are defined there.
check_numeric <- function(x, arg) {
  if (!is.numeric(x) || is.object(x)) {
    must(arg, "numeric (a number, a vector, a matrix or an array)", x)
  }
  x
}

# ---- traces and memory ----

# The sorted epochs to keep: 1, every k-th and the last when k > 0, plus
# `at`. A `k` above `epochs` keeps the first and the last.
trace_epochs <- function(epochs, every, at) {
  if (!is.null(at) && (!is.numeric(at) || is.object(at) || anyNA(at) || any(!is.finite(at)) ||
    any(at != round(at)) || any(at < 1) || any(at > epochs))) {
    abort("`trace_at` must be whole numbers from 1 to `epochs` (%d).", epochs, arg = "trace_at")
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

# The bytes a run allocates, about: the loss per epoch, copies of X and y,
# and for the working step and each traced epoch the 5 n x width matrices of
# each layer (its input, activation, slope, error and delta) and the
# weights. `hidden` holds the widths of the hidden layers.
run_bytes <- function(n, p, hidden, o, epochs = 0, kept = 0) {
  widths <- as.double(c(p, hidden, o))
  weights <- sum((widths[-length(widths)] + 1) * widths[-1])
  step <- 5 * n * (sum(as.double(hidden)) + o) + weights
  8 * (epochs + 2 * n * (p + o) + (kept + 1) * step)
}

# Refuse a run that would need more memory than the machine has, before
# anything is allocated; `what` says what would need it, `sizes` the sizes
# that make it so.
check_memory <- function(need, what, sizes) {
  total <- total_memory()
  if (need > total) {
    abort(
      "%s would need about %.1f GB of memory (%s), more than the %.1f GB this machine has.",
      what, need / 1e9, sizes, total / 1e9
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

# ---- networks ----

# `params` as list(wh, bh, wout, bout) of double matrices whose shapes fit
# `p` inputs and `o` outputs (see ?nnscratch for the shapes); `o = NULL`
# takes it from `wout`. A bias given as a plain vector becomes a one-row
# matrix. Names are matched exactly, as Python's dict keys are: an unknown
# name is an error, not a prefix of a known one.
check_params <- function(params, p, o = NULL, arg = "params") {
  known <- c("wh", "bh", "wout", "bout")
  expected <- "a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases)"
  given <- names(params)
  if (!is.list(params) || is.data.frame(params) || is.object(params) ||
    (length(params) > 0 && (is.null(given) || any(given == "")))) {
    must(arg, expected, params)
  }
  if (anyDuplicated(given)) {
    abort("`%s` must name each matrix once; `%s` appears twice.", arg, given[anyDuplicated(given)], arg = arg)
  }
  unknown <- setdiff(given, known)
  if (length(unknown) > 0) {
    abort(
      "`%s` must hold only `wh`, `bh`, `wout` and `bout`, not %s.",
      arg, paste0("`", unknown, "`", collapse = ", "), arg = arg
    )
  }
  get <- function(name) params[[name, exact = TRUE]]
  if (is.null(get("wh")) || is.null(get("wout"))) {
    must(arg, expected, params)
  }
  if (is.null(get("bh")) != is.null(get("bout"))) {
    abort("`%s` must have both `bh` and `bout`, or neither.", arg, arg = arg)
  }
  wh <- as_numeric_matrix(get("wh"), element_arg("wh", arg))
  h <- ncol(wh)
  if (nrow(wh) != p) {
    abort("%s must have %d rows, one per column of `X`, not %d.", element_arg("wh", arg), p, nrow(wh), arg = arg)
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
    abort("%s must be a %d x %d matrix, not %d x %d.", quote_arg(arg), rows, cols, nrow(x), ncol(x), arg = arg)
  }
}

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

# Whether a list has names: the article's params do, a list of layers does
# not, or only empty or NA ones.
has_names <- function(x) {
  any(!is.na(names(x)) & nzchar(names(x)))
}

check_layers <- function(layers, p, o = NULL, arg = "params") {
  if (!is.list(layers) || has_names(layers) || length(layers) < 2 ||
    !all(vapply(layers, is.list, logical(1)))) {
    must(arg, paste(
      "the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers,",
      "each a list with a matrix `W` and a bias row `b` or NULL"
    ), layers)
  }
  fan_in <- p
  checked <- vector("list", length(layers))
  for (i in seq_along(layers)) {
    layer <- layers[[i]]
    keys <- names(layer)
    if (is.null(keys) || any(!keys %in% c("W", "b")) || !"W" %in% keys || anyDuplicated(keys)) {
      abort(
        "Layer %d of `%s` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
        i, arg, if (length(keys)) paste(sprintf("`%s`", keys), collapse = ", ") else "nothing", arg = arg
      )
    }
    W <- as_numeric_matrix(layer[["W"]], sprintf("`W` of layer %d", i))
    if (nrow(W) != fan_in) {
      abort(
        "`W` of layer %d must have %d rows, one per %s, not %d.",
        i, fan_in, if (i == 1) "column of `X`" else sprintf("neuron of layer %d", i - 1), nrow(W), arg = arg
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
      length(checked), o, fan_in, arg = arg
    )
  }
  checked
}

# One hidden activation per hidden layer: a single name is recycled.
check_activation <- function(activation, n_layers) {
  hidden <- activation_names("hidden")
  if (is.list(activation) && !is.object(activation) && is.null(names(activation)) && length(activation) > 0 &&
    all(vapply(activation, function(a) is.character(a) && length(a) == 1, logical(1)))) {
    activation <- unlist(activation)
  }
  if (!is.character(activation) || !is.null(dim(activation)) ||
    !length(activation) %in% c(1, n_layers) || anyNA(activation) || !all(activation %in% hidden)) {
    must("activation", sprintf("%s, or one of them per hidden layer (%d)", one_of(hidden), n_layers), activation)
  }
  rep_len(as.vector(activation), n_layers)
}

check_output_activation <- function(output_activation) {
  check_choice(output_activation, "output_activation", activation_names("output"))
}

# The loss, refusing the pairs of loss and output that make no sense.
check_loss <- function(loss, output_activation, o) {
  loss <- check_choice(loss, "loss", names(losses))
  if (activations[[output_activation]]$rowwise && o < 2) {
    abort(
      "`output_activation` \"%s\" needs at least two outputs; `y` has %d column.", output_activation, o,
      arg = "output_activation"
    )
  }
  outputs <- activation_names("output")
  pairs <- outputs[vapply(outputs, function(a) losses[[loss]]$pairs(activations[[a]]), logical(1))]
  if (!output_activation %in% pairs) {
    abort("`loss` \"%s\" needs a %s output, not \"%s\".", loss, one_of(pairs), output_activation, arg = "loss")
  }
  loss
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
