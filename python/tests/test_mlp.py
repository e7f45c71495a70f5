import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn

s = nn.load_scenario("article")


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=__import__("re").escape(fragment))


def test_mlp_trains_what_train_trains_and_predicts_with_forward():
    model = nn.MLP(hidden=3, lr=0.1, epochs=5000, init=s["init"]).fit(s["X"], s["y"])
    direct = nn.train(s["init"], s["X"], s["y"], 0.1, 5000)
    for k, attr in (("wh", "wh_"), ("bh", "bh_"), ("wout", "wout_"), ("bout", "bout_")):
        assert_array_equal(getattr(model, attr), direct["params"][k])
    assert_array_equal(model.loss_curve_, direct["loss"])
    assert model.n_epochs_ == 5000
    output = nn.forward(direct["params"], s["X"])["output"]
    assert_array_equal(model.predict_proba(s["X"]), output)
    assert_array_equal(model.predict(s["X"]), [1, 1, 0])
    assert model.classes_ is None


def test_mlp_with_a_seed_draws_init_params_with_that_seed():
    model = nn.MLP(epochs=1, seed=42, scheme="article_numpy").fit(s["X"], s["y"])
    init = nn.init_params(4, 3, 1, seed=42, scheme="article_numpy")
    assert_array_equal(model.wh_, nn.train(init, s["X"], s["y"], 0.1, 1)["params"]["wh"])


def test_several_outputs():
    X = np.vstack([np.eye(3), np.eye(3)])
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, X)
    assert model.predict_proba(X).shape == (6, 3)
    assert_array_equal(model.predict(X), [0, 1, 2, 0, 1, 2])
    assert model.score(X, X) == 1.0


def test_a_network_without_biases_has_no_bias_weights():
    model = nn.MLP(bias=False, seed=3, epochs=10, scheme="article_numpy").fit(s["X"], s["y"])
    assert model.bh_ is None
    assert model.bout_ is None


def test_predict_before_fit_is_an_error():
    with nn_error("This MLP is not fitted yet; call `fit` first."):
        nn.MLP().predict(s["X"])
    with nn_error("not fitted"):
        nn.MLP().predict_proba(s["X"])


def test_two_labels_are_one_output_that_is_1_for_the_second_label():
    labels = np.array(["yes", "yes", "no"])
    model = nn.MLP(init=s["init"], epochs=500).fit(s["X"], labels)
    numeric = nn.MLP(init=s["init"], epochs=500).fit(s["X"], np.array([1.0, 1.0, 0.0]))
    assert_array_equal(model.wh_, numeric.wh_)
    assert_array_equal(model.wout_, numeric.wout_)
    assert model.classes_.tolist() == ["no", "yes"]
    output = nn.forward(nn.as_article(numeric.layers_), s["X"])["output"][:, 0]
    assert model.predict(s["X"]).tolist() == ["yes" if o > 0.5 else "no" for o in output]
    assert model.score(s["X"], labels) == 1.0


def test_three_labels_are_one_hot_and_the_class_is_the_arg_max_label():
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = np.array(["b", "c", "a"] * 2)
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, labels)
    onehot = (labels[:, None] == np.array(["a", "b", "c"])[None, :]).astype(float)
    direct = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, onehot)
    assert_array_equal(model.wout_, direct.wout_)
    # Did it learn: every training row gets its own label back.
    assert_array_equal(model.predict(X), labels)


def test_integer_and_boolean_labels_keep_their_type():
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], [True, True, False])
    assert model.classes_.tolist() == [False, True]
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], [1, 1, 0])
    assert model.classes_.tolist() == [0, 1]


def test_get_params_and_set_params_round_trip():
    model = nn.MLP(hidden=5, lr=0.5)
    params = model.get_params(deep=True)
    assert params == {
        "hidden": 5, "lr": 0.5, "epochs": 5000, "bias": True, "init": None, "seed": None,
        "scheme": "article_r", "trace_every": 0, "batch_size": None, "layout": "rows",
        "verbose": 0, "progress": False, "activation": "sigmoid", "output_activation": "sigmoid",
        "loss": "half_sse", "decay": 0.0, "exact": False,
    }
    assert model.set_params(epochs=10, seed=2) is model
    assert (model.epochs, model.seed) == (10, 2)
    with nn_error("`epoch` is not a parameter of MLP; the parameters are hidden, lr,"):
        model.set_params(epoch=10)


def test_mlp_errors_name_the_argument():
    with nn_error("`y` must have at least two classes, not 1."):
        nn.MLP(epochs=1).fit(s["X"], ["a", "a", "a"])
    with nn_error("`y` must not contain NA; found NA at row 2."):
        nn.MLP(epochs=1).fit(s["X"], np.array(["a", None, "b"], dtype=object))
    with nn_error("`lr` must be a positive number, not -1."):
        nn.MLP(lr=-1).fit(s["X"], s["y"])
    with nn_error("`epochs` must be a whole number from 1 to 2147483647, not 0."):
        nn.MLP(epochs=0).fit(s["X"], s["y"])


def test_coef_names_the_weights_as_nnet_does():
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], s["y"])
    cf = model.coef()
    assert len(cf) == 4 * 3 + 3 + 3 + 1
    assert cf["b->h2"] == model.bh_[0, 1]
    assert cf["i4->h3"] == model.wh_[3, 2]
    assert cf["h2->o1"] == model.wout_[1, 0]
    assert cf["b->o1"] == model.bout_[0, 0]


def test_summary_prints_each_neurons_weights_rounded():
    import io

    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], s["y"])
    out = io.StringIO()
    model.summary(out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "a 4-3-1 network with 19 weights"
    assert lines[1].startswith("trained for 10 epochs at lr = 0.1; loss ")
    # one pair of lines (names, values) per neuron: 3 hidden, 1 output
    assert len(lines) == 2 + 2 * 4
    names, values = lines[2].split(), [float(v) for v in lines[3].split()]
    assert names == ["b->h1", "i1->h1", "i2->h1", "i3->h1", "i4->h1"]
    assert values == [round(model.coef()[n], 4) for n in names]
