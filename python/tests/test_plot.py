"""Plots of a fitted network. Twin of tests/testthat/test-plot.R."""

# matplotlib is in the `test` extra: a missing one is a failed set-up, not a skip.
import matplotlib
import pytest

import nnscratch as nn

matplotlib.use("Agg")

from nnscratch.plot import plot_decision_boundary, plot_loss  # noqa: E402


def test_the_loss_curve_and_the_decision_boundary_draw_to_a_file(tmp_path):
    import matplotlib.pyplot as plt

    s = nn.load_scenario("blobs")
    model = nn.MLP(hidden=3, lr=0.05, epochs=50, bias=False, init=s["init"]).fit(s["X"], s["y"])
    plot_loss(model)
    plot_decision_boundary(model, s["X"], s["y"], grid=20)
    path = tmp_path / "plot.png"
    plt.savefig(path)
    plt.close("all")
    assert path.stat().st_size > 0


def test_a_decision_boundary_needs_two_inputs_and_a_fitted_model():
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    with pytest.raises(nn.NnscratchError) as e:
        plot_decision_boundary(model, s["X"], s["y"])
    assert str(e.value) == "`X` and `model` must have two inputs, not 4 and 4."
    with pytest.raises(nn.NnscratchError) as e:
        plot_decision_boundary([], s["X"], s["y"])
    assert str(e.value).startswith("`model` must be a fitted network from mlp(), not")


def test_plot_decision_boundary_takes_the_labels_fit_took_and_names_a_label_it_does_not_know(tmp_path):
    import matplotlib.pyplot as plt
    import numpy as np

    rng = np.random.default_rng(1)
    X = rng.uniform(size=(20, 2))
    y = np.where(X[:, 0] > 0.5, "a", "b")
    model = nn.MLP(hidden=3, epochs=200, seed=1).fit(X, y)
    plot_decision_boundary(model, X, y)
    plt.savefig(tmp_path / "b.png")
    plt.close("all")
    assert (tmp_path / "b.png").stat().st_size > 0
    with pytest.raises(nn.NnscratchError, match="`y` must hold the model's classes \\(a, b\\), not \"c\"."):
        plot_decision_boundary(model, X, np.where(np.arange(20) == 1, "c", y))
    with pytest.raises(nn.NnscratchError, match="`y` must have as many rows as `X` \\(20\\), not 5."):
        plot_decision_boundary(model, X, y[:5])
