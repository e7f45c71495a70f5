# What is done to the samples before and between the steps: scaling, the
# validation split, weights, batches and dropout masks. Twin of
# python/src/nnscratch/samples.py.
#
# Everything random here draws from one generator, R's (set.seed() here,
# RRandom in Python), in one order for the whole run, so that R and Python
# hold out the same rows, visit them in the same order and drop the same
# units:
#
# 1. the validation split, once, before the first epoch;
# 2. each epoch with mini-batches, the samples' order;
# 3. each step with dropout, each hidden layer's mask in turn, from the input
#    to the output: runif(rows * width), filled column by column.
#
# A random order of n rows is the order of n uniform draws,
# order(runif(n)): a stable sort, so that the rare tie is broken by the row's
# place in both languages. (sample.int(n) draws its order one element at a
# time; in Python that loop would cost more than a step of a small network.)
#
# Rows are 1-based here and 0-based in Python. Sample weights are a plain
# vector of length n (Python: an (n, 1) column).

# Each column's mean and standard deviation (weighted when w is given), which
# standardizing maps to 0 and 1.
standardize <- function(X, w, exact) {
  total <- if (is.null(w)) nrow(X) else kernels$total(w, exact)
  center <- kernels$col_sums(if (is.null(w)) X else X * w, exact) / total
  d <- X - rep(center, each = nrow(X))
  d <- d * d
  spread <- kernels$sqrt(kernels$col_sums(if (is.null(w)) d else d * w, exact) / total, exact)
  list(center = unname(center), scale = unname(spread))
}

# Each column's minimum and range, which min-max scaling maps to 0 and 1.
min_max <- function(X, w, exact) {
  lo <- apply(X, 2, min)
  list(center = unname(lo), scale = unname(apply(X, 2, max) - lo))
}

# How mlp() scales its inputs: X becomes (X - center) / scale, column by
# column, with the centre and scale of the training data (a constant column
# keeps scale 1); the model keeps them, and predict() applies them, in both
# languages. Each entry is its fit(X, w, exact), NULL for none.
scalings <- list(
  standardize = list(fit = standardize),
  minmax = list(fit = min_max),
  none = list(fit = NULL)
)
default_scaling <- "standardize"
article_scaling <- "none"

# The scale of `name` fitted to the rows of X, or NULL for no scaling.
fit_scale <- function(name, X, w = NULL, exact = FALSE) {
  fit <- scalings[[name]]$fit
  if (is.null(fit)) return(NULL)
  # A column of magnitudes above 2^500, whose squares and sums could
  # overflow, is fitted divided by a power of two near its largest magnitude,
  # and its centre and scale are multiplied back. Both are exact, so every
  # other column's numbers are those of X itself.
  largest <- apply(abs(X), 2, max)
  factor <- ifelse(largest > 2^500, 2^floor(log2(largest)), 1)
  s <- fit(X / rep(factor, each = nrow(X)), w, exact)
  s$center <- s$center * factor
  # a constant column is only centred
  s$scale <- ifelse(s$scale > 0, s$scale * factor, 1)
  s
}

# (X - center) / scale, column by column; X itself without a scale.
apply_scale <- function(X, scale) {
  if (is.null(scale)) return(X)
  n <- nrow(X)
  (X - rep(scale$center, each = n)) / rep(scale$scale, each = n)
}

# A random order of the rows 1..n: the order of n uniform draws.
permutation <- function(n) {
  order(stats::runif(n))
}

# A stratum per row of y when every target is 0 or 1 (classes: the rows that
# are alike), else NULL.
strata <- function(y) {
  if (!all(y == 0 | y == 1)) return(NULL)
  # each row of 0s and 1s read as a binary number
  rowSums(y * rep(2^(seq_len(ncol(y)) - 1), each = nrow(y)))
}

# The rows held out for validation, ascending (1-based). One permutation of
# the rows is drawn; each stratum (all rows when there are none) holds out
# its first floor(fraction * size) rows in that order, so that the split is
# stratified and the same in both languages.
validation_split <- function(n, fraction, groups) {
  order <- permutation(n)
  if (is.null(groups)) groups <- numeric(n)
  g <- groups[order]
  quota <- floor(fraction * table(groups))
  # each row's place within its stratum, in the order drawn
  place <- stats::ave(seq_along(g), g, FUN = seq_along)
  sort(order[place <= quota[as.character(g)]])
}

# scikit-learn's "balanced" class weights for one-hot or 0/1 targets:
# n / (k * count of the class).
balanced_weights <- function(y) {
  counts <- if (ncol(y) > 1) kernels$col_sums(y) else c(nrow(y) - sum(y), sum(y))
  k <- length(counts)
  nrow(y) / (k * unname(counts))
}

# The class of each row of one-hot targets, or of 0/1 targets in one column,
# as 1, 2, ... (Python: 0, 1, ...).
class_of_row <- function(y) {
  if (ncol(y) == 1) as.integer(y[, 1]) + 1L else max.col(y, ties.method = "first")
}

# The rows of each step of an epoch: all of them (NULL), or a new random
# order cut into batches of batch_size.
batches <- function(n, batch_size) {
  if (batch_size >= n) return(list(NULL))
  unname(split(permutation(n), (seq_len(n) - 1L) %/% batch_size))
}

# One mask per hidden layer, rows x width, 0 for a dropped unit and
# 1 / (1 - rate) for a kept one; NULL for a layer without dropout.
#
# Inverted dropout: the kept units are scaled up during training, so that
# prediction, which drops nothing, needs no change.
dropout_masks <- function(rows, widths, rates) {
  masks <- vector("list", length(widths))
  for (l in seq_along(widths)) {
    if (rates[l] == 0) next
    u <- matrix(stats::runif(rows * widths[l]), rows, widths[l])
    masks[[l]] <- ifelse(u >= rates[l], 1 / (1 - rates[l]), 0)
  }
  masks
}
