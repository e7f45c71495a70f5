# Steps 1-11 repeated for a number of epochs. Twin of
# python/src/nnscratch/train.py.
#
#' @include params.R
NULL

# train()'s defaults: the article's settings, from the parameter table.
article_defaults <- defaults("article", "train")
# The settings a fit records (Python: the same, in this order), besides its
# network's shape: every setting of training but how it reports.
recorded_settings <- setdiff(names(article_defaults), c("trace_every", "layout", "verbose", "progress"))

#' Train the network
#'
#' By default this is the article's training: plain gradient descent on
#' `E = 0.5 * sum((y - output)^2)` over all the samples (full batch), one step
#' an epoch, for `epochs` epochs, keeping the loss of each epoch, computed
#' from that epoch's forward pass (before its update). Every setting of
#' [mlp()] can be given as well: another loss, an optimizer, a schedule,
#' mini-batches, validation and early stopping, dropout and sample weights.
#' The defaults are the article's, from the parameter table that [mlp()]
#' and Python share.
#'
#' @section Mini-batches and stochastic gradient descent:
#' With `batch_size` below the number of samples n, each epoch visits the
#' samples in a new random order, `order(runif(n))`, and takes one step per
#' `batch_size` consecutive samples of that order (the last batch holds what
#' is left); each step starts from the weights the previous one left.
#' `batch_size = 1` is stochastic gradient descent, the article's "SGD".
#' Python's `train()` draws the same uniforms from its copy of R's generator,
#' so both languages visit the samples in the same order. The loss of an
#' epoch is then the sum over its batches of their losses, each computed
#' before that batch's step (with `reduction = "mean"`, their mean weighted
#' by the batches' sizes); a traced epoch keeps the intermediates of its last
#' batch's step. With the full batch (the default), nothing is shuffled.
#'
#' @section Random numbers:
#' Every random draw of a run (the validation split, the samples' order, the
#' dropout masks, in that order) comes from R's generator: from
#' `set.seed(seed)`, made once when training starts, with your own random
#' stream left as it was; or with `seed = NULL`, from your current random
#' stream, as R's functions draw. A run that draws nothing leaves the
#' generator alone. The fit keeps the `.Random.seed` the run ended with, so
#' that going on draws what an unbroken run would have drawn.
#'
#' @section Going on:
#' `train(fit, X, y, epochs = k)` trains k more epochs from the end of `fit`,
#' with its settings, optimizer state, schedule and random generator: the
#' result is, bit for bit, the run that would have trained for all the
#' epochs at once. A setting given must then be the fit's (or left at its
#' default); `lr` may change.
#'
#' @section Layout:
#' Rows are samples everywhere in the package. The article's second part
#' holds samples in columns, `X` p x n and `y` o x n; `layout = "columns"`
#' takes that layout: `X` and a matrix `y` are transposed on the way in, and
#' nothing else changes (the weights, the loss and the trace are as with
#' rows).
#'
#' @section Printing:
#' `verbose = k` prints a line every k epochs, counted from 0 as in the
#' article. For the article's loss (half_sse, summed) it is the article's
#' line, `Error at epoch e is 0.xxxxx`, whose number is the epoch's loss
#' divided by the size of `y`, the mean of `(y - output)^2 / 2`; otherwise
#' `Loss at epoch e is ...`, the loss being trained, followed by the
#' validation loss when there is one. Python prints the same lines.
#'
#' @inheritParams train_step
#' @param params The article's list (`wh`, `bh`, `wout`, `bout`), a list of
#'   layers (see [forward()]), or a result of `train()` to go on from (see
#'   Going on).
#' @param lr The learning rate, a positive number; required unless going on
#'   from a fit.
#' @param epochs The number of epochs, a whole number from 1 to 2147483647
#'   (2^31 - 1). A run whose loss, data and traced epochs would not fit in
#'   the machine's memory is refused before anything is allocated.
#' @param trace_every Keep every intermediate of epoch 1, of every
#'   `trace_every`-th epoch and of the last epoch. `0` keeps none and costs
#'   nothing; a whole number up to 2147483647 (2^31 - 1), and one above
#'   `epochs` keeps the first and the last epoch.
#' @param trace_at Alternatively, a vector of the epochs to keep. It is
#'   combined with `trace_every`.
#' @param batch_size The number of samples per step, a whole number from 1
#'   to n; `NULL` is n (full batch). See the section Mini-batches.
#' @param seed The seed of every random draw of training, as [set.seed()]
#'   takes it, or `NULL`; see the section Random numbers.
#' @param layout `"rows"`: one row per sample; `"columns"`: one column per
#'   sample, as in the article's second part.
#' @param verbose Print the loss every `verbose` epochs (see Printing); `0`
#'   prints nothing. A whole number up to 2147483647.
#' @param progress Show a text progress bar ([utils::txtProgressBar()]).
#' @param activation,output_activation,loss,decay,exact As in
#'   [train_step()] and [forward()].
#' @param reduction `"sum"` adds the samples' losses, as the article does;
#'   `"mean"` averages them (weight decay included), as scikit-learn and
#'   torch do, so that `lr` need not depend on n.
#' @param optimizer `"sgd"` is the article's `W + t(a) %*% delta * lr`;
#'   `"momentum"`, `"nesterov"`, `"rmsprop"` and `"adam"` are torch.optim's
#'   updates, with `momentum`, `rho`, `beta1`, `beta2` and `epsilon`.
#' @param momentum For `"momentum"` and `"nesterov"`: the velocity's decay,
#'   in \[0, 1).
#' @param rho For `"rmsprop"`: the running average's decay, in \[0, 1).
#' @param beta1,beta2 For `"adam"`: the first and second moments' decays,
#'   in \[0, 1).
#' @param epsilon For `"rmsprop"` and `"adam"`: added to the denominator, a
#'   positive number.
#' @param schedule The learning rate of each epoch t: `"constant"`, `lr`;
#'   `"invscaling"`, `lr / t^power_t`; `"exponential"`, `lr * gamma^(t - 1)`;
#'   `"adaptive"`, scikit-learn's: `lr` divided by 5 each time the loss has
#'   not improved by `tol` for `n_iter_no_change` epochs, until it is at most
#'   1e-6.
#' @param power_t,gamma The settings of `"invscaling"` and `"exponential"`.
#' @param tol,n_iter_no_change Stop once the loss has not improved by more
#'   than `tol` for more than `n_iter_no_change` epochs (`NULL`: never), as
#'   scikit-learn's; with the `"adaptive"` schedule, lower the rate instead.
#' @param validation The share of the samples to hold out and validate on
#'   after every epoch, in \[0, 1): for 0/1 targets, stratified by the rows
#'   of `y`.
#' @param validation_data A given validation set instead: `list(X, y)` or
#'   `list(X, y, weights)`.
#' @param early_stopping Stop when the validation loss has not improved by
#'   `tol` for `patience` epochs, and keep the best weights.
#' @param patience Early stopping's epochs without improvement.
#' @param dropout The share of each hidden layer's units dropped at each step
#'   (inverted dropout), one rate in \[0, 1) for all or one per hidden layer.
#' @param weights A weight >= 0 per sample: its loss counts that many times.
#' @param record_gradients Keep the norm of each layer's weight gradient at
#'   the last step of every epoch, in `history$gradients`.
#' @return A list of class `nnscratch_fit` (printed in four lines, see
#'   [print_results]) with `params`, the trained weights, in the form `params`
#'   came in; `loss`, the loss of each epoch; `trace`, a list with one
#'   element per kept epoch, each the [train_step()] result of that epoch
#'   plus its `epoch`; `settings`, every setting of the run, which the plots,
#'   a continued run and [explain_epoch()] read; `history`, the learning rate,
#'   the validation loss and score of each epoch and the recorded gradients;
#'   `state`, what a continued run needs (the optimizer's and the schedule's
#'   state, the random generator's `.Random.seed`, the validation rows, the
#'   stopping counts); and `stopped`, why training ended (`"epochs"`,
#'   `"tol"` or `"early_stopping"`).
#' @examples
#' s <- load_scenario("article")
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 5000, trace_every = 1000)
#' fit$loss[c(1, 5000)]
#' sapply(fit$trace, `[[`, "epoch")
#' forward(fit$params, s$X)$output
#'
#' # Going on: 1000 more epochs, the same bits as 6000 at once
#' more <- train(fit, s$X, s$y, epochs = 1000)
#' identical(more$params, train(s$init, s$X, s$y, lr = 0.1, epochs = 6000)$params)
#'
#' # The article's second part: samples in columns, its printout
#' p <- load_scenario("part2_toy")
#' fit <- train(p$init, t(p$X), t(p$y), lr = 0.01, epochs = 1000,
#'   layout = "columns", verbose = 100)
#'
#' # Stochastic gradient descent: one step per sample, in a random order
#' fit <- train(s$init, s$X, s$y, lr = 0.1, epochs = 2000, batch_size = 1, seed = 1)
#'
#' # Adam on the mean loss
#' fit <- train(s$init, s$X, s$y, lr = 0.01, epochs = 500, optimizer = "adam", reduction = "mean")
#' @export
train <- function(params, X, y, lr = NULL, epochs = NULL, trace_every, trace_at = NULL, batch_size, seed, layout,
                  verbose, progress, activation, output_activation, loss, decay, exact, reduction, optimizer,
                  momentum, rho, beta1, beta2, epsilon, schedule, power_t, gamma, tol, n_iter_no_change,
                  validation, validation_data = NULL, early_stopping, patience, dropout, weights = NULL,
                  record_gradients = FALSE) {
  given <- list(
    lr = lr, epochs = epochs, batch_size = batch_size, seed = seed, activation = activation,
    output_activation = output_activation, loss = loss, decay = decay, exact = exact, reduction = reduction,
    optimizer = optimizer, momentum = momentum, rho = rho, beta1 = beta1, beta2 = beta2, epsilon = epsilon,
    schedule = schedule, power_t = power_t, gamma = gamma, tol = tol, n_iter_no_change = n_iter_no_change,
    validation = validation, early_stopping = early_stopping, patience = patience, dropout = dropout
  )
  layout <- check_choice(layout, "layout", layouts)
  X <- as_numeric_matrix(X, "X")
  if (layout == "columns") {
    X <- t(X)
    if (is.matrix(y)) y <- t(y)
  }
  previous <- if (is_fit(params)) params
  if (!is.null(previous)) {
    given <- continued_settings(previous, given)
    params <- previous$params
  }
  net <- check_problem(params, X, y, given$activation, given$output_activation, given$loss)
  y <- net$y
  layers <- net$layers
  w <- check_weights(weights, nrow(X))
  ctx <- list(n = nrow(X), hidden = hidden_sizes(layers))
  values <- given
  values$activation <- net$activation
  values["batch_size"] <- list(NULL)
  values["seed"] <- list(NULL)
  s <- check_settings(values, ctx)
  s$output_activation <- net$output_activation
  s$loss <- net$loss
  # every random draw of training is R's generator's, which takes R's seeds
  s["seed"] <- list(check_seed(given$seed))
  valid <- check_validation_data(validation_data, X, s$output_activation)
  check_stopping(s, valid)
  held <- if (is.null(valid)) held_out(y, s$validation) else 0
  # the batch size given, or the fit's when going on
  s$batch_size <- check_batch_size(given$batch_size, nrow(X) - held)
  trace_every <- check_settings(list(trace_every = trace_every), ctx)$trace_every
  check_run_memory(
    nrow(X), ncol(X), ctx$hidden, ncol(y), s$epochs, n_traced(s$epochs, trace_every, trace_at)
  )
  keep <- trace_epochs(s$epochs, trace_every, trace_at)
  verbose <- check_verbose(verbose)
  progress <- check_flag(progress, "progress")
  record_gradients <- check_flag(record_gradients, "record_gradients")
  state <- if (!is.null(previous)) previous$state
  fit <- train_impl(layers, X, y, s, keep, w, valid, state, verbose, progress, record_gradients)
  if (!is.null(previous)) fit <- joined(previous, fit)
  if (net$article) {
    fit$params <- to_article(fit$params)
    fit$trace <- lapply(fit$trace, function(t) c(list(epoch = t$epoch), article_step(t)))
  }
  as_fit(fit)
}
formals(train)[setdiff(names(article_defaults), c("lr", "epochs"))] <-
  article_defaults[setdiff(names(article_defaults), c("lr", "epochs"))]

