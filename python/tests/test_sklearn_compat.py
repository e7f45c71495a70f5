"""The estimators against scikit-learn and pandas, which are in the `test`
extra; the package itself imports neither."""

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone, is_classifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import load_iris
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.validation import check_is_fitted

import nnscratch as nn

s = nn.load_scenario("article")

# The design choices that scikit-learn's checks do not share; README.md
# states them too.
OBJECTS = {
    "check_dtype_object": (
        "an object array is refused rather than converted, as R refuses a list matrix: "
        "numbers stored as Python objects are converted by the caller"
    ),
}
COLUMN = {
    "check_supervised_y_2d": (
        "a one-column 2-D y of labels is read as its column, as R reads a one-column data frame, "
        "without scikit-learn's DataConversionWarning"
    ),
}


def expected_failures(estimator):
    return OBJECTS | (COLUMN if isinstance(estimator, nn.MLPClassifier) else {})


# seed=0: the checks refit and compare; seed=None draws fresh weights at
# each fit, as random_state=None does.
@parametrize_with_checks([nn.MLPClassifier(seed=0), nn.MLPRegressor(seed=0)], expected_failed_checks=expected_failures)
def test_scikit_learns_estimator_checks(estimator, check):
    # The checks' data sets are tiny, and 200 epochs may end with a loss
    # that is still falling or, on noise, no better than a constant;
    # training that says so is not what they test.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        check(estimator)


def test_nnscratch_does_not_import_scikit_learn():
    code = "import sys, nnscratch as nn; m = nn.MLP(epochs=5, seed=1).fit(%r, [1, 1, 0]); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code % (s["X"].tolist(),)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unfitted_model_is_not_fitted_for_scikit_learn():
    model = nn.MLP()
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    for method in (model.predict, model.predict_proba, model.decision_function, model.predict_raw):
        with pytest.raises(NotFittedError, match="This model is not fitted yet: call `fit`"):
            method(s["X"])
    # the same error is nnscratch's, a ValueError and an AttributeError
    with pytest.raises(nn.NotFittedError) as e:
        model.predict(s["X"])
    assert isinstance(e.value, (ValueError, AttributeError, nn.NnscratchError))
    check_is_fitted(model.fit(s["X"], s["y"]))


def scaled_iris():
    iris = load_iris()
    return StandardScaler().fit_transform(iris.data), iris.target_names[iris.target]


def test_predict_proba_rows_sum_to_1_and_the_class_is_their_arg_max():
    X, y = scaled_iris()
    model = nn.MLP(hidden=5, lr=0.01, epochs=1000, seed=1).fit(X, y)
    p = model.predict_proba(X)
    assert p.shape == (150, 3)
    assert_allclose(p.sum(axis=1), 1, rtol=0, atol=1e-15)
    raw = model.predict_raw(X)
    # the article's one-hot sigmoid outputs, each divided by its row's sum
    assert_allclose(p, raw / raw.sum(axis=1, keepdims=True), rtol=1e-15)
    assert_array_equal(model.classes_[p.argmax(axis=1)], model.predict(X))
    assert_array_equal(model.decision_function(X).argmax(axis=1), p.argmax(axis=1))
    # Did it learn: well above the no-skill 1/3.
    assert model.score(X, y) > 0.9


def test_two_classes_are_1_minus_p_and_p_and_the_decision_is_the_log_odds():
    model = nn.MLP(init=s["init"], epochs=500).fit(s["X"], ["yes", "yes", "no"])
    p = model.predict_raw(s["X"])[:, 0]
    assert_array_equal(model.predict_proba(s["X"]), np.column_stack([1 - p, p]))
    assert_allclose(model.decision_function(s["X"]), np.log(p / (1 - p)), rtol=1e-12)
    assert_array_equal(np.where(model.decision_function(s["X"]) > 0, "yes", "no"), model.predict(s["X"]))


def test_softmax_probabilities_are_its_outputs():
    X, y = scaled_iris()
    model = nn.MLP(hidden=5, lr=0.01, epochs=300, seed=1, output_activation="softmax", loss="log_loss").fit(X, y)
    assert_array_equal(model.predict_proba(X), model.predict_raw(X))


