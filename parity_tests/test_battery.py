"""A battery of bad input: R and Python both refuse it, with the same message, and change nothing.

Every public function that takes user input is sent bad values for each of
its arguments: train, train_step, forward, init_params, mlp (MLP.fit),
predict, sigmoid, derivatives_sigmoid and load_scenario. The hand-picked
cases are a table of arguments against a vocabulary of bad values (values of
the wrong kind, numbers out of range, non-finite numbers, misshapen
matrices); hypothesis then draws more at random. For each case:

- both languages raise their nnscratch error (not another error, and no
  warning on the way);
- the messages are identical, and name the argument;
- nothing changed: the arguments, an estimator whose fit failed, the model a
  failed predict() read, the random state of each language, and the working
  directory, which stays empty.

All the R calls of a test go to R in one call (bad_values.run_r). R's
predict() takes `newdata` where Python's takes `X`; that name is the one
difference allowed.
"""

from __future__ import annotations

import os
import tempfile
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnscratch as nn

from bad_values import INIT, S, V, X, Y, matrix, named, num, r_call, run_python, run_r, text, vector, with_value

with warnings.catch_warnings():
    warnings.simplefilter("ignore", nn.ConvergenceWarning)
    MODEL = nn.MLP(init=S["init"], epochs=2).fit(S["X"], S["y"])
    # a fit to go on from
    ADAM_FIT = nn.train(S["init"], S["X"], S["y"], 0.1, 2, optimizer="adam")

# The vocabulary of bad values. Each is the same kind of value in both
# languages, as describe()'s table pairs them.
KINDS = {
    "NULL": V(None, "NULL"),
    "NA": V(pd.NA, "NA"),
    "TRUE": V(True, "TRUE"),
    "FALSE": V(False, "FALSE"),
    '"3"': text("3"),
    '"abc"': text("abc"),
    "complex": V(1j, "1i"),
    "vector": vector([1.0, 2.0]),
    "1 x 1 matrix": matrix([[3.0]]),
    # a 1-d array of one number is that number, in both languages
    "1-d array": V(np.array([-3.0]), "array(-3)"),
    "list": V([3.0], "list(3)"),
    "dict": named(a=num(1)),
    "factor": V(pd.Categorical(["a", "b"]), 'factor(c("a", "b"))'),
    "data frame": V(pd.DataFrame({"a": [1.0]}), "data.frame(a = 1)"),
    "text data frame": V(pd.DataFrame({"b": ["x"]}), 'data.frame(b = "x")'),
    "function": V(len, "sum"),
}
NUMBERS = {
    "0": num(0), "-1": num(-1), "2.5": num(2.5), "NaN": num(np.nan), "Inf": num(np.inf), "-Inf": num(-np.inf),
    "2^31": num(2.0**31), "1e10": num(1e10), "-1e-4": num(-1e-4), "1e300": num(1e300),
}


def values(*, skip=(), numbers=True, kinds=True):
    """The vocabulary, without the values in `skip` (those the argument accepts)."""
    out = {}
    if numbers:
        out.update(NUMBERS)
    if kinds:
        out.update(KINDS)
    return {k: v for k, v in out.items() if k not in skip}


# The calls with good arguments; a case changes one of them.
BASE = {
    "train": dict(params=INIT, X=X, y=Y, lr=num(0.1), epochs=num(5)),
    "train_step": dict(params=INIT, X=X, y=Y, lr=num(0.1)),
    "forward": dict(params=INIT, X=X),
    "init_params": dict(n_input=num(4), n_hidden=num(3), n_output=num(1)),
    "mlp": dict(X=X, y=Y, init=INIT, epochs=num(5)),
    "predict": dict(X=X),
    "sigmoid": dict(x=num(0)),
    "derivatives_sigmoid": dict(x=num(0.5)),
    "load_scenario": dict(name=text("article")),
}

