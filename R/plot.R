# Plots of a network, base graphics only. Twin of
# python/src/nnscratch/plot.py: the same functions in the same order, with
# the same arguments, titles, labels, colours and geometry.
#
# Every plot takes `fit`, a fitted model from mlp() or a result of train(),
# and reads what the fit stores (the weights, the loss of each epoch, the
# trace, the gradients); the only computation is the network's output on a
# grid, through the package's own forward pass. Each figure is built in two
# steps, a frame (the numbers to draw) and a drawing of that frame, so that
# the tests can draw a wrong frame and see the snapshot reject it.
#
# Sizes are in inches where text meets drawing: a neuron is a circle of
# radius 0.11 inch, and a name stands 0.04 inch off its neuron, whatever the
# number of neurons, so that no name touches a circle.

#' Plot the loss curve of a network
#'
#' Draws the loss of each epoch, as stored in the fit, and the validation
#' loss when the fit has one; nothing is recomputed. `plot()` on a fitted
#' model or a result of [train()] calls it. A legend, when there is one,
#' sits in the top right corner, and the loss axis reaches above the curves
#' so that the legend covers none of them.
#'
#' @param fit A fitted model from [mlp()] or a result of [train()].
#' @param log Whether the loss axis is on a log scale, which shows the slow
#'   end of training.
#' @param verbose Mark the epochs that `verbose = k` printed in [train()]
#'   (epochs 1, k + 1, 2k + 1, ..., which the printout counts from 0); `0`,
#'   the default, marks none.
#' @param epochs `NULL` (all epochs) or the first and last epoch to show,
#'   e.g. `c(4400, 4440)`; a range of 200 epochs or fewer shows each epoch
#'   as a point.
#' @param title The title; `NULL` writes one from the fit.
#' @param ... Passed to [graphics::plot.window()].
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("article")
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000)
#' plot_loss(fit, verbose = 1000)
#' plot(fit)
#' @export
plot_loss <- function(fit, log = TRUE, verbose = 0, epochs = NULL, title = NULL, ...) {
  net <- plot_net(fit)
  log <- check_flag(log, "log")
  verbose <- check_verbose(verbose)
  shown <- check_epoch_range(epochs, length(net$loss))
  title <- check_title(title, loss_title(net))
  loss <- net$loss[shown]
  validation <- if (!is.null(net$validation_loss)) net$validation_loss[shown]
  marked <- if (verbose > 0L) intersect(seq.int(1L, length(net$loss), by = verbose), shown)
  type <- if (length(shown) <= 200) "o" else "l"
  entries <- if (!is.null(validation)) {
    legend_entries(c("training", "validation"), series_colours[1:2])
  } else {
    legend_entries("loss", line_colour)
  }
  if (verbose > 0L) {
    entries <- rbind(entries, legend_entries(sprintf("printed by verbose = %d", verbose), marker_colour, point = TRUE))
  }
  if (is.null(validation) && verbose == 0L) entries <- NULL
  open_plot(range(shown), range(loss, validation), log, entries, "epoch", loss_label(net), title, ...)
  graphics::lines(shown, loss, type = type, pch = 20, cex = 0.6, col = line_colour)
  if (!is.null(validation)) {
    graphics::lines(shown, validation, type = type, pch = 20, cex = 0.6, col = series_colours[2])
  }
  if (verbose > 0L) graphics::points(marked, net$loss[marked], pch = 19, col = marker_colour)
  draw_legend(entries)
  invisible(fit)
}

#' @rdname plot_loss
#' @param x A fitted model from [mlp()], or a result of [train()].
#' @export
plot.nnscratch_mlp <- function(x, ...) {
  plot_loss(x, ...)
}

#' @rdname plot_loss
#' @export
plot.nnscratch_fit <- function(x, ...) {
  plot_loss(x, ...)
}

