"""The article's run, step by step: epoch 1's intermediates, the loss every
1000 epochs and the final output.

inst/scripts/demo_article.R prints the same text from R, character for
character; ``nnscratch demo`` and python/examples/demo_article.py call
`demo_article`.
"""

from __future__ import annotations

import sys
from typing import TextIO

import numpy as np

from .scenario import load_scenario
from .steps import forward, train_step
from .train import train


def show(name: str, m: np.ndarray, out: TextIO) -> None:
    # The formats are R's sprintf("%s (%d x %d)") and sprintf("%10.4f").
    out.write(f"{name} ({m.shape[0]} x {m.shape[1]})\n")
    out.writelines("".join(f"{v:10.4f}" for v in row) + "\n" for row in m)


def demo_article(out: TextIO | None = None) -> None:
    """Print the article's run to `out` (standard output by default)."""
    out = sys.stdout if out is None else out
    s = load_scenario("article")
    out.write('Scenario "article": X is 3 x 4, y is 3 x 1, hidden = 3, lr = 0.1, 5000 epochs\n\n')
    out.write("Epoch 1, step by step\n")
    step = train_step(s["init"], s["X"], s["y"], s["lr"])
    for name in step:
        show(name, step[name], out)

    fit = train(s["init"], s["X"], s["y"], s["lr"], s["epochs"])
    out.write("\nLoss, 1/2 sum (y - output)^2\n")
    for epoch in [1, *range(1000, s["epochs"] + 1, 1000)]:
        out.write(f"epoch {epoch:5d}: {fit['loss'][epoch - 1]:.10f}\n")
    out.write("\n")
    show("output after training", forward(fit["params"], s["X"])["output"], out)