FLAGS = values(skip=("TRUE", "FALSE"))
STRINGS = values(skip=("vector",)) | {'"cols"': text("cols"), '""': text(""), '"Rows"': text("Rows")}
# (function, argument, the bad values)
TABLE = [
    ("train", "epochs", values()),
    ("mlp", "epochs", values()),
    # one size per hidden layer: a vector or a list of sizes is a deeper network
    ("mlp", "hidden", values(skip=("vector", "list"))),
    ("init_params", "n_hidden", values(skip=("vector", "list"))),
    ("init_params", "n_input", values()),
    ("init_params", "n_output", values()),
    ("train", "trace_every", values(skip=("0",))),
    ("mlp", "trace_every", values(skip=("0",))),
    ("train", "verbose", values(skip=("0",))),
    ("train", "lr", values(skip=("2.5", "2^31", "1e10", "1e300"))),
    ("train_step", "lr", values(skip=("2.5", "2^31", "1e10", "1e300"))),
    ("mlp", "lr", values(skip=("2.5", "2^31", "1e10", "1e300"))),
    ("train", "batch_size", values(skip=("NULL",))),
    ("train", "seed", values(skip=("NULL", "0", "-1", "1-d array"))),
    ("init_params", "seed", values(skip=("NULL", "0", "-1"), kinds=False) | {"text": text("1")}),
    ("mlp", "seed", {k: NUMBERS[k] for k in ("2.5", "NaN", "Inf", "-1e-4")} | {"text": text("1"), "TRUE": KINDS["TRUE"]}),
    ("train", "progress", FLAGS),
    ("mlp", "bias", FLAGS),
    ("init_params", "bias", {k: FLAGS[k] for k in ("0", "NULL", "NA", '"abc"', "vector", "1 x 1 matrix")}),
    ("train", "layout", STRINGS),
    ("init_params", "scheme", STRINGS),
    ("mlp", "scheme", {k: STRINGS[k] for k in ('"cols"', "NULL", "0", "TRUE", "factor")}),
    ("load_scenario", "name", STRINGS | {'"Article"': text("Article")}),
    ("sigmoid", "x", values(numbers=False, skip=("vector", "1 x 1 matrix", "1-d array", "list"))),
    ("derivatives_sigmoid", "x", values(numbers=False, skip=("vector", "1 x 1 matrix", "1-d array", "list"))),
    # the settings of training beyond the article's
    ("train", "optimizer", STRINGS | {'"Adam"': text("Adam")}),
    ("mlp", "optimizer", {k: STRINGS[k] for k in ('"cols"', "NULL", "0", "TRUE", "factor")}),
    ("train", "schedule", STRINGS),
    ("train", "reduction", STRINGS),
    ("train", "momentum", values(skip=("0",))),
    ("mlp", "beta1", values(skip=("0",))),
    ("train", "beta2", values(skip=("0",))),
    ("train", "rho", values(skip=("0",))),
    ("train", "epsilon", values(skip=("2.5", "2^31", "1e10", "1e300"))),
    ("train", "power_t", values(skip=("0", "2.5", "2^31", "1e10", "1e300"))),
    ("train", "gamma", values()),
    ("train", "tol", values(skip=("0", "2.5", "2^31", "1e10", "1e300"))),
    ("mlp", "tol", values(skip=("0", "2.5", "2^31", "1e10", "1e300"))),
    ("train", "n_iter_no_change", values(skip=("NULL",))),
    ("train", "validation", values(skip=("0",))),
    ("mlp", "validation", values(skip=("0",))),
    ("train", "patience", values()),
    ("train", "early_stopping", FLAGS),
    ("train", "dropout", values(skip=("0",))),
    ("mlp", "dropout", values(skip=("0",))),
    ("mlp", "scale", STRINGS),
    ("train", "record_gradients", FLAGS),
]

# Matrices: X, y, newdata, and the weights in params and init.
BAD_X = {
    "strings": matrix(np.full((3, 4), "a")),
    "logical": matrix(S["X"] > 0),
    "NULL": KINDS["NULL"],
    "one number": num(5),
    "a vector": vector([1.0, 2.0, 3.0]),
    "3-d array": V(np.zeros((3, 4, 2)), "array(0, c(3, 4, 2))"),
    "text data frame": V(pd.DataFrame({"a": [1.0, 2, 3], "b": ["x", "y", "z"]}), 'data.frame(a = c(1, 2, 3), b = c("x", "y", "z"))'),
    "factor": V(pd.Categorical(["a", "b", "a"]), 'factor(c("a", "b", "a"))'),
    "ragged list": V([[1.0, 2.0], [3.0]], "list(c(1, 2), 3)"),
    "NaN": with_value(S["X"], 1, 2, np.nan),
    "Inf": with_value(S["X"], 0, 3, np.inf),
    "-Inf": with_value(S["X"], 2, 0, -np.inf),
    "0 rows": V(np.zeros((0, 4)), "matrix(numeric(0), 0, 4)"),
    "0 columns": V(np.zeros((3, 0)), "matrix(numeric(0), 3, 0)"),
    "3 columns": matrix(S["X"][:, :3]),
}
BAD_Y = {
    "2": with_value(S["y"], 1, 0, 2.0),
    "-0.5": with_value(S["y"], 2, 0, -0.5),
    "NaN": with_value(S["y"], 0, 0, np.nan),
    "Inf": with_value(S["y"], 2, 0, np.inf),
    "strings": vector(["1", "1", "0"]),
    "2 rows": matrix(S["y"][:2]),
    "NULL": KINDS["NULL"],
    "factor": V(pd.Categorical(["a", "b", "a"]), 'factor(c("a", "b", "a"))'),
    "logical": vector([True, True, False]),
    "one number": num(1),
}
W = S["init"]


