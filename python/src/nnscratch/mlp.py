"""The model-level interface: class MLP. Twin of R/mlp.R (mlp() and its methods).

MLP follows scikit-learn's conventions without depending on scikit-learn:
hyper-parameters are attributes set in ``__init__`` and nowhere else,
``get_params``/``set_params`` read and write them, ``fit`` learns the
attributes that end in ``_``, and ``sklearn.base.clone`` and
``sklearn.pipeline.Pipeline`` work with it. pandas is optional too: a
DataFrame or Series is accepted, and the predictions of a DataFrame keep
its index.

As in R/mlp.R, ``fit`` is the bridge: every argument is checked there,
once, and ``train_impl`` then trusts them.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, TextIO

import numpy as np

from .init import check_scheme, init_params
from .layers import forward_layers, hidden_sizes, to_article
from .printing import mlp_html, mlp_repr
from .train import train_impl
from .validate import (
    NnscratchError,
    abort,
    as_numeric_matrix,
    check_activation,
    check_batch_size,
    check_decay,
    check_epochs,
    check_flag,
    check_hidden,
    check_layout,
    check_loss,
    check_lr,
    check_network,
    check_output_activation,
    check_run_memory,
    check_shuffle_seed,
    check_trace_every,
    check_verbose,
    check_y,
    describe,
    is_whole,
    label_text,
    n_traced,
    scalar,
    trace_epochs,
)

PARAM_NAMES = (
    "hidden", "lr", "epochs", "bias", "init", "seed", "scheme", "trace_every",
    "batch_size", "layout", "verbose", "progress", "activation", "output_activation",
    "loss", "decay", "exact",
)


class MLP:
    """The article's network as a scikit-learn style estimator.

    Parameters
    ----------
    hidden : int or sequence of int, default 3
        The number of neurons of each hidden layer, e.g. 3 or (8, 4), each a
        whole number from 1 to 2147483647 (2**31 - 1).
    lr : float, default 0.1
        The learning rate.
    epochs : int, default 5000
        The number of epochs, a whole number from 1 to 2147483647. A fit
        that would not fit in the machine's memory is refused before
        anything is allocated.
    bias : bool, default True
        Whether the network has biases.
    init : dict, optional
        Initial weights (see `train_step`); None draws them with `init_params`.
    seed, scheme
        Passed to `init_params` when `init` is None.
    trace_every, batch_size, verbose, progress
        Passed to `train`; `seed` also seeds the samples' order when
        `batch_size` is below the number of samples.
    layout : {"rows", "columns"}, default "rows"
        "columns": X and a 2-D y hold one column per sample, as in the
        article's second part, and are transposed on the way in. `predict`
        takes rows.
    activation, output_activation, loss, decay, exact
        As in `train`: the hidden layers' activation ("sigmoid", "tanh",
        "relu"; one, or one per hidden layer), the output's ("sigmoid",
        "softmax", "identity"), the loss ("half_sse", "half_mse",
        "log_loss"), the weight decay and exact mode. The defaults are the
        article's network, also for class labels: softmax and log_loss
        only when asked.

    Attributes
    ----------
    layers_ : list of dict
        The trained layers, ``{"W": (fan_in, fan_out), "b": (1, fan_out) or
        None}``, from the input to the output.
    settings_ : dict
        The settings the model was fitted with: ``n_input``, ``hidden``,
        ``n_output``, ``bias``, ``activation`` (one per hidden layer),
        ``output_activation``, ``loss``, ``decay``, ``lr``, ``epochs``,
        ``seed``, ``scheme``, ``batch_size`` and ``exact``. Readers such as
        `summary` and `save_model` take these, not the current
        hyper-parameters.
    scale_ : dict, optional
        Only on a model trained by the command line with ``--scale`` (and
        kept in its model file): the inputs' minima and maxima, ``{"min",
        "max"}``. Predictions then map X to [0, 1] with them first, in R
        too.
    wh_, bh_, wout_, bout_ : ndarray
        For one hidden layer, the trained weights as the article names them,
        shapes (p, h), (1, h), (h, o), (1, o); `bh_` and `bout_` are None
        without biases.
    loss_curve_ : ndarray, shape (epochs,)
        The loss of each epoch.
    n_epochs_ : int
        The number of epochs trained.
    trace_ : list of dict
        The kept epochs' intermediates (see `train`).
    n_features_in_ : int
        p, the number of columns of X in `fit`.
    feature_names_in_ : ndarray of str, shape (p,)
        The column names of X, when X was a DataFrame.
    classes_ : ndarray, shape (k,), or None
        The class labels seen in `fit` when y was given as labels, else None.

    Notes
    -----
    Outcomes, as in R's ``mlp()``. A 1-D y of floats, or a 2-D y, is the
    network's target, in [0, 1], shape (n, o). A 1-D y of anything else
    (strings, booleans, integers, a pandas Categorical) is a set of class
    labels; ``classes_`` keeps them, sorted, or in the order of the
    categories of a Categorical (R: the levels of a factor). Two classes
    are one output that is 1 for the second class; k > 2 classes are k
    one-hot outputs. Unlike R, where an integer vector is a numeric target,
    a 1-D integer y is labels here, as in scikit-learn; for 0/1 targets the
    network is the same.

    Classes are the values of y in code-point order (numpy's; R sorts a
    character y the same way), the categories of a Categorical, and always
    False and True for a boolean y, even when only one is seen.

    Predictions, with R's ``predict(type = ...)`` alongside:

    * ``predict_raw`` is the network's output (R: ``"raw"``), shape (n, o).
    * ``predict_proba`` is the probability of each class (R: ``"prob"``),
      shape (n, k), rows summing to 1: ``[1 - p, p]`` for one output p; a
      softmax output's outputs; the sigmoid outputs of one-hot classes (the
      article's network) divided by their row's sum (a row whose outputs
      all underflow to 0 gets 1/k each). An identity output has no
      probabilities, and asking is an error.
    * ``predict`` is the class (R: ``"class"``): the threshold 0.5 for one
      output, the arg-max for several, mapped to ``classes_`` when y was
      labels; always the column of the largest probability. Without labels
      the class is 0/1 for one output and the 0-based index of the largest
      output for several (R: the 1-based index).
    * ``decision_function`` is scikit-learn's score, with no R twin: the
      output layer's input z, shape (n,) for one output and (n, o) for
      several, shifted by predict's threshold so that a score > 0 is the
      second class (for a sigmoid output z itself, the log-odds; for an
      identity output, output - 0.5). Its arg-max, or its sign, is the
      class.

    Training that fails warns with `ConvergenceWarning` (see
    `nnscratch.convergence.convergence_problems`). A model that is not
    fitted raises `NotFittedError`, which scikit-learn's ``check_is_fitted``
    and estimator checks take as theirs. There is no ``sample_weight``:
    case weights would have to enter the losses' values and gradients in
    the shared core of both languages, and they do not yet.

    Examples
    --------
    >>> from nnscratch import MLP, load_scenario
    >>> s = load_scenario("article")
    >>> model = MLP(hidden=3, lr=0.1, epochs=5000, init=s["init"]).fit(s["X"], s["y"])
    >>> model.predict_raw(s["X"]).round(2).ravel().tolist()
    [0.98, 0.97, 0.05]
    >>> model.predict_proba(s["X"]).round(2)[0].tolist()
    [0.02, 0.98]
    >>> model.predict(s["X"]).tolist()
    [1, 1, 0]
    """

    # Read by older scikit-learn's is_classifier(); newer versions ask
    # __sklearn_tags__.
    _estimator_type = "classifier"

    def __init__(
        self,
        hidden: int = 3,
        lr: float = 0.1,
        epochs: int = 5000,
        bias: bool = True,
        init: dict | None = None,
        seed: int | None = None,
        scheme: str = "article_r",
        trace_every: int = 0,
        batch_size: int | None = None,
        layout: str = "rows",
        verbose: int = 0,
        progress: bool = False,
        activation: Any = "sigmoid",
        output_activation: str = "sigmoid",
        loss: str = "half_sse",
        decay: float = 0.0,
        exact: bool = False,
    ) -> None:
        self.hidden = hidden
        self.lr = lr
        self.epochs = epochs
        self.bias = bias
        self.init = init
        self.seed = seed
        self.scheme = scheme
        self.trace_every = trace_every
        self.batch_size = batch_size
        self.layout = layout
        self.verbose = verbose
        self.progress = progress
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self.decay = decay
        self.exact = exact

    def get_params(self, deep: bool = True) -> dict:
        """Return the hyper-parameters as a dict; `deep` is accepted and changes nothing (no sub-estimators)."""
        return {name: getattr(self, name) for name in PARAM_NAMES}

    def set_params(self, **params: Any) -> MLP:
        """Set hyper-parameters by name and return the estimator; they are checked in `fit`."""
        for name in params:
            if name not in PARAM_NAMES:
                abort("`%s` is not a parameter; the parameters are %s.", name, ", ".join(PARAM_NAMES))
        for name, value in params.items():
            setattr(self, name, value)
        return self

    def fit(self, X: Any, y: Any) -> MLP:
        """Draw initial weights (or take `init`) and train.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)
            Numeric inputs, one row per sample.
        y : array_like or Series or DataFrame or Categorical, shape (n,) or (n, o)
            Targets in [0, 1], or class labels (see Notes of the class).

        Returns
        -------
        MLP
            The estimator itself, fitted.
        """
        if check_layout(self.layout) == "columns":
            X = np.asarray(X).T
            if np.ndim(y) == 2:
                y = np.asarray(y).T
        names = feature_names(X)
        X = as_numeric_matrix(X, "X")
        y, classes = mlp_outcome(y, X.shape[0])
        output_activation = check_output_activation(self.output_activation)
        y = check_y(y, X, output_activation)
        hidden = check_hidden(self.hidden)
        activation = check_activation(self.activation, len(hidden))
        loss = check_loss(self.loss, output_activation, y.shape[1])
        decay = check_decay(self.decay)
        exact = check_flag(self.exact, "exact")
        lr = check_lr(self.lr)
        epochs = check_epochs(self.epochs)
        bias = check_flag(self.bias, "bias")
        scheme = check_scheme(self.scheme)
        trace_every = check_trace_every(self.trace_every)
        batch_size = check_batch_size(self.batch_size, X.shape[0])
        verbose = check_verbose(self.verbose)
        progress = check_flag(self.progress, "progress")
        # `seed` draws the initial weights (checked by init_params for its
        # scheme) and, with mini-batches, shuffles the rows as set.seed() takes it.
        seed = scalar(self.seed)
        if batch_size < X.shape[0]:
            seed = check_shuffle_seed(seed)
        elif seed is not None and not is_whole(seed):
            abort("`seed` must be NULL or a whole number, not %s.", describe(seed))
        check_run_memory(X.shape[0], X.shape[1], hidden, y.shape[1], epochs, n_traced(epochs, trace_every, None))
        init = self.init
        if init is None:
            init = init_params(X.shape[1], hidden, y.shape[1], seed=seed, scheme=scheme, bias=bias)
        layers, _ = check_network(init, X.shape[1], y.shape[1], arg="init")
        sizes = hidden_sizes(layers)
        if sizes != hidden:
            abort("`init` must have hidden layers of %s neurons, as `hidden` says, not %s.",
                  ", ".join(map(str, hidden)), ", ".join(map(str, sizes)))
        if any((layer["b"] is None) == bias for layer in layers):
            abort("`init` must %s biases, as `bias` is %s.", "have" if bias else "not have", "TRUE" if bias else "FALSE")
        fit = train_impl(
            layers, X, y, lr, epochs, trace_epochs(epochs, trace_every, None),
            batch_size, seed, verbose, progress, activation, output_activation, loss, decay, exact,
        )
        self.layers_ = fit["params"]
        self.settings_ = {
            "n_input": X.shape[1], "hidden": hidden, "n_output": y.shape[1], "bias": bias,
            "activation": activation, "output_activation": output_activation, "loss": loss, "decay": decay,
            "lr": lr, "epochs": epochs, "seed": seed, "scheme": scheme,
            "batch_size": None if batch_size == X.shape[0] else batch_size, "exact": exact,
        }
        self.loss_curve_ = fit["loss"]
        self.n_epochs_ = len(fit["loss"])
        self.trace_ = fit["trace"]
        self.n_features_in_ = X.shape[1]
        self.classes_ = classes
        if names is not None:
            self.feature_names_in_ = names
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
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
            raise not_fitted_error()("This model is not fitted yet; it has no trained layers.")
        return self.layers_

    def output_(self, X: np.ndarray) -> np.ndarray:
        """Return the network's output for the checked matrix X."""
        s = self.settings_
        return forward_layers(self.fitted_layers(), X, s["activation"], s["output_activation"], s["exact"])["a"][-1]

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
            ``classes_`` when there are more than two classes.
        """
        self.fitted_layers()
        output = self.output_(mlp_newdata(self, X))
        columns = self.classes_ if self.classes_ is not None and len(self.classes_) > 2 else None
        return as_frame(output, X, columns)

    def predict_proba(self, X: Any) -> Any:
        """Return the probability of each class, R's ``predict(type = "prob")``.

        See Notes of the class for how the outputs become probabilities.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)

        Returns
        -------
        ndarray or DataFrame, shape (n, k)
            Rows sum to 1; k is 2 for one output, else the number of
            outputs. A DataFrame with the index of X when X is one, its
            columns ``classes_`` when there are some.
        """
        self.fitted_layers()
        output = output_probabilities(self.output_(mlp_newdata(self, X)), self.settings_["output_activation"])
        return as_frame(output, X, self.classes_)

    def decision_function(self, X: Any) -> Any:
        """Return scikit-learn's decision scores: the output layer's input, less predict's threshold.

        Shape (n,) for one output, where a score > 0 is the second class;
        (n, o) for several, whose arg-max is the class. For a sigmoid output
        the score is z, the log-odds; for an identity output, output - 0.5.
        R has no twin; ``qlogis(predict(fit, type = "raw"))`` gives it for a
        sigmoid output.
        """
        layers = self.fitted_layers()
        s = self.settings_
        z = forward_layers(layers, mlp_newdata(self, X), s["activation"], s["output_activation"], s["exact"])["z"][-1]
        if z.shape[1] > 1:
            return z
        return z[:, 0] - (0.5 if s["output_activation"] == "identity" else 0.0)

    def predict(self, X: Any) -> Any:
        """Return the class of each row, R's ``predict(type = "class")``.

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, p)

        Returns
        -------
        ndarray or Series, shape (n,)
            Labels from ``classes_`` when y was labels in `fit`, else 0/1 for
            one output or the 0-based index of the largest output. A Series
            with the index of X when X is a DataFrame.
        """
        self.fitted_layers()
        output = self.output_(mlp_newdata(self, X))
        classes = output_classes(output, self.classes_)
        if not is_pandas(X):
            return classes
        import pandas as pd

        return pd.Series(classes, index=X.index)

    def score(self, X: Any, y: Any) -> float:
        """Return the accuracy of `predict` on X (n, p) against y.

        y is turned into classes as in `fit`: labels stay labels, numeric
        targets go through the same threshold or arg-max as the outputs.
        """
        predicted = np.asarray(self.predict(X))
        if y is None:
            abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).")
        if self.classes_ is not None:
            truth = np.asarray(y).ravel()
        else:
            truth = output_classes(as_numeric_matrix(y, "y", vector_ok=True), None)
        if truth.shape[0] != predicted.shape[0]:
            abort("`y` must have as many rows as `X` (%d), not %d.", predicted.shape[0], truth.shape[0])
        return float(np.mean(predicted == truth))

    def coef(self) -> dict:
        """Return the trained weights named as nnet names them, as R's coef() does.

        For each hidden neuron ``hj``, its bias ``b->hj`` and its weights
        ``i1->hj``, ...; then for each output ``ok``, its bias ``b->ok`` and its
        weights ``h1->ok``, ....
        """
        layers = self.fitted_layers()
        named = {}
        for depth, layer in enumerate(layers):
            source = "i" if depth == 0 else hidden_name(depth, len(layers))
            target = "o" if depth == len(layers) - 1 else hidden_name(depth + 1, len(layers))
            w, b = layer["W"], layer["b"]
            for j in range(w.shape[1]):
                if b is not None:
                    named["b->%s%d" % (target, j + 1)] = float(b[0, j])
                for i in range(w.shape[0]):
                    named["%s%d->%s%d" % (source, i + 1, target, j + 1)] = float(w[i, j])
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
            Tags,
            TargetTags,
        )

        return Tags(
            estimator_type="classifier",
            target_tags=TargetTags(required=True),
            classifier_tags=ClassifierTags(),
            input_tags=InputTags(),
        )

    def __repr__(self) -> str:
        return mlp_repr(self)

    def _repr_html_(self) -> str | None:
        return mlp_html(self)


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
    if any(a != "sigmoid" for a in names):
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


def as_frame(values: np.ndarray, X: Any, columns: Any) -> Any:
    """Return `values` as a DataFrame with the index of X when X is a pandas object, else as they are."""
    if not is_pandas(X):
        return values
    import pandas as pd

    return pd.DataFrame(values, index=X.index, columns=columns)


def output_probabilities(output: np.ndarray, output_activation: str) -> np.ndarray:
    """Return the probability of each class, (n, k), from the outputs; see Notes of `MLP`."""
    if output_activation == "identity":
        abort('Probabilities need a "sigmoid" or "softmax" output, not "identity".')
    if output.shape[1] == 1:
        return np.hstack([1 - output, output])
    if output_activation == "softmax":
        return output
    total = output.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = output / total
    p[total[:, 0] == 0, :] = 1 / output.shape[1]
    return p


def is_pandas(x: Any) -> bool:
    """Whether `x` is a pandas object; pandas itself is never imported for this."""
    return type(x).__module__.split(".")[0] == "pandas"


def feature_names(X: Any) -> np.ndarray | None:
    """The column names of a DataFrame, as scikit-learn's ``feature_names_in_``: only when they are all strings; None otherwise."""
    if is_pandas(X) and hasattr(X, "columns") and all(isinstance(c, str) for c in X.columns):
        return np.asarray(list(X.columns), dtype=object)
    return None


