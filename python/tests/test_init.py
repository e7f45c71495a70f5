import re

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.rrandom import RRandom


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=re.escape(fragment))


def test_article_r_draws_rnorm_runif_rnorm_runif_in_the_articles_order():
    g = RRandom(7)
    # R fills matrices column by column.
    wh = g.rnorm(8).reshape(4, 2, order="F")
    bh = g.runif(2)
    wout = g.rnorm(2).reshape(2, 1, order="F")
    bout = g.runif(1)
    p = nn.init_params(4, 2, 1, seed=7)
    np.testing.assert_array_equal(p["wh"], wh)
    np.testing.assert_array_equal(p["bh"], bh.reshape(1, 2))
    np.testing.assert_array_equal(p["wout"], wout)
    np.testing.assert_array_equal(p["bout"], bout.reshape(1, 1))


def test_without_biases_their_draws_are_skipped():
    g = RRandom(7)
    wh = g.rnorm(8).reshape(4, 2, order="F")
    wout = g.rnorm(2).reshape(2, 1, order="F")
    for scheme in nn.init.SCHEMES:
        p = nn.init_params(4, 2, 1, seed=7, scheme=scheme, bias=False)
        assert p["bh"] is None and p["bout"] is None
    p = nn.init_params(4, 2, 1, seed=7, bias=False)
    np.testing.assert_array_equal(p["wh"], wh)
    np.testing.assert_array_equal(p["wout"], wout)
    u = np.random.RandomState(7).uniform(size=11)
    p = nn.init_params(4, 2, 1, seed=7, scheme="article_numpy", bias=False)
    np.testing.assert_array_equal(p["wout"], u[8:10].reshape(2, 1))


def test_a_seed_leaves_the_users_random_stream_alone():
    np.random.seed(1)
    before = np.random.uniform()
    np.random.seed(1)
    nn.init_params(4, 3, 1, seed=99)
    nn.init_params(4, 3, 1, seed=99, scheme="article_numpy")
    assert np.random.uniform() == before


def test_article_r_reproduces_rs_generator():
    # R 4.2.2: set.seed(42); sprintf("%.17g", rnorm(3))
    p = nn.init_params(3, 1, 1, seed=42, bias=False)
    assert p["wh"][:, 0].tolist() == [1.3709584471466685, -0.56469817139608869, 0.3631284113373392]
    # R 4.2.2: set.seed(42); sprintf("%.17g", runif(3)[3]). rnorm(1) takes
    # the first two words, so bh gets the third.
    p = nn.init_params(1, 1, 1, seed=42)
    assert p["bh"][0, 0] == 0.28613953478634357


def test_article_numpy_fills_numpys_arrays_row_by_row_in_the_scripts_order():
    p = nn.init_params(4, 3, 1, seed=42, scheme="article_numpy")
    u = np.random.RandomState(42).uniform(size=19)
    np.testing.assert_array_equal(p["wh"], u[:12].reshape(4, 3))
    np.testing.assert_array_equal(p["bh"], u[12:15].reshape(1, 3))
    np.testing.assert_array_equal(p["wout"], u[15:18].reshape(3, 1))
    np.testing.assert_array_equal(p["bout"], u[18:].reshape(1, 1))


def test_bad_arguments_are_errors_that_name_them():
    with nn_error("`n_input` must be a whole number from 1 to 2147483647, not 0."):
        nn.init_params(0, 3, 1)
    with nn_error("`scheme` must be"):
        nn.init_params(4, 3, 1, scheme="x")
    with nn_error('`seed` must be NULL or a whole number from -2147483647 to 2147483647 for scheme "article_r", not 1.5.'):
        nn.init_params(4, 3, 1, seed=1.5)
    with nn_error("from -2147483647 to 2147483647"):
        nn.init_params(4, 3, 1, seed=2**31)
    with nn_error('`seed` must be NULL or a whole number from 0 to 4294967295 for scheme "article_numpy", not -1.'):
        nn.init_params(4, 3, 1, seed=-1, scheme="article_numpy")
    with nn_error("`bias` must be TRUE or FALSE, not 1."):
        nn.init_params(4, 3, 1, bias=1)
