"""The article's numpy loop and the matrix-product floor, as timing functions.

`article_numpy_loop` is the loop of python/examples/article_numpy.py,
verbatim apart from living in a function (its arrays are float, as in that
file). `floor_loop` is the least an epoch can cost: its matrix products and
its activations' exp or tanh, nothing else.
"""

import numpy as np


def article_numpy_loop(X, y, wh, bh, wout, bout, lr, epoch):
    #Sigmoid Function
    def sigmoid (x):
        return 1/(1 + np.exp(-x))

    #Derivative of Sigmoid Function
    def derivatives_sigmoid(x):
        return x * (1 - x)

    for i in range(epoch):  # noqa: B007 (the article's loop, verbatim)

        #Forward Propogation
        hidden_layer_input1=np.dot(X,wh)
        hidden_layer_input=hidden_layer_input1 + bh
        hiddenlayer_activations = sigmoid(hidden_layer_input)
        output_layer_input1=np.dot(hiddenlayer_activations,wout)
        output_layer_input= output_layer_input1+ bout
        output = sigmoid(output_layer_input)

        #Backpropagation
        E = y-output
        slope_output_layer = derivatives_sigmoid(output)
        slope_hidden_layer = derivatives_sigmoid(hiddenlayer_activations)
        d_output = E * slope_output_layer
        Error_at_hidden_layer = d_output.dot(wout.T)
        d_hiddenlayer = Error_at_hidden_layer * slope_hidden_layer
        wout += hiddenlayer_activations.T.dot(d_output) *lr
        bout += np.sum(d_output, axis=0,keepdims=True) *lr
        wh += X.T.dot(d_hiddenlayer) *lr
        bh += np.sum(d_hiddenlayer, axis=0,keepdims=True) *lr
    return output


def floor_loop(X, Ws, activation, epochs):
    """Run, `epochs` times, an epoch's matrix products and its activations' exp or tanh, nothing else.

    `Ws` are the weight matrices, input to output; the hidden layers take
    tanh when `activation` is "tanh" and exp otherwise (the sigmoid's), the
    output exp. Per epoch: a = f(a @ W) forward, then backward t(a) @ d for
    every layer and d @ t(W) for all but the first, into arrays allocated
    once.
    """
    n, L = X.shape[0], len(Ws)
    hidden_f = np.tanh if activation == "tanh" else np.exp
    a = [X] + [np.empty((n, W.shape[1])) for W in Ws]
    d = [np.empty((n, W.shape[0])) for W in Ws]
    g = [np.empty(W.shape) for W in Ws]
    for _ in range(epochs):
        for i, W in enumerate(Ws):
            np.matmul(a[i], W, a[i + 1])
            (hidden_f if i < L - 1 else np.exp)(a[i + 1], a[i + 1])
        delta = a[L]
        for i in range(L - 1, -1, -1):
            np.matmul(a[i].T, delta, g[i])
            if i > 0:
                np.matmul(delta, Ws[i].T, d[i])
                delta = d[i]
