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
        nn.explain_epoch(s["init"], s["X"], s["y"], s["lr"], out)
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
