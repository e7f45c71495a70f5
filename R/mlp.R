# The model-level interface: mlp() and its S3 methods. Twin of
# python/src/nnscratch/mlp.py (class MLP).
#
# Laid out as hardhat lays out a model: the interface (one generic, a method
# each for matrix, data frame and formula) only reshapes its input; the
# bridge, mlp_bridge(), does every check and coercion once; the
# implementation, train_impl(), works on clean matrices; the constructor,
# new_mlp(), builds the classed object.

#' Fit the article's network
#'
#' Draws initial weights with [init_params()] (or takes `init`), trains with
#' [train()] and returns a fitted model.
#'
#' @section Parameters:
#' Every argument after `X` and `y` (or `formula` and `data`) is given by its
#' full name; an unknown or misspelt name, or a prefix such as `epoch`, is an
#' error that names it. The parameters, their defaults, and the same names as
#' Python's `MLP`:
#' \describe{
#'   \item{`hidden = 3`}{The number of neurons of each hidden layer, e.g. `3`
#'     or `c(8, 4)`, each a whole number from 1 to 2147483647 (2^31 - 1).}
#'   \item{`lr = 0.1`}{The learning rate, a positive number.}
#'   \item{`epochs = 5000`}{The number of epochs, a whole number from 1 to
#'     2147483647. A fit that would not fit in the machine's memory is
#'     refused before anything is allocated.}
#'   \item{`bias = TRUE`}{Whether the network has biases.}
#'   \item{`init = NULL`}{Initial weights, a `params` list (see
#'     [train_step()]) or a list of layers; `NULL` draws them with
#'     [init_params()].}
#'   \item{`seed = NULL`, `scheme = "article_r"`}{Passed to [init_params()]
#'     when `init` is `NULL`; `seed` also seeds the samples' order when
#'     `batch_size` is below the number of samples.}
#'   \item{`trace_every = 0`, `batch_size = NULL`, `verbose = 0`,
#'     `progress = FALSE`}{Passed to [train()].}
#'   \item{`layout = "rows"`}{One row per sample; `"columns"`: `X` and a
#'     matrix `y` hold one column per sample, as in the article's second
#'     part, and are transposed on the way in. [predict()] takes rows.}
#'   \item{`activation = "sigmoid"`, `output_activation = "sigmoid"`,
#'     `loss = "half_sse"`, `decay = 0`, `exact = FALSE`}{As in [train()]:
#'     the hidden layers' activation (`"sigmoid"`, `"tanh"`, `"relu"`; one,
#'     or one per hidden layer), the output's (`"sigmoid"`, `"softmax"`,
#'     `"identity"`), the loss (`"half_sse"`, `"half_mse"`, `"log_loss"`),
#'     the weight decay and exact mode. The defaults are the article's
#'     network, also for a factor outcome: softmax and log_loss only when
#'     asked.}
#' }
#' There is no `weights` argument: case weights would have to enter the
#' losses' values and gradients in the shared core of both languages, and
#' they do not yet.
#'
#' @section Outcomes:
#' A numeric `y` (vector, matrix or data frame) is the network's target, in
#' \[0, 1\], n x o. A factor (or a character or logical vector) is a set of
#' class labels: its levels are kept in the fit, and `predict(type =
#' "class")` returns a factor with those levels. A character vector's
#' classes are its values in code-point order (`sort(method = "radix")`,
#' numpy's order, whatever the locale); a logical vector's are always
#' `FALSE` and `TRUE`, even when only one is seen. A factor with two levels
#' is coded as nnet and glm code it, with one output that is 1 for the
#' second level; a factor with k > 2 levels becomes k one-hot outputs.
#'
#' @section Interfaces:
#' As hardhat lays a model out: `mlp()` dispatches on `X` to a matrix, a
#' data frame or a formula method, which only reshape their input and keep a
#' hardhat blueprint ([hardhat::mold()]); [predict()] turns new data into
#' the training columns with [hardhat::forge()] (by name, in any order;
#' novel factor levels become `NA`, which is an error). Anything else is an
#' error naming its class. The formula method expands factor predictors as
#' [stats::model.matrix()] does (without the intercept column: the biases
#' play its part), and takes `subset` and `na.action` as [stats::lm()] and
#' nnet do; the matrix and data frame methods refuse `NA`, as Python does.
#'
#' @section Convergence:
#' Training that fails warns, with class `nnscratch_convergence`; see
#' [convergence_problems()] for the rules.
#'
#' @param X A numeric matrix or data frame, n x p, one row per sample; for
#'   the formula method, use `formula` and `data` instead.
#' @param y A numeric matrix, data frame or vector of targets in \[0, 1\],
#'   n x o; or a factor of class labels (see Outcomes).
#' @param formula A formula such as `y ~ .` or `y ~ x1 + x2`.
#' @param data A data frame holding the variables of `formula`.
#' @param subset An optional vector of the rows of `data` to fit on,
#'   evaluated in `data`, as in [stats::lm()].
#' @param na.action What to do with rows holding `NA`: [stats::na.omit()],
#'   the default as in nnet, drops them; [stats::na.fail()] makes them an
#'   error.
#' @param ... The parameters, by their full names (see Parameters).
#' @return An object of class `nnscratch_mlp`: a list with `layers` (the
#'   trained layers, `list(W, b)` each, from the input to the output; see
#'   [as_article()] for the article's names), `loss` (one value per epoch),
#'   `trace`, `settings` (the parameters as fitted, with `n_input` and
#'   `n_output`, and `activation` given per hidden layer), `classes` (the
#'   levels of a factor `y`, or `NULL`) and `blueprint` (what predict() needs
#'   to turn new data into a matrix: the predictors' names and the hardhat
#'   blueprint).
#' @seealso [predict.nnscratch_mlp()], [summary.nnscratch_mlp()],
#'   [plot.nnscratch_mlp()], [save_model()].
#' @examples
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, hidden = 3, lr = 0.1, epochs = 5000, init = s$init)
#' fit
#' predict(fit, s$X)
#'
#' # A formula and a factor outcome
#' df <- data.frame(s$X, y = factor(c("yes", "yes", "no")))
#' fit <- mlp(y ~ ., data = df, hidden = 3, epochs = 2000, seed = 1)
#' predict(fit, df, type = "class")
#' predict(fit, df, type = "prob")
#' @export
mlp <- function(X, ...) {
  UseMethod("mlp")
}

