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

from parity import EXACT, LOCKSTEP, QUANTITIES, RECORDS, summarise

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


def exact_table(exact):
    """Return the exact-mode table: per scenario, the values compared and the share that hold the same bits."""
    scenarios = list(dict.fromkeys(s for s, _ in exact))
    lines = [
        "| scenario | values compared | bit-identical |",
        "|---|---:|---:|",
    ]
    total, same = 0, 0
    for s in scenarios:
        a = np.concatenate([p[0] for k, v in exact.items() if k[0] == s for p in v])
        b = np.concatenate([p[1] for k, v in exact.items() if k[0] == s for p in v])
        n_same = int(np.sum(a.view(np.int64) == b.view(np.int64)))
        total += a.size
        same += n_same
        lines.append("| %s | %d | %s |" % (s, a.size, share(n_same, a.size)))
    lines.append("| **all** | **%d** | **%s** |" % (total, share(same, total)))
    return "\n".join(lines)


def share(same, n):
    """Return a share as a percentage that reads 100% only when every value is the same."""
    if same == n:
        return "100%"
    return "%.4f%%" % min(99.9999, 100 * same / n)


def lockstep_table(records, lockstep):
    """Return the default mode's summary: per scenario, the largest difference of one step taken from R's
    weights (lockstep) beside the largest difference of the two trajectories."""
    lines = [
        "| scenario | epochs stepped | values | lockstep max \\|Δ\\| | trajectory max \\|Δ\\| |",
        "|---|---:|---:|---:|---:|",
    ]
    scenarios = list(dict.fromkeys([s for s, _ in records] + list(lockstep)))
    for s in scenarios:
        pairs_ = [p for k, v in records.items() if k[0] == s for p in v]
        trajectory = format_number(summarise(pairs_)["max_abs"]) if pairs_ else "-"
        step = lockstep.get(s)
        lines.append("| %s | %s | %s | %s | %s |" % (
            s, step["epochs"] if step else "-", step["values"] if step else "-",
            format_number(step["max_abs"]) if step else "-", trajectory))
    if lockstep:
        worst = max(lockstep.values(), key=lambda v: v["max_abs"])
        lines.append("")
        lines.append("Largest lockstep difference of the whole run: %s, over %d steps."
                     % (format_number(worst["max_abs"]), sum(v["epochs"] for v in lockstep.values())))
    return "\n".join(lines)


def render(records, exact=None, lockstep=None):
    exact = EXACT if exact is None else exact
    lockstep = LOCKSTEP if lockstep is None else lockstep
    parts = [
        "# R against Python: parity report",
        "",
        machine(),
        "",
    ]
    if exact:
        parts += [
            "## Exact mode (`exact = TRUE`): bit for bit",
            "",
            "Every traced epoch's intermediates of every layer, the loss of every epoch,",
            "the final weights and the predictions, R against Python with no tolerance:",
            "a value counts as identical only when its 64 bits are the same.",
            "",
            exact_table(exact),
            "",
        ]
    parts += [
        "## Default mode: within 1e-12",
        "",
        "Lockstep: for every epoch, Python takes that epoch's step from the weights R",
        "reached, and its updated weights and loss (and, at the traced epochs, every",
        "intermediate) are compared with R's. The trajectory column compares the two",
        "languages' own runs (moons up to epoch 3800, where they part; see",
        "test_parity_scenarios.py).",
        "",
        lockstep_table(records, lockstep),
        "",
        "Every traced epoch (1 to 10, every 100th, the last) of every intermediate,",
        "the loss of every epoch, and the predictions of the trained network.",
        "max |Δ| is the largest absolute difference; ULPs count the float64 values",
        "between the R and the Python number.",
        "",
        table(records),
        "",
    ]
    return "\n".join(parts)


def write_report(records=RECORDS, path=REPORT, exact=None, lockstep=None):
    """Write the report to `path` and return its text."""
    text = render(records, exact, lockstep)
    path.write_text(text)
    return text


if __name__ == "__main__":
    import pytest

    sys.exit(pytest.main(["-q", str(Path(__file__).resolve().parent)]))
