"""MLPClassifier and MLPRegressor: defaults that learn, going on, and the parameter table. Twin of
tests/testthat/test-estimators.R."""

import inspect
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor

import nnscratch as nn
from nnscratch.params import PARAMS, defaults


def split(load, stratify=True):
    X, y = load(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, stratify=y if stratify else None, random_state=0)


def sklearn_score(model, Xtr, ytr, Xte, yte):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(Xtr, ytr).score(Xte, yte)


@pytest.mark.parametrize("load", [load_iris, load_wine, load_breast_cancer], ids=["iris", "wine", "breast_cancer"])
def test_the_classifiers_defaults_learn_as_well_as_scikit_learns(load):
    Xtr, Xte, ytr, yte = split(load)
    with warnings.catch_warnings():
        warnings.simplefilter("error", nn.ConvergenceWarning)
        ours = nn.MLPClassifier(seed=0).fit(Xtr, ytr).score(Xte, yte)
    theirs = sklearn_score(MLPClassifier(random_state=0), Xtr, ytr, Xte, yte)
    assert ours >= theirs - 0.02
    # and far above the no-skill share of the largest class
    assert ours > np.bincount(yte).max() / len(yte) + 0.2


def test_the_regressors_defaults_learn_as_well_as_scikit_learns():
    Xtr, Xte, ytr, yte = split(load_diabetes, stratify=False)
    ours = nn.MLPRegressor(seed=0).fit(Xtr, ytr).score(Xte, yte)
    theirs = sklearn_score(MLPRegressor(random_state=0), Xtr, ytr, Xte, yte)
    assert ours >= theirs - 0.05
    # R^2 above a constant's 0: it learned from the inputs
    assert ours > 0.2


def test_a_regressor_predicts_numbers_in_the_outcomes_units_and_scores_r2():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = 100 + 20 * X[:, 0] - 5 * X[:, 1] ** 2
    model = nn.MLPRegressor(hidden=16, lr=0.01, seed=1).fit(X, y)
    predicted = model.predict(X)
    assert predicted.shape == (200,)
    r2 = 1 - np.sum((y - predicted) ** 2) / np.sum((y - y.mean()) ** 2)
    assert model.score(X, y) == pytest.approx(r2, rel=1e-12) and r2 > 0.9
    # the outcome was standardized for training, and predictions are scaled back
    assert model.target_scale_["center"][0] == pytest.approx(y.mean(), rel=1e-12)
    assert model.target_scale_["scale"][0] == pytest.approx(y.std(), rel=1e-12)
    assert_allclose(predicted, model.predict_raw(X)[:, 0])
    two = nn.MLPRegressor(hidden=8, epochs=20, seed=1).fit(X, np.column_stack([y, -y]))
    assert two.predict(X).shape == (200, 2)


def test_binary_classes_can_use_a_softmax_of_two_outputs():
    Xtr, Xte, ytr, yte = split(load_breast_cancer)
    model = nn.MLPClassifier(seed=0, output_activation="softmax").fit(Xtr, ytr)
    assert model.settings_["n_output"] == 2 and model.predict_proba(Xte).shape == (len(yte), 2)
    assert model.score(Xte, yte) > 0.9


