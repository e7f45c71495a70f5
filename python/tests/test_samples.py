"""Weights, the validation split, dropout and continued training. Twin of tests/testthat/test-samples.R."""

import contextlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn
from nnscratch.optimizers import OPTIMIZERS
from nnscratch.rrandom import RRandom
from nnscratch.samples import balanced_weights, dropout_masks, fit_scale, strata, validation_split

s = nn.load_scenario("article")
blobs = nn.load_scenario("blobs")


@contextlib.contextmanager
def quiet():
    """Short runs on purpose: their convergence warnings are not what these tests check."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        yield


def same_layers(a, b):
    return all(np.array_equal(x["W"], y["W"]) and (x["b"] is None and y["b"] is None or np.array_equal(x["b"], y["b"]))
               for x, y in zip(a, b))


def test_weight_2_on_a_row_is_that_row_written_twice():
    # full batch, summed loss: the weighted sum is the sum over the rows written out
    weighted = nn.train(s["init"], s["X"], s["y"], 0.1, 200, weights=[2, 1, 1])
    twice = nn.train(s["init"], np.vstack([s["X"], s["X"][:1]]), np.vstack([s["y"], s["y"][:1]]), 0.1, 200)
    for k in ("wh", "bh", "wout", "bout"):
        assert_allclose(weighted["params"][k], twice["params"][k], rtol=1e-12, atol=1e-15)
    assert_allclose(weighted["loss"], twice["loss"], rtol=1e-12)
    # with the mean, weight 2 counts twice in the denominator too
    weighted = nn.train(s["init"], s["X"], s["y"], 0.1, 50, weights=[2, 1, 1], reduction="mean")
    twice = nn.train(s["init"], np.vstack([s["X"], s["X"][:1]]), np.vstack([s["y"], s["y"][:1]]), 0.1, 50,
                     reduction="mean")
    assert_allclose(weighted["params"]["wh"], twice["params"]["wh"], rtol=1e-12)


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3), st.integers(0, 3))
def test_weight_k_is_the_row_written_k_times(k, row):
    row = row % 3
    w = np.ones(3)
    w[row] = k
    X = np.vstack([s["X"], np.repeat(s["X"][row:row + 1], k - 1, axis=0)])
    y = np.vstack([s["y"], np.repeat(s["y"][row:row + 1], k - 1, axis=0)])
    with quiet():
        a = nn.train(s["init"], s["X"], s["y"], 0.1, 20, weights=w)
        b = nn.train(s["init"], X, y, 0.1, 20)
    assert_allclose(a["params"]["wh"], b["params"]["wh"], rtol=1e-12, atol=1e-14)


def test_mean_reduction_at_lr_is_the_sum_at_lr_over_n():
    with quiet():
        mean = nn.train(s["init"], s["X"], s["y"], 0.3, 100, reduction="mean")
        total = nn.train(s["init"], s["X"], s["y"], 0.1, 100)
    assert_allclose(mean["params"]["wh"], total["params"]["wh"], rtol=1e-12)
    assert_allclose(mean["loss"] * 3, total["loss"], rtol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.floats(0.05, 0.6), st.integers(-1000, 1000))
def test_the_validation_split_is_a_stratified_partition(fraction, seed):
    y = blobs["y"]
    groups = strata(y)
    held = validation_split(len(y), fraction, groups, RRandom(seed))
    assert len(np.unique(held)) == len(held) and np.all(np.diff(held) > 0)
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        # floor(fraction * size) of each stratum
        assert np.isin(held, rows).sum() == np.floor(fraction * len(rows))


def test_a_fit_holds_out_the_split_and_records_the_validation_loss_and_score():
    X, y = blobs["X"], blobs["y"]
    layers = nn.as_layers(nn.init_params(2, 5, y.shape[1], seed=1, scheme="glorot_r"))
    fit = nn.train(layers, X, y, 0.01, 30, validation=0.2, seed=4, optimizer="adam", loss="log_loss",
                   output_activation="softmax", reduction="mean")
    rows = fit["state"]["validation"] - 1
    assert len(rows) == sum(np.floor(0.2 * c) for c in y.sum(axis=0))
    # the last epoch's validation loss is the loss of the held-out rows under the final weights
    out = nn.forward(fit["params"], X[rows], output_activation="softmax")["a"][-1]
    by_hand = -np.sum(y[rows] * np.log(out)) / len(rows)
    assert fit["history"]["validation_loss"][-1] == pytest.approx(by_hand, rel=1e-12)
    assert fit["history"]["validation_score"][-1] == np.mean(out.argmax(axis=1) == y[rows].argmax(axis=1))


def test_early_stopping_keeps_the_best_weights():
    X, y = blobs["X"], blobs["y"]
    layers = nn.as_layers(nn.init_params(2, 5, y.shape[1], seed=1, scheme="glorot_r"))
    settings_ = dict(loss="log_loss", output_activation="softmax", reduction="mean", optimizer="adam", seed=4,
                     validation=0.3, early_stopping=True, patience=5, tol=0.0)
    with quiet():
        fit = nn.train(layers, X, y, 2.0, 300, **settings_)
    best = fit["state"]["best_epoch"]
    v = fit["history"]["validation_loss"]
    assert fit["stopped"] == "early_stopping" and len(v) == best + 5
    assert v[best - 1] == v.min()
    # the weights kept are those of the best epoch: a run that stops there has them
    with quiet():
        again = nn.train(layers, X, y, 2.0, best, **dict(settings_, early_stopping=False))
    assert same_layers(fit["params"], again["params"])


def test_dropout_masks_are_0_or_1_over_1_minus_p_drawn_column_by_column():
    masks = dropout_masks(1000, [4, 3], [0.25, 0.0], RRandom(2))
    assert masks[1] is None
    assert set(np.unique(masks[0]).tolist()) == {0.0, 1 / 0.75}
    # inverted dropout keeps each unit's mean: about 1
    assert abs(masks[0].mean() - 1) < 0.05
    u = RRandom(2).runif(4000).reshape(1000, 4, order="F")
    assert_array_equal(masks[0] == 0, u < 0.25)


def test_dropout_is_off_at_prediction_and_changes_training():
    X, y = blobs["X"], blobs["y"]
    layers = nn.as_layers(nn.init_params(2, 8, y.shape[1], seed=1, scheme="glorot_r"))
    common = dict(loss="log_loss", output_activation="softmax", seed=1)
    with quiet():
        plain = nn.train(layers, X, y, 0.01, 5, **common)
        dropped = nn.train(layers, X, y, 0.01, 5, dropout=0.5, **common)
    assert not same_layers(plain["params"], dropped["params"])
    model = nn.MLPClassifier(hidden=8, dropout=0.5, epochs=5, seed=1).fit(X, y.argmax(axis=1))
    assert_array_equal(model.predict_proba(X), model.predict_proba(X))


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(list(OPTIMIZERS)), st.integers(1, 9), st.booleans())
def test_going_on_in_two_parts_is_one_run_bit_for_bit(optimizer, first, dropout):
    X, y = blobs["X"][:60], blobs["y"][:60]
    layers = nn.as_layers(nn.init_params(2, 4, y.shape[1], seed=3, scheme="glorot_r"))
    common = dict(optimizer=optimizer, batch_size=16, seed=5, validation=0.2, loss="log_loss",
                  output_activation="softmax", dropout=0.2 if dropout else 0.0, schedule="invscaling")
    with quiet():
        whole = nn.train(layers, X, y, 0.05, 10, **common)
        part = nn.train(layers, X, y, 0.05, first, **common)
        rest = nn.train(part, X, y, epochs=10 - first)
    assert same_layers(whole["params"], rest["params"])
    assert_array_equal(whole["loss"], rest["loss"])
    assert_array_equal(whole["history"]["validation_loss"], rest["history"]["validation_loss"])


def test_going_on_with_another_optimizer_or_network_is_refused():
    fit = nn.train(s["init"], s["X"], s["y"], 0.1, 5, optimizer="adam")
    with pytest.raises(nn.NnscratchError, match='`optimizer` must be "adam", as in the fit being continued, not '
                                                '"momentum".'):
        nn.train(fit, s["X"], s["y"], epochs=5, optimizer="momentum")
    model = nn.MLPClassifier(hidden=4, epochs=3, seed=1, warm_start=True).fit(s["X"], ["a", "b", "a"])
    with pytest.raises(nn.NnscratchError, match="`hidden` must be 4, the hidden layers of the fit being continued"):
        model.set_params(hidden=5).fit(s["X"], ["a", "b", "a"])


def test_class_weights_balanced_are_n_over_k_times_the_count():
    y = np.array([[1.0, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]])
    assert_allclose(balanced_weights(y), [6 / (3 * 3), 6 / (3 * 1), 6 / (3 * 2)])
    assert_allclose(balanced_weights(np.array([[0.0], [1], [1], [1]])), [4 / 2, 4 / 6])


def test_class_weight_is_a_sample_weight_per_class():
    X, labels = blobs["X"], blobs["y"].argmax(axis=1)
    by_class = nn.MLPClassifier(hidden=4, epochs=5, seed=1, class_weight={0: 3.0, 2: 0.5}).fit(X, labels)
    weights = np.select([labels == 0, labels == 2], [3.0, 0.5], 1.0)
    by_sample = nn.MLPClassifier(hidden=4, epochs=5, seed=1).fit(X, labels, sample_weight=weights)
    assert same_layers(by_class.layers_, by_sample.layers_)
    with pytest.raises(nn.NnscratchError, match='`class_weight` names the class "9", which `y` does not have'):
        nn.MLPClassifier(class_weight={9: 1.0}, epochs=1).fit(X, labels)


def test_huge_columns_are_scaled_as_their_small_twins():
    # multiplying by a power of two is exact: a column times 2^600 has its centre and scale times 2^600, bit for bit,
    # where the squares of its values overflow
    X = blobs["X"] * [1.0, 2.0**600]
    for name in ("standardize", "minmax"):
        small, huge = fit_scale(name, blobs["X"]), fit_scale(name, X)
        assert_array_equal(huge["center"], small["center"] * [1.0, 2.0**600])
        assert_array_equal(huge["scale"], small["scale"] * [1.0, 2.0**600])
    labels = blobs["y"].argmax(axis=1)
    model = nn.MLPClassifier(hidden=5, epochs=30, seed=1)
    with quiet():
        assert_array_equal(model.fit(X, labels).predict_proba(X), model.fit(blobs["X"], labels).predict_proba(blobs["X"]))
