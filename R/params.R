# The parameter table: every setting's name, rule, defaults and help, once.
# Twin of python/src/nnscratch/params.py.
#
# train() (its formals, its checks and the settings a fit records) and mlp()
# (its parameters, defaults and checks) are driven by `parameters`. Each row
# holds:
#
# - rule(x, ctx): checks a value given for the setting and returns it clean;
#   it may read the settings checked before it (the rows are in that order)
#   and what the caller knows (`n`, the samples; `auto`, whether "auto" is
#   allowed), through `ctx`;
# - default: mlp()'s default, chosen as scikit-learn's and brulee's are, so
#   that a model learns a real data set on the first try;
# - article: the article's setting, train()'s default (NULL where train() has
#   no such setting or requires it);
# - help: one line, for docs and Python's command line;
# - flag: how Python's command line reads it ("int", "float", "text",
#   "sizes", "names", "switch"), NULL when it is not a flag there.
#
#' @include activations.R losses.R optimizers.R samples.R schedules.R schemes.R
NULL

auto <- "auto"
# scikit-learn's batch_size = "auto": min(200, n)
auto_batch <- 200
layouts <- c("rows", "columns")

param <- function(name, rule, default, article, help, flag) {
  list(name = name, rule = rule, default = default, article = article, help = help, flag = flag)
}

# A rule: one of the names of a registry (read when checked), or "auto"
# where the caller allows it.
choice <- function(names, auto_ok = FALSE) {
  function(x, ctx) {
    allowed <- c(names(), if (auto_ok && isTRUE(ctx$auto)) auto)
    check_choice(x, ctx$arg, allowed)
  }
}

number <- function(lo = 0, hi = Inf, lo_open = FALSE, hi_open = FALSE) {
  function(x, ctx) check_number(x, ctx$arg, lo, hi, lo_open, hi_open)
}

count <- function(lo, null = FALSE) {
  function(x, ctx) check_count(x, ctx$arg, lo, null = null)
}

flag <- function(x, ctx) {
  check_flag(x, ctx$arg)
}

hidden_rule <- function(x, ctx) {
  check_hidden(x, ctx$arg)
}

activation_rule <- function(x, ctx) {
  check_activation(x, length(ctx$hidden))
}

batch_rule <- function(x, ctx) {
  check_batch_size(x, ctx$n, if (isTRUE(ctx$auto)) auto_batch)
}

# One rate per hidden layer, each in [0, 1): one number for all, or one per
# layer.
dropout_rule <- function(x, ctx) {
  check_per_layer(x, "dropout", length(ctx$hidden), function(v) check_number(v, "dropout", 0, 1, hi_open = TRUE))
}

# A whole number or NULL; the generator that takes it checks its range (see
# seed_ranges in R/schemes.R).
seed_rule <- function(x, ctx) {
  if (!is.null(x) && !is_whole(x)) must("seed", "NULL or a whole number", x)
  if (!is.null(x)) as.double(x)
}

# NULL, "balanced", or a weight >= 0 per class named by its label (a named
# vector or list; Python: a dict).
class_weight_rule <- function(x, ctx) {
  if (is.null(x) || identical(as.vector(x), "balanced")) return(if (!is.null(x)) as.vector(x))
  labels <- names(x)
  if ((!is.numeric(x) && !is.list(x)) || is.object(x) || length(x) == 0 || is.null(labels) ||
    any(is.na(labels) | labels == "")) {
    must("class_weight", "NULL, \"balanced\" or a weight per class, named by its label", x)
  }
  for (label in labels) {
    w <- x[[label]]
    if (!is_number(w) || !(w >= 0) || w == Inf) {
      abort(
        "`class_weight` must hold finite numbers >= 0; the class \"%s\" has %s.", label, describe(w),
        arg = "class_weight"
      )
    }
  }
  vapply(x, as.double, numeric(1))
}

# a network, checked against the data where it is used
init_rule <- function(x, ctx) {
  x
}

verbose_rule <- function(x, ctx) {
  check_verbose(x)
}

