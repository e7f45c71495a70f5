"""The article's spreadsheet of Steps 0-11, written live: every cell of Steps 2-11 a formula. Twin of R/export_steps.R.

The article shows one epoch in a spreadsheet, matrix by matrix. `export_steps`
writes that spreadsheet for any network `train_step` takes, one sheet per
epoch: Steps 0-1 as values (in a later epoch, as copies of the epoch
before), and every later matrix as a block of formulas over the blocks above
it. Each block has a title, the article's line for it, a "reads" line that
names, in their colours, the blocks it reads, and a named range of its
sheet under the article's name.

Both languages build the same cells (`epoch_sheet`) and hand them to a
writer: XlsxWriter here, openxlsx in R. Both write the same cells, formulas,
styles and names, and store each formula's value as computed by
`train_step(..., exact=True)`, which gives the same bits in both languages.

Each cell holds its own formula, no array formula: a row of one block times
a column of another is an MMULT, a product with a transposed block (t(W),
t(a)) is the SUMPRODUCT of two rows or of two columns, which needs neither
TRANSPOSE nor array entry in any spreadsheet program. The functions are
MMULT, SUMPRODUCT, SUM, EXP, TANH, MAX, IF and ROWS.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional

import numpy as np

from .activations import ACTIVATIONS
from .errors import abort, describe
from .losses import LOSSES
from .steps import ARTICLE, train_step
from .validate import as_numeric_matrix, check_count, check_number, check_problem

# The most cells (numbers and formulas, over all epochs) a workbook may hold:
# a learner follows a few hundred; the article's network has 114 an epoch.
MAX_CELLS = 10000

# The fill of each block, in turn; a block's "reads" line shows the names of
# the blocks it reads in their fills.
BLOCK_FILLS = ("#FFF2CC", "#DDEBF7", "#E2EFDA", "#FCE4D6", "#EDE2F6", "#D9F2F2", "#F8DDE6", "#EDEDED")

# Where the blocks start: row 1-4 say what the sheet holds; column A holds
# the labels, and a block's matrix starts in column B.
FIRST_ROW = 6
FIRST_COL = 2

# The article's names of the blocks of a network of one hidden layer; the
# key is the name of a block of any network (see `block_name`).
ARTICLE_NAMES = {
    "z_1": "hidden_layer_input", "a_1": "hiddenlayer_activations",
    "z_2": "output_layer_input", "a_2": "output",
    "err_2": "E", "slope_2": "slope_output_layer", "slope_1": "slope_hidden_layer",
    "delta_2": "d_output", "err_1": "Error_at_hidden_layer", "delta_1": "d_hiddenlayer",
    "W_1": "wh", "b_1": "bh", "W_2": "wout", "b_2": "bout",
    "W_1_new": "wh_new", "b_1_new": "bh_new", "W_2_new": "wout_new", "b_2_new": "bout_new",
}


# The notes that answer the article's readers, by the block they sit on.
NOTES = {
    "d_output": "The article's picture multiplies by lr here as well; its code does not, and neither does this "
    "workbook: lr enters once, at Steps 10 and 11.",
    "Error_at_hidden_layer": "It reads wout as Step 1 holds it: the weights change only at Steps 10 and 11, once "
    "every error is known.",
    "bh_new": "One bias per hidden neuron, moved by the sum of d_hiddenlayer over the samples (colSums). The "
    "article's R script keeps one per sample and neuron, the nine values of its 3 x 3 bh, and updates them with "
    "rowSums; its spreadsheet and numpy code keep one per neuron, as here.",
}


def export_steps(
    params: Any, X: Any, y: Any, lr: float, path: Any, epochs: int = 1, activation: Any = ARTICLE["activation"],
    output_activation: str = ARTICLE["output_activation"], loss: str = ARTICLE["loss"], decay: float = 0.0,
) -> str:
    """Write the article's Steps 0-11 as an .xlsx workbook whose cells are formulas, one sheet per epoch.

    Each sheet ("epoch 1", "epoch 2", ...) holds, from top to bottom: Step 0
    (X, y, lr and, when it is not 0, decay) and Step 1 (the weights and
    biases) as values, in a later epoch as copies of the weights the epoch
    before it left; then every intermediate of `train_step`, each cell a
    formula over the blocks above it, and the updated weights. For the
    article's params the blocks carry the article's names
    (``hidden_layer_input``, ..., ``d_output``, ...); for a list of layers,
    ``z_1``, ``a_1``, ... ``err_k``, ``slope_k``, ``delta_k`` per layer k
    as `explain_epoch` prints them. The weights an epoch ends with are
    ``wh_new``, ``bh_new``, ``wout_new``, ``bout_new`` (``W_k_new`` and
    ``b_k_new``), since a sheet can hold a name once. Each block is a named
    range of its sheet. Every formula's value is stored with it, and the
    workbook asks to be recalculated on open.

    Parameters
    ----------
    params, X, y, lr, activation, output_activation, loss, decay
        As for `train_step`.
    path : str or os.PathLike
        The file to write, ending in ".xlsx", in an existing folder.
    epochs : int, default 1
        The number of epochs, one sheet each. A workbook holds at most
        `MAX_CELLS` (10000) numbers and formulas in all.

    Returns
    -------
    str
        `path`.

    Notes
    -----
    Needs the XlsxWriter package: ``pip install 'nnscratch[xlsx]'``.

    Examples
    --------
    >>> s = load_scenario("article")
    >>> export_steps(s["init"], s["X"], s["y"], s["lr"], "steps.xlsx")  # doctest: +SKIP
    'steps.xlsx'
    """
    X = as_numeric_matrix(X, "X")
    net = check_problem(params, X, y, activation, output_activation, loss)
    check_sheet_forms(net)
    lr = check_number(lr, "lr", lo_open=True)
    decay = check_number(decay, "decay")
    epochs = check_count(epochs, "epochs", 1)
    path = check_workbook_path(path)
    check_cells(net, X, epochs, decay)
    layers = net["layers"]
    sheets: list = []
    for epoch in range(1, epochs + 1):
        step = train_step(
            layers, X, net["y"], lr, net["activation"], net["output_activation"], net["loss"], decay, exact=True,
        )
        sheets.append(epoch_sheet(epoch, epochs, net, X, lr, decay, layers, step, sheets[-1] if sheets else None))
        layers = step["layers"]
    write_workbook(sheets, path)
    return path


def check_workbook_path(path: Any) -> str:
    """Return the file to write: one string (or path) ending in .xlsx, in an existing folder."""
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str) or not path.lower().endswith(".xlsx"):
        abort("`path` must be a file name ending in .xlsx, not %s.", describe(path), arg="path")
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        abort('`path` must be in an existing folder; "%s" is not one.', folder, arg="path")
    return path


def check_sheet_forms(net: dict) -> None:
    """Refuse an activation or loss that has no spreadsheet form in its registry."""
    named: list = [("activation", a, ACTIVATIONS[a]) for a in net["activation"]]
    named += [("output_activation", net["output_activation"], ACTIVATIONS[net["output_activation"]]),
              ("loss", net["loss"], LOSSES[net["loss"]])]
    for arg, name, entry in named:
        if entry.sheet is None:
            abort("`%s` %s has no spreadsheet form to write.", arg, describe(name), arg=arg)


def sheet_form(registry: dict, name: str) -> Any:
    """Return the spreadsheet form of a registry's entry, which check_sheet_forms made sure it has."""
    form = registry[name].sheet
    assert form is not None
    return form


