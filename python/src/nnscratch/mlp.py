"""The estimators: MLPClassifier, MLPRegressor and MLP. Twin of R/mlp.R (mlp() and its methods).

They follow scikit-learn's conventions without depending on scikit-learn:
hyper-parameters are attributes set in ``__init__`` and nowhere else,
``get_params``/``set_params`` read and write them, ``fit`` learns the
attributes that end in ``_`` (through `set_fitted`, the one constructor of a
fitted model, which `load_model` calls too), and ``sklearn.base.clone`` and
``sklearn.pipeline.Pipeline`` work with them. pandas is optional too: a
DataFrame or Series is accepted, and the predictions of a DataFrame keep
its index.

Their parameters, defaults and rules are the parameter table's (params.py):
`MLPClassifier` and `MLPRegressor` take its "default" column, chosen to
learn a real data set on the first try; `MLP` takes its "article" column,
the article's network, and reads its outcome as it always has.

As in R/mlp.R, ``fit`` is the bridge: every argument is checked there,
once, and ``train_impl`` then trusts them.
"""

from __future__ import annotations

import functools
import inspect
import sys
from typing import Any, TextIO

import numpy as np

from . import activations, kernels, losses
from .activations import ACTIVATIONS
from .errors import NnscratchError, abort, describe, describe_setting, is_pandas, label_text, must
from .init import check_scheme_seed
from .layers import forward_layers, hidden_sizes, to_article
from .params import AUTO, PARAMS, check_names, check_settings
from .predictions import output_classes, output_probabilities, r_squared
from .printing import mlp_html, mlp_repr
from .samples import apply_scale, balanced_weights, class_of_row, fit_scale
from .schemes import draw_layers
from .train import SETTINGS, check_stopping, held_out, train_impl, uses_random
from .validate import (
    as_numeric_matrix,
    check_loss,
    check_network,
    check_run_memory,
    check_seed,
    check_weights,
    check_y,
    n_traced,
    trace_epochs,
)

# What an estimator is for: classes, numbers, or (MLP) whatever its outcome
# and output say.
CLASSIFIER, REGRESSOR, EITHER = "classifier", "regressor", "either"


def estimator_signature(column: str, self: bool = False) -> inspect.Signature:
    """Return the signature of an estimator (with `self`, of its __init__): every parameter of the table, with the
    `column`'s default."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)] if self else []
    params += [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=getattr(p, column))
               for p in PARAMS]
    return inspect.Signature(params)


def parameters_doc(column: str) -> str:
    """Return the Parameters section of an estimator's docstring, from the table."""
    lines = ["Parameters", "----------"]
    for p in PARAMS:
        lines += ["%s : default %r" % (p.name, getattr(p, column)), "    %s." % (p.help[0].upper() + p.help[1:])]
    return "\n    ".join(lines)


