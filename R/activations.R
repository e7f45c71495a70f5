# Activations: each a function and its derivative taken from the activation.
# Twin of python/src/nnscratch/activations.py.
#
# As in the article, a derivative takes the activation a = f(z), not z:
# `derivatives_sigmoid(output)` is Step 6. scikit-learn's
# inplace_logistic_derivative does the same. Softmax has no elementwise
# derivative; its backward step is the product with its Jacobian, in
# backward().

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
  sigmoid_f(x)
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
  sigmoid_slope(x)
}

sigmoid_f <- function(z, exact = FALSE) {
  # 1 / (1 + exp(-z)): plogis() computes exactly that in C, with the C
  # library's exp (kernels$exp's in both modes), in one pass and without
  # the three temporaries; test-train.R checks that the bits are the same.
  stats::plogis(z)
}

sigmoid_slope <- function(a) {
  a * (1 - a)
}

tanh_f <- function(z, exact = FALSE) {
  kernels$tanh(z, exact)
}

tanh_slope <- function(a) {
  # tanh'(z) = 1 - tanh(z)^2
  1 - a * a
}

relu_f <- function(z, exact = FALSE) {
  z[z < 0] <- 0
  z
}

relu_slope <- function(a) {
  # 1 where the unit is on; at z = 0 the slope is taken as 0, as PyTorch and
  # scikit-learn take it
  (a > 0) + 0
}

identity_f <- function(z, exact = FALSE) {
  z
}

identity_slope <- function(a) {
  array(1, dim(a))
}

softmax_f <- function(z, exact = FALSE) {
  # exp(z - max) cannot overflow, and gives the same probabilities; the row
  # maxima are taken column by column (max.col() would use a tolerance)
  m <- z[, 1]
  for (j in seq_len(ncol(z))[-1]) m <- pmax(m, z[, j])
  e <- kernels$exp(z - m, exact)
  e / kernels$row_sums(e, exact)
}

# The registry: the function and the derivative from the activation (NULL
# for softmax, see backward()).
activations <- list(
  sigmoid = list(f = sigmoid_f, slope = sigmoid_slope),
  tanh = list(f = tanh_f, slope = tanh_slope),
  relu = list(f = relu_f, slope = relu_slope),
  identity = list(f = identity_f, slope = identity_slope),
  softmax = list(f = softmax_f, slope = NULL)
)
hidden_activations <- c("sigmoid", "tanh", "relu")
output_activations <- c("sigmoid", "softmax", "identity")

# The activation `name` of z.
activate <- function(name, z, exact = FALSE) {
  activations[[name]]$f(z, exact)
}

# The derivative of the activation `name`, from the activation a; NULL for
# softmax.
activation_slope <- function(name, a) {
  slope <- activations[[name]]$slope
  if (!is.null(slope)) slope(a)
}

# list(slope, delta): delta is g, the error -dLoss/da, carried back through
# the activation to z. For an elementwise activation, slope = f'(z) from a
# and delta = g * slope (the article's Steps 6-7 and 9). For softmax, slope
# is NULL and delta = a * (g - rowSums(g * a)), its Jacobian times g.
backward <- function(name, a, g, exact = FALSE) {
  slope <- activation_slope(name, a)
  if (is.null(slope)) {
    return(list(slope = NULL, delta = a * (g - kernels$row_sums(g * a, exact))))
  }
  list(slope = slope, delta = g * slope)
}
