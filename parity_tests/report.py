"""The parity report: how far R and Python are apart, scenario by scenario, quantity by quantity.

conftest.py calls `write_report` at the end of every parity session with what
the tests recorded (parity.RECORDS); it writes parity_report.md at the
repository root and prints it. Run this file to run the suite and so the
report: python parity_tests/report.py
"""

import datetime
import os
import sys
from pathlib import Path

import numpy as np

from parity import QUANTITIES, summarise

REPORT = Path(__file__).resolve().parents[1] / "parity_report.md"


def machine():
    """Return one line naming the machine: cores, R and its BLAS, numpy and its BLAS, the date."""
    import rpy2.robjects as ro

    with ro.default_converter.context():
        r_version = ro.r("paste(R.version$major, R.version$minor, sep = '.')")[0]
        r_blas = ro.r("sessionInfo()$BLAS")[0]
        r_lapack = ro.r("sessionInfo()$LAPACK")[0]
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    np_blas = "%s %s" % (blas.get("name", "?"), blas.get("version", "?"))
    return (
        "Machine: nproc %d; R %s, BLAS %s (LAPACK %s); numpy %s, BLAS %s; "
        "OPENBLAS_NUM_THREADS=%s; %s."
        % (
            os.cpu_count(), r_version, r_blas, r_lapack, np.__version__, np_blas,
            os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
            datetime.date.today().isoformat(),
        )
    )


def format_number(x):
    return "0" if x == 0 else "%.2e" % x


def table(records):
    """Return the markdown table: one row per scenario and quantity, in the order first recorded."""
    scenarios = list(dict.fromkeys(s for s, _ in records))
    lines = [
        "| scenario | quantity | values | max \\|Δ\\| | max \\|Δ\\| (ULPs) | bit-identical |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in scenarios:
        for q in QUANTITIES:
            if (s, q) not in records:
                continue  # bh and bout in a network without biases
            r = summarise(records[s, q])
            lines.append("| %s | %s | %d | %s | %d | %.1f%% |" % (
                s, q, r["n"], format_number(r["max_abs"]), r["max_ulp"], 100 * r["identical"]))
    return "\n".join(lines)


def render(records):
    return "\n".join([
        "# R against Python: parity report",
        "",
        "Every traced epoch (1 to 10, every 100th, the last) of every intermediate,",
        "the loss of every epoch, and the predictions of the trained network.",
        "max |Δ| is the largest absolute difference; ULPs count the float64 values",
        "between the R and the Python number.",
        "",
        machine(),
        "",
        table(records),
        "",
    ])


def write_report(records, path=REPORT):
    """Write the report to `path` and return its text."""
    text = render(records)
    path.write_text(text)
    return text


if __name__ == "__main__":
    import pytest

    sys.exit(pytest.main(["-q", str(Path(__file__).resolve().parent)]))