#' @rdname mlp
#' @export
mlp.default <- function(X, ...) {
  # a vector, a list or a sparse matrix gets the message Python gives
  if (is.atomic(X) || is.list(X) || inherits(X, "sparseMatrix")) as_numeric_matrix(X, "X")
  abort(
    "`X` must be a numeric matrix, a data frame or a formula, not an object of class %s.",
    paste(sprintf("\"%s\"", class(X)), collapse = ", ")
  )
}

#' @rdname mlp
#' @export
mlp.matrix <- function(X, y = NULL, ...) {
  check_dots(...)
  mlp_bridge(X, y, NULL, ...)
}

#' @rdname mlp
#' @export
mlp.data.frame <- function(X, y = NULL, ...) {
  check_dots(...)
  mlp_bridge(as_numeric_matrix(X, "X"), y, NULL, ...)
}

#' @rdname mlp
#' @export
mlp.formula <- function(formula, data, ..., subset = NULL, na.action = stats::na.omit) {
  check_dots(...)
  if (!is.data.frame(data)) {
    abort("`data` must be a data frame, not %s.", describe(data))
  }
  keep <- eval(substitute(subset), data, parent.frame())
  if (!is.null(keep)) {
    if (is.logical(keep)) keep <- keep & !is.na(keep)
    data <- data[keep, , drop = FALSE]
  }
  mf <- stats::model.frame(formula, data, na.action = na.action)
  y <- stats::model.response(mf)
  if (is.null(y)) {
    abort("`formula` must have a response on its left-hand side, as in `y ~ .`.")
  }
  dropped <- attr(mf, "na.action")
  if (!is.null(dropped)) data <- data[-as.integer(dropped), , drop = FALSE]
  # The predictors as model.matrix() codes them with an intercept (one
  # indicator fewer than levels, as nnet); the biases then replace the
  # intercept column.
  processed <- hardhat::mold(
    stats::delete.response(stats::terms(mf)), data,
    blueprint = hardhat::default_formula_blueprint(intercept = TRUE, indicators = "traditional")
  )
  X <- without_intercept(as.matrix(processed$predictors))
  mlp_bridge(X, y, processed$blueprint, ...)
}

without_intercept <- function(X) {
  X[, colnames(X) != "(Intercept)", drop = FALSE]
}

