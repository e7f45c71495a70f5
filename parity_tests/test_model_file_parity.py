"""Model files across languages: a model saved in R loads in Python and
predicts the same numbers, and the other way round."""

import numpy as np
import pytest

import nnscratch as nn

from conftest import to_py, to_r

s = nn.load_scenario("article")
X_NEW = np.random.RandomState(7).uniform(-2, 2, size=(50, 4))


@pytest.fixture(scope="module")
def ro(r):
    import rpy2.robjects as ro

    return ro


def test_saved_in_r_loaded_in_python_predicts_the_same_numbers(r, ro, tmp_path):
    path = str(tmp_path / "from_r.json")
    fit = to_py(ro.r(
        "function(init, X, y, path, X_new) { fit <- nnscratch::mlp(X, y, init = init, epochs = 2000); "
        "nnscratch::save_model(fit, path); list(output = predict(fit, X_new), wh = fit$layers[[1]]$W, loss = fit$loss) }"
    )(to_r(s["init"]), s["X"], s["y"], path, X_NEW))
    model = nn.load_model(path)
    assert np.max(np.abs(model.predict_raw(X_NEW) - fit["output"])) <= 1e-15
    # The file carries every bit: the weights and losses are R's exactly.
    assert np.array_equal(model.wh_, fit["wh"])
    assert np.array_equal(model.loss_curve_, fit["loss"])


def test_saved_in_python_loaded_in_r_predicts_the_same_numbers(r, ro, tmp_path):
    path = str(tmp_path / "from_py.json")
    model = nn.MLP(init=s["init"], epochs=2000).fit(s["X"], s["y"])
    nn.save_model(model, path)
    fit = to_py(ro.r(
        "function(path, X_new) { fit <- nnscratch::load_model(path); "
        "list(output = predict(fit, X_new), wout = fit$layers[[2]]$W, loss = fit$loss) }"
    )(path, X_NEW))
    assert np.max(np.abs(model.predict_raw(X_NEW) - fit["output"])) <= 1e-15
    assert np.array_equal(fit["wout"], model.wout_)
    assert np.array_equal(fit["loss"], model.loss_curve_)


def test_class_labels_cross_both_ways(r, ro, tmp_path):
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = ["b", "c", "a"] * 2
    path = str(tmp_path / "labels_r.json")
    classes_r = ro.r("function(X, labels, path) { fit <- nnscratch::mlp(X, factor(labels), hidden = 4, lr = 1, "
                     "epochs = 3000, seed = 1); nnscratch::save_model(fit, path); "
                     "as.character(predict(fit, X, type = 'class')) }")(X, ro.StrVector(labels), path)
    assert nn.load_model(path).predict(X).tolist() == list(classes_r) == labels
    path = str(tmp_path / "labels_py.json")
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, np.array(labels))
    nn.save_model(model, path)
    classes_r = ro.r("function(path, X) as.character(predict(nnscratch::load_model(path), X, type = 'class'))")(path, X)
    assert list(classes_r) == model.predict(X).tolist() == labels
