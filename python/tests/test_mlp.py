import numpy as np
from numpy.testing import assert_array_equal

import nnscratch as nn

s = nn.load_scenario("article")


def test_mlp_trains_what_train_trains_and_predicts_with_forward():
    model = nn.MLP(hidden=3, lr=0.1, epochs=5000, init=s["init"]).fit(s["X"], s["y"])
    direct = nn.train(s["init"], s["X"], s["y"], 0.1, 5000)
    for k, attr in (("wh", "wh_"), ("bh", "bh_"), ("wout", "wout_"), ("bout", "bout_")):
        assert_array_equal(getattr(model, attr), direct["params"][k])
    assert_array_equal(model.loss_curve_, direct["loss"])
    assert model.n_epochs_ == 5000
    assert_array_equal(model.predict(s["X"]), nn.forward(direct["params"], s["X"])["output"])


def test_mlp_with_a_seed_draws_init_params_with_that_seed():
    model = nn.MLP(epochs=1, seed=42, scheme="article_numpy").fit(s["X"], s["y"])
    init = nn.init_params(4, 3, 1, seed=42, scheme="article_numpy")
    assert_array_equal(model.wh_, nn.train(init, s["X"], s["y"], 0.1, 1)["params"]["wh"])


def test_several_outputs():
    X = np.vstack([np.eye(3), np.eye(3)])
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, X)
    assert_array_equal(model.predict(X).argmax(axis=1), [0, 1, 2, 0, 1, 2])
    assert model.predict(X).shape == (6, 3)


def test_a_network_without_biases_has_no_bias_weights():
    model = nn.MLP(bias=False, seed=3, epochs=10, scheme="article_numpy").fit(s["X"], s["y"])
    assert model.bh_ is None
    assert model.bout_ is None


def test_predict_before_fit_is_an_error():
    import pytest

    with pytest.raises(nn.NnscratchError, match="not fitted"):
        nn.MLP().predict(s["X"])
