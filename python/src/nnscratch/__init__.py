"""nnscratch: the article's neural network, twinned in Python and R.

A one-hidden-layer sigmoid network trained by gradient descent (full batch,
as in the article, or mini-batches with `batch_size`) on
E = 1/2 * sum((y - output)**2), laid out as Steps 0-11 of the article
"Understanding and coding Neural Networks from scratch in Python and R". The
R package nnscratch has the same functions, arguments and shapes, and
computes the same numbers.

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
None.

What it leaves out: only what the article does. One hidden layer, sigmoid
everywhere, plain gradient descent on half the sum of squared errors; no
regularisation, momentum or other activations.
"""

from .demo import demo_article
from .explain import explain_epoch
from .init import init_params
from .mlp import MLP
from .model_file import load_model, save_model
from .scenario import load_scenario
from .steps import derivatives_sigmoid, forward, sigmoid, train_step
from .train import train
from .validate import NnscratchError

__all__ = [
    "MLP",
    "NnscratchError",
    "demo_article",
    "derivatives_sigmoid",
    "explain_epoch",
    "forward",
    "init_params",
    "load_model",
    "load_scenario",
    "save_model",
    "sigmoid",
    "train",
    "train_step",
]
__version__ = "0.1.0"