# Whether `x` is a result of train() to go on from.
is_fit <- function(x) {
  is.list(x) && all(c("params", "settings", "state") %in% names(x))
}

# The settings of a run that goes on from `previous`: its own, where those
# given are left at the defaults; a setting given otherwise must be the
# fit's (lr and epochs may change).
continued_settings <- function(previous, given) {
  settings <- previous$settings
  merged <- list()
  for (name in names(given)) {
    value <- given[[name]]
    if (name %in% c("lr", "epochs")) {
      merged[name] <- list(if (is.null(value) && name == "lr") settings$lr else value)
      next
    }
    ours <- settings[[name]]
    if (!same_setting(value, article_defaults[[name]]) && !same_setting(value, ours)) {
      abort(
        "`%s` must be %s, as in the fit being continued, not %s.", name, describe(ours), describe(value),
        arg = name
      )
    }
    merged[name] <- list(ours)
  }
  merged
}

# Whether two values of a setting are the same; one value stands for the
# same value in every layer.
same_setting <- function(a, b) {
  if (is.null(a) || is.null(b)) return(is.null(a) && is.null(b))
  if (is.list(a)) a <- unlist(a)
  if (is.list(b)) b <- unlist(b)
  kinds <- function(v) c(is.numeric(v), is.character(v), is.logical(v))
  if (!identical(kinds(a), kinds(b))) return(FALSE)
  n <- max(length(a), length(b))
  length(a) %in% c(1, n) && length(b) %in% c(1, n) && isTRUE(all(rep_len(a, n) == rep_len(b, n)))
}

