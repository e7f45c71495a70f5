"""Model files: one JSON format that Python and R both write and read. Twin of R/model_file.R.

A file holds, in this order: "format": "nnscratch-model", "version": 1,
"architecture" (n_input, hidden, n_output, bias), "weights" (wh, bh, wout,
bout, each a matrix stored row by row as a list of rows; bh and bout null
without biases), "settings" (lr, epochs, seed, scheme), "loss" (one number
per epoch), "classes" (the class labels, or null) and "feature_names" (the
training columns' names, or null). Python writes each number with repr,
the shortest text that reads back to the same double; R writes 17
significant digits, which also read back exactly.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from typing import Any

import numpy as np

from .layers import from_article, to_article
from .mlp import MLP
from .validate import abort, describe

MODEL_FORMAT = "nnscratch-model"
MODEL_VERSION = 1


def save_model(model: MLP, path: str | os.PathLike) -> str:
    """Save a fitted MLP to a JSON file that R's ``load_model()`` reads too.

    The file holds the architecture, every weight (so a loaded model
    predicts bit for bit as the saved one), the training settings, the loss
    of each epoch, the class labels and the feature names. ``init`` and
    ``trace_every`` are not saved. Writing is atomic: the text goes to a
    temporary file in the same folder, which is then renamed to `path`, so
    a crash never leaves half a file behind.

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
    p = to_article(model.fitted_layers())
    numbers = [p[k] for k in ("wh", "bh", "wout", "bout") if p[k] is not None]
    # the settings the model was fitted with, not its current hyper-parameters
    fitted = model.settings_
    if not all(np.all(np.isfinite(a)) for a in [*numbers, model.loss_curve_]) or not math.isfinite(fitted["lr"]):
        abort("`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf.")
    names = getattr(model, "feature_names_in_", None)
    doc = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "architecture": {
            "n_input": int(p["wh"].shape[0]), "hidden": int(p["wh"].shape[1]),
            "n_output": int(p["wout"].shape[1]), "bias": p["bh"] is not None,
        },
        "weights": {k: None if p[k] is None else p[k].tolist() for k in ("wh", "bh", "wout", "bout")},
        "settings": {
            "lr": float(fitted["lr"]), "epochs": int(model.n_epochs_),
            "seed": None if fitted["seed"] is None else int(fitted["seed"]), "scheme": fitted["scheme"],
        },
        "loss": np.asarray(model.loss_curve_, dtype=np.float64).tolist(),
        "classes": None if model.classes_ is None else np.asarray(model.classes_).tolist(),
        "feature_names": None if names is None else [str(n) for n in names],
    }
    fields = [f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in doc.items()]
    write_atomic("{\n" + ",\n".join(fields) + "\n}\n", path)
    return path