def params(**change):
    """The article's params with some elements changed (None drops one)."""
    items = {k: matrix(v) for k, v in W.items()}
    items.update(change)
    return named(**{k: v for k, v in items.items() if v is not None})


BAD_PARAMS = {
    "NULL": KINDS["NULL"],
    "empty": V({}, "list()"),
    "unnamed": V([W["wh"], W["wout"]], "list(init$wh, init$wout)"),
    "unknown name": params(whh=num(1)),
    "prefix of a name": params(wh=None, w=matrix(W["wh"])),
    "no wout": params(wout=None, bh=None, bout=None),
    "bh only": params(bout=None),
    "wh transposed": params(wh=matrix(W["wh"].T)),
    "wout 2 x 1": params(wout=matrix(W["wout"][:2])),
    "bh of 2": params(bh=vector([1.0, 2.0])),
    "wh strings": params(wh=matrix(np.full((4, 3), "a"))),
    "wh NaN": params(wh=with_value(W["wh"], 0, 1, np.nan)),
    "bout Inf": params(bout=matrix([[np.inf]])),
    "data frame": V(pd.DataFrame(W["wh"]), "as.data.frame(init$wh)"),
    "text": text("wh"),
    "TRUE": KINDS["TRUE"],
}

MATRIX_TABLE = [
    ("train", "X", BAD_X),
    ("train_step", "X", BAD_X),
    ("forward", "X", BAD_X),
    ("mlp", "X", {k: v for k, v in BAD_X.items() if k != "factor"}),
    ("predict", "X", BAD_X),
    ("train", "y", BAD_Y),
    ("train_step", "y", BAD_Y),
    ("mlp", "y", {k: BAD_Y[k] for k in ("2", "-0.5", "NaN", "Inf", "2 rows", "NULL", "one number")} | {
        "one class": V(pd.Series(["a", "a", "a"], dtype="category"), 'factor(c("a", "a", "a"))'),
        "NA label": V(pd.Series(["a", None, "b"], dtype="category"), 'factor(c("a", NA, "b"))'),
        "labels, 2 rows": vector(["a", "b"]),
    }),
    ("train", "params", BAD_PARAMS),
    ("train_step", "params", BAD_PARAMS),
    ("forward", "params", BAD_PARAMS),
    ("mlp", "init", {k: v for k, v in BAD_PARAMS.items() if k not in ("NULL",)}),
    ("train", "trace_at", {
        "0": vector([0.0, 2.0]), "6": num(6), "1.5": num(1.5), "NaN": num(np.nan), "text": text("a"), "TRUE": KINDS["TRUE"],
    }),
]


