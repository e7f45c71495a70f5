"""Model files across languages: a model saved in R loads in Python and predicts the same
numbers, and the other way round; both languages write the same bytes for the same model,
labels keep their type on the way, and a fit goes on in the other language as one run."""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nnscratch as nn

from conftest import to_py, to_r

s = nn.load_scenario("article")
# mlp() with the article's settings, as Python's MLP has them
R_ARTICLE = ("hidden = 3, lr = 0.1, output_activation = 'sigmoid', loss = 'half_sse', reduction = 'sum', "
             "optimizer = 'sgd', batch_size = NULL, scale = 'none', decay = 0, tol = 0, n_iter_no_change = NULL, "
             "scheme = 'article_r', activation = 'sigmoid'")


def quiet_fit(model, X, y):
    """Short fits on purpose: their convergence warnings are not what these tests check."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        return model.fit(X, y)
X_NEW = np.random.RandomState(7).uniform(-2, 2, size=(50, 4))
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "testthat" / "fixtures"


@pytest.fixture(scope="module")
def ro(r):
    import rpy2.robjects as ro

    return ro


def test_saved_in_r_loaded_in_python_predicts_the_same_numbers(r, ro, tmp_path):
    path = str(tmp_path / "from_r.json")
    fit = to_py(ro.r(
        "function(init, X, y, path, X_new) { fit <- nnscratch::mlp(X, y, init = init, epochs = 2000, %s); "
        "nnscratch::save_model(fit, path); list(output = predict(fit, X_new), wh = fit$layers[[1]]$W, loss = fit$loss) }"
        % R_ARTICLE
    )(to_r(s["init"]), s["X"], s["y"], path, X_NEW))
    model = nn.load_model(path)
    assert model.model_file_["version"] == 3 and isinstance(model, nn.MLP)
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


def test_both_languages_write_the_same_bytes_for_the_same_model(r, ro, tmp_path):
    """A file loaded and saved again, in the other language, comes out byte for byte, checksum included."""
    again = ro.r("function(from, to) nnscratch::save_model(nnscratch::load_model(from), to)")
    X = np.vstack([np.eye(3), np.eye(3)])
    from sklearn.datasets import load_iris

    iris = load_iris()
    models = {
        "article": nn.MLP(init=s["init"], epochs=300).fit(s["X"], s["y"]),
        "no_bias": quiet_fit(nn.MLP(bias=False, seed=2, epochs=20, scheme="article_numpy"), s["X"], s["y"]),
        "labels": quiet_fit(nn.MLP(hidden=4, lr=1, epochs=30, seed=1, scheme="article_numpy"), X,
                            np.array(["b", "c", "a"] * 2)),
        # the estimators' defaults: adam's slots, a scale, a validation split and a random state to carry
        "classifier": nn.MLPClassifier(hidden=6, epochs=20, seed=3, validation=0.2, dropout=0.1).fit(
            iris.data, iris.target_names[iris.target]),
        "regressor": quiet_fit(nn.MLPRegressor(hidden=5, epochs=10, seed=4, optimizer="rmsprop"), iris.data[:, :3],
                               iris.data[:, 3]),
        # the inputs' and the outcome's names
        "named": quiet_fit(nn.MLPRegressor(hidden=3, epochs=5, seed=2),
                           pd.DataFrame(iris.data[:, :3], columns=iris.feature_names[:3]),
                           pd.Series(iris.data[:, 3], name=iris.feature_names[3])),
    }
    for name, model in models.items():
        py = tmp_path / (name + "_py.json")
        nn.save_model(model, str(py))
        r_path = tmp_path / (name + "_r.json")
        again(str(py), str(r_path))
        assert r_path.read_bytes() == py.read_bytes(), name
        back = tmp_path / (name + "_back.json")
        nn.save_model(nn.load_model(str(r_path)), str(back))
        assert back.read_bytes() == py.read_bytes(), name
    # and from a fit in R
    r_path = tmp_path / "fit_r.json"
    ro.r("function(X, y, path) nnscratch::save_model(suppressWarnings(nnscratch::mlp(X, y, hidden = 4, epochs = 100, "
         "seed = 3)), path)")(s["X"], s["y"], str(r_path))
    py = tmp_path / "fit_py.json"
    nn.save_model(nn.load_model(str(r_path)), str(py))
    assert py.read_bytes() == r_path.read_bytes()
    # a formula's response names the outcome, in the file and in Python's predictions
    ro.r("function(path) nnscratch::save_model(suppressWarnings(nnscratch::mlp(Petal.Width ~ ., iris[1:4], hidden = 3, "
         "epochs = 5, seed = 3)), path)")(str(r_path))
    loaded = nn.load_model(str(r_path))
    assert loaded.outcome_names_ == ["Petal.Width"]
    nn.save_model(loaded, str(py))
    assert py.read_bytes() == r_path.read_bytes()


def test_class_labels_cross_both_ways(r, ro, tmp_path):
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = ["b", "c", "a"] * 2
    path = str(tmp_path / "labels_r.json")
    classes_r = ro.r("function(X, labels, path) { fit <- nnscratch::mlp(X, factor(labels), hidden = 4, lr = 0.05, "
                     "epochs = 300, seed = 1); nnscratch::save_model(fit, path); "
                     "as.character(predict(fit, X, type = 'class')) }")(X, ro.StrVector(labels), path)
    assert nn.load_model(path).predict(X).tolist() == list(classes_r) == labels
    path = str(tmp_path / "labels_py.json")
    model = nn.MLP(hidden=4, lr=1, epochs=3000, seed=1, scheme="article_numpy").fit(X, np.array(labels))
    nn.save_model(model, path)
    classes_r = ro.r("function(path, X) as.character(predict(nnscratch::load_model(path), X, type = 'class'))")(path, X)
    assert list(classes_r) == model.predict(X).tolist() == labels


def test_integer_and_boolean_labels_keep_their_type_both_ways(r, ro, tmp_path):
    round_trip = ro.r(
        "function(from, to) { fit <- nnscratch::load_model(from); nnscratch::save_model(fit, to); "
        "list(type = typeof(fit$classes), classes = as.character(fit$classes)) }"
    )
    for i, y in enumerate([np.array([3, 7, 3]), np.array([True, False, True]), np.array(["no", "yes", "no"])]):
        # whole numbers are labels for a classifier
        model = quiet_fit(nn.MLPClassifier(init=s["init"], hidden=3, epochs=5), s["X"], y)
        py = tmp_path / ("py%d.json" % i)
        nn.save_model(model, str(py))
        r_path = tmp_path / ("r%d.json" % i)
        out = to_py(round_trip(str(py), str(r_path)))
        assert out["type"] == {"i": "integer", "b": "logical", "U": "character"}[y.dtype.kind]
        assert list(out["classes"]) == [str(v).upper() if y.dtype.kind == "b" else str(v) for v in np.unique(y)]
        back = nn.load_model(str(r_path))
        assert back.classes_.dtype.kind == y.dtype.kind
        assert back.classes_.tolist() == np.unique(y).tolist()


def test_version_1_files_load_alike_in_both_languages(r, ro, tmp_path):
    load = ro.r(
        "function(path, X) { fit <- nnscratch::load_model(path); "
        "list(output = predict(fit, X), scheme = fit$settings$scheme, version = attr(fit, 'model_file')$version) }"
    )
    text = (FIXTURES / "v1_article_r.json").read_text()
    no_scheme = tmp_path / "no_scheme.json"
    no_scheme.write_text(text.replace(',"seed":null,"scheme":"article_r"', ""))
    for path in [FIXTURES / "v1_article_r.json", FIXTURES / "v1_article_py.json", no_scheme]:
        fit = to_py(load(str(path), X_NEW))
        model = nn.load_model(str(path))
        assert np.max(np.abs(model.predict_raw(X_NEW) - fit["output"])) <= 1e-15
        assert (model.scheme, model.model_file_["version"]) == (fit["scheme"], fit["version"]) == ("article_r", 1)


def test_deep_files_cross_both_ways_and_predict_the_same_numbers(r, ro, tmp_path):
    rng = np.random.RandomState(3)
    X = rng.uniform(-1, 1, size=(40, 4))
    labels = np.array(["a", "b", "c", "d"])[rng.randint(0, 4, 40)]
    X_new = rng.uniform(-2, 2, size=(30, 4))
    kwargs = "hidden = c(5, 4), activation = c('tanh', 'relu'), output_activation = 'softmax', loss = 'log_loss', " \
             "decay = 0.01, lr = 0.05, epochs = 30, seed = 1, batch_size = 10, exact = TRUE"
    r_path = tmp_path / "deep_r.json"
    out_r = to_py(ro.r(
        "function(X, labels, path, X_new) { fit <- nnscratch::mlp(X, factor(labels), %s); "
        "nnscratch::save_model(fit, path); list(output = predict(fit, X_new), W = fit$layers[[3]]$W) }" % kwargs
    )(X, ro.StrVector(labels.tolist()), str(r_path), X_new))
    model = nn.load_model(str(r_path))
    assert model.settings_["hidden"] == [5, 4] and model.settings_["activation"] == ["tanh", "relu"]
    assert np.array_equal(model.layers_[2]["W"], out_r["W"])
    assert np.max(np.abs(model.predict_raw(X_new) - out_r["output"])) <= 1e-15
    py_path = tmp_path / "deep_py.json"
    nn.save_model(model, str(py_path))
    assert py_path.read_bytes() == r_path.read_bytes()
    # and the other way: fitted in Python, loaded and saved again in R
    model = quiet_fit(nn.MLP(hidden=(3, 3, 2), activation="relu", output_activation="identity", loss="half_mse",
                             bias=False, lr=0.05, epochs=15, seed=2, scheme="article_numpy", scale="minmax"),
                      X, X[:, :1] * 3)
    py_path = tmp_path / "regression_py.json"
    nn.save_model(model, str(py_path))
    r_path = tmp_path / "regression_r.json"
    out_r = to_py(ro.r(
        "function(path, to, X_new) { fit <- nnscratch::load_model(path); nnscratch::save_model(fit, to); "
        "list(output = predict(fit, X_new), scale = fit$scale$scale) }"
    )(str(py_path), str(r_path), X_new))
    assert np.max(np.abs(model.predict_raw(X_new) - out_r["output"])) <= 1e-15
    assert np.array_equal(out_r["scale"], model.scale_["scale"])
    assert r_path.read_bytes() == py_path.read_bytes()


def test_boolean_labels_fitted_in_r_are_booleans_in_python(r, ro, tmp_path):
    path = tmp_path / "logical_r.json"
    ro.r("function(init, X, path) nnscratch::save_model(suppressWarnings(nnscratch::mlp(X, c(TRUE, FALSE, TRUE), "
         "init = init, hidden = 3, epochs = 5)), path)")(to_r(s["init"]), s["X"], str(path))
    model = nn.load_model(str(path))
    assert model.classes_.dtype == bool and model.classes_.tolist() == [False, True]
    py = quiet_fit(nn.MLPClassifier(init=s["init"], hidden=3, epochs=5), s["X"], np.array([True, False, True]))
    assert model.classes_.tolist() == py.classes_.tolist()


def test_a_model_trained_with_the_command_lines_scale_predicts_alike_in_r_on_raw_inputs(r, ro, tmp_path):
    from nnscratch.cli import main

    X = 10 * np.random.RandomState(3).uniform(size=(30, 2)) + [0, 100]
    y = (X[:, 0] > 5).astype(int)
    data = tmp_path / "data.csv"
    data.write_text("a,b,y\n" + "".join("%r,%r,%d\n" % (float(a), float(b), t) for (a, b), t in zip(X, y)))
    path = str(tmp_path / "scaled.json")
    assert main(["train", str(data), "--target", "y", "--task", "classification", "--epochs", "100", "--seed", "1",
                 "--hidden", "5", "--scale", "minmax", "--out", path]) == 0
    model = nn.load_model(path)
    # by hand: the inputs mapped to [0, 1] with the training minima and maxima
    by_hand = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    out_py = model.predict_raw(X)
    np.testing.assert_array_equal(out_py, model.output_(by_hand))
    out_r = np.asarray(ro.r("function(path, X) predict(nnscratch::load_model(path), X)")(path, to_r(X)))
    assert np.max(np.abs(out_r - out_py)) <= 1e-15


def test_a_fit_saved_in_r_goes_on_in_python_as_one_run(r, ro, tmp_path):
    """The file keeps the optimizer's slots, the schedule, the random generator and the split: R's first half and
    Python's second half are the run Python makes at once, bit for bit in exact mode."""
    from sklearn.datasets import load_iris

    iris = load_iris()
    X, labels = iris.data, iris.target_names[iris.target]
    settings = dict(hidden=5, seed=7, validation=0.2, dropout=0.1, batch_size=32, exact=True, n_iter_no_change=None)
    path = str(tmp_path / "half.json")
    ro.r("function(X, y, path, ...) nnscratch::save_model(suppressWarnings(nnscratch::mlp(X, factor(y), epochs = 6, "
         "...)), path)")(X, ro.StrVector(labels.tolist()), path, **{k: ro.NULL if v is None else v
                                                                    for k, v in settings.items()})
    half = nn.load_model(path)
    half.set_params(warm_start=True, epochs=5)
    quiet_fit(half, X, labels)
    whole = quiet_fit(nn.MLPClassifier(epochs=11, **settings), X, labels)
    for a, b in zip(half.layers_, whole.layers_):
        assert np.array_equal(a["W"], b["W"]) and np.array_equal(a["b"], b["b"])
    assert np.array_equal(half.history_["validation_loss"], whole.history_["validation_loss"])
    assert half.n_epochs_ == 11