# The parameters, as Python's MLP names them; mlp_bridge() has their
# defaults.
mlp_params <- c(
  "hidden", "lr", "epochs", "bias", "init", "seed", "scheme", "trace_every",
  "batch_size", "layout", "verbose", "progress", "activation",
  "output_activation", "loss", "decay", "exact"
)

# Every argument in `...` must be a parameter, named in full: R would
# otherwise match `epoch` to `epochs`, or drop `sizee` silently.
check_dots <- function(...) {
  if (...length() == 0) return(invisible())
  given <- names(list(...))
  if (is.null(given) || any(given == "")) {
    abort("The parameters of mlp() must be named; argument %d after `X` and `y` has no name.",
      which(if (is.null(given)) TRUE else given == "")[1])
  }
  unknown <- setdiff(given, mlp_params)
  if (length(unknown)) {
    abort("`%s` is not a parameter; the parameters are %s.", unknown[1], paste(mlp_params, collapse = ", "))
  }
  invisible()
}

# The bridge: every argument is checked here, once; train_impl() then trusts
# them. `blueprint` is the formula method's hardhat blueprint, or NULL for a
# matrix, whose blueprint is made here.
mlp_bridge <- function(X, y, blueprint, hidden = 3, lr = 0.1, epochs = 5000,
                       bias = TRUE, init = NULL, seed = NULL,
                       scheme = "article_r", trace_every = 0,
                       batch_size = NULL, layout = "rows", verbose = 0,
                       progress = FALSE, activation = "sigmoid",
                       output_activation = "sigmoid", loss = "half_sse",
                       decay = 0, exact = FALSE) {
  if (identical(check_layout(layout), "columns")) {
    if (is.matrix(X)) X <- t(X)
    if (is.matrix(y)) y <- t(y)
  }
  X <- as_numeric_matrix(X, "X")
  outcome <- mlp_outcome(y, nrow(X))
  output_activation <- check_output_activation(output_activation)
  y <- check_y(outcome$y, X, output_activation)
  hidden <- check_hidden(hidden)
  activation <- check_activation(activation, length(hidden))
  loss <- check_loss(loss, output_activation, ncol(y))
  decay <- check_decay(decay)
  exact <- check_flag(exact, "exact")
  lr <- check_lr(lr)
  epochs <- check_epochs(epochs)
  bias <- check_flag(bias, "bias")
  scheme <- check_scheme(scheme)
  trace_every <- check_trace_every(trace_every)
  batch_size <- check_batch_size(batch_size, nrow(X))
  verbose <- check_verbose(verbose)
  progress <- check_flag(progress, "progress")
  # `seed` draws the initial weights (checked by init_params() for its
  # scheme) and, with mini-batches, shuffles the rows as set.seed() takes it.
  if (batch_size < nrow(X)) {
    check_shuffle_seed(seed)
  } else if (!is.null(seed) && !is_whole(seed)) {
    abort("`seed` must be NULL or a whole number, not %s.", describe(seed))
  }
  check_run_memory(nrow(X), ncol(X), hidden, ncol(y), epochs, n_traced(epochs, trace_every, NULL))
  if (is.null(init)) {
    init <- init_params(ncol(X), hidden, ncol(y), seed = seed, scheme = scheme, bias = bias)
  }
  layers <- check_network(init, ncol(X), ncol(y), arg = "init")$layers
  sizes <- hidden_sizes(layers)
  if (!identical(sizes, hidden)) {
    abort(
      "`init` must have hidden layers of %s neurons, as `hidden` says, not %s.",
      paste(hidden, collapse = ", "), paste(sizes, collapse = ", ")
    )
  }
  if (any(vapply(layers, function(layer) is.null(layer$b) == bias, logical(1)))) {
    abort("`init` must %s biases, as `bias` is %s.", if (bias) "have" else "not have", bias)
  }
  fit <- train_impl(
    layers, X, y, lr, epochs, trace_epochs(epochs, trace_every, NULL),
    batch_size, seed, verbose, progress, activation, output_activation, loss, decay, exact
  )
  settings <- list(
    n_input = ncol(X), hidden = hidden, n_output = ncol(y), bias = bias,
    activation = activation, output_activation = output_activation, loss = loss,
    decay = decay, lr = lr, epochs = epochs, seed = seed, scheme = scheme,
    batch_size = if (batch_size < nrow(X)) batch_size, exact = exact
  )
  formula <- !is.null(blueprint)
  if (!formula) blueprint <- xy_blueprint(X)
  blueprint <- list(feature_names = colnames(X), formula = formula, hardhat = blueprint)
  new_mlp(fit$params, fit$loss, fit$trace, settings, outcome$classes, blueprint)
}

