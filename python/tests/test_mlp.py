import warnings

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
    assert_array_equal(model.predict_raw(s["X"]), output)
    assert_array_equal(model.predict_proba(s["X"]), np.hstack([1 - output, output]))
    assert_array_equal(model.predict(s["X"]), [1, 1, 0])
    assert model.classes_ is None


def test_mlp_with_a_seed_draws_init_params_with_that_seed():
    model = nn.MLP(epochs=1, seed=42, scheme="article_numpy").fit(s["X"], s["y"])
    init = nn.init_params(4, 3, 1, seed=42, scheme="article_numpy")
    assert_array_equal(model.wh_, nn.train(init, s["X"], s["y"], 0.1, 1)["params"]["wh"])


def test_several_outputs():
    X = np.vstack([np.eye(3), np.eye(3)])
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, X)
    assert model.predict_raw(X).shape == (6, 3)
    assert model.predict_proba(X).shape == (6, 3)
    assert_array_equal(model.predict(X), [0, 1, 2, 0, 1, 2])
    assert model.score(X, X) == 1.0


def test_a_network_without_biases_has_no_bias_weights():
    model = nn.MLP(bias=False, seed=3, epochs=10, scheme="article_numpy").fit(s["X"], s["y"])
    assert model.bh_ is None
    assert model.bout_ is None


def test_predict_before_fit_is_an_error():
    # the message says what to do, in R's words too
    with pytest.raises(nn.NotFittedError, match=r"This model is not fitted yet: call `fit` \(R: `mlp\(\)`\) before predicting."):
        nn.MLP().predict(s["X"])
    with nn_error("not fitted"):
        nn.MLP().predict_proba(s["X"])
    with pytest.raises(AttributeError):
        nn.MLP().decision_function(s["X"])
    assert not nn.MLP().__sklearn_is_fitted__()
    assert nn.MLP(init=s["init"], epochs=1).fit(s["X"], s["y"]).__sklearn_is_fitted__()


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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], [True, True, False])
        assert model.classes_.tolist() == [False, True]
        # MLPClassifier takes whole numbers as labels, as scikit-learn does
        model = nn.MLPClassifier(init=s["init"], hidden=3, epochs=10).fit(s["X"], [1, 1, 0])
        assert model.classes_.tolist() == [0, 1]


def test_integers_are_numbers_for_mlp_as_for_r_mlp():
    # R's mlp() reads an integer vector as numbers, and so does MLP: 0/1
    # integers are the article's targets, with no classes; 0, 1, 2 is not a
    # target of a sigmoid output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], [1, 1, 0])
    assert model.classes_ is None
    with nn_error("`y` must lie in [0, 1], the range of the sigmoid; found 2 at row 3, column 1."):
        nn.MLP(init=nn.init_params(4, 3, 1, seed=1), epochs=10).fit(s["X"], [0, 1, 2])


def test_get_params_and_set_params_round_trip():
    model = nn.MLP(hidden=5, lr=0.5)
    params = model.get_params(deep=True)
    # the article's network: the table's article column
    assert {k: params[k] for k in (
        "hidden", "lr", "epochs", "bias", "init", "seed", "scheme", "trace_every", "batch_size", "layout",
        "verbose", "progress", "activation", "output_activation", "loss", "decay", "exact",
        "optimizer", "reduction", "scale", "tol", "n_iter_no_change")} == {
        "hidden": 5, "lr": 0.5, "epochs": 5000, "bias": True, "init": None, "seed": None,
        "scheme": "article_r", "trace_every": 0, "batch_size": None, "layout": "rows",
        "verbose": 0, "progress": False, "activation": "sigmoid", "output_activation": "sigmoid",
        "loss": "half_sse", "decay": 0.0, "exact": False,
        "optimizer": "sgd", "reduction": "sum", "scale": "none", "tol": 0.0, "n_iter_no_change": None,
    }
    assert list(params) == [p.name for p in nn.params.PARAMS]
    assert model.set_params(epochs=10, seed=2) is model
    assert (model.epochs, model.seed) == (10, 2)
    with nn_error("`epoch` is not a parameter; the parameters are hidden, activation, output_activation,"):
        model.set_params(epoch=10)


