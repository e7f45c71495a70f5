# The article's run, step by step: epoch 1's intermediates, the loss every
# 1000 epochs and the final output. python/examples/demo_article.py prints
# the same text from Python.
library(nnscratch)

show <- function(name, m) {
  cat(sprintf("%s (%d x %d)\n", name, nrow(m), ncol(m)))
  for (i in seq_len(nrow(m))) cat(sprintf("%10.4f", m[i, ]), "\n", sep = "")
}

s <- load_scenario("article")
cat("Scenario \"article\": X is 3 x 4, y is 3 x 1, hidden = 3, lr = 0.1, 5000 epochs\n\n")
cat("Epoch 1, step by step\n")
step <- train_step(s$init, s$X, s$y, s$lr)
for (name in names(step)) show(name, step[[name]])

fit <- train(s$init, s$X, s$y, s$lr, s$epochs)
cat("\nLoss, 1/2 sum (y - output)^2\n")
for (epoch in c(1, seq(1000, s$epochs, by = 1000))) {
  cat(sprintf("epoch %5d: %.10f\n", epoch, fit$loss[epoch]))
}
cat("\n")
show("output after training", forward(fit$params, s$X)$output)
