import runpy
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_5000_epochs_bring_every_output_within_0_1_of_its_target():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], s["lr"], s["epochs"])
    out = nn.forward(fit["params"], s["X"])["output"]
    assert np.all(np.abs(out - s["y"]) < 0.1)
    assert fit["loss"].shape == (5000,)
    # it learned: far below the loss of always answering the mean target
    assert fit["loss"][-1] < 0.5 * np.sum((s["y"] - s["y"].mean()) ** 2) / 10


def test_the_packages_run_equals_the_article_numpy_script_from_the_same_weights():
    env = runpy.run_path(str(EXAMPLES / "article_numpy.py"))
    # The script draws wh, bh, wout, bout uniformly after np.random.seed(42).
    rng = np.random.RandomState(42)
    init = {
        "wh": rng.uniform(size=(4, 3)), "bh": rng.uniform(size=(1, 3)),
        "wout": rng.uniform(size=(3, 1)), "bout": rng.uniform(size=(1, 1)),
    }
    fit = nn.train(init, env["X"], env["y"], env["lr"], env["epoch"], trace_at=[env["epoch"]])
    assert_allclose(fit["trace"][0]["output"], env["output"], rtol=0, atol=1e-12)
    for name in ("wh", "bh", "wout", "bout"):
        assert_allclose(fit["params"][name], env[name], rtol=0, atol=1e-12, err_msg=name)


def test_the_loss_is_half_the_sse_of_each_epochs_forward_pass():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], s["lr"], 3, trace_every=1)
    for t in fit["trace"]:
        assert_allclose(fit["loss"][t["epoch"] - 1], 0.5 * np.sum((s["y"] - t["output"]) ** 2))
    assert_allclose(fit["loss"][0], 0.5 * np.sum((s["y"] - nn.forward(s["init"], s["X"])["output"]) ** 2))


def test_the_trace_keeps_epoch_1_every_kth_epoch_and_the_last():
    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], s["lr"], 250, trace_every=100)
    assert [t["epoch"] for t in fit["trace"]] == [1, 100, 200, 250]
    off = nn.train(s["init"], s["X"], s["y"], s["lr"], 250)
    assert off["trace"] == []
    for name in ("wh", "bh", "wout", "bout"):
        assert_array_equal(off["params"][name], fit["params"][name])
    at = nn.train(s["init"], s["X"], s["y"], s["lr"], 250, trace_at=[3, 7])
    assert [t["epoch"] for t in at["trace"]] == [3, 7]
    step1 = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
    assert_array_equal(fit["trace"][0]["wh"], step1["wh"])


SETTINGS = [
    dict(activation="sigmoid", output_activation="sigmoid", loss="half_sse"),
    dict(activation=["tanh", "relu"], output_activation="softmax", loss="log_loss"),
    dict(activation="relu", output_activation="identity", loss="half_mse", decay=0.1),
    dict(activation="tanh", output_activation="sigmoid", loss="half_sse", batch_size=20, seed=3),
    dict(activation="sigmoid", output_activation="sigmoid", loss="half_sse", reduction="mean", dropout=0.2, seed=4,
         optimizer="adam"),
]


def blocks_problem(s):
    rng = np.random.default_rng(7)
    X = rng.standard_normal((50, 3))
    y = rng.uniform(size=(50, 2))
    if s["output_activation"] == "softmax":
        y = np.eye(2)[rng.integers(0, 2, 50)]
    elif s["output_activation"] == "identity":
        y = y * 4 - 2
    return X, y, nn.init_params(3, [8, 5], 2, seed=1)


@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_untraced_epochs_in_row_blocks_agree_with_the_whole_step(monkeypatch):
    # Blocks of 64 values: the widest layer has 8 units, so 50 rows run in
    # blocks of 8 rows, the last one short. Untraced epochs add their sums
    # block by block, traced ones on the whole batch: the same numbers within
    # rounding, for every activation, output, loss, mini-batches, decay,
    # weights, dropout and Adam.
    monkeypatch.setattr(nn.layers, "BLOCK_VALUES", 64)
    for s in SETTINGS:
        X, y, init = blocks_problem(s)
        w = np.linspace(0.5, 2, 50)
        blocked = nn.train(init, X, y, 0.01, 4, weights=w, **s)
        whole = nn.train(init, X, y, 0.01, 4, weights=w, trace_every=1, **s)
        assert_allclose(blocked["loss"], whole["loss"], rtol=1e-12)
        for a, b in zip(blocked["params"], whole["params"]):
            assert_allclose(a["W"], b["W"], rtol=1e-12, atol=1e-15)
            assert_allclose(a["b"], b["b"], rtol=1e-12, atol=1e-15)


@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_a_batch_of_one_block_gives_the_bits_of_the_whole_step():
    # 50 rows of at most 8 units fit in one block: an untraced epoch is then
    # the traced epoch's step, bit for bit.
    for s in SETTINGS:
        X, y, init = blocks_problem(s)
        plain = nn.train(init, X, y, 0.01, 4, **s)
        traced = nn.train(init, X, y, 0.01, 4, trace_every=1, **s)
        assert_array_equal(plain["loss"], traced["loss"])
        for a, b in zip(plain["params"], traced["params"]):
            assert_array_equal(a["W"], b["W"])
            assert_array_equal(a["b"], b["b"])


@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_exact_mode_runs_untraced_epochs_on_the_whole_batch(monkeypatch):
    # Exact mode adds every sum in R's order, so it never runs in blocks: an
    # untraced run gives the bits of a traced one whatever the block size.
    monkeypatch.setattr(nn.layers, "BLOCK_VALUES", 64)
    s = SETTINGS[0]
    X, y, init = blocks_problem(s)
    plain = nn.train(init, X, y, 0.01, 3, exact=True, **s)
    traced = nn.train(init, X, y, 0.01, 3, exact=True, trace_every=1, **s)
    assert_array_equal(plain["loss"], traced["loss"])
    assert_array_equal(plain["params"][0]["W"], traced["params"][0]["W"])


@pytest.mark.filterwarnings("ignore::nnscratch.ConvergenceWarning")
def test_an_untraced_epoch_holds_no_matrix_of_the_whole_batch():
    # 20000 rows and 64 units: one n x 64 matrix is 10 MB. An untraced run in
    # blocks allocates, beyond its data, less than one of them.
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((20000, 8)), rng.uniform(size=(20000, 1))
    init = nn.init_params(8, [64], 1, seed=1)
    nn.train(init, X, y, 1e-5, 1)
    tracemalloc.start()
    try:
        nn.train(init, X, y, 1e-5, 2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20000 * 64 * 8


def test_the_sigmoids_one_pass_form_gives_the_bits_of_1_over_1_plus_exp_minus_x():
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.standard_normal(100000) * 5, rng.standard_normal(10000) * 300, np.arange(-745.0, 746.0),
                        [0.0, 1e300, -1e300, np.inf, -np.inf, 709.79, -709.79]])
    for exact in (False, True):
        # the exp of each mode: numpy's, or the C library's in exact mode
        expected = 1 / (1 + nn.kernels.exp(-x, exact))
        assert_array_equal(nn.activations.sigmoid_f(x, exact), expected)
