# The activations registry: each a function, its derivative taken from the
# activation, and its roles. Twin of python/src/nnscratch/activations.py.
#
# As in the article, a derivative takes the activation a = f(z), not z:
# `derivatives_sigmoid(output)` is Step 6. scikit-learn's
# inplace_logistic_derivative does the same. Softmax has no elementwise
# derivative; its backward step is the product with its Jacobian, in
# backward().
#
# `activations` is the one list of their names: the argument checks, the
# model-file reader and the plots' labels are built from it. Adding an
# activation is one entry here (and its twin in Python).

sigmoid_f <- function(z, exact = FALSE) {
  # 1 / (1 + exp(-z)): plogis() computes exactly that in C, with the C
  # library's exp (kernels$exp's in both modes), in one pass and without
  # the three temporaries; test-activations.R checks that the bits are the
  # same.
  stats::plogis(z)
}

sigmoid_slope <- function(a) {
  a * (1 - a)
}

tanh_f <- function(z, exact = FALSE) {
  kernels$tanh(z, exact)
}

tanh_slope <- function(a) {
  # tanh'(z) = 1 - tanh(z)^2
  1 - a * a
}

relu_f <- function(z, exact = FALSE) {
  z[z < 0] <- 0
  z
}

relu_slope <- function(a) {
  # 1 where the unit is on; at z = 0 the slope is taken as 0, as PyTorch and
  # scikit-learn take it
  (a > 0) + 0
}

identity_f <- function(z, exact = FALSE) {
  z
}

identity_slope <- function(a) {
  array(1, dim(a))
}

softmax_f <- function(z, exact = FALSE) {
  # exp(z - max) cannot overflow, and gives the same probabilities; the row
  # maxima are taken column by column (max.col() would use a tolerance)
  m <- z[, 1]
  for (j in seq_len(ncol(z))[-1]) m <- pmax(m, z[, j])
  e <- kernels$exp(z - m, exact)
  e / kernels$row_sums(e, exact)
}

# A test of whether every input z of an output lies beyond +-limit, where its
# slope is nearly 0.
beyond <- function(limit) {
  force(limit)
  function(z) all(is.finite(z)) && all(abs(z) > limit)
}

# One entry of the registry:
# - f(z, exact), and slope(a), the derivative from the activation (NULL for
#   softmax, see backward());
# - hidden and output: whether it may be a hidden layer's, and the output's;
# - probability and rowwise: as an output, whether its outputs are
#   probabilities (targets in [0, 1], classes), and whether each row of them
#   sums to 1;
# - saturated(z): as an output, whether every sample's input z leaves it with
#   almost no slope, so that a step hardly moves it; NULL where that cannot
#   happen;
# - sheet: the same rule in a spreadsheet's cell (see sheet_entry()); NULL
#   where export_steps() cannot write it;
# - peers: its name in the peers that have it (scikit-learn's, neuralnet's;
#   torch's module; ONNX's operator, NA where the graph needs none).
activation_entry <- function(f, slope, hidden, output, probability, rowwise, saturated, sheet = NULL,
                             peers = list()) {
  list(
    f = f, slope = slope, hidden = hidden, output = output, probability = probability,
    rowwise = rowwise, saturated = saturated, sheet = sheet, peers = peers
  )
}

# An activation in a spreadsheet cell (export_steps()): the formula of f(z)
# and of the slope from a = f(z), with {x} the cell and {row} its row of the
# block, and the article's words for them; no slope for softmax.
sheet_entry <- function(f, slope, f_text, slope_text) {
  list(f = f, slope = slope, f_text = f_text, slope_text = slope_text)
}

# A sigmoid whose input z has |z| > 15 has a slope a * (1 - a) below 3.1e-7.
sigmoid_saturation <- 15

