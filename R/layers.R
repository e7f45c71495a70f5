# The network: forward pass, backward pass and step over a list of layers.
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
# -dLoss/dz[[l]], and err[[l]] is what the layer above sends back to layer
# l: for the output layer, the loss's error (see R/losses.R: -dLoss/da for
# half_sse, already -dLoss/dz for log_loss's canonical pairs); below it,
# -dLoss/da[[l + 1]] = delta[[l + 1]] %*% t(W[[l + 1]]). A slope may be NULL,
# so lists that hold slopes are assigned with `[<-` and list(), which keeps
# a NULL.
#
# Dropout: a hidden layer with a mask passes on f(z) * mask (`a`), keeps
# f(z) itself (`raw`) for its slope, and its delta is err * mask * slope.

# Row blocks. A step whose intermediates nobody keeps (train()'s untraced
# epochs) in default mode runs the whole step, forward, backward and the
# directions' sums, on blocks of rows of about block_values values in the
# widest layer, and adds up the blocks' directions and losses. No n x width
# matrix is then held. That matters in R, which allocates every result
# afresh: a 100000 x 64 matrix (51 MB) is larger than glibc's largest mmap
# threshold (32 MB), so glibc maps each one afresh from the operating system,
# which hands it over zeroed page by page, and unmaps it when it is freed. A
# block's matrices are small enough for glibc to keep and reuse. On the
# benchmark's large case (n = 100000, 20 inputs, 64 units) an epoch took
# 300 ms on the whole matrices and 186 ms in blocks of 512 rows, and the
# process's peak memory fell from 611 to 127 MB. Python runs the same blocks.
# The blocks add the sums over the rows in another order, so exact mode, and
# the steps train() keeps, run on whole matrices.
block_values <- 2^15

# The rows of each block of a blocked step on n rows: about block_values
# values of the widest layer each; none (an empty list) when the rows fit in
# one block.
row_blocks <- function(n, layers) {
  rows <- max(1L, block_values %/% max(vapply(layers, function(layer) ncol(layer$W), integer(1))))
  if (n <= rows) return(list())
  lapply(seq.int(1L, n, by = rows), function(start) start:min(start + rows - 1L, n))
}

# Add a 1 x k bias to every row of an n x k matrix. The article's R script
# replicates the biases with byrow = FALSE, which gives each sample its own
# bias; here each neuron has one, repeated down the rows.
add_bias <- function(M, b) {
  if (is.null(b)) M else M + rep.int(b, rep.int(dim(M)[1L], length(b)))
}

# The forward pass as list(z, a, raw), with a[[1]] = X and a[[length(a)]]
# the output. `activation` names the activation of each hidden layer.
# `masks` holds a dropout mask (or NULL) per hidden layer; raw[[l + 1]] is
# then f(z) before the mask, NULL where there is none.
forward_layers <- function(layers, X, activation, output_activation, exact = FALSE, masks = NULL) {
  names <- c(activation, output_activation)
  z <- vector("list", length(layers))
  a <- c(list(X), z)
  raw <- vector("list", length(layers) + 1)
  for (l in seq_along(layers)) {
    z[[l]] <- add_bias(kernels$matmul(a[[l]], layers[[l]]$W, exact), layers[[l]]$b)
    a[[l + 1]] <- activate(names[l], z[[l]], exact)
    if (l <= length(masks) && !is.null(masks[[l]])) {
      raw[[l + 1]] <- a[[l + 1]]
      a[[l + 1]] <- a[[l + 1]] * masks[[l]]
    }
  }
  list(z = z, a = a, raw = raw)
}

# list(err, slope, delta), one of each per layer, from the forward pass. The
# samples are weighted by w (a vector of length n, or NULL) and the loss
# divided by D (see R/losses.R). Below the output, err = delta_next %*%
# t(W_next), carried back through f; with a dropout mask, through the mask
# first, and the slope is taken from f(z) before the mask.
backward_layers <- function(layers, forward, y, activation, output_activation, loss, w = NULL, D = 1,
                            exact = FALSE, masks = NULL) {
  a <- forward$a
  L <- length(layers)
  err <- slope <- delta <- vector("list", L)
  out <- output_delta(loss, output_activation, y, a[[L + 1]], w, D, exact)
  err[[L]] <- out$E
  slope[L] <- list(out$slope)
  delta[[L]] <- out$delta
  for (l in rev(seq_len(L - 1L))) {
    mask <- if (!is.null(masks)) masks[[l]]
    err[[l]] <- kernels$tcrossprod(delta[[l + 1]], layers[[l + 1]]$W, exact)
    b <- if (is.null(mask)) {
      backward(activation[l], a[[l + 1]], err[[l]], exact)
    } else {
      backward(activation[l], forward$raw[[l + 1]], err[[l]] * mask, exact)
    }
    slope[l] <- list(b$slope)
    delta[[l]] <- b$delta
  }
  list(err = err, slope = slope, delta = delta)
}

