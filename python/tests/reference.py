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