def test_partial_fit_k_times_is_a_fit_of_k_epochs_bit_for_bit():
    X, y = load_iris(return_X_y=True)
    one_by_one = nn.MLPClassifier(hidden=8, seed=2, batch_size=32, dropout=0.1)
    for _ in range(4):
        one_by_one.partial_fit(X, y, classes=[0, 1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        whole = nn.MLPClassifier(hidden=8, seed=2, batch_size=32, dropout=0.1, epochs=4).fit(X, y)
    for a, b in zip(one_by_one.layers_, whole.layers_):
        assert_array_equal(a["W"], b["W"])
    assert one_by_one.n_epochs_ == 4
    with pytest.raises(nn.NnscratchError, match="`X` must have 4 columns, as the training data had, not 3."):
        one_by_one.partial_fit(X[:, :3], y)


def test_warm_start_goes_on_from_the_previous_fit_bit_for_bit():
    X, y = load_wine(return_X_y=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        whole = nn.MLPClassifier(hidden=10, seed=3, epochs=30, validation=0.2, n_iter_no_change=None).fit(X, y)
        parts = nn.MLPClassifier(hidden=10, seed=3, epochs=12, validation=0.2, n_iter_no_change=None,
                                 warm_start=True).fit(X, y)
        parts.set_params(epochs=18).fit(X, y)
    for a, b in zip(parts.layers_, whole.layers_):
        assert_array_equal(a["W"], b["W"])
    assert_array_equal(parts.history_["validation_loss"], whole.history_["validation_loss"])
    assert parts.n_epochs_ == 30


def test_the_signatures_are_the_parameter_tables_columns():
    for cls, column in ((nn.MLPClassifier, "default"), (nn.MLPRegressor, "default"), (nn.MLP, "article")):
        params = inspect.signature(cls).parameters
        assert list(params) == [p.name for p in PARAMS]
        assert {k: v.default for k, v in params.items()} == {p.name: getattr(p, column) for p in PARAMS}
    # train() takes the article's settings, less the estimators' own
    signature = inspect.signature(nn.train).parameters
    for name, default in defaults("article", "train").items():
        if name not in ("lr", "epochs"):
            assert signature[name].default == default, name


def test_the_new_settings_are_checked_with_messages_that_name_them():
    X, y = load_iris(return_X_y=True)
    cases = [
        (dict(optimizer="adamw"), '`optimizer` must be "sgd", "momentum", "nesterov", "rmsprop" or "adam", not "adamw".'),
        (dict(momentum=1.0), "`momentum` must be a number in [0, 1), not 1."),
        (dict(beta2=-0.1), "`beta2` must be a number in [0, 1), not -0.1."),
        (dict(epsilon=0), "`epsilon` must be a positive number, not 0."),
        (dict(validation=1.0), "`validation` must be a number in [0, 1), not 1."),
        (dict(patience=0), "`patience` must be a whole number from 1 to 2147483647, not 0."),
        (dict(tol=-1), "`tol` must be a number >= 0, not -1."),
        (dict(dropout=1.0), "`dropout` must be a number in [0, 1), not 1."),
        (dict(dropout=[0.1, 0.2]), "`dropout` must be a number in [0, 1), not a list of length 2."),
        (dict(schedule="cosine"), '`schedule` must be "constant", "invscaling", "exponential" or "adaptive", not "cosine".'),
        (dict(schedule="adaptive", n_iter_no_change=None),
         '`schedule` "adaptive" needs `n_iter_no_change`, the epochs without improvement after which it lowers the '
         "rate; it is NULL."),
        (dict(gamma=0), "`gamma` must be a number in (0, 1], not 0."),
        (dict(early_stopping=True), "`early_stopping` needs a validation set: `validation` above 0, or `validation_data`."),
        (dict(class_weight="even"), '`class_weight` must be NULL, "balanced" or a weight per class, named by its label, '
                                    'not "even".'),
        (dict(class_weight={0: -1}), '`class_weight` must hold finite numbers >= 0; the class "0" has -1.'),
        (dict(scale="robust"), '`scale` must be "standardize", "minmax" or "none", not "robust".'),
        (dict(reduction="max"), '`reduction` must be "sum" or "mean", not "max".'),
        (dict(batch_size="all"), '`batch_size` must be NULL, "auto" or a whole number from 1 to 150, the number of '
                                 'samples, not "all".'),
    ]
    for params, message in cases:
        with pytest.raises(nn.NnscratchError) as e:
            nn.MLPClassifier(epochs=1, **params).fit(X, y)
        assert str(e.value) == message, params
        # the error carries the argument it is about
        assert e.value.arg == next(iter(params))
    weights = [(np.full(150, -1.0), "`sample_weight` must be finite numbers >= 0; found -1 at position 1."),
               (np.zeros(150), "`sample_weight` must not all be zero."),
               (np.ones(3), "`sample_weight` must have one weight per sample (150), not 3.")]
    for w, message in weights:
        with pytest.raises(nn.NnscratchError, match=message.replace("(", r"\(").replace(")", r"\)")):
            nn.MLPClassifier(epochs=1).fit(X, y, sample_weight=w)


def test_the_sklearn_scheme_draws_scikit_learns_initial_weights():
    from sklearn.neural_network._multilayer_perceptron import BaseMultilayerPerceptron  # noqa: F401
    from sklearn.utils import check_random_state

    for activation, sizes in (("relu", (4, 7, 3)), ("logistic", (5, 3, 2, 1)), ("tanh", (2, 6, 1))):
        theirs = MLPRegressor(hidden_layer_sizes=sizes[1:-1], activation=activation, random_state=11)
        theirs._random_state = check_random_state(11)
        theirs._initialize(np.zeros((1, sizes[-1])), list(sizes), np.float64)
        ours = nn.as_layers(nn.init_params(sizes[0], list(sizes[1:-1]), sizes[-1], seed=11, scheme="sklearn",
                                           activation={"logistic": "sigmoid"}.get(activation, activation)))
        for layer, W, b in zip(ours, theirs.coefs_, theirs.intercepts_):
            assert_array_equal(layer["W"], W)
            assert_array_equal(layer["b"][0], b)


def test_glorot_and_he_draw_within_their_bounds_with_zero_biases():
    for scheme, bound in (("glorot_r", np.sqrt(6 / (30 + 20))), ("glorot_numpy", np.sqrt(6 / (30 + 20))),
                          ("he_r", np.sqrt(6 / 30)), ("he_numpy", np.sqrt(6 / 30))):
        layers = nn.as_layers(nn.init_params(30, 20, 2, seed=5, scheme=scheme))
        W = layers[0]["W"]
        assert np.abs(W).max() < bound and np.abs(W).max() > 0.9 * bound
        assert abs(W.mean()) < 0.05 and not layers[0]["b"].any()
    # R's generator fills W column by column with runif(n, -s, s)
    from nnscratch.rrandom import RRandom

    s = np.sqrt(6 / (3 + 2))
    W = nn.as_layers(nn.init_params(3, 2, 1, seed=9, scheme="glorot_r"))[0]["W"]
    assert_array_equal(W, RRandom(9).runif(6, -s, s).reshape(3, 2, order="F"))
