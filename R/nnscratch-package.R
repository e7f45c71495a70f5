#' nnscratch: the article's neural network, twinned in R and Python
#'
#' The article's network, one sigmoid hidden layer trained by gradient
#' descent (full batch, as in the article, or mini-batches with
#' `batch_size`) on
#' \eqn{E = \frac{1}{2}\sum (y - \hat{y})^2}{E = 1/2 sum((y - yhat)^2)}, laid
#' out as Steps 0-11 of the article "Understanding and coding Neural
#' Networks from scratch in Python and R"; and the same core for deeper
#' networks, other activations and losses, weight decay, the optimizers of
#' torch.optim (momentum, Nesterov, RMSprop, Adam), learning-rate schedules,
#' a validation split and early stopping, dropout and sample weights.
#' [mlp()] uses them with defaults that learn real data on the first try.
#' The Python module `nnscratch` has the same functions, arguments and
#' shapes, and computes the same numbers (the same bits with
#' `exact = TRUE`).
#'
#' @section Shapes:
#' Rows are samples, everywhere in the package:
#'
#' | object | shape | meaning |
#' |---|---|---|
#' | `X` | n x p | inputs, one row per sample |
#' | `y` | n x o | targets (in \[0, 1\] for an output of probabilities) |
#' | `wh` | p x h | input-to-hidden weights |
#' | `bh` | 1 x h | hidden biases, one per hidden neuron |
#' | `wout` | h x o | hidden-to-output weights |
#' | `bout` | 1 x o | output biases, one per output neuron |
#'
#' A network without biases (the article's second part) has `bh` and `bout`
#' set to `NULL`. A deeper network is a list of layers, each
#' `list(W = fan_in x fan_out, b = 1 x fan_out or NULL)`; [as_layers()] and
#' [as_article()] convert.
#'
#' @section What it leaves out:
#' Convolutions, recurrent layers and GPUs.
#'
#' @keywords internal
#' @importFrom stats coef predict
"_PACKAGE"
