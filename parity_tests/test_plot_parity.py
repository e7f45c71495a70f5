"""The decision boundary takes the same inputs and draws the same numbers in R and Python.

What a plot shows is compared through boundary_frame, the numbers both
languages' plot_decision_boundary draw: the class at every grid point, the
output there, each sample's class and the legend's labels.
"""

import numpy as np
import pytest
import rpy2.robjects as ro

import nnscratch as nn
from nnscratch.plot import boundary_frame, plot_net

from conftest import to_py, to_r

# 200 epochs at lr 0.5 draw a boundary but do not converge, and say so; the
# plot's numbers are the point here
pytestmark = pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")

s = nn.load_scenario("moons")
X, LABELS = s["X"][:200], np.where(s["y"][:200, 0] > 0.5, "yes", "no")
R_FRAME = """
function(X, y, labels, init, grid) {
  fit <- suppressWarnings(nnscratch::mlp(X, labels, hidden = 10, bias = FALSE, init = init, epochs = 200, lr = 0.5),
    classes = "nnscratch_convergence")
  f <- nnscratch:::boundary_frame(nnscratch:::plot_net(fit), X, y, grid)
  list(k = f$k, output = f$output, classes = f$classes, labels = f$labels)
}
"""


@pytest.mark.parametrize("kind", ["integer 0/1", "labels", "a 0/1 column"])
def test_the_boundary_takes_the_same_y_and_shows_the_same_numbers(r, kind):
    y = {"integer 0/1": (LABELS == "yes").astype(np.int64), "labels": LABELS,
         "a 0/1 column": (LABELS == "yes").astype(np.float64).reshape(-1, 1)}[kind]
    model = nn.MLP(hidden=10, bias=False, init=s["init"], epochs=200, lr=0.5).fit(X, LABELS)
    frame = boundary_frame(plot_net(model), X, y, 25)
    # integers go to R as doubles, as numpy2ri would make them R integers
    y_r = ro.StrVector(list(y)) if kind == "labels" else to_r(np.asarray(y, dtype=np.float64))
    frame_r = to_py(ro.r(R_FRAME)(to_r(X), y_r, ro.StrVector(list(LABELS)), to_r(s["init"]), 25))
    # R counts classes from 1, Python from 0
    np.testing.assert_array_equal(np.asarray(frame_r["k"]) - 1, frame["k"])
    np.testing.assert_array_equal(np.asarray(frame_r["classes"]) - 1, frame["classes"])
    assert np.max(np.abs(np.asarray(frame_r["output"]) - frame["output"])) <= 1e-12
    assert [str(v) for v in np.atleast_1d(frame_r["labels"])] == frame["labels"] == ["no", "yes"]


def test_a_logical_y_is_refused_alike(r):
    y = LABELS == "yes"
    model = nn.MLP(hidden=10, bias=False, init=s["init"], epochs=5, lr=0.5).fit(X, LABELS)
    with pytest.raises(nn.NnscratchError) as e:
        boundary_frame(plot_net(model), X, y, 25)
    msg_r = ro.r("""function(X, y, labels, init) tryCatch({
      fit <- suppressWarnings(nnscratch::mlp(X, labels, hidden = 10, bias = FALSE, init = init, epochs = 5, lr = 0.5),
        classes = "nnscratch_convergence")
      nnscratch:::boundary_frame(nnscratch:::plot_net(fit), X, y, 25); "no error"
    }, nnscratch_error = function(e) conditionMessage(e))""")(to_r(X), ro.BoolVector(list(y)), ro.StrVector(list(LABELS)), to_r(s["init"]))
    assert str(msg_r[0]) == str(e.value)
