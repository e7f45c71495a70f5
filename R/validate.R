# The public boundary: every check and coercion happens here, once. The core
# (R/steps.R, R/train.R) trusts what it is given. python/src/nnscratch/
# validate.py applies the same rules with the same messages.

abort <- function(...) {
  msg <- sprintf(...)
  stop(structure(
    class = c("nnscratch_error", "error", "condition"),
    list(message = msg, call = NULL)
  ))
}

# How a bad value is shown in a message: numbers with C's "%.15g", as
# validate.py shows them, anything else by its type.
describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.numeric(x) && length(x) == 1) return(sprintf("%.15g", as.double(x)))
  if (is.logical(x) && length(x) == 1) return(as.character(x))
  if (is.character(x) && length(x) == 1) return(sprintf("\"%s\"", x))
  if (is.matrix(x)) return(sprintf("a %s matrix", typeof(x)))
  if (is.data.frame(x)) return("a data frame")
  sprintf("a %s vector of length %d", typeof(x), length(x))
}

# Return `x` as a double matrix with at least one row and only finite values.
# A plain vector becomes one column when `vector_ok` (for `y`).
as_numeric_matrix <- function(x, arg, vector_ok = FALSE) {
  if (vector_ok && is.numeric(x) && is.null(dim(x))) {
    x <- matrix(x, ncol = 1)
  }
  # The words scikit-learn's estimator checks look for are kept in these
  # messages, which Python shares.
  if (inherits(x, "sparseMatrix")) {
    abort("`%s` must be a dense numeric matrix; sparse input is not supported.", arg)
  }
  if (is.complex(x)) {
    abort("`%s` must be a numeric matrix of real numbers. Complex data not supported.", arg)
  }
  if (is.numeric(x) && is.null(dim(x))) {
    abort(
      "`%s` must be a numeric matrix, not a vector of length %d. Reshape your data: one row per sample, one column per feature.",
      arg, length(x)
    )
  }
  if (!is.matrix(x) || !is.numeric(x)) {
    abort("`%s` must be a numeric matrix, not %s.", arg, describe(x))
  }
  storage.mode(x) <- "double"
  if (nrow(x) == 0) {
    abort("`%s` must have at least one row.", arg)
  }
  if (ncol(x) == 0) {
    abort(
      "`%s` must have at least one column; it has 0 feature(s) (shape=(%d, 0)) while a minimum of 1 is required.",
      arg, nrow(x)
    )
  }
  bad <- which(!is.finite(x), arr.ind = TRUE)
  if (nrow(bad) > 0) {
    abort(
      "`%s` must not contain NA, NaN or Inf; found %s at row %d, column %d.",
      arg, describe(x[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2]
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

is_number <- function(x) {
  is.numeric(x) && length(x) == 1 && !is.na(x)
}

is_whole <- function(x) {
  is_number(x) && is.finite(x) && x == round(x)
}

# The hidden layers' sizes: a number, or one per hidden layer.
check_hidden <- function(hidden) {
  if (!is.numeric(hidden) || length(dim(hidden)) > 1 || length(hidden) == 0 ||
    !all(vapply(hidden, function(n) is_whole(n) && n >= 1, logical(1)))) {
    abort("`hidden` must be whole numbers >= 1, one per hidden layer, not %s.", describe(hidden))
  }
  as.integer(hidden)
}

check_lr <- function(lr) {
  if (!is_number(lr) || !is.finite(lr) || lr <= 0) {
    abort("`lr` must be a positive number, not %s.", describe(lr))
  }
  lr
}

check_epochs <- function(epochs) {
  if (!is_whole(epochs) || epochs < 1) {
    abort("`epochs` must be a positive whole number, not %s.", describe(epochs))
  }
  as.integer(epochs)
}

check_trace_every <- function(trace_every) {
  if (!is_whole(trace_every) || trace_every < 0) {
    abort("`trace_every` must be a whole number >= 0, not %s.", describe(trace_every))
  }
  as.integer(trace_every)
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1 || is.na(x)) {
    abort("`%s` must be TRUE or FALSE, not %s.", arg, describe(x))
  }
  x
}

# Return `params` as list(wh, bh, wout, bout) of double matrices whose shapes
# fit `p` inputs and `o` outputs (see ?nnscratch for the shapes); `o = NULL`
# takes it from `wout`. A bias given as a plain vector becomes a one-row
# matrix.
check_params <- function(params, p, o = NULL) {
  if (!is.list(params) || is.null(params$wh) || is.null(params$wout)) {
    abort(
      "`params` must be a list with matrices `wh` and `wout` (and `bh`, `bout` for a network with biases), not %s.",
      describe(params)
    )
  }
  if (is.null(params$bh) != is.null(params$bout)) {
    abort("`params` must have both `bh` and `bout`, or neither.")
  }
  wh <- as_numeric_matrix(params$wh, "params$wh")
  h <- ncol(wh)
  if (nrow(wh) != p) {
    abort("`params$wh` must have %d rows, one per column of `X`, not %d.", p, nrow(wh))
  }
  wout <- as_numeric_matrix(params$wout, "params$wout")
  if (is.null(o)) o <- ncol(wout)
  check_shape(wout, "params$wout", h, o)
  bh <- NULL
  bout <- NULL
  if (!is.null(params$bh)) {
    bh <- as_numeric_matrix(as_row(params$bh), "params$bh")
    check_shape(bh, "params$bh", 1, h)
    bout <- as_numeric_matrix(as_row(params$bout), "params$bout")
    check_shape(bout, "params$bout", 1, o)
  }
  list(wh = wh, bh = bh, wout = wout, bout = bout)
}

as_row <- function(b) {
  if (is.numeric(b) && is.null(dim(b))) matrix(b, nrow = 1) else b
}

check_shape <- function(x, arg, rows, cols) {
  if (nrow(x) != rows || ncol(x) != cols) {
    abort(
      "`%s` must be a %d x %d matrix, not %d x %d.",
      arg, rows, cols, nrow(x), ncol(x)
    )
  }
}

# The network's shape and rules: layers, activations, loss, decay.

# Refuse anything but numbers, of any shape.
check_numeric <- function(x, arg) {
  if (!is.numeric(x) || is.factor(x)) {
    abort("`%s` must be numeric, not %s.", arg, describe(x))
  }
}

# list(layers, article): the network as a list of layers, and whether it came
# as the article's params. `params` is the article's list (wh, bh, wout,
# bout) or a list of layers, each a list with a matrix `W` (fan_in x
# fan_out) and a 1 x fan_out bias `b` or NULL; the first takes `p` inputs,
# the last gives `o` outputs (NULL: any).
check_network <- function(params, p, o = NULL) {
  # an empty list() is taken as the article's, as Python takes an empty dict
  if (is.list(params) && (!is.null(names(params)) || length(params) == 0)) {
    return(list(layers = from_article(check_params(params, p, o)), article = TRUE))
  }
  list(layers = check_layers(params, p, o), article = FALSE)
}

check_layers <- function(layers, p, o = NULL) {
  if (!is.list(layers) || !is.null(names(layers)) || length(layers) < 2 ||
    !all(vapply(layers, is.list, logical(1)))) {
    abort(
      "`params` must be the article's list (`wh`, `bh`, `wout`, `bout`) or a list of at least two layers, each a list with a matrix `W` and a bias row `b` or NULL, not %s.",
      describe(layers)
    )
  }
  fan_in <- p
  checked <- vector("list", length(layers))
  for (i in seq_along(layers)) {
    layer <- layers[[i]]
    keys <- names(layer)
    if (is.null(keys) || any(!keys %in% c("W", "b")) || !"W" %in% keys || anyDuplicated(keys)) {
      abort(
        "Layer %d of `params` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has %s.",
        i, if (length(keys)) paste(sprintf("`%s`", keys), collapse = ", ") else "nothing"
      )
    }
    W <- as_numeric_matrix(layer[["W"]], sprintf("W of layer %d", i))
    if (nrow(W) != fan_in) {
      abort(
        "`W` of layer %d must have %d rows, one per %s, not %d.",
        i, fan_in, if (i == 1) "column of `X`" else sprintf("neuron of layer %d", i - 1), nrow(W)
      )
    }
    b <- layer[["b"]]
    if (!is.null(b)) {
      b <- as_numeric_matrix(as_row(b), sprintf("b of layer %d", i))
      check_shape(b, sprintf("b of layer %d", i), 1, ncol(W))
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
