"""Mini-batches and SGD in train(). Twin of tests/testthat/test-batches.R."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn
from nnscratch.rrandom import RRandom

KEYS = ("wh", "bh", "wout", "bout")


def assert_params_equal(a, b):
    for k in KEYS:
        if a[k] is None:
            assert b[k] is None
        else:
            assert_array_equal(a[k], b[k], err_msg=k)


def test_sgd_on_3_samples_is_a_hand_loop_of_train_step_in_the_shuffled_order():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.1, epochs=4, batch_size=1, seed=3)
    rng = RRandom(3)
    params = s["init"]
    loss = np.zeros(4)
    for epoch in range(4):
        # the order of 3 uniform draws, R's order(runif(3))
        for i in np.argsort(rng.runif(3), kind="stable"):
            step = nn.train_step(params, s["X"][[i]], s["y"][[i]], lr=0.1)
            loss[epoch] += 0.5 * np.sum(step["E"] ** 2)
            params = {k: step[k] for k in KEYS}
    assert_params_equal(fit["params"], params)
    assert_array_equal(fit["loss"], loss)


def test_a_mini_batch_epoch_steps_on_consecutive_slices_of_the_order_the_trace_keeps_the_last():
    s = nn.load_scenario("football")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.2, epochs=2, batch_size=4, seed=9, trace_at=[2])
    rng = RRandom(9)
    params = s["init"]
    for _ in range(2):
        order = np.argsort(rng.runif(15), kind="stable")
        for rows in (order[0:4], order[4:8], order[8:12], order[12:15]):
            step = nn.train_step(params, s["X"][rows], s["y"][rows], lr=0.2)
            params = {k: step[k] for k in KEYS}
    assert_params_equal(fit["params"], params)
    assert_array_equal(fit["trace"][0]["E"], step["E"])
    assert fit["trace"][0]["E"].shape[0] == 3


def test_the_full_batch_neither_shuffles_nor_draws():
    s = nn.load_scenario("article")
    assert_params_equal(
        nn.train(s["init"], s["X"], s["y"], 0.1, 50, batch_size=3)["params"],
        nn.train(s["init"], s["X"], s["y"], 0.1, 50)["params"],
    )


def test_a_seed_gives_the_same_run():
    s = nn.load_scenario("article")
    a = nn.train(s["init"], s["X"], s["y"], 0.1, 20, batch_size=1, seed=5)
    b = nn.train(s["init"], s["X"], s["y"], 0.1, 20, batch_size=1, seed=5)
    assert_params_equal(a["params"], b["params"])
    c = nn.train(s["init"], s["X"], s["y"], 0.1, 20, batch_size=1, seed=6)
    assert not np.array_equal(a["params"]["wh"], c["params"]["wh"])


def test_sgd_learns_the_articles_data():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], lr=0.5, epochs=3000, batch_size=1, seed=1)
    out = nn.forward(fit["params"], s["X"])["output"]
    assert_array_equal((out[:, 0] > 0.5).astype(int), [1, 1, 0])
    # No skill: output the mean target for every sample.
    assert fit["loss"][-1] < 0.5 * np.sum((s["y"] - s["y"].mean()) ** 2) / 10


@pytest.mark.parametrize("bad", [0, 4, 1.5, "2", np.nan])
def test_a_batch_size_outside_1_to_n_is_an_error(bad):
    s = nn.load_scenario("article")
    msg = "`batch_size` must be NULL or a whole number from 1 to 3, the number of samples, not"
    with pytest.raises(nn.NnscratchError, match=msg.replace("(", r"\(")):
        nn.train(s["init"], s["X"], s["y"], 0.1, 10, batch_size=bad)


def test_a_bad_seed_is_an_error():
    s = nn.load_scenario("article")
    with pytest.raises(nn.NnscratchError) as e:
        nn.train(s["init"], s["X"], s["y"], 0.1, 10, batch_size=1, seed=1.5)
    assert str(e.value) == "`seed` must be NULL or a whole number from -2147483647 to 2147483647, not 1.5."
