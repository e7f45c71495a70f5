import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn
from nnscratch.scenario import data_dir, read_table


def test_the_article_scenario_holds_the_articles_data():
    s = nn.load_scenario("article")
    assert_array_equal(s["X"], [[1, 0, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1]])
    assert_array_equal(s["y"], [[1], [1], [0]])
    assert (s["hidden"], s["lr"], s["epochs"]) == (3, 0.1, 5000)
    assert s["bias"] is True


def test_article_nobias_is_the_article_without_its_biases():
    s = nn.load_scenario("article_nobias")
    a = nn.load_scenario("article")
    assert_array_equal(s["X"], a["X"])
    assert_array_equal(s["y"], a["y"])
    assert (s["hidden"], s["lr"], s["epochs"]) == (3, 0.1, 5000)
    assert s["bias"] is False
    assert s["init"]["bh"] is None and s["init"]["bout"] is None
    # Without the runif draws between them, wh is the article's wh.
    assert_array_equal(s["init"]["wh"], a["init"]["wh"])


def test_part2_toy_holds_the_articles_second_walk_through_samples_in_rows():
    s = nn.load_scenario("part2_toy")
    assert_array_equal(s["X"], [[1, 0, 0, 0], [1, 0, 1, 1], [0, 1, 0, 1]])
    assert_array_equal(s["y"], [[1], [1], [0]])
    assert (s["hidden"], s["lr"], s["epochs"]) == (3, 0.01, 1000)
    assert s["bias"] is False
    assert (s["seed"], s["scheme"], s["skip"]) == (42, "article_numpy", 15)
    w = nn.load_scenario("part2_walkthrough")
    for key in ("X", "y"):
        assert_array_equal(w[key], s[key])
    assert (w["hidden"], w["lr"], w["bias"], w["epochs"], w["skip"]) == (3, 0.01, False, 1, 0)
    # What the article's notebook draws, with numpy's global generator: the
    # walk-through's weights, then the 1000-epoch run's.
    np.random.seed(42)
    assert_array_equal(w["init"]["wh"], np.random.uniform(size=(4, 3)))
    assert_array_equal(w["init"]["wout"], np.random.uniform(size=(3, 1)))
    assert_array_equal(s["init"]["wh"], np.random.uniform(size=(4, 3)))
    assert_array_equal(s["init"]["wout"], np.random.uniform(size=(3, 1)))


def test_moons_and_blobs_are_the_stored_data_sets_normalised_over_both_features_together():
    def normalise(X):
        X = X - X.min()
        return X / X.max()

    moons = np.loadtxt(data_dir() / "moons.csv", delimiter=";", skiprows=1)
    blobs = np.loadtxt(data_dir() / "blobs.csv", delimiter=";", skiprows=1)
    assert moons.shape == (1000, 3)
    assert_array_equal(np.bincount(moons[:, 2].astype(int)), [500, 500])
    assert_array_equal(np.bincount(blobs[:, 2].astype(int)), [100, 100, 100])
    m = nn.load_scenario("moons")
    assert_array_equal(m["X"], normalise(moons[:, :2]))
    assert_array_equal(m["y"], moons[:, 2:])
    assert (m["X"].min(), m["X"].max()) == (0, 1)
    assert (m["hidden"], m["lr"], m["epochs"], m["skip"], m["bias"]) == (10, 0.1, 10000, 30, False)
    b = nn.load_scenario("blobs")
    assert_array_equal(b["X"], normalise(blobs[:, :2]))
    assert_array_equal(b["y"].argmax(axis=1), blobs[:, 2])
    assert_array_equal(b["y"].sum(axis=1), 1)


def test_football_holds_the_readers_data_each_column_scaled_by_its_maximum():
    s = nn.load_scenario("football")
    raw = np.array([
        [9, 2, 2], [6, 1, 11], [0, 2, 19], [8, 1, 12], [8, 2, 12], [7, 1, 16],
        [9, 2, 15], [6, 1, 18], [23, 2, 4], [7, 1, 18], [13, 2, 16], [28, 1, 5],
        [42, 1, 1], [21, 2, 11], [28, 1, 6],
    ])
    assert_allclose(s["X"], raw / [42, 2, 19], rtol=1e-15)
    assert s["y"].shape == (15, 3)
    assert_array_equal(s["y"].sum(axis=1), 1)
    assert_array_equal(s["y"].argmax(axis=1) + 1, [1, 3, 1, 1, 1, 1, 3, 1, 2, 1, 2, 1, 3, 2, 3])


def test_football_learns_every_training_sample_in_its_class_far_below_the_baseline():
    s = nn.load_scenario("football")
    fit = nn.train(s["init"], s["X"], s["y"], s["lr"], s["epochs"])
    out = nn.forward(fit["params"], s["X"])["output"]
    assert_array_equal(out.argmax(axis=1), s["y"].argmax(axis=1))
    # No skill: output the class shares for every sample.
    baseline = 0.5 * np.sum((s["y"] - s["y"].mean(axis=0)) ** 2)
    assert fit["loss"][-1] < baseline / 10


