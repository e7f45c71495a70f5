# Plots of a network. Twin of python/tests/test_plot.py.
#
# Each plot is compared with an SVG snapshot (vdiffr, in _snaps/plot/), drawn
# by vdiffr's own device with fixed fonts, so it is the same on every
# machine; `cran = TRUE` keeps the comparison in R CMD check too. A snapshot
# proves something only if a wrong figure differs from it: the tests
# "... rejects ..." draw the figure with one fault each (the grid
# transposed, the samples dropped, the legend hidden, the weights' colours
# swapped) and check that the SVG is no longer the snapshot. What the SVG
# shows is also read back: its texts' boxes and sizes and its circles, so
# that no name touches a neuron or another name, and no text is too small
# to read.

snapshot <- function(title, fig) vdiffr::expect_doppelganger(title, fig, cran = TRUE)

# The SVG vdiffr writes for a figure, and the one stored for `title`.
svg_of <- function(fig) {
  path <- tempfile(fileext = ".svg")
  on.exit(unlink(path))
  vdiffr::write_svg(fig, path, "figure")
  readLines(path)
}
stored_svg <- function(title) {
  path <- test_path("_snaps", "plot", paste0(title, ".svg"))
  lines <- readLines(path)
  # The snapshot names its figure in <title>; svg_of() calls it "figure".
  sub(sprintf("<title>%s</title>", title), "<title>figure</title>", lines, fixed = TRUE)
}

# The texts of an SVG from vdiffr: their boxes (SVG y grows downwards; a
# text's box reaches 0.75 of its size above its baseline and 0.25 below),
# sizes in points (72 to the inch) and words. Rotated texts are left out.
svg_texts <- function(lines) {
  lines <- grep("<text ", lines, value = TRUE)
  lines <- lines[!grepl("transform=", lines, fixed = TRUE)]
  attr_of <- function(name) sub(sprintf(".* %s='([^']*)'.*", name), "\\1", lines)
  x <- as.numeric(attr_of("x"))
  y <- as.numeric(attr_of("y"))
  size <- as.numeric(sub(".*font-size: ([0-9.]+)px.*", "\\1", lines))
  length <- as.numeric(sub("px$", "", attr_of("textLength")))
  start <- x - length * c(start = 0, middle = 0.5, end = 1)[ifelse(grepl("text-anchor", lines), attr_of("text-anchor"), "start")]
  data.frame(
    x0 = start, x1 = start + length, y0 = y - 0.75 * size, y1 = y + 0.25 * size, size = size,
    text = sub(".*>([^<]*)</text>.*", "\\1", lines), stringsAsFactors = FALSE
  )
}

# The circles of an SVG from vdiffr: centre and radius.
svg_circles <- function(lines) {
  lines <- grep("<circle ", lines, value = TRUE)
  num <- function(name) as.numeric(sub(sprintf(".* %s='([^']*)'.*", name), "\\1", lines))
  data.frame(x = num("cx"), y = num("cy"), r = num("r"))
}

# The pairs of boxes (rows of a and b) that overlap.
overlapping <- function(a, b) {
  which(outer(a$x0, b$x1, "<") & outer(b$x0, a$x1, ">") & outer(a$y0, b$y1, "<") & outer(b$y0, a$y1, ">"), arr.ind = TRUE)
}

# Whether each box (row of `boxes`) reaches into a circle: its point nearest
# the centre is inside.
touches_circle <- function(boxes, circles) {
  outer(seq_len(nrow(boxes)), seq_len(nrow(circles)), function(i, j) {
    nx <- pmin(pmax(circles$x[j], boxes$x0[i]), boxes$x1[i])
    ny <- pmin(pmax(circles$y[j], boxes$y0[i]), boxes$y1[i])
    (nx - circles$x[j])^2 + (ny - circles$y[j])^2 < circles$r[j]^2
  })
}

# A short moons run, with named columns and a trace every 100 epochs: the
# boundary is already curved, and the run takes a fraction of a second.
moons_fit <- function() {
  s <- load_scenario("moons")
  X <- data.frame(width = s$X[, 1], height = s$X[, 2])
  list(
    fit = quietly(article_mlp(X, s$y, hidden = 10, lr = 0.01, epochs = 300, bias = FALSE, init = s$init, trace_every = 100)),
    X = X, y = s$y
  )
}

