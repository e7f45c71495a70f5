# The peers' formats: a network from nnet or neuralnet, a network handed back
# to nnet, and what each peer can hold. Twin of
# python/src/nnscratch/peers.py.
#
# Each peer holds the same network in its own layout; nnscratch reads and
# writes them, so that a network can be checked against the library a user
# already trusts, or taken elsewhere. Shapes are nnscratch's (see
# R/layers.R): a layer is list(W = fan_in x fan_out, b = 1 x fan_out or
# NULL).
#
# - nnet: one vector, for each hidden unit its bias and then its weights
#   from the inputs, then for each output its bias and then its weights from
#   the hidden units (the order of summary.nnet: b->h1, i1->h1, ...).
# - neuralnet: `weights[[rep]]`, one matrix per layer whose first row is
#   the biases and the others W.
#
# `peers` is the one list of the peers and of what each can hold;
# peer_problem() reads it, and every function that hands a network to a
# peer refuses, with its words, a network the peer cannot hold. In both
# languages: `peers`, peer_problem(), to_nnet() and from_nnet(). Here only, as
# its library is R's: from_neuralnet(). In Python only, as their libraries
# are Python's: from_sklearn(), to_sklearn(), to_torch(), from_torch() and
# save_onnx(); a model saved here with save_model() loads there, and the
# command line `nnscratch export model.json model.onnx` writes its ONNX
# graph.
#
# nnet and neuralnet are not needed: a fit is read as the list it is.

#' @include mlp.R
NULL

peer_entry <- function(label, hidden, one_layer, one_activation, biases, scale, classes) {
  list(
    # how messages name it; the hidden activations it has (NULL: all of
    # nnscratch's)
    label = label, hidden = hidden,
    # whether it has one hidden layer only, one activation for all of them,
    # biases always, and a scale of the inputs inside the model
    one_layer = one_layer, one_activation = one_activation, biases = biases, scale = scale,
    # whether its classifiers take classes as scikit-learn's do: one sigmoid
    # output for two classes, one softmax output per class for more
    classes = classes
  )
}

peers <- list(
  sklearn = peer_entry("scikit-learn", NULL, FALSE, TRUE, TRUE, FALSE, TRUE),
  nnet = peer_entry("nnet", logistic_activation, TRUE, FALSE, TRUE, FALSE, FALSE),
  torch = peer_entry("torch", NULL, FALSE, FALSE, FALSE, FALSE, FALSE),
  onnx = peer_entry("ONNX", NULL, FALSE, FALSE, FALSE, TRUE, FALSE)
)

check_model <- function(model) {
  if (!inherits(model, "nnscratch_mlp") || is.null(model$layers)) {
    abort("`model` must be a fitted nnscratch network, not %s.", describe(model), arg = "model")
  }
  model
}