def check_cells(net: dict, X: np.ndarray, epochs: int, decay: float) -> None:
    """Refuse a workbook of more than MAX_CELLS numbers and formulas, before any is made.

    An epoch holds X, y, lr, decay when it is not 0, and per layer its
    weights and biases twice (before and after the step) and z, a, err,
    delta and, unless the output has none, the slope, each n x width.
    """
    n = X.shape[0]
    layers = net["layers"]
    cells = n * X.shape[1] + net["y"].size + 1 + (decay > 0)
    for k, layer in enumerate(layers):
        fan_in, width = layer["W"].shape
        weights = fan_in * width + (0 if layer["b"] is None else width)
        slope = k < len(layers) - 1 or has_output_slope(net["output_activation"], net["loss"])
        cells += 2 * weights + n * width * (5 if slope else 4)
    if cells * epochs > MAX_CELLS:
        abort(
            "The workbook would hold %d cells (%d epoch(s) of %d), more than the %d a learner can follow; "
            "give fewer rows of `X`, fewer neurons or fewer `epochs`.",
            cells * epochs, epochs, cells, MAX_CELLS,
        )


def has_output_slope(output_activation: str, loss: str) -> bool:
    """Whether the output layer has a slope block: not for softmax, nor for log_loss, whose E is the delta."""
    return not LOSSES[loss].canonical and sheet_form(ACTIVATIONS, output_activation).slope is not None


