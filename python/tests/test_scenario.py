import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn
from nnscratch.scenario import read_table


def test_the_article_scenario_holds_the_articles_data():
    s = nn.load_scenario("article")
    assert_array_equal(s["X"], [[1, 0, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1]])
    assert_array_equal(s["y"], [[1], [1], [0]])
    assert (s["hidden"], s["lr"], s["epochs"]) == (3, 0.1, 5000)
    assert s["bias"] is True


def test_stored_initial_weights_are_exactly_the_draws_from_their_seed():
    for row in read_table("scenario_settings.csv"):
        s = nn.load_scenario(row["scenario"])
        redrawn = nn.init_params(
            s["X"].shape[1], s["hidden"], s["y"].shape[1],
            seed=s["seed"], scheme=s["scheme"], bias=s["bias"],
        )
        for k in ("wh", "bh", "wout", "bout"):
            if s["init"][k] is None:
                assert redrawn[k] is None
            else:
                assert_array_equal(s["init"][k], redrawn[k], err_msg=row["scenario"] + " " + k)


def test_an_unknown_scenario_is_an_error_that_lists_the_known_ones():
    with pytest.raises(nn.NnscratchError, match='`name` must be one of "article"'):
        nn.load_scenario("nope")
