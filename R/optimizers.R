# The optimizers registry: how a step turns the descent directions into new
# weights. Twin of python/src/nnscratch/optimizers.py.
#
# The training loop computes d = -dLoss/dW for every weight matrix and bias
# (descent() in R/layers.R) and hands them here; it knows nothing of
# momentum or Adam. An optimizer keeps its own arrays per weight (its
# "slots": a velocity, running averages), created by init_state() and
# carried from step to step in the fit's state, so that training can stop
# and go on with the same bits.
#
# The updates are torch.optim's (SGD with dampening 0, RMSprop uncentred and
# without momentum, Adam without amsgrad), written for d = -g, the
# gradient's negative:
#
# - sgd: the article's W + d * lr (Steps 10-11);
# - momentum: v = momentum * v + d, W + v * lr;
# - nesterov: v as above, W + (d + momentum * v) * lr;
# - rmsprop: s = rho * s + (1 - rho) * d^2, W + d / (sqrt(s) + epsilon) * lr;
# - adam: m = beta1 * m + (1 - beta1) * d, s = beta2 * s + (1 - beta2) * d^2,
#   W + m / (sqrt(s) / sqrt(1 - beta2^t) + epsilon) * (lr / (1 - beta1^t)),
#   t the number of steps taken.
#
# Each line below does the operations of its Python twin in the same order,
# so that exact mode gives the same bits. Weight decay is already in d
# (descent()), weights only, as torch's `weight_decay` adds it to the
# gradient. Powers go through `kernels`; square roots are correctly rounded
# in both languages.

# Each update takes a weight matrix or bias p, its direction d, its slots (a
# list, in the order of the optimizer's `slots`), the rate lr, the settings h,
# the numbers its updates share at this step (see `prepare`) and `exact`, and
# returns list(p, slots). (Python overwrites the slots in place, with the
# same operations in the same order.)

sgd <- function(p, d, slots, lr, h, shared, exact) {
  list(p = p + d * lr, slots = slots)
}

momentum <- function(p, d, slots, lr, h, shared, exact) {
  v <- h$momentum * slots[[1]] + d
  list(p = p + v * lr, slots = list(v))
}

nesterov <- function(p, d, slots, lr, h, shared, exact) {
  v <- h$momentum * slots[[1]] + d
  list(p = p + (d + h$momentum * v) * lr, slots = list(v))
}

rmsprop <- function(p, d, slots, lr, h, shared, exact) {
  s <- h$rho * slots[[1]] + (1 - h$rho) * (d * d)
  list(p = p + d / (kernels$sqrt(s, exact) + h$epsilon) * lr, slots = list(s))
}

adam <- function(p, d, slots, lr, h, shared, exact) {
  m <- h$beta1 * slots[[1]] + (1 - h$beta1) * d
  s <- h$beta2 * slots[[2]] + (1 - h$beta2) * (d * d)
  denominator <- kernels$sqrt(s, exact) / shared$sqrt_correction2 + h$epsilon
  list(p = p + m / denominator * (lr / shared$correction1), slots = list(m, s))
}

# Adam's bias corrections at step t, 1 - beta1^t and sqrt(1 - beta2^t), once
# for all its weights.
adam_corrections <- function(h, t, exact) {
  list(
    correction1 = 1 - kernels$power(h$beta1, t, exact),
    sqrt_correction2 = sqrt(1 - kernels$power(h$beta2, t, exact))
  )
}

# One entry of the registry: its update (see above), the names of the arrays
# it keeps per weight, the settings it reads from h, prepare(h, t, exact),
# the numbers its updates share at step t (NULL: none), and how the peers
# that have it call it: scikit-learn's MLP's parameters.
optimizer_entry <- function(update, slots, params, prepare = NULL, peers = list()) {
  list(update = update, slots = slots, params = params, prepare = prepare, peers = peers)
}

optimizers <- list(
  sgd = optimizer_entry(sgd, character(), character(), NULL, list(sklearn = list(solver = "sgd", momentum = 0))),
  momentum = optimizer_entry(
    momentum, "velocity", "momentum", NULL, list(sklearn = list(solver = "sgd", nesterovs_momentum = FALSE))
  ),
  nesterov = optimizer_entry(
    nesterov, "velocity", "momentum", NULL, list(sklearn = list(solver = "sgd", nesterovs_momentum = TRUE))
  ),
  rmsprop = optimizer_entry(rmsprop, "square_avg", c("rho", "epsilon")),
  adam = optimizer_entry(
    adam, c("exp_avg", "exp_avg_sq"), c("beta1", "beta2", "epsilon"), adam_corrections,
    list(sklearn = list(solver = "adam"))
  )
)
# The article's optimizer, and mlp()'s (scikit-learn's and brulee's).
article_optimizer <- "sgd"
default_optimizer <- "adam"

# An optimizer's state before its first step: t = 0, and every slot 0 with
# the shape of its weight, as a list of layers list(W, b).
init_state <- function(name, layers) {
  zeros <- function(b) if (!is.null(b)) array(0, dim(b))
  slots <- lapply(stats::setNames(nm = optimizers[[name]]$slots), function(slot) {
    lapply(layers, function(layer) list(W = zeros(layer$W), b = zeros(layer$b)))
  })
  c(list(t = 0L), slots)
}

# list(layers, state) after one step of the optimizer `name` along the
# directions, at learning rate lr. `h` holds the optimizer's settings
# (momentum, rho, beta1, beta2, epsilon); `layers` and `directions` are lists
# of list(W, b). The state keeps each slot as a list of layers too, with
# NULL where a layer has no bias.
optimizer_step <- function(name, layers, directions, state, lr, h, exact = FALSE) {
  opt <- optimizers[[name]]
  t <- state$t + 1L
  shared <- if (!is.null(opt$prepare)) opt$prepare(h, t, exact) else list()
  update <- opt$update
  slots <- opt$slots
  state$t <- t
  for (i in seq_along(layers)) {
    layer <- layers[[i]]
    for (k in if (is.null(layer$b)) "W" else c("W", "b")) {
      kept <- if (length(slots)) lapply(slots, function(slot) state[[slot]][[i]][[k]]) else list()
      u <- update(layer[[k]], directions[[i]][[k]], kept, lr, h, shared, exact)
      layer[[k]] <- u$p
      for (j in seq_along(slots)) state[[slots[j]]][[i]][[k]] <- u$slots[[j]]
    }
    layers[[i]] <- layer
  }
  list(layers = layers, state = state)
}
