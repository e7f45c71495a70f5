"""R's summary() and Python's MLP.summary() print the same text; coef() and the
predictions carry the same names; a row with NA is refused alike where both
languages refuse it (a matrix fit), and R's formula fit predicts NA for it."""

import io

import numpy as np
import pytest
import rpy2.robjects as ro

import nnscratch as nn

from conftest import to_py, to_r

# The fitted model stays in R: converted to Python and back, it would lose its class. R's mlp() is given the
# article's settings, which Python's MLP takes by default; the settings given replace them.
FIT_AND = """function(what, X, y, ...) {
  settings <- list(hidden = 3, activation = "sigmoid", output_activation = "sigmoid", loss = "half_sse", reduction = "sum",
    decay = 0, optimizer = "sgd", lr = 0.1, epochs = 5000, batch_size = NULL, scale = "none", tol = 0,
    n_iter_no_change = NULL, scheme = "article_r")
  given <- list(...)
  settings[names(given)] <- given
  what(do.call(nnscratch::mlp, c(list(X, y), settings)))
}"""


def r_summary(r, s, epochs, hidden, lr):
    lines = ro.r(FIT_AND)(
        ro.r("function(fit) capture.output(print(summary(fit)))"),
        to_r(s["X"]), to_r(s["y"]), hidden=hidden, lr=lr, epochs=epochs, bias=s["bias"], init=to_r(s["init"]),
    )
    return "".join(str(line) + "\n" for line in lines)


def test_summary_prints_the_same_text_in_both_languages(r):
    # lr 1e-4 and 0.123456789: numbers that R's format() and Python's repr would show differently
    for name, epochs, lr in (("article", 10, 0.1), ("article_nobias", 10, 1e-4), ("football", 50, 0.123456789)):
        s = nn.load_scenario(name)
        hidden = s["init"]["wh"].shape[1]
        out = io.StringIO()
        nn.MLP(hidden=hidden, lr=lr, epochs=epochs, bias=s["bias"], init=s["init"]).fit(s["X"], s["y"]).summary(out=out)
        assert r_summary(r, s, epochs, hidden, lr) == out.getvalue(), name


def test_coef_names_and_values_agree(r):
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=10).fit(s["X"], s["y"])
    fit_and = ro.r(FIT_AND)
    args = (to_r(s["X"]), to_r(s["y"]))
    cf = fit_and(ro.r("function(fit) unname(coef(fit))"), *args, epochs=10, init=to_r(s["init"]))
    names = [str(n) for n in fit_and(ro.r("function(fit) names(coef(fit))"), *args, epochs=10, init=to_r(s["init"]))]
    assert names == list(model.coef())
    assert np.max(np.abs(np.asarray(cf) - np.array(list(model.coef().values())))) <= 1e-12


def test_summary_returns_the_same_content_in_both_languages(r):
    # a deep network, so that every layer's neurons are named and grouped
    s = nn.load_scenario("blobs")
    init = nn.init_params(2, (3, 2), 3, seed=4)
    kw = dict(hidden=[3, 2], lr=0.001, epochs=20, activation="tanh", output_activation="softmax", loss="log_loss")
    model = nn.MLP(init=init, **kw).fit(s["X"], s["y"])
    summary = model.summary()
    text_r = "".join(str(line) + "\n" for line in ro.r(FIT_AND)(
        ro.r("function(fit) capture.output(print(summary(fit)))"), to_r(s["X"]), to_r(s["y"]), init=to_r(init),
        **{k: (to_r(v) if isinstance(v, list) else v) for k, v in kw.items()},
    ))
    assert repr(summary) + "\n" == text_r
    parts = ro.r(FIT_AND)(
        ro.r("function(fit) { s <- summary(fit); list(loss = s$loss, neurons = names(s$weights), "
             "names = unname(unlist(lapply(s$weights, names))), values = unname(unlist(s$weights)), "
             "epochs = s$settings$epochs, hidden = s$settings$hidden) }"),
        to_r(s["X"]), to_r(s["y"]), init=to_r(init), **{k: (to_r(v) if isinstance(v, list) else v) for k, v in kw.items()},
    )
    parts = to_py(parts)
    loss, neurons, names, values, epochs, hidden = (parts[k] for k in ("loss", "neurons", "names", "values", "epochs", "hidden"))
    np.testing.assert_allclose(np.asarray(loss), summary["loss"], rtol=1e-12)
    assert [str(n) for n in neurons] == list(summary["weights"]) == ["h1_1", "h1_2", "h1_3", "h2_1", "h2_2", "o1", "o2", "o3"]
    assert [str(n) for n in names] == [k for w in summary["weights"].values() for k in w]
    assert np.max(np.abs(np.asarray(values) - [v for w in summary["weights"].values() for v in w.values()])) <= 1e-12
    assert int(epochs) == summary["settings"]["epochs"] == 20
    assert list(np.atleast_1d(hidden).astype(int)) == summary["settings"]["hidden"] == [3, 2]


