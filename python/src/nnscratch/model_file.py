"""Model files: one JSON format that Python and R both write and read. Twin of R/model_file.R,
which writes the same bytes for the same model.

Version 2, written by `save_model`, holds one member per line, in this order:

- "format": "nnscratch-model", "version": 2;
- "architecture": n_input, hidden (a list, one size per hidden layer), n_output, bias,
  activation (one per hidden layer), output_activation;
- "layers": one {"W", "b"} per layer, input to output; W is fan_in x fan_out and b
  1 x fan_out (null without biases), each a list of rows;
- "settings": lr, epochs, seed, scheme, loss, decay, batch_size, exact;
- "loss": one number per epoch;
- "classes": the class labels (all strings, all whole numbers or all booleans, so that
  their type survives), or null;
- "feature_names": the training columns' names, or null;
- "scale": {"min", "max"}, one number per input each, only when the model scales its inputs;
- "checksum": "sha256:" and the SHA-256 of the canonical content, below.

Version 1 (one sigmoid hidden layer, half_sse, no decay) had "weights" (wh, bh, wout, bout)
in place of "architecture"'s lists and "layers", and no checksum; it still loads.

Numbers are written with C's "%.17g" (and -0 as -0.0), which reads back to the same
double, and strings with the escapes of `json_string` below; Python and R therefore write
the same bytes for the same model.

The checksum. The canonical content of a file is its own UTF-8 bytes without its last
member: the file ends with ``,\\n  "checksum": "sha256:<64 lowercase hex digits>"\\n}\\n``
and the canonical content is the file with that ending replaced by ``\\n}\\n``, i.e. the
text as written before the checksum was added. Hashing the bytes, not the parsed values,
means that no number has to be formatted again to check a file, so Python and R agree by
construction; any change, a digit or a space, is reported as a modified file.

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
from typing import Any, Callable, NoReturn

import numpy as np

from .layers import from_article
from .mlp import MLP
from .validate import abort, describe

MODEL_FORMAT = "nnscratch-model"
MODEL_VERSION = 2
# A version 2 file nests five deep: the document, "layers", a layer, "W", a row of "W".
MODEL_MAX_DEPTH = 5
LABEL_MAX = 2147483647


def save_model(model: MLP, path: str | os.PathLike) -> str:
    """Save a fitted MLP to a JSON file that R's ``load_model()`` reads too.

    Python and R write the same bytes for the same model. The file holds the architecture,
    every weight (so a loaded model predicts bit for bit as the saved one), the training
    settings, the loss of each epoch, the class labels (strings, whole numbers or
    booleans, which keep their type), the feature names and a SHA-256 checksum of the rest
    of the file. ``init`` and ``trace_every`` are not saved.

    Writing is atomic and checked: the text goes to a temporary file in the same folder;
    only when every byte of it is written, flushed to the disk and the file closed is it
    renamed to `path`. Otherwise the temporary file is removed, any file already at `path`
    is left as it was, and the error names `path` and the cause (no permission, a folder,
    a full disk or a file size limit). Labels that JSON cannot hold (dates, for instance)
    are refused before anything is written.

    Parameters
    ----------
    model : MLP
        A fitted MLP.
    path : str or path-like
        The file's path; by convention it ends in ``.json``.

    Returns
    -------
    str
        `path`.
    """
    if not isinstance(model, MLP) or not hasattr(model, "layers_"):
        abort("`model` must be a fitted nnscratch network, not %s.", describe(model))
    path = check_path(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        abort('`path` must be in an existing folder; "%s" does not exist.', os.path.dirname(path))
    if os.path.isdir(path):
        abort('`path` ("%s") could not be written: it is a folder.', path)
    doc = model_document(model)
    fields = ["  %s: %s" % (json_string(k), json_value(v)) for k, v in doc.items()]
    text = "{\n" + ",\n".join(fields) + "\n}\n"
    text = "{\n" + ",\n".join(fields) + ',\n  "checksum": "%s"\n}\n' % model_checksum(text)
    write_atomic(text, path)
    return path


def load_model(path: str | os.PathLike) -> MLP:
    """Load a model saved by `save_model` here or by ``save_model()`` in R.

    Loading reads JSON only and never runs code, and opens only regular files (a folder,
    FIFO or device is refused at once). It refuses, with an error that says which: a
    truncated or corrupted file, a byte-order mark, invalid UTF-8, a key that appears
    twice or that the format does not have, nesting deeper than the format's, another
    format or version, weights of the wrong shape, and a version 2 file whose checksum
    does not match its content ("modified or corrupted"). Version 1 files, written before
    the checksum existed, still load; the loaded model's ``model_file_`` is
    ``{"version": 1, "checksum": None}`` for them, and holds the checksum for version 2.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    MLP
        A fitted MLP (with an empty ``trace_``).
    """
    path = check_path(path)
    text, doc = read_json_strictly(path)

    def broken(fmt: str, *args: Any) -> NoReturn:
        abort('`path` ("%s") is a broken nnscratch model file: %s', path, fmt % args)

    if not isinstance(doc, dict):
        abort('`path` ("%s") is not an nnscratch model file: it holds a JSON %s, not an object.', path, json_kind(doc))
    if doc.get("format") != MODEL_FORMAT or not isinstance(doc.get("format"), str):
        abort(
            '`path` ("%s") is not an nnscratch model file: its "format" is %s, not "%s".',
            path, describe_json(doc, "format"), MODEL_FORMAT,
        )
    version = doc.get("version")
    if not is_json_number(version) or version not in (1, 2):
        abort(
            '`path` ("%s") is an nnscratch model file whose "version" is %s; this nnscratch reads versions 1 and 2.',
            path, describe_json(doc, "version"),
        )
    if version == 2:
        check_checksum(text, doc, path)
    model = read_v1(doc, broken) if version == 1 else read_v2(doc, broken)
    # not a fitted parameter of the estimator: what the file said about itself
    model.model_file_ = {  # type: ignore[attr-defined]
        "version": int(version), "checksum": doc["checksum"] if version == 2 else None,
    }
    return model


def check_path(path: Any) -> str:
    if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
        abort("`path` must be a file path, a single string, not %s.", describe(path))
    return os.path.expanduser(os.fspath(path))


def model_document(model: MLP) -> dict:
    """Return the document `save_model` writes, in the file's order.

    The model's classes must be labels JSON holds with their type; this is checked here,
    before anything is written.
    """
    st = model.settings_
    layers = [{"W": layer["W"], "b": layer["b"]} for layer in model.layers_]
    arrays = [a for layer in layers for a in layer.values() if a is not None]
    if not all(np.all(np.isfinite(a)) for a in [*arrays, model.loss_curve_]) or not math.isfinite(st["lr"]):
        abort("`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf.")
    classes = check_labels(model.classes_)
    names = getattr(model, "feature_names_in_", None)
    scale = getattr(model, "scale_", None)
    hidden = [int(h) for h in st["hidden"]]
    activation = st["activation"]
    doc: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "architecture": {
            "n_input": int(st["n_input"]), "hidden": hidden, "n_output": int(st["n_output"]), "bias": bool(st["bias"]),
            "activation": [activation] * len(hidden) if isinstance(activation, str) else list(activation),
            "output_activation": st["output_activation"],
        },
        "layers": layers,
        "settings": {
            "lr": float(st["lr"]), "epochs": int(st["epochs"]),
            "seed": None if st["seed"] is None else int(st["seed"]),
            "scheme": "article_r" if st["scheme"] is None else st["scheme"],
            "loss": st["loss"], "decay": float(st["decay"]),
            "batch_size": None if st["batch_size"] is None else int(st["batch_size"]), "exact": bool(st["exact"]),
        },
        "loss": np.asarray(model.loss_curve_, dtype=np.float64),
        "classes": classes,
        "feature_names": None if names is None else [str(n) for n in names],
    }
    if scale is not None:
        doc["scale"] = {"min": np.asarray(scale["min"], dtype=np.float64), "max": np.asarray(scale["max"], dtype=np.float64)}
    return doc


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
        "labels of type %s" % type(bad).__name__,
    )


def read_v1(doc: dict, broken: Callable[..., NoReturn]) -> MLP:
    """A version 1 file: one sigmoid hidden layer, half_sse, no decay, no checksum.

    "seed" and "scheme" may be missing (a missing scheme is the default, "article_r", in
    both languages).
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
    settings = read_settings(st, broken)
    settings.update(n_input=p, hidden=[h], n_output=o, bias=bias, activation=["sigmoid"], output_activation="sigmoid",
                    loss="half_sse", decay=0.0, batch_size=None, exact=False)
    return build_model(from_article(params), doc, settings, None, broken)


