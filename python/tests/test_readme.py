"""The READMEs' examples run as written and print what they show.

Every ```r and ```python code block of README.md and python/README.md is
run, and what it prints is compared with the output the README shows.

The convention, as reprex shows R output:

- Expected output sits in the block itself, on lines that start with
  ``#>``, right after the line that prints it. ``#>`` is a comment in both
  languages, so a reader can paste the block as it is. The block's standard
  output, line by line, must equal its ``#>`` lines with the ``#> `` taken
  off; a block without ``#>`` lines must print nothing. Spaces at the end
  of a line are ignored, as editors strip them from Markdown.
- A block prints what it would print at the prompt: R's top-level values
  autoprint (``source(print.eval = TRUE)``), and a Python expression
  statement prints its repr (as the REPL and doctest do).
- Each block runs on its own, in a fresh environment (R, with the packages
  it attached detached afterwards) or namespace (Python), so it carries its
  own ``library(nnscratch)`` or ``import nnscratch as nn``.
- The blocks of one README share a scratch folder as working directory.
  Its R blocks run first, then its Python blocks, so a Python block may load
  a file an R block saved (a model file across the languages).
- Blocks that are not meant to run are fenced with another language:
  ```sh for shell commands, ```r-norun or ```python-norun for fragments.
- An R block and a Python block side by side in one HTML <table> are the
  same computation in the two languages: the numbers of their ``#>`` lines
  must agree, each to the precision the other prints (see `agree`).

R runs as ``Rscript``, one call per README, against the installed nnscratch
(the site library, or ``R_LIBS`` as ``make test`` sets it).
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READMES = [ROOT / "README.md", ROOT / "python" / "README.md"]

# A fence, possibly indented (inside a list or an HTML table cell).
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
TABLE = re.compile(r"<table>.*?</table>", re.S)
# A number as R and numpy print it, and R's index labels ([1], [2,], [,3]).
NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?|TRUE|FALSE|True|False")
INDEX = re.compile(r"\[\d*,\d*\]|\[\d+\]")

R_RUNNER = r"""
options(width = 80)
attached <- search()
for (f in commandArgs(TRUE)) {
  env <- new.env(parent = globalenv())
  out <- tryCatch(
    capture.output(source(f, local = env, echo = FALSE, print.eval = TRUE)),
    error = function(e) {
      writeLines(conditionMessage(e), paste0(f, ".err"))
      character()
    }
  )
  writeLines(out, paste0(f, ".out"))
  for (p in setdiff(search(), attached)) detach(p, character.only = TRUE)
}
"""


def blocks(readme: Path) -> list[tuple[str, int, str]]:
    """Return the runnable blocks of a README: (language, line of the fence, code)."""
    text = readme.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        if m["lang"] in ("r", "python"):
            line = text.count("\n", 0, m.start()) + 1
            found.append((m["lang"], line, textwrap.dedent(m["body"])))
    return found


def pairs(readme: Path) -> list[tuple[int, str, str]]:
    """Return the R and Python blocks side by side in a table: (line of the table, R code, Python code)."""
    text = readme.read_text(encoding="utf-8")
    found = []
    for table in TABLE.finditer(text):
        inside = [(m["lang"], textwrap.dedent(m["body"])) for m in FENCE.finditer(table.group())]
        codes = {lang: code for lang, code in inside if lang in ("r", "python")}
        if len(inside) == 2 and set(codes) == {"r", "python"}:
            found.append((text.count("\n", 0, table.start()) + 1, codes["r"], codes["python"]))
    return found


def printed_numbers(text: str, r: bool = False) -> list[str]:
    """The numbers of printed text, as printed; TRUE and True are "1", FALSE and False "0".

    R's index labels are dropped, and so are R's row names: the first token of
    each line below a header of k names (a line without numbers) that holds
    k + 1 tokens, as a matrix or data frame prints; a named vector's values
    line holds k and keeps them all.
    """
    found = []
    header = 0
    for line in text.splitlines():
        line = INDEX.sub(" ", line)
        tokens = line.split()
        if r and tokens and not NUMBER.search(line):
            header = len(tokens)
            continue
        if r and header and len(tokens) == header + 1:
            line = line.split(None, 1)[1]
        if not tokens:
            header = 0
        found += ["1" if t in ("TRUE", "True") else "0" if t in ("FALSE", "False") else t for t in NUMBER.findall(line)]
    return found


def decimals(token: str) -> int:
    """The decimal places of a printed number: 3 for 0.125, 7 for 1.5e-06."""
    mantissa, _, exponent = token.lower().partition("e")
    places = len(mantissa.partition(".")[2])
    return places - int(exponent or 0)


def agree(a: str, b: str) -> bool:
    """Whether two printed numbers can be one value, each rounded to the places it shows.

    R and numpy drop a number's trailing zeros, so a whole number (R's 1,
    numpy's 1.0) is exact; two numbers with as many places must be equal.
    """
    da, db = decimals(a), decimals(b)
    whole = "." not in a or "." not in b
    if da == db or whole:
        half = 0.0 if da == db else 0.5 * 10.0 ** -max(da, db)
    else:
        half = 0.5 * (10.0 ** -da + 10.0 ** -db)
    return abs(float(a) - float(b)) <= half + 1e-12 * max(1.0, abs(float(a)))


def expected_output(code: str) -> str:
    """The block's ``#>`` lines, without the marker, as one text."""
    lines = [line.strip() for line in code.splitlines() if line.strip().startswith("#>")]
    return "".join(line[3:] + "\n" if line.startswith("#> ") else line[2:] + "\n" for line in lines)