activations <- list(
  sigmoid = activation_entry(
    sigmoid_f, sigmoid_slope, TRUE, TRUE, TRUE, FALSE, beyond(sigmoid_saturation),
    sheet_entry("1/(1+EXP(-{x}))", "{x}*(1-{x})", "sigmoid({x})", "derivatives_sigmoid({x})"),
    list(sklearn = "logistic", neuralnet = "logistic", torch = "Sigmoid", onnx = "Sigmoid")
  ),
  tanh = activation_entry(
    tanh_f, tanh_slope, TRUE, FALSE, FALSE, FALSE, NULL,
    sheet_entry("TANH({x})", "1-{x}*{x}", "tanh({x})", "1 - {x}^2"),
    list(sklearn = "tanh", neuralnet = "tanh", torch = "Tanh", onnx = "Tanh")
  ),
  relu = activation_entry(
    relu_f, relu_slope, TRUE, FALSE, FALSE, FALSE, NULL,
    sheet_entry("MAX({x},0)", "IF({x}>0,1,0)", "max({x}, 0)", "1 where {x} > 0, else 0"),
    list(sklearn = "relu", torch = "ReLU", onnx = "Relu")
  ),
  softmax = activation_entry(
    softmax_f, NULL, FALSE, TRUE, TRUE, TRUE, NULL,
    sheet_entry(
      "EXP({x}-MAX({row}))/SUMPRODUCT(EXP({row}-MAX({row})))", NULL,
      "softmax({x}): exp(z - max(z)) over its sum, row by row", NULL
    ),
    list(sklearn = "softmax", torch = "Softmax", onnx = "Softmax")
  ),
  identity = activation_entry(
    identity_f, identity_slope, TRUE, TRUE, FALSE, FALSE, NULL,
    sheet_entry("{x}", "1", "{x}", "1"),
    list(sklearn = "identity", torch = "Identity", onnx = NA_character_)
  )
)
# The constants of each registry are named <role>_<registry>. The sigmoid is
# scikit-learn's "logistic"; it is the article's hidden and output
# activation. The estimators' hidden activation is scikit-learn's and
# brulee's; mlp() chooses its output from the outcome (see read_outcome()).
logistic_activation <- "sigmoid"
article_activation <- logistic_activation
default_hidden_activation <- "relu"
# The outputs for classes: one output for two classes, one per class for more.
binary_output <- "sigmoid"
multiclass_output <- "softmax"
regression_output <- "identity"

# The name of the activation `name` in a peer library ("sklearn",
# "neuralnet", "torch", "onnx"); NA when the peer has none for it.
peer_name <- function(name, peer) {
  found <- activations[[name]]$peers[[peer]]
  if (is.null(found)) NA_character_ else found
}

# The activation whose name in the peer library is `peer_name`; NA when there
# is none.
from_peer <- function(peer_name, peer) {
  found <- Filter(function(a) identical(a$peers[[peer]], peer_name), activations)
  if (length(found)) names(found)[1] else NA_character_
}

# The names of the activations that may play `role`, "hidden" or "output",
# in the registry's order.
activation_names <- function(role) {
  names(activations)[vapply(activations, function(a) a[[role]], logical(1))]
}

# The activation `name` of z.
activate <- function(name, z, exact = FALSE) {
  activations[[name]]$f(z, exact)
}

# The derivative of the activation `name`, from the activation a; NULL for
# softmax.
activation_slope <- function(name, a) {
  slope <- activations[[name]]$slope
  if (!is.null(slope)) slope(a)
}

# list(slope, delta): delta is g, the error -dLoss/da, carried back through
# the activation to z. For an elementwise activation, slope = f'(z) from a
# and delta = g * slope (the article's Steps 6-7 and 9). For softmax, slope
# is NULL and delta = a * (g - rowSums(g * a)), its Jacobian times g.
backward <- function(name, a, g, exact = FALSE) {
  slope <- activation_slope(name, a)
  if (is.null(slope)) {
    return(list(slope = NULL, delta = a * (g - kernels$row_sums(g * a, exact))))
  }
  list(slope = slope, delta = g * slope)
}
