"""The network's reductions and elementwise functions, in two modes. Twin of R/kernels.R.

Every sum the network takes goes through this module: the matrix products,
the column sums of the bias updates, the row sums of softmax and the loss.

- Default mode (``exact=False``): BLAS products and numpy's sums. Fast, and
  equal to R's default mode within rounding (about 1e-14 per value): BLAS
  and numpy add in orders of their own choosing.
- Exact mode (``exact=True``): one order for every sum, R's. Each product of
  two doubles is rounded to double, the products are added one after
  another in ``long double``, and the sum is rounded to double, as R's
  internal matrix product (``options(matprod = "internal")``), ``colSums``,
  ``rowSums`` and ``sum`` do; and exp, tanh and log are the C library's
  (Python's ``math``), as R's are. R and Python then give the same bits,
  whatever BLAS or thread count either uses. Exact mode needs ``long
  double`` to be the same type in both languages (x87 80-bit on x86-64
  Linux); where numpy's longdouble is plain double (e.g. Windows, macOS on
  arm64), the sums still have one order but R's may be wider.

Why exact mode calls ``math.exp`` value by value rather than ``np.exp``:
numpy picks its exp, tanh and log at import from the processor's features.
On a processor with AVX-512 it runs its own vectorised loops, and on such a
machine (numpy 2.4, glibc 2.36) ``np.exp`` differed from the C library's
exp in the last bit on 4.5% of a million uniform draws, ``np.tanh`` on
up to 47% and ``np.log`` on 0.4%. A check at import on a sample could only
show that the two agree on that sample, not on every double, so exact mode
does not rely on one: it always calls ``math``, whose functions are the C
library's, as R's are. That costs about 60 ns a value; the full moons run
(10000 epochs, 1000 x 10 sigmoids each) takes about 15 s, well within
budget.

Exact mode is the only place where this module differs from plain numpy;
no other module knows which mode it runs in.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable, Optional, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])

# Exact mode works on blocks of about EXACT_BLOCK values (2^15: half a MB
# of long doubles), so that memory stays bounded for any n and a block's
# products and sums stay in the processor's cache. On the benchmark's large
# case (n = 100000, 20 inputs, 64 units), t(X) %*% delta took 2.3 s as a
# cumulative sum over blocks of 2^20 products and takes 0.78 s in these
# blocks, X %*% W 1.1 s and 0.79 s, the column sums of delta 0.43 s and
# 0.03 s.
EXACT_BLOCK = 1 << 15
DBL_MAX = np.longdouble(np.finfo(np.float64).max)
# How many calls of quiet() are running: inside one, numpy's warnings are
# already off, and exp() need not turn them off again.
QUIET = [0]


def quiet(f: F) -> F:
    """Run `f` with numpy's floating-point warnings off: a value too large for a double becomes Inf or NaN quietly,
    as in R, and the convergence rules report a loss that is not finite.

    The public functions and methods that compute are wrapped; the core
    then need not enter numpy's error state at every operation.
    """
    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        QUIET[0] += 1
        try:
            with np.errstate(all="ignore"):
                return f(*args, **kwargs)
        finally:
            QUIET[0] -= 1
    return wrapped  # type: ignore[return-value]


def matmul(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return A @ B, (n, k) @ (k, m)."""
    if not exact:
        return np.dot(A, B)
    # R's simple_matprod: for each (i, j), a long double sum that starts at
    # +0 and adds the double products A[i, k] * B[k, j] in the order of k.
    # Here the sums run over k for all (i, j) of a block of rows at once, so
    # memory stays one block of long doubles whatever n and k are.
    if A.shape[1] == 1:
        # One product: +0 + p in long double, rounded back, is p, except
        # that -0 becomes +0; adding +0 in double does the same.
        return A * B + 0.0
    n, m = A.shape[0], B.shape[1]
    out = np.empty((n, m))
    rows = max(1, EXACT_BLOCK // max(1, m))
    acc = np.empty((min(rows, n), m), dtype=np.longdouble)
    product = np.empty((min(rows, n), m))
    for start in range(0, n, rows):
        a = A[start:start + rows].T.copy()
        s, p = acc[:a.shape[1]], product[:a.shape[1]]
        s[...] = 0
        for k in range(a.shape[0]):
            np.multiply(a[k, :, None], B[None, k, :], out=p)
            s += p
        out[start:start + a.shape[1]] = s
    return out


def crossprod(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return t(A) @ B, (n, k) and (n, m) to (k, m), without building t(A)."""
    if not exact:
        return np.dot(A.T, B)
    # R's simple_crossprod: for each (i, j), the products A[r, i] * B[r, j]
    # added in the order of the rows r. A block of rows' products are laid
    # out one row of (i, j) per r, and added to the running sums row after
    # row (added_rows).
    k, m = A.shape[1], B.shape[1]
    rows = max(1, EXACT_BLOCK // max(1, k * m))
    acc = np.zeros(k * m, dtype=np.longdouble)
    for start in range(0, A.shape[0], rows):
        a, b = A[start:start + rows], B[start:start + rows]
        acc = added_rows(acc, (a[:, :, None] * b[:, None, :]).reshape(a.shape[0], k * m))
    return acc.reshape(k, m).astype(np.float64)


def added_rows(acc: np.ndarray, M: np.ndarray) -> np.ndarray:
    """Return acc + M[0] + M[1] + ..., one row after another, in long double: acc (k,), M (rows, k) of doubles.

    The rows are stacked under acc and reduced down the columns: numpy adds
    a column's values in order when the columns are the inner loop (it adds
    pairwise only along the inner loop), so with one column the values are
    added by cumsum, whose order is its definition.
    """
    if M.shape[1] == 1:
        return np.cumsum(np.concatenate([acc, M[:, 0].astype(np.longdouble)]))[-1:]
    stacked = np.empty((M.shape[0] + 1, M.shape[1]), dtype=np.longdouble)
    stacked[0] = acc
    stacked[1:] = M
    return np.add.reduce(stacked, axis=0)


def tcrossprod(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return A @ t(B), (n, k) and (m, k) to (n, m)."""
    if not exact:
        return np.dot(A, B.T)
    return matmul(A, B.T, exact=True)


def col_sums(M: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return the sum of each column of M, (n, k), as a (1, k) row."""
    if not exact:
        return np.add.reduce(M, axis=0, keepdims=True)
    # down each column in the order of the rows, a block of rows at a time
    rows = max(1, EXACT_BLOCK // max(1, M.shape[1]))
    acc = np.zeros(M.shape[1], dtype=np.longdouble)
    for start in range(0, M.shape[0], rows):
        acc = added_rows(acc, M[start:start + rows])
    return acc.astype(np.float64)[None, :]


def row_sums(M: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return the sum of each row of M, (n, k), as an (n, 1) column."""
    if not exact:
        return np.add.reduce(M, axis=1, keepdims=True)
    # from +0, as R's sums start: a row of -0 sums to +0
    start = np.zeros((M.shape[0], 1), dtype=np.longdouble)
    return np.cumsum(np.concatenate([start, M], axis=1), axis=1)[:, -1:].astype(np.float64)


def total(M: np.ndarray, exact: bool = False) -> float:
    """Return the sum of all the values of M."""
    if not exact:
        return float(np.add.reduce(M, axis=None))
    # R's sum() runs down the columns, one after another, from +0, and returns
    # +-Inf for a long double total beyond the largest double, where a plain
    # rounding could give the largest double.
    s = np.cumsum(np.concatenate([[np.longdouble(0)], M.ravel(order="F")]))[-1]
    if s > DBL_MAX:
        return math.inf
    if s < -DBL_MAX:
        return -math.inf
    return float(s)


def exp(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return exp(x), element by element; inf where it overflows, with no warning."""
    if not exact:
        if QUIET[0]:
            return np.exp(x)
        with np.errstate(over="ignore"):
            return np.exp(x)
    # math.exp raises where C's exp returns inf: those x are above
    # log(DBL_MAX) = 709.78..., and are sent one by one to c_exp.
    big = x > 709.0
    y = c_library(math.exp, np.minimum(x, 709.0))
    if np.any(big):
        y[big] = [c_exp(v) for v in x[big].tolist()]
    return y


def tanh(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return tanh(x), element by element."""
    return c_library(math.tanh, x) if exact else np.tanh(x)


def log(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return log(x), element by element, for x > 0."""
    return c_library(math.log, x) if exact else np.log(x)


def c_library(f: object, x: np.ndarray) -> np.ndarray:
    """Apply a function of ``math`` (the C library's) to every value of x."""
    x = np.asarray(x, dtype=np.float64)
    return np.fromiter(map(f, x.ravel().tolist()), dtype=np.float64, count=x.size).reshape(x.shape)  # type: ignore[call-overload]


def c_exp(v: float) -> float:
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


def sqrt(x: np.ndarray, exact: bool = False, out: Optional[np.ndarray] = None) -> np.ndarray:
    """Return the square root of x, element by element, written into `out` when given; correctly rounded in every
    mode, as R's sqrt() is."""
    return np.sqrt(x, out=out)


def power(x: float, y: float, exact: bool = False) -> float:
    """Return x ** y for two numbers, as R's x ^ y computes it (R_pow in R's arithmetic.c).

    R squares by a product, returns 1 for 1 ^ y and x ^ 0, and otherwise
    calls the C library's pow(), which Python's math.pow also calls; so the
    two languages give the same bits, although pow() need not be correctly
    rounded.
    """
    if y == 2.0:
        return x * x
    if x == 1.0 or y == 0.0:
        return 1.0
    return math.pow(x, y)