#' Plot the loss curves of several networks on one axis
#'
#' For comparing runs, e.g. learning rates: each fit's loss per epoch, as
#' stored, in its own colour, with a legend in the top right corner above
#' the curves.
#'
#' @param fits A named list of fitted models from [mlp()] or results of
#'   [train()]; the names are the legend's entries.
#' @inheritParams plot_loss
#' @return `fits`, invisibly.
#' @examples
#' s <- load_scenario("article")
#' plot_losses(list(
#'   "lr = 0.1" = train(s$init, s$X, s$y, lr = 0.1, epochs = 2000),
#'   "lr = 0.5" = train(s$init, s$X, s$y, lr = 0.5, epochs = 2000)
#' ))
#' @export
plot_losses <- function(fits, log = TRUE, title = NULL, ...) {
  if (!is.list(fits) || length(fits) == 0 || inherits(fits, c("nnscratch_mlp", "nnscratch_fit")) ||
    is.null(names(fits)) || any(names(fits) == "")) {
    abort("`fits` must be a named list of fits, not %s.", describe(fits))
  }
  nets <- lapply(fits, plot_net)
  log <- check_flag(log, "log")
  title <- check_title(title, "Training loss")
  colours <- rep_len(series_colours, length(nets))
  n <- max(lengths(lapply(nets, `[[`, "loss")))
  entries <- legend_entries(names(fits), colours)
  open_plot(c(1, n), range(unlist(lapply(nets, `[[`, "loss"))), log, entries, "epoch", loss_label(nets[[1]]), title, ...)
  for (i in seq_along(nets)) {
    graphics::lines(seq_along(nets[[i]]$loss), nets[[i]]$loss, col = colours[i])
  }
  draw_legend(entries)
  invisible(fits)
}

#' Plot the gradient of each layer during training
#'
#' The norm of each layer's weight gradient, `sqrt(sum((dLoss/dW)^2))` over
#' its weights (not its biases), at the last step of every epoch, on a log
#' axis: a layer whose line sinks towards 0 has stopped learning (vanishing
#' gradients), one that climbs steeply is about to blow up. The fit records
#' the norms only when asked, with `record_gradients = TRUE` in [train()] or
#' [mlp()], so that other runs pay nothing for them. A norm of 0 leaves a
#' gap on the log axis.
#'
#' @param fit A fitted model from [mlp()] or a result of [train()], trained
#'   with `record_gradients = TRUE`.
#' @inheritParams plot_loss
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("moons")
#' fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300, record_gradients = TRUE)
#' plot_gradients(fit)
#' @export
plot_gradients <- function(fit, log = TRUE, title = NULL, ...) {
  net <- plot_net(fit)
  log <- check_flag(log, "log")
  frame <- gradient_frame(net)
  title <- check_title(title, "The gradient of each layer's weights")
  norms <- frame$norms
  if (log) norms[!(norms > 0)] <- NA
  colours <- rep_len(series_colours, ncol(norms))
  entries <- legend_entries(frame$labels, colours)
  type <- if (length(frame$epochs) <= 200) "o" else "l"
  shown <- if (any(!is.na(norms))) range(norms, na.rm = TRUE) else c(1, 10)
  open_plot(range(frame$epochs), shown, log, entries, "epoch", "norm of the gradient, |dLoss/dW|", title, ...)
  for (l in seq_len(ncol(norms))) {
    graphics::lines(frame$epochs, norms[, l], type = type, pch = 20, cex = 0.6, col = colours[l])
  }
  draw_legend(entries)
  invisible(fit)
}

#' Plot the decision boundary of a network with two inputs
#'
#' Colours a grid over the data by the class the network predicts there,
#' draws the 0.5 contour of the output (for one output; with several, the
#' class regions show the boundary), and adds the samples coloured by their
#' class. The grid reaches 5% beyond the data on each side, so every sample
#' shows in full. The axes carry the data's column names, the legend the
#' classes.
#'
#' @param fit A fitted model from [mlp()], or a result of [train()], with
#'   two inputs.
#' @param X A numeric matrix or data frame with two columns, one row per
#'   sample; its column names (or the model's) label the axes.
#' @param y The samples' classes: 0/1, the labels the model was fitted to, or
#'   one-hot rows.
#' @param grid The number of grid points along each axis.
#' @param title The title; `NULL` writes one from the fit.
#' @param legend Whether to draw the legend of the classes.
#' @param ... Passed to [graphics::image()].
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("moons")
#' fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300)
#' plot_decision_boundary(fit, s$X, s$y)
#' @export
plot_decision_boundary <- function(fit, X, y, grid = 200, title = NULL, legend = TRUE, ...) {
  net <- plot_net(fit)
  frame <- boundary_frame(net, X, y, grid)
  title <- check_title(title, sprintf("Decision boundary after %d epochs", length(net$loss)))
  draw_boundary(frame, title, check_flag(legend, "legend"), ...)
  invisible(fit)
}

