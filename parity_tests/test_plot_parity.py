"""The plots take the same inputs and draw the same numbers in R and Python.

What a plot shows is compared through its frame, the numbers both languages
draw: for the decision boundary (boundary_frame) the class at every grid
point, the output there, each sample's class and the legend's labels; for
the gradients (gradient_frame) the epochs, the norms and the layers' names;
for the boundary history its cells (history_layout); for the network
diagram (network_frame) its names.
"""

import numpy as np
import pytest
import rpy2.robjects as ro

import nnscratch as nn
from nnscratch.plot import boundary_frame, gradient_frame, history_layout, network_frame, plot_net

from conftest import to_py, to_r

# 200 epochs at lr 0.5 draw a boundary but do not converge, and say so; the
# plot's numbers are the point here
pytestmark = pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")

s = nn.load_scenario("moons")
X, LABELS = s["X"][:200], np.where(s["y"][:200, 0] > 0.5, "yes", "no")
R_FRAME = """
function(X, y, labels, init, grid) {
  # the article's settings, which Python's MLP takes by default
  fit <- suppressWarnings(nnscratch::mlp(X, labels, hidden = 10, bias = FALSE, init = init, epochs = 200, lr = 0.5,
    activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", reduction = "sum", decay = 0,
    optimizer = "sgd", batch_size = NULL, scale = "none", tol = 0, n_iter_no_change = NULL),
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
      fit <- suppressWarnings(nnscratch::mlp(X, labels, hidden = 10, bias = FALSE, init = init, epochs = 5, lr = 0.5,
        output_activation = "sigmoid", loss = "half_sse"), classes = "nnscratch_convergence")
      nnscratch:::boundary_frame(nnscratch:::plot_net(fit), X, y, 25); "no error"
    }, nnscratch_error = function(e) conditionMessage(e))""")(to_r(X), ro.BoolVector(list(y)), ro.StrVector(list(LABELS)), to_r(s["init"]))
    assert str(msg_r[0]) == str(e.value)


def test_the_gradients_are_the_same_numbers_with_the_same_names(r):
    # exact: every sum in R's order, so that the norms agree to the bit
    fit = nn.train(s["init"], X, s["y"][:200], lr=0.5, epochs=30, exact=True, record_gradients=True)
    frame = gradient_frame(plot_net(fit))
    frame_r = to_py(ro.r("""function(init, X, y) {
      fit <- suppressWarnings(nnscratch::train(init, X, y, lr = 0.5, epochs = 30, exact = TRUE, record_gradients = TRUE),
        classes = "nnscratch_convergence")
      nnscratch:::gradient_frame(nnscratch:::plot_net(fit))
    }""")(to_r(s["init"]), to_r(X), to_r(s["y"][:200])))
    np.testing.assert_array_equal(np.asarray(frame_r["epochs"]), frame["epochs"])
    np.testing.assert_array_equal(np.asarray(frame_r["norms"]), frame["norms"])
    assert [str(v) for v in frame_r["labels"]] == frame["labels"] == ["hidden 1 weights", "output weights"]


def test_the_boundary_history_has_the_same_cells(r):
    layout_r = ro.r("function(n, ncol) nnscratch:::history_layout(n, ncol)")
    for n in range(1, 14):
        for ncol in (None, 1, 3, 4, 6):
            cells = np.asarray(layout_r(n, ro.NULL if ncol is None else ncol))
            np.testing.assert_array_equal(cells, history_layout(n, ncol), err_msg="n = %d, ncol = %s" % (n, ncol))


def test_the_network_diagram_names_the_outcome_alike(r):
    import pandas as pd

    rng = np.random.default_rng(2)
    data = pd.DataFrame(rng.normal(size=(30, 3)), columns=["wt", "hp", "qsec"])
    data["mpg"] = 20 - 3 * data["wt"] + rng.normal(scale=0.1, size=30)
    model = nn.MLPRegressor(hidden=3, epochs=5, seed=1).fit(data[["wt", "hp", "qsec"]], data["mpg"])
    frame = network_frame(plot_net(model))
    names_r = to_py(ro.r("""function(X, y) {
      d <- data.frame(wt = X[, 1], hp = X[, 2], qsec = X[, 3], mpg = y)
      fit <- suppressWarnings(nnscratch::mlp(mpg ~ ., data = d, hidden = 3, epochs = 5, seed = 1),
        classes = "nnscratch_convergence")
      f <- nnscratch:::network_frame(nnscratch:::plot_net(fit))
      list(inputs = f$inputs, outputs = f$outputs, layers = f$layer_names)
    }""")(to_r(data[["wt", "hp", "qsec"]].to_numpy()), to_r(data["mpg"].to_numpy())))
    assert [str(v) for v in names_r["inputs"]] == frame["inputs"] == ["wt", "hp", "qsec"]
    assert [str(v) for v in np.atleast_1d(names_r["outputs"])] == frame["outputs"] == ["mpg"]
    assert [str(v) for v in names_r["layers"]] == frame["layer_names"]
