"""mlp() in R and the estimators in Python (MLPClassifier for labels,
MLPRegressor for numbers, MLP for the article's targets): the same
predictions of every type, the same convergence warnings, the same errors,
and one behaviour where the two used to differ (the traced epochs' bits, a
logical y with one value, the class order of mixed-case labels, a
Categorical y, what summary reads)."""

import io
import warnings

import numpy as np
import pytest
import rpy2.robjects as ro
from numpy.testing import assert_array_equal

import nnscratch as nn

from conftest import to_py, to_r

s = nn.load_scenario("article")
# The article's network, as mlp() and the estimators take it.
ARTICLE = dict(hidden=3, lr=0.1, epochs=5000, activation="sigmoid", output_activation="sigmoid", loss="half_sse",
               reduction="sum", optimizer="sgd", batch_size=None, scale="none", decay=0.0, tol=0.0,
               n_iter_no_change=None, scheme="article_r")


def article(**change):
    return {**ARTICLE, **change}

# Fit in R, collecting the convergence warnings, and predict every type.
R_FIT = """
function(X, y, levels = NULL, ...) {
  if (!is.null(levels)) y <- factor(y, levels = levels)
  msgs <- character()
  fit <- withCallingHandlers(
    nnscratch::mlp(X, y, ...),
    nnscratch_convergence = function(w) {
      msgs <<- c(msgs, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  prob <- tryCatch(unname(predict(fit, X, type = "prob")), nnscratch_error = function(e) NULL)
  class <- tryCatch(as.character(predict(fit, X, type = "class")), nnscratch_error = function(e) NULL)
  list(msgs = msgs, raw = unname(predict(fit, X)), prob = prob, class = class, classes = fit$classes,
       loss = fit$loss)
}
"""

R_ERROR = """
function(f) tryCatch({ f(); "no error" }, nnscratch_error = function(e) conditionMessage(e))
"""


def estimator(y, params):
    """The Python twin of mlp() for this outcome: a classifier for labels, MLP for the article's targets of an
    output of probabilities, a regressor for other numbers."""
    a = np.asarray(y)
    if a.dtype.kind in "UOb" or str(getattr(y, "dtype", "")) == "category":
        return nn.MLPClassifier(**params)
    if params.get("output_activation") in ("sigmoid", "softmax"):
        return nn.MLP(**params)
    return nn.MLPRegressor(**params)


def fit_both(X, y, levels=None, **params):
    """Fit in both languages; return (R's result, the Python model, Python's warnings)."""
    r_params = {k: to_r(v) if isinstance(v, (dict, np.ndarray)) else ro.NULL if v is None else v
                for k, v in params.items()}
    r_levels = ro.NULL if levels is None else ro.StrVector(levels)
    fit_r = to_py(ro.r(R_FIT)(to_r(X), labels_r(np.asarray(y)), r_levels, **r_params))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        model = estimator(y, params).fit(X, y)
    msgs = [str(w.message) for w in record if w.category is nn.ConvergenceWarning]
    return fit_r, model, msgs


def labels_r(y):
    """A 1-D array of labels as a plain R vector (numpy2ri would give it a dim)."""
    a = np.asarray(y)
    if a.dtype.kind in "UO":
        return ro.StrVector([str(v) for v in a.tolist()])
    if a.dtype == bool:
        return ro.BoolVector(a.tolist())
    return to_r(y)


def as_list(x):
    return [] if x is None else [x] if isinstance(x, str) else list(x)


def iris():
    from sklearn.datasets import load_iris

    data = load_iris()
    return data.data, np.asarray(data.target_names)[data.target]