#' Plot the decision boundary at several epochs of training
#'
#' Small multiples: one decision boundary (see [plot_decision_boundary()])
#' for each epoch the fit's trace kept, after that epoch's update, from the
#' weights the trace stores. Every panel has its axes; the panels of the
#' bottom row (and those with no panel below) name the x axis, those of the
#' first column the y axis. One legend, of the classes and the contour,
#' fills the cells the last row leaves, or a row of its own when the rows
#' are full, so that no cell is empty.
#'
#' @inheritParams plot_decision_boundary
#' @param fit A fitted model from [mlp()], or a result of [train()], with
#'   two inputs and a trace: fit with `trace_every` (e.g. 1000) or
#'   `trace_at`.
#' @param ncol The number of panels per row; `NULL` chooses at most 4, with
#'   the rows as even as they can be (5 panels: 3 and 2).
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("moons")
#' fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300, trace_every = 100)
#' plot_boundary_history(fit, s$X, s$y, grid = 60)
#' @export
plot_boundary_history <- function(fit, X, y, grid = 100, ncol = NULL, title = NULL) {
  net <- plot_net(fit)
  if (length(net$trace) == 0) {
    abort("`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`.")
  }
  if (!is.null(ncol) && (!is_whole(ncol) || ncol < 1)) {
    abort("`ncol` must be NULL or a whole number >= 1, not %s.", describe(ncol))
  }
  title <- check_title(title, "The decision boundary during training")
  frames <- lapply(net$trace, function(t) {
    net$layers <- trace_layers(t)
    boundary_frame(net, X, y, grid)
  })
  cells <- history_layout(length(frames), ncol)
  full <- all(cells[nrow(cells), ] > length(frames))
  old <- graphics::par(no.readonly = TRUE)
  on.exit(graphics::par(old))
  graphics::layout(cells, heights = c(rep(1, nrow(cells) - full), if (full) 0.25))
  # layout() shrinks the text of many panels to 0.66; these panels are
  # read one by one, at the size of the other plots' text
  graphics::par(mar = c(3.2, 3.2, 1.8, 0.6), mgp = c(2, 0.6, 0), tcl = -0.3, oma = c(0, 0, 2.4, 0), cex = 0.85)
  for (i in seq_along(frames)) {
    at <- which(cells == i, arr.ind = TRUE)
    below <- if (at[1] < nrow(cells)) cells[at[1] + 1, at[2]] else Inf
    draw_boundary(
      frames[[i]], sprintf("epoch %d", net$trace[[i]]$epoch), legend = FALSE, small = TRUE,
      xlab = below > length(frames), ylab = at[2] == 1
    )
  }
  graphics::par(mar = c(0, 0, 0, 0))
  graphics::plot.new()
  entries <- boundary_legend(frames[[1]])
  draw_legend(entries, "center", horiz = full)
  graphics::mtext(title, outer = TRUE, line = 0.6, font = 2, cex = 1.2)
  invisible(fit)
}

#' Draw a network: neurons, weights and biases
#'
#' As neuralnet's `plot.nn`: neurons are circles, one column per layer,
#' from the inputs on the left to the outputs on the right; each weight is
#' a line whose width grows with its size, `0.5 + 3.5 * |w| / max|w|`, and
#' whose colour gives its sign (blue positive, vermillion negative). A
#' layer's biases hang from a node of their own, marked 1, above and to the
#' left of the layer. Works for any number of hidden layers; each column is
#' labelled with its layer and activation, below its lowest neuron. The
#' inputs carry the predictors' names, the outputs the classes (`P(b)` for
#' the one output of two classes) or the outcome's name.
#'
#' @param fit A fitted model from [mlp()] or a result of [train()].
#' @param show_weights Whether to write the weights' values on their lines,
#'   rounded to 2 decimals, near the receiving neuron or else near the
#'   sending one. A value is written only where it fits: the largest weights
#'   first, each where it covers no neuron, no name and no value written
#'   before it; on a large network, the values shown are the largest ones.
#' @param title The title; `NULL` writes the architecture.
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("article")
#' plot_network(train(s$init, s$X, s$y, lr = 0.1, epochs = 5000), show_weights = TRUE)
#' @export
plot_network <- function(fit, show_weights = FALSE, title = NULL) {
  net <- plot_net(fit)
  show_weights <- check_flag(show_weights, "show_weights")
  frame <- network_frame(net)
  draw_network(frame, check_title(title, frame$title), show_weights)
  invisible(fit)
}

