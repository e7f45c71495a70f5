# A check of the core's gradient against central finite differences. Twin of
# python/src/nnscratch/gradients.py.
#
#' @include activations.R losses.R
NULL

#' Check the network's gradient against finite differences
#'
#' For every weight and bias w, compares the analytic dLoss/dw (from the
#' backward pass, what [train_step()] steps along) with
#' `(Loss(w + eps) - Loss(w - eps)) / (2 * eps)`, where Loss is the loss plus
#' the decay penalty. The relative error is
#' `|analytic - numeric| / max(|analytic| + |numeric|, 1e-6)`, where the floor
#' keeps the rounding of finite differences on tiny gradients from counting.
#' A correct gradient gives about 1e-5 or less; a wrong derivative gives
#' errors near 1.
#'
#' @inheritParams train_step
#' @param eps The finite-difference step.
#' @param reduction,weights As in [train()]: the loss summed or averaged, and
#'   a weight per sample.
#' @return The largest relative error, a number.
#' @examples
#' s <- load_scenario("article")
#' check_gradients(s$init, s$X, s$y) < 1e-6
#' @export
check_gradients <- function(params, X, y, activation, output_activation, loss, decay = 0, exact = FALSE,
                            eps = 1e-4, reduction, weights = NULL) {
  X <- as_numeric_matrix(X, "X")
  net <- check_problem(params, X, y, activation, output_activation, loss)
  y <- net$y
  layers <- net$layers
  activation <- net$activation
  output_activation <- net$output_activation
  loss <- net$loss
  decay <- check_number(decay, "decay")
  exact <- check_flag(exact, "exact")
  eps <- check_number(eps, "eps", lo_open = TRUE)
  reduction <- check_choice(reduction, "reduction", reductions)
  rows <- check_weights(weights, nrow(X))
  D <- denominator(loss, reduction, nrow(X), rows, exact)

  objective <- function(net) {
    a <- forward_layers(net, X, activation, output_activation, exact)$a
    loss_value(loss, y, a[[length(a)]], output_activation, rows, D, exact) + decay_penalty(net, decay, exact) / D
  }

  f <- forward_layers(layers, X, activation, output_activation, exact)
  delta <- backward_layers(layers, f, y, activation, output_activation, loss, rows, D, exact)$delta
  directions <- descent(layers, f$a, delta, decay / D, exact)
  worst <- 0
  for (l in seq_along(layers)) {
    for (key in c("W", "b")) {
      if (is.null(layers[[l]][[key]])) next
      for (idx in seq_along(layers[[l]][[key]])) {
        shifted <- vapply(c(1, -1), function(sign) {
          net <- layers
          net[[l]][[key]][idx] <- net[[l]][[key]][idx] + sign * eps
          objective(net)
        }, numeric(1))
        numeric <- (shifted[1] - shifted[2]) / (2 * eps)
        analytic <- -directions[[l]][[key]][idx]
        worst <- max(worst, abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-6))
      }
    }
  }
  worst
}
formals(check_gradients)[c("activation", "output_activation", "loss", "reduction")] <-
  list(article_activation, article_activation, article_loss, article_reduction)
