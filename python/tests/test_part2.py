"""The article's second part: samples in columns, its printout, moons and blobs. Twin of tests/testthat/test-part2.R."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn


def test_the_walk_throughs_untrained_error_per_sample_is_half_the_squared_error_by_hand():
    s = nn.load_scenario("part2_walkthrough")
    # The notebook's layout: X is (4, 3), one column per sample.
    X = s["X"].T
    hidden = 1 / (1 + np.exp(-(s["init"]["wh"].T @ X)))
    output = 1 / (1 + np.exp(-(s["init"]["wout"].T @ hidden)))
    by_hand = (s["y"].T - output) ** 2 / 2
    assert by_hand.shape == (1, 3)
    step = nn.train_step(s["init"], s["X"], s["y"], lr=0.01)
    assert_allclose((step["E"] ** 2 / 2).ravel(), by_hand.ravel(), rtol=1e-15)


def test_layout_columns_transposes_X_and_y_on_the_way_in_and_nothing_else():
    s = nn.load_scenario("part2_toy")
    rows = nn.train(s["init"], s["X"], s["y"], s["lr"], 50, trace_at=[50])
    columns = nn.train(s["init"], s["X"].T, s["y"].T, s["lr"], 50, trace_at=[50], layout="columns")
    assert_array_equal(columns["loss"], rows["loss"])
    for k, v in rows["trace"][0].items():
        if v is None:
            assert columns["trace"][0][k] is None
        else:
            assert_array_equal(columns["trace"][0][k], v, err_msg=k)
    # A 1-D y is one target per sample in either layout.
    a = nn.train(s["init"], s["X"].T, [1, 1, 0], s["lr"], 5, layout="columns")
    assert_array_equal(a["params"]["wh"], nn.train(s["init"], s["X"], s["y"], s["lr"], 5)["params"]["wh"])


def test_verbose_prints_the_articles_line_every_k_epochs_from_epoch_0_the_mean_error(capsys):
    s = nn.load_scenario("part2_toy")
    nn.train(s["init"], s["X"], s["y"], s["lr"], s["epochs"], verbose=100)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 10
    # Independently: the error of epoch e + 1's forward pass, averaged.
    params = s["init"]
    expected = []
    for epoch in range(1, s["epochs"] + 1):
        step = nn.train_step(params, s["X"], s["y"], s["lr"])
        if (epoch - 1) % 100 == 0:
            expected.append("Error at epoch %d is %.5f" % (epoch - 1, np.mean((s["y"] - step["output"]) ** 2 / 2)))
        params = {k: step[k] for k in ("wh", "bh", "wout", "bout")}
    assert out == expected


def test_the_progress_bar_is_drawn_and_changes_nothing(capsys):
    import tqdm  # noqa: F401 (in the `test` extra: a missing one fails, it is not skipped)

    s = nn.load_scenario("article")
    fit = nn.train(s["init"], s["X"], s["y"], 0.1, 200, progress=True)
    assert "100%" in capsys.readouterr().err
    assert_array_equal(fit["loss"], nn.train(s["init"], s["X"], s["y"], 0.1, 200)["loss"])


def test_moons_the_articles_run_classifies_at_least_98_percent_of_the_samples():
    s = nn.load_scenario("moons")
    # lr = 0.1 on the summed loss is too large near the end: the loss
    # oscillates, and training says so.
    with pytest.warns(nn.ConvergenceWarning, match="oscillation"):
        model = nn.MLP(hidden=s["hidden"], lr=s["lr"], epochs=s["epochs"], bias=False, init=s["init"]).fit(s["X"], s["y"])
    accuracy = np.mean(model.predict(s["X"]) == s["y"][:, 0])
    assert accuracy >= 0.98
    # No skill: the larger moon's share.
    assert accuracy > max(s["y"].mean(), 1 - s["y"].mean()) + 0.4
    p = model.predict_raw(s["X"])
    assert np.all((p > 0) & (p < 1))


def test_blobs_every_sample_in_its_blob_by_the_largest_output():
    s = nn.load_scenario("blobs")
    model = nn.MLP(hidden=s["hidden"], lr=s["lr"], epochs=s["epochs"], bias=False, init=s["init"]).fit(s["X"], s["y"])
    assert_array_equal(model.predict(s["X"]), s["y"].argmax(axis=1))
    # No skill: output the class shares for every sample.
    assert model.loss_curve_[-1] < 0.5 * np.sum((s["y"] - s["y"].mean(axis=0)) ** 2) / 10


def test_a_bad_layout_verbose_or_progress_is_an_error():
    s = nn.load_scenario("article")
    cases = [
        ({"layout": "cols"}, '`layout` must be "rows" or "columns", not "cols".'),
        ({"verbose": -1}, "`verbose` must be a whole number from 0 to 2147483647, not -1."),
        ({"progress": "yes"}, '`progress` must be TRUE or FALSE, not "yes".'),
    ]
    for kwargs, msg in cases:
        with pytest.raises(nn.NnscratchError) as e:
            nn.train(s["init"], s["X"], s["y"], 0.1, 10, **kwargs)
        assert str(e.value) == msg
    # Samples in columns: y has 3 columns, X (4, 3) 3 samples.
    with pytest.raises(nn.NnscratchError) as e:
        nn.train(s["init"], s["X"].T, np.vstack([s["y"], [[1]]]).T, 0.1, 10, layout="columns")
    assert str(e.value) == "`y` must have as many rows as `X` (3), not 4."
