"""export_steps: the workbook's formulas, recomputed by the formulas package, give train_step's numbers.

Twin of tests/testthat/test-export-steps.R, which recomputes the R-written
workbooks with a small evaluator of its own.
"""

import re
import zipfile

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.activations import ACTIVATIONS
from nnscratch.cli import main
from nnscratch.losses import LOSSES

openpyxl = pytest.importorskip("openpyxl")
formulas = pytest.importorskip("formulas")
pytest.importorskip("xlsxwriter")

# The article's Steps 0-11 and the names its code gives them, in its order;
# the weights an epoch ends with carry "_new", since a sheet can hold a name
# once.
ARTICLE_STEPS = [
    (0, "X"), (0, "y"), (0, "lr"), (1, "wh"), (1, "bh"), (1, "wout"), (1, "bout"),
    (2, "hidden_layer_input"), (3, "hiddenlayer_activations"), (4, "output_layer_input"), (4, "output"), (5, "E"),
    (6, "slope_output_layer"), (6, "slope_hidden_layer"), (7, "d_output"), (8, "Error_at_hidden_layer"),
    (9, "d_hiddenlayer"), (10, "wout_new"), (11, "bout_new"), (10, "wh_new"), (11, "bh_new"),
]
ARTICLE_BLOCKS = [name for _, name in ARTICLE_STEPS]


def article_book(tmp_path, epochs=1):
    """Return the article's scenario as export_steps writes it for `epochs` epochs, read by openpyxl."""
    s = nn.load_scenario("article")
    path = tmp_path / "steps.xlsx"
    nn.export_steps(s["init"], s["X"], s["y"], s["lr"], path, epochs=epochs)
    return openpyxl.load_workbook(path)


def recompute(path):
    """Return every cell's value as the formulas package computes it from the numbers: {(sheet, "B5"): value}."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, ranges in solution.items():
        m = re.fullmatch(r"'\[[^\]]+\]([^']+)'!([A-Z]+\d+)", key)
        value = np.asarray(ranges.value)[0, 0]
        if m and not isinstance(value, str):
            values[(m.group(1).lower(), m.group(2))] = float(value)
    return values


def named_blocks(book):
    """Return each sheet's named ranges as {sheet: {name: [[cell, ...], ...]}}, from the file's defined names."""
    blocks = {}
    for ws in book.worksheets:
        blocks[ws.title] = {}
        for name, defined in ws.defined_names.items():
            sheet, cells = defined.attr_text.split("!")
            assert sheet.strip("'") == ws.title
            blocks[ws.title][name] = ws[cells.replace("$", "")]
    return blocks


def values_of(cells, values, sheet):
    return np.array([[values[(sheet, c.coordinate)] for c in row] for row in cells])


def expected_blocks(step, X, y, lr, layers, article):
    """Return train_step's matrices under the workbook's names, found here from the step's own lists."""
    if article:
        named = {k: v for k, v in step.items() if v is not None and k not in ("wh", "bh", "wout", "bout")}
        named.update({k + "_new": step[k] for k in ("wh", "bh", "wout", "bout") if step[k] is not None})
        params = nn.as_article(layers)
        named.update({k: v for k, v in params.items() if v is not None})
    else:
        named = {}
        for k, layer in enumerate(layers, start=1):
            named.update({"W_%d" % k: layer["W"], "z_%d" % k: step["z"][k - 1], "a_%d" % k: step["a"][k],
                          "err_%d" % k: step["err"][k - 1], "slope_%d" % k: step["slope"][k - 1],
                          "delta_%d" % k: step["delta"][k - 1], "W_%d_new" % k: step["layers"][k - 1]["W"]})
            if layer["b"] is not None:
                named.update({"b_%d" % k: layer["b"], "b_%d_new" % k: step["layers"][k - 1]["b"]})
        named = {k: v for k, v in named.items() if v is not None}
    named.update({"X": X, "y": y, "lr": np.array([[lr]])})
    return named


def scenario(name):
    s = nn.load_scenario(name)
    return dict(params=s["init"], X=s["X"], y=s["y"], lr=s["lr"])


def deep_tanh_softmax():
    s = nn.load_scenario("blobs")
    return dict(params=nn.init_params(2, (3, 2), 3, seed=4), X=s["X"][:4], y=s["y"][:4], lr=0.1,
                activation="tanh", output_activation="softmax", loss="log_loss")


def relu_identity_mse_decay():
    # the other rules: relu, an identity output, half_mse and decay
    return dict(params=nn.init_params(3, (3, 2), 2, seed=7), X=np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [0.0, 1.0, 1.0]]),
                y=np.array([[1.5, -2.0], [0.5, 3.0], [-1.0, 0.0]]), lr=0.05, activation=["relu", "sigmoid"],
                output_activation="identity", loss="half_mse", decay=0.01)


def article_softmax_sse():
    # the article's shape with a softmax output through half_sse: its delta is the Jacobian's
    return dict(params=nn.init_params(4, 3, 2, seed=3), X=nn.load_scenario("article")["X"],
                y=np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), lr=0.1, activation="tanh", output_activation="softmax")