# The activations by hand, written here apart from the package's registry.
by_hand_activations <- list(
  sigmoid = function(z) 1 / (1 + exp(-z)), tanh = tanh, relu = function(z) pmax(z, 0),
  identity = function(z) z
)

# The network by hand, a = f(a W + b) layer after layer; `p` is a list of
# layers or the article's params.
by_hand <- function(p, X, activation = "sigmoid", output_activation = "sigmoid") {
  layers <- if (!is.null(p$wh)) list(list(W = p$wh, b = p$bh), list(W = p$wout, b = p$bout)) else p
  names <- c(rep_len(activation, length(layers) - 1), output_activation)
  a <- X
  for (l in seq_along(layers)) {
    z <- a %*% layers[[l]]$W
    if (!is.null(layers[[l]]$b)) z <- sweep(z, 2, c(layers[[l]]$b), "+")
    a <- by_hand_activations[[names[l]]](z)
  }
  a
}

test_that("the loss curve: the snapshot of the article's run, verbose epochs marked", {
  s <- load_scenario("article")
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 5000)
  snapshot("loss", function() plot(fit, verbose = 1000))
  snapshot("loss-epochs", function() plot_loss(fit, log = FALSE, epochs = c(1, 40)))
})

test_that("plot_loss takes a train() result and draws its stored loss", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000)
  snapshot("loss-train", function() plot_loss(fit, verbose = 1000, title = "The article's run"))
  # plot() on a train() result is its loss curve
  expect_identical(svg_of(function() plot(fit, verbose = 1000, title = "The article's run")), stored_svg("loss-train"))
  # the axis names the loss the fit was trained on, from its settings
  expect_identical(loss_label(plot_net(fit)), "loss: 1/2 sum (y - output)^2")
  # The first epoch's loss, by hand from the initial weights, is what the
  # curve starts from.
  expect_equal(fit$loss[1], 0.5 * sum((s$y - by_hand(s$init, s$X))^2), tolerance = 1e-12)
})

test_that("the loss curve with a validation set: both curves, and the loss's label", {
  s <- load_scenario("blobs")
  init <- as_layers(init_params(2, 5, 3, seed = 1, scheme = "glorot_r"))
  fit <- quietly(train(init, s$X, s$y, 0.05, 60, validation = 0.2, seed = 2, optimizer = "adam",
    output_activation = "softmax", loss = "log_loss", reduction = "mean"))
  snapshot("loss-validation", function() plot_loss(fit))
  expect_identical(loss_label(plot_net(fit)), "loss: cross-entropy, mean over the samples")
  expect_identical(plot_net(fit)$validation_loss, fit$history$validation_loss)
  # the validation curve is drawn: without it the figure differs
  stripped <- fit
  stripped$history$validation_loss <- NULL
  expect_false(identical(svg_of(function() plot_loss(stripped)), stored_svg("loss-validation")))
})

test_that("plot_losses: the snapshot of two learning rates", {
  s <- load_scenario("article")
  fits <- list(
    "lr = 0.1" = train(s$init, s$X, s$y, lr = 0.1, epochs = 2000),
    "lr = 0.5" = train(s$init, s$X, s$y, lr = 0.5, epochs = 2000)
  )
  snapshot("losses", function() plot_losses(fits))
})

test_that("the legend covers no curve: the loss axis reaches above the curves by the legend's height", {
  s <- load_scenario("moons")
  # lr = 0.1 spikes to the top right corner late in training, where the legend goes
  runs <- lapply(c(0.1, 0.02), function(lr) quietly(train(s$init, s$X, s$y, lr = lr, epochs = 7000)))
  names(runs) <- c("lr = 0.1, a long name for the legend", "lr = 0.02")
  grDevices::pdf(NULL, width = 4, height = 4)
  on.exit(grDevices::dev.off())
  for (log in c(TRUE, FALSE)) {
    plot_losses(runs, log = log)
    usr <- graphics::par("usr")
    box <- graphics::legend("topright", legend = names(runs), lty = 1, bty = "n", plot = FALSE)$rect
    # the legend's box is on the axis's scale (log10 on a log axis), its top the axis's
    top_curve <- max(unlist(lapply(runs, `[[`, "loss")))
    expect_lt(if (log) log10(top_curve) else top_curve, box$top - box$h)
    expect_equal(usr[4], box$top)
  }
})