def test_mlp_errors_name_the_argument():
    with nn_error("`y` must have at least two classes, not 1 class."):
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


def test_y_none_and_a_vector_X_get_the_words_scikit_learn_looks_for():
    with nn_error("`y` must be given: this model requires y to be passed, but the target y is None (NULL)."):
        nn.MLP(epochs=1).fit(s["X"], None)
    model = nn.MLP(init=s["init"], epochs=1).fit(s["X"], s["y"])
    with nn_error("`X` must be a numeric matrix, not a numeric vector of length 4. Reshape your data"):
        model.predict(s["X"][0])
    with nn_error("`X` must have 4 columns, as the training data had, not 1. X has 1 features, but nnscratch is expecting 4"):
        model.predict(s["X"][:, :1])
    with nn_error("Complex data not supported."):
        nn.MLP(epochs=1).fit(s["X"] + 1j, s["y"])
    with nn_error("0 feature(s) (shape=(3, 0)) while a minimum of 1 is required."):
        nn.MLP(epochs=1).fit(s["X"][:, :0], s["y"])
    with nn_error("For a continuous target outside [0, 1], use the identity output; for classes, give labels"):
        nn.MLP(epochs=1).fit(s["X"], [150.5, 20.25, 3.5])


def test_class_labels_are_sorted_by_code_point():
    # Upper case before lower case, whatever the locale: B, a, b.
    model = nn.MLP(init=nn.init_params(4, 3, 3, seed=1), epochs=1).fit(s["X"], ["b", "B", "a"])
    assert model.classes_.tolist() == ["B", "a", "b"]
    assert_array_equal(model.predict_raw(s["X"]).shape, (3, 3))


def test_a_boolean_y_has_the_classes_false_and_true_even_when_one_is_seen():
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], [True, True, True])
    assert model.classes_.tolist() == [False, True]
    numeric = nn.MLP(init=s["init"], epochs=10).fit(s["X"], np.ones(3))
    assert_array_equal(model.wout_, numeric.wout_)


def test_a_categorical_y_keeps_its_categories():
    pd = pytest.importorskip("pandas")
    y = pd.Categorical(["yes", "yes", "no"], categories=["yes", "no", "maybe"])
    model = nn.MLP(init=nn.init_params(4, 3, 3, seed=1), epochs=10).fit(s["X"], y)
    assert model.classes_.tolist() == ["yes", "no", "maybe"]


def test_summary_and_save_model_read_the_fitted_settings(tmp_path):
    import io
    import json

    model = nn.MLP(init=s["init"], epochs=10, lr=0.1).fit(s["X"], s["y"])
    model.set_params(lr=0.5, seed=7, scheme="article_numpy", epochs=3)
    out = io.StringIO()
    model.summary(out=out)
    assert out.getvalue().splitlines()[1].startswith("trained for 10 epochs at lr = 0.1;")
    path = nn.save_model(model, str(tmp_path / "m.json"))
    settings = json.load(open(path))["settings"]
    assert (settings["lr"], settings["epochs"], settings["seed"], settings["scheme"]) == (0.1, 10, None, "article_r")
    assert "lr = 0.1" not in repr(model) and "lr=0.5" in repr(model)


def test_traced_and_untraced_epochs_give_the_same_bits():
    X = np.random.default_rng(1).normal(size=(3000, 4))
    y = (X[:, :1] > 0).astype(float)
    plain = nn.MLP(init=s["init"], epochs=30, lr=1e-4).fit(X, y)
    traced = nn.MLP(init=s["init"], epochs=30, lr=1e-4, trace_every=7).fit(X, y)
    assert_array_equal(plain.loss_curve_, traced.loss_curve_)
    for a, b in zip(plain.layers_, traced.layers_):
        assert_array_equal(a["W"], b["W"])
        assert_array_equal(a["b"], b["b"])


def test_boolean_classes_print_as_r_prints_them():
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], np.array([True, True, False]))
    assert "classes: FALSE, TRUE" in repr(model.summary()).splitlines()


