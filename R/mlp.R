# The model-level interface: mlp() and its S3 methods. Twin of
# python/src/nnscratch/mlp.py (MLPClassifier, MLPRegressor and MLP).
#
# Laid out as hardhat lays out a model: the interface (one generic, a method
# each for matrix, data frame and formula) only reshapes its input; the
# bridge, mlp_bridge() (Python: fit_epochs()), does every check and coercion
# once; the implementation, train_impl(), works on clean matrices; the
# constructor, new_mlp() (Python: set_fitted()), builds the classed object,
# for mlp() and load_model() alike.
#
# mlp() is Python's MLPClassifier and MLPRegressor in one: its parameters and
# their defaults are the parameter table's (R/params.R), and the outcome
# decides the rest (see read_outcome()). R has no estimator object to keep a
# fit, so Python's `warm_start` is `init = <a previous fit>` here.
#
#' @include params.R train.R
NULL

# A table of mlp()'s parameters and their defaults, for its documentation:
# Python builds its estimators' docstrings from the same rows.
parameters_doc <- function(column) {
  rows <- vapply(parameters[mlp_table_params], function(p) {
    value <- p[[column]]
    shown <- if (is.null(value)) "NULL" else if (is.character(value)) sprintf("\"%s\"", value) else format(value)
    sprintf("* `%s = %s`: %s%s.", p$name, shown, toupper(substr(p$help, 1, 1)), substring(p$help, 2))
  }, character(1))
  paste(c("", rows, ""), collapse = "\n")
}

