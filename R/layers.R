# The network: forward pass, backward pass and update over a list of layers.
# Twin of python/src/nnscratch/layers.py.
#
# This is the only place where the network's maths is written; R/steps.R
# shows it under the article's names, and R/train.R repeats it.
#
# Shapes (rows are samples): a layer is list(W = fan_in x fan_out, b =
# 1 x fan_out or NULL), and a network is a list of layers, from the input to
# the output. The article's network is two layers, wh/bh and wout/bout.
#
# Indexing, 1-based here and 0-based in Python: layers[[l]] maps a[[l]] to
# a[[l + 1]], with a[[1]] = X; z[[l]] is its input sum, delta[[l]] is
# -dLoss/dz[[l]], and err[[l]] is -dLoss/da[[l + 1]], the error that reaches
# layer l's activations: the loss's error at the output,
# delta[[l + 1]] %*% t(W[[l + 1]]) below it. A slope may be NULL, so lists
# that hold slopes are assigned with `[<-` and list(), which keeps a NULL.

# The row-wise work of a layer (its product, bias, activation, slope and
# delta) can run on blocks of rows of about `block_values` values each, as
# in Python, where it keeps a block's chain of elementwise steps in cache.
# Each row's values do not depend on the others, and the sums over the rows
# (crossprod(a, delta), the biases' column sums, the loss) still run on the
# whole matrices. In R every step allocates its result anyway, and binding
# the blocks back together costs more than the cache saves (182 against
# 168 ms an epoch on the benchmark's large case), so R runs whole matrices:
# block_values is Inf. The tests set it small to check that blocks change
# no number.
block_values <- Inf

# The row indices of an n x width layer's blocks; none when it fits in one
# block.
row_blocks <- function(n, width) {
  if (n * width <= block_values) return(list())
  rows <- max(1, block_values %/% width)
  starts <- seq.int(1L, n, by = rows)
  lapply(starts, function(s) s:min(s + rows - 1L, n))
}

# Python's workspace() holds arrays that an untraced step writes into; R
# cannot write into an array it was given (copy-on-modify), so it has none.

# The matrices named `name` of a list of blocks' results, bound by rows.
bind_rows <- function(parts, name) {
  do.call(rbind, lapply(parts, `[[`, name))
}

# Add a 1 x k bias to every row of an n x k matrix. The article's R script
# replicates the biases with byrow = FALSE, which gives each sample its own
# bias; here each neuron has one, repeated down the rows.
add_bias <- function(M, b) {
  if (is.null(b)) M else M + rep.int(b, rep.int(nrow(M), length(b)))
}

# list(z, a) of one layer for the rows of its input a: z = a %*% W + b and
# a = f(z).
forward_rows <- function(a, layer, name, exact) {
  z <- add_bias(kernels$matmul(a, layer$W, exact), layer$b)
  list(z = z, a = activate(name, z, exact))
}

# The forward pass, list(z, a), with a[[1]] = X and a[[length(a)]] the
# output. `activation` names the activation of each hidden layer. With
# `keep` FALSE the z of the layers run in blocks are not kept (NULL).
forward_layers <- function(layers, X, activation, output_activation, exact = FALSE, keep = TRUE) {
  names <- c(activation, output_activation)
  n <- nrow(X)
  z <- vector("list", length(layers))
  a <- c(list(X), vector("list", length(layers)))
  for (l in seq_along(layers)) {
    width <- ncol(layers[[l]]$W)
    blocks <- row_blocks(n, width)
    if (length(blocks) == 0) {
      f <- forward_rows(a[[l]], layers[[l]], names[l], exact)
      z[[l]] <- f$z
      a[[l + 1]] <- f$a
      next
    }
    # the blocks are bound together once: assigning rows into a matrix
    # column by column costs more than the arithmetic
    f <- lapply(blocks, function(rows) forward_rows(a[[l]][rows, , drop = FALSE], layers[[l]], names[l], exact))
    a[[l + 1]] <- bind_rows(f, "a")
    # the output layer's z is always kept: it tells whether training saturated
    if (keep || l == length(layers)) z[[l]] <- bind_rows(f, "z")
  }
  list(z = z, a = a)
}