def read_v2(doc: dict, broken: Callable[..., NoReturn]) -> MLP:
    """A version 2 file, its checksum already checked."""
    top = ("format", "version", "architecture", "layers", "settings", "loss", "classes", "feature_names", "scale",
           "checksum")
    check_keys(doc, top, tuple(k for k in top if k != "scale"), broken=broken)
    a = section(doc, "architecture", ("n_input", "hidden", "n_output", "bias", "activation", "output_activation"),
                broken=broken)
    for k in ("n_input", "n_output"):
        if not is_count(a[k]):
            broken("`architecture.%s` must be a whole number >= 1.", k)
    hidden = a["hidden"]
    if not isinstance(hidden, list) or not hidden or not all(is_count(v) for v in hidden):
        broken("`architecture.hidden` must be a list of whole numbers >= 1, one per hidden layer.")
    hidden = [int(v) for v in hidden]
    if not isinstance(a["bias"], bool):
        broken("`architecture.bias` must be true or false.")
    bias = a["bias"]
    activation = a["activation"]
    if not is_json_strings(activation) or len(activation) != len(hidden) or \
            not all(v in ("sigmoid", "tanh", "relu") for v in activation):
        broken('`architecture.activation` must be a list of %d of "sigmoid", "tanh" or "relu", one per hidden layer.',
               len(hidden))
    output_activation = a["output_activation"]
    if not isinstance(output_activation, str) or output_activation not in ("sigmoid", "softmax", "identity"):
        broken('`architecture.output_activation` must be "sigmoid", "softmax" or "identity".')
    sizes = [int(a["n_input"]), *hidden, int(a["n_output"])]
    file_layers = doc["layers"]
    if not isinstance(file_layers, list) or len(file_layers) != len(sizes) - 1:
        broken("`layers` must be a list of %d layers, one per hidden layer and the output.", len(sizes) - 1)
    layers = []
    for i in range(len(file_layers)):
        where = "layers[%d]" % (i + 1)
        layer = section(file_layers, i, ("W", "b"), where=where, broken=broken)
        W = json_matrix(layer["W"], sizes[i], sizes[i + 1])
        if W is None:
            broken("`%s.W` must be a list of %d rows of %d numbers each.", where, sizes[i], sizes[i + 1])
        if not bias:
            if layer["b"] is not None:
                broken("`%s.b` must be null, as `architecture.bias` is false.", where)
            layers.append({"W": W, "b": None})
            continue
        b = json_matrix(layer["b"], 1, sizes[i + 1])
        if b is None:
            broken("`%s.b` must be a list of 1 rows of %d numbers each.", where, sizes[i + 1])
        layers.append({"W": W, "b": b})
    st = section(doc, "settings", ("lr", "epochs", "seed", "scheme", "loss", "decay", "batch_size", "exact"),
                 broken=broken)
    settings = read_settings(st, broken)
    if not isinstance(st["loss"], str) or st["loss"] not in ("half_sse", "half_mse", "log_loss"):
        broken('`settings.loss` must be "half_sse", "half_mse" or "log_loss".')
    if not is_json_number(st["decay"]) or st["decay"] < 0:
        broken("`settings.decay` must be a number >= 0.")
    if st["batch_size"] is not None and not is_count(st["batch_size"]):
        broken("`settings.batch_size` must be null or a whole number >= 1.")
    if not isinstance(st["exact"], bool):
        broken("`settings.exact` must be true or false.")
    scale = None
    if "scale" in doc:
        sc = section(doc, "scale", ("min", "max"), broken=broken)
        scale = {"min": json_numbers(sc["min"]), "max": json_numbers(sc["max"])}
        for k in ("min", "max"):
            v = scale[k]
            if v is None or len(v) != sizes[0]:
                broken("`scale.%s` must be a list of %d numbers, one per input.", k, sizes[0])
    settings.update(
        n_input=sizes[0], hidden=hidden, n_output=sizes[-1], bias=bias, activation=list(activation),
        output_activation=output_activation, loss=st["loss"], decay=float(st["decay"]),
        batch_size=None if st["batch_size"] is None else int(st["batch_size"]), exact=st["exact"],
    )
    return build_model(layers, doc, settings, scale, broken)


