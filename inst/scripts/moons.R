# The article's moons run: 10 hidden neurons without biases, lr = 0.1, 10000
# epochs, the error printed every 1000 epochs, then the accuracy; writes the
# loss curve and the decision boundary as PNGs to the folder given as first
# argument (default: a temporary folder) and prints their paths.
# Twin of python/examples/moons.py.
#   Rscript inst/scripts/moons.R [folder]
library(nnscratch)

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else tempdir()
dir.create(out, showWarnings = FALSE, recursive = TRUE)

s <- load_scenario("moons")
fit <- mlp(s$X, s$y, hidden = s$hidden, lr = s$lr, epochs = s$epochs,
  bias = FALSE, init = s$init, verbose = 1000)
accuracy <- mean(predict(fit, s$X, type = "class") == s$y)
cat(sprintf("Accuracy of output > 0.5: %.3f\n", accuracy))

loss_png <- file.path(out, "moons_loss_r.png")
grDevices::png(loss_png, width = 640, height = 480)
plot(fit)
invisible(grDevices::dev.off())
boundary_png <- file.path(out, "moons_boundary_r.png")
grDevices::png(boundary_png, width = 640, height = 480)
plot_decision_boundary(fit, s$X, s$y)
invisible(grDevices::dev.off())
cat(loss_png, boundary_png, sep = "\n")