parameters <- list(
  param(
    "hidden", hidden_rule, 100, 3,
    "the number of neurons of each hidden layer: one number, or one per hidden layer", "sizes"
  ),
  param(
    "activation", activation_rule, default_hidden_activation, article_activation,
    "the hidden layers' activation: one name, or one per hidden layer", "names"
  ),
  param(
    "output_activation", choice(function() activation_names("output"), auto_ok = TRUE), auto, article_activation,
    "the output's activation; auto: chosen by the outcome", "text"
  ),
  param(
    "loss", choice(function() names(losses), auto_ok = TRUE), auto, article_loss,
    "the loss; auto: chosen by the outcome", "text"
  ),
  param(
    "reduction", choice(function() reductions), default_reduction, article_reduction,
    "how the samples' losses are combined: their sum, or their (weighted) mean", "text"
  ),
  param(
    "decay", number(), 1e-4, 0,
    "weight decay: decay / 2 * sum(W^2) over the weights (not the biases) is added to the loss", "float"
  ),
  param(
    "optimizer", choice(function() names(optimizers)), default_optimizer, article_optimizer,
    "how a step turns the gradient into new weights", "text"
  ),
  param("lr", number(lo_open = TRUE), 0.001, 0.1, "the learning rate", "float"),
  param("momentum", number(0, 1, hi_open = TRUE), 0.9, 0.9, "momentum and nesterov: the velocity's decay", "float"),
  param("rho", number(0, 1, hi_open = TRUE), 0.99, 0.99, "rmsprop: the running average's decay", "float"),
  param("beta1", number(0, 1, hi_open = TRUE), 0.9, 0.9, "adam: the first moment's decay", "float"),
  param("beta2", number(0, 1, hi_open = TRUE), 0.999, 0.999, "adam: the second moment's decay", "float"),
  param("epsilon", number(lo_open = TRUE), 1e-8, 1e-8, "rmsprop and adam: added to the denominator", "float"),
  param(
    "schedule", choice(function() names(schedules)), default_schedule, default_schedule,
    "how the learning rate changes over the epochs", "text"
  ),
  param("power_t", number(), 0.5, 0.5, "invscaling: the rate of epoch t is lr / t^power_t", "float"),
  param(
    "gamma", number(0, 1, lo_open = TRUE), 0.99, 0.99, "exponential: the rate of epoch t is lr * gamma^(t - 1)",
    "float"
  ),
  param("epochs", count(1), 200, 5000, "the largest number of epochs (passes over the data)", "int"),
  param(
    "batch_size", batch_rule, auto, NULL,
    "the samples per step; NULL: all of them (full batch); auto: min(200, n)", "batch"
  ),
  param(
    "scale", choice(function() names(scalings)), default_scaling, article_scaling,
    "how the inputs are scaled; the model keeps the scale and predict applies it", "text"
  ),
  param(
    "validation", number(0, 1, hi_open = TRUE), 0, 0,
    "the share of the samples held out to validate on, stratified for classes; 0: none", "float"
  ),
  param(
    "early_stopping", flag, FALSE, FALSE,
    "stop when the validation loss has not improved by tol for patience epochs, and keep the best weights",
    "switch"
  ),
  param("patience", count(1), 10, 10, "early stopping: the epochs without improvement it waits", "int"),
  param("tol", number(), 1e-4, 0, "the least improvement of the loss that counts", "float"),
  param(
    "n_iter_no_change", count(1, null = TRUE), 10, NULL,
    "stop when the training loss has not improved by tol for more than this many epochs; NULL: never", "int"
  ),
  param(
    "dropout", dropout_rule, 0, 0,
    "the share of each hidden layer's units dropped at each step (inverted dropout); one, or one per layer",
    "float"
  ),
  param(
    "class_weight", class_weight_rule, NULL, NULL,
    "each class's weight: NULL, \"balanced\", or one per class", NULL
  ),
  param("bias", flag, TRUE, TRUE, "whether the network has biases", "switch"),
  param("init", init_rule, NULL, NULL, "initial weights; NULL draws them with init_params", NULL),
  param(
    "seed", seed_rule, NULL, NULL,
    "the seed of the initial weights and of every random draw of training; NULL: a fresh one", "int"
  ),
  param(
    "scheme", choice(function() names(schemes)), default_scheme, article_scheme,
    "how the initial weights are drawn", "text"
  ),
  param("trace_every", count(0), 0, 0, "keep every intermediate of every k-th epoch; 0: none", NULL),
  param(
    "record_gradients", flag, FALSE, FALSE,
    "keep the norm of each layer's weight gradient at the last step of every epoch, for plot_gradients()", NULL
  ),
  param(
    "layout", choice(function() layouts), layouts[1], layouts[1],
    "rows: one row per sample; columns: one column per sample", NULL
  ),
  param("verbose", verbose_rule, 0, 0, "print the loss every k epochs; 0: never", "int"),
  param("progress", flag, FALSE, FALSE, "show a progress bar", "switch"),
  param("exact", flag, FALSE, FALSE, "add every sum in R's order, so that R and Python give the same bits", "switch"),
  param(
    "warm_start", flag, FALSE, FALSE, "fit from the weights of the previous fit, and go on from its state",
    NULL
  )
)
names(parameters) <- vapply(parameters, `[[`, character(1), "name")

# The names of the parameters of an interface: "estimator" (all) or "train".
names_of <- function(where) {
  if (where == "train") return(setdiff(names(parameters), c(estimator_only, train_own)))
  names(parameters)
}

# The settings train() does not take: it is given a network and targets, not
# the estimators' outcomes, sizes and data preparation.
estimator_only <- c("hidden", "scale", "class_weight", "bias", "init", "scheme", "warm_start")
# The settings train() takes as arguments of its own: a fit reports the
# gradients in its history, and does not list the switch among the settings
# it records.
train_own <- "record_gradients"

# list(name = default) of an interface, from the table's "default" or
# "article" column.
defaults <- function(column, where = "estimator") {
  lapply(parameters[names_of(where)], `[[`, column)
}

# The settings in `values` checked by their rules, in the table's order.
# `ctx` holds what the rules need besides the settings checked before them:
# `n` (the samples, for batch_size), `hidden` (the hidden layers' sizes, when
# not among `values`) and `auto` (whether "auto" is a choice).
check_settings <- function(values, ctx = list()) {
  checked <- list()
  for (p in parameters) {
    if (!p$name %in% names(values)) next
    ctx$arg <- p$name
    value <- p$rule(values[[p$name]], ctx)
    checked[p$name] <- list(value)
    ctx[p$name] <- list(value)
  }
  checked
}

# Refuse a parameter name that the interface does not have.
check_names <- function(given, where = "estimator") {
  known <- names_of(where)
  for (name in given) {
    if (!name %in% known) {
      abort("`%s` is not a parameter; the parameters are %s.", name, paste(known, collapse = ", "), arg = name)
    }
  }
}

# The settings an optimizer and a schedule read: momentum, rho, beta1,
# beta2, epsilon, power_t, gamma.
optimizer_settings <- function(settings) {
  names <- unique(c(unlist(lapply(optimizers, `[[`, "params")), unlist(lapply(schedules, `[[`, "params"))))
  settings[names]
}
