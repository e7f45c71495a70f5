"""Model files: one JSON format that Python and R both write and read. Twin of R/model_file.R,
which writes the same bytes for the same model.

Version 3, written by `save_model`, holds one member per line: "format", "version", "role"
(classifier, regressor or either, the estimator that reads it), "architecture", "layers"
(one {"W", "b"} per layer, each a list of rows), "settings" (every setting of training),
"loss" (one number per epoch), "history" (the learning rate and the validation loss and
score of each epoch), "classes", "feature_names", "outcome_names" (when the outcome had
names), "scale" and "target_scale" (when the model scales its inputs, or a regression's
outcome), "state" (what a continued fit needs:
the optimizer's slots, the schedule's rate, the random generator, the stopping counts) and
"checksum". The keys of each section and the rule of each value are in one file that both
languages read, inst/schema/model-file.json (here the package's schema/model-file.json);
the shapes, and the rules that combine values, are the ones fit applies, from the same
registries. Versions 1 and 2 still load: version 2 by the same schema, version 1 (one
sigmoid hidden layer, half_sse, no decay, no checksum) by `read_v1`.

Numbers are written with C's "%.17g" (and -0 as -0.0), which reads back to the same
double, and strings with the escapes of `json_string` below; Python and R therefore write
the same bytes for the same model. An infinite best loss (none yet) is written null.

The checksum. The canonical content of a file is its own UTF-8 bytes without its last
member: the file ends with ``,\\n  "checksum": "sha256:<64 lowercase hex digits>"\\n}\\n``
and the canonical content is the file with that ending replaced by ``\\n}\\n``, i.e. the
text as written before the checksum was added. Hashing the bytes, not the parsed values,
means that no number has to be formatted again to check a file, so Python and R agree by
construction; any change, a digit or a space, is reported as a modified file. A checksum
only shows that nothing changed since the file was sealed; so a sealed file is also
checked for what fit would refuse.

Reading is strict, with one rule in both languages: only a regular file is opened; a
byte-order mark, invalid UTF-8, a token that is not JSON (comments, NaN), nesting deeper
than a model file nests, a key twice in one object, a \\u0000 or unpaired surrogate escape,
an unknown or missing key: each is an error that says which.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable, NoReturn

import numpy as np

from .activations import activation_names
from .errors import NnscratchError, abort, describe, one_of
from .layers import from_article
from .losses import LOSSES, REDUCTIONS
from .mlp import CLASSIFIER, EITHER, MLP, REGRESSOR, Estimator, MLPClassifier, MLPRegressor, set_fitted
from .optimizers import OPTIMIZERS
from .samples import SCALINGS
from .schedules import SCHEDULES
from .schemes import SCHEMES
from .train import SETTINGS
from .validate import check_loss

SCHEMA = json.loads((Path(__file__).parent / "schema" / "model-file.json").read_text(encoding="utf-8"))
MODEL_FORMAT = SCHEMA["format"]
MODEL_VERSION = SCHEMA["version"]
MODEL_MAX_DEPTH = SCHEMA["max_depth"]
LABEL_MAX = 2147483647
# The estimator a file's "role" loads as.
ROLES = {CLASSIFIER: MLPClassifier, REGRESSOR: MLPRegressor, EITHER: MLP}
# The registries whose names the schema's "of" refers to.
REGISTRIES: dict[str, Callable[[], list]] = {
    "hidden_activations": lambda: activation_names("hidden"),
    "output_activations": lambda: activation_names("output"),
    "losses": lambda: list(LOSSES),
    "reductions": lambda: list(REDUCTIONS),
    "optimizers": lambda: list(OPTIMIZERS),
    "schedules": lambda: list(SCHEDULES),
    "schemes": lambda: list(SCHEMES),
    "scalings": lambda: list(SCALINGS),
    "roles": lambda: list(ROLES),
}
# R's .Random.seed for its Mersenne-Twister: the kinds, the position and 624
# words, each a 32-bit signed integer (-2147483648 is R's NA_integer_, a
# word like any other there).
RANDOM_STATE_LENGTH = 626
INT32 = (-2147483648, 2147483647)


def save_model(model: Estimator, path: str | os.PathLike) -> str:
    """Save a fitted model to a JSON file that R's ``load_model()`` reads too.

    Python and R write the same bytes for the same model. The file holds the architecture,
    every weight (so a loaded model predicts bit for bit as the saved one), the training
    settings, the loss of each epoch and the validation history, the class labels
    (strings, whole numbers or booleans, which keep their type), the feature names, the
    scale, the state a continued fit needs (the optimizer's, the schedule's and the random
    generator's) and a SHA-256 checksum of the rest of the file. ``init`` and
    ``trace_every`` are not saved.

    Writing is atomic and checked: the text goes to a temporary file in the same folder;
    only when every byte of it is written, flushed to the disk and the file closed is it
    renamed to `path`. Otherwise the temporary file is removed, any file already at `path`
    is left as it was, and the error names `path` and the cause (no permission, a folder,
    a full disk or a file size limit). Labels that JSON cannot hold (dates, for instance)
    are refused before anything is written.

    Parameters
    ----------
    model : MLPClassifier, MLPRegressor or MLP
        A fitted model.
    path : str or path-like
        The file's path; by convention it ends in ``.json``.

    Returns
    -------
    str
        `path`.
    """
    if not isinstance(model, Estimator) or not hasattr(model, "layers_"):
        abort("`model` must be a fitted nnscratch network, not %s.", describe(model), arg="model")
    path = check_path(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        abort('`path` must be in an existing folder; "%s" does not exist.', os.path.dirname(path), arg="path")
    if os.path.isdir(path):
        file_error(path, 'could not be written: it is a folder.')
    doc = model_document(model)
    fields = ["  %s: %s" % (json_string(k), json_value(v)) for k, v in doc.items()]
    text = "{\n" + ",\n".join(fields) + "\n}\n"
    text = "{\n" + ",\n".join(fields) + ',\n  "checksum": "%s"\n}\n' % model_checksum(text)
    write_atomic(text, path)
    return path


def load_model(path: str | os.PathLike) -> Estimator:
    """Load a model saved by `save_model` here or by ``save_model()`` in R.

    Loading reads JSON only and never runs code, and opens only regular files (a folder,
    FIFO or device is refused at once). It refuses, with an error that says which: a
    truncated or corrupted file, a byte-order mark, invalid UTF-8, a key that appears
    twice or that the format does not have, nesting deeper than the format's, another
    format or version, weights or state of the wrong shape, a network that fit would
    refuse (a loss with an output it does not pair with, softmax with one output), and a
    file of version 2 or later whose checksum does not match its content ("modified or
    corrupted"). Version 1 files, written before the checksum existed, still load; the
    loaded model's ``model_file_`` is ``{"version": 1, "checksum": None}`` for them, and
    holds the version and checksum otherwise.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    MLPClassifier, MLPRegressor or MLP
        The fitted model, as its file's "role" says (versions 1 and 2: MLP), with an empty
        ``trace_``; it can go on training (``warm_start``, ``partial_fit``).
    """
    path = check_path(path)
    text, doc = read_json_strictly(path)

    def broken(fmt: str, *args: Any) -> NoReturn:
        file_error(path, 'is a broken nnscratch model file: %s', fmt % args)

    if not isinstance(doc, dict):
        file_error(path, 'is not an nnscratch model file: it holds a JSON %s, not an object.', json_kind(doc))
    if doc.get("format") != MODEL_FORMAT or not isinstance(doc.get("format"), str):
        file_error(path, 'is not an nnscratch model file: its "format" is %s, not "%s".', describe_json(doc, "format"),
                   MODEL_FORMAT)
    version: Any = doc.get("version")
    if not is_json_number(version) or version not in range(1, MODEL_VERSION + 1):
        file_error(path, 'is an nnscratch model file whose "version" is %s; this nnscratch reads versions %s.',
                   describe_json(doc, "version"), versions_text())
    if version >= 2:
        check_checksum(text, doc, path)
    model = read_v1(doc, broken) if version == 1 else read_schema(doc, int(version), broken)
    # not a fitted parameter of the estimator: what the file said about itself
    model.model_file_ = {  # type: ignore[attr-defined]
        "version": int(version), "checksum": doc["checksum"] if version >= 2 else None,
    }
    return model


def file_error(path: str, fmt: str, *args: Any) -> NoReturn:
    """Refuse the file at `path`: a message about the argument `path`, named with its value ("`path` ("m.json")")."""
    subject = '`path` ("%s")' % path
    raise NnscratchError("%s %s" % (subject, fmt % args), arg="path", subject=subject)


def versions_text() -> str:
    """Return the versions this package reads, as messages list them: "1, 2 and 3"."""
    v = [str(k) for k in range(1, MODEL_VERSION + 1)]
    return "%s and %s" % (", ".join(v[:-1]), v[-1])


def check_path(path: Any) -> str:
    if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
        abort("`path` must be a file path, a single string, not %s.", describe(path), arg="path")
    return os.path.expanduser(os.fspath(path))


def model_document(model: Estimator) -> dict:
    """Return the document `save_model` writes, in the file's order.

    The model's classes must be labels JSON holds with their type; this is checked here,
    before anything is written.
    """
    st = model.settings_
    layers = [{"W": layer["W"], "b": layer["b"]} for layer in model.layers_]
    arrays = [a for layer in layers for a in layer.values() if a is not None]
    if not all(np.all(np.isfinite(a)) for a in [*arrays, model.loss_curve_]):
        abort("`model` must have finite weights and loss to be saved; JSON has no NaN or Inf.", arg="model")
    classes = check_labels(model.classes_)
    names = getattr(model, "feature_names_in_", None)
    hidden = [int(h) for h in st["hidden"]]
    history = model.history_
    doc: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "role": model.role,
        "architecture": {
            "n_input": int(st["n_input"]), "hidden": hidden, "n_output": int(st["n_output"]), "bias": bool(st["bias"]),
            "activation": list(st["activation"]), "output_activation": st["output_activation"],
        },
        "layers": layers,
        "settings": {f["key"]: setting_value(st[f["key"]]) for f in SCHEMA["sections"]["3"]["settings"]},
        "loss": np.asarray(model.loss_curve_, dtype=np.float64),
        "history": {f["key"]: history.get(f["key"]) for f in SCHEMA["sections"]["3"]["history"]},
        "classes": classes,
        "feature_names": None if names is None else [str(n) for n in names],
    }
    outcome = getattr(model, "outcome_names_", None)
    if outcome is not None:
        doc["outcome_names"] = [str(n) for n in outcome]
    for key in ("scale", "target_scale"):
        scale = getattr(model, key + "_", None)
        if scale is not None:
            doc[key] = {"center": np.asarray(scale["center"], dtype=np.float64),
                        "scale": np.asarray(scale["scale"], dtype=np.float64)}
    doc["state"] = state_document(model.state_)
    return doc


def setting_value(v: Any) -> Any:
    """A setting as JSON holds it: lists of one value per layer as lists, numbers as numbers."""
    if isinstance(v, (list, tuple)):
        return [setting_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): float(x) for k, x in v.items()}
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    return v


def state_document(state: dict) -> dict:
    """Return a fit's state as the file holds it; an infinite best loss (none yet) as null."""
    opt = state["optimizer"]
    slots = {k: v for k, v in opt.items() if k != "t"}

    def finite(x: float) -> Any:
        return None if not math.isfinite(x) else float(x)

    return {
        "epoch": int(state["epoch"]), "t": int(opt["t"]), "slots": slots, "schedule_lr": float(state["schedule"]["lr"]),
        "random": None if state["random"] is None else [int(v) for v in state["random"]],
        "validation": None if state["validation"] is None else [int(v) for v in state["validation"]],
        "best_loss": finite(state["best_loss"]), "count": int(state["count"]),
        "best_validation": finite(state["best_validation"]), "best_epoch": int(state["best_epoch"]),
    }


def check_labels(classes: Any) -> list | None:
    """Return the class labels as a list of str, int or bool, all of one type; refuse others.

    Whole numbers must fit an R integer, so that R keeps them as integers.
    """
    if classes is None:
        return None
    labels = np.asarray(classes).tolist()
    kinds = [str if isinstance(v, str) else bool if isinstance(v, bool) else int if isinstance(v, int) else None
             for v in labels]
    if kinds and kinds[0] is not None and all(k is kinds[0] for k in kinds) and (
        kinds[0] is not int or all(abs(v) <= LABEL_MAX for v in labels)
    ):
        return labels
    bad = next((v for v, k in zip(labels, kinds) if k is None), labels[0] if labels else None)
    abort(
        "`model` must have class labels that are all strings, all whole numbers or all booleans to be saved, not %s.",
        "labels of type %s" % type(bad).__name__, arg="model",
    )


# ---- reading ----


def read_v1(doc: dict, broken: Callable[..., NoReturn]) -> Estimator:
    """A version 1 file: one sigmoid hidden layer, half_sse, no decay, no checksum.

    "seed" and "scheme" may be missing (a missing scheme is the article's, in both
    languages).
    """
    check_keys(doc, ("format", "version", "architecture", "weights", "settings", "loss", "classes", "feature_names"),
               broken=broken)
    a = section(doc, "architecture", ("n_input", "hidden", "n_output", "bias"), broken=broken)
    for k in ("n_input", "hidden", "n_output"):
        if not is_count(a[k]):
            broken("`architecture.%s` must be a whole number >= 1.", k)
    if not isinstance(a["bias"], bool):
        broken("`architecture.bias` must be true or false.")
    p, h, o, bias = int(a["n_input"]), int(a["hidden"]), int(a["n_output"]), a["bias"]
    w = section(doc, "weights", ("wh", "bh", "wout", "bout"), broken=broken)
    shapes = {"wh": (p, h), "bh": (1, h), "wout": (h, o), "bout": (1, o)}
    params: dict = {"wh": None, "bh": None, "wout": None, "bout": None}
    for k, (rows, cols) in shapes.items():
        if k in ("bh", "bout") and not bias:
            if w[k] is not None:
                broken("`weights.%s` must be null, as `architecture.bias` is false.", k)
            continue
        params[k] = json_matrix(w[k], rows, cols)
        if params[k] is None:
            broken("`weights.%s` must be a list of %d rows of %d numbers each.", k, rows, cols)
    st = section(doc, "settings", ("lr", "epochs", "seed", "scheme"), ("lr", "epochs"), broken)
    settings = read_fields(st, SCHEMA["sections"]["2"]["settings"][:4], "settings", {}, broken)
    settings.setdefault("seed", None)
    settings.setdefault("scheme", MLP.__signature__.parameters["scheme"].default)
    architecture = {"n_input": p, "hidden": [h], "n_output": o, "bias": bias,
                    "activation": [activation_names("hidden")[0]], "output_activation": activation_names("output")[0]}
    return build_model(doc, 1, architecture, from_article(params), settings, None, broken)


def read_schema(doc: dict, version: int, broken: Callable[..., NoReturn]) -> Estimator:
    """A file of version 2 or later, its checksum already checked, read by the schema's rules."""
    sections = SCHEMA["sections"][str(version)]
    top = sections["top"]
    check_keys(doc, tuple(f["key"] for f in top), tuple(f["key"] for f in top if not f.get("optional")), broken=broken)
    ctx: dict = {}
    architecture = read_fields(section(doc, "architecture", keys_of(sections["architecture"]), broken=broken),
                               sections["architecture"], "architecture", ctx, broken)
    ctx["sizes"] = [architecture["n_input"], *architecture["hidden"], architecture["n_output"]]
    ctx["bias"] = architecture["bias"]
    layers = read_layers(doc["layers"], "layers", ctx, broken)
    settings = read_fields(section(doc, "settings", keys_of(sections["settings"]), broken=broken),
                           sections["settings"], "settings", ctx, broken)
    scales = {}
    for key in ("scale", "target_scale"):
        if key in doc:
            scales[key] = read_fields(section(doc, key, keys_of(sections[key]), broken=broken), sections[key], key,
                                      ctx, broken)
    return build_model(doc, version, architecture, layers, settings, scales, broken)


def keys_of(fields: list) -> tuple:
    return tuple(f["key"] for f in fields)


def read_fields(x: dict, fields: list, where: str, ctx: dict, broken: Callable[..., NoReturn]) -> dict:
    """Return the values of a section's fields, each checked by its rule (see RULES); a missing optional one is left out."""
    out = {}
    for f in fields:
        if f["key"] not in x:
            continue
        test, message = RULES[f["rule"]]
        ok, value = test(x[f["key"]], f, ctx)
        if not ok:
            broken("`%s.%s` must be %s.", where, f["key"], message(f, ctx))
        out[f["key"]] = ctx[f["key"]] = value
    return out


def per_count(f: dict, ctx: dict) -> int:
    """How many values a list with "per" holds: one per hidden layer, input, output or epoch."""
    sizes = ctx["sizes"]
    return {"hidden layer": len(sizes) - 2, "input": sizes[0], "output": sizes[-1], "epoch": ctx.get("epochs", 0)}[
        f["per"]]


def names_of(f: dict) -> list:
    return REGISTRIES[f["of"]]()


def rule_counts(x: Any, f: dict, ctx: dict) -> tuple:
    ok = isinstance(x, list) and len(x) > 0 and all(is_count(v) for v in x)
    return ok, [int(v) for v in x] if ok else None


def rule_names(x: Any, f: dict, ctx: dict) -> tuple:
    ok = is_json_strings(x) and len(x) == len(ctx["hidden"]) and all(v in names_of(f) for v in x)
    return ok, list(x) if ok else None


def rule_numbers(x: Any, f: dict, ctx: dict) -> tuple:
    v = json_numbers(x)
    ok = v is not None and len(v) == per_count(f, ctx)
    return ok, v


def rule_fractions(x: Any, f: dict, ctx: dict) -> tuple:
    ok = isinstance(x, list) and len(x) == per_count(f, ctx) and all(is_json_number(v) and 0 <= v < 1 for v in x)
    return ok, [float(v) for v in x] if ok else None


def rule_class_weight(x: Any, f: dict, ctx: dict) -> tuple:
    if x is None or x == "balanced":
        return True, x
    ok = isinstance(x, dict) and len(x) > 0 and all(is_json_number(v) and v >= 0 for v in x.values())
    return ok, {k: float(v) for k, v in x.items()} if ok else None


def number_test(ok: Callable[[Any], bool], convert: Callable[[Any], Any] = float) -> Callable[..., tuple]:
    return lambda x, f, ctx: (True, convert(x)) if ok(x) else (False, None)


# Each rule of the schema: (test(value, field, ctx) -> (ok, value), message(field, ctx) -> what it must be).
RULES: dict[str, tuple] = {
    "text": (lambda x, f, ctx: (isinstance(x, str), x), lambda f, ctx: "a string"),
    "count": (number_test(lambda x: is_count(x), int), lambda f, ctx: "a whole number >= 1"),
    "count0": (number_test(lambda x: is_count(x) or x == 0 and is_json_number(x), int),
               lambda f, ctx: "a whole number >= 0"),
    "counts": (rule_counts, lambda f, ctx: "a list of whole numbers >= 1, one per %s" % f["per"]),
    "flag": (lambda x, f, ctx: (isinstance(x, bool), x), lambda f, ctx: "true or false"),
    "name": (lambda x, f, ctx: (isinstance(x, str) and x in names_of(f), x), lambda f, ctx: one_of(names_of(f))),
    "names": (rule_names, lambda f, ctx: "a list of %d of %s, one per %s" % (
        len(ctx["hidden"]), one_of(names_of(f)), f["per"])),
    "positive": (number_test(lambda x: is_json_number(x) and x > 0), lambda f, ctx: "a positive number"),
    "nonnegative": (number_test(lambda x: is_json_number(x) and x >= 0), lambda f, ctx: "a number >= 0"),
    "fraction": (number_test(lambda x: is_json_number(x) and 0 <= x < 1), lambda f, ctx: "a number in [0, 1)"),
    "unit": (number_test(lambda x: is_json_number(x) and 0 < x <= 1), lambda f, ctx: "a number in (0, 1]"),
    "seed": (number_test(lambda x: x is None or is_json_number(x) and x == round(x),
                         lambda x: None if x is None else int(x)), lambda f, ctx: "null or a whole number"),
    "count_or_null": (number_test(lambda x: x is None or is_count(x), lambda x: None if x is None else int(x)),
                      lambda f, ctx: "null or a whole number >= 1"),
    "numbers": (rule_numbers, lambda f, ctx: "a list of %d numbers, one per %s" % (per_count(f, ctx), f["per"])),
    "numbers_or_null": (lambda x, f, ctx: (True, None) if x is None else rule_numbers(x, f, ctx),
                        lambda f, ctx: "null or a list of %d numbers, one per %s" % (per_count(f, ctx), f["per"])),
    "number_or_null": (number_test(lambda x: x is None or is_json_number(x),
                                   lambda x: math.inf if x is None else float(x)), lambda f, ctx: "null or a number"),
    "fractions": (rule_fractions, lambda f, ctx: "a list of %d numbers in [0, 1), one per %s" % (
        per_count(f, ctx), f["per"])),
    "class_weight": (rule_class_weight, lambda f, ctx: 'null, "balanced" or an object of numbers >= 0, one per class'),
}


def read_layers(x: Any, where: str, ctx: dict, broken: Callable[..., NoReturn]) -> list:
    """Return a list of layers {W, b} whose shapes follow the architecture's sizes; b null without biases."""
    sizes = ctx["sizes"]
    if not isinstance(x, list) or len(x) != len(sizes) - 1:
        broken("`%s` must be a list of %d layers, one per hidden layer and the output.", where, len(sizes) - 1)
    layers = []
    for i in range(len(x)):
        at = "%s[%d]" % (where, i + 1)
        layer = section(x, i, ("W", "b"), where=at, broken=broken)
        W = json_matrix(layer["W"], sizes[i], sizes[i + 1])
        if W is None:
            broken("`%s.W` must be a list of %d rows of %d numbers each.", at, sizes[i], sizes[i + 1])
        if not ctx["bias"]:
            if layer["b"] is not None:
                broken("`%s.b` must be null, as `architecture.bias` is false.", at)
            layers.append({"W": W, "b": None})
            continue
        b = json_matrix(layer["b"], 1, sizes[i + 1])
        if b is None:
            broken("`%s.b` must be a list of 1 rows of %d numbers each.", at, sizes[i + 1])
        layers.append({"W": W, "b": b})
    return layers


def read_state(x: dict, settings: dict, layers: list, ctx: dict, broken: Callable[..., NoReturn]) -> dict:
    """Return a version 3 file's state, its optimizer's slots shaped as the layers."""
    fields = SCHEMA["sections"]["3"]["state"]
    st = section({"state": x}, "state", keys_of(fields), broken=broken)
    structural = {"slots", "random", "validation"}
    values = read_fields(st, [f for f in fields if f["key"] not in structural], "state", ctx, broken)
    slots = st["slots"]
    names = OPTIMIZERS[settings["optimizer"]].slots
    if not isinstance(slots, dict) or sorted(slots) != sorted(names):
        broken('`state.slots` must be an object with %s, the slots of the optimizer "%s".',
               "no key" if not names else one_of(names).replace(" or ", " and "), settings["optimizer"])
    optimizer = {"t": values["t"], **{k: read_layers(slots[k], "state.slots.%s" % k, ctx, broken) for k in names}}
    random = st["random"]
    if random is not None and not (isinstance(random, list) and len(random) == RANDOM_STATE_LENGTH
                                   and all(is_json_number(v) and v == round(v) and INT32[0] <= v <= INT32[1] for v in random)
                                   and random[0] == 10403):
        broken("`state.random` must be null or R's .Random.seed for the Mersenne-Twister: %d whole numbers, the "
               "first 10403.", RANDOM_STATE_LENGTH)
    rows = st["validation"]
    if rows is not None and not (isinstance(rows, list) and rows and all(is_count(v) for v in rows)
                                 and all(a < b for a, b in zip(rows, rows[1:]))):
        broken("`state.validation` must be null or a list of increasing whole numbers >= 1, the rows held out.")
    if values["epoch"] != ctx["epochs"]:
        broken("`state.epoch` must be %d, the epochs of `loss`.", ctx["epochs"])
    return {"epoch": values["epoch"], "optimizer": optimizer, "schedule": {"lr": values["schedule_lr"]},
            "random": None if random is None else np.asarray(random, dtype=np.int64),
            "validation": None if rows is None else np.asarray(rows, dtype=np.int64),
            "best_loss": values["best_loss"], "count": values["count"], "best_validation": values["best_validation"],
            "best_epoch": values["best_epoch"]}


def build_model(doc: dict, version: int, architecture: dict, layers: list, settings: dict, scales: dict | None,
                broken: Callable[..., NoReturn]) -> Estimator:
    """The model object, from its parts, the file's loss, history, classes, feature names and state.

    The rules fit applies to a network apply here too: a loss pairs with its output, and
    softmax needs two outputs or more.
    """
    loss = json_numbers(doc["loss"])
    epochs = settings["epochs"]
    if version < 3 and (loss is None or len(loss) != epochs):
        broken("`loss` must be a list of %d numbers, one per epoch.", epochs)
    if loss is None or not 1 <= len(loss) <= epochs:
        broken("`loss` must be a list of 1 to %d numbers, one per epoch trained.", epochs)
    ctx = {"sizes": [architecture["n_input"], *architecture["hidden"], architecture["n_output"]], "epochs": len(loss),
           "hidden": architecture["hidden"], "bias": architecture["bias"]}
    o = architecture["n_output"]
    role = doc.get("role", EITHER)
    if not isinstance(role, str) or role not in ROLES:
        broken("`role` must be %s.", one_of(list(ROLES)))
    n_classes = 2 if o == 1 else o
    classes = None
    if doc["classes"] is not None:
        classes = json_labels(doc["classes"])
        if classes is None or len(classes) != n_classes or len(set(classes.tolist())) != len(classes):
            broken(
                "`classes` must be null or a list of %d distinct labels, one per class: "
                "all strings, all whole numbers or all booleans.", n_classes,
            )
    if role == CLASSIFIER and classes is None:
        broken('`classes` must be a list of labels, as the "role" is "%s".', CLASSIFIER)
    feature_names = doc["feature_names"]
    if feature_names is not None and (not is_json_strings(feature_names) or len(feature_names) != ctx["sizes"][0]):
        broken("`feature_names` must be null or a list of %d names, one per input.", ctx["sizes"][0])
    outcome_names = doc.get("outcome_names")
    if outcome_names is not None and not (is_json_strings(outcome_names) and len(outcome_names) > 0):
        broken("`outcome_names` must be a list of names, the outcome's.")
    s = full_settings(settings, architecture)
    try:
        check_loss(s["loss"], s["output_activation"], o)
    except NnscratchError as e:
        broken("%s", str(e))
    if version >= 3:
        sections = SCHEMA["sections"]["3"]
        history = read_fields(section(doc, "history", keys_of(sections["history"]), broken=broken), sections["history"],
                              "history", ctx, broken)
        state = read_state(doc["state"], s, layers, ctx, broken)
    else:
        history = {"lr": np.full(len(loss), s["lr"]), "validation_loss": None, "validation_score": None}
        state = None
    scales = scales or {}
    scale = scales.get("scale")
    if scale is not None and "min" in scale:
        # version 2: the command line's min-max scaling
        scale = {"center": scale["min"], "scale": np.where(scale["max"] > scale["min"], scale["max"] - scale["min"], 1.0)}
    model = ROLES[role]()
    model.set_params(**{k: v for k, v in s.items() if k in model.get_params()})
    # as a user gives them: one size, activation or rate stands for one
    # hidden layer, or the same in every layer
    model.set_params(hidden=s["hidden"][0] if len(s["hidden"]) == 1 else tuple(s["hidden"]),
                     activation=as_given(s["activation"]), dropout=as_given(s["dropout"]))
    fit = {"params": layers, "settings": s, "loss": loss, "history": history, "trace": [],
           "state": state if state is not None else loaded_state(s, layers, len(loss)), "stopped": None}
    set_fitted(model, fit, s, classes, feature_names, scale, scales.get("target_scale"), outcome_names)
    return model


def as_given(values: list) -> Any:
    """One value for a list whose values are all the same, the list otherwise."""
    return values[0] if len(set(values)) == 1 else list(values)


def full_settings(settings: dict, architecture: dict) -> dict:
    """Return every setting of a fitted model: the file's, and for older versions the article's for the rest."""
    article = MLP.__signature__.parameters
    s = {name: article[name].default for name in (*SETTINGS, "scheme", "scale", "class_weight") if name in article}
    s.update(architecture)
    s.update(settings)
    if not isinstance(s["dropout"], list):
        s["dropout"] = [s["dropout"]] * len(s["hidden"])
    if s["batch_size"] is None:
        s["batch_size"] = None
    return s


def loaded_state(s: dict, layers: list, epochs: int) -> dict:
    """The state of a model from a file that kept none (versions 1 and 2): its optimizer starts afresh."""
    from .train import new_state

    state = new_state(s, layers)
    state["epoch"] = epochs
    return state


# ---- strict reading ----

# A JSON string, escapes included; with JSON_STRAY, the lexical check outside strings:
# besides strings, JSON has only whitespace, punctuation, numbers, true, false and null.
# Python's json reads NaN and Infinity and jsonlite reads comments and form feeds: refused
# alike here.
JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
JSON_STRAY = re.compile(r'[^ \t\n\r{}\[\],:0-9eE.+\-truefalsn"]')
JSON_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")
FILE_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
              stat.S_IFSOCK: "a socket"}


def read_json_strictly(path: str) -> tuple[str, Any]:
    """Read `path` as a model file's JSON: return (text, doc).

    One rule in both languages, checked in this order: a regular file, no byte-order mark,
    UTF-8, only JSON's tokens outside strings, nesting at most MODEL_MAX_DEPTH, valid
    JSON, each key once per object, no \\u0000 or unpaired surrogate escape.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        abort('`path` must be an existing file, not "%s".', path, arg="path")
    except OSError as e:
        file_error(path, 'could not be read: %s.', e.strerror)
    if not stat.S_ISREG(mode):
        file_error(path, 'is %s, not a model file; only a regular file is read.',
              FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        file_error(path, 'could not be read: %s.', e.strerror)
    if data.startswith(b"\xef\xbb\xbf"):
        file_error(path, 'starts with a byte-order mark; a model file is UTF-8 without one.')

    def not_json() -> NoReturn:
        file_error(path, 'is not valid JSON; the file is truncated or corrupted.')

    # A NUL byte is valid UTF-8 but never valid JSON; R's strings cannot hold it.
    if b"\x00" in data:
        not_json()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        file_error(path, 'is not valid UTF-8; the file is corrupted.')
    outside = JSON_STRING.sub('""', text)
    if JSON_STRAY.search(outside):
        not_json()
    if json_depth(outside) > MODEL_MAX_DEPTH:
        file_error(path, "nests JSON deeper than a model file's %d levels; the file is corrupted.", MODEL_MAX_DEPTH)
    duplicate: list[str] = []
    try:
        doc = json.loads(text, object_pairs_hook=lambda pairs: object_without_duplicates(pairs, duplicate),
                         parse_int=parse_int)
    except ValueError:
        not_json()
    if duplicate:
        file_error(path, 'has the key "%s" twice in one JSON object; a model file has each key once.', duplicate[0])
    if has_bad_escape(text):
        file_error(path, 'has a string with a \\u0000 or unpaired surrogate escape, which is not text.')
    return text, doc


def json_depth(outside: str) -> int:
    """The deepest nesting of brackets in `outside` (the text with its strings emptied).

    Counted without parsing, so that json does not recurse into a deeply nested file.
    """
    brackets = np.frombuffer(re.sub(r"[^\[\]{}]", "", outside).encode("ascii"), dtype=np.uint8)
    if brackets.size == 0:
        return 0
    steps = np.where((brackets == ord("[")) | (brackets == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def object_without_duplicates(pairs: list, duplicate: list) -> dict:
    """A JSON object as a dict; the first key found twice goes to `duplicate`.

    json calls this as each object closes, the order R's first_duplicate_key() follows.
    """
    seen: set = set()
    for k, _ in pairs:
        if k in seen and not duplicate:
            duplicate.append(k)
        seen.add(k)
    return dict(pairs)


def parse_int(s: str) -> int | float:
    """A JSON integer; one too long for a 64-bit integer is read as R reads it, a double (inf past 1e308)."""
    return int(s) if len(s) <= 18 else float(s)


def has_bad_escape(text: str) -> bool:
    """Whether a string of the (valid) JSON `text` has a \\u0000 escape, which R strings cannot
    hold, or a surrogate escape that is not half of a pair, which is not a character."""
    if "\\u" not in text:
        return False
    escapes = [(m.start(), int(m.group()[2:], 16)) for m in JSON_ESCAPE.finditer(text) if m.group().startswith("\\u")]
    for i, (pos, code) in enumerate(escapes):
        if code == 0:
            return True
        if 0xD800 <= code <= 0xDBFF:
            nxt = escapes[i + 1] if i + 1 < len(escapes) else None
            if nxt is None or nxt[0] != pos + 6 or not 0xDC00 <= nxt[1] <= 0xDFFF:
                return True
        if 0xDC00 <= code <= 0xDFFF:
            prev = escapes[i - 1] if i > 0 else None
            if prev is None or prev[0] != pos - 6 or not 0xD800 <= prev[1] <= 0xDBFF:
                return True
    return False


def check_checksum(text: str, doc: dict, path: str) -> None:
    """A version 2 file ends with its checksum; see the top of this module."""
    checksum = doc.get("checksum")
    if "checksum" not in doc:
        file_error(path, 'is a broken nnscratch model file: the top level lacks the key "checksum".')
    ok = isinstance(checksum, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", checksum) is not None
    if ok:
        ending = ',\n  "checksum": "%s"\n}\n' % checksum
        ok = text.endswith(ending) and model_checksum(text[: len(text) - len(ending)] + "\n}\n") == checksum
    if not ok:
        file_error(path, 'was modified or corrupted: its checksum does not match its content.')


def model_checksum(text: str) -> str:
    """Return "sha256:" and the SHA-256 of `text`'s UTF-8 bytes, in lowercase hex."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- the JSON values of a model file ----


def json_kind(x: Any) -> str:
    if isinstance(x, dict):
        return "object"
    if isinstance(x, list):
        return "array"
    if isinstance(x, str):
        return "string"
    if isinstance(x, bool):
        return "boolean"
    return "null" if x is None else "number"


def describe_json(doc: dict, key: str) -> str:
    """How the value of `key` in the object `doc` is shown in a message.

    Its JSON for a string, number, boolean or null, its kind otherwise, or "missing".
    """
    if key not in doc:
        return "missing"
    x = doc[key]
    if x is None:
        return "null"
    if isinstance(x, (dict, list)):
        return "an %s" % json_kind(x)
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, str):
        return '"%s"' % x
    return format(float(x), ".15g")