class Estimator:
    """What the three estimators share; see `MLPClassifier`."""

    # the table's column of defaults, and the estimator's role
    column = "default"
    role = EITHER
    __signature__ = estimator_signature("default")
    # the fitted attributes, which `set_fitted` sets
    layers_: list
    settings_: dict
    loss_curve_: np.ndarray
    n_epochs_: int
    history_: dict
    state_: dict
    stopped_: str | None
    trace_: list
    n_features_in_: int
    feature_names_in_: np.ndarray
    classes_: np.ndarray | None
    outcome_names_: list | None
    scale_: dict | None
    target_scale_: dict | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        bound = type(self).__signature__.bind(*args, **kwargs)
        bound.apply_defaults()
        for name, value in bound.arguments.items():
            setattr(self, name, value)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__signature__ = estimator_signature(cls.column)

        # scikit-learn reads the parameters from __init__'s signature, so
        # each estimator has an __init__ of its own that carries them
        def __init__(self: Estimator, *args: Any, **kwargs: Any) -> None:
            Estimator.__init__(self, *args, **kwargs)

        __init__.__signature__ = estimator_signature(cls.column, self=True)  # type: ignore[attr-defined]
        __init__.__doc__ = "Set the hyper-parameters; see the class's Parameters."
        cls.__init__ = __init__  # type: ignore[method-assign]
        cls.__doc__ = (cls.__doc__ or "").replace("%(parameters)s", parameters_doc(cls.column))

    def get_params(self, deep: bool = True) -> dict:
        """Return the hyper-parameters as a dict; `deep` is accepted and changes nothing (no sub-estimators)."""
        return {p.name: getattr(self, p.name) for p in PARAMS}

    def set_params(self, **params: Any) -> Estimator:
        """Set hyper-parameters by name and return the estimator; they are checked in `fit`."""
        check_names(params)
        for name, value in params.items():
            setattr(self, name, value)
        return self

    # ---- fitting ----

    def fit(self, X: Any, y: Any, sample_weight: Any = None, validation_data: Any = None,
            feature_names: Any = None) -> Any:
        """Draw initial weights (or take `init`, or with `warm_start` the previous fit's) and train.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)
            Numeric inputs, one row per sample.
        y : array_like or Series or DataFrame or Categorical, shape (n,) or (n, o)
            Class labels (a classifier), numbers (a regressor), or for `MLP`
            either (see its Notes).
        sample_weight : array_like, shape (n,), optional
            A weight >= 0 per sample: its loss counts that many times (R:
            `weights`).
        validation_data : (X, y) or (X, y, sample_weight), optional
            A validation set to watch after every epoch, instead of holding
            out `validation` of the samples.
        feature_names : sequence of str, optional
            The names of X's columns, when X is not a DataFrame.

        Returns
        -------
        self
            The estimator, fitted.
        """
        return self.fit_epochs(X, y, sample_weight, validation_data, feature_names, None,
                               continuing=self.get_params()["warm_start"])

    def partial_fit(self, X: Any, y: Any, classes: Any = None, sample_weight: Any = None) -> Any:
        """Train one more epoch on X and y, from where the last fit or partial_fit stopped.

        The first call starts a fit (a classifier needs `classes`, every
        label it will see); calling it k times gives, bit for bit, the fit
        of k epochs.
        """
        return self.fit_epochs(X, y, sample_weight, None, None, classes, continuing=True, epochs=1)

    @kernels.quiet
    def fit_epochs(self, X: Any, y: Any, sample_weight: Any, validation_data: Any, names: Any, classes: Any,
                   continuing: bool, epochs: int | None = None) -> Any:
        p = self.get_params()
        previous = self if continuing and hasattr(self, "state_") else None
        ctx = {"auto": True}
        s = check_settings({k: v for k, v in p.items() if k not in ("batch_size", "init")}, ctx)
        if s["layout"] == "columns":
            X = np.asarray(X).T
            if np.ndim(y) == 2:
                y = np.asarray(y).T
        names = feature_names(X) if names is None else np.asarray([str(n) for n in names], dtype=object)
        outcome = outcome_names(y)
        if outcome is None and previous is not None:
            outcome = getattr(previous, "outcome_names_", None)
        X = as_numeric_matrix(X, "X")
        if previous is not None:
            classes = previous.classes_
            check_n_features(X, previous.n_features_in_, "X")
        out = read_outcome(self.role, y, X.shape[0], s, classes)
        y, classes = out["y"], out["classes"]
        s["output_activation"], s["loss"] = out["output_activation"], out["loss"]
        y = check_y(y, X, s["output_activation"])
        check_loss(s["loss"], s["output_activation"], y.shape[1])
        w = row_weights(check_weights(sample_weight, X.shape[0], "sample_weight"), s["class_weight"], y, classes)
        scale = previous.scale_ if previous is not None else fit_scale(s["scale"], X, w, s["exact"])
        # a regression's outcome is scaled as its inputs are, and predict scales it back
        regression = not ACTIVATIONS[s["output_activation"]].probability
        target_scale = previous.target_scale_ if previous is not None else (
            fit_scale(s["scale"], y, w, s["exact"]) if regression else None)
        y = apply_scale(y, target_scale)
        valid = validation_set(validation_data, self.role, s, classes, scale, target_scale, X.shape[1])
        check_stopping(s, valid)
        held = held_out(y, s["validation"]) if valid is None else 0
        s["batch_size"] = check_settings({"batch_size": p["batch_size"]}, {"n": X.shape[0] - held, "auto": True})[
            "batch_size"]
        if epochs is not None:
            s["epochs"] = epochs
        check_run_memory(X.shape[0], X.shape[1], s["hidden"], y.shape[1], s["epochs"],
                         n_traced(s["epochs"], s["trace_every"], None))
        Xs = apply_scale(X, scale)
        if previous is not None:
            layers, state = previous.layers_, previous.state_
            check_same_network(previous, s, y.shape[1])
        else:
            layers, state = initial_layers(p["init"], s, X.shape[1], y.shape[1]), None
            if uses_random(s, X.shape[0] - held, valid):
                s["seed"] = check_seed(s["seed"])
        fit = train_impl(layers, Xs, y, s, trace_epochs(s["epochs"], s["trace_every"], None), w, valid, state,
                         s["verbose"], s["progress"], s["record_gradients"])
        if previous is not None:
            fit = joined_fit(previous, fit)
        set_fitted(self, fit, s, classes, names, scale, target_scale, outcome)
        return self

    # The article's names of a fitted network of one hidden layer.
    wh_ = property(lambda self: self.article_()["wh"])
    bh_ = property(lambda self: self.article_()["bh"])
    wout_ = property(lambda self: self.article_()["wout"])
    bout_ = property(lambda self: self.article_()["bout"])

    def article_(self) -> dict:
        # AttributeError, so that hasattr() and getattr(..., default) work
        if len(getattr(self, "layers_", ())) != 2:
            raise AttributeError("wh_, bh_, wout_ and bout_ are the weights of a network of one hidden layer; see layers_")
        return to_article(self.layers_)

    def __sklearn_is_fitted__(self) -> bool:
        """Whether `fit` has run; scikit-learn's ``check_is_fitted`` asks this."""
        return hasattr(self, "layers_")

    def fitted_layers(self) -> list:
        """Return the trained layers; `NotFittedError` if the model is not fitted."""
        if not hasattr(self, "layers_"):
            raise not_fitted_error()(NOT_FITTED)
        return self.layers_

    def is_regression(self) -> bool:
        """Whether the model predicts numbers: a regressor, or an MLP whose output is not of probabilities."""
        if self.role != EITHER:
            return self.role == REGRESSOR
        return not ACTIVATIONS[self.settings_["output_activation"]].probability

    # ---- predictions ----

    def output_(self, X: np.ndarray) -> np.ndarray:
        """Return the network's output for the checked matrix X, in the outcome's units."""
        s = self.settings_
        output = forward_layers(self.fitted_layers(), X, s["activation"], s["output_activation"], s["exact"])["a"][-1]
        return unscaled(output, self.target_scale_)

    @kernels.quiet
    def predict_raw(self, X: Any) -> Any:
        """Return the network's outputs, R's ``predict(type = "raw")``.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)
            Numeric inputs; a DataFrame holding the training columns is
            read by column name.

        Returns
        -------
        ndarray or DataFrame, shape (n, o)
            A DataFrame with the index of X when X is one; its columns are
            the classes when each class has an output, or the outcome's
            names (``outcome_names_``; see `coef`).

        A row holding NaN is an error, as in R's matrix and data frame fits
        (R's formula fits predict NA for it; Python has no formula).
        """
        self.fitted_layers()
        output = self.output_(mlp_newdata(self, X))
        return as_frame(output, X, named_outputs(self))

    @kernels.quiet
    def predict(self, X: Any) -> Any:
        """Return the class of each row (R's ``predict(type = "class")``), or for a regression its predicted numbers.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)

        Returns
        -------
        ndarray or Series, shape (n,) (a regression of several outputs: (n, o))
            Labels from ``classes_`` when y was labels in `fit`, else 0/1 for
            one output or the 0-based index of the largest output. A Series
            (or a DataFrame) with the index of X when X is a DataFrame; a
            regression's is named by the outcome (``outcome_names_``).

        A row holding NaN is an error, as in R's matrix and data frame fits
        (R's formula fits predict NA for it; Python has no formula).
        """
        self.fitted_layers()
        output = self.output_(mlp_newdata(self, X))
        if self.is_regression():
            values = output[:, 0] if output.shape[1] == 1 else output
            names = named_outputs(self)
            if values.ndim == 2:
                return as_frame(values, X, names)
            return as_series(values, X, names[0] if names is not None else None)
        return as_series(output_classes(output, self.classes_), X)

    @kernels.quiet
    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Return the accuracy of `predict` on X (n, p) against y; for a regression, R^2.

        For classes, y is turned into classes as in `fit`: labels stay
        labels, numeric targets go through the same threshold or arg-max as
        the outputs.
        """
        if y is None:
            abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).", arg="y")
        predicted = np.asarray(self.predict(X))
        w = check_weights(sample_weight, predicted.shape[0], "sample_weight")
        if self.is_regression():
            truth = as_numeric_matrix(y, "y", vector_ok=True)
            if truth.shape[0] != predicted.shape[0]:
                abort("`y` must have as many rows as `X` (%d), not %d.", predicted.shape[0], truth.shape[0], arg="y")
            return float(r_squared(truth, predicted.reshape(truth.shape), w))
        if self.classes_ is not None:
            truth = np.asarray(y).ravel()
        else:
            truth = output_classes(as_numeric_matrix(y, "y", vector_ok=True), None)
        if truth.shape[0] != predicted.shape[0]:
            abort("`y` must have as many rows as `X` (%d), not %d.", predicted.shape[0], truth.shape[0], arg="y")
        right = (predicted == truth).astype(np.float64)
        return float(np.mean(right) if w is None else np.sum(right * w[:, 0]) / np.sum(w))

    def coef(self) -> dict:
        """Return the trained weights named as nnet names them, as R's coef() does.

        For each hidden neuron ``hj``, its bias ``b->hj`` and its weights
        from the inputs, named by the inputs' names when the model has
        them (``i1->hj``, ... otherwise); then for each output its bias and
        its weights ``h1->...``, .... An output is named by its class when
        each class has an output, else by the outcome's name when the fit
        knows it (a pandas Series' name or a DataFrame's columns, given as
        y), else ``o1``, ``o2``, ....
        """
        layers = self.fitted_layers()
        inputs = getattr(self, "feature_names_in_", None)
        outputs = output_names(self)
        named = {}
        for depth, layer in enumerate(layers):
            last = depth == len(layers) - 1
            w, b = layer["W"], layer["b"]
            for j in range(w.shape[1]):
                target = outputs[j] if last else "%s%d" % (hidden_name(depth + 1, len(layers)), j + 1)
                if b is not None:
                    named["b->%s" % target] = float(b[0, j])
                for i in range(w.shape[0]):
                    source = (str(inputs[i]) if inputs is not None else "i%d" % (i + 1)) if depth == 0 else \
                        "%s%d" % (hidden_name(depth, len(layers)), i + 1)
                    named["%s->%s" % (source, target)] = float(w[i, j])
        return named

    def summary(self, digits: int = 4, out: TextIO | None = None) -> Summary:
        """Return the architecture, the training and the weights grouped by the neuron they feed, as R's summary().

        The result is a dict, as R's is a list: ``settings`` (the fitted
        settings), ``classes``, ``loss`` (the first and last epochs') and
        ``weights``, one dict of named weights per receiving neuron. It
        prints as R prints its summary, character for character: each
        neuron's weights as R prints a named vector, rounded to `digits`
        decimals. With `out`, the text is also written there.
        """
        neurons: dict = {}
        for name, value in self.coef().items():
            neurons.setdefault(name.split("->")[1], {})[name] = value
        loss = self.loss_curve_
        result = Summary(
            settings=dict(self.settings_), classes=self.classes_, loss=np.array([loss[0], loss[-1]]), weights=neurons,
        )
        result.digits = digits
        if out is not None:
            out.write(result.text())
        return result

    def __sklearn_tags__(self) -> Any:
        # Only scikit-learn calls this, so scikit-learn is there to import.
        from sklearn.utils import (  # type: ignore[import-untyped, unused-ignore]
            ClassifierTags,
            InputTags,
            RegressorTags,
            Tags,
            TargetTags,
        )

        regressor = self.role == REGRESSOR
        return Tags(
            estimator_type="regressor" if regressor else "classifier",
            target_tags=TargetTags(required=True, single_output=True, multi_output=regressor),
            classifier_tags=None if regressor else ClassifierTags(),
            regressor_tags=RegressorTags() if regressor else None,
            input_tags=InputTags(),
        )

    def __repr__(self) -> str:
        return mlp_repr(self)

    def _repr_html_(self) -> str | None:
        return mlp_html(self)


class Classifying(Estimator):
    """The methods of an estimator of classes: probabilities and decision scores (a regressor has neither)."""

    @kernels.quiet
    def predict_proba(self, X: Any) -> Any:
        """Return the probability of each class, R's ``predict(type = "prob")``.

        Rows sum to 1; see `nnscratch.predictions.output_probabilities` for
        how the outputs become probabilities. A DataFrame with the index of
        X when X is one, its columns ``classes_`` when there are some.
        """
        self.fitted_layers()
        if self.is_regression():
            abort("Probabilities are for classes; this model is a regression, whose predictions are numbers.",
                  arg="type")
        output = output_probabilities(self.output_(mlp_newdata(self, X)), self.settings_["output_activation"])
        return as_frame(output, X, self.classes_)

    @kernels.quiet
    def decision_function(self, X: Any) -> Any:
        """Return scikit-learn's decision scores: the output layer's input, less predict's threshold.

        Shape (n,) for one output, where a score > 0 is the second class;
        (n, o) for several, whose arg-max is the class. For a sigmoid output
        the score is z, the log-odds. R has no twin; ``qlogis(predict(fit,
        type = "raw"))`` gives it for a sigmoid output.
        """
        layers = self.fitted_layers()
        if self.is_regression():
            abort("Decision scores are for classes; this model is a regression, whose predictions are numbers.",
                  arg="type")
        s = self.settings_
        z = forward_layers(layers, mlp_newdata(self, X), s["activation"], s["output_activation"], s["exact"])["z"][-1]
        return z if z.shape[1] > 1 else z[:, 0]


class MLPClassifier(Classifying):
    """A network that learns classes, with defaults that learn a real data set on the first try.

    The defaults are scikit-learn's MLPClassifier's: 100 relu units, Adam
    at lr 0.001 on mini-batches of min(200, n), the mean log-loss with
    decay 1e-4, scikit-learn's initial weights, at most 200 epochs and a
    stop when the loss has not improved by 1e-4 for 10 epochs; and, as
    brulee does, the inputs standardized inside the model. Two classes are
    one sigmoid output, more a softmax output.

    %(parameters)s

    Attributes
    ----------
    layers_ : list of dict
        The trained layers, ``{"W": (fan_in, fan_out), "b": (1, fan_out) or
        None}``, from the input to the output.
    settings_ : dict
        The settings the model was fitted with, the outcome's choices
        resolved; readers such as `summary` and `save_model` take these,
        not the current hyper-parameters.
    classes_ : ndarray
        The class labels seen in `fit`, sorted, or in the order of a
        Categorical's categories (R: a factor's levels).
    scale_ : dict or None
        The inputs' scale, ``{"center", "scale"}``, applied in predict.
    loss_curve_ : ndarray
        The loss of each epoch.
    history_ : dict
        The validation loss and score and the learning rate of each epoch.
    n_epochs_ : int
        The number of epochs trained.
    n_features_in_, feature_names_in_
        As scikit-learn's.
    outcome_names_ : list of str or None
        The outcome's names, from a pandas y (a Series' name, a
        DataFrame's columns), which name the outputs in `coef`, `summary`,
        the network diagram and the predictions; None when y had none.
    """

    column = "default"
    role = CLASSIFIER
    # Read by older scikit-learn's is_classifier(); newer versions ask
    # __sklearn_tags__.
    _estimator_type = "classifier"


class MLPRegressor(Estimator):
    """A network that learns numbers, with defaults that learn a real data set on the first try.

    The defaults are scikit-learn's MLPRegressor's (100 relu units, Adam on
    mini-batches, half the mean squared error with decay 1e-4), with the
    inputs standardized inside the model as brulee does. The output is the
    identity; `predict` returns numbers and `score` is R^2.

    %(parameters)s

    Attributes
    ----------
    layers_, settings_, scale_, loss_curve_, history_, n_epochs_, outcome_names_
        As `MLPClassifier`'s.
    """

    column = "default"
    role = REGRESSOR
    _estimator_type = "regressor"


class MLP(Classifying):
    """The article's network as a scikit-learn style estimator: its defaults are the article's.

    Every setting of `MLPClassifier` can be given, with the article's
    values as defaults (3 sigmoid units, lr 0.1 on the summed loss, 5000
    full-batch epochs, unscaled inputs).

    %(parameters)s

    Notes
    -----
    Outcomes, as R's ``mlp()`` with a sigmoid output. A 1-D y of floats, or
    a 2-D y, is the network's target, shape (n, o), in [0, 1] unless the
    output is the identity (a regression). A 1-D y of anything else
    (strings, booleans, integers, a pandas Categorical) is a set of class
    labels; ``classes_`` keeps them, sorted, or in the order of the
    categories of a Categorical (R: the levels of a factor). Two classes
    are one output that is 1 for the second class; k > 2 classes are k
    one-hot outputs.

    Predictions, with R's ``predict(type = ...)`` alongside:

    * ``predict_raw`` is the network's output (R: ``"raw"``), shape (n, o).
    * ``predict_proba`` is the probability of each class (R: ``"prob"``).
    * ``predict`` is the class (R: ``"class"``): the threshold 0.5 for one
      output, the arg-max for several, mapped to ``classes_`` when y was
      labels; with an identity output, the outputs themselves.

    Examples
    --------
    >>> from nnscratch import MLP, load_scenario
    >>> s = load_scenario("article")
    >>> model = MLP(hidden=3, lr=0.1, epochs=5000, init=s["init"]).fit(s["X"], s["y"])
    >>> model.predict_raw(s["X"]).round(2).ravel().tolist()
    [0.98, 0.97, 0.05]
    >>> model.predict(s["X"]).tolist()
    [1, 1, 0]
    """

    column = "article"
    role = EITHER
    _estimator_type = "classifier"


NOT_FITTED = "This model is not fitted yet: call `fit` (R: `mlp()`) before predicting."


def set_fitted(model: Estimator, fit: dict, s: dict, classes: Any, names: Any, scale: Any,
               target_scale: Any = None, outcome_names: Any = None) -> Estimator:
    """Set the fitted attributes of `model` from a `train_impl` result and what the bridge found: the one place
    where a fitted model is built (`fit`, `load_model` and the command line come here)."""
    layers = fit["params"]
    settings = {"n_input": layers[0]["W"].shape[0], "hidden": hidden_sizes(layers), "n_output": layers[-1]["W"].shape[1],
                "bias": layers[0]["b"] is not None, "scheme": s["scheme"], "scale": s["scale"],
                "class_weight": s["class_weight"], **{k: fit["settings"][k] for k in SETTINGS}}
    model.layers_ = layers
    model.settings_ = settings
    model.loss_curve_ = np.asarray(fit["loss"], dtype=np.float64)
    model.n_epochs_ = len(model.loss_curve_)
    model.history_ = fit["history"]
    model.state_ = fit["state"]
    model.stopped_ = fit["stopped"]
    model.trace_ = fit["trace"]
    model.n_features_in_ = settings["n_input"]
    model.classes_ = classes
    model.outcome_names_ = None if outcome_names is None else [str(n) for n in outcome_names]
    model.scale_ = scale
    model.target_scale_ = target_scale
    if names is not None:
        model.feature_names_in_ = np.asarray(names, dtype=object)
    elif hasattr(model, "feature_names_in_"):
        del model.feature_names_in_
    return model


def read_outcome(role: str, y: Any, n: int, s: dict, classes: Any = None) -> dict:
    """Return the targets, the classes and the output and loss that the outcome calls for.

    A classifier reads y as labels; a regressor as numbers; MLP as labels
    when they are not floats, as numbers otherwise. "auto" chooses the
    output and the loss: for two classes a sigmoid output (softmax: two
    outputs), for more a softmax, with the log-loss; for numbers the
    identity and half the mean squared error.
    """
    if y is None:
        abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).", arg="y")
    if role == CLASSIFIER:
        check_not_continuous(y)
    labels = as_labels(y, n, classes) if role == CLASSIFIER or (role == EITHER and is_labels(y)) else None
    if labels is None:
        output = s["output_activation"] if s["output_activation"] != AUTO else activations.REGRESSION_OUTPUT
        loss = s["loss"] if s["loss"] != AUTO else losses.REGRESSION
        return {"y": y, "classes": None, "output_activation": output, "loss": loss}
    codes, classes = labels
    if s["output_activation"] != AUTO:
        output = s["output_activation"]
    else:
        output = activations.BINARY_OUTPUT if len(classes) == 2 else activations.MULTICLASS_OUTPUT
    loss = s["loss"] if s["loss"] != AUTO else losses.CLASSIFICATION
    onehot = (codes[:, None] == np.arange(len(classes))[None, :]).astype(np.float64)
    if len(classes) == 2 and not ACTIVATIONS[output].rowwise:
        onehot = onehot[:, 1:]
    return {"y": onehot, "classes": classes, "output_activation": output, "loss": loss}


def is_labels(y: Any) -> bool:
    """Whether MLP reads y as class labels: a 1-D y of strings, booleans or other objects, or a Categorical.

    Numbers, integers included, are targets, as R's mlp() reads a numeric
    vector; `MLPClassifier` takes integers as labels, as scikit-learn does.
    """
    if is_pandas(y) and getattr(y, "ndim", 1) == 2 and y.shape[1] == 1:
        y = y.iloc[:, 0]
    if is_pandas(y) and str(getattr(y, "dtype", "")) == "category":
        return True
    a = np.asarray(y)
    return a.ndim == 1 and a.dtype.kind not in "fciu"


def check_not_continuous(y: Any) -> None:
    """A classifier's labels may be numbers, but whole ones: a fraction means a regression's target."""
    a = np.asarray(y) if not is_pandas(y) else np.asarray(y.to_numpy())
    if a.dtype.kind == "f":
        fractions = a[np.isfinite(a) & (a != np.round(a))]
        if len(fractions):
            abort("`y` must be class labels, not continuous numbers such as %s; for numbers, use a regressor.",
                  describe(fractions.ravel()[0]), arg="y")


def as_labels(y: Any, n: int, known: Any = None) -> tuple:
    """Return (codes, classes): each sample's 0-based class and the classes, sorted or in a Categorical's order.

    `known` gives the classes (partial_fit, a continued fit); a label
    outside them is an error.
    """
    categories = None
    if is_pandas(y):
        if getattr(y, "ndim", 1) == 2 and y.shape[1] == 1:
            y = y.iloc[:, 0]
        if str(getattr(y, "dtype", "")) == "category":
            # a Series has .cat.categories, a Categorical .categories
            categories = np.asarray(y.cat.categories if hasattr(y, "cat") else y.categories)
    a = np.asarray(y)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 1:
        abort("`y` must be one class label per sample, not a %s array.", " x ".join(map(str, a.shape)), arg="y")
    if a.dtype == bool:
        # a logical y's classes are FALSE and TRUE, as in R, even when one is not seen
        categories = np.array([False, True])
    if a.shape[0] != n:
        abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0], arg="y")
    missing = [i for i, v in enumerate(a.tolist()) if v is None or (isinstance(v, float) and np.isnan(v))]
    if missing:
        abort("`y` must not contain NA; found NA at row %d.", missing[0] + 1, arg="y")
    classes = np.asarray(known) if known is not None else categories if categories is not None else np.unique(a)
    if len(classes) < 2:
        abort("`y` must have at least two classes, not %d class.", len(classes), arg="y")
    lookup = {v: i for i, v in enumerate(classes.tolist())}
    unknown = [v for v in a.tolist() if v not in lookup]
    if unknown:
        abort("`y` must hold only the classes %s; it has %s.", ", ".join(label_text(c) for c in classes),
              label_text(unknown[0]), arg="y")
    return np.array([lookup[v] for v in a.tolist()], dtype=np.int64), classes


def row_weights(w: np.ndarray | None, class_weight: Any, y: np.ndarray, classes: Any) -> np.ndarray | None:
    """Return each sample's weight: its sample weight times its class's weight (1 without either)."""
    if class_weight is None:
        return w
    if classes is None:
        abort("`class_weight` is for classes; this outcome is numbers.", arg="class_weight")
    if isinstance(class_weight, str):
        per_class = balanced_weights(y)
    else:
        labels = [label_text(c) for c in classes]
        unknown = [str(k) for k in class_weight if label_text(k) not in labels]
        if unknown:
            abort('`class_weight` names the class "%s", which `y` does not have; its classes are %s.', unknown[0],
                  ", ".join(labels), arg="class_weight")
        given = {label_text(k): v for k, v in class_weight.items()}
        per_class = np.array([given.get(c, 1.0) for c in labels])
    cw = per_class[class_of_row(y)].reshape(-1, 1)
    return cw if w is None else w * cw


def validation_set(data: Any, role: str, s: dict, classes: Any, scale: Any, target_scale: Any,
                   p: int) -> tuple | None:
    """Return a given validation set (X, y, weights) as training sees it: scaled, its labels as targets."""
    if data is None:
        return None
    if not isinstance(data, (list, tuple)) or len(data) not in (2, 3):
        must("validation_data", "NULL or a list of `X` and `y` (and their weights)", data)
    Xv = as_numeric_matrix(data[0], "validation_data X")
    if Xv.shape[1] != p:
        abort("`validation_data` must have %d columns of X, as the training data has, not %d.", p, Xv.shape[1],
              arg="validation_data")
    yv = read_outcome(role if classes is None else CLASSIFIER, data[1], Xv.shape[0], s, classes)["y"]
    yv = check_y(yv, Xv, s["output_activation"], "validation_data y")
    wv = check_weights(data[2], Xv.shape[0], "validation_data weights") if len(data) == 3 else None
    return apply_scale(Xv, scale), apply_scale(yv, target_scale), wv


def unscaled(output: np.ndarray, scale: Any) -> np.ndarray:
    """Return a regression's outputs in the outcome's units: output * scale + center; as they are without a scale."""
    if scale is None:
        return output
    return output * np.asarray(scale["scale"], dtype=np.float64) + np.asarray(scale["center"], dtype=np.float64)


def initial_layers(init: Any, s: dict, p: int, o: int) -> list:
    """Return the layers training starts from: `init` when given (it must fit `hidden` and `bias`), else drawn."""
    if init is None:
        seed = check_scheme_seed(s["seed"], s["scheme"])
        return draw_layers(s["scheme"], [p, *s["hidden"], o], seed, s["bias"], s["activation"])
    layers, _ = check_network(init, p, o, arg="init")
    sizes = hidden_sizes(layers)
    if sizes != s["hidden"]:
        abort("`init` must have hidden layers of %s neurons, as `hidden` says, not %s.",
              ", ".join(map(str, s["hidden"])), ", ".join(map(str, sizes)), arg="init")
    if any((layer["b"] is None) == s["bias"] for layer in layers):
        abort("`init` must %s biases, as `bias` is %s.", "have" if s["bias"] else "not have",
              "TRUE" if s["bias"] else "FALSE", arg="init")
    return layers


def check_same_network(previous: Estimator, s: dict, o: int) -> None:
    """A fit can only go on with the network and optimizer it was trained with."""
    fitted = previous.settings_
    if list(s["hidden"]) != list(fitted["hidden"]) or o != fitted["n_output"]:
        abort("`hidden` must be %s, the hidden layers of the fit being continued, not %s.",
              ", ".join(map(str, fitted["hidden"])), ", ".join(map(str, s["hidden"])), arg="hidden")
    for name in ("optimizer", "activation", "output_activation", "loss", "bias"):
        if s[name] != fitted[name]:
            abort("`%s` must be %s, as in the fit being continued, not %s.", name, describe_setting(fitted[name]),
                  describe_setting(s[name]), arg=name)


def joined_fit(previous: Estimator, fit: dict) -> dict:
    """Return a continued fit's result with the loss and history of the fit it went on from before its own."""
    history = {}
    for name, value in fit["history"].items():
        before = previous.history_.get(name)
        history[name] = value if before is None or value is None else np.concatenate([before, value])
    return {**fit, "loss": np.concatenate([previous.loss_curve_, fit["loss"]]), "history": history,
            "settings": {**fit["settings"], "epochs": previous.settings_["epochs"] + fit["settings"]["epochs"]}}