def test_stored_initial_weights_are_exactly_the_draws_from_their_seed():
    names = [row["scenario"] for row in read_table("scenario_settings.csv")]
    assert sorted(names) == [
        "article", "article_nobias", "article_weights", "blobs", "blobs_adam", "blobs_deep", "blobs_dropout",
        "blobs_early_stopping", "football", "football_adaptive", "football_decay", "football_momentum",
        "football_nesterov", "moons", "part2_toy", "part2_walkthrough", "regression_relu", "regression_rmsprop",
    ]
    for name in names:
        s = nn.load_scenario(name)
        p, h, o = s["X"].shape[1], s["hidden"], s["y"].shape[1]
        if s["skip"] == 0:
            redrawn = nn.init_params(p, h, o, seed=s["seed"], scheme=s["scheme"], bias=s["bias"])
        else:
            # The notebook's stream, continued past `skip` uniforms.
            assert s["scheme"] == "article_numpy"
            rng = np.random.RandomState(s["seed"])
            rng.uniform(size=s["skip"])
            redrawn = {"wh": rng.uniform(size=(p, h)), "bh": None, "wout": rng.uniform(size=(h, o)), "bout": None}
        if isinstance(s["init"], list):
            assert isinstance(redrawn, list) and len(redrawn) == len(s["init"])
            pairs = [(layer[k], again[k], "%s %s" % (name, k)) for layer, again in zip(s["init"], redrawn)
                     for k in ("W", "b")]
        else:
            pairs = [(s["init"][k], redrawn[k], "%s %s" % (name, k)) for k in ("wh", "bh", "wout", "bout")]
        for stored, again, what in pairs:
            if stored is None:
                assert again is None, what
            else:
                assert_array_equal(stored, again, err_msg=what)


def test_every_scenario_names_its_training_settings_the_articles_for_the_older_ones():
    for name in ("article", "article_nobias", "part2_walkthrough", "part2_toy", "moons", "blobs", "football"):
        s = nn.load_scenario(name)
        assert (s["activation"], s["output_activation"], s["loss"], s["decay"]) == (
            "sigmoid", "sigmoid", "half_sse", 0.0), name
    d = nn.load_scenario("blobs_deep")
    assert d["hidden"] == [8, 4]
    assert (d["activation"], d["output_activation"], d["loss"], d["decay"]) == ("tanh", "softmax", "log_loss", 0.0)
    assert_array_equal(d["X"], nn.load_scenario("blobs")["X"])
    assert [layer["W"].shape for layer in d["init"]] == [(2, 8), (8, 4), (4, 3)]
    r = nn.load_scenario("regression_relu")
    assert r["hidden"] == [8, 8, 4]
    assert (r["activation"], r["output_activation"], r["loss"]) == ("relu", "identity", "half_mse")
    f = nn.load_scenario("football_decay")
    fb = nn.load_scenario("football")
    for k in ("X", "y"):
        assert_array_equal(f[k], fb[k])
    for k in ("wh", "bh", "wout", "bout"):
        assert_array_equal(f["init"][k], fb["init"][k])
    assert (f["hidden"], f["lr"], f["epochs"], f["decay"]) == (fb["hidden"], fb["lr"], fb["epochs"], 0.001)


def test_the_regression_set_is_its_formula_uniform_inputs_sin_pi_x1_plus_x2_x3_plus_noise():
    r = nn.load_scenario("regression_relu")
    X, y = r["X"], r["y"][:, 0]
    assert X.shape == (60, 3)
    assert np.all((X >= -1) & (X <= 1))
    noise = y - (np.sin(np.pi * X[:, 0]) + X[:, 1] * X[:, 2])
    # normal noise with sd 0.1: no value beyond 5 sd, and a sample sd near 0.1
    assert np.all(np.abs(noise) < 0.5)
    assert 0.07 < np.std(noise, ddof=1) < 0.13
    # targets outside [0, 1], which only the identity output can reach
    assert np.any(y < 0) and np.any(y > 1)


def test_the_deeper_scenarios_learn_in_their_own_settings():
    d = nn.load_scenario("blobs_deep")
    fit = nn.train(d["init"], d["X"], d["y"], d["lr"], d["epochs"], activation=d["activation"],
                   output_activation=d["output_activation"], loss=d["loss"])
    out = nn.forward(fit["params"], d["X"], d["activation"], d["output_activation"])["a"][-1]
    assert_array_equal(out.argmax(axis=1), d["y"].argmax(axis=1))
    r = nn.load_scenario("regression_relu")
    fit = nn.train(r["init"], r["X"], r["y"], r["lr"], r["epochs"], activation=r["activation"],
                   output_activation=r["output_activation"], loss=r["loss"])
    out = nn.forward(fit["params"], r["X"], r["activation"], r["output_activation"])["a"][-1]
    # a quarter of the variance of y or less: better than predicting the mean
    assert np.mean((out - r["y"]) ** 2) < np.var(r["y"]) / 4


def test_an_unknown_scenario_is_an_error_that_lists_the_known_ones():
    with pytest.raises(nn.NnscratchError, match='`name` must be one of "article"'):
        nn.load_scenario("nope")