def is_json_number(x: Any) -> bool:
    # a number too large for a double, such as 1e999, reads as inf: refused
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def is_count(x: Any) -> bool:
    return is_json_number(x) and x == round(x) and x >= 1


def is_json_strings(x: Any) -> bool:
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


def check_keys(x: dict, keys: tuple, required: tuple | None = None, where: str | None = None,
               broken: Callable[..., NoReturn] = abort) -> None:
    """Check that the object `x` has only the keys `keys` and all of `required` (default: all).

    The first unknown key, in the file's order, then the first missing one is the error.
    """
    place = "the top level" if where is None else "`%s`" % where
    unknown = [k for k in x if k not in keys]
    if unknown:
        broken('%s has an unknown key "%s".', place, unknown[0])
    missing = [k for k in (keys if required is None else required) if k not in x]
    if missing:
        broken('%s lacks the key "%s".', place, missing[0])


def section(parent: Any, key: Any, keys: tuple, required: tuple | None = None,
            broken: Callable[..., NoReturn] = abort, where: str | None = None) -> dict:
    """The object at `key` of `parent`, its keys checked."""
    where = key if where is None else where
    x = parent[key]
    if not isinstance(x, dict):
        broken("`%s` must be an object, not a JSON %s.", where, json_kind(x))
    check_keys(x, keys, required, where, broken)
    return x