def mlp_outcome(y: Any, n: int) -> tuple:
    """Return (y, classes): labels become the network's targets, numeric y passes through.

    Two classes are one output that is 1 for the second class, k > 2 are k
    one-hot outputs; `classes` is None for a numeric y.
    """
    if y is None:
        abort("`y` must be given: this model requires y to be passed, but the target y is None (NULL).")
    categories = None
    if is_pandas(y):
        if getattr(y, "ndim", 1) == 2 and y.shape[1] == 1:
            y = y.iloc[:, 0]
        if str(getattr(y, "dtype", "")) == "category":
            # a Series has .cat.categories, a Categorical .categories
            categories = np.asarray(y.cat.categories if hasattr(y, "cat") else y.categories)
    a = np.asarray(y)
    if a.ndim == 1 and a.dtype == bool:
        # a logical y's classes are FALSE and TRUE, as in R, even when one is not seen
        categories = np.array([False, True])
    if a.ndim != 1 or (a.dtype.kind in "fc" and categories is None):
        return y, None
    if a.shape[0] != n:
        abort("`y` must have as many rows as `X` (%d), not %d.", n, a.shape[0])
    missing = [i for i, v in enumerate(a) if v is None or (isinstance(v, float) and np.isnan(v))]
    if missing:
        abort("`y` must not contain NA; found NA at row %d.", missing[0] + 1)
    classes = categories if categories is not None else np.unique(a)
    if len(classes) < 2:
        abort("`y` must have at least two classes, not %d class.", len(classes))
    onehot = (a[:, None] == classes[None, :]).astype(np.float64)
    if len(classes) == 2:
        onehot = onehot[:, 1:]
    return onehot, classes


