"""The peers' formats: a network from scikit-learn, nnet or torch, a network handed back to them, and ONNX. Twin of R/peers.R.

Each peer holds the same network in its own layout; nnscratch reads and
writes them, so that a network can be checked against the library a user
already trusts, or taken elsewhere. Shapes are nnscratch's (see
`nnscratch.layers`): a layer is ``{"W": (fan_in, fan_out), "b": (1, fan_out)
or None}``.

- scikit-learn: ``coefs_[i]`` is W and ``intercepts_[i]`` is b[0], layer by
  layer; its "logistic" is the sigmoid.
- nnet: one vector, for each hidden unit its bias and then its weights
  from the inputs, then for each output its bias and then its weights from
  the hidden units (the order of ``summary.nnet``: b->h1, i1->h1, ...).
- torch: ``Linear(fan_in, fan_out)`` holds W transposed, (fan_out, fan_in).
- ONNX: a graph of Gemm nodes and activations.

`PEERS` is the one list of the peers and of what each can hold; `peer_problem`
reads it, and every function that hands a network to a peer refuses, with
its words, a network the peer cannot hold. In both languages: `PEERS`,
`peer_problem`, `to_nnet` and `from_nnet` (here from the components of an
R nnet object, as a mapping). Here only, as their libraries are Python's:
`from_sklearn`, `to_sklearn`, `to_torch`, `from_torch` and `save_onnx` (R
users reach ONNX through the command line, ``nnscratch export``). In R only:
``from_neuralnet()``.

scikit-learn, torch and onnx are optional: each is imported inside the
functions that need it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, NamedTuple, Optional

import numpy as np

from . import losses, optimizers, schedules, schemes
from .activations import (
    ACTIVATIONS,
    BINARY_OUTPUT,
    LOGISTIC,
    MULTICLASS_OUTPUT,
    REGRESSION_OUTPUT,
    activation_names,
    from_peer,
    peer_name,
)
from .errors import abort, describe, must, one_of
from .layers import hidden_sizes
from .losses import CLASSIFICATION, REGRESSION
from .mlp import CLASSIFIER, EITHER, REGRESSOR, Estimator, set_fitted
from .model_file import ROLES, as_given, check_path, loaded_state
from .optimizers import OPTIMIZERS
from .params import AUTO_BATCH
from .schedules import SCHEDULES


class Peer(NamedTuple):
    # how messages name it
    label: str
    # the hidden activations it has; None: all of nnscratch's
    hidden: Optional[tuple]
    # whether it has one hidden layer only, one activation for all of them,
    # biases always, and a scale of the inputs inside the model
    one_layer: bool
    one_activation: bool
    biases: bool
    scale: bool
    # whether its classifiers take classes as scikit-learn's do: one sigmoid
    # output for two classes, one softmax output per class for more
    classes: bool


PEERS = {
    "sklearn": Peer("scikit-learn", None, False, True, True, False, True),
    "nnet": Peer("nnet", (LOGISTIC,), True, False, True, False, False),
    "torch": Peer("torch", None, False, False, False, False, False),
    "onnx": Peer("ONNX", None, False, False, False, True, False),
}


def check_model(model: Any) -> Estimator:
    if not isinstance(model, Estimator) or not hasattr(model, "layers_"):
        abort("`model` must be a fitted nnscratch network, not %s.", describe(model), arg="model")
    return model


def peer_problem(model: Any, peer: str) -> Optional[str]:
    """Return why the peer cannot hold `model`, in one sentence; None when it can.

    Parameters
    ----------
    model : MLPClassifier, MLPRegressor or MLP
        A fitted model.
    peer : str
        One of `PEERS`: "sklearn", "nnet", "torch" or "onnx".
    """
    check_model(model)
    if not isinstance(peer, str) or peer not in PEERS:
        must("peer", one_of(PEERS), peer)
    entry = PEERS[peer]
    s = model.settings_
    hidden = s["activation"]
    if entry.one_layer and len(hidden) != 1:
        return "`model` has %d hidden layers; %s has one." % (len(hidden), entry.label)
    wrong = [a for a in hidden if entry.hidden is not None and a not in entry.hidden]
    if wrong and entry.hidden is not None:
        return "`model` has a %s hidden layer; %s's hidden layers are %s." % (wrong[0], entry.label, " or ".join(entry.hidden))
    if entry.one_activation and len(set(hidden)) > 1:
        return "`model`'s hidden layers use %s; %s uses one activation for all of them." % (
            ", ".join(hidden), entry.label)
    if entry.biases and not s["bias"]:
        return "`model` has no biases; %s's layers always have them." % entry.label
    if not entry.scale and (model.scale_ is not None or model.target_scale_ is not None):
        return ('`model` scales its data inside the model, which %s cannot hold; fit it with scale = "none" on data '
                "scaled beforehand." % entry.label)
    out, o = s["output_activation"], s["n_output"]
    if entry.classes and (model.classes_ is not None or ACTIVATIONS[out].probability):
        k = len(model.classes_) if model.classes_ is not None else max(2, o)
        if not ((k == 2 and o == 1 and out == BINARY_OUTPUT) or (k > 2 and o == k and out == MULTICLASS_OUTPUT)):
            return ("`model` has %d %s outputs for %d classes; %s has one sigmoid output for two classes, one softmax "
                    "output per class for more." % (o, out, k, entry.label))
    return None


def check_peer(model: Any, peer: str) -> Estimator:
    problem = peer_problem(model, peer)
    if problem is not None:
        abort("%s", problem, arg="model")
    return model


def peer_role(output_activation: str, classes: Any) -> str:
    """Return the estimator a peer's network becomes: a classifier with classes, a regressor with an identity output,
    MLP otherwise."""
    if classes is not None:
        return CLASSIFIER
    return EITHER if ACTIVATIONS[output_activation].probability else REGRESSOR


def peer_model(layers: list, given: dict, loss: Any, classes: Any = None, names: Any = None) -> Estimator:
    """Return the fitted model of a peer's network, built by `set_fitted` as `load_model` builds one.

    `given` holds the settings the peer says (the activations and the loss
    at least); the others are the estimator's defaults. `loss` is the loss
    of each epoch that the peer kept (at least one number).
    """
    role = peer_role(given["output_activation"], classes)
    model = ROLES[role]()
    hidden = hidden_sizes(layers)
    loss = np.atleast_1d(np.asarray(loss, dtype=np.float64))
    s = {**model.get_params(), "hidden": hidden, "bias": layers[0]["b"] is not None, "scale": "none",
         "batch_size": None, "dropout": [0.0] * len(hidden), **given}
    # the epochs the peer was given, else the ones its loss curve holds
    s["epochs"] = max(int(s["epochs"]), len(loss)) if "epochs" in given else len(loss)
    model.set_params(**{k: v for k, v in s.items() if k in model.get_params()})
    model.set_params(hidden=hidden[0] if len(hidden) == 1 else tuple(hidden), activation=as_given(s["activation"]),
                     dropout=as_given(s["dropout"]))
    fit = {"params": layers, "settings": s, "loss": loss, "trace": [], "stopped": None,
           "history": {"lr": np.full(len(loss), float(s["lr"])), "validation_loss": None, "validation_score": None},
           "state": loaded_state(s, layers, len(loss))}
    return set_fitted(model, fit, s, classes, names, None, None)


def copied(layers: list) -> list:
    return [{"W": np.array(layer["W"], dtype=np.float64), "b": None if layer["b"] is None else
             np.array(layer["b"], dtype=np.float64).reshape(1, -1)} for layer in layers]


# ---- nnet (both languages) ----

def nnet_layers(wts: np.ndarray, n: list) -> list:
    """Return the two layers held in nnet's weight vector `wts`, for n = (inputs, hidden units, outputs)."""
    p, h, o = n
    # column j of each block is unit j's bias and then its weights
    hidden = wts[:(p + 1) * h].reshape(p + 1, h, order="F")
    output = wts[(p + 1) * h:].reshape(h + 1, o, order="F")
    return [{"W": hidden[1:], "b": hidden[:1]}, {"W": output[1:], "b": output[:1]}]


