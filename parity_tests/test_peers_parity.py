"""The peers across languages: scikit-learn's initial weights drawn in R, in Python and by scikit-learn itself;
nnet's weight vector read and written alike in R and Python, and nnet predicting what both predict; the same
refusal, word for word, for a network a peer cannot hold; and an ONNX file of R's model predicting what R does."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris
from sklearn.neural_network import MLPRegressor
from sklearn.utils import check_random_state

import nnscratch as nn

from conftest import to_py

X, Y = load_iris(return_X_y=True)
NAMES = np.array(["setosa", "versicolor", "virginica"], dtype=object)


@pytest.fixture(scope="module")
def ro(r):
    import rpy2.robjects as ro

    ro.r("suppressPackageStartupMessages(library(nnet))")
    return ro


def quiet(fit, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fit(*args)


def py_message(f, *args):
    try:
        f(*args)
    except nn.NnscratchError as e:
        return str(e)
    return None


@pytest.mark.parametrize("activation, sizes", [("relu", (4, 7, 3)), ("logistic", (5, 3, 2, 1)), ("tanh", (2, 6, 1))])
def test_the_sklearn_scheme_draws_scikit_learns_weights_in_both_languages(ro, activation, sizes):
    theirs = MLPRegressor(hidden_layer_sizes=sizes[1:-1], activation=activation, random_state=11)
    theirs._random_state = check_random_state(11)
    theirs._initialize(np.zeros((1, sizes[-1])), list(sizes), np.float64)
    ours = {"logistic": "sigmoid"}.get(activation, activation)
    py = nn.as_layers(nn.init_params(sizes[0], list(sizes[1:-1]), sizes[-1], seed=11, scheme="sklearn", activation=ours))
    r_layers = to_py(ro.r("function(p, h, o, a) nnscratch::as_layers(nnscratch::init_params(p, h, o, seed = 11, "
                          "scheme = 'sklearn', activation = a))")(sizes[0], np.array(sizes[1:-1], dtype=float),
                                                                   sizes[-1], ours))
    for r_layer, layer, W, b in zip(r_layers, py, theirs.coefs_, theirs.intercepts_):
        assert_array_equal(np.asarray(r_layer["W"]).reshape(W.shape), W)
        assert_array_equal(np.ravel(r_layer["b"]), b)
        assert_array_equal(layer["W"], W)


NNET_FIELDS = "function(f) f[c('n', 'wts', 'nunits', 'nsunits', 'softmax', 'entropy', 'decay', 'value', 'lev')]"


# R objects stay in R: each R function below fits, reads and predicts there, and returns plain numbers.
NNET_FIT = """function(kind) {
  set.seed(3)
  d <- data.frame(scale(iris[1:4]), Species = iris$Species)
  X <- as.matrix(d[1:4])
  # decay keeps every sigmoid unit's input within nnet's clipping at +-15
  switch(kind,
    softmax = nnet::nnet(Species ~ ., d, size = 3, decay = 0.5, maxit = 50, trace = FALSE),
    entropy = nnet::nnet(X, as.numeric(iris$Species == "setosa"), size = 2, entropy = TRUE, decay = 0.5, maxit = 50,
                         trace = FALSE),
    linout = nnet::nnet(X[, 1:3], iris[[4]], size = 4, linout = TRUE, decay = 0.5, maxit = 50, trace = FALSE),
    logistic = nnet::nnet(X, nnet::class.ind(iris$Species), size = 3, decay = 0.5, maxit = 50, trace = FALSE),
    skip = nnet::nnet(X, nnet::class.ind(iris$Species), size = 2, skip = TRUE, maxit = 1, trace = FALSE))
}"""
NNET_FIELDS = "f[c('n', 'wts', 'nunits', 'nsunits', 'softmax', 'entropy', 'decay', 'value', 'lev')]"


@pytest.mark.parametrize("kind", ["softmax", "entropy", "linout", "logistic"])
def test_a_nnet_fit_reads_alike_in_both_languages_and_predicts_what_nnet_predicts(ro, kind):
    Xs = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    Xm = Xs if kind != "linout" else Xs[:, :3]
    got = to_py(ro.r("""function(kind, X) {
      f <- (%s)(kind)
      d <- as.data.frame(X)
      names(d) <- names(iris)[seq_len(ncol(X))]
      m <- nnscratch::from_nnet(f)
      list(fields = %s, theirs = predict(f, d), ours = predict(m, d, type = "raw"), wts = nnscratch::to_nnet(m),
           class = if (kind == "softmax") predict(f, d, type = "class"),
           our_class = if (kind == "softmax") as.character(predict(m, d, type = "class")))
    }""" % (NNET_FIT, NNET_FIELDS))(kind, Xm))
    theirs = np.asarray(got["theirs"]).reshape(len(Xm), -1)
    py_model = nn.from_nnet(got["fields"])
    assert_allclose(np.asarray(got["ours"]).reshape(theirs.shape), theirs, rtol=0, atol=1e-12)
    assert_allclose(py_model.predict_raw(Xm), theirs, rtol=0, atol=1e-12)
    assert_array_equal(got["wts"], nn.to_nnet(py_model))
    assert_array_equal(nn.to_nnet(py_model), got["fields"]["wts"])
    if kind == "softmax":
        assert list(got["our_class"]) == list(got["class"]) == py_model.predict(Xm).tolist()


def test_a_skip_layer_nnet_is_refused_with_the_same_words(ro):
    got = to_py(ro.r("""function() {
      f <- (%s)("skip")
      list(fields = %s, message = tryCatch(nnscratch::from_nnet(f), nnscratch_error = conditionMessage))
    }""" % (NNET_FIT, NNET_FIELDS))())
    assert got["message"] == py_message(nn.from_nnet, got["fields"])
    assert got["message"].startswith("`fit` has skip-layer connections")


def models():
    """Networks each of which some peer cannot hold, fitted in Python."""
    def fit(cls, X, y, **settings):
        return quiet(cls(**{"epochs": 5, "seed": 1, **settings}).fit, X, y)

    return {
        "two_layers": fit(nn.MLPClassifier, X, NAMES[Y], hidden=[3, 2], activation=["tanh", "relu"], scale="none"),
        "relu": fit(nn.MLPClassifier, X, Y, hidden=3, scale="none"),
        "no_bias": fit(nn.MLP, X, (Y == 1).astype(float), hidden=3, bias=False),
        "scaled": fit(nn.MLPRegressor, X[:, :3], X[:, 3], hidden=3),
        "softmax_two": fit(nn.MLPClassifier, X, Y < 1, hidden=3, output_activation="softmax", activation="sigmoid",
                           scale="none"),
        "sigmoid_three": fit(nn.MLP, X, np.eye(3)[Y], hidden=3),
        "fine": fit(nn.MLPClassifier, X, NAMES[Y], hidden=3, activation="sigmoid", scale="none"),
    }


def test_what_a_peer_cannot_hold_is_refused_with_the_same_words(ro, tmp_path):
    r_problem = ro.r("""function(path, peers) {
      m <- nnscratch::load_model(path)
      problems <- vapply(peers, function(p) {
        x <- nnscratch::peer_problem(m, p)
        if (is.null(x)) NA_character_ else x
      }, character(1))
      list(problems = unname(problems), to_nnet = tryCatch({ nnscratch::to_nnet(m); NA_character_ },
                                                           nnscratch_error = conditionMessage))
    }""")
    seen = set()
    for name, model in models().items():
        path = nn.save_model(model, tmp_path / ("%s.json" % name))
        got = to_py(r_problem(str(path), list(nn.peers.PEERS)))
        theirs = [None if isinstance(p, float) else p for p in np.atleast_1d(got["problems"]).tolist()]
        mine = [nn.peer_problem(model, peer) for peer in nn.peers.PEERS]
        assert theirs == mine, name
        r_to_nnet = None if isinstance(got["to_nnet"], float) else got["to_nnet"]
        assert r_to_nnet == py_message(nn.to_nnet, model)
        seen.update(mine)
    # every kind of refusal came up
    assert len(seen) >= 7


def test_an_onnx_file_of_rs_model_predicts_what_r_predicts(ro, tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    path = str(tmp_path / "from_r.json")
    raw = np.asarray(ro.r("""function(path) {
      X <- as.matrix(iris[1:4])
      fit <- nnscratch::mlp(X, iris$Species, hidden = c(5, 4), lr = 0.05, epochs = 30, seed = 1)
      nnscratch::save_model(fit, path)
      predict(fit, X, type = "raw")
    }""")(path)).reshape(len(X), -1)
    from nnscratch.cli import main

    for flag, dtype, tol in (([], np.float32, 1e-6), (["--float64"], np.float64, 1e-12)):
        assert main(["export", path, str(tmp_path / "m.onnx"), *flag]) == 0
        session = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
        assert_allclose(session.run(None, {"X": X.astype(dtype)})[0], raw, rtol=tol, atol=tol)
