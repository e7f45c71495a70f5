# Initial weights, drawn as the article's scripts draw them. Twin of
# python/src/nnscratch/init.py.

#' Draw initial weights as the article does
#'
#' @param n_input,n_output The numbers of inputs (p) and outputs (o), each a
#'   whole number from 1 to 2147483647 (2^31 - 1).
#' @param n_hidden The number of neurons of each hidden layer, e.g. `3` or
#'   `c(8, 4)`, each from 1 to 2147483647. Sizes whose weights would not fit
#'   in the machine's memory are refused before anything is drawn.
#' @param seed A whole number, or `NULL` to continue the current random
#'   stream. With a seed, the global random state is left as it was.
#' @param scheme `"article_r"` draws what the article's R script draws:
#'   `rnorm` for `wh`, then `runif` for the hidden biases, then `rnorm` for
#'   `wout`, then `runif` for the output biases. `"article_numpy"` draws what
#'   the article's numpy script draws: `np.random.uniform` for `wh`, `bh`,
#'   `wout` and `bout`, in that order. With several hidden layers, each layer
#'   draws its weights and then its biases in the same way, from the input
#'   to the output.
#' @param bias Whether to draw biases. Without them, `bh` and `bout` are
#'   `NULL` and the draws for them are skipped.
#' @return For one hidden layer, the article's `params` list: `wh` (p x h),
#'   `bh` (1 x h), `wout` (h x o) and `bout` (1 x o). For several, a list of
#'   layers, `list(W = fan_in x fan_out, b = 1 x fan_out or NULL)` each.
#' @examples
#' init_params(4, 3, 1, seed = 42)
#' init_params(2, c(8, 4), 3, seed = 1)
#' @export
init_params <- function(n_input, n_hidden, n_output, seed = NULL,
                        scheme = c("article_r", "article_numpy"), bias = TRUE) {
  n_input <- check_count(n_input, "n_input", 1)
  n_hidden <- check_hidden(n_hidden, "n_hidden")
  n_output <- check_count(n_output, "n_output", 1)
  scheme <- check_scheme(scheme)
  check_seed(seed, scheme)
  check_flag(bias, "bias")
  check_init_memory(n_input, n_hidden, n_output)
  draw <- switch(scheme,
    article_r = draw_article_r,
    article_numpy = draw_article_numpy
  )
  layers <- draw(c(n_input, n_hidden, n_output), seed, bias)
  if (length(layers) == 2) to_article(layers) else layers
}

check_scheme <- function(scheme) {
  schemes <- c("article_r", "article_numpy")
  if (identical(scheme, schemes)) return(schemes[1])
  if (!is.character(scheme) || length(scheme) != 1 || !scheme %in% schemes) {
    abort(
      "`scheme` must be \"article_r\" or \"article_numpy\", not %s.",
      describe(scheme)
    )
  }
  scheme
}

# The seeds each generator takes: R's set.seed an int, numpy's legacy seed
# an unsigned 32-bit word.
check_seed <- function(seed, scheme) {
  range <- switch(scheme,
    article_r = c(-2147483647, 2147483647),
    article_numpy = c(0, 4294967295)
  )
  if (!is.null(seed) && (!is_whole(seed) || seed < range[1] || seed > range[2])) {
    abort(
      "`seed` must be NULL or a whole number from %s to %s for scheme \"%s\", not %s.",
      format(range[1], scientific = FALSE), format(range[2], scientific = FALSE), scheme, describe(seed)
    )
  }
}

draw_article_r <- function(sizes, seed, bias) {
  if (!is.null(seed)) {
    # Draw from the seed without disturbing the user's random stream.
    old <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
    on.exit(
      if (is.null(old)) rm(".Random.seed", envir = globalenv())
      else assign(".Random.seed", old, globalenv())
    )
    set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
  }
  lapply(seq_len(length(sizes) - 1), function(l) {
    W <- matrix(stats::rnorm(sizes[l] * sizes[l + 1]), sizes[l], sizes[l + 1])
    list(W = W, b = if (bias) matrix(stats::runif(sizes[l + 1]), 1, sizes[l + 1]))
  })
}
