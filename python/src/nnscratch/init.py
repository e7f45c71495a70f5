"""Initial weights, drawn as the article's scripts draw them. Twin of R/init.R."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .layers import to_article
from .validate import abort, check_count, check_flag, check_hidden, check_init_memory, describe, is_whole, scalar

SCHEMES = ("article_r", "article_numpy")


def init_params(
    n_input: int,
    n_hidden: Any,
    n_output: int,
    seed: Optional[int] = None,
    scheme: str = "article_r",
    bias: bool = True,
) -> Any:
    """Draw initial weights as the article does.

    Parameters
    ----------
    n_input, n_output : int
        The numbers of inputs (p) and outputs (o), each a whole number from
        1 to 2147483647 (2**31 - 1).
    n_hidden : int or sequence of int
        The number of neurons of each hidden layer, e.g. 3 or (8, 4), each
        from 1 to 2147483647. Sizes whose weights would not fit in the
        machine's memory are refused before anything is drawn.
    seed : int, optional
        A whole number; None draws a fresh seed.
    scheme : {"article_r", "article_numpy"}
        "article_r" draws what the article's R script draws: rnorm for wh,
        then runif for the hidden biases, then rnorm for wout, then runif for
        the output biases. "article_numpy" draws what the article's numpy
        script draws: np.random.uniform for wh, bh, wout and bout, in that
        order. With several hidden layers, each layer draws its weights and
        then its biases in the same way, from the input to the output.
    bias : bool, default True
        Whether to draw biases. Without them, bh and bout are None and the
        draws for them are skipped.

    Returns
    -------
    dict or list of dict
        For one hidden layer, the article's params: ``wh`` (p, h), ``bh``
        (1, h), ``wout`` (h, o), ``bout`` (1, o). For several, a list of
        layers ``{"W": (fan_in, fan_out), "b": (1, fan_out) or None}``.
    """
    n_input = check_count(n_input, "n_input", 1)
    n_hidden = check_hidden(n_hidden, "n_hidden")
    n_output = check_count(n_output, "n_output", 1)
    scheme = check_scheme(scheme)
    seed = check_seed(seed, scheme)
    bias = check_flag(bias, "bias")
    check_init_memory(n_input, n_hidden, n_output)
    draw = {"article_r": draw_article_r, "article_numpy": draw_article_numpy}[scheme]
    sizes = [n_input, *n_hidden, n_output]
    layers = draw(sizes, seed, bias)
    return to_article(layers) if len(layers) == 2 else layers


def check_scheme(scheme: Any) -> str:
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        abort('`scheme` must be "article_r" or "article_numpy", not %s.', describe(scheme))
    return scheme


# The seeds each generator takes: R's set.seed an int, numpy's legacy seed
# an unsigned 32-bit word.
SEED_RANGES = {"article_r": (-2147483647, 2147483647), "article_numpy": (0, 4294967295)}


def check_seed(seed: Any, scheme: str) -> Optional[int]:
    seed = scalar(seed)
    lo, hi = SEED_RANGES[scheme]
    if seed is not None and (not is_whole(seed) or seed < lo or seed > hi):
        abort(
            '`seed` must be NULL or a whole number from %d to %d for scheme "%s", not %s.',
            lo, hi, scheme, describe(seed),
        )
    return None if seed is None else int(seed)


def draw_article_r(sizes: list, seed: Optional[int], bias: bool) -> list:
    from .rrandom import RRandom

    rng = RRandom(seed)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W = rng.rnorm(fan_in * fan_out).reshape(fan_in, fan_out, order="F")
        b = rng.runif(fan_out).reshape(1, fan_out) if bias else None
        layers.append({"W": W, "b": b})
    return layers


def draw_article_numpy(sizes: list, seed: Optional[int], bias: bool) -> list:
    rng = np.random.RandomState(seed)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W = rng.uniform(size=(fan_in, fan_out))
        b = rng.uniform(size=(1, fan_out)) if bias else None
        layers.append({"W": W, "b": b})
    return layers
