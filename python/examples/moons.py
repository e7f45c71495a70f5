"""The article's moons run: 10 hidden neurons without biases, lr = 0.1, 10000
epochs, the error printed every 1000 epochs, then the accuracy. Writes five
PNGs to the folder given as first argument (default: the working directory)
and prints their paths:

    moons_loss_py.png         the loss of each epoch, the printed epochs marked
    moons_boundary_py.png     the decision boundary after training
    moons_history_py.png      the boundary every 1000 epochs
    moons_network_py.png      the trained network, weight by weight
    moons_instability_py.png  why the loss zigzags and spikes, and smaller lr

Twin of inst/scripts/moons.R.

    python python/examples/moons.py [folder]
"""

import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import nnscratch as nn  # noqa: E402
from nnscratch.plot import (  # noqa: E402
    plot_boundary_history,
    plot_decision_boundary,
    plot_loss,
    plot_losses,
    plot_network,
)

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)

s = nn.load_scenario("moons")
# train() trains as the article does: its initial weights (no biases), the
# summed half squared error, full-batch gradient descent
fit = nn.train(s["init"], s["X"], s["y"], lr=s["lr"], epochs=s["epochs"], verbose=1000, trace_every=1000)
accuracy = ((nn.forward(fit["params"], s["X"])["output"] > 0.5) == s["y"]).mean()
print("Accuracy of output > 0.5: %.3f" % accuracy)


def axes(width=7, height=5):
    """A new figure of its final size in inches (R's png() sizes / 100): the plots place their legends and labels
    for the size they are drawn at."""
    return plt.subplots(figsize=(width, height))[1]


def save_png(name, fig):
    """Save `fig` as the PNG `name` in `out` at 100 dpi; return its path."""
    path = os.path.join(out, name)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


paths = [
    save_png("moons_loss_py.png", plot_loss(fit, verbose=1000, ax=axes()).figure),
    save_png("moons_boundary_py.png", plot_decision_boundary(fit, s["X"], s["y"], ax=axes(height=5.6)).figure),
    # the history sizes its own figure, by its panels
    save_png("moons_history_py.png", plot_boundary_history(fit, s["X"], s["y"])),
    save_png("moons_network_py.png", plot_network(fit, ax=axes(height=5.6)).figure),
]

# The instability. The gradient of 1/2 sum (y - output)^2 is a sum over the
# 1000 samples, so lr = 0.1 moves the weights as a step of 100 would on the
# mean: the outputs saturate (a plateau at 250, every sample on one side),
# then each step overshoots the valley (the loss zigzags from one epoch to
# the next) and, later, jumps out of it (the spikes). Smaller steps are
# smoother but slower: lr = 0.01 is still at a nearly straight boundary
# after 10000 epochs. loss = "half_mse" divides the gradient by the 1000
# rows, so that lr no longer depends on their number; lr = 10 on the mean
# is lr = 0.01 on the sum, the same run.
runs = {}
for lr in (0.1, 0.02, 0.01):
    run = nn.train(s["init"], s["X"], s["y"], lr=lr, epochs=s["epochs"])
    correct = (nn.forward(run["params"], s["X"])["output"] > 0.5) == s["y"]
    runs["lr = %s, accuracy %.3f" % (lr, correct.mean())] = run
first = next(iter(runs.values()))
fig, panels = plt.subplots(1, 3, figsize=(12, 4.8))
plot_loss(first, title="lr = 0.1: plateau, zigzag, spikes", ax=panels[0])
plot_loss(first, log=False, epochs=(4400, 4440), title="Epochs 4400-4440: overshoots", ax=panels[1])
plot_losses(runs, title="Smaller lr: smoother, slower", ax=panels[2])
fig.suptitle("The summed loss of 1000 samples: lr = 0.1 on the sum is a step of 100 on the mean", fontweight="bold")
fig.tight_layout()
paths.append(save_png("moons_instability_py.png", fig))
print("\n".join(paths))