# The Okabe-Ito colours, one per class; Python's plot.py uses the same.
class_colours <- c("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# The curves of plot_losses(): Okabe-Ito, strongest first, no yellow.
series_colours <- c("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
line_colour <- "#0072B2"
marker_colour <- "#D55E00"
# A weight's sign: Okabe-Ito blue for positive, vermillion for negative.
sign_colours <- c(positive = "#0072B2", negative = "#D55E00")
# The network diagram's sizes, in inches: a neuron's and a bias node's
# radius, and the gap between a circle and its name.
neuron_radius <- 0.11
bias_radius <- 0.085
name_gap <- 0.04
# Where a weight's value may go along its line, as a share of the way from
# the sending neuron: first near the receiving end, where the lines of one
# neuron fan apart, then near the sending end, where they fan apart too.
label_places <- c(0.7, 0.3)

# What the plots read from a fit, whichever function made it: the layers and
# their activations, the loss of each epoch and its settings, the validation
# loss, the gradients, the trace, the classes and the names of the
# predictors and of the outcome. Both a fitted model and a result of train()
# carry the settings they were trained with; the plots read them there. The
# loss plots need no layers: a fit stripped of them still draws.
plot_net <- function(fit) {
  if (inherits(fit, "nnscratch_mlp")) {
    net <- list(
      layers = fit$layers, settings = fit$settings, loss = fit$loss,
      validation_loss = fit$history$validation_loss, gradients = fit$history$gradients, trace = fit$trace,
      classes = fit$classes, feature_names = fit$blueprint$feature_names,
      outcome_names = fit$blueprint$outcome_names
    )
  } else if (is.list(fit) && is.list(fit$params) && is.numeric(fit$loss) && is.list(fit$settings)) {
    net <- list(
      layers = trace_layers(fit$params), settings = fit$settings, loss = fit$loss,
      validation_loss = fit$history$validation_loss, gradients = fit$history$gradients, trace = fit$trace,
      classes = NULL, feature_names = NULL, outcome_names = NULL
    )
  } else {
    must("fit", "a fitted model from mlp() or a result of train()", fit)
  }
  s <- net$settings
  c(net, list(
    activation = s$activation, output_activation = s$output_activation, exact = isTRUE(s$exact),
    loss_name = s$loss, reduction = s$reduction, lr = s$lr
  ))
}

`%||%` <- function(a, b) if (is.null(a)) b else a

# The layers of the article's params (wh, bh, wout, bout), of a list of
# layers, or of a traced step, which holds the article's names or `layers`.
trace_layers <- function(x) {
  if (!is.null(x$layers)) return(x$layers)
  if (!is.null(x$wh)) return(from_article(x))
  x
}

# The network's output for the rows of X, by the package's forward pass.
net_output <- function(net, X) {
  a <- forward_layers(net$layers, X, net$activation, net$output_activation, net$exact)$a
  a[[length(a)]]
}

check_title <- function(title, default) {
  if (is.null(title)) return(default)
  if (!is.character(title) || length(title) != 1 || is.na(title)) {
    abort("`title` must be NULL or a string, not %s.", describe(title))
  }
  title
}

# The epochs to show: all, or the whole numbers from..to within 1..n.
check_epoch_range <- function(epochs, n) {
  if (is.null(epochs)) return(seq_len(n))
  if (!is.numeric(epochs) || length(epochs) != 2 || anyNA(epochs) ||
    any(epochs != round(epochs)) || epochs[1] < 1 || epochs[2] > n || epochs[1] >= epochs[2]) {
    abort("`epochs` must be NULL or two whole numbers from 1 to %d, the first below the second.", n)
  }
  seq.int(epochs[1], epochs[2])
}

loss_title <- function(net) {
  if (is.null(net$lr)) return("Training loss")
  sprintf("Training loss, lr = %s", sprintf("%.15g", net$lr))
}

# The loss axis's label: the loss's own (its registry's), and whether the
# samples' losses are averaged.
loss_label <- function(net) {
  loss <- losses[[net$loss_name]]
  averaged <- !loss$mean && net$reduction != reductions[1]
  sprintf("loss: %s%s", loss$label, if (averaged) ", mean over the samples" else "")
}

# The entries of a legend: a label, a colour, and a line or a point each.
legend_entries <- function(labels, colours, point = FALSE) {
  data.frame(label = labels, colour = colours, point = point, stringsAsFactors = FALSE)
}

draw_legend <- function(entries, where = "topright", horiz = FALSE) {
  if (is.null(entries)) return(invisible())
  graphics::legend(
    where, legend = entries$label, col = entries$colour, lty = ifelse(entries$point, NA, 1),
    pch = ifelse(entries$point, 19, NA), lwd = 1.5, bty = "n", horiz = horiz
  )
}

# A new plot of the curves in `xlim` x `ylim`, with its axes, labels and
# title. With legend `entries`, the y axis reaches above the curves by the
# legend's height, so that the legend, drawn in the top right corner, covers
# none of them.
open_plot <- function(xlim, ylim, log, entries, xlab, ylab, title, ...) {
  graphics::plot.new()
  yaxs <- "r"
  if (!is.null(entries)) {
    # the legend's share of the plot's height, in a window of height 1
    graphics::plot.window(c(0, 1), c(0, 1), xaxs = "i", yaxs = "i")
    share <- graphics::legend(
      "topright", legend = entries$label, lty = 1, pch = NA, lwd = 1.5, bty = "n", plot = FALSE
    )$rect$h
    ylim <- with_headroom(ylim, log, share)
    yaxs <- "i"
  }
  graphics::plot.window(xlim, ylim, log = if (log) "y" else "", yaxs = yaxs, ...)
  graphics::axis(1)
  graphics::axis(2)
  graphics::box()
  graphics::title(main = title, xlab = xlab, ylab = ylab)
}

# The y axis c(bottom, top) for curves in `ylim` under a legend that takes
# `share` of the axis's height at its top: the bottom 4% below the curves,
# as R's axes are, and the curves' top 2% below the legend's. On a log axis
# the shares are of the logarithms.
with_headroom <- function(ylim, log, share) {
  y <- if (log) log10(ylim) else ylim
  if (y[2] == y[1]) y <- y + c(-0.5, 0.5)
  bottom <- y[1] - 0.04 * (y[2] - y[1])
  top <- bottom + (y[2] - bottom) / (1 - share - 0.02)
  if (log) 10^c(bottom, top) else c(bottom, top)
}

# The numbers a gradient plot shows: the epochs the fit recorded (the last
# ones, when a fit went on from one that did not record), the norm of each
# layer's weight gradient at those epochs (a column per layer) and the
# layers' names.
gradient_frame <- function(net) {
  g <- net$gradients
  if (is.null(g)) {
    abort("`fit` must record its gradients; train it with `record_gradients = TRUE`.")
  }
  n <- length(net$loss)
  L <- ncol(g)
  list(
    epochs = seq.int(n - nrow(g) + 1, n), norms = g,
    labels = c(if (L > 1) sprintf("hidden %d weights", seq_len(L - 1)), "output weights")
  )
}

# The numbers a decision boundary shows: the grid g1 x g2, the class index
# k[i, j] predicted at (g1[i], g2[j]) (1, 2, ...), the output there (one
# output only), the samples and their classes, the legend's labels and the
# axes' names.
boundary_frame <- function(net, X, y, grid) {
  names <- colnames(X) %||% net$feature_names
  if (is.data.frame(X)) X <- as.matrix(X)
  X <- as_numeric_matrix(X, "X")
  p <- nrow(net$layers[[1]]$W)
  if (ncol(X) != 2 || p != 2) {
    abort("`X` and `fit` must have two inputs, not %d and %d.", ncol(X), p)
  }
  if (!is_whole(grid) || grid < 2) {
    abort("`grid` must be a whole number >= 2, not %s.", describe(grid))
  }
  cls <- sample_classes(y, nrow(X), net$classes)
  g1 <- padded_grid(X[, 1], grid)
  g2 <- padded_grid(X[, 2], grid)
  # expand.grid varies g1 fastest, so matrix(v, grid) holds the value at
  # (g1[i], g2[j]) in row i, column j: the layout image() and contour() take.
  output <- net_output(net, as.matrix(expand.grid(g1, g2)))
  # classes 1, 2, ...: output_classes() gives 0/1 for one output
  k <- output_classes(output) + (ncol(output) == 1)
  n_classes <- max(ncol(output) + (ncol(output) == 1), max(cls))
  list(
    g1 = g1, g2 = g2, k = matrix(k, grid),
    output = if (ncol(output) == 1) matrix(output[, 1], grid),
    X = X, classes = cls, labels = class_labels(net$classes, y, n_classes),
    xlab = if (length(names) == 2) names[1] else "x1",
    ylab = if (length(names) == 2) names[2] else "x2"
  )
}

# `grid` points from 5% below the smallest value to 5% above the largest.
padded_grid <- function(v, grid) {
  r <- range(v)
  pad <- 0.05 * (if (r[2] > r[1]) r[2] - r[1] else 1)
  seq(r[1] - pad, r[2] + pad, length.out = grid)
}

# The legend's names of classes 1, 2, ...: the model's labels, the 0/1 of a
# 0/1 target, or the one-hot columns' names (class 1, class 2, ...).
class_labels <- function(classes, y, n) {
  if (!is.null(classes)) return(label_text(classes))
  if (n == 2 && (is.null(dim(y)) || ncol(y) == 1)) return(c("0", "1"))
  sprintf("class %d", seq_len(n))
}

# The legend of a decision boundary: a point per class, and the contour's
# line when there is one output.
boundary_legend <- function(frame) {
  n <- length(frame$labels)
  entries <- legend_entries(frame$labels, rep_len(class_colours, n), point = TRUE)
  if (!is.null(frame$output)) entries <- rbind(entries, legend_entries("output = 0.5", "black"))
  entries
}

draw_boundary <- function(frame, title, legend, small = FALSE, xlab = TRUE, ylab = TRUE, ...) {
  n <- length(frame$labels)
  dark <- rep_len(class_colours, n)
  # useRaster: one image, without the seams semi-transparent cells leave
  # between them. xaxs = "i": the axes end where the padded grid ends.
  graphics::image(
    frame$g1, frame$g2, frame$k, col = paste0(dark, "40"), breaks = seq(0.5, n + 0.5),
    useRaster = TRUE, xlab = if (xlab) frame$xlab else "", ylab = if (ylab) frame$ylab else "",
    xaxs = "i", yaxs = "i", ...
  )
  graphics::title(main = title, adj = 0, cex.main = if (small) 1 else 1.1, line = if (small) 0.5 else 2)
  if (!is.null(frame$output)) {
    graphics::contour(frame$g1, frame$g2, frame$output, levels = 0.5, add = TRUE, drawlabels = FALSE, lwd = 1.5)
  }
  graphics::points(frame$X[, 1], frame$X[, 2], col = dark[frame$classes], pch = 20, cex = if (small) 0.4 else 0.6)
  if (legend) {
    entries <- boundary_legend(frame)
    graphics::legend(
      "bottomright", inset = c(0, 1), xpd = TRUE, horiz = TRUE, bty = "n", cex = 0.9,
      legend = entries$label, col = entries$colour, pch = ifelse(entries$point, 19, NA),
      lty = if (!is.null(frame$output)) ifelse(entries$point, NA, 1)
    )
  }
}

# The cells of a boundary history, row by row (a matrix for layout()):
# panel i in cell i, and the legend (n + 1) in the cells the last row
# leaves, or in a row of its own when the rows are full. Without `ncol`,
# at most 4 panels a row, the rows as even as they can be.
history_layout <- function(n, ncol = NULL) {
  n <- as.integer(n)
  if (is.null(ncol)) ncol <- ceiling(n / ceiling(n / 4))
  ncol <- min(as.integer(ncol), n)
  rows <- ceiling(n / ncol)
  legend_cells <- if (n %% ncol == 0) ncol else rows * ncol - n
  matrix(c(seq_len(n), rep(n + 1L, legend_cells)), ncol = ncol, byrow = TRUE)
}

# The geometry of a network diagram: layer l (0 = the inputs) in column l,
# its neurons 1 apart and centred on 0; the bias node of layer l at
# (l - 0.5, one above the highest neuron). One edge per weight and bias,
# with its value, width and colour. The names: the predictors' (x1, ...
# without them) and the outputs', the classes or the outcome's (o1, ...
# without them).
network_frame <- function(net) {
  layers <- net$layers
  sizes <- c(nrow(layers[[1]]$W), vapply(layers, function(l) ncol(l$W), integer(1)))
  ypos <- lapply(sizes, function(n) (n - 1) / 2 - seq_len(n) + 1)
  top <- max(unlist(ypos)) + 1
  L <- length(layers)
  edges <- do.call(rbind, lapply(seq_len(L), function(l) {
    W <- layers[[l]]$W
    b <- layers[[l]]$b
    i <- rep(seq_len(nrow(W)), times = ncol(W))
    j <- rep(seq_len(ncol(W)), each = nrow(W))
    weights <- data.frame(
      x0 = l - 1, y0 = ypos[[l]][i], x1 = l, y1 = ypos[[l + 1]][j], w = c(W), bias = FALSE
    )
    if (is.null(b)) return(weights)
    rbind(weights, data.frame(
      x0 = l - 0.5, y0 = top, x1 = l, y1 = ypos[[l + 1]], w = c(b), bias = TRUE
    ))
  }))
  edges$lwd <- 0.5 + 3.5 * abs(edges$w) / max(abs(edges$w), .Machine$double.xmin)
  edges$col <- unname(sign_colours[ifelse(edges$w >= 0, "positive", "negative")])
  p <- sizes[1]
  inputs <- if (length(net$feature_names) == p) net$feature_names else sprintf("x%d", seq_len(p))
  o <- sizes[L + 1]
  outputs <- if (!is.null(net$classes) && o == 1) {
    sprintf("P(%s)", label_text(net$classes[2]))
  } else if (!is.null(net$classes) && length(net$classes) == o) {
    label_text(net$classes)
  } else if (length(net$outcome_names) == o) {
    net$outcome_names
  } else {
    sprintf("o%d", seq_len(o))
  }
  biases <- which(!vapply(layers, function(l) is.null(l$b), logical(1)))
  list(
    neurons = data.frame(x = rep(seq(0, L), sizes), y = unlist(ypos)),
    biases = data.frame(x = biases - 0.5, y = rep(top, length(biases))),
    edges = edges, inputs = inputs, outputs = outputs, ypos = ypos,
    layer_names = c(
      "input", if (L > 1) sprintf("hidden %d\n%s", seq_len(L - 1), net$activation),
      sprintf("output\n%s", net$output_activation)
    ),
    title = sprintf("A %s network, %d weights", paste(sizes, collapse = "-"), nrow(edges))
  )
}

# Boxes are data frames of x0, x1, y0, y1 (user coordinates here, display
# points in Python).
boxes <- function(x0, x1, y0, y1) data.frame(x0 = x0, x1 = x1, y0 = y0, y1 = y1)

# The box of each text at (x, y), aligned by adj as text() aligns it.
text_boxes <- function(x, y, labels, adj, cex) {
  w <- graphics::strwidth(labels, cex = cex)
  h <- graphics::strheight(labels, cex = cex)
  boxes(x - adj[1] * w, x + (1 - adj[1]) * w, y - adj[2] * h, y + (1 - adj[2]) * h)
}

# Where to write each label, in `order` (largest weight first): at the first
# of its places (a box each, in `places`, a list of data frames of boxes)
# whose box overlaps neither an obstacle (a neuron, a name) nor a label
# written before it; NA where none is free.
fitting_labels <- function(places, obstacles, order) {
  chosen <- rep(NA_integer_, nrow(places[[1]]))
  taken <- obstacles
  for (i in order) {
    for (k in seq_along(places)) {
      b <- places[[k]][i, ]
      if (!any(b$x0 < taken$x1 & taken$x0 < b$x1 & b$y0 < taken$y1 & taken$y0 < b$y1)) {
        chosen[i] <- k
        taken <- rbind(taken, b)
        break
      }
    }
  }
  chosen
}

draw_network <- function(frame, title, show_weights) {
  L <- max(frame$neurons$x)
  old <- graphics::par(mar = c(3, 0.5, 3.5, 0.5))
  on.exit(graphics::par(old))
  graphics::plot.new()
  graphics::plot.window(
    xlim = c(-0.75, L + 0.75), ylim = range(frame$neurons$y, frame$biases$y) + c(-0.8, 0.5)
  )
  # a circle's radius and the names' gap, in user coordinates
  rx <- graphics::xinch(neuron_radius)
  ry <- graphics::yinch(neuron_radius)
  gx <- rx + graphics::xinch(name_gap)
  bottom <- min(frame$neurons$y) - ry - graphics::yinch(name_gap)
  names <- list(
    list(x = -gx, y = frame$ypos[[1]], labels = frame$inputs, adj = c(1, 0.5), cex = 0.9, col = "black"),
    list(x = L + gx, y = frame$ypos[[L + 1]], labels = frame$outputs, adj = c(0, 0.5), cex = 0.9, col = "black"),
    list(x = seq(0, L), y = bottom, labels = frame$layer_names, adj = c(0.5, 1), cex = 0.85, col = "grey30")
  )
  e <- frame$edges
  graphics::segments(e$x0, e$y0, e$x1, e$y1, lwd = e$lwd, col = e$col)
  if (show_weights) {
    # On white, so that the lines behind do not hide the digits.
    labels <- sprintf("%.2f", e$w)
    pad <- graphics::strheight("0", cex = 0.7) * 0.2
    at <- lapply(label_places, function(t) list(x = e$x0 + t * (e$x1 - e$x0), y = e$y0 + t * (e$y1 - e$y0)))
    places <- lapply(at, function(p) {
      b <- text_boxes(p$x, p$y, labels, c(0.5, 0.5), 0.7)
      boxes(b$x0 - pad, b$x1 + pad, b$y0 - pad, b$y1 + pad)
    })
    bx <- graphics::xinch(bias_radius)
    by <- graphics::yinch(bias_radius)
    obstacles <- rbind(
      boxes(frame$neurons$x - rx, frame$neurons$x + rx, frame$neurons$y - ry, frame$neurons$y + ry),
      boxes(frame$biases$x - bx, frame$biases$x + bx, frame$biases$y - by, frame$biases$y + by),
      do.call(rbind, lapply(names, function(n) text_boxes(n$x, n$y, n$labels, n$adj, n$cex)))
    )
    chosen <- fitting_labels(places, obstacles, order(-abs(e$w)))
    for (k in seq_along(places)) {
      on <- which(chosen == k)
      if (length(on) == 0) next
      b <- places[[k]][on, ]
      graphics::rect(b$x0, b$y0, b$x1, b$y1, col = "white", border = NA)
      graphics::text(at[[k]]$x[on], at[[k]]$y[on], labels[on], cex = 0.7, col = e$col[on])
    }
  }
  graphics::symbols(
    frame$neurons$x, frame$neurons$y, circles = rep(1, nrow(frame$neurons)), inches = neuron_radius,
    add = TRUE, bg = "white", fg = "black"
  )
  if (nrow(frame$biases) > 0) {
    graphics::symbols(
      frame$biases$x, frame$biases$y, circles = rep(1, nrow(frame$biases)), inches = bias_radius,
      add = TRUE, bg = "grey85", fg = "black"
    )
    graphics::text(frame$biases$x, frame$biases$y, "1", cex = 0.8)
  }
  for (n in names) graphics::text(n$x, n$y, n$labels, adj = n$adj, cex = n$cex, col = n$col, xpd = NA)
  graphics::title(main = title, adj = 0, line = 2)
  graphics::legend(
    "bottomright", inset = c(0, 1), xpd = TRUE, horiz = TRUE, bty = "n", cex = 0.9,
    legend = c("positive weight", "negative weight", "width: |weight|"),
    col = c(sign_colours, NA), lwd = c(2, 2, NA)
  )
}

# The class of each sample as 1, 2, ...: labels by their place in the
# model's classes, 0/1 targets as they are, one-hot rows by the column of
# their 1.
sample_classes <- function(y, n, classes) {
  if (!is.null(classes) && (is.factor(y) || is.character(y) || is.logical(y))) {
    if (length(y) != n) {
      abort("`y` must have as many rows as `X` (%d), not %d.", n, length(y))
    }
    k <- match(as.character(y), classes)
    if (anyNA(k)) {
      abort(
        "`y` must hold the model's classes (%s), not %s.",
        paste(classes, collapse = ", "), describe(as.character(y)[is.na(k)][1])
      )
    }
    return(k)
  }
  if (is.factor(y)) return(as.integer(y))
  y <- as_numeric_matrix(y, "y", vector_ok = TRUE)
  if (nrow(y) != n) {
    abort("`y` must have as many rows as `X` (%d), not %d.", n, nrow(y))
  }
  output_classes(y) + (ncol(y) == 1)
}
