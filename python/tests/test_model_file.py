import json
import os
import re

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn

s = nn.load_scenario("article")


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=re.escape(fragment))


def saved(model, tmp_path, name="model.json"):
    path = str(tmp_path / name)
    nn.save_model(model, path)
    return path


def test_a_saved_model_loads_back_with_the_same_numbers_bit_for_bit(tmp_path):
    model = nn.MLP(init=s["init"], epochs=500).fit(s["X"], s["y"])
    loaded = nn.load_model(saved(model, tmp_path))
    for attr in ("wh_", "bh_", "wout_", "bout_", "loss_curve_"):
        assert_array_equal(getattr(loaded, attr), getattr(model, attr))
    assert loaded.get_params() == dict(model.get_params(), init=None)
    assert_array_equal(loaded.predict_raw(s["X"]), model.predict_raw(s["X"]))


def test_the_file_is_json_with_the_weights_row_by_row(tmp_path):
    model = nn.MLP(init=s["init"], epochs=50).fit(s["X"], s["y"])
    with open(saved(model, tmp_path)) as f:
        doc = json.load(f)
    assert doc["format"] == "nnscratch-model"
    assert doc["version"] == 1
    assert doc["architecture"] == {"n_input": 4, "hidden": 3, "n_output": 1, "bias": True}
    assert len(doc["weights"]["wh"]) == 4
    assert doc["weights"]["wh"][1][2] == model.wh_[1, 2]
    assert doc["weights"]["bout"] == [[model.bout_[0, 0]]]
    assert len(doc["loss"]) == 50
    assert doc["classes"] is None


def test_a_network_without_biases_and_a_labels_model_round_trip(tmp_path):
    model = nn.MLP(bias=False, seed=2, epochs=20, scheme="article_numpy").fit(s["X"], s["y"])
    loaded = nn.load_model(saved(model, tmp_path, "a.json"))
    assert loaded.bh_ is None
    assert_array_equal(loaded.predict_raw(s["X"]), model.predict_raw(s["X"]))
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = np.array(["b", "c", "a"] * 2)
    model = nn.MLP(hidden=4, lr=1, epochs=300, seed=1, scheme="article_numpy").fit(X, labels)
    loaded = nn.load_model(saved(model, tmp_path, "b.json"))
    assert loaded.classes_.tolist() == ["a", "b", "c"]
    assert_array_equal(loaded.predict(X), model.predict(X))


def test_writing_is_atomic_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = str(tmp_path / "model.json")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    nn.save_model(model, path)
    with open(path) as f:
        before = f.read()
    model.layers_[0]["W"] = model.layers_[0]["W"].copy()
    model.layers_[0]["W"][0, 0] = np.nan
    with nn_error("`model` must have finite weights, loss and `lr` to be saved; JSON has no NaN or Inf."):
        nn.save_model(model, path)
    with open(path) as f:
        assert f.read() == before
    assert os.listdir(tmp_path) == ["model.json"]
    with nn_error("`path` must be in an existing folder;"):
        nn.save_model(model, str(tmp_path / "no" / "m.json"))
    # a write that fails at the rename, after the temporary file is complete
    good = nn.MLP(init=s["init"], epochs=7).fit(s["X"], s["y"])
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "x").write_text("x")
    with pytest.raises((nn.NnscratchError, OSError)):
        nn.save_model(good, str(taken))
    assert sorted(os.listdir(tmp_path)) == ["model.json", "taken"]
    with open(path) as f:
        assert f.read() == before
    with nn_error("`model` must be a fitted nnscratch network, not a list."):
        nn.save_model([], path)


def test_a_bad_file_is_an_error_that_says_which(tmp_path):
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    with open(saved(model, tmp_path)) as f:
        text = f.read()

    def write_text(x, name="bad.json", mode="w"):
        p = str(tmp_path / name)
        with open(p, mode) as f:
            f.write(x)
        return p

    p = write_text(text[: len(text) // 2])
    with nn_error(f'`path` ("{p}") is not valid JSON; the file is truncated or corrupted.'):
        nn.load_model(p)
    p = write_text(bytes([0x00, 0xFF, 0x13, 0x37]), mode="wb")
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(p)
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(""))
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(text.replace('"loss": [', '"loss": [NaN,')))
    p = write_text(text.replace('"nnscratch-model"', '"keras"'))
    with nn_error(f'`path` ("{p}") is not an nnscratch model file: its "format" is "keras", not "nnscratch-model".'):
        nn.load_model(p)
    with nn_error('is not an nnscratch model file: its "format" is NULL, not "nnscratch-model".'):
        nn.load_model(write_text("[1, 2, 3]"))
    p = write_text(text.replace('"version": 1', '"version": 2'))
    with nn_error(f'`path` ("{p}") is a version 2 nnscratch model file; this nnscratch reads version 1.'):
        nn.load_model(p)
    p = write_text(re.sub(r'"wh":\[\[[^]]*\],', '"wh":[', text, count=1))
    with nn_error(f'`path` ("{p}") is a broken nnscratch model file: `weights.wh` must be a list of 4 rows of 3 numbers each.'):
        nn.load_model(p)
    with nn_error("broken nnscratch model file: `weights.wh` must be a list of 4 rows of 2 numbers each."):
        nn.load_model(write_text(text.replace('"hidden":3', '"hidden":2')))
    with nn_error("broken nnscratch model file: `weights.bout` must be a list of 1 rows of 1 numbers each."):
        nn.load_model(write_text(text.replace('"bout":[[', '"bout":[["1",')))
    with nn_error("broken nnscratch model file: `loss` must be a list of 5 numbers, one per epoch."):
        nn.load_model(write_text(text.replace('"loss": [', '"loss": [0.5,')))
    with nn_error('`path` must be an existing file, not "'):
        nn.load_model(str(tmp_path / "none.json"))
    with nn_error("`path` must be a file path, a single string, not 3."):
        nn.load_model(3)


def test_a_section_that_is_not_an_object_and_numbers_too_large_for_a_double_are_clear_errors(tmp_path):
    import json
    import re

    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    path = tmp_path / "m.json"
    nn.save_model(model, str(path))
    text = path.read_text()
    for section in ("architecture", "weights", "settings"):
        doc = json.loads(text)
        doc[section] = 5
        bad = tmp_path / ("bad_%s.json" % section)
        bad.write_text(json.dumps(doc))
        with pytest.raises(nn.NnscratchError, match=re.escape("`%s." % section)):
            nn.load_model(str(bad))
    bad = tmp_path / "big.json"
    bad.write_text(re.sub(r'"lr": *[0-9.e+-]+', '"lr": 1e999', text))
    with pytest.raises(nn.NnscratchError, match=re.escape("`settings.lr` must be a positive number.")):
        nn.load_model(str(bad))


def test_a_saved_file_gets_the_mode_of_a_new_file(tmp_path):
    import os

    s = nn.load_scenario("article")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    path = tmp_path / "m.json"
    nn.save_model(model, str(path))
    (tmp_path / "plain.txt").write_text("x")
    assert os.stat(path).st_mode & 0o777 == os.stat(tmp_path / "plain.txt").st_mode & 0o777