def test_an_identity_output_is_a_regression_with_no_probabilities():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLP(init=s["init"], epochs=10, output_activation="identity").fit(s["X"], s["y"])
    for method in (model.predict_proba, model.decision_function):
        with pytest.raises(nn.NnscratchError, match="this model is a regression, whose predictions are numbers"):
            method(s["X"])
    # predict gives the outputs, and score is R^2
    assert_array_equal(model.predict(s["X"]), model.predict_raw(s["X"])[:, 0])
    y = s["y"][:, 0]
    r2 = 1 - np.sum((y - model.predict(s["X"])) ** 2) / np.sum((y - y.mean()) ** 2)
    assert model.score(s["X"], y) == pytest.approx(r2, rel=1e-12)
    assert not hasattr(nn.MLPRegressor(), "predict_proba") and not hasattr(nn.MLPRegressor(), "decision_function")


def test_roc_auc_and_log_loss_scoring_work_in_cross_validation():
    X, y = scaled_iris()
    binary = y != "virginica"
    model = nn.MLP(hidden=3, lr=0.01, epochs=300, seed=1)
    auc = cross_val_score(model, X[binary], y[binary], cv=3, scoring="roc_auc")
    assert np.all(np.isfinite(auc)) and np.all(auc > 0.95)
    ll = cross_val_score(model, X, y, cv=3, scoring="neg_log_loss")
    # better than the no-skill log loss of uniform probabilities, log(3)
    assert np.all(np.isfinite(ll)) and np.all(-ll < np.log(3))


def test_calibration_takes_the_model():
    X, y = scaled_iris()
    binary = y != "virginica"
    calibrated = CalibratedClassifierCV(nn.MLP(hidden=3, lr=0.01, epochs=200, seed=1), cv=3)
    calibrated.fit(X[binary], y[binary])
    assert_allclose(calibrated.predict_proba(X[binary]).sum(axis=1), 1)


def test_clone_copies_the_hyper_parameters_and_not_the_fit():
    model = nn.MLP(hidden=4, lr=0.5, epochs=20, init=None, seed=3, scheme="article_numpy")
    model.fit(s["X"], s["y"])
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert not hasattr(twin, "wh_")
    assert is_classifier(model)


def test_mlp_in_a_pipeline_fits_what_it_fits_alone():
    X = np.vstack([np.eye(3), np.eye(3)]) * 10 + 5
    labels = np.array(["b", "c", "a"] * 2)
    pipe = Pipeline([("scale", StandardScaler()), ("mlp", nn.MLP(hidden=4, lr=1, epochs=2000, seed=1,
                                                                 scheme="article_numpy"))])
    pipe.fit(X, labels)
    alone = nn.MLP(hidden=4, lr=1, epochs=2000, seed=1, scheme="article_numpy")
    alone.fit(StandardScaler().fit_transform(X), labels)
    assert_array_equal(pipe.predict(X), alone.predict(StandardScaler().fit_transform(X)))
    assert pipe.score(X, labels) == 1.0
    pipe.set_params(mlp__epochs=5)
    assert pipe.named_steps["mlp"].epochs == 5
    assert make_pipeline(StandardScaler(), nn.MLP(epochs=5, seed=1)).fit(X, labels).predict_proba(X).shape == (6, 3)


def test_data_frames_keep_their_index_and_are_read_by_column_name():
    X = pd.DataFrame(s["X"], columns=["a", "b", "c", "d"], index=["r1", "r2", "r3"])
    y = pd.Series(pd.Categorical(["yes", "yes", "no"], categories=["yes", "no"]), index=X.index)
    model = nn.MLP(init=s["init"], epochs=5000).fit(X, y)
    # The categories' order is the classes' order, as a factor's levels in R:
    # the single output is 1 for "no".
    assert model.classes_.tolist() == ["yes", "no"]
    direct = nn.train(s["init"], s["X"], np.array([[0.0], [0.0], [1.0]]), 0.1, 5000)
    assert_array_equal(model.wout_, direct["params"]["wout"])
    assert model.feature_names_in_.tolist() == ["a", "b", "c", "d"]
    raw = model.predict_raw(X[["d", "c", "b", "a"]])
    assert isinstance(raw, pd.DataFrame)
    assert raw.index.tolist() == ["r1", "r2", "r3"]
    assert_array_equal(raw.to_numpy(), nn.forward(direct["params"], s["X"])["output"])
    proba = model.predict_proba(X)
    assert proba.columns.tolist() == ["yes", "no"]
    assert_array_equal(proba["no"].to_numpy(), raw.to_numpy()[:, 0])
    predicted = model.predict(X)
    assert isinstance(predicted, pd.Series)
    assert predicted.index.tolist() == ["r1", "r2", "r3"]
    assert model.score(X, y) == 1.0
    with pytest.raises(nn.NnscratchError, match="`X` must have the columns the model was trained on; it lacks `d`."):
        model.predict(X.rename(columns={"d": "e"}))
