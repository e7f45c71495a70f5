"""Plots of a network. Twin of tests/testthat/test-plot.R.

R compares SVG snapshots; here each figure is checked on its artists: the
class regions' colours against the network's classes computed by hand at
each grid point, the contour's level and where it runs, the scatter's
offsets and colours, the axis labels, the legend, the lines' widths and
colours, and the boxes of the texts as the renderer draws them (no name on
a neuron or on another name, no legend on a curve). A check proves
something only if it rejects a wrong figure: the tests "... rejects ..."
draw the figure with one fault each (the grid transposed, the samples
dropped, the legend hidden, the colours swapped) and expect the check to
fail.
"""

# matplotlib is in the `test` extra: a missing one is a failed set-up, not a skip.
import matplotlib
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection, QuadMesh  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402

from nnscratch.plot import (  # noqa: E402
    boundary_frame,
    boxes,
    draw_boundary,
    draw_network,
    fitting_labels,
    gradient_frame,
    history_layout,
    network_frame,
    plot_boundary_history,
    plot_decision_boundary,
    plot_gradients,
    plot_loss,
    plot_losses,
    plot_net,
    plot_network,
)

# The class colours, as the docs give them (Okabe-Ito).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73"]
BLUE, VERMILLION = "#0072B2", "#D55E00"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# The activations by hand, written here apart from the package's registry.
BY_HAND = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "identity": lambda z: z,
    "softmax": lambda z: np.exp(z - z.max(axis=1, keepdims=True)) / np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True),
}


def layers_of(p):
    """A list of layers, from the article's params (wh, bh, wout, bout) or as given."""
    if isinstance(p, dict):
        return [{"W": p["wh"], "b": p["bh"]}, {"W": p["wout"], "b": p["bout"]}]
    return p


def by_hand(p, X, activation=("sigmoid",), output_activation="sigmoid"):
    """The network by hand: a = f(a W + b), layer after layer."""
    layers = layers_of(p)
    names = list(activation) * (len(layers) - 1 if len(activation) == 1 else 1) + [output_activation]
    a = X
    for layer, name in zip(layers, names):
        z = a @ layer["W"]
        a = BY_HAND[name](z if layer["b"] is None else z + layer["b"])
    return a


def moons_fit():
    """A short moons run with named columns and a trace every 100 epochs: the
    boundary is already a tilted line, and the run takes a fraction of a second."""
    import pandas as pd

    s = nn.load_scenario("moons")
    X = pd.DataFrame(s["X"], columns=["width", "height"])
    model = nn.MLP(hidden=10, lr=0.01, epochs=300, bias=False, init=s["init"], trace_every=100).fit(X, s["y"])
    return model, X, s["y"]


def padded(v):
    """The documented grid range: 5% beyond the data on each side."""
    pad = 0.05 * (v.max() - v.min())
    return v.min() - pad, v.max() + pad


def only(ax, kind):
    found = [c for c in ax.collections if isinstance(c, kind)]
    assert len(found) == 1, "expected one %s, found %d" % (kind.__name__, len(found))
    return found[0]