@pytest.mark.parametrize("classes", [2, 3])
def test_raw_prob_and_class_agree(r, classes):
    X, labels = iris()
    keep = np.isin(labels, ["setosa", "versicolor", "virginica"][:classes] if classes == 3 else ["versicolor", "virginica"])
    X = (X[keep] - X[keep].mean(axis=0)) / X[keep].std(axis=0)
    y = labels[keep]
    # the estimators' defaults, and the article's network
    for params in (dict(hidden=4, epochs=50, seed=2), article(hidden=4, lr=0.01, epochs=300, seed=2)):
        fit_r, model, _ = fit_both(X, y, **params)
        assert as_list(fit_r["classes"]) == model.classes_.tolist()
        assert np.max(np.abs(fit_r["raw"].reshape(len(y), -1) - model.predict_raw(X))) <= 1e-12
        assert np.max(np.abs(fit_r["prob"] - model.predict_proba(X))) <= 1e-12
        assert as_list(fit_r["class"]) == model.predict(X).tolist()


def test_a_regression_predicts_the_same_numbers(r):
    X, labels = iris()
    y = X[:, 3] * 10
    fit_r, model, _ = fit_both(X[:, :3], y, hidden=8, epochs=40, seed=3)
    assert np.max(np.abs(fit_r["raw"].ravel() - model.predict(X[:, :3]))) <= 1e-10 * np.max(np.abs(y))
    assert fit_r["prob"] is None


def test_integer_outcomes_mean_the_same_in_both(r):
    """Whole numbers are numbers to mlp() and to MLPRegressor (a regression), and labels once they are a factor in R,
    as they are to MLPClassifier."""
    X, labels = iris()
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = np.unique(labels, return_inverse=True)[1].astype(np.int64)
    fit_r = to_py(ro.r(R_FIT)(to_r(X), ro.IntVector(y.tolist()), ro.NULL, hidden=4, epochs=30, seed=2))
    model = nn.MLPRegressor(hidden=4, epochs=30, seed=2).fit(X, y)
    assert fit_r["prob"] is None and fit_r["class"] is None
    assert np.max(np.abs(fit_r["raw"].ravel() - model.predict(X))) <= 1e-12
    fit_r = to_py(ro.r(R_FIT)(to_r(X), ro.IntVector(y.tolist()), ro.StrVector(["0", "1", "2"]), hidden=4, epochs=30,
                              seed=2))
    model = nn.MLPClassifier(hidden=4, epochs=30, seed=2).fit(X, y)
    assert as_list(fit_r["classes"]) == [str(c) for c in model.classes_]
    assert np.max(np.abs(fit_r["prob"] - model.predict_proba(X))) <= 1e-12
    assert as_list(fit_r["class"]) == [str(c) for c in model.predict(X)]


def test_the_same_convergence_warnings(r):
    # Unscaled iris at these rates is chaotic, as moons is: the two
    # languages' last bits grow apart, so the final losses in the messages
    # agree only to a few digits. The warnings are the same.
    X, y = iris()
    for lr in (0.5, 1.0):
        fit_r, _, msgs = fit_both(X, y, **article(lr=lr, seed=1))
        assert msgs, lr
        assert [masked(m) for m in as_list(fit_r["msgs"])] == [masked(m) for m in msgs]


def masked(message):
    """The message with its numbers left out."""
    import re

    return re.sub(r"[0-9][0-9.e+-]*", "...", message)


def test_convergence_problems_agree_on_built_cases(r):
    loss = np.linspace(3, 1, 200)
    loss[[-5, -10]] += 0.1
    cases = [
        (np.array([2.0, 1.0, 2.0]), np.zeros((3, 1)), "sigmoid", True),
        (np.array([2.0, np.inf, np.nan]), np.zeros((3, 1)), "sigmoid", True),
        (np.array([2.0, 1.0]), np.array([[16.0, -15.5], [-40.0, 20.0]]), "sigmoid", True),
        (loss, np.zeros((1, 1)), "sigmoid", True),
        (loss, np.zeros((1, 1)), "sigmoid", False),
    ]
    for loss_, z, output, full in cases:
        in_r = as_list(to_py(r.convergence_problems(to_r(loss_), to_r(z), output, full)))
        assert in_r == nn.convergence_problems(loss_, z, output, full)


