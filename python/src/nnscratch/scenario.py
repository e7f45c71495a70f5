"""Shared scenarios in data/, read the same way by R/scenario.R."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import numpy as np

from .errors import abort, describe
from .printing import Scenario


def data_dir() -> Path:
    """Return the folder that holds scenarios.csv and scenario_settings.csv.

    $NNSCRATCH_DATA if set, else the package's data/ folder: in the
    repository a link to its top-level data/, which the R package reads too;
    in a built wheel a copy of it.
    """
    env = os.environ.get("NNSCRATCH_DATA")
    return Path(env) if env else Path(__file__).resolve().parent / "data"


def read_table(name: str) -> list:
    with open(data_dir() / name, newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def load_scenario(name: str) -> dict:
    """Load a shared scenario: data, fixed initial weights and training settings.

    The R package reads the same files with ``load_scenario()``.

    Parameters
    ----------
    name : str
        The scenario's name, e.g. "article".

    Returns
    -------
    Scenario
        A dict that prints as a four-line summary, with ``name``, ``X``
        (n, p), ``y`` (n, o), ``init`` (the article's params dict for one
        hidden layer, a list of layers otherwise), ``hidden`` (an int for
        one hidden layer, a list of ints otherwise), ``lr``, ``epochs``,
        ``bias``, the ``seed`` and ``scheme`` the initial weights were drawn
        with and ``skip``, the number of uniforms drawn from that seed
        before them, and the ``activation`` (one name for every hidden
        layer), ``output_activation``, ``loss`` and ``decay`` to train with;
        ``data``, the scenario whose X, y and initial weights it shares (its
        own name for a scenario with data of its own); and ``train``, the
        other settings of `train` it runs with (a dict, empty for the
        article's): numbers, TRUE/FALSE, lists of numbers or names.

    Examples
    --------
    >>> s = load_scenario("article")
    >>> s["X"].shape, s["init"]["wh"].shape
    ((3, 4), (4, 3))
    """
    settings = {row["scenario"]: row for row in read_table("scenario_settings.csv")}
    if not isinstance(name, str) or name not in settings:
        abort(
            "`name` must be one of %s, not %s.",
            ", ".join('"%s"' % s for s in settings), describe(name),
        )
    s = settings[name]
    values = [row for row in read_table("scenarios.csv") if row["scenario"] == s["data"]]

    def get(m: str) -> np.ndarray:
        return scenario_matrix([row for row in values if row["matrix"] == m])

    bias = s["bias"] == "TRUE"
    hidden = [int(h) for h in s["hidden"].split(" ")]
    if len(hidden) == 1:
        init: Any = {
            "wh": get("wh"),
            "bh": get("bh") if bias else None,
            "wout": get("wout"),
            "bout": get("bout") if bias else None,
        }
    else:
        init = [
            {"W": get("W%d" % i), "b": get("b%d" % i) if bias else None}
            for i in range(1, len(hidden) + 2)
        ]
    return Scenario({
        "name": name,
        "X": get("X"),
        "y": get("y"),
        "init": init,
        "hidden": hidden[0] if len(hidden) == 1 else hidden,
        "lr": float(s["lr"]),
        "epochs": int(s["epochs"]),
        "bias": bias,
        "seed": int(s["seed"]),
        "scheme": s["scheme"],
        "skip": int(s["skip"]),
        "activation": s["activation"],
        "output_activation": s["output_activation"],
        "loss": s["loss"],
        "decay": float(s["decay"]),
        "data": s["data"],
        "train": train_settings(s["train"]),
    })


def train_settings(text: str) -> dict:
    """Read a scenario's other settings of train: "name=value" pairs separated by spaces.

    A value is TRUE or FALSE, a number, numbers separated by commas (a
    list), or a name; R's load_scenario() reads them alike.
    """
    settings: dict = {}
    for pair in text.split():
        name, value = pair.split("=")
        if value in ("TRUE", "FALSE"):
            settings[name] = value == "TRUE"
        elif "," in value:
            settings[name] = [float(v) for v in value.split(",")]
        else:
            try:
                settings[name] = float(value)
            except ValueError:
                settings[name] = value
    return settings


def scenario_matrix(rows: list) -> np.ndarray:
    """Rebuild a matrix from its long-format rows (row, col, value)."""
    i = np.array([int(r["row"]) for r in rows]) - 1
    j = np.array([int(r["col"]) for r in rows]) - 1
    m = np.full((i.max() + 1, j.max() + 1), np.nan)
    m[i, j] = [float(r["value"]) for r in rows]
    return m