def output_names(model: Estimator) -> list:
    """Return the names of the outputs: those of `named_outputs`, else "o1", ...."""
    names = named_outputs(model)
    return names if names is not None else ["o%d" % (k + 1) for k in range(model.settings_["n_output"])]


def named_outputs(model: Estimator) -> list | None:
    """Return the outputs' names when the fit has them: the classes for one-hot classes, else the outcome's names;
    None otherwise."""
    o = model.settings_["n_output"]
    classes = model.classes_
    outcome = getattr(model, "outcome_names_", None)
    if classes is not None and len(classes) == o:
        return [label_text(c) for c in classes]
    if outcome is not None and len(outcome) == o:
        return list(outcome)
    return None


class Summary(dict):
    """What `MLP.summary` returns: a dict that prints as R's summary() prints."""

    digits = 4

    def text(self) -> str:
        s = self["settings"]
        n_weights = sum(len(w) for w in self["weights"].values())
        lines = "a %s network with %d weights\n" % (architecture(s), n_weights)
        lines += "trained for %d epochs at lr = %s; loss %s at epoch 1, %s at the last\n" % (
            s["epochs"], format(float(s["lr"]), ".15g"), format_g6(self["loss"][0]), format_g6(self["loss"][1]))
        if self["classes"] is not None:
            lines += "classes: %s\n" % ", ".join(label_text(c) for c in self["classes"])
        return lines + "".join(format_named(w, self.digits) for w in self["weights"].values())

    def __repr__(self) -> str:
        return self.text().rstrip("\n")


