"""The layered core: deeper networks, every activation, output and loss, against independent computations."""

import itertools
import runpy
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn
from nnscratch.layers import row_blocks, train_step_layers

from reference import reference_layers_step

RNG = np.random.default_rng(7)
X = RNG.normal(size=(6, 3))


def targets(output_activation, o, rng):
    if output_activation == "softmax":
        return np.eye(o)[rng.integers(0, o, X.shape[0])]
    if output_activation == "identity":
        return rng.normal(size=(X.shape[0], o))
    return rng.integers(0, 2, size=(X.shape[0], o)).astype(float)


def network(hidden, o, bias=True, scale=0.5, seed=3):
    """Small random layers, scaled so that no unit saturates."""
    rng = np.random.default_rng(seed)
    sizes = [X.shape[1], *hidden, o]
    return [
        {"W": scale * rng.normal(size=(i, j)), "b": scale * rng.normal(size=(1, j)) if bias else None}
        for i, j in zip(sizes[:-1], sizes[1:])
    ]


COMBINATIONS = [
    (depth, act, out, loss)
    for depth, act, out, loss in itertools.product(
        (1, 2, 3), ("sigmoid", "tanh", "relu"), ("sigmoid", "softmax", "identity"), ("half_sse", "half_mse", "log_loss"),
    )
    if not (loss == "log_loss" and out == "identity")
]


@pytest.mark.parametrize("depth, act, out, loss", COMBINATIONS)
def test_one_step_matches_scalar_loops_of_the_textbook_equations(depth, act, out, loss):
    rng = np.random.default_rng(depth)
    o = 3 if out == "softmax" else 2
    y = targets(out, o, rng)
    layers = network((4, 3, 2)[:depth], o)
    activation = [act] * depth
    step = nn.train_step(layers, X, y, 0.05, act, out, loss, decay=0.01)
    ref = reference_layers_step(layers, X, y, 0.05, activation, out, loss, decay=0.01)
    assert_allclose(step["loss"], ref["loss"], rtol=1e-12)
    for k in range(depth + 1):
        assert_allclose(step["z"][k], ref["z"][k], rtol=1e-12, atol=1e-14)
        assert_allclose(step["a"][k + 1], ref["a"][k + 1], rtol=1e-12, atol=1e-14)
        assert_allclose(step["delta"][k], ref["delta"][k], rtol=1e-10, atol=1e-14)
        assert_allclose(step["layers"][k]["W"], ref["layers"][k]["W"], rtol=1e-12, atol=1e-14)
        assert_allclose(step["layers"][k]["b"], ref["layers"][k]["b"], rtol=1e-12, atol=1e-14)


def block_problem(depth, act, out, loss, reduction):
    """Return the targets, layers and settings of a step on X for one combination, with decay."""
    o = 3 if out == "softmax" else 2
    y = targets(out, o, np.random.default_rng(depth))
    s = {"activation": [act] * depth, "output_activation": out, "loss": loss, "reduction": reduction, "decay": 0.01,
         "exact": False, "optimizer": "sgd"}
    return y, network((4, 3, 2)[:depth], o), s


