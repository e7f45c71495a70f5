"""The article's numpy loop and the matrix-product floor, as timing functions.

`article_numpy_loop` is the loop of python/examples/article_numpy.py,
verbatim apart from living in a function (its arrays are float, as in that
file). `floor_epoch` is the least one epoch can cost: its five matrix
products and the one exp over the hidden layer, nothing else.
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


def floor_loop(X, y, wh, wout, epochs):
    """Run, `epochs` times, the five matrix products of an epoch and one exp over the hidden layer."""
    n, h = X.shape[0], wh.shape[1]
    o = wout.shape[1]
    A = np.empty((n, h))
    B = np.empty((n, h))
    out = np.empty((n, o))
    g_wout = np.empty((h, o))
    g_wh = np.empty(wh.shape)
    for _ in range(epochs):
        np.matmul(X, wh, A)          # Step 2
        np.exp(A, A)                 # Step 3
        np.matmul(A, wout, out)      # Step 4
        np.matmul(A.T, out, g_wout)  # Step 10, wout
        np.matmul(out, wout.T, B)    # Step 8
        np.matmul(X.T, B, g_wh)      # Step 10, wh
