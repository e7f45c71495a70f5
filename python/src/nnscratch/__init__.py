"""nnscratch: the article's neural network, twinned in Python and R.

The article's network, one sigmoid hidden layer trained by gradient descent
(full batch, as in the article, or mini-batches with `batch_size`) on
E = 1/2 * sum((y - output)**2), laid out as Steps 0-11 of the article
"Understanding and coding Neural Networks from scratch in Python and R";
and the same core for deeper networks, other activations, losses and
weight decay. The R package nnscratch has the same functions, arguments
and shapes, and computes the same numbers (the same bits with
``exact=True``).

Shapes (rows are samples, everywhere in the package):

======  ======  ========================================
object  shape   meaning
======  ======  ========================================
X       (n, p)  inputs, one row per sample
y       (n, o)  targets in [0, 1]
wh      (p, h)  input-to-hidden weights
bh      (1, h)  hidden biases, one per hidden neuron
wout    (h, o)  hidden-to-output weights
bout    (1, o)  output biases, one per output neuron
======  ======  ========================================

A network without biases (the article's second part) has bh and bout set to
None. A deeper network is a list of layers, ``{"W": (fan_in, fan_out), "b":
(1, fan_out) or None}`` each; `as_layers` and `as_article` convert.

Beyond the article, the same core trains with the optimizers of torch.optim
(momentum, Nesterov, RMSprop, Adam), learning-rate schedules, mini-batches,
a validation split and early stopping, dropout and sample weights; the
estimators `MLPClassifier` and `MLPRegressor` use them with defaults that
learn real data on the first try. What it leaves out: convolutions,
recurrent layers and GPUs.
"""

from .convergence import ConvergenceWarning, convergence_problems
from .demo import demo_article
from .errors import NnscratchError
from .explain import explain_epoch
from .export_steps import export_steps
from .gradients import check_gradients
from .init import init_params
from .mlp import MLP, MLPClassifier, MLPRegressor, NotFittedError
from .model_file import load_model, save_model
from .peers import from_nnet, from_sklearn, from_torch, peer_problem, save_onnx, to_nnet, to_sklearn, to_torch
from .scenario import load_scenario
from .steps import as_article, as_layers, derivatives_sigmoid, forward, sigmoid, train_step
from .train import train

__all__ = [
    "ConvergenceWarning",
    "MLP",
    "MLPClassifier",
    "MLPRegressor",
    "NnscratchError",
    "NotFittedError",
    "as_article",
    "as_layers",
    "check_gradients",
    "convergence_problems",
    "demo_article",
    "derivatives_sigmoid",
    "explain_epoch",
    "export_steps",
    "forward",
    "from_nnet",
    "from_sklearn",
    "from_torch",
    "init_params",
    "load_model",
    "load_scenario",
    "peer_problem",
    "save_model",
    "save_onnx",
    "sigmoid",
    "to_nnet",
    "to_sklearn",
    "to_torch",
    "train",
    "train_step",
]
__version__ = "0.1.0"