# The hardhat blueprint of a matrix: its columns' names and types. Unnamed
# columns are called V1, V2, ... for hardhat, and predict() takes them by
# position.
xy_blueprint <- function(X) {
  if (is.null(colnames(X))) colnames(X) <- paste0("V", seq_len(ncol(X)))
  hardhat::mold(X, NULL)$blueprint
}

# Return list(y, classes): class labels become the network's targets (one
# output for two classes, one-hot for more) and `classes` keeps their
# levels; a numeric `y` passes through with `classes = NULL`.
mlp_outcome <- function(y, n) {
  if (is.null(y)) {
    abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).")
  }
  if (is.data.frame(y)) {
    y <- if (ncol(y) == 1) y[[1]] else as.matrix(y)
  }
  # logical labels stay logical in `classes`, as Python keeps booleans, so
  # that a model file holds them as booleans
  logical <- is.logical(y) && is.null(dim(y))
  if (logical) y <- factor(y, levels = c(FALSE, TRUE))
  # code-point order, as numpy sorts, whatever the locale
  if (is.character(y) && is.null(dim(y))) y <- factor(y, levels = sort(unique(y), method = "radix"))
  if (!is.factor(y)) return(list(y = y, classes = NULL))
  if (length(y) != n) {
    abort("`y` must have as many rows as `X` (%d), not %d.", n, length(y))
  }
  if (anyNA(y)) {
    abort("`y` must not contain NA; found NA at row %d.", which(is.na(y))[1])
  }
  classes <- levels(y)
  if (length(classes) < 2) {
    abort("`y` must have at least two classes, not %d class.", length(classes))
  }
  onehot <- outer(as.integer(y), seq_along(classes), "==") + 0
  if (length(classes) == 2) onehot <- onehot[, 2, drop = FALSE]
  list(y = onehot, classes = if (logical) as.logical(classes) else classes)
}

new_mlp <- function(layers, loss, trace, settings, classes = NULL,
                    blueprint = list()) {
  structure(
    list(
      layers = layers, loss = loss, trace = trace, settings = settings,
      classes = classes, blueprint = blueprint
    ),
    class = "nnscratch_mlp"
  )
}

#' @export
print.nnscratch_mlp <- function(x, ...) {
  s <- x$settings
  cat(sprintf("a %s network %s biases\n", architecture(s), if (s$bias) "with" else "without"))
  cat(sprintf("trained for %d epochs at lr = %s\n", s$epochs, sprintf("%.15g", s$lr)))
  cat(sprintf("final loss: %.6g\n", x$loss[length(x$loss)]))
  if (!is.null(x$classes)) {
    cat(sprintf("classes: %s\n", paste(x$classes, collapse = ", ")))
  }
  invisible(x)
}

#' Summarise a fitted network, weight by weight
#'
#' Prints the architecture, the training settings and the loss, then the
#' weights grouped by the neuron they feed, named as nnet names them
#' (`b->h1`, `i1->h1`, ..., `h1->o1`).
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param x A `summary.nnscratch_mlp`.
#' @param digits The number of decimal places shown.
#' @param ... Not used.
#' @return `summary()` returns an object of class `summary.nnscratch_mlp`:
#'   a list with `settings`, `classes`, `loss` (the first and last epochs'),
#'   and `weights`, a list of named vectors, one per receiving neuron.
#' @examples
#' s <- load_scenario("article")
#' summary(mlp(s$X, s$y, init = s$init, epochs = 100))
#' @export
summary.nnscratch_mlp <- function(object, ...) {
  cf <- coef(object)
  to <- sub("^.*->", "", names(cf))
  structure(
    list(
      settings = object$settings,
      classes = object$classes,
      loss = object$loss[c(1, length(object$loss))],
      weights = split(cf, factor(to, levels = unique(to)))
    ),
    class = "summary.nnscratch_mlp"
  )
}

#' @rdname summary.nnscratch_mlp
#' @export
print.summary.nnscratch_mlp <- function(x, digits = 4, ...) {
  s <- x$settings
  cat(sprintf("a %s network with %d weights\n", architecture(s), sum(lengths(x$weights))))
  cat(sprintf(
    "trained for %d epochs at lr = %s; loss %.6g at epoch 1, %.6g at the last\n",
    s$epochs, sprintf("%.15g", s$lr), x$loss[1], x$loss[2]
  ))
  if (!is.null(x$classes)) {
    cat(sprintf("classes: %s\n", paste(x$classes, collapse = ", ")))
  }
  for (w in x$weights) {
    print(format(round(w, digits), nsmall = digits), quote = FALSE)
  }
  invisible(x)
}

