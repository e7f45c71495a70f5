# The initial-weights registry: how each scheme draws, and from which shared
# generator. Twin of python/src/nnscratch/schemes.py.
#
# Two generators give the same numbers in both languages: R's (set.seed()
# here, RRandom in Python) and numpy's legacy RandomState (numpy_uniform()
# here). Each scheme draws from one of them, layer by layer from the input to
# the output, each layer's weights and then its biases; a fan_in x fan_out
# matrix is filled column by column from R's generator, as R's matrix()
# fills, and row by row from numpy's, as numpy does.
#
# - article_r: the article's R script, rnorm for W and runif for b;
# - article_numpy: the article's numpy script, uniform on [0, 1) for W and b;
# - glorot_r, glorot_numpy: Glorot (Xavier) uniform, W on (-s, s) with
#   s = sqrt(6 / (fan_in + fan_out)), biases 0;
# - he_r, he_numpy: He (Kaiming) uniform, W on (-s, s) with
#   s = sqrt(6 / fan_in), biases 0;
# - sklearn: scikit-learn's MLP, from RandomState(seed): W and then b on
#   (-s, s) with s = sqrt(factor / (fan_in + fan_out)), factor 2 for its
#   logistic (the sigmoid) and 6 otherwise, taken from the hidden activation.
#
# A draw takes the sizes (inputs, hidden..., outputs), a generator `rng`
# (r_stream() or numpy_stream(), see R/numpy_random.R), whether the network
# has biases, and the hidden activations; it returns the layers.

# Fill a rows x cols matrix column by column, as R's matrix() does.
r_matrix <- function(v, rows, cols) {
  matrix(v, rows, cols)
}

# Fill a rows x cols matrix row by row, as numpy does.
numpy_matrix <- function(v, rows, cols) {
  matrix(v, rows, cols, byrow = TRUE)
}

draw_article_r <- function(sizes, rng, bias, activation) {
  lapply(seq_len(length(sizes) - 1), function(l) {
    fan_in <- sizes[l]
    fan_out <- sizes[l + 1]
    list(W = r_matrix(rng$rnorm(fan_in * fan_out), fan_in, fan_out), b = if (bias) matrix(rng$runif(fan_out), 1))
  })
}

draw_article_numpy <- function(sizes, rng, bias, activation) {
  lapply(seq_len(length(sizes) - 1), function(l) {
    fan_in <- sizes[l]
    fan_out <- sizes[l + 1]
    list(
      W = numpy_matrix(rng$uniform(fan_in * fan_out), fan_in, fan_out),
      b = if (bias) numpy_matrix(rng$uniform(fan_out), 1, fan_out)
    )
  })
}

glorot_bound <- function(fan_in, fan_out) {
  sqrt(6 / (fan_in + fan_out))
}

he_bound <- function(fan_in, fan_out) {
  sqrt(6 / fan_in)
}

# W on (-s, s), fan_in x fan_out, from each shared generator in its own
# order of filling: R's column by column, numpy's row by row.
uniform_matrix <- list(
  r = function(rng, fan_in, fan_out, s) r_matrix(rng$runif(fan_in * fan_out, -s, s), fan_in, fan_out),
  numpy = function(rng, fan_in, fan_out, s) numpy_matrix(rng$uniform(fan_in * fan_out, -s, s), fan_in, fan_out)
)

# A scheme that draws W on (-s, s) from `generator`, s = bound(fan_in,
# fan_out), with biases 0.
uniform <- function(generator, bound) {
  function(sizes, rng, bias, activation) {
    lapply(seq_len(length(sizes) - 1), function(l) {
      fan_in <- sizes[l]
      fan_out <- sizes[l + 1]
      W <- uniform_matrix[[generator]](rng, fan_in, fan_out, bound(fan_in, fan_out))
      list(W = W, b = if (bias) matrix(0, 1, fan_out))
    })
  }
}

draw_sklearn <- function(sizes, rng, bias, activation) {
  # scikit-learn's _init_coef: one activation for the network; here each
  # layer takes its own hidden activation, the output layer the last one's
  lapply(seq_len(length(sizes) - 1), function(l) {
    fan_in <- sizes[l]
    fan_out <- sizes[l + 1]
    factor <- if (activation[min(l, length(activation))] == logistic_activation) 2 else 6
    s <- sqrt(factor / (fan_in + fan_out))
    W <- uniform_matrix$numpy(rng, fan_in, fan_out, s)
    list(W = W, b = if (bias) matrix(rng$uniform(fan_out, -s, s), 1))
  })
}

# One entry of the registry: the shared generator it draws from, "r" or
# "numpy", and its draw.
scheme_entry <- function(generator, draw) {
  list(generator = generator, draw = draw)
}

schemes <- list(
  article_r = scheme_entry("r", draw_article_r),
  article_numpy = scheme_entry("numpy", draw_article_numpy),
  glorot_r = scheme_entry("r", uniform("r", glorot_bound)),
  glorot_numpy = scheme_entry("numpy", uniform("numpy", glorot_bound)),
  he_r = scheme_entry("r", uniform("r", he_bound)),
  he_numpy = scheme_entry("numpy", uniform("numpy", he_bound)),
  sklearn = scheme_entry("numpy", draw_sklearn)
)
# The article's scheme, and mlp()'s: scikit-learn's own draw.
article_scheme <- "article_r"
default_scheme <- "sklearn"
# The seeds each generator takes: R's set.seed() an int, numpy's legacy seed
# an unsigned 32-bit word.
seed_ranges <- list(r = c(-2147483647, 2147483647), numpy = c(0, 4294967295))

# The layers the scheme draws for these sizes (inputs, hidden..., outputs).
# With seed NULL, R's generator draws from the current random stream, as R's
# functions do, and numpy's from a seed drawn from it; with a seed, the
# user's random stream is left as it was.
draw_layers <- function(scheme, sizes, seed, bias, activation) {
  entry <- schemes[[scheme]]
  sizes <- as.double(sizes)
  if (entry$generator == "r") {
    return(with_random(entry$draw(sizes, r_stream(), bias, activation), seed)$value)
  }
  if (is.null(seed)) seed <- floor(stats::runif(1) * 2^32)
  # every weight and bias at most, drawn at once
  n <- sum(sizes[-length(sizes)] * sizes[-1] + if (bias) sizes[-1] else 0)
  entry$draw(sizes, numpy_stream(seed, n), bias, activation)
}
