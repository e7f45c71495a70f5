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

# Add a 1 x k bias to every row of an n x k matrix. The article's R script
# replicates the biases with byrow = FALSE, which gives each sample its own
# bias; here each neuron has one, repeated down the rows.
add_bias <- function(M, b) {
  if (is.null(b)) M else M + rep(b, each = nrow(M))
}

# The forward pass, list(z, a), with a[[1]] = X and a[[length(a)]] the
# output. `activation` names the activation of each hidden layer.
forward_layers <- function(layers, X, activation, output_activation, exact = FALSE) {
  names <- c(activation, output_activation)
  z <- vector("list", length(layers))
  a <- c(list(X), vector("list", length(layers)))
  for (l in seq_along(layers)) {
    z[[l]] <- add_bias(kernels$matmul(a[[l]], layers[[l]]$W, exact), layers[[l]]$b)
    a[[l + 1]] <- activate(names[l], z[[l]], exact)
  }
  list(z = z, a = a)
}

# list(err, slope, delta), one of each per layer, from the forward pass's a.
backward_layers <- function(layers, a, y, activation, output_activation, loss, exact = FALSE) {
  L <- length(layers)
  err <- slope <- delta <- vector("list", L)
  out <- output_delta(loss, output_activation, y, a[[L + 1]], exact)
  err[[L]] <- out$E
  slope[L] <- list(out$slope)
  delta[[L]] <- out$delta
  for (l in rev(seq_len(L - 1))) {
    err[[l]] <- kernels$tcrossprod(delta[[l + 1]], layers[[l + 1]]$W, exact)
    b <- backward(activation[l], a[[l + 1]], err[[l]], exact)
    slope[l] <- list(b$slope)
    delta[[l]] <- b$delta
  }
  list(err = err, slope = slope, delta = delta)
}

# -dLoss/dW and -dLoss/db of every layer, as layers: t(a) %*% delta, less
# decay * W, and the column sums of delta.
descent <- function(layers, a, delta, decay = 0, exact = FALSE) {
  lapply(seq_along(layers), function(l) {
    W <- kernels$crossprod(a[[l]], delta[[l]], exact)
    if (decay > 0) W <- W - decay * layers[[l]]$W
    list(W = W, b = if (!is.null(layers[[l]]$b)) kernels$col_sums(delta[[l]], exact))
  })
}

# The layers after one step of gradient descent, in the article's form
# W + t(a) %*% delta * lr (Steps 10-11).
step_layers <- function(layers, a, delta, lr, decay = 0, exact = FALSE) {
  Map(function(layer, d) {
    list(W = layer$W + d$W * lr, b = if (!is.null(layer$b)) layer$b + d$b * lr)
  }, layers, descent(layers, a, delta, decay, exact))
}

# One step: the forward and backward passes, the loss before the step and
# the updated layers.
train_step_layers <- function(layers, X, y, lr, activation, output_activation,
                              loss, decay = 0, exact = FALSE) {
  f <- forward_layers(layers, X, activation, output_activation, exact)
  b <- backward_layers(layers, f$a, y, activation, output_activation, loss, exact)
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