def trimmed(text: str) -> str:
    """`text` without the spaces at the end of its lines."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def run_python(code: str) -> str:
    """Run a block as the Python prompt would, in a fresh namespace; return what it printed."""
    namespace: dict = {"__name__": "__readme__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for node in ast.parse(code).body:
            if isinstance(node, ast.Expr):
                # 'single' mode prints an expression's repr, as the REPL does
                exec(compile(ast.Interactive([node]), "<readme>", "single"), namespace)
            else:
                exec(compile(ast.Module([node], []), "<readme>", "exec"), namespace)
    return out.getvalue()


def run_r(codes: list[str], folder: Path) -> list[tuple[str, str | None]]:
    """Run R blocks in one Rscript call; return each one's output and error (None if none)."""
    files = []
    for i, code in enumerate(codes):
        f = folder / f"block{i}.R"
        f.write_text(code, encoding="utf-8")
        files.append(f)
    (folder / "runner.R").write_text(R_RUNNER, encoding="utf-8")
    run = subprocess.run(["Rscript", "runner.R", *[f.name for f in files]], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    results = []
    for f in files:
        out = Path(f"{f}.out").read_text(encoding="utf-8")
        err = Path(f"{f}.err")
        results.append((out, err.read_text(encoding="utf-8") if err.exists() else None))
    return results


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_code_block_prints_what_the_readme_shows(readme, tmp_path, monkeypatch):
    found = blocks(readme)
    assert found, f"{readme} has no ```r or ```python block"
    monkeypatch.chdir(tmp_path)
    r_blocks = [(line, code) for lang, line, code in found if lang == "r"]
    r_results = run_r([code for _, code in r_blocks], tmp_path) if r_blocks else []
    failures = []
    for (line, code), (out, err) in zip(r_blocks, r_results):
        if err is not None:
            failures.append(f"{readme.name}:{line} (r) failed: {err}")
        elif trimmed(out) != trimmed(expected_output(code)):
            failures.append(f"{readme.name}:{line} (r) printed\n{out}but the README shows\n{expected_output(code)}")
    for lang, line, code in found:
        if lang != "python":
            continue
        try:
            out = run_python(code)
        except Exception as e:  # noqa: BLE001 - reported with the block's line
            failures.append(f"{readme.name}:{line} (python) failed: {type(e).__name__}: {e}")
            continue
        if trimmed(out) != trimmed(expected_output(code)):
            failures.append(f"{readme.name}:{line} (python) printed\n{out}but the README shows\n{expected_output(code)}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_side_by_side_blocks_print_the_same_numbers(readme):
    failures = []
    for line, r_code, py_code in pairs(readme):
        ours = printed_numbers(expected_output(py_code))
        theirs = printed_numbers(expected_output(r_code), r=True)
        if len(ours) != len(theirs) or not all(agree(a, b) for a, b in zip(ours, theirs)):
            failures.append("%s:%d: Python prints %s, R %s" % (readme.name, line, ours, theirs))
    assert not failures, "\n".join(failures)


def test_the_numbers_of_r_and_python_printouts_are_read_alike():
    r = "   setosa versicolor\n1   0.995      0.004\n2   0.012      0.866\n"
    assert printed_numbers(r, r=True) == printed_numbers("array([[0.995, 0.004],\n       [0.012, 0.866]])")
    # a named vector keeps its values; R's [1] goes
    assert printed_numbers("  epochs   loss\n200.0000 0.1596\n", r=True) == ["200.0000", "0.1596"]
    assert printed_numbers("[1] TRUE 3", r=True) == ["1", "3"]
    assert agree("1.3709584", "1.37095845") and agree("0.9333333", "0.9333333333333333") and agree("1", "1.0")
    assert not agree("0.9958", "0.9957") and not agree("1.503", "1.5041") and not agree("1", "1.5")


def test_the_convention_is_checked_both_ways(tmp_path):
    # A wrong expectation fails and a right one passes, in both languages.
    assert run_python("x = 2\nx + 1\n#> 3\n") == expected_output("x = 2\nx + 1\n#> 3\n")
    assert run_python("print('a')\n#> b\n") != expected_output("print('a')\n#> b\n")
    ok, wrong = "x <- 2\nx + 1\n#> [1] 3\n", "x <- 2\nx + 1\n#> [1] 4\n"
    results = run_r([ok, wrong, "stop('no')\n"], tmp_path)
    assert results[0] == (expected_output(ok), None)
    assert results[1][0] != expected_output(wrong)
    assert results[2][1] == "no\n"
    # A block is fenced ```r; ```r-norun and ```sh are not run.
    readme = tmp_path / "README.md"
    readme.write_text("```r\n1\n```\n\n```r-norun\nbroken(\n```\n\n| a |\n\n  ```python\n  1\n  ```\n```sh\nls\n```\n")
    assert [(lang, line) for lang, line, _ in blocks(readme)] == [("r", 1), ("python", 11)]
