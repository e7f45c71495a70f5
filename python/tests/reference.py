"""An independent reference for one epoch, twin of tests/testthat/helper-reference.R.

The article's equations written as scalar loops over samples and neurons,
with no matrix algebra, so that a mistake in the package's matrix code cannot
hide in it too.
"""

import math

import numpy as np

import nnscratch as nn


def reference_epoch(params, X, y, lr):
    n, p = X.shape
    h = params["wh"].shape[1]
    o = params["wout"].shape[1]
    bh = np.zeros(h) if params["bh"] is None else params["bh"][0]
    bout = np.zeros(o) if params["bout"] is None else params["bout"][0]

    def s(z):
        return 1 / (1 + math.exp(-z))

    z, a = np.zeros((n, h)), np.zeros((n, h))
    zo, out = np.zeros((n, o)), np.zeros((n, o))
    for i in range(n):
        for j in range(h):
            acc = bh[j]
            for k in range(p):
                acc += X[i, k] * params["wh"][k, j]
            z[i, j] = acc
            a[i, j] = s(acc)
        for m in range(o):
            acc = bout[m]
            for j in range(h):
                acc += a[i, j] * params["wout"][j, m]
            zo[i, m] = acc
            out[i, m] = s(acc)
    # delta of the output: dE/dz for E = 1/2 sum (y - out)^2 is -(y - out) out (1 - out)
    d_out = (y - out) * out * (1 - out)
    d_hid = np.zeros((n, h))
    for i in range(n):
        for j in range(h):
            back = sum(d_out[i, m] * params["wout"][j, m] for m in range(o))
            d_hid[i, j] = back * a[i, j] * (1 - a[i, j])
    wout, wh = params["wout"].copy(), params["wh"].copy()
    for j in range(h):
        for m in range(o):
            wout[j, m] += lr * sum(a[i, j] * d_out[i, m] for i in range(n))
    for k in range(p):
        for j in range(h):
            wh[k, j] += lr * sum(X[i, k] * d_hid[i, j] for i in range(n))
    return {
        "hidden_layer_input": z, "hiddenlayer_activations": a,
        "output_layer_input": zo, "output": out, "d_output": d_out,
        "d_hiddenlayer": d_hid, "wout": wout, "wh": wh,
        "bout": (bout + lr * d_out.sum(axis=0)).reshape(1, -1),
        "bh": (bh + lr * d_hid.sum(axis=0)).reshape(1, -1),
    }


def half_sse(params, X, y):
    return 0.5 * np.sum((y - nn.forward(params, X)["output"]) ** 2)


def numeric_gradient(params, X, y, eps=1e-6):
    """Central differences of half_sse with respect to every weight."""
    grads = {}
    for name, w in params.items():
        if w is None:
            grads[name] = None
            continue
        g = np.zeros_like(w)
        for idx in np.ndindex(w.shape):
            up = {k: (v.copy() if v is not None else None) for k, v in params.items()}
            down = {k: (v.copy() if v is not None else None) for k, v in params.items()}
            up[name][idx] += eps
            down[name][idx] -= eps
            g[idx] = (half_sse(up, X, y) - half_sse(down, X, y)) / (2 * eps)
        grads[name] = g
    return grads


def reference_layers_step(layers, X, y, lr, activation, output_activation, loss, decay=0.0, reduction="sum",
                          weights=None):
    """One step of a network of any depth, written as scalar loops from the textbook equations.

    The objective is (sum_i w_i loss_i + decay / 2 * sum W^2) / D, with
    D = 1 for a summed loss and D = sum_i w_i for a mean (always for
    half_mse). Returns the forward pass (z, a), delta = -dLoss/dz per layer,
    the loss before the step and the updated layers.
    """
    n = X.shape[0]
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    D = float(w.sum()) if reduction == "mean" or loss == "half_mse" else 1.0
    names = [*activation, output_activation]
    f = {
        "sigmoid": lambda v: 1 / (1 + math.exp(-v)),
        "tanh": math.tanh,
        "relu": lambda v: max(v, 0.0),
        "identity": lambda v: v,
    }
    z, a = [], [X]
    for k, layer in enumerate(layers):
        W, b = layer["W"], layer["b"]
        zk = np.zeros((n, W.shape[1]))
        for i in range(n):
            for j in range(W.shape[1]):
                zk[i, j] = (0.0 if b is None else b[0, j]) + sum(a[k][i, m] * W[m, j] for m in range(W.shape[0]))
        if names[k] == "softmax":
            ak = np.array([[math.exp(v) / sum(math.exp(u) for u in row) for v in row] for row in zk])
        else:
            ak = np.array([[f[names[k]](v) for v in row] for row in zk])
        z.append(zk)
        a.append(ak)
    out = a[-1]
    if loss == "log_loss":
        value = -sum(
            w[i] * (y[i, j] * math.log(out[i, j])
                    + (0.0 if output_activation == "softmax" else (1 - y[i, j]) * math.log(1 - out[i, j])))
            for i in range(n) for j in range(y.shape[1])
        )
    else:
        value = 0.5 * sum(w[i] * (y[i, j] - out[i, j]) ** 2 for i in range(n) for j in range(y.shape[1]))
    value = (value + decay / 2 * sum(float(np.sum(layer["W"] ** 2)) for layer in layers)) / D

    def slope(name, v):
        return {"sigmoid": v * (1 - v), "tanh": 1 - v * v, "relu": float(v > 0), "identity": 1.0}[name]

    L = len(layers)
    delta = [None] * L
    # dLoss/doutput, negated
    g = (y - out) * w[:, None] / D
    if loss == "log_loss":
        delta[L - 1] = g
    elif output_activation == "softmax":
        delta[L - 1] = np.array([
            [out[i, j] * (g[i, j] - sum(g[i, m] * out[i, m] for m in range(out.shape[1]))) for j in range(out.shape[1])]
            for i in range(n)
        ])
    else:
        delta[L - 1] = np.array([[g[i, j] * slope(output_activation, out[i, j]) for j in range(out.shape[1])] for i in range(n)])
    for k in range(L - 2, -1, -1):
        W = layers[k + 1]["W"]
        delta[k] = np.array([
            [sum(delta[k + 1][i, m] * W[j, m] for m in range(W.shape[1])) * slope(activation[k], a[k + 1][i, j])
             for j in range(W.shape[0])]
            for i in range(n)
        ])
    updated = []
    for k, layer in enumerate(layers):
        W = layer["W"].copy()
        for m in range(W.shape[0]):
            for j in range(W.shape[1]):
                W[m, j] += lr * (sum(a[k][i, m] * delta[k][i, j] for i in range(n)) - decay / D * layer["W"][m, j])
        b = None if layer["b"] is None else layer["b"] + lr * delta[k].sum(axis=0, keepdims=True)
        updated.append({"W": W, "b": b})
    return {"z": z, "a": a, "delta": delta, "loss": value, "layers": updated}
