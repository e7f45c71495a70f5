"""The peers' formats: scikit-learn, nnet's weight vector, torch and ONNX. Twin of tests/testthat/test-peers.R.

Every check compares with the peer's own computation (scikit-learn's
predict, torch's forward, onnxruntime's run) or with a network worked out by
hand; none restates an output of the code under test.
"""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_diabetes, load_iris
from sklearn.neural_network import MLPClassifier, MLPRegressor

import nnscratch as nn
from nnscratch.cli import main

X, y = load_iris(return_X_y=True)
NAMES = np.array(["setosa", "versicolor", "virginica"], dtype=object)


def quiet(fit, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fit(*args, **kwargs)


def sklearn_fit(est, X, y):
    return quiet(est.fit, X, y)


def ours(cls, X, y, **settings):
    return quiet(cls(**{"scale": "none", "epochs": 30, "seed": 1, **settings}).fit, X, y)


# ---- scikit-learn ----

@pytest.mark.parametrize("activation", ["logistic", "tanh", "relu", "identity"])
def test_from_sklearn_predicts_what_scikit_learn_predicts(activation):
    for labels in (y, y < 1, NAMES[y]):
        est = sklearn_fit(MLPClassifier(hidden_layer_sizes=(5, 4), activation=activation, max_iter=40, random_state=0),
                          X, labels)
        model = nn.from_sklearn(est)
        assert isinstance(model, nn.MLPClassifier)
        assert_array_equal(model.classes_, est.classes_)
        assert_allclose(model.predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-12)
        assert_array_equal(model.predict(X), est.predict(X))
        assert model.score(X, labels) == est.score(X, labels)
    est = sklearn_fit(MLPRegressor(hidden_layer_sizes=(6,), activation=activation, max_iter=40, random_state=0),
                      X[:, :2], X[:, 2:])
    model = nn.from_sklearn(est)
    assert isinstance(model, nn.MLPRegressor)
    assert_allclose(model.predict(X[:, :2]), est.predict(X[:, :2]), rtol=0, atol=1e-12)


def test_from_sklearn_takes_the_hyper_parameters_nnscratch_has():
    est = sklearn_fit(MLPClassifier(hidden_layer_sizes=(3,), solver="sgd", momentum=0.5, nesterovs_momentum=True,
                                    alpha=0.01, learning_rate_init=0.02, learning_rate="invscaling", batch_size=16,
                                    max_iter=7, random_state=4), X, y)
    s = nn.from_sklearn(est).settings_
    assert (s["optimizer"], s["momentum"], s["decay"], s["lr"], s["schedule"], s["batch_size"], s["seed"]) == (
        "nesterov", 0.5, 0.01, 0.02, "invscaling", 16, 4)
    assert s["epochs"] == 7 and s["scheme"] == "sklearn" and s["loss"] == "log_loss" and s["reduction"] == "mean"


def test_a_model_from_scikit_learn_saves_and_loads_as_any_other(tmp_path):
    est = sklearn_fit(MLPClassifier(hidden_layer_sizes=(4,), max_iter=20, random_state=0), X, NAMES[y])
    path = nn.save_model(nn.from_sklearn(est), tmp_path / "m.json")
    assert_allclose(nn.load_model(path).predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-12)


@pytest.mark.parametrize("case", ["binary", "classes", "labels", "categorical", "regression", "article"])
def test_to_sklearn_predicts_what_the_model_predicts_and_comes_back(case):
    if case == "binary":
        model = ours(nn.MLPClassifier, X, y < 1, hidden=[4, 3], activation="tanh")
    elif case == "classes":
        model = ours(nn.MLPClassifier, X, y, hidden=5)
    elif case == "labels":
        model = ours(nn.MLPClassifier, X, NAMES[y], hidden=5, activation="sigmoid")
    elif case == "categorical":
        pd = pytest.importorskip("pandas")
        model = ours(nn.MLPClassifier, X, pd.Categorical(NAMES[y], categories=["virginica", "setosa", "versicolor"]),
                     hidden=5)
    elif case == "regression":
        model = ours(nn.MLPRegressor, X[:, :2], X[:, 2:], hidden=6)
    else:
        s = nn.load_scenario("article")
        model = quiet(nn.MLP(init=s["init"], epochs=100).fit, s["X"], s["y"])
    Xm = X[:, :model.n_features_in_] if case != "article" else nn.load_scenario("article")["X"]
    est = nn.to_sklearn(model)
    back = nn.from_sklearn(est)
    if case == "regression":
        assert isinstance(est, MLPRegressor)
        assert_allclose(est.predict(Xm), model.predict(Xm), rtol=0, atol=1e-12)
        assert_allclose(back.predict(Xm), model.predict(Xm), rtol=0, atol=1e-12)
        return
    assert isinstance(est, MLPClassifier)
    assert_allclose(est.predict_proba(Xm), model.predict_proba(Xm), rtol=0, atol=1e-12)
    assert_array_equal(est.predict(Xm), model.predict(Xm))
    assert_allclose(back.predict_proba(Xm), model.predict_proba(Xm), rtol=0, atol=1e-12)
    assert_array_equal(back.predict(Xm), model.predict(Xm))
    # and scikit-learn goes on training it
    quiet(est.partial_fit, Xm, model.predict(Xm))


def test_to_sklearn_did_learn_what_the_model_learned():
    model = ours(nn.MLPClassifier, X, y, hidden=8, epochs=200, lr=0.01)
    est = nn.to_sklearn(model)
    assert est.score(X, y) == model.score(X, y) > 0.9


def test_sklearns_initial_weights_then_100_epochs_of_plain_sgd_give_scikit_learns_weights():
    Xd, yd = load_diabetes(return_X_y=True)
    Xd, yd = Xd[:120], (yd[:120] - yd[:120].mean()) / yd[:120].std()
    for optimizer, momentum in (("sgd", 0.0), ("momentum", 0.9), ("nesterov", 0.9)):
        for activation in ("relu", "tanh", "logistic"):
            theirs = sklearn_fit(MLPRegressor(
                hidden_layer_sizes=(8, 5), activation=activation, solver="sgd", momentum=momentum,
                nesterovs_momentum=optimizer == "nesterov", batch_size=len(Xd), alpha=0, learning_rate_init=0.05,
                shuffle=False, max_iter=100, n_iter_no_change=1000, random_state=3), Xd, yd)
            mine = ours(nn.MLPRegressor, Xd, yd, hidden=[8, 5], activation=nn.from_sklearn(theirs).settings_["activation"],
                        optimizer=optimizer, momentum=0.9, batch_size=None, decay=0, lr=0.05, epochs=100,
                        n_iter_no_change=None, seed=3)
            assert mine.n_epochs_ == theirs.n_iter_ == 100
            for layer, W, b in zip(mine.layers_, theirs.coefs_, theirs.intercepts_):
                assert_allclose(layer["W"], W, rtol=0, atol=1e-12)
                assert_allclose(layer["b"][0], b, rtol=0, atol=1e-12)
            assert_allclose(mine.loss_curve_, theirs.loss_curve_, rtol=0, atol=1e-12)


def test_what_scikit_learn_cannot_hold_is_refused_with_the_reason():
    cases = [
        (dict(hidden=[3, 3], activation=["tanh", "relu"]),
         "`model`'s hidden layers use tanh, relu; scikit-learn uses one activation for all of them."),
        (dict(hidden=3, bias=False), "`model` has no biases; scikit-learn's layers always have them."),
        (dict(hidden=3, scale="standardize"),
         '`model` scales its data inside the model, which scikit-learn cannot hold; fit it with scale = "none" on '
         "data scaled beforehand."),
        (dict(hidden=3, output_activation="softmax"),
         "`model` has 2 softmax outputs for 2 classes; scikit-learn has one sigmoid output for two classes, one "
         "softmax output per class for more."),
    ]
    for settings, message in cases:
        model = ours(nn.MLPClassifier, X, y < 1, **settings)
        assert nn.peer_problem(model, "sklearn") == message
        with pytest.raises(nn.NnscratchError) as e:
            nn.to_sklearn(model)
        assert str(e.value) == message and e.value.arg == "model"
    multi = ours(nn.MLP, X, np.column_stack([y == 0, y == 1]).astype(float), hidden=3)
    assert nn.peer_problem(multi, "sklearn") == (
        "`model` has 2 sigmoid outputs for 2 classes; scikit-learn has one sigmoid output for two classes, one "
        "softmax output per class for more.")


def test_from_sklearn_refuses_what_nnscratch_does_not_have():
    with pytest.raises(nn.NnscratchError, match="^`estimator` must be a fitted scikit-learn MLPClassifier or "
                                                "MLPRegressor, not an object of class `MLPClassifier`.$"):
        nn.from_sklearn(MLPClassifier())
    est = sklearn_fit(MLPClassifier(hidden_layer_sizes=(3,), max_iter=5, random_state=0), X,
                      np.column_stack([y == 0, y == 1]))
    with pytest.raises(nn.NnscratchError, match="^`estimator` is a multilabel classifier, which nnscratch does not have.$"):
        nn.from_sklearn(est)
    est = sklearn_fit(MLPRegressor(hidden_layer_sizes=(3,), loss="poisson", max_iter=5, random_state=0), X[:, :3],
                      X[:, 3])
    with pytest.raises(nn.NnscratchError, match="^`estimator` has a exp output, which nnscratch does not have.$"):
        nn.from_sklearn(est)


def test_peer_problem_checks_its_arguments():
    with pytest.raises(nn.NnscratchError, match="^`model` must be a fitted nnscratch network, not NULL.$"):
        nn.peer_problem(None, "nnet")
    with pytest.raises(nn.NnscratchError, match='^`peer` must be "sklearn", "nnet", "torch" or "onnx", not "keras".$'):
        nn.peer_problem(ours(nn.MLPClassifier, X, y, hidden=2), "keras")


# ---- nnet's weight vector ----

# A 2-2-1 network worked out by hand, and the same weights in nnet's order:
# b->h1, i1->h1, i2->h1, b->h2, i1->h2, i2->h2, b->o, h1->o, h2->o.
HAND = [{"W": np.array([[0.1, -0.4], [0.2, 0.5]]), "b": np.array([[0.3, 0.6]])},
        {"W": np.array([[0.7], [-0.8]]), "b": np.array([[0.9]])}]
HAND_WTS = np.array([0.3, 0.1, 0.2, 0.6, -0.4, 0.5, 0.9, 0.7, -0.8])


def hand_output(x1, x2):
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    h1, h2 = sigmoid(0.3 + 0.1 * x1 + 0.2 * x2), sigmoid(0.6 - 0.4 * x1 + 0.5 * x2)
    return sigmoid(0.9 + 0.7 * h1 - 0.8 * h2)


def nnet_fit(wts, n=(2, 2, 1), linout=False, softmax=False, entropy=False, lev=None, value=1.0):
    """The components of an R nnet object, as nnet.default sets them."""
    nunits = 1 + sum(n)
    return {"n": np.array(n, dtype=float), "wts": np.asarray(wts, dtype=float), "nunits": nunits,
            "nsunits": nunits - n[2] if linout or softmax else nunits, "softmax": softmax, "entropy": entropy,
            "decay": 0.01, "value": value, "lev": lev}


def test_to_nnet_writes_nnets_order():
    model = quiet(nn.MLP(hidden=2, init=HAND, epochs=1, lr=1e-300).fit, np.zeros((2, 2)), np.array([[0.0], [1.0]]))
    assert_array_equal(nn.to_nnet(model), HAND_WTS)


def test_from_nnet_reads_nnets_order():
    Xs = np.array([[0.5, -1.0], [2.0, 0.25], [-1.5, 1.5]])
    model = nn.from_nnet(nnet_fit(HAND_WTS, entropy=True, lev=np.array(["0", "1"])))
    assert isinstance(model, nn.MLPClassifier)
    assert_allclose(model.predict_raw(Xs)[:, 0], hand_output(Xs[:, 0], Xs[:, 1]), rtol=0, atol=1e-15)
    assert_array_equal(model.predict(Xs), np.where(hand_output(Xs[:, 0], Xs[:, 1]) > 0.5, "1", "0"))
    s = model.settings_
    assert (s["loss"], s["reduction"], s["decay"], s["output_activation"]) == ("log_loss", "sum", 0.02, "sigmoid")
    assert_array_equal(nn.to_nnet(model), HAND_WTS)
    linear = nn.from_nnet(nnet_fit(HAND_WTS, linout=True, value=3.0))
    assert isinstance(linear, nn.MLPRegressor) and linear.settings_["loss"] == "half_sse"
    assert linear.loss_curve_.tolist() == [1.5]
    h = 1 / (1 + np.exp(-(Xs @ HAND[0]["W"] + HAND[0]["b"])))
    assert_allclose(linear.predict(Xs), (h @ HAND[1]["W"] + 0.9)[:, 0], rtol=0, atol=1e-15)


def test_from_nnet_refuses_skip_layer_connections():
    message = "`fit` has skip-layer connections (skip = TRUE); nnscratch's layers connect each layer to the next only."
    with pytest.raises(nn.NnscratchError) as e:
        nn.from_nnet(nnet_fit(np.r_[HAND_WTS, 1.0, 2.0]))
    assert str(e.value) == message
    with pytest.raises(nn.NnscratchError, match="^`fit` must be a fitted nnet, not a list of length 9.$"):
        nn.from_nnet(list(HAND_WTS))


def test_what_nnet_cannot_hold_is_refused_with_the_reason():
    cases = [(dict(hidden=[3, 2], activation="sigmoid"), "`model` has 2 hidden layers; nnet has one."),
             (dict(hidden=3, activation="relu"), "`model` has a relu hidden layer; nnet's hidden layers are sigmoid.")]
    for settings, message in cases:
        with pytest.raises(nn.NnscratchError) as e:
            nn.to_nnet(ours(nn.MLPClassifier, X, y, **settings))
        assert str(e.value) == message


# ---- torch ----

def test_to_torch_gives_the_models_outputs_and_from_torch_reads_them_back():
    import torch  # in the `test` extra: a missing one fails, it is not skipped
    for model in (ours(nn.MLPClassifier, X, NAMES[y], hidden=[5, 4], activation=["tanh", "relu"]),
                  ours(nn.MLP, X, (y == 1).astype(float), hidden=3, bias=False),
                  ours(nn.MLPRegressor, X[:, :2], X[:, 2], hidden=4, activation="identity")):
        Xm = X[:, :model.n_features_in_]
        module = nn.to_torch(model)
        assert all(p.dtype == torch.float64 for p in module.parameters())
        assert_allclose(module(torch.from_numpy(Xm)).detach().numpy(), model.predict_raw(Xm), rtol=0, atol=1e-12)
        back = nn.from_torch(module)
        assert_allclose(back.predict_raw(Xm), model.predict_raw(Xm), rtol=0, atol=1e-12)


def test_from_torch_reads_a_module_built_in_torch():
    import torch  # in the `test` extra: a missing one fails, it is not skipped
    torch.manual_seed(0)
    module = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 3), torch.nn.Softmax(dim=1))
    model = nn.from_torch(module)
    expected = module(torch.from_numpy(X).float()).detach().double().numpy()
    assert isinstance(model, nn.MLP)
    assert_allclose(model.predict_raw(X), expected, rtol=0, atol=1e-6)
    assert_array_equal(model.predict(X), expected.argmax(axis=1))
    with pytest.raises(nn.NnscratchError, match="^`module` has a tanh output, which nnscratch does not have.$"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 1), torch.nn.Tanh()))
    with pytest.raises(nn.NnscratchError, match="^`module` has Dropout where nnscratch takes a Linear layer"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Dropout(), torch.nn.Linear(6, 1)))