def test_the_articles_run_warns_in_neither(r):
    fit_r, _, msgs = fit_both(s["X"], s["y"], init=s["init"], **ARTICLE)
    assert as_list(fit_r["msgs"]) == msgs == []


def test_traced_and_untraced_epochs_give_the_same_bits_in_each_language(r):
    X = np.random.default_rng(1).normal(size=(3000, 4))
    y = (X[:, :1] > 0).astype(float)
    plain_r, plain, _ = fit_both(X, y, init=s["init"], **article(epochs=30, lr=1e-4))
    traced_r, traced, _ = fit_both(X, y, init=s["init"], **article(epochs=30, lr=1e-4, trace_every=7))
    assert_array_equal(plain_r["loss"], traced_r["loss"])
    assert_array_equal(plain.loss_curve_, traced.loss_curve_)
    assert np.max(np.abs(plain_r["loss"] - plain.loss_curve_) / plain.loss_curve_) <= 1e-12


def test_a_logical_y_with_one_value_has_the_classes_false_and_true_in_both(r):
    y = np.array([True, True, True])
    fit_r, model, _ = fit_both(s["X"], y, init=s["init"], **article(epochs=10))
    # logical labels stay logical, in both
    assert as_list(fit_r["classes"]) == model.classes_.tolist() == [False, True]
    assert np.max(np.abs(fit_r["raw"].reshape(-1, 1) - model.predict_raw(s["X"]))) <= 1e-12


def test_mixed_case_labels_are_in_code_point_order_in_both(r):
    y = np.array(["b", "B", "a"])
    init = nn.init_params(4, 3, 3, seed=1)
    fit_r, model, _ = fit_both(s["X"], y, init=init, **article(epochs=200, lr=1.0))
    assert as_list(fit_r["classes"]) == model.classes_.tolist() == ["B", "a", "b"]
    assert as_list(fit_r["class"]) == model.predict(s["X"]).tolist()


def test_a_categorical_y_is_a_factor_with_its_levels(r):
    import pandas as pd

    y = pd.Categorical(["yes", "yes", "no"], categories=["yes", "no"])
    fit_r, model, _ = fit_both(s["X"], y, levels=["yes", "no"], init=s["init"], **article(epochs=100))
    assert as_list(fit_r["classes"]) == model.classes_.tolist() == ["yes", "no"]
    assert as_list(fit_r["class"]) == model.predict(s["X"]).tolist()
    assert np.max(np.abs(fit_r["prob"] - model.predict_proba(s["X"]))) <= 1e-12


def test_summary_reads_the_fitted_settings_after_set_params(r):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], s["y"])
    model.set_params(lr=0.5, seed=7, scheme="article_numpy")
    out = io.StringIO()
    model.summary(out=out)
    lines = ro.r("function(X, y, init, ...) capture.output(print(summary(suppressWarnings(nnscratch::mlp(X, y, init = "
                 "init, ...)))))")(to_r(s["X"]), to_r(s["y"]), to_r(s["init"]),
                                   **{k: ro.NULL if v is None else v for k, v in article(epochs=10).items()})
    assert "".join(str(line) + "\n" for line in lines) == out.getvalue()


def fitted():
    return nn.MLP(init=s["init"], epochs=2).fit(s["X"], s["y"])


def predict_without_column_d():
    import pandas as pd

    model = nn.MLP(init=s["init"], epochs=2).fit(pd.DataFrame(s["X"], columns=list("abcd")), s["y"])
    return model.predict(pd.DataFrame(s["X"][:, :3], columns=list("abc")))


# (id, an R function of X, y and init, the Python call): the messages are
# identical once R's `newdata` reads `X`. R's `A` is the article's network,
# Python's MLP's defaults.
R_ARTICLE = ("hidden = 3, lr = 0.1, output_activation = 'sigmoid', loss = 'half_sse', reduction = 'sum', "
             "optimizer = 'sgd', batch_size = NULL, scale = 'none', decay = 0, tol = 0, n_iter_no_change = NULL, "
             "scheme = 'article_r'")