@pytest.mark.parametrize("depth, act, out, loss", COMBINATIONS)
def test_a_step_in_blocks_of_rows_adds_up_to_the_whole_step(depth, act, out, loss):
    # Rows 1-4 and 5-6, weighted, with decay and the mean reduction: the
    # blocks' losses and directions add up to the whole batch's, so the
    # updated layers agree within rounding; only the output layer's z is kept.
    y, layers, s = block_problem(depth, act, out, loss, "mean")
    w = np.array([[2.0], [0.5], [1.0], [0.0], [3.0], [1.0]])
    whole = train_step_layers(layers, X, y, 0.05, s, w=w)
    blocked = train_step_layers(layers, X, y, 0.05, s, w=w, blocks=[slice(0, 4), slice(4, 6)])
    assert_allclose(blocked["loss"], whole["loss"], rtol=1e-12)
    assert_allclose(blocked["z"][-1], whole["z"][-1], rtol=1e-12, atol=1e-14)
    assert blocked["z"][:-1] == [None] * depth and "a" not in blocked and "delta" not in blocked
    for b, a in zip(blocked["layers"], whole["layers"]):
        assert_allclose(b["W"], a["W"], rtol=1e-12, atol=1e-14)
        assert_allclose(b["b"], a["b"], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("depth, act, out, loss", COMBINATIONS)
def test_one_block_gives_the_bits_of_the_whole_step(depth, act, out, loss):
    y, layers, s = block_problem(depth, act, out, loss, "sum")
    whole = train_step_layers(layers, X, y, 0.05, s)
    blocked = train_step_layers(layers, X, y, 0.05, s, blocks=[slice(0, 6)])
    assert blocked["loss"] == whole["loss"]
    for b, a in zip(blocked["layers"], whole["layers"]):
        assert_array_equal(b["W"], a["W"])
        assert_array_equal(b["b"], a["b"])


def test_row_blocks_cut_the_rows_by_the_widest_layer(monkeypatch):
    monkeypatch.setattr(nn.layers, "BLOCK_VALUES", 40)
    layers = network((8, 3), 2)
    # 40 values of the widest layer (8 units) are 5 rows
    assert row_blocks(5, layers) == []
    assert row_blocks(12, layers) == [slice(0, 5), slice(5, 10), slice(10, 12)]


@pytest.mark.parametrize("depth, act, out, loss", COMBINATIONS)
def test_check_gradients_passes_for_every_combination(depth, act, out, loss):
    rng = np.random.default_rng(10 + depth)
    o = 3 if out == "softmax" else 2
    y = targets(out, o, rng)
    layers = network((4, 3, 2)[:depth], o)
    for decay in (0.0, 0.1):
        assert nn.check_gradients(layers, X, y, act, out, loss, decay) < 1e-4


def test_check_gradients_catches_a_broken_derivative(monkeypatch):
    from nnscratch import activations

    layers = network((4, 3), 2)
    y = targets("sigmoid", 2, np.random.default_rng(1))
    assert nn.check_gradients(layers, X, y, "tanh") < 1e-5
    # tanh'(z) is 1 - tanh(z)^2; 1 - tanh(z) is a plausible slip
    broken = activations.ACTIVATIONS["tanh"]._replace(slope=lambda a: 1 - a)
    monkeypatch.setitem(activations.ACTIVATIONS, "tanh", broken)
    assert nn.check_gradients(layers, X, y, "tanh") > 1e-2


def test_the_article_view_gives_the_bits_of_the_articles_numpy_script():
    # The article's own loop (python/examples/article_numpy.py) for one epoch,
    # from the package's article scenario.
    s = nn.load_scenario("article")
    wh, bh, wout, bout = (s["init"][k].copy() for k in ("wh", "bh", "wout", "bout"))
    X_, y_, lr = s["X"], s["y"], s["lr"]
    hidden_layer_input = np.dot(X_, wh) + bh
    hiddenlayer_activations = 1 / (1 + np.exp(-hidden_layer_input))
    output_layer_input = np.dot(hiddenlayer_activations, wout) + bout
    output = 1 / (1 + np.exp(-output_layer_input))
    E = y_ - output
    d_output = E * (output * (1 - output))
    Error_at_hidden_layer = d_output.dot(wout.T)
    d_hiddenlayer = Error_at_hidden_layer * (hiddenlayer_activations * (1 - hiddenlayer_activations))
    wout += hiddenlayer_activations.T.dot(d_output) * lr
    bout += np.sum(d_output, axis=0, keepdims=True) * lr
    wh += X_.T.dot(d_hiddenlayer) * lr
    bh += np.sum(d_hiddenlayer, axis=0, keepdims=True) * lr
    step = nn.train_step(s["init"], X_, y_, lr)
    expected = dict(
        hidden_layer_input=hidden_layer_input, hiddenlayer_activations=hiddenlayer_activations,
        output_layer_input=output_layer_input, output=output, E=E, d_output=d_output,
        Error_at_hidden_layer=Error_at_hidden_layer, d_hiddenlayer=d_hiddenlayer,
        wout=wout, bout=bout, wh=wh, bh=bh,
    )
    for name, value in expected.items():
        assert_array_equal(step[name], value, err_msg=name)


def test_the_article_script_and_train_agree_after_5000_epochs():
    # The script draws its weights with np.random.seed(42), the "article_numpy" scheme.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        script = runpy.run_path("python/examples/article_numpy.py")
    init = nn.init_params(4, 3, 1, seed=42, scheme="article_numpy")
    fit = nn.train(init, script["X"], script["y"], 0.1, 5000, trace_at=[5000])
    assert_allclose(fit["params"]["wh"], script["wh"], rtol=1e-12)
    # the script's `output` is the last epoch's, before its update
    assert_allclose(fit["trace"][0]["output"], script["output"], rtol=1e-12)


def test_as_layers_and_as_article_convert_both_ways():
    s = nn.load_scenario("article")
    layers = nn.as_layers(s["init"])
    assert [sorted(layer) for layer in layers] == [["W", "b"], ["W", "b"]]
    assert_array_equal(layers[1]["W"], s["init"]["wout"])
    back = nn.as_article(layers)
    for k in ("wh", "bh", "wout", "bout"):
        assert_array_equal(back[k], s["init"][k])
    deep = nn.init_params(4, (3, 2), 1, seed=1)
    with pytest.raises(nn.NnscratchError, match="must have one hidden layer .two layers. to be written as the article's params"):
        nn.as_article(deep)


def test_init_params_draws_each_layer_in_turn():
    deep = nn.init_params(2, (3, 4), 2, seed=5, scheme="article_numpy")
    # numpy's uniform stream, cut in the order W1, b1, W2, b2, W3, b3
    u = np.random.RandomState(5).uniform(size=2 * 3 + 3 + 3 * 4 + 4 + 4 * 2 + 2)
    assert_array_equal(deep[0]["W"], u[:6].reshape(2, 3))
    assert_array_equal(deep[1]["b"], u[6 + 3 + 12:6 + 3 + 12 + 4].reshape(1, 4))
    assert_array_equal(deep[2]["W"], u[25:33].reshape(4, 2))
    one = nn.init_params(2, [3], 2, seed=5, scheme="article_numpy")
    assert sorted(one) == ["bh", "bout", "wh", "wout"]


def test_a_deep_tanh_softmax_network_learns_the_blobs():
    s = nn.load_scenario("blobs")
    init = nn.init_params(2, (8, 4), 3, seed=2)
    fit = nn.train(init, s["X"], s["y"], 0.005, 1500, activation="tanh", output_activation="softmax", loss="log_loss")
    output = nn.forward(fit["params"], s["X"], "tanh", "softmax")["a"][-1]
    assert_allclose(output.sum(axis=1), 1, rtol=1e-12)
    accuracy = np.mean(output.argmax(axis=1) == s["y"].argmax(axis=1))
    # no skill: the largest class, a third of the samples
    assert accuracy >= 0.95
    assert fit["loss"][-1] < 0.1 * fit["loss"][0]


def test_a_relu_network_with_an_identity_output_fits_targets_outside_0_1():
    rng = np.random.default_rng(3)
    Xr = rng.uniform(-1, 1, size=(200, 2))
    yr = (3 * Xr[:, :1] - 2 * Xr[:, 1:] ** 2 + 5)
    init = network((16, 8, 4), 1, seed=4)
    init[0]["W"] = init[0]["W"][:2]
    fit = nn.train(init, Xr, yr, 0.01, 3000, activation="relu", output_activation="identity", loss="half_mse")
    mse = np.mean((nn.forward(fit["params"], Xr, "relu", "identity")["a"][-1] - yr) ** 2)
    # no skill: predicting the mean
    assert mse < 0.05 * np.var(yr)


def test_decay_shrinks_the_weights_and_adds_its_penalty_to_the_loss():
    s = nn.load_scenario("article")
    plain = nn.train_step(s["init"], s["X"], s["y"], 0.1)
    decayed = nn.train_step(nn.as_layers(s["init"]), s["X"], s["y"], 0.1, decay=0.5)
    assert_allclose(decayed["layers"][0]["W"], plain["wh"] - 0.1 * 0.5 * s["init"]["wh"], rtol=1e-14)
    # biases are not penalised
    assert_array_equal(decayed["layers"][0]["b"], plain["bh"])
    penalty = 0.25 * (np.sum(s["init"]["wh"] ** 2) + np.sum(s["init"]["wout"] ** 2))
    assert_allclose(decayed["loss"], 0.5 * np.sum(plain["E"] ** 2) + penalty, rtol=1e-14)


def test_half_mse_is_half_sse_over_n_and_steps_n_times_shorter():
    s = nn.load_scenario("article")
    sse = nn.train_step(nn.as_layers(s["init"]), s["X"], s["y"], 0.3)
    mse = nn.train_step(nn.as_layers(s["init"]), s["X"], s["y"], 0.3 * 3, loss="half_mse")
    assert_allclose(mse["loss"], sse["loss"] / 3, rtol=1e-14)
    assert_allclose(mse["layers"][0]["W"], sse["layers"][0]["W"], rtol=1e-13)


def test_softmax_rows_sum_to_one_and_do_not_overflow():
    out = nn.forward(network((3,), 3, scale=400.0), X, "relu", "softmax")["a"][-1]
    assert np.all(np.isfinite(out))
    assert_allclose(out.sum(axis=1), 1, rtol=1e-15)


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=__import__("re").escape(fragment))


