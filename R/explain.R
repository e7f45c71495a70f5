# The step-by-step printout of one epoch. Twin of python/src/nnscratch/
# explain.py: both print the same text, character for character, because
# both format every number with C's "%10.4f".

#' Print one epoch, step by step
#'
#' Runs [train_step()] and prints each of its 14 intermediates, in the
#' article's order and under the article's names, as the article's
#' spreadsheet shows them: one line per row, 4 decimals.
#'
#' @inheritParams train_step
#' @return The [train_step()] result, invisibly.
#' @examples
#' s <- load_scenario("article")
#' explain_epoch(s$init, s$X, s$y, s$lr)
#' @export
explain_epoch <- function(params, X, y, lr) {
  step <- train_step(params, X, y, lr)
  for (name in names(step)) show_matrix(name, step[[name]])
  invisible(step)
}

show_matrix <- function(name, m) {
  if (is.null(m)) {
    cat(sprintf("%s: none (a network without biases)\n", name))
    return(invisible())
  }
  cat(sprintf("%s (%d x %d)\n", name, nrow(m), ncol(m)))
  for (i in seq_len(nrow(m))) cat(sprintf("%10.4f", m[i, ]), "\n", sep = "")
}