def to_nnet(model: Any) -> np.ndarray:
    """Return the weights of `model` in nnet's order, for ``nnet(x, y, size, Wts = ..., maxit = 0)`` in R.

    Give nnet the same outputs: ``linout = TRUE`` for an identity output,
    ``softmax = TRUE`` for a softmax one; ``size`` is the hidden layer's.
    nnet has one hidden layer of sigmoid units, biases, and no scale inside
    the model; another network is refused with the reason.

    Returns
    -------
    ndarray, shape ((p + 1) * h + (h + 1) * o,)
    """
    check_peer(model, "nnet")
    return np.concatenate([np.vstack([layer["b"], layer["W"]]).ravel(order="F") for layer in model.layers_])


def nnet_field(fit: Any, name: str) -> Any:
    value = fit[name] if name in fit else None
    value = None if value is None else np.asarray(value)
    return value if value is None or value.size != 1 or name in ("wts", "lev") else value.item()


def from_nnet(fit: Any) -> Estimator:
    """Return the nnscratch model of a fitted nnet, which predicts what ``predict.nnet`` predicts.

    Parameters
    ----------
    fit : mapping
        The components of an R ``nnet`` object (rpy2 gives them as an R
        list): ``n``, ``wts``, ``nunits``, ``nsunits`` (fewer than ``nunits``
        for linear outputs), ``softmax``, ``entropy``, ``decay`` and ``lev``.

    Returns
    -------
    MLPClassifier, MLPRegressor or MLP
        A classifier when ``lev`` names the classes of its outputs (a factor
        outcome); a regressor for linear outputs; MLP otherwise. The output
        is softmax, the identity (``linout``) or the sigmoid; the loss
        nnet's (the log-loss for ``entropy`` and ``softmax``, half the
        summed squares otherwise), summed over the samples; ``decay`` in
        nnscratch's units (nnet's also shrinks the biases). Its loss has one
        epoch, nnet's final ``value`` in the same units.
    """
    needed = ("n", "wts", "nunits", "nsunits", "softmax", "entropy", "decay")
    if not isinstance(fit, Mapping) or any(k not in fit for k in needed):
        must("fit", "a fitted nnet", fit)
    n = [int(v) for v in np.asarray(fit["n"]).ravel()]
    wts = np.asarray(fit["wts"], dtype=np.float64).ravel()
    p, h, o = n
    if h == 0 or len(wts) != (p + 1) * h + (h + 1) * o:
        abort("`fit` has skip-layer connections (skip = TRUE); nnscratch's layers connect each layer to the next only.",
              arg="fit")
    softmax = bool(nnet_field(fit, "softmax"))
    linout = nnet_field(fit, "nsunits") < nnet_field(fit, "nunits")
    output = MULTICLASS_OUTPUT if softmax else REGRESSION_OUTPUT if linout else LOGISTIC
    entropy = softmax or bool(nnet_field(fit, "entropy"))
    lev = nnet_field(fit, "lev")
    classes = None
    if lev is not None and ((o == 1 and len(lev) == 2) or (softmax and len(lev) == o)):
        classes = np.asarray([str(v) for v in lev.ravel()], dtype=object)
    # nnet minimizes the sum of squares (not half of it) or the log-loss,
    # plus decay * sum(w^2); nnscratch's half_sse and decay / 2 * sum(W^2)
    decay = float(nnet_field(fit, "decay")) * (2 if entropy else 1)
    value = fit["value"] if "value" in fit else None
    loss = [float(np.asarray(value).ravel()[0]) / (1 if entropy else 2)] if value is not None else [np.nan]
    given = {"activation": [LOGISTIC], "output_activation": output,
             "loss": CLASSIFICATION if entropy else losses.ARTICLE, "reduction": losses.ARTICLE_REDUCTION, "decay": decay}
    names = fit["coefnames"] if "coefnames" in fit and fit["coefnames"] is not None else None
    return peer_model(nnet_layers(wts, n), given, loss, classes, None if names is None else [str(v) for v in names])


