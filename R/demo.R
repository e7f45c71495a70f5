# The article's run, printed. Twin of python/src/nnscratch/demo.py; both
# print the same text, character for character.

#' Print the article's run, step by step
#'
#' Epoch 1's intermediates (see [explain_epoch()]), the loss every 1000
#' epochs and the output after training, for the scenario `"article"`.
#' `make demo` runs it, and the Python module's `nnscratch demo` prints the
#' same text.
#'
#' @return `NULL`, invisibly.
#' @examples
#' demo_article()
#' @export
demo_article <- function() {
  s <- load_scenario("article")
  cat("Scenario \"article\": X is 3 x 4, y is 3 x 1, hidden = 3, lr = 0.1, 5000 epochs\n\n")
  cat("Epoch 1, step by step\n")
  explain_epoch(s$init, s$X, s$y, s$lr)

  fit <- train(s$init, s$X, s$y, s$lr, s$epochs)
  cat("\nLoss, 1/2 sum (y - output)^2\n")
  for (epoch in c(1, seq(1000, s$epochs, by = 1000))) {
    cat(sprintf("epoch %5d: %.10f\n", epoch, fit$loss[epoch]))
  }
  cat("\n")
  show_matrix("output after training", forward(fit$params, s$X)$output)
  invisible()
}
