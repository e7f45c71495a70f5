"""The optimizers and schedules against torch.optim's documented algorithms, written out here. Twin of
tests/testthat/test-optimizers.R.

The references below follow the pseudo-code of torch.optim's documentation
(SGD with momentum and dampening 0, Nesterov; RMSprop uncentred without
momentum; Adam without amsgrad), weight by weight, with g the gradient;
the package steps along d = -g. Both are fed the same 200 gradients.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

import nnscratch as nn
from nnscratch.optimizers import OPTIMIZERS, init_state, optimizer_step
from nnscratch.schedules import SCHEDULES, epoch_lr, init_schedule

H = {"momentum": 0.9, "rho": 0.99, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "power_t": 0.5, "gamma": 0.97}


def torch_reference(name, theta, grads, lr, h):
    """Return theta after the steps, each weight updated by torch.optim's pseudo-code."""
    theta = [float(v) for v in theta]
    b = [0.0] * len(theta)
    v = [0.0] * len(theta)
    m = [0.0] * len(theta)
    for t, g_all in enumerate(grads, start=1):
        for i, g in enumerate(g_all):
            if name == "sgd":
                theta[i] -= lr * g
            elif name in ("momentum", "nesterov"):
                b[i] = g if t == 1 else h["momentum"] * b[i] + g
                step = g + h["momentum"] * b[i] if name == "nesterov" else b[i]
                theta[i] -= lr * step
            elif name == "rmsprop":
                v[i] = h["rho"] * v[i] + (1 - h["rho"]) * g * g
                theta[i] -= lr * g / (math.sqrt(v[i]) + h["epsilon"])
            elif name == "adam":
                m[i] = h["beta1"] * m[i] + (1 - h["beta1"]) * g
                v[i] = h["beta2"] * v[i] + (1 - h["beta2"]) * g * g
                m_hat = m[i] / (1 - h["beta1"] ** t)
                v_hat = v[i] / (1 - h["beta2"] ** t)
                theta[i] -= lr * m_hat / (math.sqrt(v_hat) + h["epsilon"])
    return np.array(theta)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_follows_torchs_update_for_200_steps(name):
    rng = np.random.default_rng(7)
    layers = [{"W": rng.normal(size=(3, 2)), "b": rng.normal(size=(1, 2))}, {"W": rng.normal(size=(2, 1)), "b": None}]
    flat = np.concatenate([layers[0]["W"].ravel(), layers[0]["b"].ravel(), layers[1]["W"].ravel()])
    grads = [rng.normal(scale=0.1, size=flat.size) for _ in range(200)]
    state = init_state(name, layers)
    for g in grads:
        d = [{"W": -g[:6].reshape(3, 2), "b": -g[6:8].reshape(1, 2)}, {"W": -g[8:].reshape(2, 1), "b": None}]
        layers, state = optimizer_step(name, layers, d, state, 0.01, H)
    got = np.concatenate([layers[0]["W"].ravel(), layers[0]["b"].ravel(), layers[1]["W"].ravel()])
    assert state["t"] == 200
    assert_allclose(got, torch_reference(name, flat, grads, 0.01, H), rtol=0, atol=1e-10)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_trains_as_torch_optim_does_for_200_steps(name):
    """torch itself, in float64, from the same weights: a tanh network on the mean half squared error."""
    import torch  # in the `test` extra: a missing one fails, it is not skipped
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(40, 3)), rng.normal(size=(40, 1))
    layers = [{"W": rng.normal(size=(3, 5)) * 0.5, "b": rng.normal(size=(1, 5)) * 0.1},
              {"W": rng.normal(size=(5, 1)) * 0.5, "b": rng.normal(size=(1, 1)) * 0.1}]
    fit = nn.train(layers, X, y, 0.01, 200, activation="tanh", output_activation="identity", loss="half_mse",
                   optimizer=name, **{k: H[k] for k in OPTIMIZERS[name].params})
    linear = [torch.nn.Linear(3, 5, dtype=torch.float64), torch.nn.Linear(5, 1, dtype=torch.float64)]
    with torch.no_grad():
        for module, layer in zip(linear, layers):
            module.weight.copy_(torch.from_numpy(layer["W"].T.copy()))
            module.bias.copy_(torch.from_numpy(layer["b"][0].copy()))
    net = torch.nn.Sequential(linear[0], torch.nn.Tanh(), linear[1])
    optimizer = {
        "sgd": lambda p: torch.optim.SGD(p, lr=0.01),
        "momentum": lambda p: torch.optim.SGD(p, lr=0.01, momentum=H["momentum"]),
        "nesterov": lambda p: torch.optim.SGD(p, lr=0.01, momentum=H["momentum"], nesterov=True),
        "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=H["rho"], eps=H["epsilon"]),
        "adam": lambda p: torch.optim.Adam(p, lr=0.01, betas=(H["beta1"], H["beta2"]), eps=H["epsilon"]),
    }[name](net.parameters())
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(200):
        optimizer.zero_grad()
        loss = 0.5 * ((net(Xt) - yt) ** 2).mean()
        loss.backward()
        optimizer.step()
    for module, layer in zip(linear, fit["params"]):
        assert_allclose(layer["W"], module.weight.detach().numpy().T, rtol=0, atol=1e-10)
        assert_allclose(layer["b"][0], module.bias.detach().numpy(), rtol=0, atol=1e-10)