def check_boundary(ax, params, X, y_class, names, labels, grid, activation=("sigmoid",), output_activation="sigmoid"):
    """Assert that `ax` shows the decision boundary of `params` on X (n, 2)
    with classes y_class (0, 1, ...)."""
    X = np.asarray(X, dtype=float)
    lo1, hi1 = padded(X[:, 0])
    lo2, hi2 = padded(X[:, 1])
    g1, g2 = np.linspace(lo1, hi1, grid), np.linspace(lo2, hi2, grid)
    # The class regions: cell (row j, column i) is the class at (g1[i], g2[j]).
    mesh = only(ax, QuadMesh)
    assert mesh.get_alpha() is not None and mesh.get_alpha() > 0
    shown = np.asarray(mesh.get_array()).reshape(grid, grid)
    G1, G2 = np.meshgrid(g1, g2)
    out = by_hand(params, np.column_stack([G1.ravel(), G2.ravel()]), activation, output_activation)
    expected = (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
    assert_array_equal(shown, expected.reshape(grid, grid))
    centres = mesh.get_coordinates()
    assert_allclose(centres[0, [0, -1], 0], [lo1 - (g1[1] - g1[0]) / 2, hi1 + (g1[1] - g1[0]) / 2])
    # The 0.5 contour, for one output: its vertices lie where the output is 0.5.
    contours = [c for c in ax.collections if isinstance(c, ContourSet)]
    if out.shape[1] == 1:
        assert len(contours) == 1
        assert list(contours[0].levels) == [0.5]
        vertices = np.concatenate([p.vertices for p in contours[0].get_paths() if len(p.vertices)])
        assert_allclose(by_hand(params, vertices, activation, output_activation)[:, 0], 0.5, atol=0.02)
    else:
        assert contours == []
    # The samples, coloured by class.
    scatter = only(ax, PathCollection)
    assert_allclose(scatter.get_offsets(), X)
    assert [to_hex(c) for c in scatter.get_facecolors()] == [OKABE_ITO[k].lower() for k in y_class]
    # Every sample inside the axes, with room to spare.
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < X[:, 0].min() and X[:, 0].max() < x1 and y0 < X[:, 1].min() and X[:, 1].max() < y1
    assert (ax.get_xlabel(), ax.get_ylabel()) == names
    assert ax.get_title(loc="left").startswith("Decision boundary")
    legend = ax.get_legend()
    assert legend is not None, "no legend"
    assert [t.get_text() for t in legend.get_texts()] == labels + (["output = 0.5"] if out.shape[1] == 1 else [])


def check_network(ax, params):
    """Assert that `ax` draws the network `params` (a list of layers or the
    article's params): one line per weight and per bias, each from its
    neuron to the next, 0.5 + 3.5 |w| / max|w| wide, blue when w >= 0 and
    vermillion otherwise."""
    layers = layers_of(params)
    lines = {c.get_label(): c for c in ax.collections if isinstance(c, LineCollection)}
    assert set(lines) == {"weights", "biases"}
    every = np.concatenate([x.ravel() for layer in layers for x in (layer["W"], layer["b"]) if x is not None])
    biggest = np.abs(every).max()
    sizes = [layers[0]["W"].shape[0]] + [layer["W"].shape[1] for layer in layers]
    ypos = [(n - 1) / 2 - np.arange(n) for n in sizes]
    top = max(y.max() for y in ypos) + 1
    expected = []  # (x0, y0, x1, y1, width, colour), one per weight and bias
    for k, (W, b) in enumerate(((layer["W"], layer["b"]) for layer in layers), start=1):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                expected.append((k - 1, ypos[k - 1][i], k, ypos[k][j], W[i, j], False))
        if b is not None:
            for j in range(W.shape[1]):
                expected.append((k - 0.5, top, k, ypos[k][j], b[0, j], True))
    for part, is_bias in (("weights", False), ("biases", True)):
        c = lines[part]
        want = sorted((x0, y0, x1, y1, 0.5 + 3.5 * abs(w) / biggest, BLUE if w >= 0 else VERMILLION)
                      for x0, y0, x1, y1, w, bias in expected if bias == is_bias)
        widths = np.broadcast_to(c.get_linewidths(), (len(c.get_segments()),))
        colours = [to_hex(x).upper() for x in c.get_colors()]
        colours = colours * len(widths) if len(colours) == 1 else colours
        got = sorted((s[0, 0], s[0, 1], s[1, 0], s[1, 1], w, col) for s, w, col in zip(c.get_segments(), widths, colours))
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_allclose(g[:5], w[:5], atol=1e-12)
            assert g[5] == w[5]


def text_boxes_of(ax, skip_ones=True):
    """The boxes of the texts of `ax` as drawn (display pixels), less the 1 in each bias node."""
    renderer = ax.figure.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_visible() and not (skip_ones and t.get_text() == "1")]
    return texts, [t.get_window_extent(renderer) for t in texts]


