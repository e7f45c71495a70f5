# An independent reference for one epoch: the article's equations written as
# scalar loops over samples and neurons, with no matrix algebra, so that a
# mistake in the package's matrix code cannot hide in it too.
reference_epoch <- function(params, X, y, lr) {
  n <- nrow(X); p <- ncol(X); h <- ncol(params$wh); o <- ncol(params$wout)
  bh <- if (is.null(params$bh)) rep(0, h) else params$bh[1, ]
  bout <- if (is.null(params$bout)) rep(0, o) else params$bout[1, ]
  s <- function(z) 1 / (1 + exp(-z))
  a <- matrix(0, n, h); z <- matrix(0, n, h)
  out <- matrix(0, n, o); zo <- matrix(0, n, o)
  for (i in 1:n) {
    for (j in 1:h) {
      acc <- bh[j]
      for (k in 1:p) acc <- acc + X[i, k] * params$wh[k, j]
      z[i, j] <- acc
      a[i, j] <- s(acc)
    }
    for (m in 1:o) {
      acc <- bout[m]
      for (j in 1:h) acc <- acc + a[i, j] * params$wout[j, m]
      zo[i, m] <- acc
      out[i, m] <- s(acc)
    }
  }
  # delta of the output: dE/dz for E = 1/2 sum (y - out)^2 is -(y - out) out (1 - out)
  d_out <- (y - out) * out * (1 - out)
  d_hid <- matrix(0, n, h)
  for (i in 1:n) for (j in 1:h) {
    back <- 0
    for (m in 1:o) back <- back + d_out[i, m] * params$wout[j, m]
    d_hid[i, j] <- back * a[i, j] * (1 - a[i, j])
  }
  wout <- params$wout; wh <- params$wh
  for (j in 1:h) for (m in 1:o) wout[j, m] <- wout[j, m] + lr * sum(a[, j] * d_out[, m])
  for (k in 1:p) for (j in 1:h) wh[k, j] <- wh[k, j] + lr * sum(X[, k] * d_hid[, j])
  list(
    hidden_layer_input = z, hiddenlayer_activations = a,
    output_layer_input = zo, output = out, d_output = d_out,
    d_hiddenlayer = d_hid, wout = wout, wh = wh,
    bout = matrix(bout + lr * colSums(d_out), 1),
    bh = matrix(bh + lr * colSums(d_hid), 1)
  )
}

half_sse <- function(params, X, y) {
  0.5 * sum((y - forward(params, X)$output)^2)
}

# Central differences of half_sse with respect to every weight.
numeric_gradient <- function(params, X, y, eps = 1e-6) {
  lapply(setNames(names(params), names(params)), function(name) {
    w <- params[[name]]
    if (is.null(w)) return(NULL)
    g <- w
    for (i in seq_along(w)) {
      up <- params; up[[name]][i] <- w[i] + eps
      down <- params; down[[name]][i] <- w[i] - eps
      g[i] <- (half_sse(up, X, y) - half_sse(down, X, y)) / (2 * eps)
    }
    g
  })
}