def architecture(settings: dict) -> str:
    """Return the layer sizes as "p-h1-...-o", and the activations when they are not the article's."""
    sizes = "-".join(str(n) for n in [settings["n_input"], *settings["hidden"], settings["n_output"]])
    names = [*settings["activation"], settings["output_activation"]]
    if any(a != activations.ARTICLE for a in names):
        sizes += " (%s)" % ", ".join(names)
    return sizes


def hidden_name(depth: int, n_layers: int) -> str:
    """Return the prefix of the neurons of hidden layer `depth` (from 1): nnet's "h" with one hidden layer, "h<depth>_" with several."""
    return "h" if n_layers == 2 else "h%d_" % depth


class NotFittedError(NnscratchError, AttributeError):
    """The model is not fitted yet (R: an error of class ``nnscratch_not_fitted``).

    A ValueError and an AttributeError, as scikit-learn's NotFittedError is;
    when scikit-learn is loaded, the error raised is also an instance of
    scikit-learn's (see `not_fitted_error`).
    """


@functools.lru_cache(maxsize=None)
def sklearn_not_fitted(base: type) -> type:
    return type("NotFittedError", (NotFittedError, base), {"__module__": __name__, "__doc__": NotFittedError.__doc__})


def not_fitted_error() -> type:
    """Return the class to raise for an unfitted model.

    `NotFittedError`, and when scikit-learn has already been imported by the
    caller, a subclass of both it and scikit-learn's NotFittedError, so that
    scikit-learn's checks recognise it. nnscratch never imports scikit-learn
    itself.
    """
    exceptions = sys.modules.get("sklearn.exceptions")
    base = getattr(exceptions, "NotFittedError", None)
    return sklearn_not_fitted(base) if isinstance(base, type) else NotFittedError