#' Predict from a fitted network
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param newdata A numeric matrix or data frame with the columns the model
#'   was trained on (by name when both have names, else by position); for a
#'   formula fit, a data frame with the variables of the formula. A model
#'   trained by Python's command line with `--scale` and loaded with
#'   [load_model()] maps `newdata` to \[0, 1\] with its training minima and
#'   maxima first, as Python does.
#' @param type `"raw"` for the network's outputs, n x o (as nnet's `"raw"`;
#'   Python: `MLP.predict_raw`); `"prob"` for the probability of each
#'   class, n x k, rows summing to 1 (Python: `predict_proba`); `"class"`
#'   for the class of each row (Python: `predict`).
#' @param ... Not used.
#' @section Probabilities:
#' With one output p (two classes), the probabilities are `1 - p` and `p`.
#' With several outputs: a softmax output's are its outputs; the sigmoid
#' outputs of one-hot classes (the article's network) are divided by their
#' row's sum, so they sum to 1 (a row whose outputs all underflow to 0 gets
#' `1 / k` each). An identity output has no probabilities: its outputs need
#' not lie in \[0, 1\], and `type = "prob"` is an error.
#' @section Classes:
#' For a model fitted to a factor, a factor with its levels: the second
#' level when the single output is > 0.5, the level of the largest output
#' when there are several. Otherwise `output > 0.5` as 0/1 for one output
#' and the index of the largest output for several. The class is always the
#' column of the largest probability.
#' @return A matrix (`"raw"`, `"prob"`; the columns of `"prob"` are the
#'   classes when there are some), or a factor or an integer vector
#'   (`"class"`).
#' @examples
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, init = s$init)
#' predict(fit, s$X)
#' predict(fit, s$X, type = "prob")
#' predict(fit, s$X, type = "class")
#' @export
predict.nnscratch_mlp <- function(object, newdata, type = c("raw", "class", "prob"), ...) {
  if (identical(type, c("raw", "class", "prob"))) type <- "raw"
  if (!is.character(type) || length(type) != 1 || !type %in% c("raw", "class", "prob")) {
    abort("`type` must be \"raw\", \"class\" or \"prob\", not %s.", describe(type))
  }
  check_fitted(object)
  output <- mlp_output(object, mlp_newdata(object, newdata))
  if (type == "class") return(output_classes(output, object$classes))
  if (type == "prob") {
    output <- output_probabilities(output, object$settings$output_activation)
    colnames(output) <- object$classes
  } else if (length(object$classes) > 2) {
    colnames(output) <- object$classes
  }
  output
}

# A model without trained layers (e.g. built by hand) cannot predict; the
# message is Python's for an unfitted MLP.
check_fitted <- function(object) {
  if (is.null(object$layers)) {
    stop(structure(
      class = c("nnscratch_not_fitted", "nnscratch_error", "error", "condition"),
      list(message = "This model is not fitted yet; it has no trained layers.", call = NULL)
    ))
  }
}

# The network's output for the checked matrix X.
mlp_output <- function(object, X) {
  s <- object$settings
  a <- forward_layers(object$layers, X, s$activation, s$output_activation, s$exact)$a
  a[[length(a)]]
}

# The probability of each class, n x k, from the outputs; see the section
# Probabilities of ?predict.nnscratch_mlp.
output_probabilities <- function(output, output_activation) {
  if (output_activation == "identity") {
    abort("Probabilities need a \"sigmoid\" or \"softmax\" output, not \"identity\".")
  }
  if (ncol(output) == 1) return(cbind(1 - output, output, deparse.level = 0))
  if (output_activation == "softmax") return(output)
  total <- rowSums(output)
  output <- output / total
  output[total == 0, ] <- 1 / ncol(output)
  output
}

# The layer sizes as "p-h1-...-o", and the activations when they are not the
# article's.
architecture <- function(settings) {
  sizes <- paste(c(settings$n_input, settings$hidden, settings$n_output), collapse = "-")
  names <- c(settings$activation, settings$output_activation)
  if (any(names != "sigmoid")) sizes <- sprintf("%s (%s)", sizes, paste(names, collapse = ", "))
  sizes
}

