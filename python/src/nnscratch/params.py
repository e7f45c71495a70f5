"""The parameter table: every setting's name, rule, defaults and help, once. Twin of R/params.R.

`train()`, the estimators (`MLP`, `MLPClassifier`, `MLPRegressor`: their
``get_params``, ``set_params`` and checks) and the command line (its flags
and ``--help``) are all driven by `PARAMS`. Each row holds:

- ``rule``: checks a value given for the setting and returns it clean; it
  may read the settings checked before it (the rows are in that order) and
  what the caller knows (``n``, the samples; ``auto``, whether "auto" is
  allowed), through `ctx`;
- ``default``: the estimators' default, chosen as scikit-learn's and
  brulee's are, so that a model learns a real data set on the first try;
- ``article``: the article's setting, the default of `train()` and `MLP`
  (None where `train()` has no such setting or requires it);
- ``help``: one line, for docs and the command line;
- ``flag``: how the command line reads it ("int", "float", "floats",
  "text", "sizes", "names", "batch", "switch"), None when it is not a
  flag there.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

from . import activations, losses, optimizers, schedules, schemes
from .activations import activation_names
from .errors import abort, describe, is_number, is_whole, must, scalar, to_float
from .losses import LOSSES, REDUCTIONS
from .optimizers import OPTIMIZERS
from .samples import ARTICLE_SCALING, DEFAULT_SCALING, SCALINGS
from .schedules import SCHEDULES
from .schemes import SCHEMES
from .validate import (
    check_activation,
    check_batch_size,
    check_choice,
    check_count,
    check_flag,
    check_hidden,
    check_number,
    check_per_layer,
    check_verbose,
)

AUTO = "auto"
# scikit-learn's batch_size="auto": min(200, n)
AUTO_BATCH = 200
LAYOUTS = ("rows", "columns")


class Param(NamedTuple):
    name: str
    rule: Callable[[Any, dict], Any]
    default: Any
    article: Any
    help: str
    flag: Optional[str]


class choice:
    """A rule: one of the names of a registry (read when checked), or "auto" where the caller allows it."""

    def __init__(self, names: Callable[[], list], auto: bool = False) -> None:
        self.names = names
        self.auto = auto

    def __call__(self, x: Any, ctx: dict) -> Any:
        auto = [AUTO] if self.auto and ctx.get("auto") else []
        return check_choice(x, ctx["arg"], [*self.names(), *auto])


def number(lo: float = 0.0, hi: float = float("inf"), lo_open: bool = False, hi_open: bool = False) -> Callable:
    return lambda x, ctx: check_number(x, ctx["arg"], lo, hi, lo_open, hi_open)


def count(lo: int, null: bool = False) -> Callable:
    return lambda x, ctx: check_count(x, ctx["arg"], lo, null=null)


def flag(x: Any, ctx: dict) -> bool:
    return check_flag(x, ctx["arg"])


def hidden_rule(x: Any, ctx: dict) -> list:
    return check_hidden(x, ctx["arg"])


def activation_rule(x: Any, ctx: dict) -> list:
    return check_activation(x, len(ctx["hidden"]))


def batch_rule(x: Any, ctx: dict) -> int:
    return check_batch_size(x, ctx["n"], AUTO_BATCH if ctx.get("auto") else None)


def dropout_rule(x: Any, ctx: dict) -> list:
    """One rate per hidden layer, each in [0, 1): one number for all, or one per layer."""
    n_layers = len(ctx["hidden"])
    return check_per_layer(x, "dropout", n_layers, lambda v: check_number(v, "dropout", 0, 1, hi_open=True))


def seed_rule(x: Any, ctx: dict) -> Optional[int]:
    """A whole number or NULL; the generator that takes it checks its range (see `schemes.SEED_RANGES`)."""
    x = scalar(x)
    if x is not None and not is_whole(x):
        must("seed", "NULL or a whole number", x)
    return None if x is None else int(x)


def class_weight_rule(x: Any, ctx: dict) -> Any:
    """NULL, "balanced", or a weight >= 0 per class named by its label (a dict; R: a named vector)."""
    x = x if isinstance(x, dict) else scalar(x)
    if x is None or (isinstance(x, str) and x == "balanced"):
        return x
    if not isinstance(x, dict) or not x:
        must("class_weight", 'NULL, "balanced" or a weight per class, named by its label', x)
    for label, w in x.items():
        if not is_number(w) or not to_float(w) >= 0 or to_float(w) == float("inf"):
            abort('`class_weight` must hold finite numbers >= 0; the class "%s" has %s.', label, describe(w),
                  arg="class_weight")
    return {k: to_float(v) for k, v in x.items()}


def init_rule(x: Any, ctx: dict) -> Any:
    # a network, checked against the data where it is used
    return x


def verbose_rule(x: Any, ctx: dict) -> int:
    return check_verbose(x)


PARAMS = (
    Param("hidden", hidden_rule, 100, 3,
          "the number of neurons of each hidden layer: one number, or one per hidden layer", "sizes"),
    Param("activation", activation_rule, activations.DEFAULT_HIDDEN, activations.ARTICLE,
          "the hidden layers' activation: one name, or one per hidden layer", "names"),
    Param("output_activation", choice(lambda: activation_names("output"), auto=True), AUTO, activations.ARTICLE,
          "the output's activation; auto: chosen by the outcome", "text"),
    Param("loss", choice(lambda: list(LOSSES), auto=True), AUTO, losses.ARTICLE,
          "the loss; auto: chosen by the outcome", "text"),
    Param("reduction", choice(lambda: list(REDUCTIONS)), losses.DEFAULT_REDUCTION, losses.ARTICLE_REDUCTION,
          "how the samples' losses are combined: their sum, or their (weighted) mean", "text"),
    Param("decay", number(), 1e-4, 0.0,
          "weight decay: decay / 2 * sum(W^2) over the weights (not the biases) is added to the loss", "float"),
    Param("optimizer", choice(lambda: list(OPTIMIZERS)), optimizers.DEFAULT, optimizers.ARTICLE,
          "how a step turns the gradient into new weights", "text"),
    Param("lr", number(lo_open=True), 0.001, 0.1, "the learning rate", "float"),
    Param("momentum", number(0, 1, hi_open=True), 0.9, 0.9, "momentum and nesterov: the velocity's decay", "float"),
    Param("rho", number(0, 1, hi_open=True), 0.99, 0.99, "rmsprop: the running average's decay", "float"),
    Param("beta1", number(0, 1, hi_open=True), 0.9, 0.9, "adam: the first moment's decay", "float"),
    Param("beta2", number(0, 1, hi_open=True), 0.999, 0.999, "adam: the second moment's decay", "float"),
    Param("epsilon", number(lo_open=True), 1e-8, 1e-8, "rmsprop and adam: added to the denominator", "float"),
    Param("schedule", choice(lambda: list(SCHEDULES)), schedules.DEFAULT, schedules.DEFAULT,
          "how the learning rate changes over the epochs", "text"),
    Param("power_t", number(), 0.5, 0.5, "invscaling: the rate of epoch t is lr / t^power_t", "float"),
    Param("gamma", number(0, 1, lo_open=True), 0.99, 0.99, "exponential: the rate of epoch t is lr * gamma^(t - 1)",
          "float"),
    Param("epochs", count(1), 200, 5000, "the largest number of epochs (passes over the data)", "int"),
    Param("batch_size", batch_rule, AUTO, None,
          "the samples per step; NULL: all of them (full batch); auto: min(200, n)", "batch"),
    Param("scale", choice(lambda: list(SCALINGS)), DEFAULT_SCALING, ARTICLE_SCALING,
          "how the inputs are scaled; the model keeps the scale and predict applies it", "text"),
    Param("validation", number(0, 1, hi_open=True), 0.0, 0.0,
          "the share of the samples held out to validate on, stratified for classes; 0: none", "float"),
    Param("early_stopping", flag, False, False,
          "stop when the validation loss has not improved by tol for patience epochs, and keep the best weights",
          "switch"),
    Param("patience", count(1), 10, 10, "early stopping: the epochs without improvement it waits", "int"),
    Param("tol", number(), 1e-4, 0.0, "the least improvement of the loss that counts", "float"),
    Param("n_iter_no_change", count(1, null=True), 10, None,
          "stop when the training loss has not improved by tol for more than this many epochs; NULL: never", "int"),
    Param("dropout", dropout_rule, 0.0, 0.0,
          "the share of each hidden layer's units dropped at each step (inverted dropout); one, or one per layer",
          "floats"),
    Param("class_weight", class_weight_rule, None, None,
          'each class\'s weight: NULL, "balanced", or one per class', None),
    Param("bias", flag, True, True, "whether the network has biases", "switch"),
    Param("init", init_rule, None, None, "initial weights; NULL draws them with init_params", None),
    Param("seed", seed_rule, None, None,
          "the seed of the initial weights and of every random draw of training; NULL: a fresh one", "int"),
    Param("scheme", choice(lambda: list(SCHEMES)), schemes.DEFAULT, schemes.ARTICLE,
          "how the initial weights are drawn", "text"),
    Param("trace_every", count(0), 0, 0, "keep every intermediate of every k-th epoch; 0: none", None),
    Param("record_gradients", flag, False, False,
          "keep the norm of each layer's weight gradient at the last step of every epoch, for plot_gradients()", None),
    Param("layout", choice(lambda: list(LAYOUTS)), LAYOUTS[0], LAYOUTS[0],
          "rows: one row per sample; columns: one column per sample", None),
    Param("verbose", verbose_rule, 0, 0, "print the loss every k epochs; 0: never", "int"),
    Param("progress", flag, False, False, "show a progress bar", "switch"),
    Param("exact", flag, False, False, "add every sum in R's order, so that R and Python give the same bits", "switch"),
    Param("warm_start", flag, False, False, "fit from the weights of the previous fit, and go on from its state",
          None),
)
PARAM_INDEX = {p.name: p for p in PARAMS}


def names_of(where: str) -> tuple:
    """Return the names of the parameters of an interface: "estimator" (all) or "train"."""
    if where == "train":
        return tuple(p.name for p in PARAMS if p.name not in ESTIMATOR_ONLY + TRAIN_OWN)
    return tuple(p.name for p in PARAMS)


# The settings train() does not take: it is given a network and targets, not
# the estimators' outcomes, sizes and data preparation.
ESTIMATOR_ONLY = ("hidden", "scale", "class_weight", "bias", "init", "scheme", "warm_start")
# The settings train() takes as arguments of its own: a fit reports the
# gradients in its history, and does not list the switch among the settings
# it records.
TRAIN_OWN = ("record_gradients",)


def defaults(column: str, where: str = "estimator") -> dict:
    """Return {name: default} of an interface, from the table's "default" or "article" column."""
    return {name: getattr(PARAM_INDEX[name], column) for name in names_of(where)}


def check_settings(values: dict, ctx: Optional[dict] = None) -> dict:
    """Return the settings in `values` checked by their rules, in the table's order.

    `ctx` holds what the rules need besides the settings checked before
    them: ``n`` (the samples, for batch_size), ``hidden`` (the hidden layers'
    sizes, when not among `values`) and ``auto`` (whether "auto" is a
    choice).
    """
    ctx = dict(ctx or {})
    checked: dict = {}
    for p in PARAMS:
        if p.name in values:
            ctx["arg"] = p.name
            checked[p.name] = ctx[p.name] = p.rule(values[p.name], ctx)
    return checked


def check_names(given: Any, where: str = "estimator") -> None:
    """Refuse a parameter name that the interface does not have."""
    known = names_of(where)
    for name in given:
        if name not in known:
            abort("`%s` is not a parameter; the parameters are %s.", name, ", ".join(known), arg=str(name))


def optimizer_settings(settings: dict) -> dict:
    """Return the settings an optimizer and a schedule read: momentum, rho, beta1, beta2, epsilon, power_t, gamma."""
    names = {n for o in OPTIMIZERS.values() for n in o.params} | {n for s in SCHEDULES.values() for n in s.params}
    return {n: settings[n] for n in names}