#' Check a network against the peers
#'
#' `peer_problem()` says why a peer cannot hold `model`, in one sentence
#' (the same words as Python's `peer_problem`); `to_nnet()` gives the weights
#' of `model` in nnet's order, and `from_nnet()` and `from_neuralnet()` read
#' a fitted nnet or neuralnet into an nnscratch model that predicts what
#' they predict.
#'
#' The peers are `"sklearn"` (scikit-learn's MLP: one activation for all the
#' hidden layers, biases, one sigmoid output for two classes and a softmax
#' output per class for more), `"nnet"` (one hidden layer of sigmoid units,
#' biases), `"torch"` and `"onnx"`; none but ONNX holds a scale inside the
#' model (fit with `scale = "none"` on data scaled beforehand). The
#' functions for scikit-learn, torch and ONNX are Python's
#' (`nnscratch.to_sklearn`, ...): a model saved with [save_model()] loads
#' there, and the command line `nnscratch export model.json model.onnx`
#' writes its ONNX graph.
#'
#' `to_nnet()`'s weights go to `nnet(x, y, size, Wts = to_nnet(model), maxit
#' = 0)`, with the same outputs: `linout = TRUE` for an identity output,
#' `softmax = TRUE` for a softmax one, `entropy = TRUE` or not for a sigmoid
#' one (it changes the training, not the predictions).
#'
#' `from_nnet()` refuses a fit with skip-layer connections (`skip = TRUE`).
#' The model is a classifier when the fit has the levels of a factor
#' outcome (`lev`), a regression for linear outputs, and otherwise an
#' [mlp()] fit of numeric targets. Its output is softmax, the identity
#' (`linout`) or the sigmoid; its loss nnet's (the log-loss for `entropy`
#' and `softmax`, half the summed squares otherwise), summed over the
#' samples; its `decay` in nnscratch's units: nnet's criterion is the sum of
#' squares (not half of it) or the log-loss, plus `decay * sum(w^2)` over
#' every weight, the biases too, where nnscratch adds `decay / 2 *
#' sum(W^2)` over the weights only. Its loss has one epoch: nnet's final
#' `value`, in the same units.
#'
#' `from_neuralnet()` reads `fit$weights[[rep]]`, `act.fct` ("logistic" or
#' "tanh") and `linear.output`; the model is a regression for a linear
#' output, an [mlp()] fit of numeric targets otherwise. Its loss has one
#' epoch, neuralnet's final error (half the summed squares, or the summed
#' log-loss for `err.fct = "ce"`).
#'
#' @param model A fitted `nnscratch_mlp`.
#' @param peer One of `"sklearn"`, `"nnet"`, `"torch"` or `"onnx"`.
#' @param fit A fitted `nnet` (from [nnet::nnet()]), or a fitted `nn` (from
#'   `neuralnet::neuralnet()`).
#' @param rep Which of neuralnet's repetitions to read.
#' @return `peer_problem()`: a string, or `NULL` when the peer can hold
#'   `model`. `to_nnet()`: a numeric vector of `(p + 1) * h + (h + 1) * o`
#'   weights. `from_nnet()`, `from_neuralnet()`: an `nnscratch_mlp`.
#' @examples
#' X <- scale(as.matrix(iris[1:4]))
#' fit <- mlp(X, iris$Species, hidden = 3, activation = "sigmoid", scale = "none", lr = 0.02,
#'            epochs = 200, seed = 1)
#' peer_problem(fit, "nnet")
#' peer_problem(fit, "onnx")
#' if (requireNamespace("nnet", quietly = TRUE)) {
#'   theirs <- nnet::nnet(X, nnet::class.ind(iris$Species), size = 3, softmax = TRUE,
#'                        Wts = to_nnet(fit), maxit = 0, trace = FALSE)
#'   print(max(abs(predict(theirs, X) - predict(fit, X, type = "prob"))))
#'   back <- from_nnet(theirs)
#'   print(identical(to_nnet(back), theirs$wts))
#' }
#' @export
peer_problem <- function(model, peer) {
  check_model(model)
  if (!is.character(peer) || length(peer) != 1 || !peer %in% names(peers)) must("peer", one_of(names(peers)), peer)
  entry <- peers[[peer]]
  s <- model$settings
  hidden <- s$activation
  if (entry$one_layer && length(hidden) != 1) {
    return(sprintf("`model` has %d hidden layers; %s has one.", length(hidden), entry$label))
  }
  wrong <- if (is.null(entry$hidden)) character() else setdiff(hidden, entry$hidden)
  if (length(wrong)) {
    return(sprintf(
      "`model` has a %s hidden layer; %s's hidden layers are %s.", wrong[1], entry$label,
      paste(entry$hidden, collapse = " or ")
    ))
  }
  if (entry$one_activation && length(unique(hidden)) > 1) {
    return(sprintf(
      "`model`'s hidden layers use %s; %s uses one activation for all of them.", paste(hidden, collapse = ", "),
      entry$label
    ))
  }
  if (entry$biases && !s$bias) return(sprintf("`model` has no biases; %s's layers always have them.", entry$label))
  if (!entry$scale && (!is.null(model$scale) || !is.null(model$target_scale))) {
    return(sprintf(
      paste(
        "`model` scales its data inside the model, which %s cannot hold; fit it with scale = \"none\" on data",
        "scaled beforehand."
      ),
      entry$label
    ))
  }
  out <- s$output_activation
  o <- s$n_output
  if (entry$classes && (!is.null(model$classes) || activations[[out]]$probability)) {
    k <- if (!is.null(model$classes)) length(model$classes) else max(2, o)
    if (!((k == 2 && o == 1 && out == binary_output) || (k > 2 && o == k && out == multiclass_output))) {
      return(sprintf(
        paste(
          "`model` has %d %s outputs for %d classes; %s has one sigmoid output for two classes, one softmax",
          "output per class for more."
        ),
        o, out, k, entry$label
      ))
    }
  }
  NULL
}

check_peer <- function(model, peer) {
  problem <- peer_problem(model, peer)
  if (!is.null(problem)) abort("%s", problem, arg = "model")
  model
}

# The estimator a peer's network becomes: a classifier with classes, a
# regressor with an identity output, an mlp() of targets otherwise.
peer_role <- function(output_activation, classes) {
  if (!is.null(classes)) return(roles[1])
  if (activations[[output_activation]]$probability) roles[3] else roles[2]
}

# The fitted model of a peer's network, built by new_mlp() as load_model()
# builds one. `given` holds the settings the peer says (the activations and
# the loss at least); the others are the estimator's defaults. `loss` is the
# loss of each epoch that the peer kept (at least one number).
peer_model <- function(layers, given, loss, classes = NULL, names = NULL) {
  role <- peer_role(given$output_activation, classes)
  hidden <- hidden_sizes(layers)
  s <- defaults(if (role == roles[3]) "article" else "default")
  s$hidden <- hidden
  s$bias <- !is.null(layers[[1]]$b)
  s$scale <- "none"
  s["batch_size"] <- list(NULL)
  s$dropout <- rep(0, length(hidden))
  s[names(given)] <- given
  # the epochs the peer was given, else the ones its loss curve holds
  s$epochs <- if ("epochs" %in% names(given)) max(s$epochs, length(loss)) else length(loss)
  fit <- list(
    params = layers, settings = s, loss = as.double(loss),
    history = list(lr = rep(s$lr, length(loss)), validation_loss = NULL, validation_score = NULL),
    trace = list(), state = loaded_state(s, layers, length(loss)), stopped = NULL
  )
  blueprint <- list(feature_names = names, formula = FALSE, hardhat = NULL)
  new_mlp(fit, s, classes, NULL, NULL, blueprint, role)
}