def circles_of(ax):
    """The neurons and bias nodes of a network diagram: centre and radius in display pixels."""
    found = []
    for c in ax.collections:
        if isinstance(c, PathCollection):
            centres = ax.transData.transform(c.get_offsets())
            radii = np.sqrt(np.broadcast_to(c.get_sizes(), (len(centres),))) / 2 * ax.figure.dpi / 72
            found += [(x, y, r) for (x, y), r in zip(centres, radii)]
    return found


def check_diagram(ax):
    """Assert that no text of a network diagram touches a neuron or another text, nor the title or the legend;
    return the texts."""
    texts, extents = text_boxes_of(ax)
    renderer = ax.figure.canvas.get_renderer()
    others = [ax.title if ax.title.get_text() else ax._left_title, ax.get_legend()]
    for i, a in enumerate(extents):
        for b in extents[i + 1:] + [o.get_window_extent(renderer) for o in others]:
            assert not a.overlaps(b), "%r overlaps another text" % texts[i].get_text()
        for x, y, r in circles_of(ax):
            nx, ny = min(max(x, a.x0), a.x1), min(max(y, a.y0), a.y1)
            assert (nx - x) ** 2 + (ny - y) ** 2 >= r ** 2, "%r touches a neuron" % texts[i].get_text()
    title, legend = (o.get_window_extent(renderer) for o in others)
    assert not title.overlaps(legend)
    return [t.get_text() for t in texts]


def check_legend_clear(ax):
    """Assert that the legend of `ax` covers no vertex of its lines."""
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    for line in ax.get_lines():
        xy = ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]))
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        inside = (box.x0 <= xy[:, 0]) & (xy[:, 0] <= box.x1) & (box.y0 <= xy[:, 1]) & (xy[:, 1] <= box.y1)
        assert not inside.any(), "the legend covers %d points of a line" % inside.sum()


def test_the_loss_curve_draws_the_stored_loss_and_marks_the_verbose_epochs():
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5000).fit(s["X"], s["y"])
    ax = plot_loss(model, verbose=1000)
    line, marks = ax.get_lines()
    assert_array_equal(line.get_xdata(), np.arange(1, 5001))
    assert_array_equal(line.get_ydata(), model.loss_curve_)
    # The first epoch's loss, by hand from the initial weights.
    assert_allclose(line.get_ydata()[0], 0.5 * np.sum((s["y"] - by_hand(s["init"], s["X"])) ** 2), rtol=1e-12)
    # verbose = 1000 printed epochs 0, 1000, ... counted from 0: 1, 1001, ... from 1.
    assert_array_equal(marks.get_xdata(), [1, 1001, 2001, 3001, 4001])
    assert_array_equal(marks.get_ydata(), model.loss_curve_[[0, 1000, 2000, 3000, 4000]])
    assert ax.get_yscale() == "log"
    # the label is the loss registry's, not the plot's
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "loss: " + nn.losses.LOSSES["half_sse"].label)
    assert ax.get_title() == "Training loss, lr = 0.1"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["loss", "printed by verbose = 1000"]


def test_plot_loss_takes_a_train_result_and_a_range_of_epochs():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=100)
    ax = plot_loss(fit, log=False, epochs=(11, 40), title="The article's run")
    (line,) = ax.get_lines()
    assert_array_equal(line.get_xdata(), np.arange(11, 41))
    assert_array_equal(line.get_ydata(), fit["loss"][10:40])
    assert line.get_marker() == "o"
    assert ax.get_yscale() == "linear"
    assert ax.get_title() == "The article's run"
    assert ax.get_legend() is None