# Refuse the settings of stopping that cannot work together. The adaptive
# schedule lowers the rate when the loss stops improving, so it needs
# `n_iter_no_change`; early stopping watches a validation loss.
check_stopping <- function(s, valid) {
  if (!is.null(schedules[[s$schedule]]$plateau) && is.null(s$n_iter_no_change)) {
    abort(
      paste(
        "`schedule` \"%s\" needs `n_iter_no_change`, the epochs without improvement after which it lowers the",
        "rate; it is NULL."
      ),
      s$schedule, arg = "schedule"
    )
  }
  if (s$early_stopping && s$validation == 0 && is.null(valid)) {
    abort(
      "`early_stopping` needs a validation set: `validation` above 0, or `validation_data`.",
      arg = "early_stopping"
    )
  }
}

# A given validation set as list(X, y, w), checked against the training
# data; NULL when there is none.
check_validation_data <- function(data, X, output_activation) {
  if (is.null(data)) return(NULL)
  if (!is.list(data) || is.data.frame(data) || is.object(data) || !length(data) %in% c(2, 3)) {
    must("validation_data", "NULL or a list of `X` and `y` (and their weights)", data)
  }
  Xv <- as_numeric_matrix(data[[1]], "validation_data X")
  if (ncol(Xv) != ncol(X)) {
    abort(
      "`validation_data` must have %d columns of X, as the training data has, not %d.", ncol(X), ncol(Xv),
      arg = "validation_data"
    )
  }
  yv <- check_y(data[[2]], Xv, output_activation, "validation_data y")
  wv <- if (length(data) == 3) check_weights(data[[3]], nrow(Xv), "validation_data weights")
  list(X = Xv, y = yv, w = wv)
}

