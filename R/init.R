# Initial weights: init_params(), drawn by the schemes of R/schemes.R. Twin
# of python/src/nnscratch/init.py.
#
#' @include activations.R schemes.R
NULL

#' Draw initial weights, as the article does or as a peer does
#'
#' @param n_input,n_output The numbers of inputs (p) and outputs (o), each a
#'   whole number from 1 to 2147483647 (2^31 - 1).
#' @param n_hidden The number of neurons of each hidden layer, e.g. `3` or
#'   `c(8, 4)`, each from 1 to 2147483647. Sizes whose weights would not fit
#'   in the machine's memory are refused before anything is drawn.
#' @param seed A whole number that the scheme's generator takes: from
#'   -2147483647 to 2147483647 for R's, from 0 to 4294967295 for numpy's; or
#'   `NULL` to continue the current random stream. With a seed, your own
#'   random stream is left as it was.
#' @param scheme How the weights are drawn. `"article_r"` draws what the
#'   article's R script draws: `rnorm` for `wh`, then `runif` for the hidden
#'   biases, then `rnorm` for `wout`, then `runif` for the output biases.
#'   `"article_numpy"` draws what the article's numpy script draws:
#'   `np.random.uniform` for `wh`, `bh`, `wout` and `bout`, in that order.
#'   `"glorot_r"`, `"glorot_numpy"`, `"he_r"` and `"he_numpy"` draw Glorot's
#'   or He's uniform weights from R's or numpy's generator, with biases 0;
#'   `"sklearn"` draws exactly what scikit-learn's `MLPClassifier` and
#'   `MLPRegressor` draw with `random_state = seed`. With several hidden
#'   layers, each layer draws its weights and then its biases, from the input
#'   to the output.
#' @param bias Whether to draw biases. Without them, `bh` and `bout` are
#'   `NULL` and the draws for them are skipped.
#' @param activation The hidden layers' activation, which `"sklearn"` reads
#'   (its factor is 2 for the sigmoid, 6 otherwise); one, or one per hidden
#'   layer.
#' @return For one hidden layer, the article's `params` list: `wh` (p x h),
#'   `bh` (1 x h), `wout` (h x o) and `bout` (1 x o). For several, a list of
#'   layers, `list(W = fan_in x fan_out, b = 1 x fan_out or NULL)` each.
#' @examples
#' init_params(4, 3, 1, seed = 42)
#' init_params(2, c(8, 4), 3, seed = 1)
#' init_params(4, 10, 3, seed = 0, scheme = "sklearn", activation = "relu")
#' @export
init_params <- function(n_input, n_hidden, n_output, seed = NULL, scheme, bias = TRUE, activation) {
  n_input <- check_count(n_input, "n_input", 1)
  n_hidden <- check_hidden(n_hidden, "n_hidden")
  n_output <- check_count(n_output, "n_output", 1)
  scheme <- check_choice(scheme, "scheme", names(schemes))
  seed <- check_scheme_seed(seed, scheme)
  bias <- check_flag(bias, "bias")
  activation <- check_activation(activation, length(n_hidden))
  check_init_memory(n_input, n_hidden, n_output)
  layers <- draw_layers(scheme, c(n_input, n_hidden, n_output), seed, bias, activation)
  if (length(layers) == 2) to_article(layers) else layers
}
formals(init_params)[c("scheme", "activation")] <- list(article_scheme, article_activation)

# A seed that the generator of `scheme` takes, or NULL.
check_scheme_seed <- function(seed, scheme) {
  range <- seed_ranges[[schemes[[scheme]]$generator]]
  check_seed(seed, range[1], range[2], sprintf(" for scheme \"%s\"", scheme))
}