# ---- scikit-learn ----

def sklearn_activation(name: str) -> str:
    """Return scikit-learn's name of an nnscratch activation: "logistic" for the sigmoid (the activations registry
    keeps each activation's name in the peers)."""
    return str(peer_name(name, "sklearn"))


def nnscratch_activation(name: str) -> str:
    """Return nnscratch's name of a scikit-learn activation."""
    return from_peer(name, "sklearn") or name


# scikit-learn's hyper-parameters and nnscratch's settings that mean the same
SKLEARN_SETTINGS = (("alpha", "decay"), ("learning_rate_init", "lr"), ("momentum", "momentum"), ("power_t", "power_t"),
                    ("beta_1", "beta1"), ("beta_2", "beta2"), ("epsilon", "epsilon"), ("max_iter", "epochs"),
                    ("tol", "tol"), ("n_iter_no_change", "n_iter_no_change"), ("early_stopping", "early_stopping"))


def sklearn_settings(est: Any) -> dict:
    """Return the nnscratch settings of a scikit-learn MLP's hyper-parameters, where nnscratch has them.

    The optimizer and the schedule are those whose registry entries name
    scikit-learn's solver and learning_rate (its solver "sgd" is "sgd",
    "momentum" or "nesterov" by its momentum).
    """
    s = {ours: getattr(est, theirs) for theirs, ours in SKLEARN_SETTINGS}
    s["optimizer"] = next((name for name, o in OPTIMIZERS.items() if "sklearn" in o.peers
                           and all(getattr(est, k) == v for k, v in o.peers["sklearn"].items())), optimizers.DEFAULT)
    s["schedule"] = next((name for name, sch in SCHEDULES.items() if sch.peers.get("sklearn") == est.learning_rate),
                         schedules.DEFAULT)
    s["batch_size"] = est.batch_size if isinstance(est.batch_size, (int, np.integer)) else AUTO_BATCH
    s["validation"] = float(est.validation_fraction) if est.early_stopping else 0.0
    s["seed"] = int(est.random_state) if isinstance(est.random_state, (int, np.integer)) else None
    s["scheme"] = schemes.DEFAULT
    return s


