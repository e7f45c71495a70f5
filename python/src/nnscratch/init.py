"""Initial weights: init_params, drawn by the schemes of schemes.py. Twin of R/init.R."""

from __future__ import annotations

from typing import Any, Optional

from . import activations, schemes
from .layers import to_article
from .schemes import SCHEMES, SEED_RANGES, draw_layers
from .validate import check_activation, check_choice, check_count, check_flag, check_hidden, check_init_memory, check_seed


def init_params(
    n_input: int,
    n_hidden: Any,
    n_output: int,
    seed: Optional[int] = None,
    scheme: str = schemes.ARTICLE,
    bias: bool = True,
    activation: Any = activations.ARTICLE,
) -> Any:
    """Draw initial weights, as the article does or as a peer does.

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
        A whole number that the scheme's generator takes: from -2147483647 to
        2147483647 for R's, from 0 to 4294967295 for numpy's. None draws a
        fresh seed.
    scheme : str, default "article_r"
        How the weights are drawn (see `nnscratch.schemes`). "article_r"
        draws what the article's R script draws: rnorm for wh, then runif
        for the hidden biases, then rnorm for wout, then runif for the
        output biases. "article_numpy" draws what the article's numpy script
        draws: np.random.uniform for wh, bh, wout and bout, in that order.
        "glorot_r", "glorot_numpy", "he_r" and "he_numpy" draw Glorot's or
        He's uniform weights from R's or numpy's generator, with biases 0;
        "sklearn" draws exactly what scikit-learn's MLPClassifier and
        MLPRegressor draw with ``random_state=seed``. With several hidden
        layers, each layer draws its weights and then its biases, from the
        input to the output.
    bias : bool, default True
        Whether to draw biases. Without them, bh and bout are None and the
        draws for them are skipped.
    activation : str or sequence of str, default "sigmoid"
        The hidden layers' activation, which "sklearn" reads (its factor is
        2 for the sigmoid, 6 otherwise); one, or one per hidden layer.

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
    scheme = check_choice(scheme, "scheme", list(SCHEMES))
    seed = check_scheme_seed(seed, scheme)
    bias = check_flag(bias, "bias")
    activation = check_activation(activation, len(n_hidden))
    check_init_memory(n_input, n_hidden, n_output)
    layers = draw_layers(scheme, [n_input, *n_hidden, n_output], seed, bias, activation)
    return to_article(layers) if len(layers) == 2 else layers


def check_scheme_seed(seed: Any, scheme: str) -> Optional[int]:
    """Return a seed that the generator of `scheme` takes, or None."""
    lo, hi = SEED_RANGES[SCHEMES[scheme].generator]
    return check_seed(seed, lo, hi, ' for scheme "%s"' % scheme)
