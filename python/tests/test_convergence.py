"""Training that fails says so. Twin of tests/testthat/test-convergence.R."""

import warnings

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.convergence import convergence_problems

s = nn.load_scenario("article")
NOT_CONVERGED = "Training did not converge: "


def test_a_loss_that_falls_smoothly_with_unsaturated_outputs_is_fine():
    assert convergence_problems(np.linspace(2, 1, 100), np.full((3, 1), 2.0)) == []


def test_a_loss_that_ends_no_lower_than_it_started():
    assert convergence_problems(np.array([2.0, 1.0, 2.0]), np.zeros((3, 1))) == [
        NOT_CONVERGED + "the loss ended at 2, no lower than it started (2)."]
    # one epoch tells nothing about progress
    assert convergence_problems(np.array([2.0]), np.zeros((3, 1))) == []


def test_a_loss_that_is_nan_or_infinite():
    assert convergence_problems(np.array([2.0, np.inf, np.nan]), np.zeros((3, 1))) == [
        NOT_CONVERGED + "the loss became Inf at epoch 2."]


def test_every_output_saturated_for_every_sample():
    z = np.array([[16.0, -15.5], [-40.0, 20.0]])
    assert convergence_problems(np.array([2.0, 1.0]), z) == [
        NOT_CONVERGED + "every output is saturated for every sample; scale the inputs or lower `lr`."]
    # one unit left in range, or an output that does not saturate: fine
    assert convergence_problems(np.array([2.0, 1.0]), np.array([[16.0, -15.5], [-40.0, 14.0]])) == []
    assert convergence_problems(np.array([2.0, 1.0]), z, "identity") == []


def test_oscillation_over_the_last_tenth_of_full_batch_epochs():
    # 200 epochs: the last tenth is 20; rises in 2 of them is 10% > 5%
    loss = np.linspace(3, 1, 200)
    loss[[-5, -10]] += 0.1
    assert convergence_problems(loss, np.zeros((1, 1))) == [
        NOT_CONVERGED + "the loss rose in 2 of the last 20 epochs (oscillation); lower `lr`."]
    loss[-10] -= 0.1
    # one rise in 20 is 5%, not more
    assert convergence_problems(loss, np.zeros((1, 1))) == []
    # with mini-batches, rises are noise
    loss[-10] += 0.1
    assert convergence_problems(loss, np.zeros((1, 1)), full_batch=False) == []


def unscaled_iris():
    from sklearn.datasets import load_iris

    iris = load_iris()
    return iris.data, iris.target_names[iris.target]


def test_unscaled_iris_at_lr_half_warns_that_the_loss_did_not_fall():
    X, y = unscaled_iris()
    with pytest.warns(nn.ConvergenceWarning, match="no lower than it started") as record:
        model = nn.MLP(hidden=3, lr=0.5, epochs=5000, seed=1).fit(X, y)
    assert all(issubclass(w.category, UserWarning) for w in record)
    # It did fail: no better than always one class.
    assert model.score(X, y) == pytest.approx(1 / 3)


def test_unscaled_iris_at_lr_1_warns_that_every_output_is_saturated():
    X, y = unscaled_iris()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        nn.MLP(hidden=3, lr=1, epochs=5000, seed=1).fit(X, y)
    messages = [str(w.message) for w in record if w.category is nn.ConvergenceWarning]
    assert any("every output is saturated" in m for m in messages)


def test_a_network_no_better_than_a_constant_prediction_says_so():
    # the loss of the targets' mean: y = (1, 1, 0) has mean 2/3, and
    # 1/2 * ((1/3)^2 + (1/3)^2 + (2/3)^2) = 1/3
    constant = 0.5 * ((1 / 3) ** 2 * 2 + (2 / 3) ** 2)
    assert constant == pytest.approx(1 / 3)
    fine = convergence_problems(np.array([1.0, 0.5]), np.zeros((3, 1)), fitted_and_constant=(0.3, constant))
    assert fine == []
    close = convergence_problems(np.array([1.0, 0.5]), np.zeros((3, 1)), fitted_and_constant=(0.333, constant))
    assert close == [NOT_CONVERGED + "the network's loss on the training data (0.333) is within 0.1% of a constant "
                     "prediction's (0.333333) or above it; it has learned nothing from the inputs."]


def test_the_iris_plateau_of_the_articles_settings_warns():
    # The article's network on unscaled iris collapses to one output for
    # every sample: a little below the constant prediction's loss, and only
    # two of the three classes predicted.
    X, y = unscaled_iris()
    with pytest.warns(nn.ConvergenceWarning, match="learned nothing from the inputs"):
        model = nn.MLP(seed=0).fit(X, y)
    assert len(np.unique(model.predict(X))) < 3


def test_the_articles_run_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nn.train(s["init"], s["X"], s["y"], 0.1, 5000)
        nn.MLP(init=s["init"]).fit(s["X"], s["y"])


def test_with_verbose_a_warning_is_given_once_and_not_printed_again(capsys):
    X, y = unscaled_iris()
    with pytest.warns(nn.ConvergenceWarning) as record:
        nn.MLP(hidden=3, lr=0.5, epochs=5000, seed=1, verbose=2500).fit(X, y)
    lines = capsys.readouterr().out.splitlines()
    assert [line[:len("Error at epoch 0 is ")] for line in lines] == ["Error at epoch 0 is ", "Error at epoch 2500 "]
    messages = [str(w.message) for w in record]
    assert len(messages) == len(set(messages))