def as_series(values: np.ndarray, X: Any, name: Any = None) -> Any:
    """Return `values` as a Series with the index of X (and `name`) when X is a pandas object, else as they are."""
    if not is_pandas(X):
        return values
    import pandas as pd

    return pd.Series(values, index=X.index, name=name)


def as_frame(values: np.ndarray, X: Any, columns: Any) -> Any:
    """Return `values` as a DataFrame with the index of X when X is a pandas object, else as they are."""
    if not is_pandas(X):
        return values
    import pandas as pd

    return pd.DataFrame(values, index=X.index, columns=columns)


def outcome_names(y: Any) -> list | None:
    """The outcome's names, as R's mlp() keeps a formula's response or the columns of y: a pandas Series' name, or
    a DataFrame's columns, when they are strings; None otherwise."""
    if not is_pandas(y):
        return None
    names = list(y.columns) if hasattr(y, "columns") else [getattr(y, "name", None)]
    return [str(n) for n in names] if all(isinstance(n, str) and n for n in names) else None


def feature_names(X: Any) -> np.ndarray | None:
    """The column names of a DataFrame, as scikit-learn's ``feature_names_in_``: only when they are all strings; None otherwise."""
    if is_pandas(X) and hasattr(X, "columns") and all(isinstance(c, str) for c in X.columns):
        return np.asarray(list(X.columns), dtype=object)
    return None


