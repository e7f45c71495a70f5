"""The initial-weights registry: how each scheme draws, and from which shared generator. Twin of R/schemes.R.

Two generators give the same numbers in both languages: R's
(`RRandom` here, set.seed() in R) and numpy's legacy ``RandomState``
(`numpy_uniform()` in R). Each scheme draws from one of them, layer by
layer from the input to the output, each layer's weights and then its
biases; a fan_in x fan_out matrix is filled column by column from R's
generator, as R's matrix() fills, and row by row from numpy's, as numpy does.

- ``article_r``: the article's R script, rnorm for W and runif for b;
- ``article_numpy``: the article's numpy script, uniform on [0, 1) for W and b;
- ``glorot_r``, ``glorot_numpy``: Glorot (Xavier) uniform, W on (-s, s) with
  s = sqrt(6 / (fan_in + fan_out)), biases 0;
- ``he_r``, ``he_numpy``: He (Kaiming) uniform, W on (-s, s) with
  s = sqrt(6 / fan_in), biases 0;
- ``sklearn``: scikit-learn's MLP, from ``RandomState(seed)``: W and then b
  on (-s, s) with s = sqrt(factor / (fan_in + fan_out)), factor 2 for its
  logistic (the sigmoid) and 6 otherwise, taken from the hidden activation.
"""

from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple, Optional

import numpy as np

from .activations import LOGISTIC
from .rrandom import RRandom


def r_matrix(v: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Fill a rows x cols matrix column by column, as R's matrix() does."""
    return v.reshape(rows, cols, order="F")


def draw_article_r(sizes: list, rng: Any, bias: bool, activation: list) -> list:
    return [{"W": r_matrix(rng.rnorm(fan_in * fan_out), fan_in, fan_out),
             "b": rng.runif(fan_out).reshape(1, fan_out) if bias else None}
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])]


def draw_article_numpy(sizes: list, rng: Any, bias: bool, activation: list) -> list:
    return [{"W": rng.uniform(size=(fan_in, fan_out)), "b": rng.uniform(size=(1, fan_out)) if bias else None}
            for fan_in, fan_out in zip(sizes[:-1], sizes[1:])]


def glorot_bound(fan_in: int, fan_out: int) -> float:
    return math.sqrt(6 / (fan_in + fan_out))


def he_bound(fan_in: int, fan_out: int) -> float:
    return math.sqrt(6 / fan_in)


# W on (-s, s), fan_in x fan_out, from each shared generator in its own order
# of filling: R's column by column, numpy's row by row.
UNIFORM_MATRIX = {
    "r": lambda rng, fan_in, fan_out, s: r_matrix(rng.runif(fan_in * fan_out, -s, s), fan_in, fan_out),
    "numpy": lambda rng, fan_in, fan_out, s: rng.uniform(-s, s, size=(fan_in, fan_out)),
}


def uniform(generator: str, bound: Callable[[int, int], float]) -> Callable[..., list]:
    """A scheme that draws W on (-s, s) from `generator`, s = bound(fan_in, fan_out), with biases 0."""
    def draw(sizes: list, rng: Any, bias: bool, activation: list) -> list:
        return [{"W": UNIFORM_MATRIX[generator](rng, fan_in, fan_out, bound(fan_in, fan_out)),
                 "b": np.zeros((1, fan_out)) if bias else None}
                for fan_in, fan_out in zip(sizes[:-1], sizes[1:])]
    return draw


def draw_sklearn(sizes: list, rng: Any, bias: bool, activation: list) -> list:
    # scikit-learn's _init_coef: one activation for the network; here each
    # layer takes its own hidden activation, the output layer the last one's
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        factor = 2.0 if activation[min(i, len(activation) - 1)] == LOGISTIC else 6.0
        s = math.sqrt(factor / (fan_in + fan_out))
        W = UNIFORM_MATRIX["numpy"](rng, fan_in, fan_out, s)
        layers.append({"W": W, "b": rng.uniform(-s, s, size=fan_out).reshape(1, fan_out) if bias else None})
    return layers


class Scheme(NamedTuple):
    # the shared generator it draws from: "r" or "numpy"
    generator: str
    # (sizes, rng, bias, activation) -> layers
    draw: Callable[..., list]


SCHEMES = {
    "article_r": Scheme("r", draw_article_r),
    "article_numpy": Scheme("numpy", draw_article_numpy),
    "glorot_r": Scheme("r", uniform("r", glorot_bound)),
    "glorot_numpy": Scheme("numpy", uniform("numpy", glorot_bound)),
    "he_r": Scheme("r", uniform("r", he_bound)),
    "he_numpy": Scheme("numpy", uniform("numpy", he_bound)),
    "sklearn": Scheme("numpy", draw_sklearn),
}
# The article's scheme, and the estimators': scikit-learn's own draw.
ARTICLE = "article_r"
DEFAULT = "sklearn"
# The seeds each generator takes: R's set.seed() an int, numpy's legacy
# seed an unsigned 32-bit word.
SEED_RANGES = {"r": (-2147483647, 2147483647), "numpy": (0, 4294967295)}


def draw_layers(scheme: str, sizes: list, seed: Optional[int], bias: bool, activation: list) -> list:
    """Return the layers the scheme draws for these sizes (inputs, hidden..., outputs); seed None draws a fresh one."""
    entry = SCHEMES[scheme]
    rng = RRandom(seed) if entry.generator == "r" else np.random.RandomState(seed)
    return entry.draw(sizes, rng, bias, activation)