# How many rows validation_split() holds out, before any is drawn:
# floor(fraction * size) per stratum.
held_out <- function(y, fraction) {
  if (fraction == 0) return(0)
  groups <- strata(y)
  counts <- table(if (is.null(groups)) numeric(nrow(y)) else groups)
  held <- sum(floor(fraction * counts))
  if (held == 0 || held == nrow(y)) {
    abort(
      "`validation` (%s) must hold out at least one sample and leave at least one; it holds out %d of %d.",
      sprintf("%.15g", fraction), as.integer(held), nrow(y), arg = "validation"
    )
  }
  held
}

# The state of a run before its first epoch.
new_state <- function(s, layers) {
  list(
    epoch = 0L, optimizer = init_state(s$optimizer, layers), schedule = init_schedule(s$lr),
    random = NULL, validation = NULL,
    best_loss = Inf, count = 0L, best_validation = Inf, best_epoch = 0L
  )
}

# Whether a run draws random numbers: for mini-batches, dropout or a
# validation split.
uses_random <- function(s, n, valid) {
  s$batch_size < n || any(s$dropout > 0) || (s$validation > 0 && is.null(valid))
}

# list(params = layers, loss, trace, settings, history, state, stopped);
# every epoch runs the core's step. `s` holds the checked settings (see
# recorded_settings; batch_size as a number). Every epoch runs
# train_step_layers(): a traced epoch's last step on the whole batch, keeping
# every intermediate; an untraced step in default mode block by block over
# the rows (see row_blocks()), which adds its sums in another order when the
# batch is larger than a block.
# The run draws from R's generator (see with_random()): from the state kept
# by the fit it goes on from, else from set.seed(s$seed), else (seed NULL)
# from the user's stream.
train_impl <- function(layers, X, y, s, keep, w = NULL, valid = NULL, state = NULL, verbose = 0L,
                       progress = FALSE, record_gradients = FALSE) {
  state <- if (is.null(state)) new_state(s, layers) else state
  random <- !is.null(state$random) || uses_random(s, nrow(X), valid)
  run <- with_random(seed = if (random && is.null(state$random)) s$seed, random_seed = state$random, code = {
    if (is.null(valid) && s$validation > 0) {
      if (is.null(state$validation)) state$validation <- validation_split(nrow(X), s$validation, strata(y))
      held <- state$validation
      rest <- setdiff(seq_len(nrow(X)), held)
      valid <- list(X = X[held, , drop = FALSE], y = y[held, , drop = FALSE], w = if (!is.null(w)) w[held])
      X <- X[rest, , drop = FALSE]
      y <- y[rest, , drop = FALSE]
      if (!is.null(w)) w <- w[rest]
    }
    n <- nrow(X)
    epochs <- s$epochs
    h <- optimizer_settings(s)
    widths <- hidden_sizes(layers)
    dropping <- any(s$dropout > 0)
    mean <- s$reduction != reductions[1] || losses[[s$loss]]$mean
    history <- list(lr = numeric(epochs), validation_loss = NULL, validation_score = NULL, gradients = NULL)
    if (!is.null(valid)) {
      history$validation_loss <- numeric(epochs)
      history$validation_score <- numeric(epochs)
    }
    if (record_gradients) history$gradients <- matrix(0, epochs, length(layers))
    loss_per_epoch <- numeric(epochs)
    if (progress) {
      bar <- utils::txtProgressBar(max = epochs, style = 3)
      on.exit(close(bar), add = TRUE)
    }
    trace <- list()
    k <- 1L
    # The schedule, and the blocks of rows of an untraced step of each batch
    # size (none in exact mode), are looked up once for the run.
    rate <- schedules[[s$schedule]]$lr
    blocks <- list()
    best_layers <- NULL
    stopped <- "epochs"
    ran <- 0L
    for (e in seq_len(epochs)) {
      t <- state$epoch + 1L
      lr <- rate(t, s$lr, h, state$schedule, s$exact)
      history$lr[e] <- lr
      traced <- k <= length(keep) && keep[k] == e
      steps <- batches(n, s$batch_size)
      loss <- 0
      total <- 0
      for (j in seq_along(steps)) {
        rows <- steps[[j]]
        Xb <- if (is.null(rows)) X else X[rows, , drop = FALSE]
        yb <- if (is.null(rows)) y else y[rows, , drop = FALSE]
        wb <- if (is.null(rows) || is.null(w)) w else w[rows]
        masks <- if (dropping) dropout_masks(nrow(Xb), widths, s$dropout)
        if (traced && j == length(steps)) {
          step <- train_step_layers(layers, Xb, yb, lr, s, state$optimizer, wb, masks)
        } else {
          size <- as.character(nrow(Xb))
          if (is.null(blocks[[size]])) blocks[[size]] <- if (s$exact) list() else row_blocks(nrow(Xb), layers)
          step <- train_step_layers(layers, Xb, yb, lr, s, state$optimizer, wb, masks, blocks[[size]])
        }
        layers <- step$layers
        state$optimizer <- step$state
        if (mean) {
          # each batch's mean, weighted by the batch's share of the samples
          D <- denominator(s$loss, s$reduction, nrow(Xb), wb, s$exact)
          loss <- loss + step$loss * D
          total <- total + D
        } else {
          loss <- loss + step$loss
        }
      }
      loss_per_epoch[e] <- if (mean) loss / total else loss
      state$epoch <- t
      ran <- e
      if (record_gradients) {
        history$gradients[e, ] <- vapply(step$directions, function(d) sqrt(kernels$total(d$W * d$W, s$exact)), numeric(1))
      }
      # a traced epoch keeps its last batch's step
      if (traced) {
        trace[[length(trace) + 1L]] <- c(list(epoch = e), step[traced_names])
        k <- k + 1L
      }
      validation_loss <- NULL
      if (!is.null(valid)) {
        a <- forward_layers(layers, valid$X, s$activation, s$output_activation, s$exact)$a
        output <- a[[length(a)]]
        validation_loss <- data_loss(s, valid$y, output, valid$w) + penalty(s, layers, valid)
        history$validation_loss[e] <- validation_loss
        history$validation_score[e] <- score(valid$y, output, s$output_activation, valid$w)
      }
      if (verbose > 0L && (e - 1L) %% verbose == 0L) {
        cat(loss_line(t - 1L, loss_per_epoch[e], length(y), s, validation_loss))
      }
      if (progress && (e %% max(1L, epochs %/% 100L) == 0L || e == epochs)) {
        utils::setTxtProgressBar(bar, e)
      }
      stop <- stopping(s, state, loss_per_epoch[e], validation_loss)
      state <- stop$state
      if (s$early_stopping && state$best_epoch == t) best_layers <- layers
      if (!is.null(stop$why)) {
        stopped <- stop$why
        break
      }
    }
    final <- layers
    if (s$early_stopping && !is.null(best_layers)) layers <- best_layers
    cut <- lapply(history, function(v) {
      if (is.matrix(v)) v[seq_len(ran), , drop = FALSE] else if (!is.null(v)) v[seq_len(ran)]
    })
    # The last step's forward pass is the end of training: its output
    # layer's input tells whether the outputs are saturated.
    warn_convergence(convergence_problems(
      loss_per_epoch[seq_len(ran)], step$z[[length(step$z)]], s$output_activation, s$batch_size >= n,
      fitted_and_constant(s, final, X, y, w)
    ))
    settings <- s[recorded_settings]
    settings["batch_size"] <- list(if (s$batch_size < n) s$batch_size)
    list(
      params = layers, loss = loss_per_epoch[seq_len(ran)], trace = trace, settings = settings, history = cut,
      state = state, stopped = stopped
    )
  })
  fit <- run$value
  if (random) fit$state["random"] <- list(run$random)
  fit
}