def mlp_newdata(model: Estimator, X: Any) -> np.ndarray:
    """Turn X into the matrix the network was trained on: by column name for a
    DataFrame holding the training columns, by position otherwise."""
    model.fitted_layers()
    names = getattr(model, "feature_names_in_", None)
    if names is not None and is_pandas(X) and hasattr(X, "columns"):
        lacking = [str(c) for c in names if c not in X.columns]
        if lacking:
            abort("`X` must have the columns the model was trained on; it lacks %s.", ", ".join("`%s`" % c for c in lacking))
        X = X[list(names)]
    X = as_numeric_matrix(X, "X")
    check_n_features(X, model.n_features_in_, "X")
    return apply_scale(X, model.scale_)


def check_n_features(X: np.ndarray, p: int, arg: str) -> None:
    """The message holds the words of scikit-learn's check, in both languages."""
    if X.shape[1] != p:
        abort(
            "`%s` must have %d columns, as the training data had, not %d. "
            "X has %d features, but nnscratch is expecting %d features as input.",
            arg, p, X.shape[1], X.shape[1], p,
        )


def format_g6(x: float) -> str:
    """Format as C's "%.6g", which R's sprintf("%.6g") is."""
    return "%.6g" % x


def format_named(weights: dict, digits: int, width: int = 80) -> str:
    """Return the weights as R prints a named vector of format(round(w, digits), nsmall = digits).

    Names and values are right-aligned to one common width, each followed by
    a space, and R's print() puts width %/% (that width + 1) of them on a
    line, with options(width = 80).
    """
    # + 0.0 turns -0.0 into 0.0, which R prints without a sign
    values = ["%.*f" % (digits, round(v, digits) + 0.0) for v in weights.values()]
    w = max(max(map(len, weights)), max(map(len, values)))
    per_line = max(1, width // (w + 1))
    names = list(weights)
    text = ""
    for start in range(0, len(values), per_line):
        text += "".join(n.rjust(w) + " " for n in names[start:start + per_line]) + "\n"
        text += "".join(v.rjust(w) + " " for v in values[start:start + per_line]) + "\n"
    return text