def test_names_everywhere_the_outcomes_name_in_coef_summary_and_predictions():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(1)
    cars = pd.DataFrame({"wt": rng.uniform(1.5, 5.5, 32), "hp": rng.uniform(50, 330, 32)},
                        index=["car %d" % i for i in range(32)])
    mpg = pd.Series(37 - 5 * cars["wt"] - 0.03 * cars["hp"], name="mpg")
    model = nn.MLPRegressor(hidden=2, epochs=5, seed=1).fit(cars, mpg)
    assert model.outcome_names_ == ["mpg"]
    assert list(model.coef()) == ["b->h1", "wt->h1", "hp->h1", "b->h2", "wt->h2", "hp->h2", "b->mpg", "h1->mpg",
                                  "h2->mpg"]
    assert model.coef()["h2->mpg"] == model.layers_[1]["W"][1, 0]
    assert list(model.summary()["weights"]) == ["h1", "h2", "mpg"]
    predicted = model.predict(cars.iloc[4:7])
    assert predicted.name == "mpg" and list(predicted.index) == ["car 4", "car 5", "car 6"]
    assert list(model.predict_raw(cars.iloc[4:7]).columns) == ["mpg"]
    # the same numbers as a fit that knows no names
    plain = nn.MLPRegressor(hidden=2, epochs=5, seed=1).fit(cars.to_numpy(), mpg.to_numpy())
    assert plain.outcome_names_ is None and "b->o1" in plain.coef()
    assert_array_equal(plain.predict(cars.iloc[4:7].to_numpy()), predicted.to_numpy())
    # a DataFrame y names its columns
    both = nn.MLPRegressor(hidden=2, epochs=2, seed=1).fit(cars, pd.DataFrame({"mpg": mpg, "qsec": mpg / 2}))
    assert list(both.predict(cars).columns) == ["mpg", "qsec"]
    assert [k for k in both.coef() if k.startswith("b->") and not k.startswith("b->h")] == ["b->mpg", "b->qsec"]
    # two classes: the one output is named by the outcome
    am = pd.Series(np.where(cars["wt"] < 3, "manual", "automatic"), name="am", index=cars.index)
    two = nn.MLPClassifier(hidden=2, epochs=2, seed=1).fit(cars, am)
    assert [k for k in two.coef() if k.endswith("->am")] == ["b->am", "h1->am", "h2->am"]
    assert list(two.predict_proba(cars).columns) == ["automatic", "manual"]


def test_predict_refuses_nan_as_r_refuses_na_in_a_matrix_fit():
    # Python has no formula: R's formula fits predict NA for a row with NA
    model = nn.MLP(init=s["init"], epochs=2).fit(s["X"], s["y"])
    X = s["X"].copy()
    X[1, 0] = np.nan
    with nn_error("`X` must not contain NA, NaN or Inf; found NaN at row 2, column 1."):
        model.predict(X)


def test_record_gradients_is_a_parameter_and_the_fit_keeps_the_norms_only_when_asked():
    model = nn.MLP(init=s["init"], epochs=7, record_gradients=True).fit(s["X"], s["y"])
    assert model.history_["gradients"].shape == (7, 2)
    # the article's first step, by hand: the norm of -dE/dW of each layer at the initial weights
    init = s["init"]
    a1 = 1 / (1 + np.exp(-(s["X"] @ init["wh"] + init["bh"])))
    out = 1 / (1 + np.exp(-(a1 @ init["wout"] + init["bout"])))
    d_output = (s["y"] - out) * out * (1 - out)
    d_hidden = (d_output @ init["wout"].T) * a1 * (1 - a1)
    np.testing.assert_allclose(model.history_["gradients"][0],
                               [np.sqrt(np.sum((s["X"].T @ d_hidden) ** 2)), np.sqrt(np.sum((a1.T @ d_output) ** 2))],
                               rtol=1e-12)
    assert nn.MLP(init=s["init"], epochs=7).fit(s["X"], s["y"]).history_.get("gradients") is None
    with nn_error("`record_gradients` must be TRUE or FALSE, not \"yes\"."):
        nn.MLP(record_gradients="yes").fit(s["X"], s["y"])