def test_plot_losses_draws_one_labelled_line_per_fit():
    s = nn.load_scenario("article")
    fits = {"lr = 0.1": nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=200),
            "lr = 0.5": nn.train(s["init"], s["X"], s["y"], lr=0.5, epochs=200)}
    ax = plot_losses(fits)
    lines = ax.get_lines()
    for line, fit, colour in zip(lines, fits.values(), [BLUE, VERMILLION]):
        assert_array_equal(line.get_ydata(), fit["loss"])
        assert to_hex(line.get_color()) == colour.lower()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(fits)
    assert ax.get_title() == "Training loss"
    check_legend_clear(ax)


def test_the_legend_covers_no_curve_and_the_check_sees_one_it_covers():
    s = nn.load_scenario("moons")
    # lr = 0.1 spikes to the top right corner late in training, where the legend goes
    runs = {"lr = 0.1, a long name for the legend": nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=7000),
            "lr = 0.02": nn.train(s["init"], s["X"], s["y"], lr=0.02, epochs=7000)}
    for log in (True, False):
        _, ax = plt.subplots(figsize=(4, 4))
        check_legend_clear(plot_losses(runs, log=log, ax=ax))
    # the same curves on the axis matplotlib chooses: the legend is on them
    ax.autoscale(axis="y")
    ax.relim()
    ax.autoscale_view()
    with pytest.raises(AssertionError, match="the legend covers"):
        check_legend_clear(ax)


def test_plot_gradients_draws_the_recorded_norms_the_first_by_hand_on_a_log_axis():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=300, record_gradients=True)
    ax = plot_gradients(fit)
    lines = ax.get_lines()
    assert len(lines) == 2
    for k, line in enumerate(lines):
        assert_array_equal(line.get_xdata(), np.arange(1, 301))
        assert_array_equal(line.get_ydata(), fit["history"]["gradients"][:, k])
    # epoch 1's step is at the initial weights: the norm of -dE/dW, by hand
    init = s["init"]
    a1 = by_hand([{"W": init["wh"], "b": init["bh"]}], s["X"])
    out = by_hand(init, s["X"])
    d_output = (s["y"] - out) * out * (1 - out)
    d_hidden = (d_output @ init["wout"].T) * a1 * (1 - a1)
    assert_allclose([line.get_ydata()[0] for line in lines],
                    [np.sqrt(np.sum((s["X"].T @ d_hidden) ** 2)), np.sqrt(np.sum((a1.T @ d_output) ** 2))], rtol=1e-12)
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hidden 1 weights", "output weights"]
    assert [to_hex(line.get_color()) for line in lines] == [BLUE.lower(), VERMILLION.lower()]
    assert (ax.get_xlabel(), ax.get_title()) == ("epoch", "The gradient of each layer's weights")
    check_legend_clear(ax)
    # a fitted model draws its own, and a deeper network one line per layer
    model = nn.MLPClassifier(hidden=(4, 3), epochs=30, seed=1, record_gradients=True).fit(s["X"], ["a", "b", "a"])
    frame = gradient_frame(plot_net(model))
    assert frame["labels"] == ["hidden 1 weights", "hidden 2 weights", "output weights"]
    assert_array_equal(frame["norms"], model.history_["gradients"])
    # a fit that goes on records its own epochs: the last ones
    more = nn.train(nn.train(s["init"], s["X"], s["y"], 0.1, 5), s["X"], s["y"], epochs=4, record_gradients=True)
    assert_array_equal(gradient_frame(plot_net(more))["epochs"], [6, 7, 8, 9])
    with pytest.raises(nn.NnscratchError, match="`fit` must record its gradients; train it with `record_gradients = TRUE`."):
        plot_gradients(nn.train(s["init"], s["X"], s["y"], 0.1, 5))


def test_the_decision_boundary_shows_the_networks_classes_the_samples_and_their_names():
    model, X, y = moons_fit()
    ax = plot_decision_boundary(model, X, y, grid=40)
    check_boundary(ax, model.layers_, X, (y[:, 0] > 0.5).astype(int), ("width", "height"), ["0", "1"], 40)
    assert ax.get_title(loc="left") == "Decision boundary after 300 epochs"


