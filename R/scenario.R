# Shared scenarios in data/, read the same way by python/src/nnscratch/
# scenario.py.

#' Load a shared scenario
#'
#' Reads one scenario of [scenarios] and [scenario_settings]: the data, the
#' fixed initial weights and the training settings that the R package and the
#' Python module both use.
#'
#' @param name The scenario's name, e.g. `"article"`; see
#'   `scenario_settings$scenario` for all of them.
#' @return A list of class `nnscratch_scenario` (printed in four lines, see
#'   [print_results]) with `name`, `X` (n x p), `y` (n x o), `init` (the
#'   article's `params` list for one hidden layer, a list of layers
#'   otherwise, see [train_step()]), `hidden` (the sizes of the hidden
#'   layers), `lr`, `epochs`, `bias`, the `seed` and `scheme` the initial
#'   weights were drawn with and `skip`, the number of uniforms drawn from
#'   that seed before them, and the `activation` (one name for every hidden
#'   layer), `output_activation`, `loss` and `decay` to train with (see
#'   [scenario_settings]); `data`, the scenario whose `X`, `y` and initial
#'   weights it shares (its own name for a scenario with data of its own); and
#'   `train`, the other settings of [train()] it runs with (a named list,
#'   empty for the article's): numbers, `TRUE`/`FALSE`, vectors of numbers
#'   or names.
#' @examples
#' s <- load_scenario("article")
#' str(s)
#'
#' # A deeper network: train with the scenario's own settings
#' d <- load_scenario("blobs_deep")
#' fit <- train(d$init, d$X, d$y, d$lr, 10, activation = d$activation,
#'   output_activation = d$output_activation, loss = d$loss, decay = d$decay)
#' @export
load_scenario <- function(name) {
  env <- new.env()
  utils::data("scenarios", "scenario_settings", package = "nnscratch", envir = env)
  settings <- env$scenario_settings
  if (!is.character(name) || length(name) != 1 || !name %in% settings$scenario) {
    abort(
      "`name` must be one of %s, not %s.",
      paste(sprintf("\"%s\"", settings$scenario), collapse = ", "), describe(name)
    )
  }
  s <- settings[settings$scenario == name, ]
  values <- env$scenarios[env$scenarios$scenario == as.character(s$data), ]
  get <- function(m) scenario_matrix(values[values$matrix == m, ])
  # data() reads text columns as factors, and "8 4" is text
  hidden <- as.integer(strsplit(as.character(s$hidden), " ", fixed = TRUE)[[1]])
  init <- if (length(hidden) == 1) {
    list(
      wh = get("wh"),
      bh = if (s$bias) get("bh"),
      wout = get("wout"),
      bout = if (s$bias) get("bout")
    )
  } else {
    lapply(seq_len(length(hidden) + 1), function(l) {
      list(W = get(paste0("W", l)), b = if (s$bias) get(paste0("b", l)))
    })
  }
  as_scenario(list(
    name = name,
    X = get("X"),
    y = get("y"),
    init = init,
    hidden = hidden,
    lr = s$lr,
    epochs = as.integer(s$epochs),
    bias = s$bias,
    seed = as.integer(s$seed),
    scheme = as.character(s$scheme),
    skip = as.integer(s$skip),
    activation = as.character(s$activation),
    output_activation = as.character(s$output_activation),
    loss = as.character(s$loss),
    decay = s$decay,
    data = as.character(s$data),
    train = train_settings(as.character(s$train))
  ))
}

# A scenario's other settings of train(): "name=value" pairs separated by
# spaces. A value is TRUE or FALSE, a number, numbers separated by commas (a
# vector), or a name; Python's load_scenario() reads them alike.
train_settings <- function(text) {
  settings <- list()
  pairs <- strsplit(trimws(text), " +")[[1]]
  for (pair in pairs[nzchar(pairs)]) {
    parts <- strsplit(pair, "=", fixed = TRUE)[[1]]
    value <- parts[2]
    settings[[parts[1]]] <- if (value %in% c("TRUE", "FALSE")) {
      value == "TRUE"
    } else if (grepl(",", value, fixed = TRUE)) {
      as.numeric(strsplit(value, ",", fixed = TRUE)[[1]])
    } else if (!is.na(suppressWarnings(as.numeric(value)))) {
      as.numeric(value)
    } else {
      value
    }
  }
  settings
}

# Rebuild a matrix from its long-format rows (row, col, value).
scenario_matrix <- function(rows) {
  m <- matrix(NA_real_, max(rows$row), max(rows$col))
  m[cbind(rows$row, rows$col)] <- rows$value
  m
}
