# What the outputs mean: classes, probabilities and scores, by one rule. Twin
# of python/src/nnscratch/predictions.py.
#
# mlp()'s predict(), the plots' decision boundaries and the validation scores
# of training all take the class of a row from here.

# The class of each row of `output` (n x o): the threshold 0.5 for one
# output, the arg-max for several. Without `classes`, 0/1 for one output and
# the column's index, 1, 2, ..., for several (Python: 0, 1, ...); with them,
# a factor of their labels.
output_classes <- function(output, classes = NULL) {
  k <- if (ncol(output) == 1) as.integer(output[, 1] > 0.5) + 1L else max.col(output, ties.method = "first")
  if (is.null(classes)) return(if (ncol(output) == 1) k - 1L else k)
  factor(classes[k], levels = classes)
}

# The probability of each class, n x k, from the outputs; see the section
# Probabilities of ?predict.nnscratch_mlp. One output p gives [1 - p, p]; a
# softmax output's rows already sum to 1; other outputs of probabilities
# (one-hot sigmoids) are divided by their row's sum (a row whose outputs all
# underflow to 0 gets 1/k each).
output_probabilities <- function(output, output_activation) {
  if (!activations[[output_activation]]$probability) {
    outputs <- activation_names("output")
    probabilities <- outputs[vapply(outputs, function(a) activations[[a]]$probability, logical(1))]
    abort("Probabilities need a %s output, not \"%s\".", one_of(probabilities), output_activation, arg = "type")
  }
  if (ncol(output) == 1) return(cbind(1 - output, output, deparse.level = 0))
  if (activations[[output_activation]]$rowwise) return(output)
  total <- rowSums(output)
  p <- output / total
  p[total == 0, ] <- 1 / ncol(output)
  p
}

# The (weighted) share of rows whose class, by output_classes(), is the
# class of the targets y.
accuracy <- function(y, output, w = NULL) {
  right <- as.double(output_classes(output) == output_classes(y))
  if (is.null(w)) return(kernels$total(right) / length(right))
  kernels$total(right * w) / kernels$total(w)
}

# R^2, 1 - SS_res / SS_tot over all outputs (weighted when w is given), as
# scikit-learn's r2_score with multioutput = "variance_weighted"; for
# constant targets, 1 when they are predicted exactly and 0 otherwise.
r_squared <- function(y, output, w = NULL) {
  if (is.null(w)) w <- rep(1, nrow(y))
  mean <- kernels$col_sums(y * w) / kernels$total(w)
  e <- y - output
  d <- y - rep(mean, each = nrow(y))
  res <- kernels$total(e * e * w)
  tot <- kernels$total(d * d * w)
  if (tot == 0) return(if (res == 0) 1 else 0)
  1 - res / tot
}

# The score of the outputs: accuracy for an output of probabilities, R^2
# otherwise.
score <- function(y, output, output_activation, w = NULL) {
  if (activations[[output_activation]]$probability) return(accuracy(y, output, w))
  r_squared(y, output, w)
}