def test_a_train_result_draws_the_same_boundary():
    model, X, y = moons_fit()
    s = nn.load_scenario("moons")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.01, epochs=300)
    ax = plot_decision_boundary(fit, X, y, grid=40)
    check_boundary(ax, fit["params"], X, (y[:, 0] > 0.5).astype(int), ("width", "height"), ["0", "1"], 40)
    # Without a DataFrame, the axes are x1 and x2.
    ax = plot_decision_boundary(fit, s["X"], y, grid=40)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")


def test_the_boundary_check_rejects_a_transposed_grid_dropped_samples_and_a_hidden_legend():
    model, X, y = moons_fit()
    frame = boundary_frame(plot_net(model), X, y, 40)
    y_class = (y[:, 0] > 0.5).astype(int)
    title = "Decision boundary after 300 epochs"

    def check(f, legend=True):
        _, ax = plt.subplots()
        draw_boundary(f, title, legend, ax)
        check_boundary(ax, model.layers_, X, y_class, ("width", "height"), ["0", "1"], 40)

    check(frame)
    with pytest.raises(AssertionError):
        check(dict(frame, k=frame["k"].T, output=frame["output"].T))
    with pytest.raises(AssertionError):
        check(dict(frame, X=frame["X"][:0], classes=frame["classes"][:0]))
    with pytest.raises(AssertionError, match="no legend"):
        check(frame, legend=False)


def test_the_decision_boundary_of_three_classes_shows_the_class_regions_and_no_contour():
    s = nn.load_scenario("blobs")
    model = nn.MLP(hidden=3, lr=0.05, epochs=300, bias=False, init=s["init"]).fit(s["X"], s["y"])
    ax = plot_decision_boundary(model, s["X"], s["y"], grid=40)
    check_boundary(ax, model.layers_, s["X"], s["y"].argmax(axis=1), ("x1", "x2"), ["class 1", "class 2", "class 3"], 40)


def test_the_boundary_history_draws_one_checked_panel_per_traced_epoch():
    model, X, y = moons_fit()
    fig = plot_boundary_history(model, X, y, grid=30, ncol=3)
    axes = fig.get_axes()
    # 4 panels in 3 columns: the legend fills the last row's 2 cells
    assert len(axes) == 5 and all(a.axison for a in axes[:4]) and not axes[4].axison
    spec = axes[4].get_subplotspec()
    assert (spec.rowspan, spec.colspan) == (range(1, 2), range(1, 3))
    assert [t.get_text() for t in axes[4].get_legend().get_texts()] == ["0", "1", "output = 0.5"]
    # the x axis named under the panels with none below, the y axis beside the first column
    assert [a.get_xlabel() for a in axes[:4]] == ["", "width", "width", "width"]
    assert [a.get_ylabel() for a in axes[:4]] == ["height", "", "", "height"]
    assert [a.get_title(loc="left") for a in axes[:4]] == ["epoch 1", "epoch 100", "epoch 200", "epoch 300"]
    assert fig.get_suptitle() == "The decision boundary during training"
    for ax, t in zip(axes, model.trace_):
        # Each panel from the weights the trace stores after that epoch.
        params = t["layers"]
        shown = np.asarray(only(ax, QuadMesh).get_array()).reshape(30, 30)
        g1, g2 = (np.linspace(*padded(X.to_numpy()[:, k]), 30) for k in (0, 1))
        G1, G2 = np.meshgrid(g1, g2)
        out = by_hand(params, np.column_stack([G1.ravel(), G2.ravel()]))
        assert_array_equal(shown, (out[:, 0] > 0.5).reshape(30, 30))
        assert_allclose(only(ax, PathCollection).get_offsets(), X.to_numpy())