def from_sklearn(estimator: Any) -> Estimator:
    """Return the nnscratch model of a fitted scikit-learn `MLPClassifier` or `MLPRegressor`; it predicts the same.

    The weights are ``coefs_`` and ``intercepts_``; the activations
    ``activation`` and ``out_activation_`` ("logistic" is the sigmoid); a
    classifier keeps ``classes_`` (one sigmoid output for two classes, a
    softmax output per class for more). The settings are scikit-learn's
    hyper-parameters where nnscratch has the same (``alpha`` is ``decay``,
    ``learning_rate_init`` is ``lr``, its sgd with momentum is "momentum" or
    "nesterov", ``batch_size="auto"`` is 200, ...), the loss curve its
    ``loss_curve_``. A multilabel classifier, or a Poisson regressor, is
    refused.

    Returns
    -------
    MLPClassifier or MLPRegressor
    """
    if not all(hasattr(estimator, k) for k in ("coefs_", "intercepts_", "out_activation_", "activation")):
        must("estimator", "a fitted scikit-learn MLPClassifier or MLPRegressor", estimator)
    output = nnscratch_activation(estimator.out_activation_)
    if output not in activation_names("output"):
        abort("`estimator` has a %s output, which nnscratch does not have.", estimator.out_activation_, arg="estimator")
    classes = getattr(estimator, "classes_", None)
    if classes is not None and output == LOGISTIC and estimator.n_outputs_ > 1:
        abort("`estimator` is a multilabel classifier, which nnscratch does not have.", arg="estimator")
    layers = copied([{"W": W, "b": b} for W, b in zip(estimator.coefs_, estimator.intercepts_)])
    given = {**sklearn_settings(estimator), "activation": [nnscratch_activation(estimator.activation)] * (len(layers) - 1),
             "output_activation": output, "loss": CLASSIFICATION if classes is not None else REGRESSION,
             "reduction": losses.DEFAULT_REDUCTION}
    loss = getattr(estimator, "loss_curve_", None) or [getattr(estimator, "loss_", np.nan)]
    names = getattr(estimator, "feature_names_in_", None)
    return peer_model(layers, given, loss, None if classes is None else np.asarray(classes), names)


