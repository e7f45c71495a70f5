# The learning-rate schedules registry: the rate of each epoch. Twin of
# python/src/nnscratch/schedules.py.
#
# t counts the epochs from 1, also across a continued fit; `base` is `lr`.
#
# - constant: base, the article's.
# - invscaling: base / t^power_t, as scikit-learn's (which counts samples
#   where this counts epochs).
# - exponential: base * gamma^(t - 1), as torch's ExponentialLR stepped once
#   an epoch.
# - adaptive: scikit-learn's: base while the loss keeps improving; each time
#   it has not improved by `tol` for `n_iter_no_change` epochs the rate is
#   divided by 5, and training stops once it is at most 1e-6.
#
# A schedule's state is the rate it has reached (`adaptive` lowers it); it is
# kept in the fit's state, so a continued fit goes on where it stopped.
# Powers go through `kernels`, so that R and Python give the same bits.

# scikit-learn's adaptive rate: divided by adaptive_factor, down to
# adaptive_floor.
adaptive_factor <- 5
adaptive_floor <- 1e-6

constant <- function(t, base, h, state, exact) {
  base
}

invscaling <- function(t, base, h, state, exact) {
  base / kernels$power(as.double(t), h$power_t, exact)
}

exponential <- function(t, base, h, state, exact) {
  base * kernels$power(h$gamma, as.double(t - 1), exact)
}

adaptive <- function(t, base, h, state, exact) {
  state$lr
}

# The adaptive schedule's answer to a plateau: the rate divided by 5, or NULL
# (stop) once it is at most 1e-6.
lower_rate <- function(state) {
  if (state$lr <= adaptive_floor) return(NULL)
  list(lr = state$lr / adaptive_factor)
}

# One entry of the registry: lr(t, base, h, state, exact), the learning rate
# of epoch t; the settings it reads from h; and plateau(state), what a
# plateau of the loss does: the new state, or NULL to stop (a schedule
# without one stops training there); and its name in the peers that have it:
# scikit-learn's learning_rate.
schedule_entry <- function(lr, params, plateau, peers = list()) {
  list(lr = lr, params = params, plateau = plateau, peers = peers)
}

schedules <- list(
  constant = schedule_entry(constant, character(), NULL, list(sklearn = "constant")),
  invscaling = schedule_entry(invscaling, "power_t", NULL, list(sklearn = "invscaling")),
  exponential = schedule_entry(exponential, "gamma", NULL),
  adaptive = schedule_entry(adaptive, character(), lower_rate, list(sklearn = "adaptive"))
)
default_schedule <- "constant"

# A schedule's state before the first epoch: the rate is `lr`.
init_schedule <- function(base) {
  list(lr = base)
}

# The learning rate of epoch t under the schedule `name`.
epoch_lr <- function(name, t, base, h, state, exact = FALSE) {
  schedules[[name]]$lr(t, base, h, state, exact)
}
