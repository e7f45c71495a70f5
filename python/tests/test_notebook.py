"""The notebooks of python/examples, the Python twins of the R vignettes: each
runs from top to bottom without an error, and every cell named in its
metadata prints the numbers that the vignette's chunk of the same name
prints.

- python/examples/article.ipynb and vignettes/article.Rmd: the article,
  step by step, and its second part;
- python/examples/beyond.ipynb and vignettes/beyond.Rmd: part 3, the
  questions the article's readers ask.

The R side is the vignette itself, knitted by Rscript with the installed R
package (`make test` installs it first): knitr's output hook collects what
each labelled chunk prints. The numbers are compared, not the text, since R
and numpy print a matrix differently: R's row and column labels ([1,] and
[,1]) are dropped, TRUE/True count as 1 and FALSE/False as 0, and the values
must agree to 1e-9 (they are rounded to 4 decimals or 3 significant digits,
or printed to 17 significant digits where the parity suite holds R and
Python to 1e-12).

Part 3 loads, in each language, the checkpoint the other language saved:
vignettes/best_python.json is the file the notebook's checkpoint-train cell
writes, and python/examples/best_r.json the file the vignette's chunk of that
name writes. When training changes, write them again: run that cell and that
chunk, and copy the files at their `checkpoint` paths over the two.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "python" / "examples"
# Each notebook and its vignette, by their common name.
TWINS = ("article", "beyond")
# The cells that load the other language's checkpoint: their first line says
# whether it predicts what this language's own checkpoint predicts.
CROSS_LANGUAGE = {"beyond": "checkpoint-other-language"}

# The moons run at lr = 0.1 magnifies the last bits in which R's and numpy's
# sums differ: the two print the same errors up to epoch 6000 and different
# ones after it, as the vignette and the notebook explain. Their lines are
# compared up to the first line that starts with this text.
DRIFTS_FROM = {"moons-run": "Error at epoch 7000"}

KNIT = r"""
args <- commandArgs(trailingOnly = TRUE)
out <- list()
labels <- character()
knitr::knit_hooks$set(
  output = function(x, options) {
    out[[options$label]] <<- paste0(if (is.null(out[[options$label]])) "" else out[[options$label]], x)
    x
  },
  chunk = function(x, options) {
    labels <<- c(labels, options$label)
    x
  }
)
setwd(args[3])
knitr::knit(args[1], output = "knitted.md", quiet = TRUE)
labels <- labels[!grepl("^unnamed-chunk-", labels)]
jsonlite::write_json(list(labels = labels, out = out), args[2], auto_unbox = TRUE)
"""


@pytest.fixture(scope="module", params=TWINS)
def twin(request):
    """The common name of a notebook and its vignette."""
    return request.param


@pytest.fixture(scope="module")
def notebook(twin):
    """Run the notebook; return its named cells' printed text by name."""
    path = EXAMPLES / (twin + ".ipynb")
    nb = nbformat.read(path, as_version=4)
    # An error in any cell raises CellExecutionError, and the test fails.
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = {}
    for cell in nb.cells:
        name = cell.metadata.get("name")
        if cell.cell_type != "code" or name is None:
            continue
        text = ""
        for output in cell.outputs:
            # standard error holds warnings, such as moons' ConvergenceWarning,
            # which the vignette's numbers do not include
            if output.output_type == "stream" and output.name == "stdout":
                text += output.text
            elif output.output_type == "execute_result":
                text += output.data.get("text/plain", "") + "\n"
        printed[name] = text
    return printed


@pytest.fixture(scope="module")
def vignette(twin, tmp_path_factory):
    """Knit the vignette; return its labelled chunks' labels, and their printed text by label."""
    folder = tmp_path_factory.mktemp("knit")
    script = folder / "knit.R"
    script.write_text(KNIT)
    result = folder / "chunks.json"
    run = subprocess.run(["Rscript", str(script), str(ROOT / "vignettes" / (twin + ".Rmd")), str(result), str(folder)],
                         capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    assert run.returncode == 0, "knitting the vignette failed (is the R package installed? make r-install):\n" + run.stderr
    knitted = json.loads(result.read_text())
    return knitted["labels"], knitted["out"]


def numbers(text):
    """The numbers in printed text, without R's [i,] and [,j] labels; TRUE and True are 1."""
    text = re.sub(r"\[\d*,\d*\]|\[\d+\]", " ", text)
    tokens = re.findall(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?|TRUE|FALSE|True|False", text)
    return [1.0 if t in ("TRUE", "True") else 0.0 if t in ("FALSE", "False") else float(t) for t in tokens]


def until_drift(text, name):
    if name not in DRIFTS_FROM:
        return text
    # knitr starts R's lines with its comment, "#> ".
    lines = [re.sub(r"^#> ?", "", line) for line in text.splitlines()]
    cut = [i for i, line in enumerate(lines) if line.startswith(DRIFTS_FROM[name])]
    assert cut, "the %s output no longer has the line %r" % (name, DRIFTS_FROM[name])
    return "\n".join(lines[:cut[0]])


def test_the_notebook_names_the_same_cells_as_the_vignettes_chunks(notebook, vignette):
    labels, _ = vignette
    assert sorted(notebook) == sorted(labels)


def test_the_notebook_prints_the_numbers_the_vignette_prints(notebook, vignette):
    _, printed = vignette
    for name, text in notebook.items():
        ours = numbers(until_drift(text, name))
        theirs = numbers(until_drift(printed.get(name, ""), name))
        assert len(ours) == len(theirs), "%s: %d numbers in Python, %d in R\nPython:\n%s\nR:\n%s" % (
            name, len(ours), len(theirs), text, printed.get(name, ""))
        for a, b in zip(ours, theirs):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(b)), "%s: Python prints %r, R %r" % (name, a, b)


def test_each_language_loads_the_checkpoint_the_other_saved(twin, notebook, vignette):
    # Both sides printing FALSE would agree as numbers; the checkpoints
    # shipped with the walk-throughs must be the ones they save today.
    if twin not in CROSS_LANGUAGE:
        pytest.skip("this walk-through loads no checkpoint")
    name = CROSS_LANGUAGE[twin]
    _, printed = vignette
    stale = "the shipped checkpoint is not the one the other language saves now; write it again (see the module's docstring)"
    assert notebook[name].splitlines()[0] == "True", "python/examples/best_r.json: " + stale
    assert printed[name].splitlines()[0].endswith("[1] TRUE"), "vignettes/best_python.json: " + stale


def test_the_comparison_sees_a_changed_number():
    # The numbers() reading of the two printouts of one matrix agree, and a
    # changed digit shows.
    r = "       [,1]   [,2]\n[1,] 0.0501 0.2539\n"
    py = "[[0.0501 0.2539]]\n"
    assert numbers(r) == numbers(py) == [0.0501, 0.2539]
    assert numbers(py.replace("0.2539", "0.2538")) != numbers(r)
    assert numbers("[1] TRUE") == numbers("True") == [1.0]