def build_cases():
    cases = []
    for fname, arg, bad in TABLE + MATRIX_TABLE:
        for label, value in bad.items():
            args = dict(BASE[fname])
            args[arg] = value
            cases.append(("%s %s %s" % (fname, arg, label), fname, arg, args))
    # Rules between arguments
    cases += [
        ("mlp init with 3 hidden, hidden 2", "mlp", "init", dict(BASE["mlp"], hidden=num(2))),
        ("mlp init with biases, bias FALSE", "mlp", "init", dict(BASE["mlp"], bias=V(False, "FALSE"))),
        ("mlp init without biases", "mlp", "init", dict(BASE["mlp"], init=params(bh=None, bout=None))),
        ("mlp seed 3e9 with mini-batches", "mlp", "seed", dict(BASE["mlp"], seed=num(3e9), batch_size=num(1))),
        ("mlp batch_size 4 of 3", "mlp", "batch_size", dict(BASE["mlp"], batch_size=num(4))),
        ("train trace_at beyond epochs 2", "train", "trace_at", dict(BASE["train"], epochs=num(2), trace_at=num(3))),
        ("init_params numpy seed -1", "init_params", "seed", dict(BASE["init_params"], scheme=text("article_numpy"), seed=num(-1))),
        ("init_params numpy seed 2^32", "init_params", "seed", dict(BASE["init_params"], scheme=text("article_numpy"), seed=num(2.0**32))),
        ("train adaptive without n_iter_no_change", "train", "schedule", dict(BASE["train"], schedule=text("adaptive"))),
        ("train early_stopping without validation", "train", "early_stopping",
         dict(BASE["train"], early_stopping=V(True, "TRUE"))),
        ("train validation of 0.1 holds out no row of 3", "train", "validation", dict(BASE["train"], validation=num(0.1))),
        ("train dropout for 2 layers of 1", "train", "dropout", dict(BASE["train"], dropout=vector([0.1, 0.2]))),
        ("train weights of length 2", "train", "weights", dict(BASE["train"], weights=vector([1.0, 2.0]))),
        ("train weights negative", "train", "weights", dict(BASE["train"], weights=vector([1.0, -2.0, 1.0]))),
        ("train weights NaN", "train", "weights", dict(BASE["train"], weights=vector([1.0, np.nan, 1.0]))),
        ("train weights all zero", "train", "weights", dict(BASE["train"], weights=vector([0.0, 0.0, 0.0]))),
        ("train weights text", "train", "weights", dict(BASE["train"], weights=text("a"))),
        ("train validation_data of 3 columns", "train", "validation_data",
         dict(BASE["train"], validation_data=V([S["X"][:, :3], S["y"]], "list(s$X[, 1:3], s$y)"))),
        ("train validation_data text", "train", "validation_data", dict(BASE["train"], validation_data=text("a"))),
        ("train going on with another optimizer", "train", "optimizer",
         dict(BASE["train"], params=V(ADAM_FIT, "suppressWarnings(train(init, s$X, s$y, 0.1, 2, optimizer = 'adam'))"),
              optimizer=text("momentum"))),
    ]
    return cases


CASES = build_cases()


def names_argument(msg: str, arg: str) -> bool:
    return ("`%s`" % arg) in msg


def check(case_id, fname, arg, r_msg, py_msg):
    if fname == "predict":
        r_msg = r_msg.replace("`newdata`", "`X`")
    assert py_msg == r_msg, "%s: R and Python differ\n  R:      %s\n  Python: %s" % (case_id, r_msg, py_msg)
    assert py_msg != "no error", "%s: accepted by both" % case_id
    assert not any(tag in py_msg for tag in ("Python error", "R error", "[R warning", "[Python")), case_id
    assert names_argument(py_msg, arg), "%s: the message does not name `%s`: %s" % (case_id, arg, py_msg)


@pytest.fixture(scope="module")
def r_messages(r):
    with tempfile.TemporaryDirectory() as d:
        messages, untouched = run_r([r_call(fname, args) for _, fname, _, args in CASES], d)
    return dict(zip([c[0] for c in CASES], messages)), untouched


def test_the_battery_has_at_least_150_distinct_cases():
    assert len({c[0] for c in CASES}) == len(CASES) >= 150
    assert {c[1] for c in CASES} == set(BASE)


def test_r_changed_nothing_in_the_battery(r_messages):
    assert r_messages[1], "R's random state or its working directory changed"


@pytest.mark.parametrize("case_id, fname, arg, args", CASES, ids=[c[0] for c in CASES])
def test_both_refuse_with_the_same_message(r_messages, case_id, fname, arg, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    py_msg = run_python(fname, args, MODEL)
    assert os.listdir(tmp_path) == []
    check(case_id, fname, arg, r_messages[0][case_id], py_msg)


def test_numpy_uniform_refuses_what_numpy_refuses_in_the_shared_words(r):
    """R's twin of numpy's generator; Python has numpy itself, whose own words differ.

    R's message is the one Python's describe() gives for the same value.
    """
    from nnscratch.validate import describe

    cases = [(a, v) for a, bad in (("n", values(skip=("0",))), ("seed", values(skip=("0", "2^31"))))
             for v in bad.values()]
    codes = ["numpy_uniform(%s)" % ("n = %s, seed = 1" % v.r if a == "n" else "n = 3, seed = %s" % v.r) for a, v in cases]
    with tempfile.TemporaryDirectory() as d:
        messages, untouched = run_r(codes, d)
    assert untouched
    for (a, v), msg in zip(cases, messages):
        rule = "a whole number from 0 to 2147483647" if a == "n" else "a whole number from 0 to 2^32 - 1"
        assert msg == "`%s` must be %s, not %s." % (a, rule, describe(v.py))


# Random bad values, each sent to the function and argument it suits.
COUNTS = [("train", "epochs", 1), ("mlp", "hidden", 1), ("init_params", "n_hidden", 1), ("init_params", "n_output", 1),
          ("train", "trace_every", 0), ("train", "verbose", 0), ("mlp", "epochs", 1)]


def floats(**kw):
    return st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False, **kw)