test_that("plot_gradients: the recorded norms, the first by hand, on a log axis", {
  s <- load_scenario("article")
  fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 300, record_gradients = TRUE)
  frame <- gradient_frame(plot_net(fit))
  expect_identical(frame$epochs, 1:300)
  expect_identical(frame$norms, fit$history$gradients)
  expect_identical(frame$labels, c("hidden 1 weights", "output weights"))
  # epoch 1's step is at the initial weights: the norm of -dE/dW, by hand
  a1 <- by_hand(list(list(W = s$init$wh, b = s$init$bh)), s$X)
  out <- by_hand(s$init, s$X)
  d_output <- (s$y - out) * out * (1 - out)
  d_hidden <- (d_output %*% t(s$init$wout)) * a1 * (1 - a1)
  expect_equal(frame$norms[1, ], c(sqrt(sum((t(s$X) %*% d_hidden)^2)), sqrt(sum((t(a1) %*% d_output)^2))),
    tolerance = 1e-12)
  snapshot("gradients", function() plot_gradients(fit))
  # a fitted model draws its own, and a deeper network one line per layer
  m <- quietly(mlp(s$X, c("a", "b", "a"), hidden = c(4, 3), epochs = 30, seed = 1, record_gradients = TRUE))
  frame <- gradient_frame(plot_net(m))
  expect_identical(frame$labels, c("hidden 1 weights", "hidden 2 weights", "output weights"))
  expect_identical(frame$norms, m$history$gradients)
  # a fit that goes on records its own epochs: the last ones
  more <- quietly(train(quietly(train(s$init, s$X, s$y, 0.1, 5)), s$X, s$y, epochs = 4, record_gradients = TRUE))
  expect_identical(gradient_frame(plot_net(more))$epochs, 6:9)
  expect_nn_error(plot_gradients(quietly(train(s$init, s$X, s$y, 0.1, 5))),
    "`fit` must record its gradients; train it with `record_gradients = TRUE`.")
})

test_that("the decision boundary: its frame holds the network's class at (g1[i], g2[j]) in row i, column j", {
  m <- moons_fit()
  frame <- boundary_frame(plot_net(m$fit), m$X, m$y, grid = 30)
  X <- as.matrix(m$X)
  # The grid reaches 5% beyond the data on each side.
  pad <- 0.05 * diff(range(X[, 2]))
  expect_equal(range(frame$g2), range(X[, 2]) + c(-pad, pad))
  for (ij in list(c(1, 30), c(30, 1), c(7, 22), c(22, 7))) {
    at <- cbind(frame$g1[ij[1]], frame$g2[ij[2]])
    out <- by_hand(m$fit$layers, at)[1, 1]
    expect_equal(frame$output[ij[1], ij[2]], out, tolerance = 1e-12)
    expect_identical(frame$k[ij[1], ij[2]], as.integer(out > 0.5) + 1L)
  }
  # The transposed grid is another figure: some cells change class.
  expect_true(any(frame$k != t(frame$k)))
  expect_identical(c(frame$xlab, frame$ylab), c("width", "height"))
  expect_identical(frame$labels, c("0", "1"))
})

test_that("the decision boundary: the snapshot, and a train() result draws the same", {
  m <- moons_fit()
  snapshot("decision-boundary", function() plot_decision_boundary(m$fit, m$X, m$y, grid = 40))
  s <- load_scenario("moons")
  fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300)
  expect_identical(
    svg_of(function() plot_decision_boundary(fit, m$X, m$y, grid = 40)),
    stored_svg("decision-boundary")
  )
})

test_that("the decision boundary's snapshot rejects a transposed grid, dropped samples and a hidden legend", {
  m <- moons_fit()
  frame <- boundary_frame(plot_net(m$fit), m$X, m$y, grid = 40)
  title <- "Decision boundary after 300 epochs"
  draw <- function(f, legend = TRUE) function() draw_boundary(f, title, legend)
  stored <- stored_svg("decision-boundary")
  expect_identical(svg_of(draw(frame)), stored)
  transposed <- modifyList(frame, list(k = t(frame$k), output = t(frame$output)))
  expect_false(identical(svg_of(draw(transposed)), stored))
  no_samples <- modifyList(frame, list(X = frame$X[0, ], classes = frame$classes[0]))
  expect_false(identical(svg_of(draw(no_samples)), stored))
  expect_false(identical(svg_of(draw(frame, legend = FALSE)), stored))
})