# ---- nnet (both languages) ----

# The two layers held in nnet's weight vector `wts`, for n = c(inputs,
# hidden units, outputs).
nnet_layers <- function(wts, n) {
  p <- n[1]
  h <- n[2]
  o <- n[3]
  # column j of each block is unit j's bias and then its weights
  hidden <- matrix(wts[seq_len((p + 1) * h)], p + 1, h)
  output <- matrix(wts[(p + 1) * h + seq_len((h + 1) * o)], h + 1, o)
  list(
    list(W = hidden[-1, , drop = FALSE], b = hidden[1, , drop = FALSE]),
    list(W = output[-1, , drop = FALSE], b = output[1, , drop = FALSE])
  )
}

#' @rdname peer_problem
#' @export
to_nnet <- function(model) {
  check_peer(model, "nnet")
  unlist(lapply(model$layers, function(layer) as.vector(rbind(layer$b, layer$W))))
}

#' @rdname peer_problem
#' @export
from_nnet <- function(fit) {
  needed <- c("n", "wts", "nunits", "nsunits", "softmax", "entropy", "decay")
  if (!inherits(fit, "nnet") || !all(needed %in% names(fit))) must("fit", "a fitted nnet", fit)
  n <- as.integer(fit$n)
  wts <- as.double(fit$wts)
  p <- n[1]
  h <- n[2]
  o <- n[3]
  if (h == 0 || length(wts) != (p + 1) * h + (h + 1) * o) {
    abort(
      "`fit` has skip-layer connections (skip = TRUE); nnscratch's layers connect each layer to the next only.",
      arg = "fit"
    )
  }
  softmax <- isTRUE(as.logical(fit$softmax))
  linout <- fit$nsunits < fit$nunits
  output <- if (softmax) multiclass_output else if (linout) regression_output else logistic_activation
  entropy <- softmax || isTRUE(as.logical(fit$entropy))
  lev <- fit$lev
  classes <- NULL
  if (!is.null(lev) && ((o == 1 && length(lev) == 2) || (softmax && length(lev) == o))) classes <- as.character(lev)
  # nnet minimizes the sum of squares (not half of it) or the log-loss, plus
  # decay * sum(w^2); nnscratch's half_sse and decay / 2 * sum(W^2)
  decay <- fit$decay * (if (entropy) 2 else 1)
  loss <- if (is.null(fit$value)) NaN else fit$value / (if (entropy) 1 else 2)
  given <- list(
    activation = logistic_activation, output_activation = output,
    loss = if (entropy) classification_loss else article_loss, reduction = article_reduction, decay = decay
  )
  peer_model(nnet_layers(wts, n), given, loss, classes, fit$coefnames)
}

# ---- neuralnet (R only) ----

#' @rdname peer_problem
#' @export
from_neuralnet <- function(fit, rep = 1) {
  if (!inherits(fit, "nn") || !is.list(fit$weights) || !length(fit$weights)) {
    must("fit", "a fitted neuralnet", fit)
  }
  if (!is_whole(rep) || rep < 1 || rep > length(fit$weights)) {
    must("rep", sprintf("a whole number from 1 to %d", length(fit$weights)), rep)
  }
  weights <- fit$weights[[rep]]
  type <- attr(fit$act.fct, "type")
  activation <- if (is.character(type) && length(type) == 1) from_peer(type, "neuralnet") else NA_character_
  if (is.na(activation)) {
    abort("`fit` has an activation of its own; nnscratch reads neuralnet's \"logistic\" and \"tanh\".", arg = "fit")
  }
  if (length(weights) < 2) abort("`fit` has no hidden layer; nnscratch's networks have one at least.", arg = "fit")
  if (anyNA(unlist(weights))) abort("`fit` has excluded weights (NA); nnscratch's layers are complete.", arg = "fit")
  output <- if (isTRUE(fit$linear.output)) regression_output else activation
  if (!output %in% activation_names("output")) {
    abort("`fit` has a %s output, which nnscratch does not have.", output, arg = "fit")
  }
  layers <- lapply(weights, function(w) list(W = w[-1, , drop = FALSE], b = w[1, , drop = FALSE]))
  err <- attr(fit$err.fct, "type")
  given <- list(
    activation = rep(activation, length(layers) - 1), output_activation = output,
    loss = if (identical(err, "ce") && activations[[output]]$probability) classification_loss else article_loss,
    reduction = article_reduction,
    decay = 0
  )
  # neuralnet's error is nnscratch's loss: half the summed squares, or the summed log-loss
  error <- if ("error" %in% rownames(fit$result.matrix)) fit$result.matrix["error", rep] else NaN
  peer_model(layers, given, error, NULL, fit$model.list$variables)
}