#' Fit a network that learns classes or numbers
#'
#' Draws initial weights (or takes `init`, or goes on from a previous fit),
#' trains with the core of [train()] and returns a fitted model. The defaults
#' are scikit-learn's `MLPClassifier` and `MLPRegressor`'s (100 relu units,
#' Adam at lr 0.001 on mini-batches of min(200, n), the mean loss with decay
#' 1e-4, scikit-learn's initial weights, at most 200 epochs and a stop when
#' the loss has not improved by 1e-4 for 10 epochs), with the inputs
#' standardized inside the model as brulee does, so that a model learns a
#' real data set on the first try. Python's `MLPClassifier` and
#' `MLPRegressor` take the same parameters, with the same defaults.
#'
#' @section Parameters:
#' Every argument after `X` and `y` (or `formula` and `data`) is given by its
#' full name; an unknown or misspelt name, or a prefix such as `epoch`, is an
#' error that names it. The parameters and their defaults, from the table
#' Python's estimators share (see [train()] for what each does):
#' `r parameters_doc("default")`
#' Besides them, `weights` (nnet's name; Python: `fit(sample_weight = )`), a
#' weight >= 0 per sample, whose loss counts that many times; and
#' `validation_data` (Python: `fit(validation_data = )`), `list(X, y)` or
#' `list(X, y, weights)`, a validation set to watch after every epoch
#' instead of holding out `validation` of the samples. Python's
#' `warm_start` is `init = fit` here (see Going on).
#'
#' @section Outcomes:
#' The outcome decides what the network learns:
#' * a factor (or a character or logical vector) is a set of class labels:
#'   its levels are kept in the fit, and `predict(type = "class")` returns a
#'   factor with those levels. Two classes are one sigmoid output that is 1
#'   for the second level, as nnet and glm code them; k > 2 classes are k
#'   softmax outputs; the loss is the cross-entropy. A character vector's
#'   classes are its values in code-point order (`sort(method = "radix")`,
#'   numpy's order, whatever the locale); a logical vector's are always
#'   `FALSE` and `TRUE`, even when only one is seen.
#' * a numeric vector or matrix (integer or double) is a regression: an
#'   identity output and half the mean squared error; the outcome is scaled
#'   as the inputs are (`scale`), and [predict()] scales the predictions
#'   back.
#' * with `output_activation` an output of probabilities (`"sigmoid"` or
#'   `"softmax"`), a numeric `y` is the network's target, n x o in \[0, 1\]:
#'   the article's network. `loss` and `output_activation` may always be
#'   given to override the choice.
#'
#' @section Going on:
#' `mlp(X, y, init = fit, epochs = k)` trains k more epochs from the end of
#' `fit` (Python's `warm_start`), with its settings (unless given), scale,
#' classes, optimizer state, schedule and random generator: the result is,
#' bit for bit, the fit that would have trained for all the epochs at once.
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
#' @param y A factor (or character or logical vector) of class labels, or a
#'   numeric vector, matrix or data frame of numbers (see Outcomes).
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
#'   [as_article()] for the article's names), `settings` (every setting as
#'   fitted, with `n_input`, `hidden` and `n_output`, and `activation` given
#'   per hidden layer), `loss` (one value per epoch), `history` (the learning
#'   rate and the validation loss and score of each epoch), `state` (what
#'   going on needs), `stopped` (why training ended), `trace`, `classes` (the
#'   levels of a factor `y`, or `NULL`), `scale` and `target_scale` (the
#'   inputs' and a regression outcome's centre and scale, or `NULL`),
#'   `blueprint` (what predict() needs to turn new data into a matrix: the
#'   predictors' names and the hardhat blueprint; and the outcome's names,
#'   which name the outputs in coef(), summary(), the network diagram and
#'   the predictions) and `role` (`"either"`, or
#'   the role of a model loaded from Python's `MLPClassifier` or
#'   `MLPRegressor`).
#' @seealso [predict.nnscratch_mlp()], [summary.nnscratch_mlp()],
#'   [plot.nnscratch_mlp()], [save_model()].
#' @examples
#' X <- as.matrix(iris[1:4])
#' fit <- mlp(X, iris$Species, seed = 1)
#' fit
#' mean(predict(fit, X, type = "class") == iris$Species)
#'
#' # A formula, a regression and a held-out validation set
#' fit <- mlp(mpg ~ ., data = mtcars, hidden = 10, epochs = 100, seed = 1, validation = 0.25)
#' head(predict(fit, mtcars))
#'
#' # The article's network: its data, weights and settings
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, hidden = 3, init = s$init, activation = "sigmoid",
#'   output_activation = "sigmoid", loss = "half_sse", reduction = "sum", decay = 0,
#'   optimizer = "sgd", lr = 0.1, epochs = 5000, batch_size = NULL, scale = "none",
#'   n_iter_no_change = NULL)
#' predict(fit, s$X)
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
    paste(sprintf("\"%s\"", class(X)), collapse = ", "), arg = "X"
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
    must("data", "a data frame", data)
  }
  keep <- eval(substitute(subset), data, parent.frame())
  if (!is.null(keep)) {
    if (is.logical(keep)) keep <- keep & !is.na(keep)
    data <- data[keep, , drop = FALSE]
  }
  mf <- stats::model.frame(formula, data, na.action = na.action)
  y <- stats::model.response(mf)
  if (is.null(y)) {
    abort("`formula` must have a response on its left-hand side, as in `y ~ .`.", arg = "formula")
  }
  # a response of one column keeps its name (the formula's left side), as a
  # one-column data frame; a matrix response (cbind(a, b) ~ .) has its
  # columns' names
  if (is.null(dim(y))) y <- mf[1]
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

# The table's parameters that mlp() takes: all but Python's `warm_start`,
# whose part `init = fit` plays.
mlp_table_params <- setdiff(names_of("estimator"), "warm_start")
# mlp()'s parameters: the table's, and the data that Python's fit() takes
# besides X and y.
mlp_params <- c(mlp_table_params, "weights", "validation_data")
# mlp()'s defaults, the table's "default" column.
mlp_defaults <- defaults("default")[mlp_table_params]

# Every argument in `...` must be a parameter, named in full: R would
# otherwise match `epoch` to `epochs`, or drop `sizee` silently.
check_dots <- function(...) {
  if (...length() == 0) return(invisible())
  given <- names(list(...))
  if (is.null(given) || any(given == "")) {
    abort(
      "The parameters of mlp() must be named; argument %d after `X` and `y` has no name.",
      which(if (is.null(given)) TRUE else given == "")[1]
    )
  }
  unknown <- setdiff(given, mlp_params)
  if (length(unknown)) {
    abort(
      "`%s` is not a parameter; the parameters are %s.", unknown[1], paste(mlp_params, collapse = ", "),
      arg = unknown[1]
    )
  }
  invisible()
}

