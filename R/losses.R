# The losses registry: each a value and the output delta it owns. Twin of
# python/src/nnscratch/losses.py.
#
# - half_sse, the article's E = 1/2 sum((y - output)^2); its error is the
#   article's Step 5, E = y - output, carried back through the output
#   activation (Steps 6-7).
# - half_mse, the same averaged over the samples, whatever `reduction` says,
#   so that the gradient does not grow with n and `lr` need not shrink as n
#   grows.
# - log_loss, the cross-entropy, as nnet's `entropy`: -sum(y log(output) +
#   (1 - y) log(1 - output)) with a sigmoid output (binary or multi-label
#   0/1 targets), -sum(y log(output)) with softmax (one-hot classes).
#   Through either activation its gradient with respect to the output
#   layer's input is simply output - y, so its error y - output is already
#   the delta, as in scikit-learn.
#
# Sample weights and the reduction. Each sample's loss is multiplied by its
# weight w (1 by default) and the losses are added up; with reduction =
# "mean" (and always for half_mse) the total, weight decay included, is
# divided by D, the sum of the weights (n without weights), as scikit-learn
# and torch average over the batch. With "sum", the article's, D is 1. The
# weights are a plain vector of length n here (Python: an (n, 1) column), so
# that M * w multiplies each row of M by its weight.
#
# Weight decay adds (decay / 2) * sum(W^2) over every weight matrix, as
# nnet's `decay`; biases are not penalised, as in scikit-learn's `alpha`.
#
# `losses` is the one list of their names; check_loss() and the model-file
# reader take the names and the pairs of loss and output from it.

# log_loss clips the output to [loss_eps, 1 - loss_eps] so that log(0) never
# occurs.
loss_eps <- .Machine$double.eps

# M (n x k) with each row times its weight w, divided by D; M itself when
# there is neither.
weighted <- function(M, w, D) {
  if (!is.null(w)) M <- M * w
  if (D == 1) M else M / D
}

half_sse <- function(y, a, output_activation, w, exact) {
  E <- y - a
  0.5 * kernels$total(weighted(E * E, w, 1), exact)
}

half_sse_delta <- function(y, a, output_activation, w, D, exact) {
  # Steps 5-7: E = y - output, then d_output = E * slope_output_layer
  E <- weighted(y - a, w, D)
  b <- backward(output_activation, a, E, exact)
  list(E = E, slope = b$slope, delta = b$delta)
}

log_loss <- function(y, a, output_activation, w, exact) {
  a <- pmin(pmax(a, loss_eps), 1 - loss_eps)
  if (activations[[output_activation]]$rowwise) {
    return(-kernels$total(weighted(y * kernels$log(a, exact), w, 1), exact))
  }
  -kernels$total(weighted(y * kernels$log(a, exact) + (1 - y) * kernels$log(1 - a, exact), w, 1), exact)
}

log_loss_delta <- function(y, a, output_activation, w, D, exact) {
  # the canonical pair: -dLoss/dz = y - output, with no slope
  E <- weighted(y - a, w, D)
  list(E = E, slope = NULL, delta = E)
}

# One entry of the registry:
# - value(y, a, output_activation, w, exact): the loss summed over the
#   samples, each weighted;
# - delta(y, a, output_activation, w, D, exact): list(E, slope, delta) of
#   the output layer: the error sent back, the output activation's slope
#   (NULL where the loss needs none) and -dLoss/dz;
# - pairs(entry): whether it pairs with an output activation (its registry
#   entry);
# - mean: whether it is averaged over the samples whatever `reduction` says;
# - label: how plots name it;
# - canonical: whether its error is already -dLoss/dz, the output's slope
#   cancelling (a canonical pair: the log-loss through its sigmoid or
#   softmax);
# - sheet: its error in a spreadsheet's cell (export_steps()), with {y} and
#   {a} the cells of y and of the output and {rows} the block y, and its
#   words; NULL where export_steps() cannot write it.
loss_entry <- function(value, delta, pairs, mean, label, canonical = FALSE, sheet = NULL) {
  list(value = value, delta = delta, pairs = pairs, mean = mean, label = label, canonical = canonical, sheet = sheet)
}

any_output <- function(activation) TRUE

probability_output <- function(activation) activation$probability

losses <- list(
  half_sse = loss_entry(
    half_sse, half_sse_delta, any_output, FALSE, "1/2 sum (y - output)^2", FALSE,
    c("{y}-{a}", "{E} = {y} - {a}")
  ),
  half_mse = loss_entry(
    half_sse, half_sse_delta, any_output, TRUE, "1/2 sum (y - output)^2 / n", FALSE,
    c("({y}-{a})/ROWS({rows})", "{E} = ({y} - {a}) / n, n the rows of {y}")
  ),
  log_loss = loss_entry(
    log_loss, log_loss_delta, probability_output, FALSE, "cross-entropy", TRUE,
    c("{y}-{a}", "{E} = {y} - {a}")
  )
)
# The article's loss; mlp()'s for classes and for numbers.
article_loss <- "half_sse"
classification_loss <- "log_loss"
regression_loss <- "half_mse"
# How the samples' losses are combined: the article adds them, scikit-learn
# and torch average them.
reductions <- c("sum", "mean")
article_reduction <- "sum"
default_reduction <- "mean"

# D, what the batch's loss and gradient are divided by: 1 for a sum, else n
# or the weights' sum.
denominator <- function(name, reduction, n, w, exact = FALSE) {
  if (reduction == reductions[1] && !losses[[name]]$mean) return(1)
  if (is.null(w)) as.double(n) else kernels$total(w, exact)
}

# The loss `name` of the output a against the targets y, the samples
# weighted by w, divided by D.
loss_value <- function(name, y, a, output_activation, w = NULL, D = 1, exact = FALSE) {
  value <- losses[[name]]$value(y, a, output_activation, w, exact)
  if (D == 1) value else value / D
}

# list(E, slope, delta) of the output layer: the error, the activation's
# slope and -dLoss/dz. For half_sse with a sigmoid output these are the
# article's Steps 5-7: E = y - output, slope_output_layer and d_output =
# E * slope. log_loss with its own output (sigmoid or softmax) has
# delta = E and no slope.
output_delta <- function(name, output_activation, y, a, w = NULL, D = 1, exact = FALSE) {
  losses[[name]]$delta(y, a, output_activation, w, D, exact)
}

# (decay / 2) * sum(W^2) over the layers' weight matrices, not their biases;
# the layers' sums are added in double, one after another, as Python adds
# them.
decay_penalty <- function(layers, decay, exact = FALSE) {
  if (decay == 0) return(0)
  decay / 2 * Reduce(`+`, lapply(layers, function(layer) kernels$total(layer$W * layer$W, exact)), 0)
}
