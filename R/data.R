#' Shared scenarios: data and initial weights
#'
#' Every matrix of every scenario, one value per row, in long format. Read a
#' whole scenario with [load_scenario()]. The Python module reads the same
#' file. Values are written with 17 significant digits, so that each double
#' reads back to itself in R and in Python.
#'
#' Rows are samples in every `X` and `y`. The settings of each scenario
#' (hidden neurons, learning rate, epochs, biases, and the seed and scheme
#' that [init_params()] draws its initial weights with) are in
#' [scenario_settings].
#'
#' @section Scenarios:
#' \describe{
#'   \item{`article`}{The article's data: 3 samples of 4 binary inputs,
#'     `X = [[1,0,1,0],[1,0,1,1],[0,1,0,1]]`, and one target, `y = [1,1,0]`.
#'     3 hidden neurons with biases, `lr = 0.1`, 5000 epochs. The initial
#'     weights are what the article's R script draws after `set.seed(42)`
#'     (`rnorm` for `wh`, `runif` for `bh`, `rnorm` for `wout`, `runif` for
#'     `bout`; scheme `"article_r"`).}
#'   \item{`article_nobias`}{The same data and settings without biases: `bh`
#'     and `bout` are absent, and `wh` and `wout` are the `rnorm` draws after
#'     `set.seed(42)` with the two `runif` draws skipped, so `wh` is the
#'     `article`'s `wh` and `wout` is not its `wout`.}
#'   \item{`part2_toy`}{The article's second walk-through, a network without
#'     biases: `X = [[1,0,0,0],[1,0,1,1],[0,1,0,1]]`, `y = [1,1,0]`, 3 hidden
#'     neurons, `lr = 0.01`, 1000 epochs. The article's notebook holds
#'     samples in columns there, so it works on the transpose; here, as
#'     everywhere in the package, rows are samples, so `X` is 3 x 4 (3
#'     samples of 4 inputs) and `y` is 3 x 1. The initial weights are what its notebook
#'     draws after `np.random.seed(42)`: `np.random.uniform` of shape (4, 3)
#'     for `wh`, then (3, 1) for `wout` (scheme `"article_numpy"`). At this
#'     learning rate the loss falls only from 0.341 to 0.316 in 1000 epochs;
#'     the scenario follows the walk-through, it is not a good fit.}
#'   \item{`football`}{A reader's three-class data from the article's
#'     comments: 15 samples of 3 inputs and one-hot targets (8, 3 and 4
#'     samples of the three classes). The raw inputs range up to 42, which
#'     saturates the sigmoid, so each column of `X` is divided by its maximum
#'     over the 15 samples (42, 2 and 19) and stored so scaled, in \[0, 1\];
#'     multiply by those maxima to get the reader's numbers back. 8 hidden
#'     neurons with biases, `lr = 0.2`, 10000 epochs, initial weights drawn
#'     as the article's R script draws them after `set.seed(42)`. With these
#'     settings the loss falls from 5.80 to 0.042 (always outputting the
#'     class shares would give 4.53) and the largest output picks the right
#'     class for all 15 samples (always guessing the largest class would be
#'     right for 8). These settings were chosen for a smooth descent as well
#'     as a good fit: with 3 to 6 hidden neurons at `lr = 0.5` or `1`,
#'     training passes through unstable stretches where a rounding difference
#'     in the last bit grows past 1e-12 (up to 1.4 in the loss), and R and
#'     Python, whose sums round differently, part.}
#' }
#'
#' @format A data frame with columns:
#' \describe{
#'   \item{scenario}{the scenario's name}
#'   \item{matrix}{`X`, `y`, `wh`, `bh`, `wout` or `bout`}
#'   \item{row, col}{the value's position in its matrix}
#'   \item{value}{the value}
#' }
#' @source `data-raw/scenarios.R`.
#' @docType data
#' @name scenarios
#' @keywords datasets
NULL

#' Shared scenarios: training settings
#'
#' One row per scenario in [scenarios].
#'
#' @format A data frame with columns:
#' \describe{
#'   \item{scenario}{the scenario's name}
#'   \item{hidden}{the number of hidden neurons}
#'   \item{lr}{the learning rate}
#'   \item{epochs}{the number of epochs}
#'   \item{bias}{whether the network has biases}
#'   \item{seed, scheme}{how the initial weights were drawn: the seed, and
#'     `"article_r"` (the article's R script: `rnorm` and `runif`) or
#'     `"article_numpy"` (the article's numpy script: uniform)}
#' }
#' @source `data-raw/scenarios.R`.
#' @docType data
#' @name scenario_settings
#' @keywords datasets
NULL