# The bridge: every argument is checked here, once; train_impl() then trusts
# them. `blueprint` is the formula method's hardhat blueprint, or NULL for a
# matrix, whose blueprint is made here. The parameters not given are the
# table's defaults, or going on from a fit (`init = fit`), the fit's.
mlp_bridge <- function(X, y, blueprint, ...) {
  given <- list(...)
  weights <- given$weights
  validation_data <- given$validation_data
  given <- given[setdiff(names(given), c("weights", "validation_data"))]
  previous <- if (inherits(given$init, "nnscratch_mlp")) given$init
  p <- mlp_defaults
  if (!is.null(previous)) {
    check_fitted(previous)
    fitted <- previous$settings[intersect(names(previous$settings), mlp_table_params)]
    p[names(fitted)] <- fitted
  }
  p[names(given)] <- given
  s <- check_settings(p[setdiff(names(p), c("batch_size", "init"))], list(auto = TRUE))
  if (s$layout == "columns") {
    X <- t(X)
    if (is.matrix(y)) y <- t(y)
  }
  # the names are kept in the blueprint; the weights carry none, as Python's
  names <- colnames(X)
  outcome <- outcome_names(y)
  X <- unname(as_numeric_matrix(X, "X"))
  classes <- NULL
  if (!is.null(previous)) {
    classes <- previous$classes
    check_n_features(X, previous$settings$n_input, "X")
  }
  out <- read_outcome(y, nrow(X), s, classes)
  y <- out$y
  classes <- out$classes
  s$output_activation <- out$output_activation
  s$loss <- out$loss
  y <- unname(check_y(y, X, s$output_activation))
  check_loss(s$loss, s$output_activation, ncol(y))
  w <- row_weights(check_weights(weights, nrow(X), "weights"), s$class_weight, y, classes)
  scale <- if (!is.null(previous)) previous$scale else fit_scale(s$scale, X, w, s$exact)
  # a regression's outcome is scaled as its inputs are, and predict scales it back
  regression <- !activations[[s$output_activation]]$probability
  target_scale <- if (!is.null(previous)) previous$target_scale else if (regression) fit_scale(s$scale, y, w, s$exact)
  y <- apply_scale(y, target_scale)
  valid <- validation_set(validation_data, s, classes, scale, target_scale, ncol(X))
  check_stopping(s, valid)
  held <- if (is.null(valid)) held_out(y, s$validation) else 0
  s$batch_size <- check_settings(list(batch_size = p$batch_size), list(n = nrow(X) - held, auto = TRUE))$batch_size
  check_run_memory(
    nrow(X), ncol(X), s$hidden, ncol(y), s$epochs, n_traced(s$epochs, s$trace_every, NULL)
  )
  Xs <- apply_scale(X, scale)
  if (!is.null(previous)) {
    layers <- previous$layers
    state <- previous$state
    check_same_network(previous, s, ncol(y))
  } else {
    layers <- initial_layers(p$init, s, ncol(X), ncol(y))
    state <- NULL
    if (uses_random(s, nrow(X) - held, valid)) s["seed"] <- list(check_seed(s$seed))
  }
  fit <- train_impl(
    layers, Xs, y, s, trace_epochs(s$epochs, s$trace_every, NULL), w, valid, state, s$verbose, s$progress,
    s$record_gradients
  )
  # a fit's fields have the names of train()'s result (Python: joined_fit())
  if (!is.null(previous)) fit <- joined(previous, fit)
  formula <- !is.null(blueprint)
  if (!formula) blueprint <- xy_blueprint(X, names)
  if (is.null(outcome) && !is.null(previous)) outcome <- previous$blueprint$outcome_names
  blueprint <- list(feature_names = names, formula = formula, hardhat = blueprint, outcome_names = outcome)
  new_mlp(fit, s, classes, scale, target_scale, blueprint)
}

# The outcome's names, as neuralnet shows them: the columns of a matrix or
# data frame `y` (a formula's response comes as a data frame named by the
# formula's left side); NULL for a vector, whose names are the samples'.
outcome_names <- function(y) {
  names <- if (is.data.frame(y) || is.matrix(y)) colnames(y)
  if (length(names) == 0 || anyNA(names) || any(names == "")) return(NULL)
  names
}

