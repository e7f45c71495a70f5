# The article's Steps 2-11, one line per step under the article's names, as a
# view of the layered core. Twin of python/src/nnscratch/steps.py. The maths
# is in R/layers.R; here each of the article's 14 intermediates is named from
# the core's lists for a network of one hidden layer (shapes: see
# ?nnscratch): z[[1]] is hidden_layer_input, a[[2]] hiddenlayer_activations,
# and so on.
#
#' @include activations.R losses.R optimizers.R
NULL

#' Sigmoid activation
#'
#' `sigmoid(x) = 1 / (1 + exp(-x))`, element by element: the article's
#' Step 3. For very negative `x`, `exp(-x)` overflows to `Inf` and the result
#' is exactly 0, with no warning and no `NaN`.
#'
#' @param x A numeric vector, matrix or array.
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
#' Returns `x * (1 - x)`: the article's Step 6. As in the article, `x` is the
#' activation `a = sigmoid(z)`, not the input `z`: the derivative of the
#' sigmoid at `z` is `a * (1 - a)`.
#'
#' @param x A numeric vector, matrix or array of activations, in \[0, 1\].
#' @return An object like `x`.
#' @examples
#' a <- sigmoid(0.5)
#' derivatives_sigmoid(a)  # the slope of the sigmoid at 0.5
#' @export
derivatives_sigmoid <- function(x) {
  check_numeric(x, "x")
  sigmoid_slope(x)
}

# The defaults of forward() and train_step(): the article's network. Each
# function's formals take them after its definition, so that its usage shows
# the names.
article_network <- list(activation = article_activation, output_activation = article_activation, loss = article_loss)

#' Forward propagation (Steps 2-4)
#'
#' @param params The article's list, `wh` (p x h), `bh` (1 x h), `wout`
#'   (h x o) and `bout` (1 x o), with `bh` and `bout` `NULL` in a network
#'   without biases; or a list of layers, each `list(W = fan_in x fan_out,
#'   b = 1 x fan_out or NULL)`.
#' @param X A numeric matrix, n x p, one row per sample.
#' @param activation The hidden layers' activation, `"sigmoid"`, `"tanh"`,
#'   `"relu"` or `"identity"`: one name for all, or one per hidden layer.
#' @param output_activation `"sigmoid"`, `"softmax"` or `"identity"`.
#' @param exact Add every sum in R's internal order, so that R and Python
#'   give the same bits (see the README's "Bit-identical across languages").
#' @return For the article's params, its Steps 2-4: `hidden_layer_input`
#'   (n x h), `hiddenlayer_activations` (n x h), `output_layer_input`
#'   (n x o) and `output` (n x o). For a list of layers, `z`, the input sum
#'   of each layer, and `a`, `X` followed by each layer's activation; the
#'   last of `a` is the output.
#' @examples
#' s <- load_scenario("article")
#' forward(s$init, s$X)$output
#' @export
forward <- function(params, X, activation, output_activation, exact = FALSE) {
  X <- as_numeric_matrix(X, "X")
  net <- check_network(params, ncol(X))
  activation <- check_activation(activation, length(net$layers) - 1)
  output_activation <- check_output_activation(output_activation)
  exact <- check_flag(exact, "exact")
  f <- forward_layers(net$layers, X, activation, output_activation, exact)
  if (net$article) article_forward(f) else f[c("z", "a")]
}
formals(forward)[c("activation", "output_activation")] <- article_network[c("activation", "output_activation")]