# list(err, slope, delta) of a hidden layer for some rows: err =
# delta_next %*% t(W_next), carried back through f.
backward_rows <- function(delta, W, a, name, exact) {
  err <- kernels$tcrossprod(delta, W, exact)
  b <- backward(name, a, err, exact)
  list(err = err, slope = b$slope, delta = b$delta)
}

# list(err, slope, delta), one of each per layer, from the forward pass's a.
# With `keep` FALSE the err and slope of the hidden layers run in blocks are
# not kept (NULL).
backward_layers <- function(layers, a, y, activation, output_activation, loss, exact = FALSE, keep = TRUE) {
  L <- length(layers)
  n <- nrow(y)
  err <- slope <- delta <- vector("list", L)
  out <- output_delta(loss, output_activation, y, a[[L + 1]], exact)
  err[[L]] <- out$E
  slope[L] <- list(out$slope)
  delta[[L]] <- out$delta
  for (l in seq.int(L - 1L, 1L, by = -1L)) {
    width <- ncol(layers[[l]]$W)
    blocks <- row_blocks(n, width)
    if (length(blocks) == 0) {
      b <- backward_rows(delta[[l + 1]], layers[[l + 1]]$W, a[[l + 1]], activation[l], exact)
      err[[l]] <- b$err
      slope[l] <- list(b$slope)
      delta[[l]] <- b$delta
      next
    }
    b <- lapply(blocks, function(rows) {
      backward_rows(delta[[l + 1]][rows, , drop = FALSE], layers[[l + 1]]$W,
                    a[[l + 1]][rows, , drop = FALSE], activation[l], exact)
    })
    delta[[l]] <- bind_rows(b, "delta")
    if (keep) {
      err[[l]] <- bind_rows(b, "err")
      slope[[l]] <- bind_rows(b, "slope")
    }
  }
  list(err = err, slope = slope, delta = delta)
}

# -dLoss/dW and -dLoss/db of every layer, as layers: t(a) %*% delta, less
# decay * W, and the column sums of delta.
descent <- function(layers, a, delta, decay = 0, exact = FALSE) {
  directions <- vector("list", length(layers))
  for (l in seq_along(layers)) {
    W <- kernels$crossprod(a[[l]], delta[[l]], exact)
    if (decay > 0) W <- W - decay * layers[[l]]$W
    directions[[l]] <- list(W = W, b = if (!is.null(layers[[l]]$b)) kernels$col_sums(delta[[l]], exact))
  }
  directions
}

# The layers after one step of gradient descent, in the article's form
# W + t(a) %*% delta * lr (Steps 10-11).
step_layers <- function(layers, a, delta, lr, decay = 0, exact = FALSE) {
  d <- descent(layers, a, delta, decay, exact)
  for (l in seq_along(layers)) {
    layers[[l]] <- list(W = layers[[l]]$W + d[[l]]$W * lr, b = if (!is.null(layers[[l]]$b)) layers[[l]]$b + d[[l]]$b * lr)
  }
  layers
}

# One step: the forward and backward passes, the loss before the step and
# the updated layers. `keep` is forward_layers()'s: an untraced step need not
# keep every intermediate. It changes no number.
train_step_layers <- function(layers, X, y, lr, activation, output_activation,
                              loss, decay = 0, exact = FALSE, keep = TRUE) {
  f <- forward_layers(layers, X, activation, output_activation, exact, keep)
  b <- backward_layers(layers, f$a, y, activation, output_activation, loss, exact, keep)
  value <- loss_value(loss, y, f$a[[length(f$a)]], output_activation, exact) + decay_penalty(layers, decay, exact)
  c(f, b, list(loss = value, layers = step_layers(layers, f$a, b$delta, lr, decay, exact)))
}

# The number of neurons of each hidden layer.
hidden_sizes <- function(layers) {
  vapply(layers[-length(layers)], function(layer) ncol(layer$W), integer(1))
}

# The article's params (wh, bh, wout, bout) as a list of two layers; see
# as_layers().
from_article <- function(params) {
  list(list(W = params$wh, b = params$bh), list(W = params$wout, b = params$bout))
}

# A network of one hidden layer as the article's params: wh, bh, wout,
# bout; see as_article().
to_article <- function(layers) {
  list(wh = layers[[1]]$W, bh = layers[[1]]$b, wout = layers[[2]]$W, bout = layers[[2]]$b)
}
