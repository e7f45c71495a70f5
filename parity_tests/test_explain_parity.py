"""The step-by-step printouts of R and Python, compared character for character."""

import io

import numpy as np
import rpy2.robjects as ro

import nnscratch as nn

from conftest import to_r


def r_printout(f, *args):
    """Return what the R function `f` prints when called with `args`, as one string."""
    lines = ro.r("function(f, ...) capture.output(f(...))")(f, *args)
    return "".join(str(line) + "\n" for line in lines)


def test_explain_epoch_prints_the_same_text_in_both_languages(r):
    for name in ("article", "article_nobias", "football"):
        s = nn.load_scenario(name)
        out = io.StringIO()
        nn.explain_epoch(s["init"], s["X"], s["y"], s["lr"], out=out)
        text_r = r_printout(r.explain_epoch, to_r(s["init"]), to_r(s["X"]), to_r(s["y"]), s["lr"])
        assert text_r == out.getvalue(), name
        # the text holds every intermediate, under the article's names
        for key in nn.train_step(s["init"], s["X"], s["y"], s["lr"]):
            assert "\n" + key in "\n" + text_r


def test_the_article_demo_prints_the_same_text_in_both_languages(r):
    out = io.StringIO()
    nn.demo_article(out)
    text_r = r_printout(r.demo_article)
    assert text_r == out.getvalue()
    # its last lines are the trained outputs, within 0.1 of y = (1, 1, 0)
    last = [float(v) for v in text_r.strip().splitlines()[-3:]]
    assert np.all(np.abs(np.array(last) - [1, 1, 0]) < 0.1)


def test_explain_epoch_of_a_deep_network_prints_the_same_text_in_both_languages(r):
    s = nn.load_scenario("blobs")
    init = nn.init_params(2, (3, 2), 3, seed=4)
    out = io.StringIO()
    nn.explain_epoch(init, s["X"][:5], s["y"][:5], 0.1, "tanh", "softmax", "log_loss", out=out)
    text_r = r_printout(
        r.explain_epoch, to_r(init), to_r(s["X"][:5]), to_r(s["y"][:5]), 0.1, "tanh", "softmax", "log_loss"
    )
    assert text_r == out.getvalue()
    lines = text_r.splitlines()
    # every layer, forward, backward and updated, and the loss
    for name in ("z_1 (5 x 3)", "a_3 (5 x 3)", "err_1 (5 x 3)", "slope_3: none (the error is already the delta)",
                 "delta_2 (5 x 2)", "W_3 (2 x 3)", "b_1 (1 x 3)"):
        assert name in lines
    assert lines[-1].startswith("loss: ")
