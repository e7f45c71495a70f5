import json
import os
import subprocess
import sys

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import nnscratch as nn
from nnscratch.cli import main
from nnscratch.demo import demo_article

s = nn.load_scenario("article")


def write_csv(path, header, rows, sep=","):
    with open(path, "w") as f:
        f.write(sep.join(header) + "\n")
        f.writelines(sep.join(repr(v) if isinstance(v, float) else str(v) for v in r) + "\n" for r in rows)
    return str(path)


def article_rows():
    return [[*map(float, x), float(y)] for x, y in zip(s["X"], s["y"][:, 0])]


@pytest.fixture
def article_csv(tmp_path):
    return write_csv(tmp_path / "data.csv", ["a", "b", "c", "d", "y"], article_rows())


def run(capsys, *argv):
    """Run the command line; return (status, stdout, stderr)."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# The article's network on the command line: every setting given as a flag.
ARTICLE_FLAGS = ["--hidden", "3", "--lr", "0.1", "--activation", "sigmoid", "--output-activation", "sigmoid",
                 "--loss", "half_sse", "--reduction", "sum", "--optimizer", "sgd", "--batch-size", "full",
                 "--scale", "none", "--decay", "0", "--tol", "0", "--n-iter-no-change", "none"]
ARTICLE = dict(hidden=3, lr=0.1, activation="sigmoid", output_activation="sigmoid", loss="half_sse", reduction="sum",
               optimizer="sgd", batch_size=None, scale="none", decay=0.0, tol=0.0, n_iter_no_change=None)


def test_train_fits_what_the_classifier_fits_and_predict_prints_it(article_csv, tmp_path, capsys):
    out = str(tmp_path / "model.json")
    status, stdout, _ = run(capsys, "train", article_csv, "--target", "y", "--task", "classification", *ARTICLE_FLAGS,
                            "--epochs", "300", "--seed", "4", "--scheme", "article_numpy", "--out", out)
    assert status == 0
    assert stdout.startswith("a 4-3-1 network trained for 300 epochs")
    direct = nn.MLPClassifier(**ARTICLE, epochs=300, seed=4, scheme="article_numpy").fit(s["X"], s["y"][:, 0])
    model = nn.load_model(out)
    assert isinstance(model, nn.MLPClassifier)
    assert_array_equal(model.wh_, direct.wh_)
    assert model.feature_names_in_.tolist() == ["a", "b", "c", "d"]

    status, stdout, _ = run(capsys, "predict", out, article_csv, "--type", "raw")
    lines = stdout.splitlines()
    assert status == 0 and lines[0] == "o1"
    assert_array_equal([float(v) for v in lines[1:]], direct.predict_raw(s["X"])[:, 0])
    status, stdout, _ = run(capsys, "predict", out, article_csv, "--type", "prob")
    assert stdout.splitlines()[0] == "0.0,1.0"
    assert_array_equal([[float(v) for v in line.split(",")] for line in stdout.splitlines()[1:]],
                       direct.predict_proba(s["X"]))
    # The columns are read by name: reordered, with the target dropped, they give the same classes.
    new = write_csv(tmp_path / "new.csv", ["d", "c", "b", "a"], [list(map(float, x[::-1])) for x in s["X"]])
    assert run(capsys, "predict", out, new)[1].splitlines() == ["class", *map(str, direct.predict(s["X"]).tolist())]


def test_a_numeric_target_is_a_regression(tmp_path, capsys):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(60, 2))
    y = 3 * X[:, 0] - 2 * X[:, 1] + 50
    data = write_csv(tmp_path / "r.csv", ["u", "v", "t"], [[*map(float, x), float(t)] for x, t in zip(X, y)])
    out = str(tmp_path / "r.json")
    assert main(["train", data, "--target", "t", "--hidden", "8", "--lr", "0.01", "--epochs", "300", "--seed", "1",
                 "--out", out]) == 0
    direct = nn.MLPRegressor(hidden=8, lr=0.01, epochs=300, seed=1).fit(X, y)
    capsys.readouterr()
    model = nn.load_model(out)
    assert isinstance(model, nn.MLPRegressor)
    status, stdout, _ = run(capsys, "predict", out, data)
    assert status == 0 and stdout.splitlines()[0] == "o1"
    assert_array_equal([float(v) for v in stdout.splitlines()[1:]], direct.predict(X))
    # it learned: R^2 well above a constant's 0
    assert direct.score(X, y) > 0.9
    assert run(capsys, "predict", out, data, "--type", "class")[2] == (
        "nnscratch: error: `--type` must be raw for a regression, whose predictions are numbers, not class.\n")


def test_a_deep_softmax_network_from_a_csv(tmp_path, capsys):
    from sklearn.datasets import load_iris

    iris = load_iris()
    labels = iris.target_names[iris.target]
    data = write_csv(tmp_path / "iris.csv", ["a", "b", "c", "d", "species"],
                     [[*map(float, x), lab] for x, lab in zip(iris.data, labels)])
    out = str(tmp_path / "iris.json")
    assert main(["train", data, "--target", "species", "--hidden", "8,4", "--activation", "tanh,relu",
                 "--lr", "0.01", "--seed", "3", "--out", out]) == 0
    model = nn.load_model(out)
    assert model.settings_["hidden"] == [8, 4] and model.settings_["activation"] == ["tanh", "relu"]
    assert model.settings_["output_activation"] == "softmax" and model.settings_["loss"] == "log_loss"
    capsys.readouterr()
    predicted = run(capsys, "predict", out, data)[1].splitlines()
    # Did it learn: far above the no-skill 1/3.
    assert np.mean(np.array(predicted[1:]) == labels) > 0.9


def test_help_lists_every_setting_of_the_estimators(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    text = capsys.readouterr().out
    for p in nn.params.PARAMS:
        if p.flag is None:
            continue
        flag = ("--no-" if p.flag == "switch" and p.default else "--") + p.name.replace("_", "-")
        assert flag in text, flag


# the command line shows the warnings that the process's filters let through (the tests' ignore them)
@pytest.mark.filterwarnings("default::nnscratch.ConvergenceWarning")
def test_a_warning_is_one_line_without_the_packages_path(article_csv, tmp_path, capsys):
    status, _, stderr = run(capsys, "train", article_csv, "--target", "y", "--task", "classification",
                            *ARTICLE_FLAGS, "--epochs", "3", "--seed", "1", "--out", str(tmp_path / "m.json"))
    assert status == 0
    assert stderr.startswith("nnscratch: warning: Training did not converge: ")
    assert all(line.startswith("nnscratch: warning: ") for line in stderr.splitlines())
    assert ".py" not in stderr


def test_a_text_target_is_class_labels(tmp_path, capsys):
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = ["b", "c", "a"] * 2
    data = write_csv(tmp_path / "d.csv", ["x1", "x2", "x3", "label"], [[*map(float, x), lab] for x, lab in zip(X, labels)])
    out = str(tmp_path / "m.json")
    assert main(["train", data, "--target", "label", "--hidden", "4", "--lr", "0.05", "--epochs", "500",
                 "--seed", "1", "--out", out]) == 0
    capsys.readouterr()
    # Did it learn: every training row gets its own label back.
    assert run(capsys, "predict", out, data)[1].splitlines() == ["class", *labels]
    assert run(capsys, "predict", out, data, "--type", "raw")[1].splitlines()[0] == "a,b,c"


def test_an_empty_or_missing_target_cell_is_an_error_naming_the_line(tmp_path, capsys):
    out = str(tmp_path / "m.json")
    # A yes/no target with one empty cell is not a third class "".
    empty = tmp_path / "empty.csv"
    empty.write_text("a,y\n1,yes\n2,\n3,no\n")
    assert run(capsys, "train", str(empty), "--target", "y", "--out", out) == (
        1, "", f'nnscratch: error: column `y` of "{empty}" is empty on line 3; every row needs a value.\n')
    numeric = tmp_path / "numeric.csv"
    numeric.write_text("a,y\n1,1\n2,0\n3, \n")
    assert f'column `y` of "{numeric}" is empty on line 4' in run(capsys, "train", str(numeric), "--target", "y", "--out", out)[2]
    missing = tmp_path / "missing.csv"
    missing.write_text("a,b,y\n1,2,1\n1,2\n")
    assert run(capsys, "train", str(missing), "--target", "y", "--out", out)[2] == (
        f'nnscratch: error: the data file "{missing}" has 2 fields on line 3, not 3 as in its header.\n')
    assert not os.path.exists(out)


def test_errors_are_one_line_on_stderr_naming_the_flag_or_the_file(article_csv, tmp_path, capsys):
    out = str(tmp_path / "m.json")
    assert run(capsys, "train", article_csv, "--target", "z", "--out", out) == (
        1, "", f'nnscratch: error: `--target` must name a column of "{article_csv}" (a, b, c, d, y), not "z".\n')
    bad = write_csv(tmp_path / "bad.csv", ["a", "y"], [["x", 1], [2, 0]])
    assert f'column `a` of "{bad}" must be numeric; found "x" on line 2.' in run(capsys, "train", bad, "--target", "y", "--out", out)[2]
    # a blank line is skipped, but the lines after it keep their numbers in the file
    blank = tmp_path / "blank.csv"
    blank.write_text("a,y\n1,1\n\n2,0\nx,1\n")
    err = run(capsys, "train", str(blank), "--target", "y", "--out", out)[2]
    assert f'column `a` of "{blank}" must be numeric; found "x" on line 5.' in err
    # Python would read "nan" as a number
    nan = write_csv(tmp_path / "nan.csv", ["a", "y"], [[1, 1], ["nan", 0]])
    err = run(capsys, "train", nan, "--target", "y", "--out", out)[2]
    assert f'column `a` of "{nan}" must hold finite numbers; found "nan" on line 3.' in err
    # The library's arguments are named by the flags that set them.
    assert run(capsys, "train", article_csv, "--target", "y", "--lr", "-1", "--out", out)[2] == (
        "nnscratch: error: `--lr` must be a positive number, not -1.\n")
    assert run(capsys, "train", article_csv, "--target", "y", "--epochs", "0", "--out", out)[2] == (
        "nnscratch: error: `--epochs` must be a whole number from 1 to 2147483647, not 0.\n")
    assert run(capsys, "train", article_csv, "--target", "y", "--batch-size", "9", "--out", out)[2] == (
        'nnscratch: error: `--batch-size` must be NULL, "auto" or a whole number from 1 to 3, the number of samples, '
        "not 9.\n")
    assert run(capsys, "train", article_csv, "--target", "y", "--early-stopping", "--out", out)[2] == (
        "nnscratch: error: `--early-stopping` needs a validation set: `validation` above 0, or `validation_data`.\n")
    assert run(capsys, "train", str(tmp_path / "none.csv"), "--target", "y", "--out", out)[2] == (
        f'nnscratch: error: the data file "{tmp_path / "none.csv"}" cannot be read: No such file or directory.\n')
    assert run(capsys, "predict", str(tmp_path / "none.json"), article_csv) == (
        1, "", f'nnscratch: error: the model file "{tmp_path / "none.json"}" must be an existing file.\n')
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    err = run(capsys, "predict", str(broken), article_csv)[2]
    assert err.startswith(f'nnscratch: error: the model file "{broken}" is not valid JSON') and "`path`" not in err
    # A malformed command line is one line too, with status 2.
    assert run(capsys, "train", article_csv, "--target", "y", "--lr", "abc", "--out", out) == (
        2, "", "nnscratch: error: argument --lr: invalid float value: 'abc'\n")
    assert not os.path.exists(out)


def test_predict_writes_nothing_to_stdout_before_an_error(article_csv, tmp_path, capsys):
    out = str(tmp_path / "m.json")
    assert main(["train", article_csv, "--target", "y", "--epochs", "10", "--out", out]) == 0
    capsys.readouterr()
    # The bad value is on the last line: the rows before it would have been printed.
    late = write_csv(tmp_path / "late.csv", ["a", "b", "c", "d"], [*s["X"].tolist(), [1.0, 0.0, "x", 1.0]])
    for kind in ("class", "raw"):
        status, stdout, stderr = run(capsys, "predict", out, late, "--type", kind)
        assert (status, stdout) == (1, "")
        assert stderr == f'nnscratch: error: column `c` of "{late}" must be numeric; found "x" on line 5.\n'
    few = write_csv(tmp_path / "few.csv", ["a", "b"], [[1.0, 2.0]])
    assert run(capsys, "predict", out, few) == (1, "", (
        f'nnscratch: error: the data file "{few}" must have the 4 input columns the model was trained on '
        "(a, b, c, d); it has 2 (a, b).\n"))


def test_sep_is_detected_from_the_header_or_given(article_csv, tmp_path, capsys):
    semicolons = write_csv(tmp_path / "semi.csv", ["a", "b", "c", "d", "y"], article_rows(), sep=";")
    models = []
    for i, argv in enumerate([[article_csv], [semicolons], [semicolons, "--sep", ";"]]):
        out = str(tmp_path / f"m{i}.json")
        assert main(["train", *argv, "--target", "y", "--epochs", "50", "--seed", "2", "--out", out]) == 0
        models.append(nn.load_model(out))
    for m in models[1:]:
        assert_array_equal(m.wh_, models[0].wh_)
        assert m.feature_names_in_.tolist() == ["a", "b", "c", "d"]
    capsys.readouterr()
    m0 = str(tmp_path / "m0.json")
    assert run(capsys, "predict", m0, semicolons)[1] == run(capsys, "predict", m0, article_csv)[1]
    # The repository's own data/ separates with ';'; read with ',' it is one column.
    status, _, err = run(capsys, "train", semicolons, "--sep", ",", "--target", "y", "--out", str(tmp_path / "x.json"))
    assert status == 1 and "`--target` must name a column" in err and '(a;b;c;d;y), not "y"' in err
    assert run(capsys, "train", semicolons, "--sep", ";;", "--target", "y", "--out", "x.json")[0] == 2


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out == f"nnscratch {nn.__version__}\n"


def test_batch_size_and_seed_train_as_the_estimator_does(article_csv, tmp_path):
    out = str(tmp_path / "m.json")
    assert main(["train", article_csv, "--target", "y", "--epochs", "40", "--batch-size", "1", "--seed", "7",
                 "--hidden", "5", "--out", out]) == 0
    direct = nn.MLPRegressor(epochs=40, batch_size=1, seed=7, hidden=5).fit(s["X"], s["y"][:, 0])
    assert_array_equal(nn.load_model(out).layers_[0]["W"], direct.layers_[0]["W"])
    # another seed, another network: the seed was used
    other = nn.MLPRegressor(epochs=40, batch_size=1, seed=8, hidden=5).fit(s["X"], s["y"][:, 0])
    assert not np.array_equal(other.layers_[0]["W"], direct.layers_[0]["W"])


def test_verbose_prints_the_article_lines_on_stderr(article_csv, tmp_path, capsys):
    out = str(tmp_path / "m.json")
    status, stdout, stderr = run(capsys, "train", article_csv, "--target", "y", "--task", "classification",
                                 *ARTICLE_FLAGS, "--epochs", "300", "--seed", "1", "--verbose", "100", "--out", out)
    loss = nn.load_model(out).loss_curve_
    # the article's error: epochs counted from 0, the mean of (y - output)**2 / 2 over the 3 targets
    assert stderr.splitlines() == ["Error at epoch %d is %.5f" % (e, loss[e] / 3) for e in (0, 100, 200)]
    assert status == 0 and stdout.count("\n") == 1


def test_progress_draws_a_bar_on_stderr(article_csv, tmp_path, capsys):
    status, stdout, stderr = run(capsys, "train", article_csv, "--target", "y", "--epochs", "300", "--progress",
                                 "--n-iter-no-change", "none", "--hidden", "4", "--out", str(tmp_path / "m.json"))
    assert status == 0 and "300/300" in stderr and "300/300" not in stdout


def test_scale_is_kept_in_the_model_file_and_applied_by_predict(tmp_path, capsys):
    rng = np.random.default_rng(1)
    X = np.column_stack([rng.uniform(-50, 150, 40), rng.uniform(1000, 1010, 40)])
    labels = np.where(X[:, 0] > 50, "hi", "lo")
    data = write_csv(tmp_path / "d.csv", ["u", "v", "y"], [[*map(float, x), t] for x, t in zip(X, labels)])
    out = str(tmp_path / "m.json")
    assert main(["train", data, "--target", "y", "--epochs", "50", "--seed", "3", "--scale", "minmax", "--hidden", "4",
                 "--out", out]) == 0
    with open(out) as f:
        kept = json.load(f)["scale"]
    # by hand: each column mapped to [0, 1] by its minimum and range
    assert kept == {"center": X.min(axis=0).tolist(), "scale": (X.max(axis=0) - X.min(axis=0)).tolist()}
    by_hand = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    assert by_hand.min() == 0 and by_hand.max() == 1
    direct = nn.MLPClassifier(epochs=50, seed=3, scale="none", hidden=4).fit(by_hand, labels)
    capsys.readouterr()
    assert main(["predict", out, data, "--type", "raw"]) == 0
    assert_allclose([float(v) for v in capsys.readouterr().out.splitlines()[1:]], direct.predict_raw(by_hand)[:, 0],
                    rtol=1e-12)


@pytest.mark.parametrize("command", ["train", "predict", "demo"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: nnscratch {command}")


def test_demo_help_points_to_what_a_pip_user_has(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "nnscratch.demo_article()" in text and "inst/scripts" not in text and ".R" not in text


def test_python_m_nnscratch_demo_prints_the_article_run(capsys):
    demo_article()
    expected = capsys.readouterr().out
    run = subprocess.run([sys.executable, "-m", "nnscratch", "demo"], capture_output=True, text=True, check=True)
    assert run.stdout == expected
    assert expected.startswith('Scenario "article": X is 3 x 4')
    assert "epoch  5000: " in expected


def test_out_onto_a_folder_is_one_line_without_a_traceback(article_csv, tmp_path):
    run = subprocess.run([sys.executable, "-m", "nnscratch", "train", article_csv, "--target", "y", "--out", str(tmp_path)],
                         capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (f'nnscratch: error: `--out` ("{tmp_path}") is a folder; give a file path, such as '
                          f'"{tmp_path / "model.json"}".\n')


def test_out_into_a_read_only_folder_is_one_line(article_csv, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        # root writes into a read-only folder; make the write fail as it does for anyone else
        def refuse(src, dst):
            raise PermissionError(13, "Permission denied", src)
        monkeypatch.setattr(os, "replace", refuse)
    out = str(folder / "m.json")
    status, stdout, stderr = run(capsys, "train", article_csv, "--target", "y", "--epochs", "5", "--hidden", "2",
                                 "--out", out)
    folder.chmod(0o755)
    assert (status, stdout) == (1, "")
    # save_model's own error, the last line (a few epochs warn before it): it names the target file and the cause
    assert stderr.splitlines()[-1] == f'nnscratch: error: `--out` ("{out}") could not be written: Permission denied.'
    assert os.listdir(folder) == []


def test_an_unexpected_failure_is_one_line_too(article_csv, tmp_path, capsys, monkeypatch):
    def broken(self, X, y, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(nn.MLPRegressor, "fit", broken)
    status, stdout, stderr = run(capsys, "train", article_csv, "--target", "y", "--out", str(tmp_path / "m.json"))
    assert (status, stdout) == (1, "")
    assert stderr == "nnscratch: error: unexpected RuntimeError: boom. Please report it with the command that caused it.\n"


def test_none_and_full_are_given_values_not_the_defaults(article_csv, tmp_path, capsys):
    out = str(tmp_path / "m.json")
    status = run(capsys, "train", article_csv, "--target", "y", "--epochs", "40", "--n-iter-no-change", "none",
                 "--batch-size", "full", "--seed", "none", "--hidden", "2", "--out", out)[0]
    settings = nn.load_model(out).settings_
    assert status == 0 and settings["n_iter_no_change"] is None and settings["batch_size"] is None
    assert settings["seed"] is None and len(nn.load_model(out).loss_curve_) == 40
