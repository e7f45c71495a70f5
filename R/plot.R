# Plots of a network, base graphics only. Twin of
# python/src/nnscratch/plot.py: the same functions in the same order, with
# the same arguments, titles, labels, colours and geometry.
#
# Every plot takes `fit`, a fitted model from mlp() or a result of train(),
# and reads what the fit stores (the weights, the loss of each epoch, the
# trace); the only computation is the network's output on a grid, through
# the package's own forward pass. Each figure is built in two steps, a
# frame (the numbers to draw) and a drawing of that frame, so that the tests
# can draw a wrong frame and see the snapshot reject it.

#' Plot the loss curve of a network
#'
#' Draws the loss of each epoch, as stored in the fit, and the validation
#' loss when the fit has one; nothing is recomputed. `plot()` on a fitted
#' model or a result of [train()] calls it.
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
#' @param ... Passed to [graphics::plot.default()].
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
  type <- if (length(shown) <= 200) "o" else "l"
  graphics::plot(
    shown, loss,
    type = type, pch = 20, cex = 0.6, ylim = range(loss, validation),
    log = if (log) "y" else "", xlab = "epoch", ylab = loss_label(net),
    main = title, col = line_colour, ...
  )
  if (!is.null(validation)) {
    graphics::lines(shown, validation, type = type, pch = 20, cex = 0.6, col = series_colours[2])
  }
  entries <- list(
    legend = c(if (!is.null(validation)) c("training", "validation") else "loss"),
    col = c(line_colour, if (!is.null(validation)) series_colours[2]),
    lty = c(1, if (!is.null(validation)) 1), pch = c(NA, if (!is.null(validation)) NA)
  )
  if (verbose > 0L) {
    marked <- intersect(seq.int(1L, length(net$loss), by = verbose), shown)
    graphics::points(marked, net$loss[marked], pch = 19, col = marker_colour)
    entries <- list(
      legend = c(entries$legend, sprintf("printed by verbose = %d", verbose)),
      col = c(entries$col, marker_colour), lty = c(entries$lty, NA), pch = c(entries$pch, 19)
    )
  }
  if (!is.null(validation) || verbose > 0L) {
    graphics::legend(
      "topright", legend = entries$legend, col = entries$col, lty = entries$lty, pch = entries$pch, bty = "n"
    )
  }
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
#' stored, in its own colour, with a legend.
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
  graphics::plot(
    NA, xlim = c(1, n), ylim = range(unlist(lapply(nets, `[[`, "loss"))),
    log = if (log) "y" else "", xlab = "epoch", ylab = loss_label(nets[[1]]),
    main = title, ...
  )
  for (i in seq_along(nets)) {
    graphics::lines(seq_along(nets[[i]]$loss), nets[[i]]$loss, col = colours[i])
  }
  graphics::legend("topright", legend = names(fits), col = colours, lty = 1, bty = "n")
  invisible(fits)
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
#' weights the trace stores.
#'
#' @inheritParams plot_decision_boundary
#' @param fit A fitted model from [mlp()], or a result of [train()], with
#'   two inputs and a trace: fit with `trace_every` (e.g. 1000) or
#'   `trace_at`.
#' @param ncol The number of panels per row.
#' @return `fit`, invisibly.
#' @examples
#' s <- load_scenario("moons")
#' fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300, trace_every = 100)
#' plot_boundary_history(fit, s$X, s$y, grid = 60)
#' @export
plot_boundary_history <- function(fit, X, y, grid = 100, ncol = 4, title = NULL) {
  net <- plot_net(fit)
  if (length(net$trace) == 0) {
    abort("`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`.")
  }
  if (!is_whole(ncol) || ncol < 1) {
    abort("`ncol` must be a whole number >= 1, not %s.", describe(ncol))
  }
  title <- check_title(title, "The decision boundary during training")
  frames <- lapply(net$trace, function(t) {
    net$layers <- trace_layers(t)
    boundary_frame(net, X, y, grid)
  })
  ncol <- min(as.integer(ncol), length(frames))
  old <- graphics::par(
    mfrow = c(ceiling(length(frames) / ncol), ncol),
    mar = c(2, 2, 1.6, 0.4), mgp = c(1, 0.3, 0), tcl = -0.2, oma = c(0, 0, 2.2, 0)
  )
  on.exit(graphics::par(old))
  for (i in seq_along(frames)) {
    draw_boundary(frames[[i]], sprintf("epoch %d", net$trace[[i]]$epoch), legend = FALSE, small = TRUE)
  }
  graphics::mtext(title, outer = TRUE, line = 0.6, font = 2)
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
#' labelled with its layer and activation.
#'
#' @param fit A fitted model from [mlp()] or a result of [train()].
#' @param show_weights Whether to write each weight's value on its line,
#'   rounded to 2 decimals.
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

# What the plots read from a fit, whichever function made it: the layers and
# their activations, the loss of each epoch and its settings, the validation
# loss, the trace, the classes and the predictors' names. Both a fitted model
# and a result of train() carry the settings they were trained with; the
# plots read them there. The loss plots need no layers: a fit stripped of
# them still draws.
plot_net <- function(fit) {
  if (inherits(fit, "nnscratch_mlp")) {
    net <- list(
      layers = fit$layers, settings = fit$settings, loss = fit$loss,
      validation_loss = fit$history$validation_loss, trace = fit$trace, classes = fit$classes,
      feature_names = fit$blueprint$feature_names
    )
  } else if (is.list(fit) && is.list(fit$params) && is.numeric(fit$loss) && is.list(fit$settings)) {
    net <- list(
      layers = trace_layers(fit$params), settings = fit$settings, loss = fit$loss,
      validation_loss = fit$history$validation_loss, trace = fit$trace, classes = NULL, feature_names = NULL
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

draw_boundary <- function(frame, title, legend, small = FALSE, ...) {
  n <- length(frame$labels)
  dark <- rep_len(class_colours, n)
  # useRaster: one image, without the seams semi-transparent cells leave
  # between them. xaxs = "i": the axes end where the padded grid ends.
  graphics::image(
    frame$g1, frame$g2, frame$k, col = paste0(dark, "40"), breaks = seq(0.5, n + 0.5),
    useRaster = TRUE, xlab = frame$xlab, ylab = frame$ylab, xaxs = "i", yaxs = "i",
    ann = !small, ...
  )
  graphics::title(main = title, adj = 0, cex.main = if (small) 0.9 else 1.1, line = if (small) 0.4 else 2)
  if (!is.null(frame$output)) {
    graphics::contour(frame$g1, frame$g2, frame$output, levels = 0.5, add = TRUE, drawlabels = FALSE, lwd = 1.5)
  }
  graphics::points(frame$X[, 1], frame$X[, 2], col = dark[frame$classes], pch = 20, cex = if (small) 0.3 else 0.6)
  if (legend) {
    contour_entry <- !is.null(frame$output)
    graphics::legend(
      "bottomright", inset = c(0, 1), xpd = TRUE, horiz = TRUE, bty = "n", cex = 0.9,
      legend = c(frame$labels, if (contour_entry) "output = 0.5"),
      col = c(dark, if (contour_entry) "black"),
      pch = c(rep(19, n), if (contour_entry) NA), lty = if (contour_entry) c(rep(NA, n), 1)
    )
  }
}

# The geometry of a network diagram: layer l (0 = the inputs) in column l,
# its neurons 1 apart and centred on 0; the bias node of layer l at
# (l - 0.5, one above the highest neuron). One edge per weight and bias,
# with its value, width and colour.
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
  } else if (!is.null(net$classes)) {
    label_text(net$classes)
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

draw_network <- function(frame, title, show_weights) {
  L <- max(frame$neurons$x)
  old <- graphics::par(mar = c(2.5, 0.5, 2.5, 0.5))
  on.exit(graphics::par(old))
  graphics::plot.new()
  graphics::plot.window(
    xlim = c(-0.75, L + 0.75), ylim = range(frame$neurons$y, frame$biases$y) + c(-0.8, 0.5)
  )
  e <- frame$edges
  graphics::segments(e$x0, e$y0, e$x1, e$y1, lwd = e$lwd, col = e$col)
  if (show_weights) {
    # Near the receiving end, where the lines of one neuron fan apart, on
    # white so that the lines behind do not hide the digits.
    x <- e$x0 + 0.7 * (e$x1 - e$x0)
    y <- e$y0 + 0.7 * (e$y1 - e$y0)
    labels <- sprintf("%.2f", e$w)
    w <- graphics::strwidth(labels, cex = 0.6) / 2
    h <- graphics::strheight(labels, cex = 0.6) * 0.7
    graphics::rect(x - w, y - h, x + w, y + h, col = "white", border = NA)
    graphics::text(x, y, labels, cex = 0.6, col = e$col)
  }
  graphics::points(frame$neurons$x, frame$neurons$y, pch = 21, bg = "white", cex = 3)
  if (nrow(frame$biases) > 0) {
    graphics::points(frame$biases$x, frame$biases$y, pch = 21, bg = "grey85", cex = 2.4)
    graphics::text(frame$biases$x, frame$biases$y, "1", cex = 0.8)
  }
  graphics::text(-0.15, frame$ypos[[1]], frame$inputs, pos = 2, cex = 0.8)
  graphics::text(L + 0.15, frame$ypos[[L + 1]], frame$outputs, pos = 4, cex = 0.8)
  graphics::text(seq(0, L), min(frame$neurons$y) - 0.55, frame$layer_names, cex = 0.8, col = "grey30")
  graphics::title(main = title, adj = 0)
  graphics::legend(
    "bottom", inset = c(0, -0.08), xpd = TRUE, horiz = TRUE, bty = "n", cex = 0.8,
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
