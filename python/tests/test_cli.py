import subprocess
import sys

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import nnscratch as nn
from nnscratch.cli import main
from nnscratch.demo import demo_article

s = nn.load_scenario("article")


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        f.writelines(",".join(repr(v) if isinstance(v, float) else str(v) for v in r) + "\n" for r in rows)
    return str(path)


@pytest.fixture
def article_csv(tmp_path):
    rows = [[*map(float, x), float(y)] for x, y in zip(s["X"], s["y"][:, 0])]
    return write_csv(tmp_path / "data.csv", ["a", "b", "c", "d", "y"], rows)


def test_train_fits_what_mlp_fits_and_predict_prints_it(article_csv, tmp_path, capsys):
    out = str(tmp_path / "model.json")
    args = ["train", article_csv, "--target", "y", "--hidden", "3", "--lr", "0.1", "--epochs", "300",
            "--seed", "4", "--scheme", "article_numpy", "--out", out]
    assert main(args) == 0
    assert "a 4-3-1 network trained for 300 epochs" in capsys.readouterr().out
    direct = nn.MLP(hidden=3, lr=0.1, epochs=300, seed=4, scheme="article_numpy").fit(s["X"], s["y"])
    model = nn.load_model(out)
    assert_array_equal(model.wh_, direct.wh_)
    assert model.feature_names_in_.tolist() == ["a", "b", "c", "d"]

    assert main(["predict", out, article_csv, "--type", "raw"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "o1"
    assert_array_equal([float(v) for v in lines[1:]], direct.predict_proba(s["X"])[:, 0])
    # The columns are read by name: reordered, with the target dropped, they give the same classes.
    new = write_csv(tmp_path / "new.csv", ["d", "c", "b", "a"], [list(map(float, x[::-1])) for x in s["X"]])
    assert main(["predict", out, new]) == 0
    assert capsys.readouterr().out.splitlines() == ["class", *map(str, direct.predict(s["X"]).tolist())]


def test_a_text_target_is_class_labels(tmp_path, capsys):
    X = np.vstack([np.eye(3), np.eye(3)])
    labels = ["b", "c", "a"] * 2
    data = write_csv(tmp_path / "d.csv", ["x1", "x2", "x3", "label"], [[*map(float, x), lab] for x, lab in zip(X, labels)])
    out = str(tmp_path / "m.json")
    assert main(["train", data, "--target", "label", "--hidden", "4", "--lr", "1", "--epochs", "3000",
                 "--seed", "1", "--scheme", "article_numpy", "--out", out]) == 0
    capsys.readouterr()
    assert main(["predict", out, data]) == 0
    # Did it learn: every training row gets its own label back.
    assert capsys.readouterr().out.splitlines() == ["class", *labels]
    assert main(["predict", out, data, "--type", "raw"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "a,b,c"


def test_errors_are_one_line_on_stderr_with_status_1(article_csv, tmp_path, capsys):
    out = str(tmp_path / "m.json")
    assert main(["train", article_csv, "--target", "z", "--out", out]) == 1
    assert capsys.readouterr().err == (
        f'nnscratch: error: `--target` must name a column of "{article_csv}" (a, b, c, d, y), not "z".\n')
    bad = write_csv(tmp_path / "bad.csv", ["a", "y"], [["x", 1], [2, 0]])
    assert main(["train", bad, "--target", "y", "--out", out]) == 1
    assert f'column `a` of "{bad}" must be numeric; found "x" on line 2.' in capsys.readouterr().err
    # a blank line is skipped, but the lines after it keep their numbers in the file
    blank = tmp_path / "blank.csv"
    blank.write_text("a,y\n1,1\n\n2,0\nx,1\n")
    assert main(["train", str(blank), "--target", "y", "--out", out]) == 1
    assert f'column `a` of "{blank}" must be numeric; found "x" on line 5.' in capsys.readouterr().err
    assert main(["train", article_csv, "--target", "y", "--lr", "-1", "--out", out]) == 1
    assert capsys.readouterr().err == "nnscratch: error: `lr` must be a positive number, not -1.\n"
    assert main(["predict", str(tmp_path / "none.json"), article_csv]) == 1
    assert "`path` must be an existing file" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["train", "predict", "demo"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: nnscratch {command}")


def test_python_m_nnscratch_demo_prints_the_article_run(capsys):
    demo_article()
    expected = capsys.readouterr().out
    run = subprocess.run([sys.executable, "-m", "nnscratch", "demo"], capture_output=True, text=True, check=True)
    assert run.stdout == expected
    assert expected.startswith('Scenario "article": X is 3 x 4')
    assert "epoch  5000: " in expected