NETWORKS = {
    "article": lambda: scenario("article"),
    "article_nobias": lambda: scenario("article_nobias"),
    "deep_tanh_softmax": deep_tanh_softmax,
    "relu_identity_mse_decay": relu_identity_mse_decay,
    "article_softmax_sse": article_softmax_sse,
}


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_the_formulas_recompute_train_steps_intermediates(network, tmp_path):
    net = NETWORKS[network]()
    options = {k: net[k] for k in ("activation", "output_activation", "loss", "decay") if k in net}
    path = tmp_path / "steps.xlsx"
    nn.export_steps(net["params"], net["X"], net["y"], net["lr"], path, epochs=2, **options)
    values = recompute(path)
    blocks = named_blocks(openpyxl.load_workbook(path))
    params = net["params"]
    y = np.asarray(net["y"], dtype=float).reshape(len(net["X"]), -1)
    for epoch in (1, 2):
        step = nn.train_step(params, net["X"], y, net["lr"], **options)
        expected = expected_blocks(step, net["X"], y, net["lr"], nn.as_layers(params), isinstance(params, dict))
        if options.get("decay", 0) > 0:
            expected["decay"] = np.array([[options["decay"]]])
        sheet = "epoch %d" % epoch
        assert sorted(blocks[sheet]) == sorted(expected)
        for name, m in expected.items():
            got = values_of(blocks[sheet][name], values, sheet)
            np.testing.assert_allclose(got, m, rtol=0, atol=1e-12, err_msg="%s, %s" % (sheet, name))
        params = step["layers"] if "layers" in step else {k: step[k] for k in ("wh", "bh", "wout", "bout")}