test_that("the decision boundary of three classes: class regions and a legend of the labels", {
  s <- load_scenario("blobs")
  fit <- article_mlp(s$X, s$y, hidden = 3, lr = 0.05, epochs = 300, bias = FALSE, init = s$init)
  snapshot("decision-boundary-3-classes", function() plot_decision_boundary(fit, s$X, s$y, grid = 40))
  frame <- boundary_frame(plot_net(fit), s$X, s$y, grid = 40)
  expect_null(frame$output)
  expect_identical(frame$labels, c("class 1", "class 2", "class 3"))
})

test_that("the boundary history: one panel per traced epoch, with axes, and a legend in the cells left", {
  m <- moons_fit()
  expect_identical(vapply(m$fit$trace, `[[`, numeric(1), "epoch"), c(1, 100, 200, 300))
  snapshot("boundary-history", function() plot_boundary_history(m$fit, m$X, m$y, grid = 30, ncol = 2))
  # 5 panels: 3 and 2, and the legend in the sixth cell; no cell is empty
  s <- load_scenario("moons")
  five <- train(s$init, s$X, s$y, lr = 0.01, epochs = 300, trace_at = c(1, 75, 150, 225, 300))
  expect_identical(history_layout(5), rbind(1:3, 4:6))
  snapshot("boundary-history-5", function() plot_boundary_history(five, m$X, m$y, grid = 30))
  svg <- svg_texts(svg_of(function() plot_boundary_history(five, m$X, m$y, grid = 30)))
  # the x axis named under the panels with none below (3 of them), the y axis beside the first column (2)
  expect_identical(sum(svg$text == "width"), 3L)
  expect_identical(sum(grepl(">height</text>", svg_of(function() plot_boundary_history(five, m$X, m$y, grid = 30)))), 2L)
  expect_true(all(c("epoch 1", "epoch 300", "0", "1", "output = 0.5") %in% svg$text))
  # readable: no text below 9 points
  expect_gte(min(svg$size), 9)
  # the rows full: the legend in a row of its own; ncol as given
  expect_identical(history_layout(4), rbind(1:4, 5L))
  expect_identical(history_layout(5, 4), rbind(1:4, c(5L, 6L, 6L, 6L)))
  expect_identical(history_layout(6, 2), rbind(1:2, 3:4, 5:6, 7L))
  for (n in 1:13) expect_true(all(seq_len(n + 1) %in% history_layout(n)))
})

test_that("the network diagram: snapshots with and without biases and values", {
  s <- load_scenario("article")
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 5000)
  snapshot("network-article", function() plot_network(fit, show_weights = TRUE))
  m <- moons_fit()
  snapshot("network-moons", function() plot_network(m$fit))
})

# The checks of what a network diagram shows: no text touches a circle or
# another text (the bias nodes' 1 sits in its circle, a value on its white
# box), and no text is below 8 points.
check_diagram <- function(svg) {
  texts <- svg_texts(svg)
  circles <- svg_circles(svg)
  ones <- texts$text == "1"
  pairs <- overlapping(texts[!ones, ], texts[!ones, ])
  expect_identical(nrow(pairs[pairs[, 1] != pairs[, 2], , drop = FALSE]), 0L)
  expect_false(any(touches_circle(texts[!ones, ], circles)))
  expect_gte(min(texts$size), 8)
  texts
}

test_that("the network diagram of 10 inputs: names clear of the neurons, and the values that fit", {
  fit <- quietly(mlp(mpg ~ ., data = mtcars, hidden = 5, activation = "tanh", epochs = 300, seed = 1))
  snapshot("network-mtcars", function() plot_network(fit, show_weights = TRUE))
  svg <- svg_of(function() plot_network(fit, show_weights = TRUE))
  texts <- check_diagram(svg)
  # the inputs carry the predictors' names, the output the outcome's
  expect_true(all(c(names(mtcars)[-1], "mpg", "input", "hidden 1", "tanh", "output", "identity") %in% texts$text))
  expect_false("o1" %in% texts$text)
  # the values that fit: fewer than the 61 weights, the largest among them
  e <- network_frame(plot_net(fit))$edges
  shown <- texts$text[grepl("^-?[0-9]+[.][0-9]{2}$", texts$text)]
  expect_lt(length(shown), nrow(e))
  expect_gt(length(shown), 10)
  expect_true(sprintf("%.2f", e$w[which.max(abs(e$w))]) %in% shown)
  # without values, the same diagram holds only the names
  check_diagram(svg_of(function() plot_network(fit)))
})