# The hardhat blueprint of a matrix: its columns' names (`names`) and types.
# Unnamed columns are called V1, V2, ... for hardhat, and predict() takes
# them by position.
xy_blueprint <- function(X, names) {
  colnames(X) <- if (is.null(names)) paste0("V", seq_len(ncol(X))) else names
  hardhat::mold(X, NULL)$blueprint
}

# The fitted model, from a train_impl() result and what the bridge found:
# the one place where a fitted model is built (mlp() and load_model() come
# here). Python: set_fitted().
new_mlp <- function(fit, s, classes, scale, target_scale = NULL, blueprint = list(), role = "either") {
  layers <- fit$params
  settings <- c(
    list(
      n_input = nrow(layers[[1]]$W), hidden = hidden_sizes(layers), n_output = ncol(layers[[length(layers)]]$W),
      bias = !is.null(layers[[1]]$b), scheme = s$scheme, scale = s$scale, class_weight = s$class_weight
    ),
    fit$settings[recorded_settings]
  )
  structure(
    list(
      layers = layers, settings = settings, loss = as.double(fit$loss), history = fit$history, state = fit$state,
      stopped = fit$stopped, trace = fit$trace, classes = classes, scale = scale, target_scale = target_scale,
      blueprint = blueprint, role = role
    ),
    class = "nnscratch_mlp"
  )
}

# list(y, classes, output_activation, loss): the targets, the classes and the
# output and loss that the outcome calls for. Labels (see is_labels(), or
# any y when `as_classes`) become targets: for two classes one output (a
# sigmoid) that is 1 for the second, for more one-hot outputs (softmax), with
# the log-loss; numbers are a regression's: the identity and half the mean
# squared error. An output or loss given overrides the choice.
read_outcome <- function(y, n, s, classes = NULL, as_classes = FALSE) {
  if (is.null(y)) {
    abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).", arg = "y")
  }
  if (is.data.frame(y)) {
    y <- if (ncol(y) == 1) y[[1]] else as.matrix(y)
  }
  if (!as_classes && !is_labels(y)) {
    output <- if (s$output_activation != auto) s$output_activation else regression_output
    loss <- if (s$loss != auto) s$loss else regression_loss
    return(list(y = y, classes = NULL, output_activation = output, loss = loss))
  }
  labels <- as_labels(y, n, classes)
  classes <- labels$classes
  output <- if (s$output_activation != auto) {
    s$output_activation
  } else if (length(classes) == 2) {
    binary_output
  } else {
    multiclass_output
  }
  loss <- if (s$loss != auto) s$loss else classification_loss
  onehot <- outer(labels$codes, seq_along(classes), "==") + 0
  if (length(classes) == 2 && !activations[[output]]$rowwise) onehot <- onehot[, 2, drop = FALSE]
  list(y = onehot, classes = classes, output_activation = output, loss = loss)
}

# Whether mlp() reads y as class labels: a factor, or a character or logical
# vector. Numbers, integers included, are a regression's targets.
is_labels <- function(y) {
  is.factor(y) || ((is.character(y) || is.logical(y)) && is.null(dim(y)))
}

# list(codes, classes): each sample's class (1, 2, ...; Python: 0, 1, ...)
# and the classes: a factor's levels, a logical's FALSE and TRUE, or the
# values sorted by code point. `known` gives the classes (going on from a
# fit); a label outside them is an error.
as_labels <- function(y, n, known = NULL) {
  categories <- NULL
  if (is.factor(y)) categories <- levels(y)
  # a logical y's classes are FALSE and TRUE, as in Python, even when one is
  # not seen; they stay logical, so that a model file holds them as booleans
  if (is.logical(y) && is.null(dim(y))) categories <- c(FALSE, TRUE)
  if (length(dim(y)) == 2 && ncol(y) == 1) y <- y[, 1]
  if (!is.null(dim(y))) {
    abort("`y` must be one class label per sample, not a %s array.", paste(dim(y), collapse = " x "), arg = "y")
  }
  values <- if (is.factor(y)) as.character(y) else as.vector(y)
  if (length(values) != n) {
    abort("`y` must have as many rows as `X` (%d), not %d.", n, length(values), arg = "y")
  }
  if (anyNA(values)) {
    abort("`y` must not contain NA; found NA at row %d.", which(is.na(values))[1], arg = "y")
  }
  classes <- if (!is.null(known)) known else if (!is.null(categories)) categories else sort(unique(values), method = "radix")
  if (length(classes) < 2) {
    abort("`y` must have at least two classes, not %d class.", length(classes), arg = "y")
  }
  codes <- match(label_text(values), label_text(classes))
  if (anyNA(codes)) {
    abort(
      "`y` must hold only the classes %s; it has %s.", paste(label_text(classes), collapse = ", "),
      label_text(values[is.na(codes)][1]), arg = "y"
    )
  }
  list(codes = codes, classes = classes)
}

