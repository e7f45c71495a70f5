import datetime
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn

s = nn.load_scenario("article")
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "testthat" / "fixtures"
ENDING = re.compile(r',\n  "checksum": "[^"]*"\n}\n$')


def nn_error(fragment):
    return pytest.raises(nn.NnscratchError, match=re.escape(fragment))


def refusal(f, *args):
    """The message of the NnscratchError f(*args) raises; any warning on the way fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(nn.NnscratchError) as e:
            f(*args)
    return str(e.value)


def saved(model, tmp_path, name="model.json"):
    path = str(tmp_path / name)
    nn.save_model(model, path)
    return path


def read_text(path):
    return Path(path).read_bytes().decode("utf-8")


def write_text(tmp_path, x, name="bad.json"):
    p = tmp_path / name
    p.write_bytes(x if isinstance(x, bytes) else x.encode("utf-8"))
    return str(p)


def reseal(text):
    """The checksum made again after an edit, so that the reader's other checks can be reached."""
    body = ENDING.sub("\n}\n", text)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return re.sub(r"\n}\n$", ',\n  "checksum": "sha256:%s"\n}\n' % digest, body)


def labels_model(epochs=5):
    return nn.MLP(init=s["init"], epochs=epochs).fit(s["X"], np.array(["a", "b", "a"]))


def test_a_saved_model_loads_back_with_the_same_numbers_bit_for_bit(tmp_path):
    model = nn.MLP(init=s["init"], epochs=500).fit(s["X"], s["y"])
    loaded = nn.load_model(saved(model, tmp_path))
    for attr in ("wh_", "bh_", "wout_", "bout_", "loss_curve_"):
        assert_array_equal(getattr(loaded, attr), getattr(model, attr))
    assert loaded.get_params() == dict(model.get_params(), init=None)
    assert_array_equal(loaded.predict_raw(s["X"]), model.predict_raw(s["X"]))
    assert loaded.model_file_["version"] == 3


def test_the_file_is_version_3_json_weights_row_by_row_with_the_sha256_of_the_rest(tmp_path):
    model = nn.MLP(init=s["init"], epochs=50).fit(s["X"], s["y"])
    path = saved(model, tmp_path)
    doc = json.loads(read_text(path))
    assert list(doc) == ["format", "version", "role", "architecture", "layers", "settings", "loss", "history",
                         "classes", "feature_names", "state", "checksum"]
    assert doc["version"] == 3 and doc["role"] == "either"
    # the sections' keys are the schema's, which R reads too
    schema = json.loads((Path(nn.__file__).parent / "schema" / "model-file.json").read_text())["sections"]["3"]
    for section in ("architecture", "settings", "history", "state"):
        assert list(doc[section]) == [f["key"] for f in schema[section]], section
    assert doc["architecture"] == {"n_input": 4, "hidden": [3], "n_output": 1, "bias": True,
                                   "activation": ["sigmoid"], "output_activation": "sigmoid"}
    assert len(doc["layers"][0]["W"]) == 4
    assert doc["layers"][0]["W"][1][2] == model.wh_[1, 2]
    assert doc["layers"][1]["b"] == [[model.bout_[0, 0]]]
    assert {k: doc["settings"][k] for k in ("loss", "decay", "exact")} == {"loss": "half_sse", "decay": 0, "exact": False}
    assert len(doc["loss"]) == 50
    assert doc["classes"] is None
    # The checksum is the SHA-256 (as coreutils' sha256sum computes it) of the file without its last member.
    text = read_text(path)
    body = write_text(tmp_path, ENDING.sub("\n}\n", text), "body.json")
    expected = subprocess.run(["sha256sum", body], capture_output=True, text=True, check=True).stdout.split()[0]
    assert doc["checksum"] == "sha256:" + expected
    assert text.endswith(',\n  "checksum": "sha256:%s"\n}\n' % expected)


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