def test_the_boundary_history_of_5_panels_leaves_no_cell_empty():
    model, X, y = moons_fit()
    s = nn.load_scenario("moons")
    five = nn.train(s["init"], s["X"], s["y"], lr=0.01, epochs=300, trace_at=[1, 75, 150, 225, 300])
    assert_array_equal(history_layout(5), [[1, 2, 3], [4, 5, 6]])
    fig = plot_boundary_history(five, X, y, grid=30)
    axes = fig.get_axes()
    assert len(axes) == 6 and axes[5].get_legend() is not None
    cells = {(r, c) for a in axes for r in a.get_subplotspec().rowspan for c in a.get_subplotspec().colspan}
    assert cells == {(r, c) for r in range(2) for c in range(3)}
    assert [a.get_xlabel() for a in axes[:5]] == ["", "", "width", "width", "width"]
    # the rows full: the legend in a row of its own; ncol as given
    assert_array_equal(history_layout(4), [[1, 2, 3, 4], [5, 5, 5, 5]])
    assert_array_equal(history_layout(5, 4), [[1, 2, 3, 4], [5, 6, 6, 6]])
    assert_array_equal(history_layout(6, 2), [[1, 2], [3, 4], [5, 6], [7, 7]])
    for n in range(1, 14):
        assert set(history_layout(n).ravel()) == set(range(1, n + 2))