def named_data():
    """A regression of three named inputs, as a DataFrame and a Series named mpg."""
    import pandas as pd

    rng = np.random.default_rng(3)
    X = pd.DataFrame(rng.normal(size=(40, 3)), columns=["wt", "hp", "qsec"])
    y = pd.Series(20 - 3 * X["wt"] + X["hp"] + rng.normal(scale=0.1, size=40), name="mpg")
    return X, y


R_NAMED = """function(X, y, init) {
  d <- data.frame(wt = X[, 1], hp = X[, 2], qsec = X[, 3], mpg = y)
  fit <- suppressWarnings(nnscratch::mlp(mpg ~ ., data = d, hidden = 3, init = init, epochs = 20, exact = TRUE),
    classes = "nnscratch_convergence")
  gaps <- d
  gaps$wt[2] <- NA
  gaps$qsec[5] <- NA
  list(coef = coef(fit), names = names(coef(fit)), summary = capture.output(print(summary(fit))),
    predicted = predict(fit, gaps), columns = colnames(predict(fit, gaps)))
}"""


def test_coef_summary_and_predictions_name_the_outcome_alike(r):
    X, y = named_data()
    init = nn.init_params(3, 3, 1, seed=5)
    model = nn.MLPRegressor(hidden=3, init=init, epochs=20, exact=True).fit(X, y)
    out = to_py(ro.r(R_NAMED)(to_r(X.to_numpy()), to_r(y.to_numpy()), to_r(init)))
    assert [str(n) for n in out["names"]] == list(model.coef())
    assert list(model.coef())[-4:] == ["b->mpg", "h1->mpg", "h2->mpg", "h3->mpg"]
    np.testing.assert_array_equal(np.asarray(out["coef"]), np.array(list(model.coef().values())))
    assert "".join(str(line) + "\n" for line in out["summary"]) == repr(model.summary()) + "\n"
    # R's formula fit predicts NA for the rows with NA, the others as Python does
    predicted = np.asarray(out["predicted"])[:, 0]
    assert [str(c) for c in np.atleast_1d(out["columns"])] == ["mpg"] == [model.predict(X).name]
    assert np.isnan(predicted[[1, 4]]).all()
    rows = [i for i in range(40) if i not in (1, 4)]
    np.testing.assert_array_equal(predicted[rows], model.predict(X.iloc[rows]).to_numpy())


def test_a_row_with_nan_is_refused_alike_by_a_matrix_fit(r):
    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=2).fit(s["X"], s["y"])
    X = s["X"].copy()
    X[1, 0] = np.nan
    with pytest.raises(nn.NnscratchError) as e:
        model.predict(X)
    msg_r = ro.r("""function(X, y, init, newdata) {
      fit <- suppressWarnings(nnscratch::mlp(X, y, hidden = 3, init = init, epochs = 2, output_activation = "sigmoid",
        loss = "half_sse", reduction = "sum", decay = 0, optimizer = "sgd", lr = 0.1, batch_size = NULL,
        scale = "none", n_iter_no_change = NULL), classes = "nnscratch_convergence")
      tryCatch(predict(fit, newdata), nnscratch_error = function(e) conditionMessage(e))
    }""")(to_r(s["X"]), to_r(s["y"]), to_r(s["init"]), to_r(X))
    assert str(msg_r[0]).replace("`newdata`", "`X`") == str(e.value)
    assert str(e.value) == "`X` must not contain NA, NaN or Inf; found NaN at row 2, column 1."
