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
from typing import Any, Callable, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])

# Rows of a crossprod's operands multiplied at once in exact mode: about a
# million long doubles of products, so memory stays bounded for any n.
EXACT_BLOCK = 1 << 20
DBL_MAX = np.longdouble(np.finfo(np.float64).max)


def quiet(f: F) -> F:
    """Run `f` with numpy's floating-point warnings off: a value too large for a double becomes Inf or NaN quietly,
    as in R, and the convergence rules report a loss that is not finite.

    The public functions and methods that compute are wrapped; the core
    then need not enter numpy's error state at every operation.
    """
    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(all="ignore"):
            return f(*args, **kwargs)
    return wrapped  # type: ignore[return-value]


def matmul(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return A @ B, (n, k) @ (k, m)."""
    if not exact:
        return A @ B
    # R's simple_matprod: for each (i, j), a long double sum that starts at
    # +0 and adds the double products A[i, k] * B[k, j] in the order of k.
    # Here the sums run over k for all (i, j) at once, so memory stays one
    # (n, m) long double whatever k is, never n * k * m values.
    if A.shape[1] == 1:
        # One product: +0 + p in long double, rounded back, is p, except
        # that -0 becomes +0; adding +0 in double does the same.
        return A * B + 0.0
    acc = np.zeros((A.shape[0], B.shape[1]), dtype=np.longdouble)
    for k in range(A.shape[1]):
        acc += A[:, k, None] * B[None, k, :]
    return acc.astype(np.float64)


def crossprod(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return t(A) @ B, (n, k) and (n, m) to (k, m), without building t(A)."""
    if not exact:
        return A.T @ B
    # R's simple_crossprod: for each (i, j), the products A[r, i] * B[r, j]
    # added in the order of the rows r. They are laid out (k, m, rows), so
    # that each sum runs along contiguous memory, and cumsum adds one term
    # after another (np.sum would add pairwise); blocks of rows bound the
    # memory, and each block starts from the total the previous one carried.
    k, m = A.shape[1], B.shape[1]
    rows = max(1, EXACT_BLOCK // max(1, k * m))
    acc = np.zeros((k, m), dtype=np.longdouble)
    for start in range(0, A.shape[0], rows):
        a, b = A[start:start + rows].T, B[start:start + rows].T
        products = (a[:, None, :] * b[None, :, :]).astype(np.longdouble)
        products[:, :, 0] += acc
        acc = np.cumsum(products, axis=2, out=products)[:, :, -1]
    return acc.astype(np.float64)


def tcrossprod(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return A @ t(B), (n, k) and (m, k) to (n, m)."""
    if not exact:
        return A @ B.T
    return matmul(A, B.T, exact=True)


def col_sums(M: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return the sum of each column of M, (n, k), as a (1, k) row."""
    if not exact:
        return M.sum(axis=0, keepdims=True)
    return np.cumsum(M.astype(np.longdouble), axis=0)[-1:].astype(np.float64)


def row_sums(M: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return the sum of each row of M, (n, k), as an (n, 1) column."""
    if not exact:
        return M.sum(axis=1, keepdims=True)
    return np.cumsum(M.astype(np.longdouble), axis=1)[:, -1:].astype(np.float64)


def total(M: np.ndarray, exact: bool = False) -> float:
    """Return the sum of all the values of M."""
    if not exact:
        return float(np.sum(M))
    # R's sum() runs down the columns, one after another, and returns
    # +-Inf for a long double total beyond the largest double, where a plain
    # rounding could give the largest double.
    s = np.cumsum(M.astype(np.longdouble).ravel(order="F"))[-1] if M.size else np.longdouble(0)
    if s > DBL_MAX:
        return math.inf
    if s < -DBL_MAX:
        return -math.inf
    return float(s)


def exp(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return exp(x), element by element; inf where it overflows, with no warning."""
    if not exact:
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


def sqrt(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return the square root of x, element by element; correctly rounded in every mode, as R's sqrt() is."""
    return np.sqrt(x)


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
