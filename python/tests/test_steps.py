import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn

from reference import numeric_gradient, reference_epoch


def test_sigmoid_matches_its_definition_and_saturates_without_nan_or_warnings():
    assert nn.sigmoid(0.0) == 0.5
    assert_allclose(nn.sigmoid(np.log(3.0)), 0.75)
    x = np.array([-1e300, -800, 800, 1e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nn.sigmoid(x)
    assert not np.any(np.isnan(s))
    assert_array_equal(s, [0, 0, 1, 1])


def test_derivatives_sigmoid_takes_the_activation():
    z = np.array([-2, 0, 0.5, 3])
    slope = (nn.sigmoid(z + 1e-6) - nn.sigmoid(z - 1e-6)) / 2e-6
    assert_allclose(nn.derivatives_sigmoid(nn.sigmoid(z)), slope, rtol=1e-8)
    assert nn.derivatives_sigmoid(0.5) == 0.25


def test_epoch_1_of_the_article_scenario_matches_scalar_loops():
    s = nn.load_scenario("article")
    step = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
    ref = reference_epoch(s["init"], s["X"], s["y"], s["lr"])
    for name in ref:
        assert_allclose(step[name], ref[name], rtol=1e-14, atol=1e-15, err_msg=name)
    assert_allclose(step["E"], s["y"] - ref["output"], rtol=1e-14)
    assert_allclose(step["slope_output_layer"], ref["output"] * (1 - ref["output"]))
    assert_allclose(
        step["slope_hidden_layer"],
        ref["hiddenlayer_activations"] * (1 - ref["hiddenlayer_activations"]),
    )
    assert_allclose(step["Error_at_hidden_layer"], step["d_output"] @ s["init"]["wout"].T)


def test_train_step_returns_the_14_intermediates_under_the_articles_names():
    s = nn.load_scenario("article")
    step = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
    assert set(step) == {
        "hidden_layer_input", "hiddenlayer_activations", "output_layer_input",
        "output", "E", "slope_output_layer", "slope_hidden_layer", "d_output",
        "Error_at_hidden_layer", "d_hiddenlayer", "wout", "bout", "wh", "bh",
    }
    assert step["bh"].shape == (1, 3)
    assert step["bout"].shape == (1, 1)


def test_the_update_is_minus_lr_times_the_numerical_gradient():
    s = nn.load_scenario("article")
    lr = 0.1
    step = nn.train_step(s["init"], s["X"], s["y"], lr)
    g = numeric_gradient(s["init"], s["X"], s["y"])
    for name in ("wh", "bh", "wout", "bout"):
        update = step[name] - s["init"][name]
        rel = np.max(np.abs(update - (-lr * g[name]))) / np.max(np.abs(update))
        assert rel < 1e-6, name


def test_the_gradient_check_holds_for_several_outputs_and_without_biases():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(5, 4))
    y = rng.uniform(size=(5, 2))
    params = {"wh": rng.normal(size=(4, 3)), "bh": None, "wout": rng.normal(size=(3, 2)), "bout": None}
    step = nn.train_step(params, X, y, lr=0.5)
    g = numeric_gradient(params, X, y)
    for name in ("wh", "wout"):
        update = step[name] - params[name]
        assert np.max(np.abs(update + 0.5 * g[name])) / np.max(np.abs(update)) < 1e-6
    assert step["bh"] is None
    assert step["bout"] is None
    ref = reference_epoch(params, X, y, 0.5)
    assert_allclose(step["output"], ref["output"], rtol=1e-14)


def test_forward_gives_the_outputs_of_train_steps_forward_pass():
    s = nn.load_scenario("article")
    f = nn.forward(s["init"], s["X"])
    step = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
    assert_array_equal(f["output"], step["output"])
    assert_array_equal(f["hidden_layer_input"], step["hidden_layer_input"])


def test_inputs_too_large_for_the_doubles_give_inf_or_nan_without_a_numpy_warning():
    s = nn.load_scenario("article")
    X = s["X"] * 1e308
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        nn.forward(s["init"], X)
        layers = nn.as_layers(nn.init_params(4, [3, 2], 1, seed=1))
        nn.train_step(layers, X, s["y"], 0.1, "relu", "identity", "half_mse")
        with pytest.warns(nn.ConvergenceWarning, match="the loss became"):
            nn.train(layers, X, s["y"], 0.1, 3, activation="relu", output_activation="identity", loss="half_mse")
        model = nn.MLPRegressor(hidden=3, epochs=3, seed=1).fit(s["X"], [1.0, 2.0, 3.0])
        assert not np.isfinite(model.predict(X)).any()
