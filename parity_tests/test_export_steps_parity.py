"""Workbooks of the article's steps across languages: export_steps in R (openxlsx) and in Python
(XlsxWriter) write the same cells, the same formulas in the same cells, the same stored values,
fills, fonts and number formats, the same named ranges, and refuse the same bad arguments with the
same messages."""

import numpy as np
import pytest

import nnscratch as nn

from conftest import to_r

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

R_EXPORT = """
function(params, X, y, lr, path, epochs, activation, output_activation, loss, decay) {
  nnscratch::export_steps(params, X, y, lr, path, epochs, activation, output_activation, loss, decay)
}
"""

R_ERROR = """
function(code) {
  s <- nnscratch::load_scenario("article")
  tryCatch({ eval(parse(text = code)); "no error" }, nnscratch_error = function(e) conditionMessage(e))
}
"""


def case(params, X, y, lr, epochs=1, activation="sigmoid", output_activation="sigmoid", loss="half_sse", decay=0.0):
    return dict(params=params, X=np.asarray(X, dtype=float), y=np.asarray(y, dtype=float).reshape(len(X), -1), lr=lr,
                epochs=epochs, activation=activation, output_activation=output_activation, loss=loss, decay=decay)


def scenario_case(name, epochs):
    s = nn.load_scenario(name)
    return case(s["init"], s["X"], s["y"], s["lr"], epochs, s["activation"], s["output_activation"], s["loss"], s["decay"])


def cases():
    blobs = nn.load_scenario("blobs")
    return {
        "article, 2 epochs": scenario_case("article", 2),
        "article_nobias": scenario_case("article_nobias", 1),
        "part2_walkthrough": scenario_case("part2_walkthrough", 1),
        "deep tanh softmax log_loss, 2 epochs": case(nn.init_params(2, (3, 2), 3, seed=4), blobs["X"][:4], blobs["y"][:4], 0.1, 2,
                                                     "tanh", "softmax", "log_loss"),
        "relu identity half_mse decay": case(nn.init_params(3, (3, 2), 2, seed=7), [[0.5, -1, 2], [1.5, 0.25, -0.5], [0, 1, 1]],
                                             [[1.5, -2], [0.5, 3], [-1, 0]], 0.05, 1, ["relu", "sigmoid"], "identity", "half_mse",
                                             0.01),
        "softmax half_sse": case(nn.init_params(4, 3, 2, seed=3), nn.load_scenario("article")["X"], [[1, 0], [1, 0], [0, 1]], 0.1,
                                 1, "tanh", "softmax"),
    }


def read(path):
    """Return a workbook's cells, {(sheet, "B5"): (content, stored value, fill, bold, italic, number format)}, and
    its named ranges, {(sheet, name): range}, with the width of its column B."""
    book = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    cells, names = {}, {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                fill = c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None
                cells[(ws.title, c.coordinate)] = (c.value, stored[ws.title][c.coordinate].value, fill, bool(c.font.b),
                                                   bool(c.font.i), c.number_format)
        names.update({(ws.title, k): d.attr_text for k, d in ws.defined_names.items()})
        # the width of the matrices' columns, which fits the names on the "reads" lines
        names[(ws.title, "width of column B")] = round(ws.column_dimensions["B"].width, 2)
    return book.sheetnames, cells, names


@pytest.fixture(scope="module")
def r_export(r):
    import rpy2.robjects as ro

    return ro.r(R_EXPORT)


@pytest.mark.parametrize("name", list(cases()))
def test_both_languages_write_the_same_workbook(r_export, name, tmp_path):
    c = cases()[name]
    path_r, path_py = str(tmp_path / "r.xlsx"), str(tmp_path / "py.xlsx")
    activation = c["activation"] if isinstance(c["activation"], str) else to_r(c["activation"])
    r_export(to_r(c["params"]), c["X"], c["y"], c["lr"], path_r, c["epochs"], activation, c["output_activation"], c["loss"],
             c["decay"])
    nn.export_steps(c["params"], c["X"], c["y"], c["lr"], path_py, c["epochs"], c["activation"], c["output_activation"],
                    c["loss"], c["decay"])
    sheets_r, cells_r, names_r = read(path_r)
    sheets_py, cells_py, names_py = read(path_py)
    assert sheets_r == sheets_py == ["epoch %d" % e for e in range(1, c["epochs"] + 1)]
    assert names_r == names_py
    assert cells_r.keys() == cells_py.keys()
    formulas = 0
    for key, (content_r, value_r, *style_r) in cells_r.items():
        content_py, value_py, *style_py = cells_py[key]
        assert style_r == style_py, key
        if isinstance(content_py, str):
            # a text, or a formula, in the same words
            assert content_r == content_py, key
            formulas += content_py.startswith("=")
        else:
            # a number of Steps 0-1, written with the same digits
            assert content_r == content_py, key
        if isinstance(value_py, float):
            # the stored values: train_step(exact = TRUE) in both, the same bits
            assert abs(value_r - value_py) <= 1e-15, key
    assert formulas > 0


def test_both_languages_refuse_the_same_bad_arguments(r, tmp_path):
    import rpy2.robjects as ro

    s = nn.load_scenario("article")
    missing = str(tmp_path / "no" / "such" / "steps.xlsx")
    calls = {
        'export_steps(s$init, s$X, s$y, 0.1, "steps.csv")': lambda: nn.export_steps(s["init"], s["X"], s["y"], 0.1, "steps.csv"),
        "export_steps(s$init, s$X, s$y, 0.1, 3)": lambda: nn.export_steps(s["init"], s["X"], s["y"], 0.1, 3),
        'export_steps(s$init, s$X, s$y, 0.1, "%s")' % missing: lambda: nn.export_steps(s["init"], s["X"], s["y"], 0.1, missing),
        'export_steps(s$init, s$X, s$y, 0.1, "steps.xlsx", epochs = 0)':
            lambda: nn.export_steps(s["init"], s["X"], s["y"], 0.1, "steps.xlsx", epochs=0),
        'export_steps(s$init, s$X, s$y, 0.1, "steps.xlsx", epochs = 88)':
            lambda: nn.export_steps(s["init"], s["X"], s["y"], 0.1, "steps.xlsx", epochs=88),
        'export_steps(s$init, s$X, s$y, -1, "steps.xlsx")': lambda: nn.export_steps(s["init"], s["X"], s["y"], -1, "steps.xlsx"),
    }
    r_error = ro.r(R_ERROR)
    for code, call in calls.items():
        with pytest.raises(nn.NnscratchError) as e:
            call()
        assert str(r_error("nnscratch::" + code)[0]) == str(e.value), code