def mlp_newdata(model: MLP, X: Any) -> np.ndarray:
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
    return apply_scale(X, getattr(model, "scale_", None))


def apply_scale(X: np.ndarray, scale: dict | None) -> np.ndarray:
    """Return (X - min) / (max - min), column by column, for a model that scales its inputs; X itself otherwise.

    ``scale_`` ({"min", "max"}, one number per input) is set by the command
    line's ``--scale`` and kept in the model file; a constant column becomes
    X - min.
    """
    if scale is None:
        return X
    lo, hi = np.asarray(scale["min"], dtype=np.float64), np.asarray(scale["max"], dtype=np.float64)
    span = np.where(hi > lo, hi - lo, 1.0)
    return (X - lo) / span


def check_n_features(X: np.ndarray, p: int, arg: str) -> None:
    """The message holds the words of scikit-learn's check, in both languages."""
    if X.shape[1] != p:
        abort(
            "`%s` must have %d columns, as the training data had, not %d. "
            "X has %d features, but nnscratch is expecting %d features as input.",
            arg, p, X.shape[1], X.shape[1], p,
        )


def output_classes(output: np.ndarray, classes: np.ndarray | None) -> np.ndarray:
    """The class of each row of `output`: the threshold 0.5 for one output,
    the arg-max for several; mapped to `classes` when there are some."""
    k = (output[:, 0] > 0.5).astype(int) if output.shape[1] == 1 else output.argmax(axis=1)
    if classes is None:
        return k
    return np.asarray(classes)[k]


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