# ---- ONNX ----

def onnx_run(path, Xm, dtype):
    ort = pytest.importorskip("onnxruntime")
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"X": Xm.astype(dtype)})[0]


@pytest.mark.parametrize("float64, tol", [(False, 1e-6), (True, 1e-12)], ids=["float32", "float64"])
def test_an_onnx_file_predicts_what_the_model_predicts(tmp_path, float64, tol):
    pytest.importorskip("onnx")
    dtype = np.float64 if float64 else np.float32
    models = [quiet(nn.MLPClassifier(hidden=[5, 4], activation=["tanh", "relu"], epochs=30, seed=1).fit, X, NAMES[y]),
              quiet(nn.MLPClassifier(hidden=3, epochs=30, seed=1).fit, X, y < 1),
              ours(nn.MLP, X, (y == 1).astype(float), hidden=3, bias=False),
              quiet(nn.MLPRegressor(hidden=4, epochs=30, seed=1).fit, X[:, :2], X[:, 2:])]
    for model in models:
        Xm = X[:, :model.n_features_in_]
        path = nn.save_onnx(model, tmp_path / "m.onnx", float64=float64)
        out = onnx_run(path, Xm, dtype)
        assert out.dtype == dtype
        assert_allclose(out, model.predict_raw(Xm), rtol=tol, atol=tol)


def test_the_command_line_exports_a_model_file_to_onnx(tmp_path, capsys):
    pytest.importorskip("onnx")
    model = quiet(nn.MLPClassifier(hidden=4, epochs=30, seed=1).fit, X, NAMES[y])
    nn.save_model(model, tmp_path / "m.json")
    status = main(["export", str(tmp_path / "m.json"), str(tmp_path / "m.onnx"), "--float64"])
    assert status == 0 and "m.onnx" in capsys.readouterr().out
    assert_allclose(onnx_run(tmp_path / "m.onnx", X, np.float64), model.predict_proba(X), rtol=0, atol=1e-12)
    status = main(["export", str(tmp_path / "none.json"), str(tmp_path / "m.onnx")])
    assert status == 1
    assert capsys.readouterr().err == 'nnscratch: error: the model file "%s" must be an existing file.\n' % (
        tmp_path / "none.json")
