"""Exact mode does not depend on the BLAS or its threads: the same bits with 1 and 2 OpenBLAS threads, and
with R on the reference BLAS.

Each run is a fresh process, since a BLAS reads its thread count, and R
picks its BLAS, when the process starts. R on the reference BLAS: R's
start-up script puts R_LD_LIBRARY_PATH first in the library path, so
pointing it at Debian's reference BLAS (package libblas3, which R's own
package depends on) swaps the BLAS for that one process; the run reports the
BLAS it used, and the test checks it.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REFERENCE_BLAS = Path("/usr/lib/x86_64-linux-gnu/blas")
SRC = Path(__file__).resolve().parents[1] / "python" / "src"

# 50 epochs of three scenarios in exact mode: the loss of every epoch and
# the final weights (column-major, each layer's W then b), all as doubles.
R_RUN = """
library(nnscratch)
values <- numeric()
for (name in c("moons", "blobs_deep", "regression_relu")) {
  s <- load_scenario(name)
  fit <- train(s$init, s$X, s$y, s$lr, 50, activation = s$activation,
    output_activation = s$output_activation, loss = s$loss, decay = s$decay, exact = TRUE)
  values <- c(values, fit$loss, unlist(fit$params))
}
writeBin(values, commandArgs(TRUE)[1])
cat(sessionInfo()$BLAS)
"""

PY_RUN = """
import sys
import numpy as np
import nnscratch as nn
values = []
for name in ("moons", "blobs_deep", "regression_relu"):
    s = nn.load_scenario(name)
    fit = nn.train(s["init"], s["X"], s["y"], s["lr"], 50, activation=s["activation"],
                   output_activation=s["output_activation"], loss=s["loss"], decay=s["decay"], exact=True)
    layers = nn.as_layers(fit["params"])
    values += [fit["loss"]] + [m.ravel(order="F") for layer in layers for m in (layer["W"], layer["b"]) if m is not None]
np.concatenate(values).tofile(sys.argv[1])
"""


def run(cmd, path, **env):
    out = subprocess.run(cmd + [str(path)], env={**os.environ, **env}, capture_output=True, text=True, check=True)
    return np.fromfile(path, dtype=np.float64), out.stdout


def test_exact_mode_gives_the_same_bits_whatever_the_blas_and_its_threads(tmp_path):
    script = tmp_path / "run.R"
    script.write_text(R_RUN)
    runs = {}
    for threads in ("1", "2"):
        runs["R, OpenBLAS %s thread(s)" % threads], blas = run(
            ["Rscript", str(script)], tmp_path / ("r%s.bin" % threads),
            OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads)
        runs["Python, OpenBLAS %s thread(s)" % threads], _ = run(
            [sys.executable, "-c", PY_RUN], tmp_path / ("py%s.bin" % threads),
            OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads,
            PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    if not (REFERENCE_BLAS / "libblas.so.3").exists():
        pytest.fail("Debian's reference BLAS (libblas3) is not in %s; install it with apt-get." % REFERENCE_BLAS)
    runs["R, reference BLAS"], blas = run(["Rscript", str(script)], tmp_path / "ref.bin",
                                          R_LD_LIBRARY_PATH=str(REFERENCE_BLAS))
    assert str(REFERENCE_BLAS) in blas, "R did not switch to the reference BLAS: %s" % blas
    first = runs["R, OpenBLAS 1 thread(s)"]
    assert first.size > 0 and np.all(np.isfinite(first))
    for name, values in runs.items():
        assert values.shape == first.shape, name
        assert np.array_equal(values.view(np.int64), first.view(np.int64)), name