def block_name(key: str, article: bool) -> str:
    """Return the name a block is shown and named under: the article's name, or the key (z_1, W_2_new, ...)."""
    return ARTICLE_NAMES.get(key, key) if article else key


def epoch_sheet(
    epoch: int, epochs: int, net: dict, X: np.ndarray, lr: float, decay: float, layers: list, step: dict,
    previous: Optional[dict],
) -> dict:
    """Return one epoch's sheet: its name, its cells and its blocks by key, from Step 0 to Step 11.

    `layers` are the weights the epoch starts from and `step` their
    `train_step`, whose values the formulas' cells store. `previous`, the
    sheet of the epoch before (None for the first), is where Steps 0-1 copy
    their blocks from.
    """
    sheet = {"name": "epoch %d" % epoch, "article": net["article"], "cells": header_cells(epoch, epochs, net, X),
             "blocks": {}, "row": FIRST_ROW}
    L = len(layers)
    names = [*net["activation"], net["output_activation"]]
    # Step 0: read input and output
    add_given(sheet, previous, "X", 0, "Read input and output: X, one row per sample", X)
    add_given(sheet, previous, "y", 0, "y, the target of each sample", net["y"])
    add_given(sheet, previous, "lr", 0, "lr, the learning rate", np.array([[lr]]))
    if decay > 0:
        add_given(sheet, previous, "decay", 0, "decay: (decay / 2) * sum(W^2) over the weights is added to the loss",
                  np.array([[decay]]))
    # Step 1: initialize weights and biases
    for k in range(1, L + 1):
        add_given(sheet, previous, "W_%d" % k, 1, "Initialize weights and biases: %s, one row per input of layer %d, "
                  "one column per neuron" % (label(sheet, "W_%d" % k), k), layers[k - 1]["W"])
        if layers[k - 1]["b"] is not None:
            add_given(sheet, previous, "b_%d" % k, 1, "%s, one bias per neuron of layer %d" % (label(sheet, "b_%d" % k), k),
                      layers[k - 1]["b"])
    # Steps 2-4: forward propagation
    for k in range(1, L + 1):
        add_forward(sheet, k, names[k - 1], L, step)
    # Step 5: the error at the output
    add_error(sheet, L, net["loss"], step)
    # Step 6: the slopes, from the activations
    for k in range(L, 0, -1):
        if k < L or has_output_slope(net["output_activation"], net["loss"]):
            add_slope(sheet, k, names[k - 1], step)
    # Step 7: the delta at the output
    add_output_delta(sheet, L, net["output_activation"], net["loss"], step)
    # Steps 8-9: the error and the delta of each hidden layer, from the top
    for k in range(L - 1, 0, -1):
        add_hidden_delta(sheet, k, step)
    # Steps 10-11: the updates, from the output down, as the article orders them
    for k in range(L, 0, -1):
        add_updates(sheet, k, decay, LOSSES[net["loss"]].mean, step)
    return sheet


