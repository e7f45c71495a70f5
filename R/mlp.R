# The model-level interface: mlp() and its S3 methods. Twin of
# python/src/nnscratch/mlp.py (class MLP).

#' Fit the article's network
#'
#' Draws initial weights with [init_params()] (or takes `init`), trains with
#' [train()] and returns a fitted model.
#'
#' @param X A numeric matrix or data frame, n x p, one row per sample.
#' @param y A numeric matrix, data frame or vector of targets in \[0, 1\],
#'   n x o.
#' @param hidden The number of hidden neurons, a whole number >= 1.
#' @param lr The learning rate, a positive number.
#' @param epochs The number of epochs, a positive whole number.
#' @param bias Whether the network has biases.
#' @param init Initial weights, a `params` list (see [train_step()]); `NULL`
#'   draws them with [init_params()].
#' @param seed,scheme Passed to [init_params()] when `init` is `NULL`.
#' @param trace_every Passed to [train()].
#' @param ... Not used.
#' @return An object of class `nnscratch_mlp`: a list with `params`, `loss`
#'   (one value per epoch), `trace`, and `settings` (the arguments above).
#' @examples
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, hidden = 3, lr = 0.1, epochs = 5000, init = s$init)
#' fit
#' predict(fit, s$X)
#' @export
mlp <- function(X, ...) {
  UseMethod("mlp")
}

#' @rdname mlp
#' @export
mlp.default <- function(X, y, hidden = 3, lr = 0.1, epochs = 5000, bias = TRUE,
                        init = NULL, seed = NULL, scheme = "article_r",
                        trace_every = 0, ...) {
  if (is.data.frame(X)) X <- as.matrix(X)
  if (is.data.frame(y)) y <- as.matrix(y)
  X <- as_numeric_matrix(X, "X")
  y <- check_y(y, X)
  hidden <- check_hidden(hidden)
  bias <- check_flag(bias, "bias")
  if (is.null(init)) {
    init <- init_params(ncol(X), hidden, ncol(y), seed = seed, scheme = scheme, bias = bias)
  }
  init <- check_params(init, ncol(X), ncol(y))
  if (ncol(init$wh) != hidden) {
    abort("`init$wh` must have `hidden` (%d) columns, not %d.", hidden, ncol(init$wh))
  }
  if (is.null(init$bh) == bias) {
    abort("`init` must %s biases, as `bias` is %s.", if (bias) "have" else "not have", bias)
  }
  fit <- train(init, X, y, lr = lr, epochs = epochs, trace_every = trace_every)
  structure(
    list(
      params = fit$params,
      loss = fit$loss,
      trace = fit$trace,
      settings = list(
        n_input = ncol(X), hidden = hidden, n_output = ncol(y), lr = lr,
        epochs = as.integer(epochs), bias = bias, seed = seed, scheme = scheme
      )
    ),
    class = "nnscratch_mlp"
  )
}

#' @export
print.nnscratch_mlp <- function(x, ...) {
  s <- x$settings
  cat(sprintf(
    "a %d-%d-%d network %s biases\n",
    s$n_input, s$hidden, s$n_output, if (s$bias) "with" else "without"
  ))
  cat(sprintf("trained for %d epochs at lr = %s\n", s$epochs, format(s$lr)))
  cat(sprintf("final loss: %.6g\n", x$loss[length(x$loss)]))
  invisible(x)
}

#' Predict from a fitted network
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param newdata A numeric matrix or data frame with the columns the model
#'   was trained on.
#' @param type `"raw"` for the network's outputs, n x o; `"class"` for the
#'   class of each row: `output > 0.5` as 0/1 for one output, the index of the
#'   largest output for several.
#' @param ... Not used.
#' @return A matrix (`"raw"`) or an integer vector (`"class"`).
#' @examples
#' s <- load_scenario("article")
#' fit <- mlp(s$X, s$y, init = s$init)
#' predict(fit, s$X)
#' predict(fit, s$X, type = "class")
#' @export
predict.nnscratch_mlp <- function(object, newdata, type = c("raw", "class"), ...) {
  type <- match.arg(type)
  if (is.data.frame(newdata)) newdata <- as.matrix(newdata)
  newdata <- as_numeric_matrix(newdata, "newdata")
  p <- object$settings$n_input
  if (ncol(newdata) != p) {
    abort(
      "`newdata` must have %d columns, as the training data had, not %d.",
      p, ncol(newdata)
    )
  }
  output <- forward_impl(object$params, newdata)$output
  if (type == "raw") return(output)
  if (ncol(output) == 1) as.integer(output > 0.5) else max.col(output, ties.method = "first")
}

#' The weights of a fitted network, named as nnet names them
#'
#' @param object A fitted `nnscratch_mlp` from [mlp()].
#' @param ... Not used.
#' @return A named numeric vector: for each hidden neuron `hj`, its bias
#'   `b->hj` and its weights `i1->hj`, ...; then for each output `ok`, its
#'   bias `b->ok` and its weights `h1->ok`, ....
#' @examples
#' s <- load_scenario("article")
#' coef(mlp(s$X, s$y, init = s$init, epochs = 10))
#' @export
coef.nnscratch_mlp <- function(object, ...) {
  p <- object$params
  layer <- function(w, b, from, to) {
    unlist(lapply(seq_len(ncol(w)), function(j) {
      v <- c(if (!is.null(b)) b[1, j], w[, j])
      names(v) <- paste0(c(if (!is.null(b)) "b", paste0(from, seq_len(nrow(w)))), "->", to, j)
      v
    }))
  }
  c(layer(p$wh, p$bh, "i", "h"), layer(p$wout, p$bout, "h", "o"))
}
