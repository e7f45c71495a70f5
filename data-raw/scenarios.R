# Writes data/scenarios.csv and data/scenario_settings.csv, the scenarios that
# the R package and the Python module both load with load_scenario().
# Run from the repository root: Rscript data-raw/scenarios.R
#
# Each scenario records the seed and scheme its initial weights were drawn
# with, and `skip`, how many uniforms the article's notebook drew from that
# seed before them, so that they can be drawn again (init_params() when
# `skip` is 0). The draws here are made
# directly, not through init_params(), so that the tests comparing the two
# (tests/testthat/test-scenario.R, python/tests/test_scenario.py) check
# something.

# numpy_uniform(), numpy's legacy generator, and the helpers it needs.
numpy_env <- new.env()
sys.source("R/validate.R", envir = numpy_env)
sys.source("R/numpy_random.R", envir = numpy_env)

settings <- data.frame(
  scenario = character(), hidden = character(), lr = numeric(),
  epochs = integer(), bias = logical(), seed = integer(), scheme = character(),
  skip = integer(), activation = character(), output_activation = character(),
  loss = character(), decay = numeric()
)
values <- data.frame(
  scenario = character(), matrix = character(), row = integer(),
  col = integer(), value = character()
)

add_matrix <- function(values, scenario, name, m) {
  m <- as.matrix(m)
  rbind(values, data.frame(
    scenario = scenario, matrix = name,
    row = as.integer(row(m)), col = as.integer(col(m)),
    # 17 significant digits, so that every double reads back to itself
    value = sprintf("%.17g", as.vector(m))
  ))
}

# `init` is the article's list (wh, bh, wout, bout) for one hidden layer, a
# list of layers list(W, b) otherwise, stored as W1, b1, W2, ...; `hidden`
# is written as the sizes separated by spaces ("8 4"), and `activation` is
# one name for every hidden layer.
add_scenario <- function(name, X, y, init, hidden, lr, epochs, seed, scheme,
                         skip = 0, activation = "sigmoid",
                         output_activation = "sigmoid", loss = "half_sse",
                         decay = 0) {
  article <- length(hidden) == 1
  bias <- if (article) !is.null(init$bh) else !is.null(init[[1]]$b)
  settings[nrow(settings) + 1, ] <<- list(
    name, paste(hidden, collapse = " "), lr, epochs, bias, seed, scheme, skip,
    activation, output_activation, loss, decay
  )
  values <<- add_matrix(values, name, "X", X)
  values <<- add_matrix(values, name, "y", y)
  if (!article) {
    init <- unlist(lapply(seq_along(init), function(l) {
      stats::setNames(init[[l]], paste0(c("W", "b"), l))
    }), recursive = FALSE)
  }
  for (p in names(init)) {
    if (!is.null(init[[p]])) values <<- add_matrix(values, name, p, init[[p]])
  }
}

# The article's R script draws, in this order: rnorm for wh, runif for the
# hidden biases, rnorm for wout, runif for the output bias. Without biases
# the two runif draws are skipped.
article_r_init <- function(p, h, o, seed, bias = TRUE) {
  set.seed(seed)
  wh <- matrix(rnorm(p * h), p, h)
  bh <- if (bias) matrix(runif(h), 1, h)
  wout <- matrix(rnorm(h * o), h, o)
  bout <- if (bias) matrix(runif(o), 1, o)
  list(wh = wh, bh = bh, wout = wout, bout = bout)
}

# The same draws for any number of layers: for each layer in turn, rnorm
# for its weights, then runif for its biases.
article_r_layers <- function(sizes, seed, bias = TRUE) {
  set.seed(seed)
  lapply(seq_len(length(sizes) - 1), function(l) {
    W <- matrix(rnorm(sizes[l] * sizes[l + 1]), sizes[l], sizes[l + 1])
    list(W = W, b = if (bias) matrix(runif(sizes[l + 1]), 1, sizes[l + 1]))
  })
}

# The article's notebook for its second part, without biases:
# np.random.seed(seed) once; then, after `skip` uniforms drawn for earlier
# networks, wh = np.random.uniform(size=(p, h)) and
# wout = np.random.uniform(size=(h, o)). numpy fills arrays row by row.
article_numpy_nobias_init <- function(p, h, o, seed, skip = 0) {
  u <- numpy_env$numpy_uniform(skip + p * h + h * o, seed)
  list(
    wh = matrix(u[skip + seq_len(p * h)], p, h, byrow = TRUE),
    wout = matrix(u[skip + p * h + seq_len(h * o)], h, o, byrow = TRUE)
  )
}

# The article's data: 3 samples, 4 inputs, 1 output.
article_X <- matrix(c(1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1), nrow = 3, byrow = TRUE)
article_y <- matrix(c(1, 1, 0), ncol = 1)

add_scenario(
  "article", article_X, article_y, article_r_init(4, 3, 1, 42),
  hidden = 3, lr = 0.1, epochs = 5000, seed = 42, scheme = "article_r"
)

# The same network without its biases, as in the article's second part.
add_scenario(
  "article_nobias", article_X, article_y, article_r_init(4, 3, 1, 42, bias = FALSE),
  hidden = 3, lr = 0.1, epochs = 5000, seed = 42, scheme = "article_r"
)

# The article's second part. It holds samples in columns
# (X = [[1,0,0,0],[1,0,1,1],[0,1,0,1]] is 4 x 3 there); here rows are
# samples, as everywhere in the package. Its notebook calls
# np.random.seed(42) once and then draws, in this order: the walk-through's
# weights (uniforms 1-15), the 1000-epoch run's (16-30) and the moons run's
# (31-60).
part2_X <- matrix(c(1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1), nrow = 3, byrow = TRUE)
part2_y <- matrix(c(1, 1, 0), ncol = 1)