def label(sheet: dict, key: str) -> str:
    """Return the name of the block `key` on this sheet (see `block_name`)."""
    return block_name(key, sheet["article"])


def add_given(sheet: dict, previous: Optional[dict], key: str, step_no: int, text: str, values: np.ndarray) -> None:
    """Add a block of Steps 0-1: its values in the first epoch, a copy of where the epoch before ended in the others."""
    if previous is None:
        add_block(sheet, key, step_no, text, values)
        return
    source = previous["blocks"][key + "_new" if step_no == 1 else key]
    text = "%s = %s of %s%s" % (label(sheet, key), source["name"], previous["name"], ", where it ended" if step_no == 1 else "")
    add_block(sheet, key, step_no, text, values, [source], lambda i, j: ref(source, i, j, sheet))


def add_forward(sheet: dict, k: int, activation: str, L: int, step: dict) -> None:
    """Add Steps 2-3 of layer k (Step 4 at the output): z = a %*% W + b, then a = f(z)."""
    blocks = sheet["blocks"]
    a_in = blocks["X"] if k == 1 else blocks["a_%d" % (k - 1)]
    W, b = blocks["W_%d" % k], blocks.get("b_%d" % k)
    z_key, a_key = "z_%d" % k, "a_%d" % k
    text = "%s = matrix_dot_product(%s, %s)%s" % (label(sheet, z_key), a_in["name"], W["name"], "" if b is None else " + " + b["name"])

    def z_formula(i: int, j: int) -> str:
        product = "MMULT(%s,%s)" % (row_range(a_in, i), col_range(W, j))
        return product if b is None else "%s+%s" % (product, ref(b, 0, j))
    add_block(sheet, z_key, 2 if k < L else 4, text, step["z"][k - 1], [a_in, W] + ([] if b is None else [b]), z_formula)
    z = blocks[z_key]
    f = sheet_form(ACTIVATIONS, activation)
    add_block(sheet, a_key, 3 if k < L else 4, "%s = %s" % (label(sheet, a_key), fill(f.f_text, x=z["name"])),
              step["a"][k], [z], lambda i, j: fill(f.f, x=ref(z, i, j), row=row_range(z, i)))


def add_error(sheet: dict, L: int, loss: str, step: dict) -> None:
    """Add Step 5, the error E = -dLoss/doutput that the loss sends back."""
    blocks = sheet["blocks"]
    y, out = blocks["y"], blocks["a_%d" % L]
    key = "err_%d" % L
    formula, text = sheet_form(LOSSES, loss)
    add_block(sheet, key, 5, fill(text, E=label(sheet, key), y=y["name"], a=out["name"]), step["err"][L - 1], [y, out],
              lambda i, j: fill(formula, y=ref(y, i, j), a=ref(out, i, j), rows=block_range(y)))


def add_slope(sheet: dict, k: int, activation: str, step: dict) -> None:
    """Add Step 6 of layer k: the derivative of its activation, from the activation (derivatives_sigmoid(output))."""
    a = sheet["blocks"]["a_%d" % k]
    key = "slope_%d" % k
    f = sheet_form(ACTIVATIONS, activation)
    add_block(sheet, key, 6, "%s = %s" % (label(sheet, key), fill(f.slope_text or "", x=a["name"])), step["slope"][k - 1],
              [a], lambda i, j: fill(f.slope or "", x=ref(a, i, j)))


