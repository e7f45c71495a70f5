"""R's summary() and Python's MLP.summary() print the same text."""

import io

import numpy as np
import rpy2.robjects as ro

import nnscratch as nn

from conftest import to_py, to_r

# The fitted model stays in R: converted to Python and back, it would lose its class.
FIT_AND = "function(what, X, y, ...) { fit <- nnscratch::mlp(X, y, ...); what(fit) }"


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