test_that("the network diagrams of the article, of moons and of a deep network show no text on a neuron", {
  s <- load_scenario("article")
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 5000)
  texts <- check_diagram(svg_of(function() plot_network(fit, show_weights = TRUE)))
  # the article's 19 weights all fit
  expect_identical(sum(grepl("^-?[0-9]+[.][0-9]{2}$", texts$text)), 19L)
  check_diagram(svg_of(function() plot_network(moons_fit()$fit, show_weights = TRUE)))
  m <- moons_fit()
  deep <- suppressWarnings(
    article_mlp(m$X, m$y, hidden = c(5, 4), activation = c("tanh", "relu"), lr = 0.01, epochs = 20, seed = 3),
    classes = "nnscratch_convergence"
  )
  check_diagram(svg_of(function() plot_network(deep, show_weights = TRUE)))
})

test_that("fitting_labels puts each label, largest first, at its first free place", {
  # by hand: label 1 overlaps the obstacle in both places, 2 and 3 overlap
  # each other in their first place, 4 is free
  first <- boxes(c(0, 10, 11, 30), c(2, 14, 15, 32), c(0, 0, 1, 0), c(1, 2, 3, 1))
  second <- boxes(c(1, 20, 11, 40), c(2, 24, 15, 42), c(1, 0, 1, 0), c(2, 2, 3, 1))
  obstacles <- boxes(1, 3, 0.5, 2)
  expect_identical(fitting_labels(list(first), obstacles, 1:4), c(NA, 1L, NA, 1L))
  expect_identical(fitting_labels(list(first, second), obstacles, 1:4), c(NA, 1L, NA, 1L))
  expect_identical(fitting_labels(list(first, second), obstacles, c(3, 2, 1, 4)), c(NA, 2L, 1L, 1L))
})

test_that("the network diagram: each weight's line has its documented width and colour", {
  s <- load_scenario("article")
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 50))
  p <- as_article(fit$layers)
  e <- network_frame(plot_net(fit))$edges
  all_w <- c(p$wh, p$bh, p$wout, p$bout)
  expect_identical(nrow(e), length(all_w))
  # The edge from input 2 to hidden neuron 3 (input neurons at y = 1.5,
  # 0.5, -0.5, -1.5; hidden at 1, 0, -1).
  edge <- e[e$x0 == 0 & e$y0 == 0.5 & e$y1 == -1, ]
  expect_identical(edge$w, p$wh[2, 3])
  expect_equal(edge$lwd, 0.5 + 3.5 * abs(p$wh[2, 3]) / max(abs(all_w)))
  expect_identical(edge$col, if (p$wh[2, 3] >= 0) "#0072B2" else "#D55E00")
  # The output bias hangs from the node at (1.5, 2.5).
  edge <- e[e$bias & e$x1 == 2, ]
  expect_identical(c(edge$x0, edge$y0, edge$w), c(1.5, 2.5, p$bout[1, 1]))
})

test_that("a deeper network: every layer drawn, and the boundary through its activations", {
  s <- load_scenario("moons")
  # a short run that has not converged, and says so; the plots are the point here
  quiet <- function(expr) suppressWarnings(expr, classes = "nnscratch_convergence")
  fit <- quiet(article_mlp(s$X, s$y, hidden = c(5, 4), activation = c("tanh", "relu"), lr = 0.01, epochs = 200, seed = 3))
  snapshot("network-deep", function() plot_network(fit))
  frame <- network_frame(plot_net(fit))
  expect_identical(frame$title, sprintf("A 2-5-4-1 network, %d weights", 2 * 5 + 5 + 5 * 4 + 4 + 4 + 1))
  expect_identical(frame$layer_names, c("input", "hidden 1\ntanh", "hidden 2\nrelu", "output\nsigmoid"))
  # The edge from hidden 1's neuron 5 to hidden 2's neuron 1 (y = -2 and 1.5).
  edge <- frame$edges[frame$edges$x0 == 1 & frame$edges$y0 == -2 & frame$edges$y1 == 1.5, ]
  expect_identical(edge$w, fit$layers[[2]]$W[5, 1])
  boundary <- boundary_frame(plot_net(fit), s$X, s$y, grid = 20)
  at <- cbind(boundary$g1[3], boundary$g2[17])
  expect_equal(boundary$output[3, 17], by_hand(fit$layers, at, c("tanh", "relu"))[1, 1], tolerance = 1e-12)
  # A train() result records its activations, which the plot reads.
  run <- quiet(train(fit$layers, s$X, s$y, lr = 0.01, epochs = 3, activation = c("tanh", "relu")))
  boundary <- boundary_frame(plot_net(run), s$X, s$y, grid = 20)
  expect_equal(boundary$output[3, 17], by_hand(run$params, at, c("tanh", "relu"))[1, 1], tolerance = 1e-12)
})

