"""How results look at the prompt. Twin of R/print.R.

`train()` returns a `Fit` and `load_scenario()` a `Scenario`: dicts, so
``fit["params"]`` works as before, whose repr is a few lines instead of
every array. R's print methods for the classes ``nnscratch_fit`` and
``nnscratch_scenario`` print the same text.

`MLP`'s repr follows scikit-learn's: the parameters that differ from their
defaults, in the order of the signature, and `` [fitted]`` after a fitted
one, e.g. ``MLP(seed=3, batch_size=10) [fitted]``. A fitted MLP also has
an HTML summary for notebooks (architecture, epochs, final loss).
"""

from __future__ import annotations

import html
import inspect
from typing import Any

import numpy as np

from .errors import label_text


def layer_sizes(params: Any) -> tuple[list[int], bool]:
    """Return the neurons per layer, inputs first, and whether the network has biases.

    `params` is the article's dict (wh, bh, wout, bout) or a list of layers {W, b}.
    """
    if isinstance(params, dict):
        wh, wout = np.shape(params["wh"]), np.shape(params["wout"])
        return [wh[0], wh[1], wout[1]], params.get("bh") is not None
    sizes = [np.shape(params[0]["W"])[0]] + [np.shape(layer["W"])[1] for layer in params]
    return sizes, any(layer.get("b") is not None for layer in params)


def network(sizes: list[int], bias: bool) -> str:
    return "a %s network %s biases" % ("-".join(str(int(s)) for s in sizes), "with" if bias else "without")


def fitted_params(model: Any) -> Any:
    """The fitted weights, as layers."""
    return model.layers_


def architecture(model: Any) -> str:
    """A fitted model's layer sizes, e.g. "4-3-1"."""
    return "-".join(str(int(s)) for s in layer_sizes(fitted_params(model))[0])


def epochs_shown(epochs: list[int]) -> str:
    """The kept epochs, at most six of them: the first three, "...", the last two."""
    shown = [str(e) for e in epochs]
    if len(shown) > 6:
        shown = shown[:3] + ["..."] + shown[-2:]
    return ", ".join(shown)


def fit_text(fit: dict) -> str:
    """What printing a `train()` result shows; R's print.nnscratch_fit prints the same."""
    lines = []
    loss = np.asarray(fit.get("loss", []))
    if "params" in fit:
        sizes, bias = layer_sizes(fit["params"])
        lines.append("nnscratch fit: %s, trained for %d epochs" % (network(sizes, bias), len(loss)))
    if len(loss):
        lines.append("loss: %s at epoch 1, %s at epoch %d" % (g6(loss[0]), g6(loss[-1]), len(loss)))
    trace = fit.get("trace", [])
    if trace:
        lines.append("trace: %d epochs kept (%s)" % (len(trace), epochs_shown([t["epoch"] for t in trace])))
    else:
        lines.append("trace: no epoch kept")
    lines.append("fields: " + ", ".join(fit))
    return "\n".join(lines)


def scenario_text(s: dict) -> str:
    """What printing a `load_scenario()` result shows; R's print.nnscratch_scenario prints the same."""
    X, y = np.shape(s["X"]), np.shape(s["y"])
    sizes, bias = layer_sizes(s["init"])
    return "\n".join([
        'nnscratch scenario "%s": X is %d x %d, y is %d x %d' % (s["name"], X[0], X[1], y[0], y[1]),
        "%s, lr = %s, %d epochs" % (network(sizes, bias), format(float(s["lr"]), ".15g"), s["epochs"]),
        'init drawn with seed %d by scheme "%s"' % (s["seed"], s["scheme"]),
        "fields: " + ", ".join(s),
    ])


def g6(x: float) -> str:
    """C's "%.6g", which R's sprintf("%.6g") is."""
    return "%.6g" % x


class Fit(dict):
    """The result of `train`: a dict with ``params``, ``loss`` and ``trace`` and a short repr."""

    def __repr__(self) -> str:
        return fit_text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


class Scenario(dict):
    """The result of `load_scenario`: a dict of the data, weights and settings, with a short repr."""

    def __repr__(self) -> str:
        return scenario_text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


def changed_params(model: Any) -> dict:
    """The parameters of `model` that differ from the defaults of its signature, in signature order.

    As scikit-learn does, a value counts as changed when its repr differs
    from the default's.
    """
    signature = inspect.signature(type(model).__init__)
    params = model.get_params()
    return {
        name: params[name] for name, p in signature.parameters.items()
        if name in params and repr(params[name]) != repr(p.default)
    }


def param_text(name: str, value: Any) -> str:
    if name == "init" and isinstance(value, dict):
        # the arrays by their shapes: a repr of every weight would fill the screen
        parts = ["%r: %s" % (k, "None" if v is None else "<%s>" % "x".join(map(str, np.shape(v))))
                 for k, v in value.items()]
        return "init={%s}" % ", ".join(parts)
    return "%s=%r" % (name, value)


def is_fitted(model: Any) -> bool:
    return hasattr(model, "n_epochs_")


def mlp_repr(model: Any) -> str:
    """``MLP(...)`` with the non-default parameters, and `` [fitted]`` when fitted."""
    text = "%s(%s)" % (type(model).__name__, ", ".join(param_text(k, v) for k, v in changed_params(model).items()))
    return text + " [fitted]" if is_fitted(model) else text


def mlp_html(model: Any) -> str | None:
    """An HTML table for notebooks: architecture, epochs, final loss; None (the plain repr) when not fitted."""
    if not is_fitted(model):
        return None
    sizes, bias = layer_sizes(fitted_params(model))
    settings = model.settings_
    rows = [
        ("architecture", "%s (%s)" % ("-".join(map(str, sizes)), "with biases" if bias else "without biases")),
        ("hidden activation", settings["activation"]),
        ("output activation", settings["output_activation"]),
        ("loss", settings["loss"]),
        ("optimizer", settings["optimizer"]),
        ("epochs", str(model.n_epochs_)),
        ("final loss", g6(model.loss_curve_[-1])),
    ]
    if getattr(model, "classes_", None) is not None:
        rows.append(("classes", ", ".join(label_text(c) for c in model.classes_)))
    names = getattr(model, "feature_names_in_", None)
    if names is not None:
        rows.append(("inputs", ", ".join(str(n) for n in names)))
    body = "".join(
        "<tr><th style='text-align:left'>%s</th><td style='text-align:left'>%s</td></tr>"
        % (html.escape(k), html.escape(v if isinstance(v, str) else ", ".join(map(str, v))))
        for k, v in rows
    )
    return "<table><caption>%s</caption>%s</table>" % (html.escape(mlp_repr(model)), body)
