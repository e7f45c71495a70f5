#' Shared scenarios: data and initial weights
#'
#' Every matrix of every scenario, one value per row, in long format. Read a
#' whole scenario with [load_scenario()]. The Python module reads the same
#' file. Values are written with 17 significant digits, so that each double
#' reads back to itself in R and in Python.
#'
#' Rows are samples in every `X` and `y`. The scenario `article` is the
#' article's data, 3 samples of 4 binary inputs and one target, with initial
#' weights drawn as the article's R script draws them after `set.seed(42)`.
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