@st.composite
def bad_count(draw):
    fname, arg, lo = draw(st.sampled_from(COUNTS))
    value = draw(st.one_of(
        st.integers(min_value=-(2**53), max_value=lo - 1).map(float),
        st.integers(min_value=2**31, max_value=2**53).map(float),
        floats(min_value=-1e300, max_value=1e300).filter(lambda x: x != round(x)),
        floats(min_value=2.0**31, max_value=1e300),
    ))
    return fname, arg, {arg: num(value)}


@st.composite
def bad_lr(draw):
    fname = draw(st.sampled_from(["train", "train_step", "mlp"]))
    return fname, "lr", {"lr": num(draw(st.one_of(floats(min_value=-1e300, max_value=0.0), st.sampled_from([np.nan, np.inf, -np.inf]))))}


@st.composite
def bad_cell(draw):
    fname, arg = draw(st.sampled_from([("train", "X"), ("forward", "X"), ("train_step", "y"), ("mlp", "y"), ("predict", "X")]))
    a = S["X"] if arg == "X" else S["y"]
    i = draw(st.integers(0, a.shape[0] - 1))
    j = draw(st.integers(0, a.shape[1] - 1))
    if arg == "y":
        # bounds, not filters: hypothesis takes -0.0 to be below 0.0
        v = draw(st.one_of(floats(min_value=float(np.nextafter(1.0, 2.0)), max_value=1e300),
                           floats(min_value=-1e300, max_value=-1e-300),
                           st.sampled_from([np.nan, np.inf, -np.inf])))
    else:
        v = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    return fname, arg, {arg: with_value(a, i, j, v)}


@st.composite
def bad_string(draw):
    fname, arg, good = draw(st.sampled_from([
        ("train", "layout", {"rows", "columns"}), ("init_params", "scheme", {"article_r", "article_numpy"}),
        ("load_scenario", "name", nn_scenarios()),
    ]))
    s = draw(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=10).filter(lambda t: t not in good))
    return fname, arg, {arg: text(s)}


@st.composite
def text_matrix(draw):
    fname, arg = draw(st.sampled_from([("train", "X"), ("forward", "X"), ("mlp", "X"), ("predict", "X")]))
    rows = draw(st.integers(1, 4))
    cols = draw(st.integers(1, 4))
    cells = draw(st.lists(st.text(alphabet="abcxyz019 .-", max_size=4), min_size=rows * cols, max_size=rows * cols))
    return fname, arg, {arg: matrix(np.array(cells, dtype=str).reshape(rows, cols))}


def nn_scenarios():
    from nnscratch.scenario import read_table

    return {row["scenario"] for row in read_table("scenario_settings.csv")}


@settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(bad_count(), bad_lr(), bad_cell(), bad_string(), text_matrix()), min_size=4, max_size=8))
def test_random_bad_values_are_refused_alike(r, drawn):
    cases = [("%s %s %r" % (fname, arg, change[arg].py), fname, arg, dict(BASE[fname], **change)) for fname, arg, change in drawn]
    with tempfile.TemporaryDirectory() as d:
        r_msgs, untouched = run_r([r_call(fname, args) for _, fname, _, args in cases], d)
        cwd = os.getcwd()
        os.chdir(d)
        try:
            py_msgs = [run_python(fname, args, MODEL) for _, fname, _, args in cases]
        finally:
            os.chdir(cwd)
        assert os.listdir(d) == []
    assert untouched
    for (case_id, fname, arg, _), r_msg, py_msg in zip(cases, r_msgs, py_msgs):
        check(case_id, fname, arg, r_msg, py_msg)