# What a traced epoch keeps of its step.
traced_names <- c("z", "a", "err", "slope", "delta", "loss", "layers")

# The loss of the outputs without weight decay, as training divides it.
data_loss <- function(s, y, output, w) {
  D <- denominator(s$loss, s$reduction, nrow(y), w, s$exact)
  loss_value(s$loss, y, output, s$output_activation, w, D, s$exact)
}

# The weight decay's share of the loss on `data` (list(X, y, w)), as training
# divides it.
penalty <- function(s, layers, data) {
  p <- decay_penalty(layers, s$decay, s$exact)
  D <- denominator(s$loss, s$reduction, nrow(data$y), data$w, s$exact)
  if (D == 1) p else p / D
}

# list(why, state): the stopping counts updated with an epoch's losses, and
# why training stops there, or NULL. With early stopping, the validation loss
# must improve by more than `tol` within `patience` epochs; otherwise, with
# `n_iter_no_change`, the training loss must within more than that many
# epochs (scikit-learn's rule), or the schedule lowers the rate.
stopping <- function(s, state, loss, validation_loss) {
  if (s$early_stopping && !is.null(validation_loss)) {
    state$count <- if (validation_loss < state$best_validation - s$tol) 0L else state$count + 1L
    if (validation_loss < state$best_validation) {
      state$best_validation <- validation_loss
      state$best_epoch <- state$epoch
    }
    return(list(why = if (state$count >= s$patience) "early_stopping", state = state))
  }
  if (is.null(s$n_iter_no_change)) return(list(why = NULL, state = state))
  state$count <- if (loss > state$best_loss - s$tol) state$count + 1L else 0L
  if (loss < state$best_loss) state$best_loss <- loss
  if (state$count <= s$n_iter_no_change) return(list(why = NULL, state = state))
  plateau <- schedules[[s$schedule]]$plateau
  lowered <- if (!is.null(plateau)) plateau(state$schedule)
  if (is.null(lowered)) return(list(why = "tol", state = state))
  state$schedule <- lowered
  state$count <- 0L
  list(why = NULL, state = state)
}

