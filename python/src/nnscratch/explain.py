"""The step-by-step printout of one epoch. Twin of R/explain.R.

Both print the same text, character for character, because both format
every number with C's "%10.4f".
"""

from __future__ import annotations

import sys
from typing import Any, Optional, TextIO

import numpy as np

from . import kernels
from .steps import ARTICLE, train_step


@kernels.quiet
def explain_epoch(
    params: Any, X: Any, y: Any, lr: Optional[float] = None, activation: Any = ARTICLE["activation"],
    output_activation: str = ARTICLE["output_activation"], loss: str = ARTICLE["loss"], decay: float = 0.0,
    exact: bool = False, out: Optional[TextIO] = None,
) -> dict:
    """Print one epoch, step by step, and return the `train_step` result.

    For the article's params, each of the 14 intermediates is printed in the
    article's order and under the article's names, as the article's
    spreadsheet shows them: one line per row, 4 decimals. For a list of
    layers, every layer is printed in the same way: the forward pass (z_1,
    a_1, z_2, ...), the backward pass from the output (err, slope and delta
    of each layer), the updated W and b of each layer, and the loss.

    Parameters
    ----------
    params, X, y, lr, activation, output_activation, loss, decay, exact
        As for `train_step`; `params` may also be a result of `train()`,
        whose next epoch is shown with its own settings (and its `lr`
        unless one is given).
    out : text stream, optional
        Where to print; standard output by default.

    Examples
    --------
    >>> from nnscratch import load_scenario
    >>> s = load_scenario("article")
    >>> step = explain_epoch(s["init"], s["X"], s["y"], s["lr"])  # doctest: +ELLIPSIS
    hidden_layer_input (3 x 3)
    ...
    """
    out = sys.stdout if out is None else out
    if isinstance(params, dict) and isinstance(params.get("settings"), dict) and "params" in params:
        # a result of train(): its next epoch, with its own settings
        s = params["settings"]
        lr = s["lr"] if lr is None else lr
        activation, output_activation, loss, decay, exact = (
            s[k] for k in ("activation", "output_activation", "loss", "decay", "exact"))
        params = params["params"]
    step = train_step(params, X, y, lr, activation, output_activation, loss, decay, exact)  # type: ignore[arg-type]
    for name, m in step_matrices(step):
        show_matrix(name, m, out)
    if "loss" in step:
        out.write("loss: %.6g\n" % step["loss"])
    return step


def step_matrices(step: dict) -> list:
    """Return (name, matrix) pairs in the order they are printed; the article's 14 names when it has them."""
    if "layers" not in step:
        return list(step.items())
    layers = range(1, len(step["layers"]) + 1)
    forward = [pair for k in layers for pair in (("z_%d" % k, step["z"][k - 1]), ("a_%d" % k, step["a"][k]))]
    backward = [
        pair for k in reversed(layers)
        for pair in (("err_%d" % k, step["err"][k - 1]), ("slope_%d" % k, step["slope"][k - 1]), ("delta_%d" % k, step["delta"][k - 1]))
    ]
    update = [pair for k in layers for pair in (("W_%d" % k, step["layers"][k - 1]["W"]), ("b_%d" % k, step["layers"][k - 1]["b"]))]
    return forward + backward + update


def show_matrix(name: str, m: Optional[np.ndarray], out: TextIO) -> None:
    if m is None:
        # a bias of a network without biases, or the slope of an output whose error is already its delta
        why = "a network without biases" if name[0] == "b" else "the error is already the delta"
        out.write("%s: none (%s)\n" % (name, why))
        return
    out.write("%s (%d x %d)\n" % (name, m.shape[0], m.shape[1]))
    for row in m:
        out.write("".join("%10.4f" % v for v in row) + "\n")
