"""The article's run, printed. Twin of R/demo.R.

Both print the same text, character for character; ``nnscratch demo`` and
python/examples/demo_article.py call `demo_article`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from .explain import explain_epoch, show_matrix
from .scenario import load_scenario
from .steps import forward
from .train import train


def demo_article(out: TextIO | None = None) -> None:
    """Print the article's run, step by step, to `out` (standard output by default).

    Epoch 1's intermediates (see `explain_epoch`), the loss every 1000
    epochs and the output after training, for the scenario "article".
    """
    out = sys.stdout if out is None else out
    s = load_scenario("article")
    out.write('Scenario "article": X is 3 x 4, y is 3 x 1, hidden = 3, lr = 0.1, 5000 epochs\n\n')
    out.write("Epoch 1, step by step\n")
    explain_epoch(s["init"], s["X"], s["y"], s["lr"], out=out)

    fit = train(s["init"], s["X"], s["y"], s["lr"], s["epochs"])
    out.write("\nLoss, 1/2 sum (y - output)^2\n")
    for epoch in [1, *range(1000, s["epochs"] + 1, 1000)]:
        out.write(f"epoch {epoch:5d}: {fit['loss'][epoch - 1]:.10f}\n")
    out.write("\n")
    show_matrix("output after training", forward(fit["params"], s["X"])["output"], out)