# The training loss of the trained network and of the best constant
# prediction (the targets' mean). In default mode the network's loss is
# added up over blocks of rows, as an untraced step's (see row_blocks()).
fitted_and_constant <- function(s, layers, X, y, w) {
  value <- 0
  blocks <- if (!s$exact) row_blocks(nrow(X), layers)
  for (rows in if (length(blocks)) blocks else list(NULL)) {
    Xb <- if (is.null(rows)) X else X[rows, , drop = FALSE]
    yb <- if (is.null(rows)) y else y[rows, , drop = FALSE]
    wb <- if (is.null(rows)) w else w[rows]
    a <- forward_layers(layers, Xb, s$activation, s$output_activation, s$exact)$a
    value <- value + loss_value(s$loss, yb, a[[length(a)]], s$output_activation, wb, 1, s$exact)
  }
  D <- denominator(s$loss, s$reduction, nrow(y), w, s$exact)
  total <- if (is.null(w)) nrow(y) else kernels$total(w, s$exact)
  mean <- kernels$col_sums(if (is.null(w)) y else y * w, s$exact) / total
  constant <- matrix(mean, nrow(y), ncol(y), byrow = TRUE)
  c(if (D == 1) value else value / D, data_loss(s, y, constant, w))
}

# A continued run's result with the history of the run it went on from
# before its own.
joined <- function(previous, fit) {
  for (name in names(fit$history)) {
    before <- previous$history[[name]]
    value <- fit$history[[name]]
    fit$history[name] <- list(
      if (is.null(before) || is.null(value)) value else if (is.matrix(value)) rbind(before, value) else c(before, value)
    )
  }
  fit$loss <- c(previous$loss, fit$loss)
  fit$settings$epochs <- previous$settings$epochs + fit$settings$epochs
  fit
}

# The line `verbose` prints: the article's for its own loss, else the loss
# being trained.
loss_line <- function(epoch, loss, size, s, validation_loss) {
  if (s$loss == article_loss && s$reduction == reductions[1] && is.null(validation_loss)) {
    # the article's line: epochs counted from 0, the mean of (y - output)^2 / 2
    return(sprintf("Error at epoch %d is %.5f\n", epoch, loss / size))
  }
  line <- sprintf("Loss at epoch %d is %.6g", epoch, loss)
  if (!is.null(validation_loss)) line <- paste0(line, sprintf(", validation loss %.6g", validation_loss))
  paste0(line, "\n")
}