#' One step of gradient descent (Steps 2-11)
#'
#' Runs the article's Steps 2-11 once on the whole batch and returns every
#' intermediate under the article's name.
#'
#' @inheritParams forward
#' @param y A numeric matrix, n x o, of targets, in \[0, 1\] unless the
#'   output is `"identity"`; a vector is taken as one column.
#' @param lr The learning rate, a positive number.
#' @param loss `"half_sse"`, the article's \eqn{\frac{1}{2}\sum (y -
#'   output)^2}{1/2 sum (y - output)^2}; `"half_mse"`, the same divided by
#'   n; or `"log_loss"`, the cross-entropy (with a sigmoid or softmax output).
#' @param decay Weight decay: `(decay / 2) * sum(W^2)` over the weight
#'   matrices (not the biases) is added to the loss, as nnet's `decay`.
#' @return For the article's params, a list of 14 matrices:
#'   `hidden_layer_input`, `hiddenlayer_activations`, `output_layer_input`,
#'   `output`, `E`, `slope_output_layer`, `slope_hidden_layer`, `d_output`,
#'   `Error_at_hidden_layer`, `d_hiddenlayer`, and the updated `wout`, `bout`,
#'   `wh` and `bh` (`step[c("wh", "bh", "wout", "bout")]` is the next epoch's
#'   `params`). A slope is `NULL` where the output has none (softmax, or
#'   log_loss, whose `E` is already the delta). For a list of layers: `z` and
#'   `a` as in [forward()], and per layer `err` (-dLoss/da), `slope` and
#'   `delta` (-dLoss/dz); `loss`, the loss before the step; and `layers`, the
#'   updated layers. `err` is the error sent back to a layer: -dLoss/da,
#'   except at the output of log_loss, whose error is already -dLoss/dz.
#' @examples
#' s <- load_scenario("article")
#' step <- train_step(s$init, s$X, s$y, lr = 0.1)
#' step$d_output
#' @export
train_step <- function(params, X, y, lr, activation, output_activation, loss, decay = 0, exact = FALSE) {
  X <- as_numeric_matrix(X, "X")
  net <- check_problem(params, X, y, activation, output_activation, loss)
  s <- list(
    activation = net$activation, output_activation = net$output_activation, loss = net$loss,
    reduction = article_reduction, decay = check_number(decay, "decay"), exact = check_flag(exact, "exact"),
    optimizer = article_optimizer
  )
  step <- train_step_layers(net$layers, X, net$y, check_number(lr, "lr", lo_open = TRUE), s)
  if (net$article) article_step(step) else step[step_keys]
}
formals(train_step)[names(article_network)] <- article_network
# export_steps() writes the same step, with the same defaults (its file comes
# before this one).
formals(export_steps)[names(article_network)] <- article_network

# What train_step() returns for a list of layers.
step_keys <- c("z", "a", "err", "slope", "delta", "loss", "layers")

#' Convert between the article's params and a list of layers
#'
#' `as_layers()` returns the article's params (`wh`, `bh`, `wout`, `bout`) as
#' a list of two layers, `list(W, b)` each; a list of layers is returned as
#' it is, checked. `as_article()` returns a network of one hidden layer (two
#' layers) as the article's params, and refuses any other.
#'
#' @param params The article's params or a list of layers.
#' @param layers A list of two layers, or the article's params.
#' @return A list of layers (`as_layers()`) or the article's params
#'   (`as_article()`).
#' @examples
#' s <- load_scenario("article")
#' layers <- as_layers(s$init)
#' identical(as_article(layers), s$init)
#' @export
as_layers <- function(params) {
  if (is.list(params) && has_names(params)) {
    return(from_article(check_params(params, rows_of(params[["wh", exact = TRUE]]))))
  }
  first <- if (is.list(params) && length(params) > 0 && is.list(params[[1]])) params[[1]] else list()
  check_layers(params, rows_of(first[["W", exact = TRUE]]))
}

#' @rdname as_layers
#' @export
as_article <- function(layers) {
  layers <- as_layers(layers)
  if (length(layers) != 2) {
    abort(
      "`layers` must have one hidden layer (two layers) to be written as the article's params, not %d layers.",
      length(layers)
    )
  }
  if (is.null(layers[[1]]$b) != is.null(layers[[2]]$b)) {
    abort("`layers` must have biases in both layers, or in neither, to be written as the article's params.")
  }
  to_article(layers)
}

# The rows of a matrix, so that the checks compare the rest of a network with
# its first layer.
rows_of <- function(W) {
  if (is.matrix(W)) nrow(W) else 0L
}

# The names of the weights, in the order of the shapes table in ?nnscratch.
param_names <- c("wh", "bh", "wout", "bout")

# Name the core's forward pass of one hidden layer as the article's Steps 2-4.
article_forward <- function(f) {
  list(
    # Step 2
    hidden_layer_input = f$z[[1]],
    # Step 3
    hiddenlayer_activations = f$a[[2]],
    # Step 4
    output_layer_input = f$z[[2]],
    output = f$a[[3]]
  )
}

# Name the core's step of one hidden layer as the article's Steps 2-11.
article_step <- function(s) {
  c(article_forward(s), list(
    # Step 5: E = y - output, the error the loss sends back
    E = s$err[[2]],
    # Step 6: derivatives_sigmoid takes the activations, not the inputs
    slope_output_layer = s$slope[[2]],
    slope_hidden_layer = s$slope[[1]],
    # Step 7
    d_output = s$delta[[2]],
    # Step 8
    Error_at_hidden_layer = s$err[[1]],
    # Step 9
    d_hiddenlayer = s$delta[[1]],
    # Step 10
    wout = s$layers[[2]]$W,
    # Step 11: colSums, one update per neuron; the article's R script has
    # rowSums, one per sample
    bout = s$layers[[2]]$b,
    # Step 10
    wh = s$layers[[1]]$W,
    # Step 11
    bh = s$layers[[1]]$b
  ))
}