def json_numbers(x: Any) -> np.ndarray | None:
    """A JSON list of numbers as a float64 vector; None if it is anything else."""
    if not isinstance(x, list) or not all(is_json_number(v) for v in x):
        return None
    return np.asarray(x, dtype=np.float64)


def json_matrix(x: Any, rows: int, cols: int) -> np.ndarray | None:
    """A JSON list of rows as a (rows, cols) float64 matrix; None if it has another shape or holds anything but numbers."""
    if not isinstance(x, list) or len(x) != rows:
        return None
    for r in x:
        v = json_numbers(r)
        if v is None or len(v) != cols:
            return None
    return np.asarray(x, dtype=np.float64).reshape(rows, cols)


def json_labels(x: Any) -> np.ndarray | None:
    """A JSON list of labels with their type; None for a mix or anything else.

    Strings give a str array, booleans a bool array, whole numbers written as integers (no
    fraction or exponent, within R's integers) an int64 array.
    """
    if not isinstance(x, list) or not x:
        return None
    if all(isinstance(v, str) for v in x):
        return np.asarray(x, dtype=str)
    if all(isinstance(v, bool) for v in x):
        return np.asarray(x, dtype=bool)
    if all(isinstance(v, int) and not isinstance(v, bool) and abs(v) <= LABEL_MAX for v in x):
        return np.asarray(x, dtype=np.int64)
    return None