def to_sklearn(model: Any) -> Any:
    """Return a fitted scikit-learn `MLPClassifier` or `MLPRegressor` with the weights of `model`; it predicts the same.

    An output of probabilities becomes a classifier whose ``classes_`` are
    the model's classes (0, 1, ... for targets without labels), in the
    model's order; an identity output a regressor. The hyper-parameters are
    the model's settings where scikit-learn has the same (see
    `from_sklearn`). Refused, with the reason: different activations per
    hidden layer, no biases, a scale inside the model (scikit-learn's MLP has
    none: fit with ``scale="none"``, or put your own scaler before it), and
    a softmax output over two classes or sigmoid outputs for several.
    """
    check_peer(model, "sklearn")
    from sklearn.neural_network import MLPClassifier, MLPRegressor  # type: ignore[import-untyped, unused-ignore]
    from sklearn.preprocessing import LabelBinarizer  # type: ignore[import-untyped, unused-ignore]

    s = model.settings_
    classifier = ACTIVATIONS[s["output_activation"]].probability
    params = {theirs: s[ours] for theirs, ours in SKLEARN_SETTINGS}
    # an optimizer or a schedule that scikit-learn lacks becomes its default
    params["learning_rate"] = SCHEDULES[s["schedule"]].peers.get(
        "sklearn", SCHEDULES[schedules.DEFAULT].peers["sklearn"])
    params["n_iter_no_change"] = s["n_iter_no_change"] if s["n_iter_no_change"] is not None else s["epochs"]
    params.update(hidden_layer_sizes=tuple(s["hidden"]), activation=sklearn_activation(s["activation"][0]),
                  batch_size=s["batch_size"] or "auto", random_state=s["seed"],
                  validation_fraction=s["validation"] or 0.1)
    params.update(OPTIMIZERS[s["optimizer"]].peers.get("sklearn", OPTIMIZERS[optimizers.DEFAULT].peers["sklearn"]))
    est = (MLPClassifier if classifier else MLPRegressor)(**params)
    est.coefs_ = [layer["W"].copy() for layer in model.layers_]
    est.intercepts_ = [layer["b"][0].copy() for layer in model.layers_]
    est.n_layers_ = len(model.layers_) + 1
    est.n_outputs_ = s["n_output"]
    est.out_activation_ = sklearn_activation(s["output_activation"])
    est.n_features_in_ = s["n_input"]
    if getattr(model, "feature_names_in_", None) is not None:
        est.feature_names_in_ = np.asarray(model.feature_names_in_, dtype=object)
    est.n_iter_, est.t_ = model.n_epochs_, 0
    est.loss_curve_ = [float(v) for v in model.loss_curve_]
    est.loss_ = est.loss_curve_[-1]
    est.best_loss_, est._no_improvement_count = min(est.loss_curve_), 0
    if classifier:
        classes = model.classes_ if model.classes_ is not None else np.arange(max(2, s["n_output"]))
        # the model's order, which is scikit-learn's sorted order unless the
        # classes came as a Categorical's categories
        binarizer = LabelBinarizer().fit(np.asarray(classes))
        binarizer.classes_ = np.asarray(classes)
        est._label_binarizer, est.classes_ = binarizer, binarizer.classes_
    return est


# ---- torch ----

def to_torch(model: Any) -> Any:
    """Return a float64 ``torch.nn.Sequential`` with the weights of `model`: a ``Linear`` per layer, each followed by its
    activation (``Softmax(dim=1)`` for softmax, ``Identity`` for the identity).

    Its output is `predict_raw`'s. A scale inside the model is refused (torch
    would need layers of its own for it).
    """
    check_peer(model, "torch")
    import torch

    s = model.settings_
    modules = []
    for layer, name in zip(model.layers_, [*s["activation"], s["output_activation"]]):
        fan_in, fan_out = layer["W"].shape
        linear = torch.nn.Linear(fan_in, fan_out, bias=layer["b"] is not None, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(layer["W"].T)))
            if layer["b"] is not None:
                linear.bias.copy_(torch.from_numpy(layer["b"][0].copy()))
        module = getattr(torch.nn, str(peer_name(name, "torch")))
        # softmax normalises each row: torch's dim 1
        modules += [linear, module(dim=1) if ACTIVATIONS[name].rowwise else module()]
    return torch.nn.Sequential(*modules)


def from_torch(module: Any) -> Estimator:
    """Return the nnscratch model of a ``torch.nn.Sequential`` of ``Linear`` layers, each followed by at most one of
    ``Sigmoid``, ``Tanh``, ``ReLU``, ``Softmax(dim=1)`` or ``Identity``; its `predict_raw` is the module's output.

    The weights are read as float64. A module has no classes: the model is
    MLP for a sigmoid or softmax output (`predict` gives 0/1 or the index of
    the largest output), MLPRegressor for a linear one. Its loss is the
    article's (half the summed squares); torch keeps no loss curve, so the
    model's is one NaN, which a model file cannot hold: `save_model`
    refuses it, `save_onnx` and the ``to_`` functions take it.
    """
    import torch

    names = {getattr(torch.nn, a.peers["torch"]): name for name, a in ACTIVATIONS.items()}
    if not isinstance(module, torch.nn.Sequential):
        must("module", "a torch.nn.Sequential", module)
    layers: list = []
    activation: list = []
    for m in module:
        if isinstance(m, torch.nn.Linear):
            W = m.weight.detach().to(torch.float64).numpy().T.copy()
            b = None if m.bias is None else m.bias.detach().to(torch.float64).numpy().reshape(1, -1).copy()
            layers.append({"W": W, "b": b})
            activation.append(None)
        elif type(m) in names and layers and activation[-1] is None and getattr(m, "dim", 1) in (1, -1):
            activation[-1] = names[type(m)]
        elif not isinstance(m, torch.nn.Identity):
            abort("`module` has %s where nnscratch takes a Linear layer or its one activation (Sigmoid, Tanh, ReLU, "
                  "Softmax(dim=1) or Identity).", type(m).__name__, arg="module")
    activation = [a or REGRESSION_OUTPUT for a in activation]
    if len(layers) < 2:
        abort("`module` has %d Linear layers; nnscratch's networks have a hidden layer at least.", len(layers),
              arg="module")
    for a in activation[:-1]:
        if a not in activation_names("hidden"):
            abort("`module` has a %s hidden layer, which nnscratch does not have.", a, arg="module")
    if activation[-1] not in activation_names("output"):
        abort("`module` has a %s output, which nnscratch does not have.", activation[-1], arg="module")
    if len({layer["b"] is None for layer in layers}) > 1:
        abort("`module` has biases in some layers only; nnscratch's layers all have them or none does.", arg="module")
    given = {"activation": activation[:-1], "output_activation": activation[-1], "loss": losses.ARTICLE,
             "reduction": losses.ARTICLE_REDUCTION}
    return peer_model(layers, given, [np.nan])