# Each sample's weight: its sample weight times its class's weight (NULL
# without either).
row_weights <- function(w, class_weight, y, classes) {
  if (is.null(class_weight)) return(w)
  if (is.null(classes)) {
    abort("`class_weight` is for classes; this outcome is numbers.", arg = "class_weight")
  }
  if (is.character(class_weight)) {
    per_class <- balanced_weights(y)
  } else {
    labels <- label_text(classes)
    unknown <- setdiff(names(class_weight), labels)
    if (length(unknown)) {
      abort(
        "`class_weight` names the class \"%s\", which `y` does not have; its classes are %s.", unknown[1],
        paste(labels, collapse = ", "), arg = "class_weight"
      )
    }
    per_class <- vapply(labels, function(l) if (l %in% names(class_weight)) class_weight[[l]] else 1, numeric(1))
  }
  cw <- unname(per_class[class_of_row(y)])
  if (is.null(w)) cw else w * cw
}

# A given validation set list(X, y, w) as training sees it: scaled, its
# labels as targets. X has the columns of the training matrix.
validation_set <- function(data, s, classes, scale, target_scale, p) {
  if (is.null(data)) return(NULL)
  if (!is.list(data) || is.data.frame(data) || is.object(data) || !length(data) %in% c(2, 3)) {
    must("validation_data", "NULL or a list of `X` and `y` (and their weights)", data)
  }
  Xv <- as_numeric_matrix(data[[1]], "validation_data X")
  if (ncol(Xv) != p) {
    abort(
      "`validation_data` must have %d columns of X, as the training data has, not %d.", p, ncol(Xv),
      arg = "validation_data"
    )
  }
  yv <- read_outcome(data[[2]], nrow(Xv), s, classes, as_classes = !is.null(classes))$y
  yv <- check_y(yv, Xv, s$output_activation, "validation_data y")
  wv <- if (length(data) == 3) check_weights(data[[3]], nrow(Xv), "validation_data weights")
  list(X = apply_scale(Xv, scale), y = apply_scale(yv, target_scale), w = wv)
}

# A regression's outputs in the outcome's units: output * scale + center;
# as they are without a scale.
unscaled <- function(output, scale) {
  if (is.null(scale)) return(output)
  n <- nrow(output)
  output * rep(scale$scale, each = n) + rep(scale$center, each = n)
}

# The layers training starts from: `init` when given (it must fit `hidden`
# and `bias`), else drawn.
initial_layers <- function(init, s, p, o) {
  if (is.null(init)) {
    seed <- check_scheme_seed(s$seed, s$scheme)
    return(draw_layers(s$scheme, c(p, s$hidden, o), seed, s$bias, s$activation))
  }
  layers <- check_network(init, p, o, arg = "init")$layers
  sizes <- hidden_sizes(layers)
  if (!identical(sizes, s$hidden)) {
    abort(
      "`init` must have hidden layers of %s neurons, as `hidden` says, not %s.",
      paste(s$hidden, collapse = ", "), paste(sizes, collapse = ", "), arg = "init"
    )
  }
  if (any(vapply(layers, function(layer) is.null(layer$b) == s$bias, logical(1)))) {
    abort("`init` must %s biases, as `bias` is %s.", if (s$bias) "have" else "not have", s$bias, arg = "init")
  }
  layers
}

# A fit can only go on with the network and optimizer it was trained with.
check_same_network <- function(previous, s, o) {
  fitted <- previous$settings
  if (!identical(as.integer(s$hidden), as.integer(fitted$hidden)) || o != fitted$n_output) {
    abort(
      "`hidden` must be %s, the hidden layers of the fit being continued, not %s.",
      paste(fitted$hidden, collapse = ", "), paste(s$hidden, collapse = ", "), arg = "hidden"
    )
  }
  for (name in c("optimizer", "activation", "output_activation", "loss", "bias")) {
    if (!identical(s[[name]], fitted[[name]])) {
      abort(
        "`%s` must be %s, as in the fit being continued, not %s.", name, describe(fitted[[name]]),
        describe(s[[name]]), arg = name
      )
    }
  }
}