def test_the_network_diagram_draws_every_weight_and_bias_with_its_width_and_colour():
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5000).fit(s["X"], s["y"])
    ax = plot_network(model, show_weights=True)
    check_network(ax, model.layers_)
    # By hand, as R's test: the line from input 2 to hidden neuron 3 (inputs
    # at y = 1.5, 0.5, -0.5, -1.5; hidden neurons at 1, 0, -1), and the
    # output bias hanging from the node at (1.5, 2.5).
    p = nn.as_article(model.layers_)
    biggest = max(np.abs(p[k]).max() for k in ("wh", "bh", "wout", "bout"))
    lines = {c.get_label(): c for c in ax.collections if isinstance(c, LineCollection)}
    widths = np.broadcast_to(lines["weights"].get_linewidths(), (len(lines["weights"].get_segments()),))
    at = [i for i, seg in enumerate(lines["weights"].get_segments()) if seg.tolist() == [[0, 0.5], [1, -1]]]
    assert len(at) == 1
    assert_allclose(widths[at[0]], 0.5 + 3.5 * abs(p["wh"][1, 2]) / biggest, rtol=1e-12)
    assert [seg.tolist() for seg in lines["biases"].get_segments()][-1] == [[1.5, 2.5], [2, 0]]
    assert ax.get_title(loc="left") == "A 4-3-1 network, 19 weights"
    labels = [t.get_text() for t in ax.texts]
    for name in ("x1", "x4", "o1", "input", "hidden 1\nsigmoid", "output\nsigmoid"):
        assert name in labels
    assert "%.2f" % model.wout_[0, 0] in labels
    # Neurons and bias nodes: 4 + 3 + 1 circles, and 2 nodes marked 1.
    neurons, biases = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(neurons.get_offsets()) == 8 and len(biases.get_offsets()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["positive weight", "negative weight", "width: |weight|"]
    # every name and value clear of the neurons and of each other; the article's 19 values all fit
    labels = check_diagram(ax)
    assert sum(1 for t in labels if t.lstrip("-").replace(".", "", 1).isdigit()) == 19


def ten_inputs():
    """A regression of 10 named inputs, as R's mtcars: mpg from cyl, disp, ..., carb."""
    import pandas as pd

    rng = np.random.default_rng(1)
    names = ["cyl", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear", "carb"]
    X = pd.DataFrame(rng.normal(size=(32, 10)), columns=names)
    y = pd.Series(20 - 3 * X["wt"] + X["am"] + rng.normal(scale=0.5, size=32), name="mpg")
    return nn.MLPRegressor(hidden=5, activation="tanh", epochs=300, seed=1).fit(X, y), names


@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_the_network_diagram_of_10_inputs_keeps_names_off_the_neurons_and_shows_the_values_that_fit():
    model, names = ten_inputs()
    _, ax = plt.subplots(figsize=(7, 5.6))
    plot_network(model, show_weights=True, ax=ax)
    labels = check_diagram(ax)
    assert {*names, "mpg", "input", "hidden 1\ntanh", "output\nidentity"} <= set(labels)
    assert "o1" not in labels
    # the values that fit: fewer than the 61 weights, the largest among them
    e = network_frame(plot_net(model))["edges"]
    shown = [t for t in labels if t.lstrip("-").replace(".", "", 1).isdigit()]
    assert 10 < len(shown) < len(e["w"])
    assert "%.2f" % e["w"][np.argmax(np.abs(e["w"]))] in shown
    # the check sees a name moved onto a neuron
    name = next(t for t in ax.texts if t.get_text() == "carb")
    name.set_position((0, 0))
    with pytest.raises(AssertionError, match="'carb' touches a neuron|overlaps"):
        check_diagram(ax)


def test_fitting_labels_puts_each_label_largest_first_at_its_first_free_place():
    # by hand: label 0 overlaps the obstacle in both places, 1 and 2 overlap
    # each other in their first place, 3 is free
    first = boxes([0, 10, 11, 30], [2, 14, 15, 32], [0, 0, 1, 0], [1, 2, 3, 1])
    second = boxes([1, 20, 11, 40], [2, 24, 15, 42], [1, 0, 1, 0], [2, 2, 3, 1])
    obstacles = boxes([1], [3], [0.5], [2])
    assert fitting_labels([first], obstacles, [0, 1, 2, 3]).tolist() == [-1, 0, -1, 0]
    assert fitting_labels([first, second], obstacles, [0, 1, 2, 3]).tolist() == [-1, 0, -1, 0]
    assert fitting_labels([first, second], obstacles, [2, 1, 0, 3]).tolist() == [-1, 1, 0, 0]


# a short run that has not converged, and says so; the plot is the point here
@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_the_network_diagram_of_a_model_without_biases_names_its_inputs_and_class():
    X = np.array([[0.1, 0.9], [0.8, 0.3], [0.4, 0.4], [0.9, 0.8]])
    import pandas as pd

    model = nn.MLP(hidden=2, epochs=20, seed=1).fit(pd.DataFrame(X, columns=["left", "right"]), ["no", "yes", "no", "yes"])
    ax = plot_network(model)
    check_network(ax, model.layers_)
    labels = [t.get_text() for t in ax.texts]
    assert {"left", "right", "P(yes)"} <= set(labels)
    s = nn.load_scenario("moons")
    ax = plot_network(nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=5))
    lines = {c.get_label(): c for c in ax.collections if isinstance(c, LineCollection)}
    assert len(lines["weights"].get_segments()) == 2 * 10 + 10 and len(lines["biases"].get_segments()) == 0


# a short run that has not converged, and says so; the plot is the point here
@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_a_deeper_network_draws_every_layer_and_its_boundary_uses_its_activations():
    s = nn.load_scenario("moons")
    model = nn.MLP(hidden=(5, 4), activation=("tanh", "relu"), lr=0.01, epochs=200, seed=3, bias=True).fit(s["X"], s["y"])
    ax = plot_network(model)
    check_network(ax, model.layers_)
    assert ax.get_title(loc="left") == "A 2-5-4-1 network, %d weights" % (2 * 5 + 5 + 5 * 4 + 4 + 4 + 1)
    labels = [t.get_text() for t in ax.texts]
    assert {"hidden 1\ntanh", "hidden 2\nrelu", "output\nsigmoid"} <= set(labels)
    neurons, biases = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(neurons.get_offsets()) == 2 + 5 + 4 + 1 and len(biases.get_offsets()) == 3
    ax = plot_decision_boundary(model, s["X"], s["y"], grid=30)
    check_boundary(ax, model.layers_, s["X"], (s["y"][:, 0] > 0.5).astype(int), ("x1", "x2"), ["0", "1"], 30,
                   ("tanh", "relu"))
    # A train() result records its activations in its settings: the plot reads them there.
    fit = nn.train(model.layers_, s["X"], s["y"], lr=0.01, epochs=3, activation=["tanh", "relu"])
    ax = plot_decision_boundary(fit, s["X"], s["y"], grid=30)
    check_boundary(ax, fit["params"], s["X"], (s["y"][:, 0] > 0.5).astype(int), ("x1", "x2"), ["0", "1"], 30,
                   ("tanh", "relu"))


def test_the_network_check_rejects_swapped_colours_and_equal_widths():
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5000).fit(s["X"], s["y"])
    frame = network_frame(plot_net(model))

    def check(edges):
        _, ax = plt.subplots()
        draw_network(dict(frame, edges=edges), frame["title"], False, ax)
        check_network(ax, model.layers_)

    e = frame["edges"]
    check(e)
    with pytest.raises(AssertionError):
        check(dict(e, col=np.where(e["col"] == BLUE, VERMILLION, BLUE)))
    with pytest.raises(AssertionError):
        check(dict(e, lwd=np.ones_like(e["lwd"])))