def test_the_stored_values_are_the_recomputed_ones_and_the_workbook_recalculates_on_open(tmp_path):
    net = deep_tanh_softmax()
    path = tmp_path / "steps.xlsx"
    nn.export_steps(net["params"], net["X"], net["y"], net["lr"], path, epochs=2, activation="tanh",
                    output_activation="softmax", loss="log_loss")
    values = recompute(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    formulas_ = openpyxl.load_workbook(path)
    n = 0
    for ws in formulas_.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    n += 1
                    assert stored[ws.title][cell.coordinate].value == pytest.approx(values[(ws.title, cell.coordinate)], abs=1e-12)
    assert n > 100
    with zipfile.ZipFile(path) as z:
        assert re.search(r'<calcPr[^>]*fullCalcOnLoad="1"', z.read("xl/workbook.xml").decode())


def test_the_article_workbook_holds_every_step_under_its_article_name(tmp_path):
    book = article_book(tmp_path)
    assert book.sheetnames == ["epoch 1"]
    blocks = named_blocks(book)["epoch 1"]
    assert sorted(blocks) == sorted(ARTICLE_BLOCKS)
    ws = book["epoch 1"]
    titles = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Step ")]
    # one titled block per name, in the article's order and under its step
    assert [(int(t.split(":")[0][5:]), t.split(": ")[1].split(" (")[0]) for t in titles] == ARTICLE_STEPS
    for name, cells in blocks.items():
        for row in cells:
            for cell in row:
                is_formula = isinstance(cell.value, str) and cell.value.startswith("=")
                # Step 0 and 1 are values; every later cell is a formula
                assert is_formula == (name not in ("X", "y", "lr", "wh", "bh", "wout", "bout")), name
    # 114 cells: X 3x4, y 3x1, lr, wh 4x3, bh 1x3, wout 3x1, bout 1x1, then
    # 3x3 (hidden) and 3x1 (output) blocks and the four updated weights
    assert sum(len(row) for cells in blocks.values() for row in cells) == 12 + 3 + 1 + 19 + 9 + 9 + 3 + 3 + 3 + 3 + 9 + 3 + 9 + 9 + 19


def test_step_7_follows_the_articles_code_and_the_notes_answer_its_readers(tmp_path):
    ws = article_book(tmp_path)["epoch 1"]
    blocks = named_blocks(ws.parent)["epoch 1"]
    for d, e, slope in zip(blocks["d_output"], blocks["E"], blocks["slope_output_layer"]):
        # d_output = E * slope_output_layer, with no lr
        assert d[0].value == "=%s*%s" % (e[0].coordinate, slope[0].coordinate)
    text = [c.value for c in ws["A"] if isinstance(c.value, str)]
    notes = [t for t in text if t.startswith("Note:")]
    assert any("multiplies by lr" in t for t in notes)
    assert any("nine values" in t for t in notes)
    # one bias per hidden neuron
    assert len(blocks["bh_new"]) == 1 and len(blocks["bh_new"][0]) == 3


def test_a_block_marks_the_blocks_it_reads_by_name_and_colour(tmp_path):
    book = article_book(tmp_path, 2)
    blocks = named_blocks(book)
    for sheet in ("epoch 1", "epoch 2"):
        ws = book[sheet]
        for row in ws.iter_rows():
            if row[0].value != "reads:":
                continue
            for cell in row[1:]:
                if cell.value is None:
                    continue
                # a name of this sheet, or "name (epoch k)" of another
                m = re.fullmatch(r"(\w+)(?: \((epoch \d+)\))?", cell.value)
                source = blocks[m.group(2) or sheet][m.group(1)][0][0]
                assert cell.fill.fgColor.rgb == source.fill.fgColor.rgb != "00000000"
    # a block's cells read only cells above them, or on an earlier sheet
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and "!" not in cell.value:
                    assert all(int(r) < cell.row for r in re.findall(r"[A-Z]+(\d+)", cell.value)), cell.value


def test_each_epoch_starts_from_the_weights_the_epoch_before_left(tmp_path):
    book = article_book(tmp_path, 3)
    blocks = named_blocks(book)
    for epoch in (2, 3):
        this, before = blocks["epoch %d" % epoch], blocks["epoch %d" % (epoch - 1)]
        for name, source in [("wh", "wh_new"), ("bh", "bh_new"), ("wout", "wout_new"), ("bout", "bout_new"), ("X", "X")]:
            for row, row_before in zip(this[name], before[source]):
                for cell, cell_before in zip(row, row_before):
                    assert cell.value == "='epoch %d'!%s" % (epoch - 1, cell_before.coordinate)


def test_the_loss_falls_over_the_epochs_of_the_workbook(tmp_path):
    # did it learn: the loss of each sheet's own E, recomputed, falls epoch by epoch
    s = nn.load_scenario("article")
    path = tmp_path / "steps.xlsx"
    nn.export_steps(s["init"], s["X"], s["y"], 0.5, path, epochs=3)
    values = recompute(path)
    blocks = named_blocks(openpyxl.load_workbook(path))
    losses = [0.5 * np.sum(values_of(blocks["epoch %d" % e]["E"], values, "epoch %d" % e) ** 2) for e in range(1, 4)]
    assert np.all(np.diff(losses) < 0)


def test_a_network_too_large_to_read_is_refused_with_the_limit():
    s = nn.load_scenario("article")
    # 114 cells an epoch (see above): 87 epochs fit in 10000, 88 do not
    with pytest.raises(nn.NnscratchError, match=re.escape(
        "The workbook would hold 10032 cells (88 epoch(s) of 114), more than the 10000 a learner can follow; "
        "give fewer rows of `X`, fewer neurons or fewer `epochs`.")):
        nn.export_steps(s["init"], s["X"], s["y"], s["lr"], "steps.xlsx", epochs=88)
    m = nn.load_scenario("moons")
    with pytest.raises(nn.NnscratchError, match="more than the 10000 a learner can follow"):
        nn.export_steps(m["init"], m["X"], m["y"], m["lr"], "steps.xlsx")


def test_export_steps_checks_its_arguments(tmp_path):
    s = nn.load_scenario("article")
    args = (s["init"], s["X"], s["y"])
    with pytest.raises(nn.NnscratchError, match=re.escape("`path` must be a file name ending in .xlsx, not \"steps.csv\".")):
        nn.export_steps(*args, 0.1, "steps.csv")
    with pytest.raises(nn.NnscratchError, match=re.escape("`path` must be a file name ending in .xlsx, not 3.")):
        nn.export_steps(*args, 0.1, 3)
    missing = str(tmp_path / "no" / "such")
    with pytest.raises(nn.NnscratchError, match=re.escape('`path` must be in an existing folder; "%s" is not one.' % missing)):
        nn.export_steps(*args, 0.1, missing + "/steps.xlsx")
    with pytest.raises(nn.NnscratchError, match=re.escape("`lr` must be a positive number, not -1.")):
        nn.export_steps(*args, -1, tmp_path / "steps.xlsx")
    with pytest.raises(nn.NnscratchError, match=re.escape("`epochs` must be a whole number from 1 to 2147483647, not 0.")):
        nn.export_steps(*args, 0.1, tmp_path / "steps.xlsx", epochs=0)
    assert not (tmp_path / "steps.xlsx").exists()


def test_every_activation_and_loss_has_a_spreadsheet_form():
    for name, activation in ACTIVATIONS.items():
        assert "{x}" in activation.sheet.f and "{x}" in activation.sheet.f_text, name
        # only a row-wise output goes without a slope; its delta has a block of its own
        assert (activation.sheet.slope is None) == activation.rowwise, name
    for name, loss in LOSSES.items():
        formula, text = loss.sheet
        assert "{y}" in formula and "{a}" in formula and "{E}" in text, name


def test_the_command_line_writes_a_scenarios_epochs(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["steps", "--help"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("usage: nnscratch steps")
    path = tmp_path / "steps.xlsx"
    assert main(["steps", "--scenario", "article", "--epochs", "2", "--out", str(path)]) == 0
    assert openpyxl.load_workbook(path).sheetnames == ["epoch 1", "epoch 2"]
    assert str(path) in capsys.readouterr().out
    assert main(["steps", "--scenario", "moons", "--out", str(tmp_path / "moons.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nnscratch: error: The workbook would hold") and "fewer `epochs`" in err
    assert main(["steps", "--scenario", "article", "--epochs", "0", "--out", str(path)]) == 1
    assert "`--epochs` must be a whole number" in capsys.readouterr().err
