import numpy as np

import nnscratch as nn
from conftest import to_py, to_r


def test_article_scenario_loads_the_same_in_both_languages(r):
    s_r = to_py(r.load_scenario("article"))
    s_py = nn.load_scenario("article")
    for key in ("X", "y"):
        np.testing.assert_array_equal(s_r[key], s_py[key])
    for key in ("wh", "bh", "wout", "bout"):
        np.testing.assert_array_equal(s_r["init"][key], s_py["init"][key])


def test_train_step_agrees(r):
    s = nn.load_scenario("article")
    step_r = to_py(r.train_step(to_r(s["init"]), to_r(s["X"]), to_r(s["y"]), 0.1))
    step_py = nn.train_step(s["init"], s["X"], s["y"], 0.1)
    assert set(step_r) == set(step_py)
    for k in step_py:
        assert np.max(np.abs(step_r[k] - step_py[k])) <= 1e-12, k
