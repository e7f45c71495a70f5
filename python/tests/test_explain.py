import io

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn


def test_explain_epoch_prints_every_intermediate_rounded_to_4_decimals():
    s = nn.load_scenario("article")
    buf = io.StringIO()
    step = nn.explain_epoch(s["init"], s["X"], s["y"], s["lr"], out=buf)
    expected = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
    out = buf.getvalue().splitlines()
    for name, m in expected.items():
        assert_array_equal(step[name], m)
        at = out.index("%s (%d x %d)" % (name, m.shape[0], m.shape[1]))
        rows = out[at + 1 : at + 1 + m.shape[0]]
        # each row is ncol fields of 10 characters
        printed = np.array([[float(r[i : i + 10]) for i in range(0, len(r), 10)] for r in rows])
        assert_array_equal(printed, np.round(m, 4), err_msg=name)


def test_explain_epoch_says_when_a_network_has_no_biases():
    s = nn.load_scenario("article_nobias")
    buf = io.StringIO()
    nn.explain_epoch(s["init"], s["X"], s["y"], s["lr"], out=buf)
    assert "bh: none (a network without biases)" in buf.getvalue().splitlines()


def test_explain_epoch_checks_its_input_as_train_step_does():
    s = nn.load_scenario("article")
    with pytest.raises(nn.NnscratchError, match="`lr` must be a positive number, not -1."):
        nn.explain_epoch(s["init"], s["X"], s["y"], -1, out=io.StringIO())


def test_explain_epoch_prints_every_layer_of_a_deep_network():
    s = nn.load_scenario("blobs")
    init = nn.init_params(2, (3, 2), 3, seed=4)
    buf = io.StringIO()
    step = nn.explain_epoch(init, s["X"][:5], s["y"][:5], 0.1, "tanh", "softmax", "log_loss", out=buf)
    out = buf.getvalue().splitlines()
    for k in range(3):
        for name, m in (("z", step["z"][k]), ("a", step["a"][k + 1]), ("delta", step["delta"][k]), ("W", step["layers"][k]["W"])):
            at = out.index("%s_%d (%d x %d)" % (name, k + 1, m.shape[0], m.shape[1]))
            first = [float(out[at + 1][i : i + 10]) for i in range(0, 10 * m.shape[1], 10)]
            assert_array_equal(first, np.round(m[0], 4))
    assert "slope_3: none (the error is already the delta)" in out
    assert out[-1] == "loss: %.6g" % step["loss"]
