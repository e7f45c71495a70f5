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

Exact mode is the only place where this module differs from plain numpy;
no other module knows which mode it runs in.
"""

from __future__ import annotations

import math

import numpy as np

# Rows of a crossprod's operands multiplied at once in exact mode: about a
# million long doubles of products, so memory stays bounded for any n.
EXACT_BLOCK = 1 << 20


def matmul(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return A @ B, (n, k) @ (k, m)."""
    if not exact:
        return A @ B
    # R's simple_matprod: for each (i, j), the products A[i, k] * B[k, j]
    # in the order of k. Here the sums run over k for all (i, j) at once.
    acc = np.zeros((A.shape[0], B.shape[1]), dtype=np.longdouble)
    for k in range(A.shape[1]):
        acc += np.multiply.outer(A[:, k], B[k, :])
    return acc.astype(np.float64)


def crossprod(A: np.ndarray, B: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return t(A) @ B, (n, k) and (n, m) to (k, m), without building t(A)."""
    if not exact:
        return A.T @ B
    # The sums run over the n rows, in order, block by block: cumsum adds
    # one term after another, and the carried total starts each block.
    k, m = A.shape[1], B.shape[1]
    rows = max(1, EXACT_BLOCK // max(1, k * m))
    acc = np.zeros((k, m), dtype=np.longdouble)
    for start in range(0, A.shape[0], rows):
        products = (A[start:start + rows, :, None] * B[start:start + rows, None, :]).astype(np.longdouble)
        products[0] += acc
        acc = np.cumsum(products, axis=0)[-1]
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
    # R's sum() runs down the columns, one after another.
    return float(np.cumsum(M.astype(np.longdouble).ravel(order="F"))[-1])


def exp(x: np.ndarray, exact: bool = False) -> np.ndarray:
    """Return exp(x), element by element; inf where it overflows, with no warning."""
    if not exact:
        with np.errstate(over="ignore"):
            return np.exp(x)
    # math.exp raises where C's exp returns inf: those x are above
    # log(DBL_MAX) = 709.78..., and take numpy's inf.
    big = x > 709.0
    y = c_library(math.exp, np.where(big, 0.0, x))
    if np.any(big):
        with np.errstate(over="ignore"):
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