def test_labels_keep_their_type_strings_whole_numbers_and_booleans(tmp_path):
    for i, y in enumerate([np.array(["no", "yes", "no"]), np.array([3, 7, 3]), np.array([False, True, False]),
                           np.array([-2147483647, 2147483647, 2147483647])]):
        # whole numbers are labels for a classifier
        model = nn.MLPClassifier(init=s["init"], hidden=3, epochs=5).fit(s["X"], y)
        path = saved(model, tmp_path, "m%d.json" % i)
        loaded = nn.load_model(path)
        assert loaded.classes_.tolist() == np.unique(y).tolist()
        assert [type(v) for v in loaded.classes_.tolist()] == [type(v) for v in np.unique(y).tolist()]
        assert_array_equal(loaded.predict(s["X"]), model.predict(s["X"]))
        # in the file, as JSON's own types
        assert json.loads(read_text(path))["classes"] == np.unique(y).tolist()


def test_a_label_json_cannot_hold_is_refused_before_anything_is_written(tmp_path):
    model = labels_model()
    path = saved(model, tmp_path)
    before = read_text(path)
    bad = [np.array([datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)], dtype=object), np.array([0.5, 1.0]),
           np.array([1, 2**31]), np.array(["a", 1], dtype=object)]
    for classes in bad:
        model.classes_ = classes
        with nn_error("`model` must have class labels that are all strings, all whole numbers or all booleans to be "
                      "saved, not "):
            nn.save_model(model, path)
        assert read_text(path) == before
    assert os.listdir(tmp_path) == ["model.json"]


def test_writing_is_atomic_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = str(tmp_path / "model.json")
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    nn.save_model(model, path)
    before = read_text(path)
    bad = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    bad.layers_[0]["W"] = bad.layers_[0]["W"].copy()
    bad.layers_[0]["W"][0, 0] = np.nan
    with nn_error("`model` must have finite weights and loss to be saved; JSON has no NaN or Inf."):
        nn.save_model(bad, path)
    assert read_text(path) == before
    nn.save_model(model, path)
    assert os.listdir(tmp_path) == ["model.json"]
    with nn_error("`path` must be in an existing folder;"):
        nn.save_model(model, str(tmp_path / "no" / "m.json"))
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "x").write_text("x")
    assert refusal(nn.save_model, model, str(taken)) == '`path` ("%s") could not be written: it is a folder.' % taken
    assert sorted(os.listdir(tmp_path)) == ["model.json", "taken"]
    assert read_text(path) == before
    with nn_error("`model` must be a fitted nnscratch network, not a list of length 0."):
        nn.save_model([], path)


def test_a_save_that_hits_a_file_size_limit_is_an_error_that_names_the_file_and_changes_nothing(tmp_path):
    path = str(tmp_path / "model.json")
    nn.save_model(nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"]), path)
    before = read_text(path)
    model = nn.MLP(init=s["init"], epochs=300).fit(s["X"], s["y"])
    # The limit is 1 KiB and the file about 8 KiB: the write stops part-way. Python ignores
    # SIGXFSZ, so the write fails rather than the process; the limit is lifted at once.
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        with pytest.raises(nn.NnscratchError) as e:
            nn.save_model(model, path)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert re.fullmatch(
        r'`path` \("%s"\) could not be written: the disk is full or a file size limit was reached '
        r"\(1024 of [0-9]+ bytes written\)\." % re.escape(path), str(e.value)
    )
    assert read_text(path) == before
    assert os.listdir(tmp_path) == ["model.json"]


def runs_as_nobody(code):
    """Return the command that runs Python `code` as the user nobody, or None when nobody cannot run this Python.

    Root writes anywhere, so the save must run as another user. That user
    must be able to read the interpreter, numpy and the package: a clone in
    a folder only root can read (mode 700, as /root is) holds the .venv
    and the package out of its reach.
    """
    if os.geteuid() != 0:
        return [sys.executable, "-c", code]
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*as_nobody, sys.executable, "-c", "import numpy, nnscratch"], capture_output=True,
                           env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    return [*as_nobody, sys.executable, "-c", code] if probe.returncode == 0 else None


