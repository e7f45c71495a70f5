# A check of the core's gradient against central finite differences. Twin of
# python/src/nnscratch/gradients.py.

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
#' @return The largest relative error, a number.
#' @examples
#' s <- load_scenario("article")
#' check_gradients(s$init, s$X, s$y) < 1e-6
#' @export
check_gradients <- function(params, X, y, activation = "sigmoid", output_activation = "sigmoid",
                            loss = "half_sse", decay = 0, exact = FALSE, eps = 1e-4) {
  X <- as_numeric_matrix(X, "X")
  net <- check_problem(params, X, y, activation, output_activation, loss)
  y <- net$y
  layers <- net$layers
  activation <- net$activation
  output_activation <- net$output_activation
  loss <- net$loss
  decay <- check_decay(decay)
  exact <- check_flag(exact, "exact")
  if (!is_number(eps) || !(eps > 0)) {
    abort("`eps` must be a positive number, not %s.", describe(eps))
  }

  objective <- function(net) {
    f <- forward_layers(net, X, activation, output_activation, exact)
    loss_value(loss, y, f$a[[length(f$a)]], output_activation, exact) + decay_penalty(net, decay, exact)
  }

  f <- forward_layers(layers, X, activation, output_activation, exact)
  delta <- backward_layers(layers, f$a, y, activation, output_activation, loss, exact)$delta
  directions <- descent(layers, f$a, delta, decay, exact)
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
