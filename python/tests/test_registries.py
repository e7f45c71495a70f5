"""A registry is the one list of its names: an entry added to it works everywhere. Twin of
tests/testthat/test-registries.R.

Each test registers a newcomer for the test's length only and runs it
through train, the estimators, a model file, the command line and a plot.
"""

import json
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn
from nnscratch import activations, losses, optimizers, schedules
from nnscratch.cli import main
from nnscratch.plot import plot_loss, plot_network

s = nn.load_scenario("article")


def leaky_f(z, exact=False, out=None):
    return activations.written(np.where(z > 0, z, 0.01 * z), out)


def leaky_slope(a):
    return np.where(a > 0, 1.0, 0.01)


def sign_descent(p, d, slots, lr, h, t, exact):
    return p + np.sign(d) * lr, slots


def halving(t, base, h, state, exact):
    return base / 2 ** ((t - 1) // 10)


@pytest.fixture
def newcomers(monkeypatch):
    monkeypatch.setitem(activations.ACTIVATIONS, "leaky_relu",
                        activations.Activation(leaky_f, leaky_slope, True, False, False, False, None))
    monkeypatch.setitem(optimizers.OPTIMIZERS, "sign_descent", optimizers.Optimizer(sign_descent, (), ()))
    monkeypatch.setitem(schedules.SCHEDULES, "halving", schedules.Schedule(halving, (), None))
    monkeypatch.setitem(losses.LOSSES, "quarter_sse", losses.LOSSES["half_sse"]._replace(
        value=lambda y, a, out, w, exact: losses.half_sse(y, a, out, w, exact) / 2,
        delta=lambda y, a, out, w, D, exact: losses.half_sse_delta(y, a, out, w, 2 * D, exact),
        label="1/4 sum (y - output)^2"))


def test_a_new_activation_optimizer_schedule_and_loss_train_save_load_and_plot(newcomers, tmp_path):
    X, y = nn.load_scenario("blobs")["X"], nn.load_scenario("blobs")["y"].argmax(axis=1)
    settings = dict(hidden=6, activation="leaky_relu", optimizer="sign_descent", schedule="halving",
                    loss="quarter_sse", lr=0.01, epochs=30, seed=1, n_iter_no_change=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLPClassifier(**settings).fit(X, y)
    # sign descent moves every weight by exactly the epoch's rate each step
    rates = model.history_["lr"]
    assert_allclose(rates[[0, 9, 10, 29]], [0.01, 0.01, 0.005, 0.0025])
    path = str(tmp_path / "new.json")
    nn.save_model(model, path)
    loaded = nn.load_model(path)
    assert loaded.settings_["activation"] == ["leaky_relu"] and loaded.settings_["optimizer"] == "sign_descent"
    assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert plot_loss(model).get_ylabel() == "loss: 1/4 sum (y - output)^2, mean over the samples"
    assert "hidden 1\nleaky_relu" in [t.get_text() for t in plot_network(model).texts]
    # train(): its settings record the newcomers, which the plots read
    fit = nn.train(model.layers_, X, np.eye(3)[y], 0.001, 3, activation="leaky_relu", optimizer="sign_descent",
                   schedule="halving", loss="quarter_sse", output_activation="softmax")
    assert fit["settings"]["activation"] == ["leaky_relu"]
    assert plot_loss(fit).get_ylabel() == "loss: 1/4 sum (y - output)^2"
    # a newcomer without a spreadsheet form is refused by name, before any file is made
    with pytest.raises(nn.NnscratchError, match='`activation` "leaky_relu" has no spreadsheet form') as e:
        nn.export_steps(model.layers_, X[:5], np.eye(3)[y[:5]], 0.1, tmp_path / "steps.xlsx",
                        activation="leaky_relu", output_activation="softmax", loss="log_loss")
    assert e.value.arg == "activation" and not (tmp_path / "steps.xlsx").exists()


def test_a_new_loss_halves_the_articles_gradient(newcomers):
    # 1/4 sum (y - output)^2 is half the article's loss: at lr the step is the article's at lr / 2
    quarter = nn.train(s["init"], s["X"], s["y"], 0.2, 20, loss="quarter_sse")
    half = nn.train(s["init"], s["X"], s["y"], 0.1, 20)
    assert_allclose(quarter["params"]["wh"], half["params"]["wh"], rtol=1e-12)
    assert_allclose(quarter["loss"] * 2, half["loss"], rtol=1e-12)


def test_the_command_line_offers_and_trains_a_newcomer(newcomers, tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("a,b,c,d,y\n" + "".join(",".join(map(str, [*x, lab])) + "\n"
                                              for x, lab in zip(s["X"].tolist(), ["u", "v", "u"])))
    out = str(tmp_path / "m.json")
    assert main(["train", str(data), "--target", "y", "--activation", "leaky_relu", "--optimizer", "sign_descent",
                 "--schedule", "halving", "--hidden", "2", "--epochs", "5", "--out", out]) == 0
    assert json.loads(open(out).read())["settings"]["optimizer"] == "sign_descent"
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert "sign_descent" in capsys.readouterr().out


def test_a_name_outside_the_registries_is_refused_everywhere():
    with pytest.raises(nn.NnscratchError, match='`activation` must be "sigmoid", "tanh", "relu" or "identity"'):
        nn.train(s["init"], s["X"], s["y"], 0.1, 5, activation="leaky_relu")
    with pytest.raises(nn.NnscratchError, match='`optimizer` must be "sgd", "momentum", "nesterov", "rmsprop" or "adam"'):
        nn.MLPRegressor(optimizer="sign_descent").fit(s["X"], s["y"])
