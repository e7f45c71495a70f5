"""The random networks of the sweep, drawn in Python with a fixed seed, so every run checks the same ones.

Depth 1 to 3, every hidden activation, every output with every loss it
takes, with and without biases and decay. Each is sent to R as float64.
"""

import numpy as np
import pytest

N_CASES = 36
EPOCHS = 200
ACTIVATIONS = ("sigmoid", "tanh", "relu")
# Every output with the losses it takes (log_loss needs probabilities).
OUTPUTS = (
    ("sigmoid", "half_sse"), ("sigmoid", "half_mse"), ("sigmoid", "log_loss"),
    ("softmax", "half_sse"), ("softmax", "half_mse"), ("softmax", "log_loss"),
    ("identity", "half_sse"), ("identity", "half_mse"),
)


def draw_cases(seed=20240501):
    """Return pytest params (X, y, init, lr, options): case i has depth 1 + i % 3, activation (i // 3) % 3 and
    output and loss i % 8, so each depth meets each activation four times and each output and loss four or
    five times."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(N_CASES):
        depth = 1 + i % 3
        activation = ACTIVATIONS[(i // 3) % 3]
        output, loss = OUTPUTS[i % len(OUTPUTS)]
        n, p = (int(v) for v in rng.integers(1, [21, 9]))
        hidden = [int(h) for h in rng.integers(1, 9, size=depth)]
        o = int(rng.integers(2, 5)) if output == "softmax" else int(rng.integers(1, 5))
        bias = bool(i % 2)
        decay = 0.01 if i % 5 == 0 else 0.0
        X = rng.normal(size=(n, p))
        if output == "softmax":
            y = np.eye(o)[rng.integers(0, o, size=n)]
        elif output == "sigmoid" and loss == "log_loss":
            y = (rng.uniform(size=(n, o)) > 0.5).astype(float)
        elif output == "sigmoid":
            y = rng.uniform(size=(n, o))
        else:
            y = rng.normal(size=(n, o))
        sizes = [p, *hidden, o]
        layers = [{"W": rng.normal(size=(a, b)) / np.sqrt(a), "b": rng.uniform(size=(1, b)) if bias else None}
                  for a, b in zip(sizes[:-1], sizes[1:])]
        # The article's network as its params, the others as layers.
        init = {"wh": layers[0]["W"], "bh": layers[0]["b"], "wout": layers[1]["W"], "bout": layers[1]["b"]} \
            if depth == 1 else layers
        # Sums over the samples: a smaller step for the unbounded identity
        # output. Above about lr = 0.05, one of these relu networks crosses
        # its kinks in ways that grow a last-bit difference past 1e-12 in 200
        # epochs: chaos, not a wrong step, but it would hide one.
        lr = float(10 ** rng.uniform(-2.5, -1.5 if output == "identity" else -1.3))
        options = {"activation": activation, "output_activation": output, "loss": loss, "decay": decay}
        cases.append(pytest.param(X, y, init, lr, options, id="%d-%s-%s-%s-n%d-p%d-h%s-o%d-%s%s-lr%.3g" % (
            i, activation, output, loss, n, p, "x".join(map(str, hidden)), o, "bias" if bias else "nobias",
            "-decay" if decay else "", lr)))
    return cases