def add_output_delta(sheet: dict, L: int, output_activation: str, loss: str, step: dict) -> None:
    """Add Step 7, the output's delta: E * slope; softmax's Jacobian times E; E itself with log_loss."""
    blocks = sheet["blocks"]
    E, out = blocks["err_%d" % L], blocks["a_%d" % L]
    key = "delta_%d" % L
    name = label(sheet, key)
    if LOSSES[loss].canonical:
        # through its own output (sigmoid or softmax) the log-loss's gradient at z is y - output, E
        add_block(sheet, key, 7, "%s = %s: with %s the output's slope cancels" % (name, E["name"], loss),
                  step["delta"][L - 1], [E], lambda i, j: ref(E, i, j))
    elif ACTIVATIONS[output_activation].rowwise:
        text = "%s = %s * (%s - rowSums(%s * %s)), softmax's Jacobian times %s" % (
            name, out["name"], E["name"], E["name"], out["name"], E["name"])
        add_block(sheet, key, 7, text, step["delta"][L - 1], [E, out], lambda i, j: "%s*(%s-SUMPRODUCT(%s,%s))" % (
            ref(out, i, j), ref(E, i, j), row_range(E, i), row_range(out, i)))
    else:
        slope = blocks["slope_%d" % L]
        add_block(sheet, key, 7, "%s = %s * %s" % (name, E["name"], slope["name"]), step["delta"][L - 1], [E, slope],
                  lambda i, j: "%s*%s" % (ref(E, i, j), ref(slope, i, j)))


def add_hidden_delta(sheet: dict, k: int, step: dict) -> None:
    """Add Steps 8-9 of hidden layer k: err = delta_next %*% t(W_next), then delta = err * slope."""
    blocks = sheet["blocks"]
    d_next, W_next = blocks["delta_%d" % (k + 1)], blocks["W_%d" % (k + 1)]
    err_key, delta_key = "err_%d" % k, "delta_%d" % k
    text = "%s = matrix_dot_product(%s, %s.Transpose)" % (label(sheet, err_key), d_next["name"], W_next["name"])
    # row i of delta_next against row j of W_next: t(W_next) without TRANSPOSE
    add_block(sheet, err_key, 8, text, step["err"][k - 1], [d_next, W_next],
              lambda i, j: "SUMPRODUCT(%s,%s)" % (row_range(d_next, i), row_range(W_next, j)))
    err, slope = blocks[err_key], blocks["slope_%d" % k]
    add_block(sheet, delta_key, 9, "%s = %s * %s" % (label(sheet, delta_key), err["name"], slope["name"]),
              step["delta"][k - 1], [err, slope], lambda i, j: "%s*%s" % (ref(err, i, j), ref(slope, i, j)))


def add_updates(sheet: dict, k: int, decay: float, mean: bool, step: dict) -> None:
    """Add Steps 10-11 of layer k: W + (t(a) %*% delta - decay * W) * lr, and b + colSums(delta) * lr.

    A loss averaged over the samples (half_mse) averages its weight decay too:
    decay / n * W.
    """
    blocks = sheet["blocks"]
    W, b, d, lr = blocks["W_%d" % k], blocks.get("b_%d" % k), blocks["delta_%d" % k], blocks["lr"]
    a = blocks["X"] if k == 1 else blocks["a_%d" % (k - 1)]
    W_key, b_key = "W_%d_new" % k, "b_%d_new" % k
    # column i of a against column j of delta: t(a) without TRANSPOSE
    product = "matrix_dot_product(%s.Transpose, %s)" % (a["name"], d["name"])
    if decay > 0:
        dc = blocks["decay"]
        # the decay of a mean loss is divided by n, the rows of X
        per = "/ROWS(%s)" % col_range(blocks["X"], 0) if mean else ""
        text = "%s = %s + (%s - decay%s * %s) * lr" % (label(sheet, W_key), W["name"], product, " / n" if mean else "",
                                                      W["name"])
        add_block(sheet, W_key, 10, text, step["layers"][k - 1]["W"], [W, a, d, dc, lr],
                  lambda i, j: "%s+(SUMPRODUCT(%s,%s)-%s%s*%s)*%s" % (
                      ref(W, i, j), col_range(a, i), col_range(d, j), ref(dc, 0, 0), per, ref(W, i, j), ref(lr, 0, 0)))
    else:
        text = "%s = %s + %s * lr" % (label(sheet, W_key), W["name"], product)
        add_block(sheet, W_key, 10, text, step["layers"][k - 1]["W"], [W, a, d, lr],
                  lambda i, j: "%s+SUMPRODUCT(%s,%s)*%s" % (ref(W, i, j), col_range(a, i), col_range(d, j), ref(lr, 0, 0)))
    if b is None:
        return
    # one bias per neuron, moved by the sum of its deltas over the samples (colSums)
    text = "%s = %s + sum(%s, axis=0) * lr" % (label(sheet, b_key), b["name"], d["name"])
    add_block(sheet, b_key, 11, text, step["layers"][k - 1]["b"], [b, d, lr],
              lambda i, j: "%s+SUM(%s)*%s" % (ref(b, i, j), col_range(d, j), ref(lr, 0, 0)))


