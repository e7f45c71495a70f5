"""Drive the installed R package nnscratch from Python through rpy2.

BLAS runs on one thread in both languages: the order of a matrix product's
sums, and so its last bits, can depend on the thread count.
"""

import os

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
import pytest  # noqa: E402

HOW_TO_FIX = (
    "The parity tests need R, the R package nnscratch and rpy2. "
    "Run `make parity` (or `make test`) from the repository root: it installs "
    "R from Debian's packages, installs the R package, and installs the rpy2 "
    "that matches the installed R into .venv."
)


def pytest_configure(config):
    # Many comparisons train a few epochs on purpose; a test that checks a
    # convergence warning catches it with pytest.warns all the same.
    config.addinivalue_line("filterwarnings", "ignore::nnscratch.ConvergenceWarning")


def pytest_sessionstart(session):
    try:
        import rpy2.robjects  # noqa: F401
        from rpy2.robjects.packages import importr

        importr("nnscratch")
    except Exception as e:  # any failure here means the suite cannot run
        pytest.exit("%s\nWhat failed: %s: %s" % (HOW_TO_FIX, type(e).__name__, e), returncode=1)


@pytest.fixture(scope="session")
def r():
    """The R package nnscratch, called under numpy conversion for the whole session."""
    import rpy2.robjects as ro
    from rpy2.robjects import numpy2ri
    from rpy2.robjects.packages import importr

    with (ro.default_converter + numpy2ri.converter).context():
        yield importr("nnscratch")


def to_r(x):
    """Return `x` ready for R: dicts become named lists, lists of dicts lists, strings character
    vectors, None NULL, arrays float64."""
    import rpy2.robjects as ro

    if x is None:
        return ro.NULL
    if isinstance(x, dict):
        return ro.ListVector.from_length(0) if not x else ro.r["list"](**{k: to_r(v) for k, v in x.items()})
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, dict) for v in x):
        # a list of layers: an unnamed R list of lists
        return ro.r("function(...) unname(list(...))")(*[to_r(v) for v in x])
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, str) for v in x):
        return ro.StrVector(x)
    if isinstance(x, np.ndarray) or isinstance(x, (list, tuple)):
        return np.asarray(x, dtype=np.float64)
    return x


def to_py(x):
    """Return an R result as Python: named lists become dicts, unnamed ones lists, NULL None,
    length-1 vectors scalars."""
    import rpy2.rinterface as ri
    from rpy2.rlike import container

    if x is ri.NULL or x is None:
        return None
    if isinstance(x, (bool, int, float, str, np.generic)):
        return x
    # An R list arrives as an OrdDict under rpy2 3.5 (R < 4.5) and as a
    # NamedList, whose items are NamedItems, under rpy2 3.6.
    named_list = tuple(getattr(container, c) for c in ("OrdDict", "NamedList") if hasattr(container, c))
    if isinstance(x, named_list):
        items = [(i.name, i.value) if hasattr(i, "name") else i for i in x.items()]
        # An unnamed R list, such as train()'s trace, has no keys: a list.
        if all(k is None for k, _ in items):
            return [to_py(v) for _, v in items]
        return {str(k): to_py(v) for k, v in items}
    if isinstance(x, np.ndarray):
        return x.item() if x.ndim == 1 and x.size == 1 else x
    names = getattr(x, "names", None)
    names = names() if callable(names) else names
    if names is not None and names is not ri.NULL and hasattr(x, "__iter__"):
        return {str(k): to_py(v) for k, v in zip(names, x)}
    if hasattr(x, "__len__") and len(x) == 1:
        return x[0]
    return [to_py(v) for v in x]


def pytest_terminal_summary(terminalreporter):
    """Write parity_report.md from what the tests compared, and print it."""
    import parity
    import report

    if not (parity.RECORDS or parity.EXACT or parity.LOCKSTEP):
        return
    text = report.write_report(parity.RECORDS, exact=parity.EXACT, lockstep=parity.LOCKSTEP)
    terminalreporter.write_sep("=", "parity report, also in %s" % report.REPORT.name)
    terminalreporter.write_line(text)
