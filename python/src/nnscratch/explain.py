"""The step-by-step printout of one epoch. Twin of R/explain.R.

Both print the same text, character for character, because both format
every number with C's "%10.4f".
"""

from __future__ import annotations

import sys
from typing import Any, Optional, TextIO

import numpy as np

from .steps import train_step


def explain_epoch(params: dict, X: Any, y: Any, lr: float, out: Optional[TextIO] = None) -> dict:
    """Print one epoch, step by step, and return the `train_step` result.

    Each of the 14 intermediates is printed in the article's order and under
    the article's names, as the article's spreadsheet shows them: one line
    per row, 4 decimals.

    Parameters
    ----------
    params, X, y, lr
        As for `train_step`: params ``wh`` (p, h), ``bh`` (1, h), ``wout``
        (h, o), ``bout`` (1, o); X (n, p); y (n, o); lr > 0.
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
    step = train_step(params, X, y, lr)
    for name, m in step.items():
        show_matrix(name, m, out)
    return step


def show_matrix(name: str, m: Optional[np.ndarray], out: TextIO) -> None:
    if m is None:
        out.write("%s: none (a network without biases)\n" % name)
        return
    out.write("%s (%d x %d)\n" % (name, m.shape[0], m.shape[1]))
    for row in m:
        out.write("".join("%10.4f" % v for v in row) + "\n")
