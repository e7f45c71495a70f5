#' nnscratch: the article's neural network, twinned in R and Python
#'
#' A one-hidden-layer sigmoid network trained by gradient descent (full
#' batch, as in the article, or mini-batches with `batch_size`) on
#' \eqn{E = \frac{1}{2}\sum (y - \hat{y})^2}{E = 1/2 sum((y - yhat)^2)}, laid
#' out as Steps 0-11 of the article "Understanding and coding Neural
#' Networks from scratch in Python and R". The Python module `nnscratch` has the same functions, arguments and
#' shapes, and computes the same numbers.
#'
#' @section Shapes:
#' Rows are samples, everywhere in the package:
#'
#' | object | shape | meaning |
#' |---|---|---|
#' | `X` | n x p | inputs, one row per sample |
#' | `y` | n x o | targets in \[0, 1\] |
#' | `wh` | p x h | input-to-hidden weights |
#' | `bh` | 1 x h | hidden biases, one per hidden neuron |
#' | `wout` | h x o | hidden-to-output weights |
#' | `bout` | 1 x o | output biases, one per output neuron |
#'
#' A network without biases (the article's second part) has `bh` and `bout`
#' set to `NULL`.
#'
#' @section What it leaves out:
#' Only what the article does: one hidden layer, sigmoid everywhere, plain
#' gradient descent on half the sum of squared errors. No regularisation,
#' momentum or other activations.
#'
#' @keywords internal
#' @importFrom stats coef predict
"_PACKAGE"