def load_model(path: str | os.PathLike) -> MLP:
    """Load a model saved by `save_model` here or by ``save_model()`` in R.

    Loading reads JSON only and never runs code. A truncated or corrupted
    file, another format, another version or weights of the wrong shape are
    errors that say which.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    MLP
        A fitted MLP (with an empty ``trace_``).
    """
    path = check_path(path)
    if not os.path.isfile(path):
        abort('`path` must be an existing file, not "%s".', path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, parse_constant=reject_constant)
    except (ValueError, UnicodeDecodeError):
        # A NUL byte or an empty file fails here too, as corrupted.
        abort('`path` ("%s") is not valid JSON; the file is truncated or corrupted.', path)

    def broken(fmt: str, *args: Any) -> None:
        abort('`path` ("%s") is a broken nnscratch model file: %s', path, fmt % args)

    if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
        abort(
            '`path` ("%s") is not an nnscratch model file: its "format" is %s, not "%s".',
            path, describe(doc.get("format") if isinstance(doc, dict) else None), MODEL_FORMAT,
        )
    version = doc.get("version")
    if not is_json_number(version) or version != MODEL_VERSION:
        abort(
            '`path` ("%s") is a version %s nnscratch model file; this nnscratch reads version %d.',
            path, describe(version), MODEL_VERSION,
        )
    a = doc.get("architecture")
    a = a if isinstance(a, dict) else {}
    for k in ("n_input", "hidden", "n_output"):
        if not is_whole(a.get(k)):
            broken("`architecture.%s` must be a whole number >= 1.", k)
    if not isinstance(a.get("bias"), bool):
        broken("`architecture.bias` must be true or false.")
    p, h, o, bias = int(a["n_input"]), int(a["hidden"]), int(a["n_output"]), a["bias"]
    w = doc.get("weights")
    w = w if isinstance(w, dict) else {}
    shapes = {"wh": (p, h), "bh": (1, h), "wout": (h, o), "bout": (1, o)}
    params: dict = {"wh": None, "bh": None, "wout": None, "bout": None}
    for k, (rows, cols) in shapes.items():
        if k in ("bh", "bout") and not bias:
            if w.get(k) is not None:
                broken("`weights.%s` must be null, as `architecture.bias` is false.", k)
            continue
        params[k] = json_matrix(w.get(k), rows, cols)
        if params[k] is None:
            broken("`weights.%s` must be a list of %d rows of %d numbers each.", k, rows, cols)
    st = doc.get("settings")
    st = st if isinstance(st, dict) else {}
    if not is_json_number(st.get("lr")) or not st["lr"] > 0:
        broken("`settings.lr` must be a positive number.")
    if not is_whole(st.get("epochs")):
        broken("`settings.epochs` must be a whole number >= 1.")
    loss = json_numbers(doc.get("loss"))
    if loss is None or len(loss) != st["epochs"]:
        broken("`loss` must be a list of %d numbers, one per epoch.", int(st["epochs"]))
    classes = json_labels(doc.get("classes"))
    n_classes = 2 if o == 1 else o
    if doc.get("classes") is not None and (classes is None or len(classes) != n_classes):
        broken("`classes` must be null or a list of %d labels, one per class.", n_classes)
    feature_names = json_labels(doc.get("feature_names"))
    if doc.get("feature_names") is not None and (feature_names is None or len(feature_names) != p):
        broken("`feature_names` must be null or a list of %d names, one per input.", p)
    seed = st.get("seed")
    model = MLP(
        hidden=h, lr=st["lr"], epochs=int(st["epochs"]), bias=bias,
        seed=seed if is_json_number(seed) else None,
        scheme=st["scheme"] if isinstance(st.get("scheme"), str) else "article_r",
    )
    model.layers_ = from_article(params)
    model.settings_ = {
        "n_input": p, "hidden": [h], "n_output": o, "bias": bias, "activation": ["sigmoid"],
        "output_activation": "sigmoid", "loss": "half_sse", "decay": 0.0, "lr": st["lr"],
        "epochs": int(st["epochs"]), "seed": model.seed, "scheme": model.scheme, "batch_size": None, "exact": False,
    }
    model.loss_curve_ = loss
    model.n_epochs_ = int(st["epochs"])
    model.trace_ = []
    model.n_features_in_ = p
    model.classes_ = classes
    if feature_names is not None:
        model.feature_names_in_ = np.asarray([str(n) for n in feature_names], dtype=object)
    return model


def check_path(path: Any) -> str:
    if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
        abort("`path` must be a file path, a single string, not %s.", describe(path))
    return os.path.expanduser(os.fspath(path))


def reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON; Python's reader would accept them."""
    raise ValueError(f"not JSON: {name}")


def is_json_number(x: Any) -> bool:
    # a number too large for a double, such as 1e999, reads as inf: refused
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def is_whole(x: Any) -> bool:
    return is_json_number(x) and math.isfinite(x) and x == round(x) and x >= 1


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
    """A JSON list of labels (strings, numbers or booleans) as an array; None for null or anything else."""
    if not isinstance(x, list) or not x or not all(isinstance(v, (str, int, float)) for v in x):
        return None
    return np.asarray(x)


def write_atomic(text: str, path: str) -> None:
    """Write `text` to a temporary file in the folder of `path`, then rename it to `path`.

    A rename within one folder is atomic, so readers see the old file or
    the new one, never half of one.
    """
    fd, tmp = tempfile.mkstemp(prefix=".nnscratch-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private; give it the mode a new file gets
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