def written_out(name, p, d, slots, lr, h, t):
    """Return (p, slots) after one step, each update written as one expression on fresh arrays."""
    # Adam's bias corrections as the package takes its powers (R's rules)
    c1, c2 = 1 - nn.kernels.power(h["beta1"], t), math.sqrt(1 - nn.kernels.power(h["beta2"], t))
    if name == "sgd":
        return p + d * lr, []
    if name == "momentum":
        v = h["momentum"] * slots[0] + d
        return p + v * lr, [v]
    if name == "nesterov":
        v = h["momentum"] * slots[0] + d
        return p + (d + h["momentum"] * v) * lr, [v]
    if name == "rmsprop":
        s = h["rho"] * slots[0] + (1 - h["rho"]) * (d * d)
        return p + d / (np.sqrt(s) + h["epsilon"]) * lr, [s]
    m = h["beta1"] * slots[0] + (1 - h["beta1"]) * d
    s = h["beta2"] * slots[1] + (1 - h["beta2"]) * (d * d)
    return p + m / (np.sqrt(s) / c2 + h["epsilon"]) * (lr / c1), [m, s]


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_the_updates_in_place_give_the_bits_of_the_formulas_written_out(name):
    # The updates overwrite their slots and temporaries in place; the same
    # operations in the same order give the same bits as the formulas.
    rng = np.random.default_rng(3)
    layers = [{"W": rng.normal(size=(4, 3)), "b": rng.normal(size=(1, 3))}, {"W": rng.normal(size=(3, 2)), "b": None}]
    state = init_state(name, layers)
    expected = [{k: (v, [np.zeros_like(v) for _ in OPTIMIZERS[name].slots]) for k, v in layer.items() if v is not None}
                for layer in layers]
    for t in range(1, 6):
        d = [{k: None if v is None else rng.normal(size=v.shape) for k, v in layer.items()} for layer in layers]
        expected = [{k: written_out(name, p, d[i][k], slots, 0.01, H, t) for k, (p, slots) in e.items()}
                    for i, e in enumerate(expected)]
        layers, state = optimizer_step(name, layers, d, state, 0.01, H)
    for i, e in enumerate(expected):
        for k, (p, slots) in e.items():
            np.testing.assert_array_equal(layers[i][k], p)
            for slot, value in zip(OPTIMIZERS[name].slots, slots):
                np.testing.assert_array_equal(state[slot][i][k], value)


def test_sgd_is_the_articles_update_bit_for_bit():
    s = nn.load_scenario("article")
    step = nn.train_step(s["init"], s["X"], s["y"], 0.1)
    fit = nn.train(s["init"], s["X"], s["y"], 0.1, 1, optimizer="sgd")
    assert np.array_equal(fit["params"]["wh"], step["wh"]) and np.array_equal(fit["params"]["bout"], step["bout"])


def test_adam_on_a_network_takes_steps_of_about_lr_at_first():
    # Adam's first step is lr * g / (|g| + eps): every weight with a gradient
    # moves by lr, less lr * eps / |g| (the smallest gradients here are about
    # 1e-5, so a little less than 1e-3 of lr).
    s = nn.load_scenario("article")
    layers = nn.as_layers(s["init"])
    fit = nn.train(layers, s["X"], s["y"], 0.001, 1, optimizer="adam")
    moved = np.abs(fit["params"][0]["W"] - layers[0]["W"])
    assert_allclose(moved[moved > 0], 0.001, rtol=1e-3)


def test_the_schedules_give_their_formulas():
    base = 0.1
    state = init_schedule(base)
    for t in (1, 2, 10, 200):
        assert epoch_lr("constant", t, base, H, state) == base
        assert epoch_lr("invscaling", t, base, H, state) == pytest.approx(base / t ** 0.5, rel=1e-15)
        assert epoch_lr("exponential", t, base, H, state) == pytest.approx(base * 0.97 ** (t - 1), rel=1e-14)
        assert epoch_lr("adaptive", t, base, H, state) == base
    assert SCHEDULES["adaptive"].plateau({"lr": 0.1}) == {"lr": 0.1 / 5}
    assert SCHEDULES["adaptive"].plateau({"lr": 1e-6}) is None


def test_the_adaptive_schedule_divides_by_5_on_a_plateau_and_records_each_epochs_rate():
    # A loss that cannot fall: the targets are the network's own outputs at
    # the start, after the weights are 0 and the output a constant 0.5.
    X = np.ones((4, 1))
    y = np.full((4, 1), 0.5)
    layers = [{"W": np.zeros((1, 2)), "b": np.zeros((1, 2))}, {"W": np.zeros((2, 1)), "b": np.zeros((1, 1))}]
    with pytest.warns(nn.ConvergenceWarning):
        fit = nn.train(layers, X, y, 0.1, 30, schedule="adaptive", n_iter_no_change=2, tol=1e-4)
    # scikit-learn's rule: a plateau is more than n_iter_no_change epochs
    # without an improvement of more than tol; the first epoch sets the best
    # loss, so the rate falls after epochs 4, 7, 10, ...
    lr = fit["history"]["lr"]
    assert lr[:4].tolist() == [0.1] * 4
    assert lr[4] == pytest.approx(0.02) and lr[7] == pytest.approx(0.004)
    # and training stops once the rate is at most 1e-6: 0.1 / 5^k <= 1e-6 for k = 8
    assert fit["stopped"] == "tol" and len(fit["loss"]) == 3 * 8 + 1 + 3
