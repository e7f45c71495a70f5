"""MLP against scikit-learn and pandas, which are in the `test` extra; the
package itself imports neither."""

import numpy as np
import pandas as pd
from numpy.testing import assert_array_equal
from sklearn.base import clone, is_classifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import nnscratch as nn

s = nn.load_scenario("article")


def test_clone_copies_the_hyper_parameters_and_not_the_fit():
    model = nn.MLP(hidden=4, lr=0.5, epochs=20, init=None, seed=3, scheme="article_numpy")
    model.fit(s["X"], s["y"])
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert not hasattr(twin, "wh_")
    assert is_classifier(model)


def test_mlp_in_a_pipeline_fits_what_it_fits_alone():
    X = np.vstack([np.eye(3), np.eye(3)]) * 10 + 5
    labels = np.array(["b", "c", "a"] * 2)
    pipe = Pipeline([("scale", StandardScaler()), ("mlp", nn.MLP(hidden=4, lr=1, epochs=2000, seed=1,
                                                                 scheme="article_numpy"))])
    pipe.fit(X, labels)
    alone = nn.MLP(hidden=4, lr=1, epochs=2000, seed=1, scheme="article_numpy")
    alone.fit(StandardScaler().fit_transform(X), labels)
    assert_array_equal(pipe.predict(X), alone.predict(StandardScaler().fit_transform(X)))
    assert pipe.score(X, labels) == 1.0
    pipe.set_params(mlp__epochs=5)
    assert pipe.named_steps["mlp"].epochs == 5


def test_data_frames_keep_their_index_and_are_read_by_column_name():
    X = pd.DataFrame(s["X"], columns=["a", "b", "c", "d"], index=["r1", "r2", "r3"])
    y = pd.Series(pd.Categorical(["yes", "yes", "no"], categories=["yes", "no"]), index=X.index)
    model = nn.MLP(init=s["init"], epochs=5000).fit(X, y)
    # The categories' order is the classes' order, as a factor's levels in R:
    # the single output is 1 for "no".
    assert model.classes_.tolist() == ["yes", "no"]
    direct = nn.train(s["init"], s["X"], np.array([[0.0], [0.0], [1.0]]), 0.1, 5000)
    assert_array_equal(model.wout_, direct["params"]["wout"])
    assert model.feature_names_in_.tolist() == ["a", "b", "c", "d"]
    proba = model.predict_proba(X[["d", "c", "b", "a"]])
    assert isinstance(proba, pd.DataFrame)
    assert proba.index.tolist() == ["r1", "r2", "r3"]
    assert_array_equal(proba.to_numpy(), nn.forward(direct["params"], s["X"])["output"])
    predicted = model.predict(X)
    assert isinstance(predicted, pd.Series)
    assert predicted.index.tolist() == ["r1", "r2", "r3"]
    assert model.score(X, y) == 1.0