def read_settings(st: dict, broken: Callable[..., NoReturn]) -> dict:
    """lr, epochs, seed and scheme, as both versions hold them."""
    if not is_json_number(st["lr"]) or not st["lr"] > 0:
        broken("`settings.lr` must be a positive number.")
    if not is_count(st["epochs"]):
        broken("`settings.epochs` must be a whole number >= 1.")
    seed = st.get("seed")
    if seed is not None and not (is_json_number(seed) and seed == round(seed)):
        broken("`settings.seed` must be null or a whole number.")
    scheme = st.get("scheme", "article_r")
    if not isinstance(scheme, str) or scheme not in ("article_r", "article_numpy"):
        broken('`settings.scheme` must be "article_r" or "article_numpy".')
    return {"lr": st["lr"], "epochs": int(st["epochs"]), "seed": None if seed is None else int(seed), "scheme": scheme}


def build_model(layers: list, doc: dict, settings: dict, scale: dict | None, broken: Callable[..., NoReturn]) -> MLP:
    """The model object, from its layers and settings and the file's loss, classes and feature names."""
    loss = json_numbers(doc["loss"])
    if loss is None or len(loss) != settings["epochs"]:
        broken("`loss` must be a list of %d numbers, one per epoch.", settings["epochs"])
    o = settings["n_output"]
    n_classes = 2 if o == 1 else o
    classes = None
    if doc["classes"] is not None:
        classes = json_labels(doc["classes"])
        if classes is None or len(classes) != n_classes or len(set(classes.tolist())) != len(classes):
            broken(
                "`classes` must be null or a list of %d distinct labels, one per class: "
                "all strings, all whole numbers or all booleans.", n_classes,
            )
    feature_names = doc["feature_names"]
    if feature_names is not None and (not is_json_strings(feature_names) or len(feature_names) != settings["n_input"]):
        broken("`feature_names` must be null or a list of %d names, one per input.", settings["n_input"])
    hidden, activation = settings["hidden"], settings["activation"]
    # The hyper-parameters as a user would give them: one size and one activation name
    # stand for one hidden layer and for the same activation in every layer.
    params: dict[str, Any] = {k: settings[k] for k in ("lr", "epochs", "bias", "seed", "scheme", "batch_size",
                                                       "output_activation", "loss", "decay", "exact")}
    params["hidden"] = hidden[0] if len(hidden) == 1 else tuple(hidden)
    params["activation"] = activation[0] if len(set(activation)) == 1 else list(activation)
    model = MLP(**params)
    model.layers_ = layers
    model.settings_ = {k: settings[k] for k in SETTINGS}
    model.loss_curve_ = loss
    model.n_epochs_ = settings["epochs"]
    model.trace_ = []
    model.n_features_in_ = settings["n_input"]
    model.classes_ = classes
    if feature_names is not None:
        model.feature_names_in_ = np.asarray(feature_names, dtype=object)
    if scale is not None:
        model.scale_ = scale  # type: ignore[attr-defined]
    return model