def add_block(
    sheet: dict, key: str, step_no: int, text: str, values: np.ndarray, reads: Optional[list] = None,
    formula: Optional[Callable[[int, int], str]] = None,
) -> None:
    """Add a block below the last: its title, its line, its note, its "reads" line and its matrix.

    Without `formula` the matrix holds `values`; with it, cell (i, j) holds
    formula(i, j) and stores values[i, j].
    """
    values = np.asarray(values, dtype=np.float64)
    rows, cols = values.shape
    name = label(sheet, key)
    colour = BLOCK_FILLS[len(sheet["blocks"]) % len(BLOCK_FILLS)]
    r = sheet["row"]
    cells = sheet["cells"]
    cells.append(text_cell(r, 1, "Step %d: %s (%d x %d)" % (step_no, name, rows, cols), colour, "bold"))
    cells.append(text_cell(r + 1, 1, text))
    r += 2
    if name in NOTES:
        cells.append(text_cell(r, 1, "Note: " + NOTES[name], font="italic"))
        r += 1
    if reads:
        cells.append(text_cell(r, 1, "reads:"))
        cells.extend(text_cell(r, FIRST_COL + k, source_label(source, sheet), source["colour"]) for k, source in enumerate(reads))
        r += 1
    block = {"key": key, "name": name, "sheet": sheet["name"], "top": r, "rows": rows, "cols": cols, "colour": colour}
    for i in range(rows):
        for j in range(cols):
            kind = "number" if formula is None else "formula"
            cells.append((r + i, FIRST_COL + j, kind, "" if formula is None else formula(i, j), float(values[i, j]), colour, "", True))
    sheet["blocks"][key] = block
    sheet["row"] = r + rows + 1


def source_label(source: dict, sheet: dict) -> str:
    """Return how a "reads" line names a block: its name, and its sheet when it is another."""
    return source["name"] if source["sheet"] == sheet["name"] else "%s (%s)" % (source["name"], source["sheet"])


def text_cell(row: int, col: int, text: str, colour: str = "", font: str = "") -> tuple:
    """Return a cell of text: (row, col, kind, text, value, colour, font, number format)."""
    return (row, col, "text", text, float("nan"), colour, font, False)


def fill(template: str, **values: str) -> str:
    """Return `template` with each {name} replaced by values[name]."""
    for name, value in values.items():
        template = template.replace("{%s}" % name, value)
    return template


# Addresses. Rows and columns of the sheet count from 1, as the spreadsheet
# counts them; i and j index a block's matrix from 0, as numpy does.


def column_letters(col: int) -> str:
    """Return the letters of a column: 1 is A, 27 is AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, col: int) -> str:
    return "%s%d" % (column_letters(col), row)


def ref(block: dict, i: int, j: int, sheet: Optional[dict] = None) -> str:
    """Return the address of cell (i, j) of a block, with its sheet's name when it is read from another sheet."""
    cell = address(block["top"] + i, FIRST_COL + j)
    return cell if sheet is None or block["sheet"] == sheet["name"] else "'%s'!%s" % (block["sheet"], cell)


def row_range(block: dict, i: int) -> str:
    return "%s:%s" % (ref(block, i, 0), ref(block, i, block["cols"] - 1))