def test_the_plots_name_a_bad_argument():
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    moons, X, y = moons_fit()
    cases = [
        (lambda: plot_decision_boundary(model, s["X"], s["y"]), "`X` and `fit` must have two inputs, not 4 and 4."),
        (lambda: plot_decision_boundary("a", s["X"], s["y"]),
         "`fit` must be a fitted model from mlp() or a result of train(), not \"a\"."),
        (lambda: plot_network(1), "`fit` must be a fitted model from mlp() or a result of train(), not 1."),
        (lambda: plot_loss(model, log="y"), "`log` must be TRUE or FALSE, not \"y\"."),
        (lambda: plot_loss(model, verbose=-1), "`verbose` must be a whole number from 0 to 2147483647, not -1."),
        (lambda: plot_loss(model, epochs=(3, 9)),
         "`epochs` must be NULL or two whole numbers from 1 to 5, the first below the second."),
        (lambda: plot_loss(model, title=1), "`title` must be NULL or a string, not 1."),
        (lambda: plot_losses("a"), "`fits` must be a named list of fits, not \"a\"."),
        (lambda: plot_network(model, show_weights=None), "`show_weights` must be TRUE or FALSE, not NULL."),
        (lambda: plot_boundary_history(moons, X, y, ncol=0), "`ncol` must be NULL or a whole number >= 1, not 0."),
        (lambda: plot_boundary_history(nn.train(s["init"], s["X"], s["y"], 0.1, 5), s["X"], s["y"]),
         "`fit` must keep a trace of the epochs to show; train it with `trace_every` or `trace_at`."),
        (lambda: plot_decision_boundary(moons, X, y, grid=1), "`grid` must be a whole number >= 2, not 1."),
    ]
    for call, message in cases:
        with pytest.raises(nn.NnscratchError) as e:
            call()
        assert str(e.value) == message


def test_plot_decision_boundary_takes_the_labels_fit_took_and_names_a_label_it_does_not_know():
    rng = np.random.default_rng(1)
    X = rng.uniform(size=(20, 2))
    y = np.where(X[:, 0] > 0.5, "a", "b")
    model = nn.MLP(hidden=3, epochs=200, seed=1).fit(X, y)
    frame = boundary_frame(plot_net(model), X, y, 10)
    assert frame["labels"] == ["a", "b"]
    assert_array_equal(frame["classes"], np.where(y == "a", 0, 1))
    with pytest.raises(nn.NnscratchError, match="`y` must hold the model's classes \\(a, b\\), not \"c\"."):
        plot_decision_boundary(model, X, np.where(np.arange(20) == 1, "c", y))
    with pytest.raises(nn.NnscratchError, match="`y` must have as many rows as `X` \\(20\\), not 5."):
        plot_decision_boundary(model, X, y[:5])