# The fitted settings, in the order MLP.fit keeps them.
SETTINGS = ("n_input", "hidden", "n_output", "bias", "activation", "output_activation", "loss", "decay", "lr", "epochs",
            "seed", "scheme", "batch_size", "exact")


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
        abort('`path` must be an existing file, not "%s".', path)
    except OSError as e:
        abort('`path` ("%s") could not be read: %s.', path, e.strerror)
    if not stat.S_ISREG(mode):
        abort('`path` ("%s") is %s, not a model file; only a regular file is read.', path,
              FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        abort('`path` ("%s") could not be read: %s.', path, e.strerror)
    if data.startswith(b"\xef\xbb\xbf"):
        abort('`path` ("%s") starts with a byte-order mark; a model file is UTF-8 without one.', path)

    def not_json() -> NoReturn:
        abort('`path` ("%s") is not valid JSON; the file is truncated or corrupted.', path)

    # A NUL byte is valid UTF-8 but never valid JSON; R's strings cannot hold it.
    if b"\x00" in data:
        not_json()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        abort('`path` ("%s") is not valid UTF-8; the file is corrupted.', path)
    outside = JSON_STRING.sub('""', text)
    if JSON_STRAY.search(outside):
        not_json()
    if json_depth(outside) > MODEL_MAX_DEPTH:
        abort("`path` (\"%s\") nests JSON deeper than a model file's %d levels; the file is corrupted.",
              path, MODEL_MAX_DEPTH)
    duplicate: list[str] = []
    try:
        doc = json.loads(text, object_pairs_hook=lambda pairs: object_without_duplicates(pairs, duplicate),
                         parse_int=parse_int)
    except ValueError:
        not_json()
    if duplicate:
        abort('`path` ("%s") has the key "%s" twice in one JSON object; a model file has each key once.',
              path, duplicate[0])
    if has_bad_escape(text):
        abort('`path` ("%s") has a string with a \\u0000 or unpaired surrogate escape, which is not text.', path)
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
        abort('`path` ("%s") is a broken nnscratch model file: the top level lacks the key "checksum".', path)
    ok = isinstance(checksum, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", checksum) is not None
    if ok:
        ending = ',\n  "checksum": "%s"\n}\n' % checksum
        ok = text.endswith(ending) and model_checksum(text[: len(text) - len(ending)] + "\n}\n") == checksum
    if not ok:
        abort('`path` ("%s") was modified or corrupted: its checksum does not match its content.', path)


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
            abort('`path` ("%s") could not be written: %s.', path, e.strerror)
        try:
            try:
                while written < len(data):
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            if e.errno in NO_ROOM:
                abort('`path` ("%s") could not be written: the disk is full or a file size limit was reached '
                      "(%d of %d bytes written).", path, written, len(data))
            abort('`path` ("%s") could not be written: %s.', path, e.strerror)
        # mkstemp makes the file private; give it the mode a new file gets
        umask = os.umask(0)
        os.umask(umask)
        try:
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except OSError as e:
            abort('`path` ("%s") could not be written: %s.', path, e.strerror)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