# ---- writing ----


def json_value(x: Any) -> str:
    """JSON text for a value: a 2-D array is a list of its rows, a dict an object.

    Integers as integers, floats with "%.17g" (-0 as -0.0).
    """
    if x is None:
        return "null"
    if isinstance(x, np.ndarray):
        return json_value(x.tolist())
    if isinstance(x, dict):
        return "{" + ",".join("%s:%s" % (json_string(k), json_value(v)) for k, v in x.items()) + "}"
    if isinstance(x, (list, tuple)):
        return "[" + ",".join(json_value(v) for v in x) + "]"
    if isinstance(x, (bool, np.bool_)):
        return "true" if x else "false"
    if isinstance(x, (int, np.integer)):
        return "%d" % x
    if isinstance(x, str):
        return json_string(x)
    x = float(x)
    return "-0.0" if x == 0 and math.copysign(1, x) < 0 else "%.17g" % x


JSON_SHORT_ESCAPES = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"}


def json_string(s: str) -> str:
    """A JSON string: `"` and `\\` escaped, control characters as \\n, \\r, \\t, \\b, \\f or
    \\u00XX, everything else as its UTF-8."""
    chars = [JSON_SHORT_ESCAPES.get(ord(c), "\\u%04x" % ord(c) if ord(c) < 32 else c) for c in s]
    return '"' + "".join(chars) + '"'


# Write failures that mean the file could not grow; R cannot tell them apart, so both
# languages name them alike.
NO_ROOM = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def write_atomic(text: str, path: str) -> None:
    """Write `text` to a temporary file in the folder of `path`, then rename it to `path`.

    A rename within one folder is atomic, so readers see the old file or the new one,
    never half of one. Every step is checked: the temporary file is renamed only when it
    holds every byte, flushed to the disk, and is closed; otherwise it is removed and the
    error names `path` and the cause.
    """
    data = text.encode("utf-8")
    tmp = None
    written = 0
    try:
        try:
            fd, tmp = tempfile.mkstemp(prefix=".nnscratch-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(path)))
        except OSError as e:
            file_error(path, 'could not be written: %s.', e.strerror)
        try:
            try:
                while written < len(data):
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            if e.errno in NO_ROOM:
                file_error(path, "could not be written: the disk is full or a file size limit was reached "
                           "(%d of %d bytes written).", written, len(data))
            file_error(path, 'could not be written: %s.', e.strerror)
        # mkstemp makes the file private; give it the mode a new file gets
        umask = os.umask(0)
        os.umask(umask)
        try:
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except OSError as e:
            file_error(path, 'could not be written: %s.', e.strerror)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
