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

# Python runs large layers' row-wise work in blocks of rows (row_blocks(),
# workspace()), so that a block's chain of elementwise steps stays in the
# processor's cache. R has no twin of them: every R step allocates its
# result anyway, and binding blocks back together cost more than the cache
# saved (182 against 168 ms an epoch on the benchmark's large case), so R
# always runs whole matrices. The blocks change no number, so `keep`, which
# lets Python drop the intermediates of blocked layers, changes nothing here.
#
# Dropout: a hidden layer with a mask passes on f(z) * mask (`a`), keeps
# f(z) itself (`raw`) for its slope, and its delta is err * mask * slope.

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

# The forward pass as list(z, a, raw), with a[[1]] = X and a[[length(a)]]
# the output. `activation` names the activation of each hidden layer.
# `masks` holds a dropout mask (or NULL) per hidden layer; raw[[l + 1]] is
# then f(z) before the mask, NULL where there is none. `keep` changes
# nothing in R (see above).
forward_layers <- function(layers, X, activation, output_activation, exact = FALSE, keep = TRUE, masks = NULL) {
  names <- c(activation, output_activation)
  z <- vector("list", length(layers))
  a <- c(list(X), vector("list", length(layers)))
  raw <- vector("list", length(layers) + 1)
  for (l in seq_along(layers)) {
    f <- forward_rows(a[[l]], layers[[l]], names[l], exact)
    z[[l]] <- f$z
    a[[l + 1]] <- f$a
    if (!is.null(masks) && l <= length(masks) && !is.null(masks[[l]])) {
      raw[[l + 1]] <- a[[l + 1]]
      a[[l + 1]] <- a[[l + 1]] * masks[[l]]
    }
  }
  list(z = z, a = a, raw = raw)
}

# list(err, slope, delta) of a hidden layer: err = delta_next %*% t(W_next),
# carried back through f. With a dropout mask, a is f(z) before the mask and
# err is carried back through the mask first.
backward_rows <- function(delta, W, a, name, exact, mask = NULL) {
  err <- kernels$tcrossprod(delta, W, exact)
  b <- backward(name, a, if (is.null(mask)) err else err * mask, exact)
  list(err = err, slope = b$slope, delta = b$delta)
}

# list(err, slope, delta), one of each per layer, from the forward pass. The
# samples are weighted by w (a vector of length n, or NULL) and the loss
# divided by D (see R/losses.R). `keep` changes nothing in R (see above).
backward_layers <- function(layers, forward, y, activation, output_activation, loss, w = NULL, D = 1,
                            exact = FALSE, keep = TRUE, masks = NULL) {
  a <- forward$a
  raw <- forward$raw
  L <- length(layers)
  err <- slope <- delta <- vector("list", L)
  out <- output_delta(loss, output_activation, y, a[[L + 1]], w, D, exact)
  err[[L]] <- out$E
  slope[L] <- list(out$slope)
  delta[[L]] <- out$delta
  for (l in seq.int(L - 1L, 1L, by = -1L)) {
    mask <- if (!is.null(masks)) masks[[l]]
    # a dropped layer's slope is taken from its activations before the mask
    act <- if (is.null(mask)) a[[l + 1]] else raw[[l + 1]]
    b <- backward_rows(delta[[l + 1]], layers[[l + 1]]$W, act, activation[l], exact, mask)
    err[[l]] <- b$err
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
    W <- kernels$crossprod(a[[l]], delta[[l]], exact)
    if (decay > 0) W <- W - decay * layers[[l]]$W
    directions[[l]] <- list(W = W, b = if (!is.null(layers[[l]]$b)) kernels$col_sums(delta[[l]], exact))
  }
  directions
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
train_step_layers <- function(layers, X, y, lr, s, state = NULL, w = NULL, masks = NULL, keep = TRUE) {
  exact <- s$exact
  D <- denominator(s$loss, s$reduction, nrow(X), w, exact)
  f <- forward_layers(layers, X, s$activation, s$output_activation, exact, keep, masks)
  b <- backward_layers(layers, f, y, s$activation, s$output_activation, s$loss, w, D, exact, keep, masks)
  penalty <- decay_penalty(layers, s$decay, exact)
  value <- loss_value(s$loss, y, f$a[[length(f$a)]], s$output_activation, w, D, exact) +
    (if (D == 1) penalty else penalty / D)
  directions <- descent(layers, f$a, b$delta, if (D == 1) s$decay else s$decay / D, exact)
  if (is.null(state)) state <- init_state(s$optimizer, layers)
  o <- optimizer_step(s$optimizer, layers, directions, state, lr, s, exact)
  c(f[c("z", "a")], b, list(loss = value, layers = o$layers, state = o$state, directions = directions))
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