# ---- ONNX ----

# The operator set and IR version written, which onnxruntime 1.14 and later read.
ONNX_OPSET = 17
ONNX_IR_VERSION = 8


def save_onnx(model: Any, path: Any, float64: bool = False) -> str:
    """Save `model` as an ONNX graph whose output is `predict_raw`'s, and return `path`.

    The graph takes "X" (n, p) and gives "output" (n, o): the model's scale
    of the inputs (Sub, Div), then a Gemm per layer (MatMul without biases)
    and its activation (Sigmoid, Tanh, Relu, Softmax on the last axis), then
    a regression's scale of the outcome (Mul, Add). The class labels and
    the feature names are in the model's metadata ("classes",
    "feature_names", as JSON). Numbers are float32, or float64 with
    `float64`; onnxruntime then predicts what the model does within 1e-6
    (float32) or 1e-12 (float64). Needs the onnx package.
    """
    check_peer(model, "onnx")
    path = check_path(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        abort('`path` must be in an existing folder; "%s" does not exist.', os.path.dirname(path), arg="path")
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    dtype = np.float64 if float64 else np.float32
    elem = TensorProto.DOUBLE if float64 else TensorProto.FLOAT
    nodes: list = []
    weights: list = []

    def node(op: str, inputs: list, name: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def const(name: str, value: Any) -> str:
        weights.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    s = model.settings_
    x = "X"
    if model.scale_ is not None:
        x = node("Sub", [x, const("center", np.ravel(model.scale_["center"]))], "centered")
        x = node("Div", [x, const("scale", np.ravel(model.scale_["scale"]))], "scaled")
    for i, (layer, name) in enumerate(zip(model.layers_, [*s["activation"], s["output_activation"]]), start=1):
        W = const("W%d" % i, layer["W"])
        if layer["b"] is None:
            x = node("MatMul", [x, W], "z%d" % i)
        else:
            x = node("Gemm", [x, W, const("b%d" % i, layer["b"][0])], "z%d" % i)
        op = peer_name(name, "onnx")
        if op is not None:
            x = node(op, [x], "a%d" % i, **({"axis": -1} if ACTIVATIONS[name].rowwise else {}))
    if model.target_scale_ is not None:
        x = node("Mul", [x, const("target_scale", np.ravel(model.target_scale_["scale"]))], "unscaled")
        x = node("Add", [x, const("target_center", np.ravel(model.target_scale_["center"]))], "uncentered")
    node("Identity", [x], "output")
    graph = helper.make_graph(nodes, "nnscratch", [helper.make_tensor_value_info("X", elem, [None, s["n_input"]])],
                              [helper.make_tensor_value_info("output", elem, [None, s["n_output"]])], weights)
    from . import __version__

    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET)], producer_name="nnscratch",
                                   producer_version=__version__)
    onnx_model.ir_version = ONNX_IR_VERSION
    props = {}
    if model.classes_ is not None:
        props["classes"] = json.dumps(np.asarray(model.classes_).tolist())
    if getattr(model, "feature_names_in_", None) is not None:
        props["feature_names"] = json.dumps([str(v) for v in model.feature_names_in_])
    helper.set_model_props(onnx_model, props)
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, path)
    return path

