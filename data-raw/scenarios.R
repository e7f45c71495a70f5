# Writes data/scenarios.csv and data/scenario_settings.csv, the scenarios that
# the R package and the Python module both load with load_scenario().
# Run from the repository root: Rscript data-raw/scenarios.R
#
# Each scenario records the seed and scheme its initial weights were drawn
# with, so that they can be drawn again (see init_params()).

settings <- data.frame(
  scenario = character(), hidden = integer(), lr = numeric(),
  epochs = integer(), bias = logical(), seed = integer(), scheme = character()
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

add_scenario <- function(name, X, y, init, hidden, lr, epochs, seed, scheme) {
  bias <- !is.null(init$bh)
  settings[nrow(settings) + 1, ] <<- list(
    name, hidden, lr, epochs, bias, seed, scheme
  )
  values <<- add_matrix(values, name, "X", X)
  values <<- add_matrix(values, name, "y", y)
  for (p in c("wh", "bh", "wout", "bout")) {
    if (!is.null(init[[p]])) values <<- add_matrix(values, name, p, init[[p]])
  }
}

# The article's R script draws, in this order: rnorm for wh, runif for the
# hidden biases, rnorm for wout, runif for the output bias.
article_r_init <- function(p, h, o, seed) {
  set.seed(seed)
  wh <- matrix(rnorm(p * h), p, h)
  bh <- matrix(runif(h), 1, h)
  wout <- matrix(rnorm(h * o), h, o)
  bout <- matrix(runif(o), 1, o)
  list(wh = wh, bh = bh, wout = wout, bout = bout)
}

# The article's data: 3 samples, 4 inputs, 1 output.
article_X <- matrix(c(1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1), nrow = 3, byrow = TRUE)
article_y <- matrix(c(1, 1, 0), ncol = 1)

add_scenario(
  "article", article_X, article_y, article_r_init(4, 3, 1, 42),
  hidden = 3, lr = 0.1, epochs = 5000, seed = 42, scheme = "article_r"
)

write.table(settings, "data/scenario_settings.csv",
  sep = ";", quote = FALSE, row.names = FALSE
)
write.table(values, "data/scenarios.csv",
  sep = ";", quote = FALSE, row.names = FALSE
)