# -dLoss/dW and -dLoss/db of every layer, as layers: t(a) %*% delta, less
# decay * W, and the column sums of delta.
descent <- function(layers, a, delta, decay = 0, exact = FALSE) {
  directions <- vector("list", length(layers))
  for (l in seq_along(layers)) {
    directions[[l]] <- list(
      W = kernels$crossprod(a[[l]], delta[[l]], exact),
      b = if (!is.null(layers[[l]]$b)) kernels$col_sums(delta[[l]], exact)
    )
  }
  if (decay > 0) decayed(directions, layers, decay) else directions
}

# The directions less decay * W of each layer's weights (biases are not
# decayed).
decayed <- function(directions, layers, decay) {
  if (decay > 0) {
    for (l in seq_along(layers)) directions[[l]]$W <- directions[[l]]$W - decay * layers[[l]]$W
  }
  directions
}

# list(z, loss, directions): the loss of the data (before weight decay) and
# the directions (without it) of a step on all the rows, added up over the
# blocks of rows, and the output layer's z; the blocks' other intermediates
# are dropped. The first block's directions hold the sums, so a step of one
# block gives the bits of the whole step.
blocked_step <- function(layers, X, y, s, w, D, masks, blocks) {
  exact <- s$exact
  value <- 0
  directions <- NULL
  z_out <- matrix(0, nrow(X), ncol(layers[[length(layers)]]$W))
  for (rows in blocks) {
    wb <- if (!is.null(w)) w[rows]
    mb <- if (!is.null(masks)) lapply(masks, function(m) if (!is.null(m)) m[rows, , drop = FALSE])
    yb <- y[rows, , drop = FALSE]
    f <- forward_layers(layers, X[rows, , drop = FALSE], s$activation, s$output_activation, exact, mb)
    b <- backward_layers(layers, f, yb, s$activation, s$output_activation, s$loss, wb, D, exact, mb)
    value <- value + loss_value(s$loss, yb, f$a[[length(f$a)]], s$output_activation, wb, 1, exact)
    d <- descent(layers, f$a, b$delta, 0, exact)
    if (is.null(directions)) {
      directions <- d
    } else {
      for (l in seq_along(d)) {
        directions[[l]]$W <- directions[[l]]$W + d[[l]]$W
        if (!is.null(d[[l]]$b)) directions[[l]]$b <- directions[[l]]$b + d[[l]]$b
      }
    }
    z_out[rows, ] <- f$z[[length(f$z)]]
  }
  list(
    z = c(vector("list", length(layers) - 1L), list(z_out)), loss = if (D == 1) value else value / D,
    directions = directions
  )
}

# One step: the forward and backward passes, the loss before the step, and
# the updated layers and optimizer state.
#
# `s` holds the network's settings (`activation`, one per hidden layer,
# `output_activation`, `loss`, `reduction`, `decay`, `exact`) and the
# optimizer's (`optimizer` and the settings it reads); `state` is the
# optimizer's state before the step (NULL: its first step). The article's
# step is "sgd", whose update is W + t(a) %*% delta * lr (Steps 10-11). `w`
# weights the samples, and `masks` drops hidden units (see forward_layers()).
# Given `blocks` (see row_blocks()), the step runs block by block and
# returns only `z` of the output layer, `loss`, `directions`, `layers` and
# `state`.
train_step_layers <- function(layers, X, y, lr, s, state = NULL, w = NULL, masks = NULL, blocks = NULL) {
  exact <- s$exact
  D <- denominator(s$loss, s$reduction, nrow(X), w, exact)
  decay <- if (D == 1) s$decay else s$decay / D
  if (length(blocks)) {
    step <- blocked_step(layers, X, y, s, w, D, masks, blocks)
    step$directions <- decayed(step$directions, layers, decay)
  } else {
    f <- forward_layers(layers, X, s$activation, s$output_activation, exact, masks)
    b <- backward_layers(layers, f, y, s$activation, s$output_activation, s$loss, w, D, exact, masks)
    step <- list(
      z = f$z, a = f$a, err = b$err, slope = b$slope, delta = b$delta,
      loss = loss_value(s$loss, y, f$a[[length(f$a)]], s$output_activation, w, D, exact),
      directions = descent(layers, f$a, b$delta, decay, exact)
    )
  }
  penalty <- decay_penalty(layers, s$decay, exact)
  step$loss <- step$loss + (if (D == 1) penalty else penalty / D)
  if (is.null(state)) state <- init_state(s$optimizer, layers)
  o <- optimizer_step(s$optimizer, layers, step$directions, state, lr, s, exact)
  step$layers <- o$layers
  step$state <- o$state
  step
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