# Turn `newdata` into the matrix the network was trained on: through the
# hardhat blueprint by name (a data frame, or a named matrix for a matrix
# fit), by position otherwise (unnamed columns, or a model read from a file,
# whose data frames are taken by column name).
mlp_newdata <- function(object, newdata) {
  bp <- object$blueprint
  if (!is.data.frame(newdata)) newdata <- as_numeric_matrix(newdata, "newdata")
  by_name <- !is.null(bp$hardhat) && !is.null(bp$feature_names) &&
    (is.data.frame(newdata) || (!is.null(colnames(newdata)) && !isTRUE(bp$formula)))
  if (by_name) {
    needed <- names(bp$hardhat$ptypes$predictors)
    lacking <- setdiff(needed, colnames(newdata))
    if (length(lacking)) {
      abort(
        "`newdata` must have the columns the model was trained on; it lacks %s.",
        paste(sprintf("`%s`", lacking), collapse = ", ")
      )
    }
    newdata <- tryCatch(
      without_intercept(as.matrix(hardhat::forge(newdata, bp$hardhat)$predictors)),
      error = function(e) abort("`newdata` does not fit the training data: %s", conditionMessage(e))
    )
  } else if (is.data.frame(newdata)) {
    if (!is.null(bp$feature_names) && all(bp$feature_names %in% names(newdata))) {
      newdata <- newdata[bp$feature_names]
    }
  }
  newdata <- as_numeric_matrix(newdata, "newdata")
  check_n_features(newdata, object$settings$n_input, "newdata")
  apply_scale(newdata, bp$scale)
}

# (X - min) / (max - min), column by column, for a model that scales its
# inputs; X itself otherwise. The scale (list(min, max), one number per
# input) comes from Python's command line, `--scale`, through the model
# file; a constant column becomes X - min.
apply_scale <- function(X, scale) {
  if (is.null(scale)) return(X)
  span <- ifelse(scale$max > scale$min, scale$max - scale$min, 1)
  sweep(sweep(X, 2, scale$min), 2, span, "/")
}

# The message holds the words of scikit-learn's check, in both languages.
check_n_features <- function(X, p, arg) {
  if (ncol(X) != p) {
    abort(
      "`%s` must have %d columns, as the training data had, not %d. X has %d features, but nnscratch is expecting %d features as input.",
      arg, p, ncol(X), ncol(X), p
    )
  }
}

# The class of each row of `output`: the threshold 0.5 for one output, the
# arg-max for several; mapped to the levels in `classes` when there are some.
output_classes <- function(output, classes) {
  k <- if (ncol(output) == 1) as.integer(output[, 1] > 0.5) else max.col(output, ties.method = "first")
  if (is.null(classes)) return(k)
  if (ncol(output) == 1) k <- k + 1L
  factor(classes[k], levels = classes)
}

#' The weights of a fitted network, named as nnet names them
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param ... Not used.
#' @return A named numeric vector: for each hidden neuron `hj`, its bias
#'   `b->hj` and its weights `i1->hj`, ...; then for each output `ok`, its
#'   bias `b->ok` and its weights `h1->ok`, .... With several hidden layers,
#'   the neurons of hidden layer l are `hl_1`, `hl_2`, ... (`b->h1_1`,
#'   `i1->h1_1`, ..., `h2_3->o1`).
#' @examples
#' s <- load_scenario("article")
#' coef(mlp(s$X, s$y, init = s$init, epochs = 10))
#' @export
coef.nnscratch_mlp <- function(object, ...) {
  layers <- object$layers
  L <- length(layers)
  unlist(lapply(seq_len(L), function(l) {
    w <- layers[[l]]$W
    b <- layers[[l]]$b
    from <- if (l == 1) "i" else hidden_name(l - 1, L)
    to <- if (l == L) "o" else hidden_name(l, L)
    unlist(lapply(seq_len(ncol(w)), function(j) {
      v <- c(if (!is.null(b)) b[1, j], w[, j])
      names(v) <- paste0(c(if (!is.null(b)) "b", paste0(from, seq_len(nrow(w)))), "->", to, j)
      v
    }))
  }))
}

# The prefix of the neurons of hidden layer `depth`: nnet's "h" with one
# hidden layer, "h<depth>_" with several.
hidden_name <- function(depth, n_layers) {
  if (n_layers == 2) "h" else sprintf("h%d_", depth)
}