def col_range(block: dict, j: int) -> str:
    return "%s:%s" % (ref(block, 0, j), ref(block, block["rows"] - 1, j))


def block_range(block: dict) -> str:
    return "%s:%s" % (ref(block, 0, 0), ref(block, block["rows"] - 1, block["cols"] - 1))


def absolute_range(block: dict) -> str:
    """Return a block's range as a defined name holds it: 'epoch 1'!$B$6:$E$8."""
    first = "$%s$%d" % (column_letters(FIRST_COL), block["top"])
    last = "$%s$%d" % (column_letters(FIRST_COL + block["cols"] - 1), block["top"] + block["rows"] - 1)
    return "'%s'!%s:%s" % (block["sheet"], first, last)


def header_cells(epoch: int, epochs: int, net: dict, X: np.ndarray) -> list:
    """Return rows 1-4 of a sheet: what it holds, how to read it, and the network."""
    sizes = [X.shape[1], *(layer["W"].shape[1] for layer in net["layers"])]
    example = block_name("a_1", net["article"])
    return [
        text_cell(1, 1, "Epoch %d of %d: the article's Steps 0-11, one cell at a time" % (epoch, epochs), font="bold"),
        text_cell(2, 1, "Steps 2-11 are formulas over the blocks above them: select a cell to see how it is computed. "
                  "A block's 'reads' line names, in their colours, the blocks it reads."),
        text_cell(3, 1, "Every matrix is a named range of this sheet: type =%s in an empty cell to see it." % example),
        text_cell(4, 1, "A %s network; hidden layers: %s; output: %s; loss: %s." % (
            "-".join(str(s) for s in sizes), ", ".join(net["activation"]), net["output_activation"], net["loss"])),
    ]


def write_workbook(sheets: list, path: str) -> None:
    """Write the sheets with XlsxWriter: their cells, styles and named ranges; the workbook recalculates on open.

    XlsxWriter writes a number with 16 significant digits and a formula's
    stored value in full; openxlsx in R is made to write the same text.
    """
    try:
        import xlsxwriter
    except ImportError:
        abort("export_steps needs the Python package XlsxWriter: pip install 'nnscratch[xlsx]'.")
    # XlsxWriter always sets fullCalcOnLoad, so that a spreadsheet program
    # recalculates every formula when it opens the file.
    book = xlsxwriter.Workbook(path)
    formats: dict = {}
    for sheet in sheets:
        ws = book.add_worksheet(sheet["name"])
        ws.set_column(0, 0, 8)
        ws.set_column(FIRST_COL - 1, FIRST_COL + 10, column_width(sheet["cells"]))
        for row, col, kind, text, value, colour, font, number in sheet["cells"]:
            style = (colour, font, number)
            if style not in formats:
                formats[style] = book.add_format(cell_format(colour, font, number))
            fmt = formats[style]
            if kind == "text":
                ws.write_string(row - 1, col - 1, text, fmt)
            elif kind == "number":
                ws.write_number(row - 1, col - 1, value, fmt)
            else:
                ws.write_formula(row - 1, col - 1, text, fmt, value)
        for block in sheet["blocks"].values():
            book.define_name("'%s'!%s" % (sheet["name"], block["name"]), "=" + absolute_range(block))
    book.close()


def column_width(cells: list) -> int:
    """Return the width of the matrices' columns: 11 characters, or more for the longest name on a "reads" line."""
    return max([11] + [len(text) + 1 for _, col, kind, text, *_ in cells if kind == "text" and col >= FIRST_COL])


def cell_format(colour: str, font: str, number: bool) -> dict:
    """Return XlsxWriter's format of a style: a solid fill, bold or italic, 4 decimals for numbers."""
    fmt: dict = {}
    if colour:
        fmt.update(pattern=1, fg_color=colour)
    if font:
        fmt[font] = True
    if number:
        fmt["num_format"] = "0.0000"
    return fmt