add_scenario(
  "part2_walkthrough", part2_X, part2_y, article_numpy_nobias_init(4, 3, 1, 42),
  hidden = 3, lr = 0.01, epochs = 1, seed = 42, scheme = "article_numpy"
)
add_scenario(
  "part2_toy", part2_X, part2_y, article_numpy_nobias_init(4, 3, 1, 42, skip = 15),
  hidden = 3, lr = 0.01, epochs = 1000, seed = 42, scheme = "article_numpy",
  skip = 15
)

# The article's moons (data-raw/moons_blobs.py), normalised as the article
# does, over both features together: subtract the minimum, then divide by
# the maximum.
normalise <- function(X) {
  X <- X - min(X)
  X / max(X)
}
moons <- utils::read.table("data/moons.csv", header = TRUE, sep = ";")
add_scenario(
  "moons", normalise(as.matrix(moons[c("x1", "x2")])), matrix(moons$y, ncol = 1),
  article_numpy_nobias_init(2, 10, 1, 42, skip = 30),
  hidden = 10, lr = 0.1, epochs = 10000, seed = 42, scheme = "article_numpy",
  skip = 30
)

# The article's exercise: three blobs, one-hot targets, normalised as the
# moons. 3 hidden neurons without biases at lr = 0.05 fit every sample in
# 2000 epochs with a loss that falls at every epoch; at lr = 0.1 with 5
# hidden neurons the loss rises now and then, where R and Python could part.
blobs <- utils::read.table("data/blobs.csv", header = TRUE, sep = ";")
add_scenario(
  "blobs", normalise(as.matrix(blobs[c("x1", "x2")])), diag(3)[blobs$class + 1, ],
  article_numpy_nobias_init(2, 3, 3, 42),
  hidden = 3, lr = 0.05, epochs = 2000, seed = 42, scheme = "article_numpy"
)

# A reader's three-class data from the article's comments: 15 samples of 3
# inputs, one-hot targets. The inputs range from 0 to 42, which saturates
# the sigmoid, so each column is divided by its maximum (42, 2 and 19) and
# stored scaled, in [0, 1]. The settings give a smooth descent as well as a
# good fit: with 3 to 6 hidden neurons at lr = 0.5 or 1, training passes
# through unstable stretches where a last-bit rounding difference grows past
# 1e-12, and R and Python part (see ?scenarios).
football_X <- matrix(c(
  9, 2, 2, 6, 1, 11, 0, 2, 19, 8, 1, 12, 8, 2, 12, 7, 1, 16, 9, 2, 15,
  6, 1, 18, 23, 2, 4, 7, 1, 18, 13, 2, 16, 28, 1, 5, 42, 1, 1, 21, 2, 11,
  28, 1, 6
), ncol = 3, byrow = TRUE)
football_class <- c(1, 3, 1, 1, 1, 1, 3, 1, 2, 1, 2, 1, 3, 2, 3)
football_y <- diag(3)[football_class, ]
football_X <- sweep(football_X, 2, apply(football_X, 2, max), "/")

add_scenario(
  "football", football_X, football_y, article_r_init(3, 8, 3, 42),
  hidden = 8, lr = 0.2, epochs = 10000, seed = 42, scheme = "article_r"
)

# Deeper networks, other activations, outputs and losses, and weight decay.
# Their initial weights are drawn as init_params(scheme = "article_r") draws
# them: for each layer, rnorm for the weights, then runif for the biases.

# The blobs again, through two hidden layers of tanh units (8 and 4) into a
# softmax, trained on the cross-entropy. The loss is summed over the 300
# samples, so lr is small: at lr = 0.005 the loss rises now and then, and
# one last-bit change in a weight moves it by 1e-6, where R and Python
# would part; at 0.001 it moves it by 1e-13 at most.
add_scenario(
  "blobs_deep", normalise(as.matrix(blobs[c("x1", "x2")])), diag(3)[blobs$class + 1, ],
  article_r_layers(c(2, 8, 4, 3), 42),
  hidden = c(8, 4), lr = 0.001, epochs = 2000, seed = 42, scheme = "article_r",
  activation = "tanh", output_activation = "softmax", loss = "log_loss"
)

# A small regression set for an identity output, targets outside [0, 1]:
# 60 samples of 3 inputs drawn uniformly on [-1, 1] after set.seed(2024),
# and one target, sin(pi x1) + x2 x3 plus normal noise (sd 0.1) drawn next.
# Written with 17 significant digits like every value here, so both
# languages read the same doubles.
set.seed(2024)
regression_X <- matrix(runif(60 * 3, -1, 1), 60, 3)
regression_y <- matrix(
  sin(pi * regression_X[, 1]) + regression_X[, 2] * regression_X[, 3] + rnorm(60, sd = 0.1)
)
# Three hidden layers of relu units (8, 8 and 4), an identity output and the
# mean of the halved squared errors.
add_scenario(
  "regression_relu", regression_X, regression_y, article_r_layers(c(3, 8, 8, 4, 1), 42),
  hidden = c(8, 8, 4), lr = 0.01, epochs = 2000, seed = 42, scheme = "article_r",
  activation = "relu", output_activation = "identity", loss = "half_mse"
)

# football with weight decay: the same network, weights and learning rate,
# and (decay / 2) * sum(W^2) added to the loss.
add_scenario(
  "football_decay", football_X, football_y, article_r_init(3, 8, 3, 42),
  hidden = 8, lr = 0.2, epochs = 10000, seed = 42, scheme = "article_r",
  decay = 0.001
)

write.table(settings, "data/scenario_settings.csv",
  sep = ";", quote = FALSE, row.names = FALSE
)
write.table(values, "data/scenarios.csv",
  sep = ";", quote = FALSE, row.names = FALSE
)