def test_a_save_into_a_folder_without_write_permission_names_the_file_and_the_cause(tmp_path, monkeypatch):
    folder = Path("/tmp") / ("readonly-%d" % os.getpid())
    folder.mkdir()
    path = str(folder / "model.json")
    try:
        model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
        nn.save_model(model, path)
        before = read_text(path)
        folder.chmod(0o555)
        code = ("import nnscratch as nn, pickle, sys\n"
                "try: nn.save_model(pickle.loads(sys.stdin.buffer.read()), %r)\n"
                "except nn.NnscratchError as e: print(e, end='')\n" % path)
        command = runs_as_nobody(code)
        if command is not None:
            import pickle

            out = subprocess.run(command, input=pickle.dumps(model), capture_output=True,
                                 env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)), check=True)
            message = out.stdout.decode()
        else:
            # nobody cannot run this Python: the refusal the folder would give
            # comes from the system call that creates the temporary file
            def refuse(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr("tempfile.mkstemp", refuse)
            message = refusal(nn.save_model, model, path)
        assert message == '`path` ("%s") could not be written: Permission denied.' % path
        assert read_text(path) == before
        assert os.listdir(folder) == ["model.json"]
    finally:
        folder.chmod(0o755)
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def test_a_bad_file_is_an_error_that_says_which(tmp_path):
    text = read_text(saved(nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"]), tmp_path))
    p = write_text(tmp_path, text[: len(text) // 2])
    assert refusal(nn.load_model, p) == '`path` ("%s") is not valid JSON; the file is truncated or corrupted.' % p
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(tmp_path, bytes([0x00, 0xFF, 0x13, 0x37])))
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(tmp_path, ""))
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(tmp_path, text.replace('"loss": [', '"loss": [NaN,')))
    with nn_error("is not valid JSON; the file is truncated or corrupted."):
        nn.load_model(write_text(tmp_path, re.sub(r"\n}\n$", "\n} // end\n", text)))
    p = write_text(tmp_path, text.replace('"nnscratch-model"', '"keras"'))
    with nn_error('`path` ("%s") is not an nnscratch model file: its "format" is "keras", not "nnscratch-model".' % p):
        nn.load_model(p)
    with nn_error("is not an nnscratch model file: it holds a JSON array, not an object."):
        nn.load_model(write_text(tmp_path, "[1, 2, 3]"))
    with nn_error('its "format" is missing, not "nnscratch-model".'):
        nn.load_model(write_text(tmp_path, text.replace('"format"', '"format_"', 1)))
    p = write_text(tmp_path, text.replace('"version": 3', '"version": 4'))
    with nn_error('`path` ("%s") is an nnscratch model file whose "version" is 4; this nnscratch reads versions 1, 2 '
                  "and 3." % p):
        nn.load_model(p)
    p = write_text(tmp_path, reseal(re.sub(r'"W":\[\[[^]]*\],', '"W":[', text, count=1)))
    with nn_error('`path` ("%s") is a broken nnscratch model file: `layers[1].W` must be a list of 4 rows of 3 numbers '
                  "each." % p):
        nn.load_model(p)
    with nn_error("broken nnscratch model file: `layers[1].W` must be a list of 4 rows of 2 numbers each."):
        nn.load_model(write_text(tmp_path, reseal(text.replace('"hidden":[3]', '"hidden":[2]'))))
    with nn_error("broken nnscratch model file: `layers[1].b` must be a list of 1 rows of 3 numbers each."):
        nn.load_model(write_text(tmp_path, reseal(text.replace('"b":[[', '"b":[["1",', 1))))
    with nn_error("broken nnscratch model file: `loss` must be a list of 1 to 5 numbers, one per epoch trained."):
        nn.load_model(write_text(tmp_path, reseal(text.replace('"loss": [', '"loss": [0.5,'))))
    with nn_error("broken nnscratch model file: `settings.lr` must be a positive number."):
        nn.load_model(write_text(tmp_path, reseal(re.sub(r'"lr":[0-9.e+-]+', '"lr":1e999', text))))
    with nn_error('`path` must be an existing file, not "'):
        nn.load_model(str(tmp_path / "none.json"))
    with nn_error("`path` must be a file path, a single string, not 3."):
        nn.load_model(3)


def test_a_changed_digit_a_changed_space_or_a_missing_checksum_is_a_modified_file(tmp_path):
    text = read_text(saved(labels_model(), tmp_path))
    edits = {
        "lr": lambda x: x.replace('"lr":0.10000000000000001', '"lr":0.10000000000000002'),
        "loss": lambda x: re.sub(r'("loss": \[0\.[0-9]{5})[0-9]', r"\g<1>9", x),
        "label": lambda x: x.replace('["a","b"]', '["b","a"]'),
        "space": lambda x: x.replace('"version": 3', '"version":  3'),
        "checksum": lambda x: re.sub("sha256:[0-9a-f]", "sha256:g", x),
    }
    for edit, f in edits.items():
        changed = f(text)
        assert changed != text, edit
        p = write_text(tmp_path, changed)
        assert refusal(nn.load_model, p) == \
            '`path` ("%s") was modified or corrupted: its checksum does not match its content.' % p, edit
    # a digit changed in the weights, by arithmetic on the text
    w = re.search(r'"W":\[\[[-0-9.e]+', text).group()
    other = str((int(w[-2]) + 1) % 10)
    p = write_text(tmp_path, text.replace(w, w[:-2] + other + w[-1], 1))
    assert refusal(nn.load_model, p) == \
        '`path` ("%s") was modified or corrupted: its checksum does not match its content.' % p
    with nn_error('is a broken nnscratch model file: the top level lacks the key "checksum".'):
        nn.load_model(write_text(tmp_path, re.sub(r',\n  "checksum": "[^"]*"', "", text)))


def test_one_strict_rule_duplicate_keys_other_keys_bom_invalid_utf8_deep_nesting_bad_escapes(tmp_path):
    text = read_text(saved(labels_model(), tmp_path))

    def msg(p, rest):
        return '`path` ("%s") %s' % (p, rest)

    layers = re.search(r'\n  "layers": [^\n]*,', text).group()
    p = write_text(tmp_path, text.replace('\n  "settings"', layers + '\n  "settings"', 1))
    assert refusal(nn.load_model, p) == msg(p, 'has the key "layers" twice in one JSON object; a model file has each key once.')
    p = write_text(tmp_path, text.replace('"version": 3,', '"version": 3,\n  "version": 1,'))
    assert refusal(nn.load_model, p) == msg(p, 'has the key "version" twice in one JSON object; a model file has each key once.')
    p = write_text(tmp_path, reseal(text.replace('"scheme":', '"schemeX":')))
    assert refusal(nn.load_model, p) == msg(p, 'is a broken nnscratch model file: `settings` has an unknown key "schemeX".')
    p = write_text(tmp_path, reseal(text.replace('"settings":', '"settingsX":')))
    assert refusal(nn.load_model, p) == msg(p, 'is a broken nnscratch model file: the top level has an unknown key "settingsX".')
    p = write_text(tmp_path, reseal(text.replace('"exact":false', '"exac":false')))
    assert refusal(nn.load_model, p) == msg(p, 'is a broken nnscratch model file: `settings` has an unknown key "exac".')
    p = write_text(tmp_path, reseal(text.replace(',"exact":false', "")))
    assert refusal(nn.load_model, p) == msg(p, 'is a broken nnscratch model file: `settings` lacks the key "exact".')
    p = write_text(tmp_path, b"\xef\xbb\xbf" + text.encode())
    assert refusal(nn.load_model, p) == msg(p, "starts with a byte-order mark; a model file is UTF-8 without one.")
    data = bytearray(text.encode())
    data[text.index('"a"') + 1] = 0xFF
    p = write_text(tmp_path, bytes(data))
    assert refusal(nn.load_model, p) == msg(p, "is not valid UTF-8; the file is corrupted.")
    p = write_text(tmp_path, "[" * 100000 + "]" * 100000)
    assert refusal(nn.load_model, p) == msg(p, "nests JSON deeper than a model file's 7 levels; the file is corrupted.")
    p = write_text(tmp_path, reseal(text.replace('"slots":{', '"slots":{"x":[[[[[[[1]]]]]]],', 1)))
    assert refusal(nn.load_model, p) == msg(p, "nests JSON deeper than a model file's 7 levels; the file is corrupted.")
    escape = "has a string with a \\u0000 or unpaired surrogate escape, which is not text."
    for label in ("\\u0000", "\\ud800", "x\\udc00", "\\ud800\\u0041"):
        p = write_text(tmp_path, reseal(text.replace('"a"', '"%s"' % label, 1)))
        assert refusal(nn.load_model, p) == msg(p, escape), label
    # a pair is one character; an escaped backslash is not an escape
    p = write_text(tmp_path, reseal(text.replace('"a"', '"\\ud83d\\ude00"', 1)))
    assert nn.load_model(p).classes_.tolist() == ["\U0001F600", "b"]
    p = write_text(tmp_path, reseal(text.replace('"a"', '"\\\\u0000"', 1)))
    assert nn.load_model(p).classes_.tolist() == ["\\u0000", "b"]


def test_only_a_regular_file_is_opened_a_folder_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert refusal(nn.load_model, str(folder)) == \
        '`path` ("%s") is a folder, not a model file; only a regular file is read.' % folder
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # with no writer, opening the FIFO would block: the test would hang
    assert refusal(nn.load_model, str(fifo)) == \
        '`path` ("%s") is a FIFO, not a model file; only a regular file is read.' % fifo
    assert refusal(nn.load_model, "/dev/zero") == \
        '`path` ("/dev/zero") is a device, not a model file; only a regular file is read.'


def test_version_1_files_still_load_predict_as_before_and_say_they_carry_no_checksum(tmp_path):
    model = nn.MLP(init=s["init"], epochs=50).fit(s["X"], s["y"])
    for name in ("v1_article_r.json", "v1_article_py.json"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            loaded = nn.load_model(str(FIXTURES / name))
        assert_allclose(loaded.predict_proba(s["X"]), model.predict_proba(s["X"]), rtol=0, atol=1e-12)
        assert loaded.model_file_ == {"version": 1, "checksum": None}
        assert loaded.scheme == "article_r"
    loaded = nn.load_model(str(FIXTURES / "v1_labels_r.json"))
    assert loaded.classes_.tolist() == ["a", "b", "c"]
    assert loaded.feature_names_in_.tolist() == ["a", "b", "c"]
    assert loaded.predict(np.eye(3)).tolist() == ["b", "c", "a"]
    # without "scheme" (and "seed"), the scheme is the default in both languages
    text = read_text(FIXTURES / "v1_article_r.json")
    p = write_text(tmp_path, text.replace(',"seed":null,"scheme":"article_r"', ""))
    assert (nn.load_model(p).seed, nn.load_model(p).scheme) == (None, "article_r")
    # saved again, a version 1 model becomes a version 2 file with the same weights
    again = nn.load_model(saved(nn.load_model(str(FIXTURES / "v1_article_r.json")), tmp_path, "again.json"))
    assert_array_equal(again.wh_, nn.load_model(str(FIXTURES / "v1_article_r.json")).wh_)
    p = write_text(tmp_path, re.sub(r"\n}\n$", ',\n  "checksum": "sha256:0"\n}\n', text))
    with nn_error('is a broken nnscratch model file: the top level has an unknown key "checksum".'):
        nn.load_model(p)
    p = write_text(tmp_path, text.replace('"weights":', '"weightsX":'))
    with nn_error('is a broken nnscratch model file: the top level has an unknown key "weightsX".'):
        nn.load_model(p)


def test_a_section_that_is_not_an_object_is_a_clear_error(tmp_path):
    text = read_text(saved(nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"]), tmp_path))
    for section in ("architecture", "settings"):
        p = write_text(tmp_path, reseal(re.sub(r'"%s": \{[^\n]*\},' % section, '"%s": 5,' % section, text)))
        with nn_error("broken nnscratch model file: `%s` must be an object, not a JSON number." % section):
            nn.load_model(p)
    p = write_text(tmp_path, reseal(re.sub(r'"layers": \[[^\n]*\],', '"layers": [5,6],', text)))
    with nn_error("broken nnscratch model file: `layers[1]` must be an object, not a JSON number."):
        nn.load_model(p)


def test_a_saved_file_gets_the_mode_of_a_new_file(tmp_path):
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    path = tmp_path / "m.json"
    nn.save_model(model, str(path))
    (tmp_path / "plain.txt").write_text("x")
    assert os.stat(path).st_mode & 0o777 == os.stat(tmp_path / "plain.txt").st_mode & 0o777


def test_a_deep_network_round_trips_with_its_activations_loss_decay_batch_size_exact_mode_and_scale(tmp_path):
    from sklearn.datasets import load_iris

    iris = load_iris()
    X, species = iris.data, iris.target_names[iris.target]
    model = nn.MLP(hidden=(5, 4), activation=["tanh", "relu"], output_activation="softmax", loss="log_loss", decay=0.01,
                   lr=0.01, epochs=20, seed=1, batch_size=50, exact=True, scheme="article_numpy").fit(X, species)
    path = saved(model, tmp_path, "deep.json")
    loaded = nn.load_model(path)
    for a, b in zip(loaded.layers_, model.layers_):
        assert_array_equal(a["W"], b["W"])
        assert_array_equal(a["b"], b["b"])
    assert loaded.settings_ == model.settings_
    assert loaded.classes_.tolist() == ["setosa", "versicolor", "virginica"]
    assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    doc = json.loads(read_text(path))
    assert doc["architecture"]["hidden"] == [5, 4]
    assert doc["architecture"]["activation"] == ["tanh", "relu"]
    assert len(doc["layers"]) == 3
    assert np.array(doc["layers"][1]["W"]).shape == (5, 4)
    assert {k: doc["settings"][k] for k in ("loss", "decay", "batch_size", "exact")} == \
        {"loss": "log_loss", "decay": 0.01, "batch_size": 50, "exact": True}
    model = nn.MLP(hidden=(3, 3, 2), activation="relu", output_activation="identity", loss="half_mse", bias=False,
                   lr=0.01, epochs=10, seed=2, scheme="article_numpy", scale="minmax").fit(X[:, :3], X[:, 3:])
    path = saved(model, tmp_path, "regression.json")
    loaded = nn.load_model(path)
    assert loaded.settings_ == model.settings_
    assert_array_equal(loaded.scale_["scale"], model.scale_["scale"])
    assert_array_equal(loaded.predict_raw(X[:, :3]), model.predict_raw(X[:, :3]))
    # min-max: the centre is each input's minimum, the scale its range, and
    # a regression's outcome is scaled alike
    doc = json.loads(read_text(path))
    assert doc["scale"]["center"][0] == X[:, 0].min() and doc["scale"]["scale"][0] == X[:, 0].max() - X[:, 0].min()
    assert doc["target_scale"]["center"] == [X[:, 3].min()]
    # without a scale, the file has no "scale" member
    model = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    assert "scale" not in json.loads(read_text(saved(model, tmp_path, "plain.json")))


def test_version_2_files_load_and_predict_as_before(tmp_path):
    # Saved by the package before version 3; their predictions then are in v2_predictions.json.
    before = json.loads((FIXTURES / "v2_predictions.json").read_text())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        labels = nn.load_model(str(FIXTURES / "v2_labels_py.json"))
        deep = nn.load_model(str(FIXTURES / "v2_deep_scaled_py.json"))
    assert labels.model_file_["version"] == deep.model_file_["version"] == 2
    assert_array_equal(labels.predict_raw(s["X"])[:, 0], before["labels_raw"])
    assert labels.predict(s["X"]).tolist() == before["labels_class"]
    X = np.vstack([np.eye(3), np.eye(3)]) * 3
    assert_array_equal(deep.predict_proba(X), before["deep_proba"])
    assert deep.predict(X).tolist() == before["deep_class"]
    assert deep.feature_names_in_.tolist() == ["u", "v", "w"]
    # saved again, a version 2 model is a version 3 file that predicts the same
    again = nn.load_model(saved(deep, tmp_path, "again.json"))
    assert again.model_file_["version"] == 3
    assert_array_equal(again.predict_proba(X), before["deep_proba"])


def test_the_outcomes_names_are_kept(tmp_path):
    pd = pytest.importorskip("pandas")
    X = pd.DataFrame(s["X"], columns=["a", "b", "c", "d"])
    model = nn.MLPRegressor(hidden=3, epochs=5, seed=1, n_iter_no_change=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nn.ConvergenceWarning)
        model.fit(X, pd.DataFrame({"height": [1.0, 2, 3], "weight": [3.0, 1, 2]}))
    loaded = nn.load_model(saved(model, tmp_path, "named.json"))
    assert loaded.outcome_names_ == ["height", "weight"]
    # the outputs are named by them, after loading as before
    assert "h1->height" in str(model.summary()) and str(loaded.summary()) == str(model.summary())
    # a model without them writes no such key
    plain = nn.MLP(init=s["init"], epochs=5).fit(s["X"], s["y"])
    assert "outcome_names" not in read_text(saved(plain, tmp_path, "plain.json"))