test_that("the network diagram's snapshot rejects swapped colours and equal widths", {
  s <- load_scenario("article")
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 5000)
  frame <- network_frame(plot_net(fit))
  title <- frame$title
  stored <- stored_svg("network-article")
  draw <- function(f) function() draw_network(f, title, show_weights = TRUE)
  expect_identical(svg_of(draw(frame)), stored)
  swapped <- frame
  swapped$edges$col <- ifelse(frame$edges$col == "#0072B2", "#D55E00", "#0072B2")
  expect_false(identical(svg_of(draw(swapped)), stored))
  flat <- frame
  flat$edges$lwd <- 1
  expect_false(identical(svg_of(draw(flat)), stored))
})

test_that("the plots name a bad argument", {
  s <- load_scenario("article")
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 5))
  path <- tempfile(fileext = ".png")
  grDevices::png(path)
  on.exit(grDevices::dev.off())
  expect_error(plot_decision_boundary(fit, s$X, s$y),
    "`X` and `fit` must have two inputs, not 4 and 4.", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_decision_boundary("a", s$X, s$y),
    "`fit` must be a fitted model from mlp() or a result of train(), not \"a\".",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_network(1),
    "`fit` must be a fitted model from mlp() or a result of train(), not 1.", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_loss(fit, log = "y"), "`log` must be TRUE or FALSE, not \"y\".", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_loss(fit, verbose = -1), "`verbose` must be a whole number from 0 to 2147483647, not -1.",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_loss(fit, epochs = c(3, 9)),
    "`epochs` must be NULL or two whole numbers from 1 to 5, the first below the second.",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_loss(fit, title = 1), "`title` must be NULL or a string, not 1.", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_losses("a"), "`fits` must be a named list of fits, not \"a\".",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_network(fit, show_weights = NULL), "`show_weights` must be TRUE or FALSE, not NULL.",
    fixed = TRUE, class = "nnscratch_error")
  m <- moons_fit()
  expect_error(plot_boundary_history(m$fit, m$X, m$y, ncol = 0), "`ncol` must be NULL or a whole number >= 1, not 0.",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_boundary_history(quietly(train(s$init, s$X, s$y, 0.1, 5)), s$X, s$y),
    "`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`.",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_decision_boundary(m$fit, m$X, m$y, grid = 1), "`grid` must be a whole number >= 2, not 1.",
    fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_loss(list(params = list(), loss = 1)),
    "`fit` must be a fitted model from mlp() or a result of train(), not a list of length 2.",
    fixed = TRUE, class = "nnscratch_error")
})

test_that("plot_decision_boundary takes the labels mlp() took, and names a label it does not know", {
  set.seed(1)
  X <- matrix(runif(40), 20)
  y <- ifelse(X[, 1] > 0.5, "a", "b")
  fit <- quietly(mlp(X, y, hidden = 3, epochs = 200, seed = 1))
  frame <- boundary_frame(plot_net(fit), X, y, grid = 10)
  expect_identical(frame$labels, c("a", "b"))
  expect_identical(frame$classes, ifelse(y == "a", 1L, 2L))
  expect_error(plot_decision_boundary(fit, X, replace(y, 2, "c")),
    "`y` must hold the model's classes (a, b), not \"c\".", fixed = TRUE, class = "nnscratch_error")
  expect_error(plot_decision_boundary(fit, X, y[1:5]),
    "`y` must have as many rows as `X` (20), not 5.", fixed = TRUE, class = "nnscratch_error")
})
