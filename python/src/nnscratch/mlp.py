"""The model-level interface: class MLP. Twin of R/mlp.R (mlp() and its methods)."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .init import init_params
from .steps import forward_impl
from .train import train
from .validate import (
    abort,
    as_numeric_matrix,
    check_flag,
    check_hidden,
    check_params,
    check_y,
)


class MLP:
    """The article's network as an estimator.

    Parameters
    ----------
    hidden : int, default 3
        The number of hidden neurons.
    lr : float, default 0.1
        The learning rate.
    epochs : int, default 5000
        The number of epochs.
    bias : bool, default True
        Whether the network has biases.
    init : dict, optional
        Initial weights (see `train_step`); None draws them with `init_params`.
    seed, scheme
        Passed to `init_params` when `init` is None.
    trace_every : int, default 0
        Passed to `train`.

    Attributes
    ----------
    wh_, bh_, wout_, bout_ : ndarray
        The trained weights, shapes (p, h), (1, h), (h, o), (1, o).
    loss_curve_ : ndarray, shape (epochs,)
        The loss of each epoch.
    n_epochs_ : int
    trace_ : list of dict

    Examples
    --------
    >>> from nnscratch import MLP, load_scenario
    >>> s = load_scenario("article")
    >>> model = MLP(hidden=3, lr=0.1, epochs=5000, init=s["init"]).fit(s["X"], s["y"])
    >>> model.predict(s["X"]).round(2).ravel().tolist()
    [0.98, 0.97, 0.05]
    """

    def __init__(
        self,
        hidden: int = 3,
        lr: float = 0.1,
        epochs: int = 5000,
        bias: bool = True,
        init: Optional[dict] = None,
        seed: Optional[int] = None,
        scheme: str = "article_r",
        trace_every: int = 0,
    ) -> None:
        self.hidden = hidden
        self.lr = lr
        self.epochs = epochs
        self.bias = bias
        self.init = init
        self.seed = seed
        self.scheme = scheme
        self.trace_every = trace_every

    def fit(self, X: Any, y: Any) -> "MLP":
        """Draw initial weights (or take `init`) and train on X (n, p) and y (n, o)."""
        X = as_numeric_matrix(X, "X")
        y = check_y(y, X)
        hidden = check_hidden(self.hidden)
        bias = check_flag(self.bias, "bias")
        init = self.init
        if init is None:
            init = init_params(X.shape[1], hidden, y.shape[1], seed=self.seed, scheme=self.scheme, bias=bias)
        init = check_params(init, X.shape[1], y.shape[1])
        if init["wh"].shape[1] != hidden:
            abort("`init['wh']` must have `hidden` (%d) columns, not %d.", hidden, init["wh"].shape[1])
        if (init["bh"] is None) == bias:
            abort("`init` must %s biases, as `bias` is %s.", "have" if bias else "not have", "TRUE" if bias else "FALSE")
        fit = train(init, X, y, lr=self.lr, epochs=self.epochs, trace_every=self.trace_every)
        p = fit["params"]
        self.wh_, self.bh_, self.wout_, self.bout_ = p["wh"], p["bh"], p["wout"], p["bout"]
        self.loss_curve_ = fit["loss"]
        self.n_epochs_ = len(fit["loss"])
        self.trace_ = fit["trace"]
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Return the network's outputs for X (n, p), shape (n, o)."""
        if not hasattr(self, "wh_"):
            abort("This MLP is not fitted yet; call `fit` first.")
        X = as_numeric_matrix(X, "X")
        if X.shape[1] != self.n_features_in_:
            abort(
                "`X` must have %d columns, as the training data had, not %d.",
                self.n_features_in_, X.shape[1],
            )
        params = {"wh": self.wh_, "bh": self.bh_, "wout": self.wout_, "bout": self.bout_}
        return forward_impl(params, X)["output"]

    def __repr__(self) -> str:
        return "MLP(hidden=%r, lr=%r, epochs=%r, bias=%r)" % (self.hidden, self.lr, self.epochs, self.bias)
