"""The article's moons run: 10 hidden neurons without biases, lr = 0.1, 10000
epochs, the error printed every 1000 epochs, then the accuracy; writes the
loss curve and the decision boundary as PNGs to the folder given as first
argument (default: a temporary folder) and prints their paths.
Twin of inst/scripts/moons.R.

    python python/examples/moons.py [folder]
"""

import os
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import nnscratch as nn  # noqa: E402
from nnscratch.plot import plot_decision_boundary, plot_loss  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
os.makedirs(out, exist_ok=True)

s = nn.load_scenario("moons")
model = nn.MLP(hidden=s["hidden"], lr=s["lr"], epochs=s["epochs"], bias=False, init=s["init"], verbose=1000)
model.fit(s["X"], s["y"])
accuracy = (model.predict(s["X"]) == s["y"][:, 0]).mean()
print("Accuracy of output > 0.5: %.3f" % accuracy)

loss_png = os.path.join(out, "moons_loss_py.png")
plot_loss(model)
plt.savefig(loss_png, dpi=100)
plt.close()
boundary_png = os.path.join(out, "moons_boundary_py.png")
plot_decision_boundary(model, s["X"], s["y"])
plt.savefig(boundary_png, dpi=100)
plt.close()
print(loss_png)
print(boundary_png)
