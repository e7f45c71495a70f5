# One epoch of the article, Steps 2-11, one line per step under the article's
# names. Twin of python/src/nnscratch/steps.py. Shapes: see ?nnscratch.

#' Sigmoid activation
#'
#' `sigmoid(x) = 1 / (1 + exp(-x))`, element by element. For very negative
#' `x`, `exp(-x)` overflows to `Inf` and the result is exactly 0, with no
#' warning and no `NaN`.
#'
#' @param x A numeric vector or matrix.
#' @return An object like `x` with values in \[0, 1\].
#' @examples
#' sigmoid(c(-1e300, -1, 0, 1, 1e300))
#' @export
sigmoid <- function(x) {
  check_numeric(x, "x")
  1 / (1 + exp(-x))
}

#' Derivative of the sigmoid, from its activation
#'
#' Returns `x * (1 - x)`. As in the article, `x` is the activation
#' `a = sigmoid(z)`, not the input `z`: the derivative of the sigmoid at `z`
#' is `a * (1 - a)`.
#'
#' @param x A numeric vector or matrix of activations, in \[0, 1\].
#' @return An object like `x`.
#' @examples
#' a <- sigmoid(0.5)
#' derivatives_sigmoid(a)  # the slope of the sigmoid at 0.5
#' @export
derivatives_sigmoid <- function(x) {
  check_numeric(x, "x")
  x * (1 - x)
}

#' Forward propagation (Steps 2-4)
#'
#' @param params A list with `wh` (p x h), `bh` (1 x h), `wout` (h x o) and
#'   `bout` (1 x o); `bh` and `bout` are `NULL` in a network without biases.
#' @param X A numeric matrix, n x p, one row per sample.
#' @return A list of the article's Steps 2-4: `hidden_layer_input` (n x h),
#'   `hiddenlayer_activations` (n x h), `output_layer_input` (n x o) and
#'   `output` (n x o).
#' @examples
#' s <- load_scenario("article")
#' forward(s$init, s$X)$output
#' @export
forward <- function(params, X) {
  X <- as_numeric_matrix(X, "X")
  params <- check_params(params, ncol(X))
  forward_impl(params, X)
}

#' One epoch of gradient descent (Steps 2-11)
#'
#' Runs the article's Steps 2-11 once on the whole batch and returns every
#' intermediate under the article's name.
#'
#' @inheritParams forward
#' @param y A numeric matrix, n x o, of targets in \[0, 1\]; a vector is taken
#'   as one column.
#' @param lr The learning rate, a positive number.
#' @return A list of 14 matrices: `hidden_layer_input`,
#'   `hiddenlayer_activations`, `output_layer_input`, `output`, `E`,
#'   `slope_output_layer`, `slope_hidden_layer`, `d_output`,
#'   `Error_at_hidden_layer`, `d_hiddenlayer`, and the updated `wout`, `bout`,
#'   `wh` and `bh`. `step[c("wh", "bh", "wout", "bout")]` is the next epoch's
#'   `params`.
#' @examples
#' s <- load_scenario("article")
#' step <- train_step(s$init, s$X, s$y, lr = 0.1)
#' step$d_output
#' @export
train_step <- function(params, X, y, lr) {
  X <- as_numeric_matrix(X, "X")
  y <- check_y(y, X)
  params <- check_params(params, ncol(X), ncol(y))
  train_step_impl(params, X, y, check_lr(lr))
}

# The names of the weights, in the order of the shapes table in ?nnscratch.
param_names <- c("wh", "bh", "wout", "bout")

# Add a 1 x k bias to every row of an n x k matrix. The article's R script
# replicates the biases with byrow = FALSE, which gives each sample its own
# bias; here each neuron has one, repeated down the rows.
add_bias <- function(M, b) {
  if (is.null(b)) M else M + rep(b, each = nrow(M))
}

forward_impl <- function(params, X) {
  # Step 2
  hidden_layer_input <- add_bias(X %*% params$wh, params$bh)
  # Step 3
  hiddenlayer_activations <- sigmoid(hidden_layer_input)
  # Step 4
  output_layer_input <- add_bias(hiddenlayer_activations %*% params$wout, params$bout)
  output <- sigmoid(output_layer_input)
  list(
    hidden_layer_input = hidden_layer_input,
    hiddenlayer_activations = hiddenlayer_activations,
    output_layer_input = output_layer_input,
    output = output
  )
}

train_step_impl <- function(params, X, y, lr) {
  f <- forward_impl(params, X)
  # Step 5
  E <- y - f$output
  # Step 6: derivatives_sigmoid takes the activations, not the inputs
  slope_output_layer <- derivatives_sigmoid(f$output)
  slope_hidden_layer <- derivatives_sigmoid(f$hiddenlayer_activations)
  # Step 7
  d_output <- E * slope_output_layer
  # Step 8
  Error_at_hidden_layer <- tcrossprod(d_output, params$wout)
  # Step 9
  d_hiddenlayer <- Error_at_hidden_layer * slope_hidden_layer
  # Step 10; crossprod(A, B) is t(A) %*% B without building t(A)
  wout <- params$wout + crossprod(f$hiddenlayer_activations, d_output) * lr
  # Step 11: colSums, one update per neuron; the article's R script has
  # rowSums, one per sample
  bout <- if (!is.null(params$bout)) params$bout + colSums(d_output) * lr
  # Step 10
  wh <- params$wh + crossprod(X, d_hiddenlayer) * lr
  # Step 11
  bh <- if (!is.null(params$bh)) params$bh + colSums(d_hiddenlayer) * lr
  c(f, list(
    E = E,
    slope_output_layer = slope_output_layer,
    slope_hidden_layer = slope_hidden_layer,
    d_output = d_output,
    Error_at_hidden_layer = Error_at_hidden_layer,
    d_hiddenlayer = d_hiddenlayer,
    wout = wout,
    bout = bout,
    wh = wh,
    bh = bh
  ))
}
