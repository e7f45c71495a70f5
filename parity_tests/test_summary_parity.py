"""R's summary() and Python's MLP.summary() print the same text."""

import io

import numpy as np
import rpy2.robjects as ro

import nnscratch as nn

from conftest import to_r

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