ERROR_CASES = [
    ("unknown parameter", "function() nnscratch::mlp(X, y, epoch = 10)", lambda: nn.MLP().set_params(epoch=10)),
    ("y None", "function() nnscratch::mlp(X, NULL)", lambda: nn.MLP().fit(s["X"], None)),
    ("one class", "function() nnscratch::mlp(X, c('a', 'a', 'a'), epochs = 1)", lambda: nn.MLP(epochs=1).fit(s["X"], ["a"] * 3)),
    ("0 features", "function() nnscratch::mlp(X[, 0, drop = FALSE], y)", lambda: nn.MLP().fit(s["X"][:, :0], s["y"])),
    ("complex", "function() nnscratch::mlp(X + 1i, y)", lambda: nn.MLP().fit(s["X"] + 1j, s["y"])),
    ("vector X", "function() nnscratch::mlp(X[1, ], y)", lambda: nn.MLP().fit(s["X"][0], s["y"])),
    ("continuous", "function() nnscratch::mlp(X, c(150.5, 20.25, 3.5), epochs = 1, output_activation = 'sigmoid')",
     lambda: nn.MLP(epochs=1).fit(s["X"], [150.5, 20.25, 3.5])),
    ("predict vector", "function() predict(nnscratch::mlp(X, y, init = init, " + R_ARTICLE + ", epochs = 2), X[1, ])",
     lambda: fitted().predict(s["X"][0])),
    ("predict features", "function() predict(nnscratch::mlp(X, y, init = init, " + R_ARTICLE + ", epochs = 2), X[, 1, drop = FALSE])",
     lambda: fitted().predict(s["X"][:, :1])),
    ("identity prob", "function() predict(nnscratch::mlp(X, y, init = init, "
     + R_ARTICLE.replace("'sigmoid'", "'identity'") + ", epochs = 2), X, type = 'prob')",
     lambda: nn.MLP(init=s["init"], epochs=2, output_activation="identity").fit(s["X"], s["y"]).predict_proba(s["X"])),
    ("lacking column",
     "function() { colnames(X) <- letters[1:4]; "
     "predict(nnscratch::mlp(X, y, init = init, " + R_ARTICLE + ", epochs = 2), as.data.frame(X)[1:3]) }",
     lambda: predict_without_column_d()),
    ("not fitted", "function() { fit <- nnscratch::mlp(X, y, init = init, " + R_ARTICLE + ", epochs = 1); "
     "fit$layers <- NULL; predict(fit, X) }",
     lambda: nn.MLP().predict(s["X"])),
]


@pytest.mark.parametrize("code, call", [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_the_same_error_in_both_languages(r, code, call):
    with pytest.raises(nn.NnscratchError) as e:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", nn.ConvergenceWarning)
            call()
    env = ro.r("function(X, y, init) environment()")(to_r(s["X"]), to_r(s["y"]), to_r(s["init"]))
    f = ro.r("function(code, env) eval(parse(text = code), env)")(code, env)
    msg_r = str(ro.r(R_ERROR)(f)[0]).replace("newdata", "X")
    if code.startswith("function() nnscratch::mlp(X, y, epoch"):
        # The parameters named: Python's estimators also have scikit-learn's
        # warm_start (R continues a fit given as `init`), R's mlp() also its
        # data arguments `weights` and `validation_data` (Python's fit takes them).
        prefix = "`epoch` is not a parameter; the parameters are "
        assert msg_r.startswith(prefix) and str(e.value).startswith(prefix)
        r_names = set(msg_r[len(prefix):-1].split(", ")) - {"weights", "validation_data"}
        assert r_names == set(str(e.value)[len(prefix):-1].split(", ")) - {"warm_start"}
        return
    assert msg_r == str(e.value)