#' @export
print.nnscratch_mlp <- function(x, ...) {
  s <- x$settings
  cat(sprintf("a %s network %s biases\n", architecture(s), if (s$bias) "with" else "without"))
  cat(sprintf("trained for %d epochs at lr = %s\n", length(x$loss), sprintf("%.15g", s$lr)))
  cat(sprintf("final loss: %.6g\n", x$loss[length(x$loss)]))
  if (!is.null(x$classes)) {
    cat(sprintf("classes: %s\n", paste(label_text(x$classes), collapse = ", ")))
  }
  invisible(x)
}

#' Summarise a fitted network, weight by weight
#'
#' Prints the architecture, the training settings and the loss, then the
#' weights grouped by the neuron they feed, named as nnet names them
#' (`b->h1`, `i1->h1`, ..., `h1->o1`; see [coef.nnscratch_mlp()]). Python's
#' `summary()` prints the same text.
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
#' summary(mlp(s$X, s$y, hidden = 3, init = s$init, output_activation = "sigmoid", epochs = 100))
#' @export
summary.nnscratch_mlp <- function(object, ...) {
  cf <- coef(object)
  to <- vapply(strsplit(names(cf), "->", fixed = TRUE), `[`, character(1), 2)
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
    cat(sprintf("classes: %s\n", paste(label_text(x$classes), collapse = ", ")))
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
#'   that scales its inputs (`scale`) scales `newdata` with its training
#'   centre and scale first, as Python does.
#' @param type `"raw"` for the network's outputs, n x o (as nnet's `"raw"`;
#'   Python: `predict_raw`), in the outcome's units for a regression (its
#'   predictions); `"prob"` for the probability of each class, n x k, rows
#'   summing to 1 (Python: `predict_proba`); `"class"` for the class of each
#'   row (Python: `predict`). A regression has no classes nor
#'   probabilities: `"class"` and `"prob"` are errors.
#' @param na.action For a formula fit, what to do with the rows of `newdata`
#'   that hold `NA` in a predictor, as [stats::predict.lm()] does:
#'   [stats::na.pass()], the default, and [stats::na.exclude()] predict `NA`
#'   for them in their place (nnet's `predict()` does the same);
#'   [stats::na.omit()] drops them; [stats::na.fail()] makes them an error.
#'   The matrix and data frame fits refuse `NA`, as Python does.
#' @param ... Not used.
#' @section Probabilities:
#' With one output p (two classes), the probabilities are `1 - p` and `p`.
#' With several outputs: a softmax output's are its outputs; the sigmoid
#' outputs of one-hot classes (the article's network) are divided by their
#' row's sum, so they sum to 1 (a row whose outputs all underflow to 0 gets
#' `1 / k` each).
#' @section Classes:
#' For a model fitted to a factor, a factor with its levels: the second
#' level when the single output is > 0.5, the level of the largest output
#' when there are several. Otherwise `output > 0.5` as 0/1 for one output
#' and the index of the largest output for several. The class is always the
#' column of the largest probability.
#' @return A matrix (`"raw"`, `"prob"`), or a factor or an integer vector
#'   (`"class"`), one row or element per row of `newdata`. The matrices'
#'   rows have the row names of `newdata`; the columns of `"prob"` are the
#'   classes, those of `"raw"` the classes when each has an output, or the
#'   outcome's names (a formula's response, or the columns of `y`; see
#'   [coef.nnscratch_mlp()]).
#' @examples
#' X <- as.matrix(iris[1:4])
#' fit <- mlp(X, iris$Species, seed = 1, epochs = 50)
#' head(predict(fit, X))
#' head(predict(fit, X, type = "prob"))
#' head(predict(fit, X, type = "class"))
#' @export
predict.nnscratch_mlp <- function(object, newdata, type = c("raw", "class", "prob"), na.action = stats::na.pass,
                                  ...) {
  if (identical(type, c("raw", "class", "prob"))) type <- "raw"
  type <- check_choice(type, "type", c("raw", "class", "prob"))
  check_fitted(object)
  if (type == "prob" && is_regression(object)) {
    abort("Probabilities are for classes; this model is a regression, whose predictions are numbers.", arg = "type")
  }
  if (type == "class" && is_regression(object)) {
    abort(
      "Classes are predicted for a model of classes; this model is a regression, whose predictions are numbers.",
      arg = "type"
    )
  }
  X <- mlp_newdata(object, newdata, na.action)
  # the rows that na.action kept with NA are predicted as NA, in their place
  rows <- stats::complete.cases(X)
  output <- if (any(rows)) mlp_output(object, X[rows, , drop = FALSE]) else matrix(0, 0, object$settings$n_output)
  if (type == "class") {
    result <- output_classes(output, object$classes)[match(seq_len(nrow(X)), which(rows))]
  } else {
    if (type == "prob") {
      output <- output_probabilities(output, object$settings$output_activation)
      names <- if (!is.null(object$classes)) label_text(object$classes)
    } else {
      names <- named_outputs(object)
    }
    result <- matrix(NA_real_, nrow(X), ncol(output))
    result[rows, ] <- output
    if (!is.null(rownames(X)) || !is.null(names)) dimnames(result) <- list(rownames(X), names)
  }
  # na.exclude's rows come back as NA, in their place
  stats::napredict(attr(X, "na.action"), result)
}

# The message of Python's NotFittedError, for a model without trained layers
# (e.g. built by hand).
not_fitted <- "This model is not fitted yet: call `fit` (R: `mlp()`) before predicting."

check_fitted <- function(object) {
  if (is.null(object$layers)) {
    stop(structure(
      class = c("nnscratch_not_fitted", "nnscratch_error", "error", "condition"),
      list(message = not_fitted, call = NULL, arg = NULL, expected = NULL, given = NULL, subject = NULL)
    ))
  }
}

# Whether the model predicts numbers: a regressor (a model loaded from
# Python's MLPRegressor), or one whose output is not of probabilities.
is_regression <- function(object) {
  if (object$role != "either") return(object$role == "regressor")
  !activations[[object$settings$output_activation]]$probability
}

# The network's output for the checked matrix X, in the outcome's units.
mlp_output <- function(object, X) {
  s <- object$settings
  a <- forward_layers(object$layers, X, s$activation, s$output_activation, s$exact)$a
  unscaled(a[[length(a)]], object$target_scale)
}

# The layer sizes as "p-h1-...-o", and the activations when they are not the
# article's.
architecture <- function(settings) {
  sizes <- paste(c(settings$n_input, settings$hidden, settings$n_output), collapse = "-")
  names <- c(settings$activation, settings$output_activation)
  if (any(names != article_activation)) sizes <- sprintf("%s (%s)", sizes, paste(names, collapse = ", "))
  sizes
}

# Turn `newdata` into the matrix the network was trained on, scaled as the
# training inputs were: through the hardhat blueprint by name (a data frame,
# or a named matrix for a matrix fit), by position otherwise (unnamed
# columns, or a model read from a file, whose data frames are taken by
# column name). Its rows keep the row names of `newdata`. For a formula fit,
# `na.action` decides about the rows with NA: they may stay, as NA rows
# (na.pass), or go (na.omit, na.exclude, which say so in the attribute
# "na.action").
mlp_newdata <- function(object, newdata, na.action = NULL) {
  bp <- object$blueprint
  rows <- if (is.data.frame(newdata)) row.names(newdata) else rownames(newdata)
  if (!is.data.frame(newdata)) newdata <- as_numeric_matrix(newdata, "newdata")
  by_name <- !is.null(bp$hardhat) && !is.null(bp$feature_names) &&
    (is.data.frame(newdata) || (!is.null(colnames(newdata)) && !isTRUE(bp$formula)))
  if (by_name) {
    needed <- names(bp$hardhat$ptypes$predictors)
    lacking <- setdiff(needed, colnames(newdata))
    if (length(lacking)) {
      abort(
        "`newdata` must have the columns the model was trained on; it lacks %s.",
        paste(sprintf("`%s`", lacking), collapse = ", "), arg = "newdata"
      )
    }
    newdata <- tryCatch(
      without_intercept(as.matrix(hardhat::forge(newdata, bp$hardhat)$predictors)),
      error = function(e) abort("`newdata` does not fit the training data: %s", conditionMessage(e), arg = "newdata")
    )
  } else if (is.data.frame(newdata)) {
    if (!is.null(bp$feature_names) && all(bp$feature_names %in% names(newdata))) {
      newdata <- newdata[bp$feature_names]
    }
  }
  kept <- NULL
  if (isTRUE(bp$formula) && is.matrix(newdata) && !is.null(na.action)) {
    if (!is.null(rows)) rownames(newdata) <- rows
    newdata <- na.action(newdata)
    kept <- attr(newdata, "na.action")
    # the NA that na.action lets through are predicted as NA: the check
    # looks at the other values
    missing <- is.na(newdata)
    checked <- as_numeric_matrix(replace(newdata, missing, 0), "newdata")
    newdata <- replace(checked, missing, NA)
  } else {
    newdata <- as_numeric_matrix(newdata, "newdata")
    if (!is.null(rows)) rownames(newdata) <- rows
  }
  check_n_features(newdata, object$settings$n_input, "newdata")
  structure(apply_scale(newdata, object$scale), na.action = kept)
}

# The message holds the words of scikit-learn's check, in both languages.
check_n_features <- function(X, p, arg) {
  if (ncol(X) != p) {
    abort(
      paste(
        "`%s` must have %d columns, as the training data had, not %d.",
        "X has %d features, but nnscratch is expecting %d features as input."
      ),
      arg, p, ncol(X), ncol(X), p, arg = arg
    )
  }
}

#' The weights of a fitted network, named as nnet names them
#'
#' Python's `coef()` returns the same names and numbers.
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param ... Not used.
#' @return A named numeric vector: for each hidden neuron `hj`, its bias
#'   `b->hj` and its weights from the inputs, named by the inputs' names when
#'   the model has them (`i1->hj`, ... otherwise); then for each output its
#'   bias and its weights `h1->...`, .... An output is named by its class
#'   when each class has an output, else by the outcome's name when the fit
#'   knows it (a formula's response, such as `mpg` in `mpg ~ .`, or a column
#'   name of `y`), else `o1`, `o2`, .... With several hidden layers, the
#'   neurons of hidden layer l are `hl_1`, `hl_2`, ... (`b->h1_1`,
#'   `i1->h1_1`, ..., `h2_3->o1`).
#' @examples
#' X <- as.matrix(iris[1:4])
#' coef(mlp(X, iris$Species, hidden = 2, epochs = 10, seed = 1))
#' @export
coef.nnscratch_mlp <- function(object, ...) {
  check_fitted(object)
  layers <- object$layers
  L <- length(layers)
  inputs <- object$blueprint$feature_names
  outputs <- output_names(object)
  unlist(lapply(seq_len(L), function(l) {
    w <- layers[[l]]$W
    b <- layers[[l]]$b
    from <- if (l > 1) paste0(hidden_name(l - 1, L), seq_len(nrow(w))) else if (!is.null(inputs)) inputs else
      paste0("i", seq_len(nrow(w)))
    to <- if (l == L) outputs else paste0(hidden_name(l, L), seq_len(ncol(w)))
    unlist(lapply(seq_len(ncol(w)), function(j) {
      v <- c(if (!is.null(b)) b[1, j], w[, j])
      names(v) <- paste0(c(if (!is.null(b)) "b", from), "->", to[j])
      v
    }))
  }))
}

# The names of the outputs: those of named_outputs(), else "o1", ....
output_names <- function(object) {
  named_outputs(object) %||% paste0("o", seq_len(object$settings$n_output))
}

# The outputs' names when the fit has them: the classes for one-hot classes,
# else the outcome's names; NULL otherwise.
named_outputs <- function(object) {
  o <- object$settings$n_output
  classes <- object$classes
  outcome <- object$blueprint$outcome_names
  if (!is.null(classes) && length(classes) == o) return(label_text(classes))
  if (length(outcome) == o) return(outcome)
  NULL
}

# The prefix of the neurons of hidden layer `depth`: nnet's "h" with one
# hidden layer, "h<depth>_" with several.
hidden_name <- function(depth, n_layers) {
  if (n_layers == 2) "h" else sprintf("h%d_", depth)
}