def test_combinations_that_make_no_sense_are_refused():
    layers = network((3,), 2)
    y2 = targets("sigmoid", 2, np.random.default_rng(0))
    with nn_error('`output_activation` "softmax" needs at least two outputs; `y` has 1 column.'):
        nn.train_step(network((3,), 1), X, y2[:, :1], 0.1, output_activation="softmax")
    with nn_error('`loss` "log_loss" needs a "sigmoid" or "softmax" output, not "identity".'):
        nn.train_step(layers, X, y2, 0.1, output_activation="identity", loss="log_loss")
    with nn_error("`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 1, column 1."):
        nn.train_step(layers, X, 0 * y2 + 2, 0.1)
    with nn_error('`activation` must be "sigmoid", "tanh", "relu" or "identity", or one of them per hidden layer (1), not "softmax".'):
        nn.train_step(layers, X, y2, 0.1, activation="softmax")
    with nn_error('`output_activation` must be "sigmoid", "softmax" or "identity", not "tanh".'):
        nn.forward(layers, X, output_activation="tanh")
    with nn_error('`loss` must be "half_sse", "half_mse" or "log_loss", not "mse".'):
        nn.train(layers, X, y2, 0.1, 1, loss="mse")
    with nn_error("`decay` must be a number >= 0, not -1."):
        nn.train(layers, X, y2, 0.1, 1, decay=-1)
    with nn_error("`W` of layer 2 must have 3 rows, one per neuron of layer 1, not 2."):
        nn.forward([layers[0], {"W": np.ones((2, 2)), "b": None}], X)
    with nn_error("Layer 1 of `params` must have a matrix `W` and a bias `b` (or NULL), and nothing else; it has `W`, `bias`."):
        nn.forward([{"W": layers[0]["W"], "bias": None}, layers[1]], X)
