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
  if (!is.matrix(x) || !is.numeric(x)) {
    abort("`%s` must be a numeric matrix, not %s.", arg, describe(x))
  }
  storage.mode(x) <- "double"
  if (nrow(x) == 0) {
    abort("`%s` must have at least one row.", arg)
  }
  if (ncol(x) == 0) {
    abort("`%s` must have at least one column.", arg)
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

check_y <- function(y, X) {
  y <- as_numeric_matrix(y, "y", vector_ok = TRUE)
  if (nrow(y) != nrow(X)) {
    abort(
      "`y` must have as many rows as `X` (%d), not %d.", nrow(X), nrow(y)
    )
  }
  bad <- which(y < 0 | y > 1, arr.ind = TRUE)
  if (nrow(bad) > 0) {
    abort(
      "`y` must lie in [0, 1], the range of the sigmoid; found %s at row %d, column %d.",
      describe(y[bad[1, 1], bad[1, 2]]), bad[1, 1], bad[1, 2]
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

check_hidden <- function(hidden) {
  if (!is_whole(hidden) || hidden < 1) {
    abort("`hidden` must be a whole number >= 1, not %s.", describe(hidden))
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
