import numpy as np

import nnscratch as nn

s = nn.load_scenario("article")


def test_mlp_repr_shows_the_parameters_that_differ_from_the_defaults():
    assert repr(nn.MLP()) == "MLP()"
    # in the order of the signature, whatever the order they were given in
    # in the order of the parameter table, which is the signature's
    assert repr(nn.MLP(batch_size=10, seed=3)) == "MLP(batch_size=10, seed=3)"
    # a default given explicitly is still the default
    assert repr(nn.MLP(hidden=3, lr=0.1, scheme="article_r")) == "MLP()"
    assert repr(nn.MLP(lr=0.5, bias=False, layout="columns")) == "MLP(lr=0.5, bias=False, layout='columns')"
    # initial weights by their shapes, not every number
    assert repr(nn.MLP(init=s["init"])) == "MLP(init={'wh': <4x3>, 'bh': <1x3>, 'wout': <3x1>, 'bout': <1x1>})"


def test_a_fitted_mlp_says_so_and_has_an_html_summary():
    model = nn.MLP(seed=3, epochs=200)
    assert model._repr_html_() is None
    model.fit(s["X"], s["y"])
    assert repr(model) == "MLP(epochs=200, seed=3) [fitted]"
    page = model._repr_html_()
    assert "4-3-1 (with biases)" in page
    assert "<td style='text-align:left'>200</td>" in page
    assert "%.6g" % model.loss_curve_[-1] in page
    assert page.startswith("<table><caption>MLP(epochs=200, seed=3) [fitted]</caption>")


def test_a_train_result_is_a_dict_that_prints_in_four_lines():
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=5000, trace_every=1000)
    assert isinstance(fit, dict) and list(fit) == ["params", "loss", "trace", "settings", "history", "state", "stopped"]
    assert fit["params"]["wh"].shape == (4, 3)
    assert repr(fit) == "\n".join([
        "nnscratch fit: a 4-3-1 network with biases, trained for 5000 epochs",
        "loss: %.6g at epoch 1, %.6g at epoch 5000" % (fit["loss"][0], fit["loss"][4999]),
        "trace: 6 epochs kept (1, 1000, 2000, 3000, 4000, 5000)",
        "fields: params, loss, trace, settings, history, state, stopped",
    ])
    many = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=20, trace_every=1)
    assert repr(many).splitlines()[2] == "trace: 20 epochs kept (1, 2, 3, ..., 19, 20)"
    none = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=20)
    assert repr(none).splitlines()[2] == "trace: no epoch kept"


def test_a_scenario_is_a_dict_that_prints_in_four_lines():
    assert isinstance(s, dict) and np.array_equal(s["X"], np.array([[1, 0, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1]]))
    assert repr(s) == "\n".join([
        'nnscratch scenario "article": X is 3 x 4, y is 3 x 1',
        "a 4-3-1 network with biases, lr = 0.1, 5000 epochs",
        'init drawn with seed 42 by scheme "article_r"',
        "fields: name, X, y, init, hidden, lr, epochs, bias, seed, scheme, skip, activation, output_activation, loss, decay, "
        "data, train",
    ])
    toy = nn.load_scenario("part2_toy")
    assert "without biases" in repr(toy).splitlines()[1]


def test_a_fit_of_several_layers_prints_every_layer_size():
    from nnscratch.printing import Fit

    layers = [{"W": np.zeros((2, 8)), "b": np.zeros((1, 8))}, {"W": np.zeros((8, 4)), "b": np.zeros((1, 4))},
              {"W": np.zeros((4, 1)), "b": None}]
    fit = Fit(params=layers, loss=np.array([2.0, 1.0]), trace=[])
    assert repr(fit).splitlines()[:2] == ["nnscratch fit: a 2-8-4-1 network with biases, trained for 2 epochs",
                                          "loss: 2 at epoch 1, 1 at epoch 2"]
