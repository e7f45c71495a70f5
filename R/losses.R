# Losses: each a value and the error it sends back, -dLoss/doutput. Twin of
# python/src/nnscratch/losses.py.
#
# - half_sse, the article's E = 1/2 sum((y - output)^2); its error is the
#   article's Step 5, E = y - output.
# - half_mse, the same divided by n, the rows of the batch, so that the
#   gradient does not grow with n and `lr` need not shrink as n grows.
# - log_loss, the cross-entropy summed over the samples, as nnet's
#   `entropy`: -sum(y log(output) + (1 - y) log(1 - output)) with a sigmoid
#   output (binary or multi-label 0/1 targets), -sum(y log(output)) with
#   softmax (one-hot classes). Through either activation its gradient with
#   respect to the output layer's input is simply output - y, so the error
#   y - output is already the delta (see output_delta()), as in scikit-learn.
#
# Weight decay adds (decay / 2) * sum(W^2) over every weight matrix, as
# nnet's `decay`; biases are not penalised, as in scikit-learn's `alpha`.

# log_loss clips the output to [loss_eps, 1 - loss_eps] so that log(0) never
# occurs.
loss_eps <- .Machine$double.eps

half_sse <- function(y, a, output_activation, exact) {
  E <- y - a
  0.5 * kernels$total(E * E, exact)
}

half_mse <- function(y, a, output_activation, exact) {
  half_sse(y, a, output_activation, exact) / nrow(y)
}

log_loss <- function(y, a, output_activation, exact) {
  a <- pmin(pmax(a, loss_eps), 1 - loss_eps)
  if (output_activation == "softmax") {
    return(-kernels$total(y * kernels$log(a, exact), exact))
  }
  -kernels$total(y * kernels$log(a, exact) + (1 - y) * kernels$log(1 - a, exact), exact)
}

# The registry: the value, and the error sent back from the output.
losses <- list(
  half_sse = list(value = half_sse, error = function(y, a) y - a),
  half_mse = list(value = half_mse, error = function(y, a) (y - a) / nrow(y)),
  log_loss = list(value = log_loss, error = function(y, a) y - a)
)
loss_names <- c("half_sse", "half_mse", "log_loss")

# The loss `name` of the output a against the targets y.
loss_value <- function(name, y, a, output_activation, exact = FALSE) {
  losses[[name]]$value(y, a, output_activation, exact)
}

# list(E, slope, delta) of the output layer: the error, the activation's
# slope and -dLoss/dz. For half_sse with a sigmoid output these are the
# article's Steps 5-7: E = y - output, slope_output_layer and d_output =
# E * slope. log_loss with its own output (sigmoid or softmax) has
# delta = E and no slope.
output_delta <- function(name, output_activation, y, a, exact = FALSE) {
  E <- losses[[name]]$error(y, a)
  if (name == "log_loss") {
    return(list(E = E, slope = NULL, delta = E))
  }
  b <- backward(output_activation, a, E, exact)
  list(E = E, slope = b$slope, delta = b$delta)
}

# (decay / 2) * sum(W^2) over the layers' weight matrices, not their biases;
# the layers' sums are added in double, one after another, as Python adds
# them.
decay_penalty <- function(layers, decay, exact = FALSE) {
  if (decay == 0) return(0)
  decay / 2 * Reduce(`+`, lapply(layers, function(layer) kernels$total(layer$W * layer$W, exact)), 0)
}
