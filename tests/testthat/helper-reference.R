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

# One step of a network of any depth, written as scalar loops from the
# textbook equations. The objective is (sum_i w_i loss_i + decay / 2 *
# sum W^2) / D, with D = 1 for a summed loss and D = sum_i w_i for a mean
# (always for half_mse). Returns the forward pass (z, a), delta = -dLoss/dz
# per layer, the loss before the step and the updated layers.
reference_layers_step <- function(layers, X, y, lr, activation, output_activation, loss, decay = 0,
                                  reduction = "sum", weights = NULL) {
  n <- nrow(X)
  w <- if (is.null(weights)) rep(1, n) else as.numeric(weights)
  D <- if (reduction == "mean" || loss == "half_mse") sum(w) else 1
  names <- c(activation, output_activation)
  f <- list(
    sigmoid = function(v) 1 / (1 + exp(-v)), tanh = tanh,
    relu = function(v) max(v, 0), identity = function(v) v
  )
  z <- list()
  a <- list(X)
  for (k in seq_along(layers)) {
    W <- layers[[k]]$W
    b <- layers[[k]]$b
    zk <- matrix(0, n, ncol(W))
    for (i in 1:n) for (j in 1:ncol(W)) {
      acc <- if (is.null(b)) 0 else b[1, j]
      for (m in 1:nrow(W)) acc <- acc + a[[k]][i, m] * W[m, j]
      zk[i, j] <- acc
    }
    ak <- zk
    for (i in 1:n) {
      if (names[k] == "softmax") {
        ak[i, ] <- exp(zk[i, ]) / sum(exp(zk[i, ]))
      } else {
        for (j in 1:ncol(zk)) ak[i, j] <- f[[names[k]]](zk[i, j])
      }
    }
    z[[k]] <- zk
    a[[k + 1]] <- ak
  }
  L <- length(layers)
  out <- a[[L + 1]]
  value <- 0
  for (i in 1:n) for (j in 1:ncol(y)) {
    value <- value + w[i] * if (loss == "log_loss") {
      -(y[i, j] * log(out[i, j]) + if (output_activation == "softmax") 0 else (1 - y[i, j]) * log(1 - out[i, j]))
    } else {
      0.5 * (y[i, j] - out[i, j])^2
    }
  }
  value <- (value + decay / 2 * sum(vapply(layers, function(l) sum(l$W^2), numeric(1)))) / D
  slope <- function(name, v) {
    switch(name, sigmoid = v * (1 - v), tanh = 1 - v * v, relu = as.numeric(v > 0), identity = 1)
  }
  delta <- vector("list", L)
  # dLoss/doutput, negated
  g <- (y - out) * w / D
  if (loss == "log_loss") {
    delta[[L]] <- g
  } else if (output_activation == "softmax") {
    d <- out
    for (i in 1:n) for (j in 1:ncol(out)) d[i, j] <- out[i, j] * (g[i, j] - sum(g[i, ] * out[i, ]))
    delta[[L]] <- d
  } else {
    d <- out
    for (i in 1:n) for (j in 1:ncol(out)) d[i, j] <- g[i, j] * slope(output_activation, out[i, j])
    delta[[L]] <- d
  }
  for (k in rev(seq_len(L - 1))) {
    W <- layers[[k + 1]]$W
    d <- matrix(0, n, nrow(W))
    for (i in 1:n) for (j in 1:nrow(W)) {
      d[i, j] <- sum(delta[[k + 1]][i, ] * W[j, ]) * slope(activation[k], a[[k + 1]][i, j])
    }
    delta[[k]] <- d
  }
  updated <- lapply(seq_len(L), function(k) {
    W <- layers[[k]]$W
    for (m in 1:nrow(W)) for (j in 1:ncol(W)) {
      W[m, j] <- W[m, j] + lr * (sum(a[[k]][, m] * delta[[k]][, j]) - decay / D * layers[[k]]$W[m, j])
    }
    b <- layers[[k]]$b
    list(W = W, b = if (!is.null(b)) b + lr * colSums(delta[[k]]))
  })
  list(z = z, a = a, delta = delta, loss = value, layers = updated)
}
