# The article's moons run: 10 hidden neurons without biases, lr = 0.1, 10000
# epochs, the error printed every 1000 epochs, then the accuracy. Writes five
# PNGs to the folder given as first argument (default: the working
# directory) and prints their paths:
#   moons_loss_r.png         the loss of each epoch, the printed epochs marked
#   moons_boundary_r.png     the decision boundary after training
#   moons_history_r.png      the boundary every 1000 epochs
#   moons_network_r.png      the trained network, weight by weight
#   moons_instability_r.png  why the loss zigzags and spikes, and smaller lr
# Twin of python/examples/moons.py.
#   Rscript inst/scripts/moons.R [folder]
library(nnscratch)

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
dir.create(out, showWarnings = FALSE, recursive = TRUE)

s <- load_scenario("moons")
# train() trains as the article does: its initial weights (no biases), the
# summed half squared error, full-batch gradient descent
fit <- train(s$init, s$X, s$y, lr = s$lr, epochs = s$epochs, verbose = 1000, trace_every = 1000)
accuracy <- mean((forward(fit$params, s$X)$output > 0.5) == s$y)
cat(sprintf("Accuracy of output > 0.5: %.3f\n", accuracy))

# Draw `draw()` into the PNG `name` in `out`, width x height pixels at 100
# pixels per inch, as moons.py saves its figures; return its path.
save_png <- function(name, draw, width = 700, height = 500) {
  path <- file.path(out, name)
  grDevices::png(path, width = width, height = height, res = 100)
  on.exit(grDevices::dev.off())
  draw()
  path
}

paths <- c(
  save_png("moons_loss_r.png", function() plot(fit, verbose = 1000)),
  save_png("moons_boundary_r.png", function() plot_decision_boundary(fit, s$X, s$y), height = 560),
  save_png("moons_history_r.png", function() plot_boundary_history(fit, s$X, s$y), width = 1000, height = 760),
  save_png("moons_network_r.png", function() plot_network(fit), height = 560)
)

# The instability. The gradient of 1/2 sum (y - output)^2 is a sum over the
# 1000 samples, so lr = 0.1 moves the weights as a step of 100 would on the
# mean: the outputs saturate (a plateau at 250, every sample on one side),
# then each step overshoots the valley (the loss zigzags from one epoch to
# the next) and, later, jumps out of it (the spikes). Smaller steps are
# smoother but slower: lr = 0.01 is still at a nearly straight boundary
# after 10000 epochs. loss = "half_mse" divides the gradient by the 1000
# rows, so that lr no longer depends on their number; lr = 10 on the mean
# is lr = 0.01 on the sum, the same run.
lrs <- c(0.1, 0.02, 0.01)
runs <- lapply(lrs, function(lr) train(s$init, s$X, s$y, lr = lr, epochs = s$epochs))
names(runs) <- sprintf("lr = %s, accuracy %.3f", lrs, vapply(runs, function(r) {
  mean((forward(r$params, s$X)$output > 0.5) == s$y)
}, numeric(1)))
instability <- function() {
  # mfrow shrinks the text of three panels to 0.66 of its size; 0.9 keeps it readable
  graphics::par(mfrow = c(1, 3), oma = c(0, 0, 2, 0), cex = 0.9)
  plot_loss(runs[[1]], title = "lr = 0.1: plateau, zigzag, spikes")
  plot_loss(runs[[1]], log = FALSE, epochs = c(4400, 4440), title = "Epochs 4400-4440: overshoots")
  plot_losses(runs, title = "Smaller lr: smoother, slower")
  graphics::mtext(
    "The summed loss of 1000 samples: lr = 0.1 on the sum is a step of 100 on the mean",
    outer = TRUE, font = 2
  )
}
paths <- c(paths, save_png("moons_instability_r.png", instability, width = 1200, height = 480))
cat(paths, sep = "\n")
