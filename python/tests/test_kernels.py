"""Exact mode's kernels against an independent computation: long double sums done by hand with fractions.

R's order, which exact mode follows: each product of two doubles is rounded
to double, the products are added one after another, from +0, in x87 long
double (64 significant bits, round half to even), and the sum is rounded to
double. Here that rule is written out with Python's exact fractions, so the
expected values come from the rule, not from the code under test.
"""

import math
import tracemalloc
from fractions import Fraction

import numpy as np
import pytest

from nnscratch import kernels

LONG_DOUBLE_BITS = np.finfo(np.longdouble).nmant + 1
needs_x87 = pytest.mark.skipif(LONG_DOUBLE_BITS != 64, reason="numpy's long double is not x87's 80-bit type here")


def round_bits(x, bits):
    """Round a nonzero Fraction to `bits` significant bits, half to even."""
    if x == 0:
        return x
    sign, x = (-1 if x < 0 else 1), abs(x)
    e = math.floor(math.log2(x))
    # the log of a Fraction can be off by one near a power of two
    while Fraction(2) ** e > x:
        e -= 1
    while Fraction(2) ** (e + 1) <= x:
        e += 1
    scale = Fraction(2) ** (bits - 1 - e)
    return sign * Fraction(round(x * scale)) / scale


def long_double_sum(terms):
    """Add doubles one after another in 64-bit long double, starting from +0, and round the sum to double."""
    s = Fraction(0)
    for t in terms:
        s = round_bits(s + Fraction(t), 64)
    return float(s)


def by_hand_matmul(A, B):
    return np.array([[long_double_sum([a * b for a, b in zip(A[i, :], B[:, j])]) for j in range(B.shape[1])]
                     for i in range(A.shape[0])])


def draws(rng, *shape):
    # Values over many magnitudes, so that sums cancel and round often.
    return rng.normal(size=shape) * 10.0 ** rng.integers(-8, 9, size=shape)


@needs_x87
def test_products_and_sums_follow_rs_order_in_long_double():
    rng = np.random.default_rng(1)
    for n, k, m in [(5, 7, 3), (1, 12, 1), (6, 1, 4), (4, 2, 9)]:
        A, B = draws(rng, n, k), draws(rng, k, m)
        np.testing.assert_array_equal(kernels.matmul(A, B, exact=True), by_hand_matmul(A, B))
        C = draws(rng, n, m)
        np.testing.assert_array_equal(kernels.crossprod(A.T.copy(), B, exact=True), by_hand_matmul(A, B))
        np.testing.assert_array_equal(kernels.tcrossprod(A, B.T.copy(), exact=True), by_hand_matmul(A, B))
        np.testing.assert_array_equal(kernels.col_sums(C, exact=True)[0], [long_double_sum(C[:, j]) for j in range(m)])
        np.testing.assert_array_equal(kernels.row_sums(C, exact=True)[:, 0], [long_double_sum(C[i, :]) for i in range(n)])
        # sum() runs down the columns
        assert kernels.total(C, exact=True) == long_double_sum(C.ravel(order="F"))


@needs_x87
def test_crossprod_carries_its_sum_from_one_block_of_rows_to_the_next(monkeypatch):
    rng = np.random.default_rng(2)
    A, B = draws(rng, 50, 3), draws(rng, 50, 2)
    expected = by_hand_matmul(A.T.copy(), B)
    monkeypatch.setattr(kernels, "EXACT_BLOCK", 7)
    np.testing.assert_array_equal(kernels.crossprod(A, B, exact=True), expected)


@needs_x87
def test_exact_products_and_column_sums_run_in_blocks_of_rows_with_the_same_order(monkeypatch):
    # Blocks of 7 values: a few rows at a time, the sums carried from one
    # block to the next, in the order of the rows.
    rng = np.random.default_rng(4)
    A, B, C = draws(rng, 23, 3), draws(rng, 3, 2), draws(rng, 23, 4)
    monkeypatch.setattr(kernels, "EXACT_BLOCK", 7)
    np.testing.assert_array_equal(kernels.matmul(A, B, exact=True), by_hand_matmul(A, B))
    np.testing.assert_array_equal(kernels.col_sums(C, exact=True)[0], [long_double_sum(C[:, j]) for j in range(4)])
    np.testing.assert_array_equal(kernels.col_sums(C[:, :1], exact=True)[0], [long_double_sum(C[:, 0])])


def test_exact_sums_of_minus_zeros_are_plus_zero_as_rs():
    # R's sums start from +0, and +0 + -0 is +0.
    Z = -np.zeros((5, 3))
    for value in (kernels.col_sums(Z, exact=True), kernels.row_sums(Z, exact=True), kernels.total(Z, exact=True),
                  kernels.crossprod(-np.ones((5, 2)), np.zeros((5, 2)), exact=True)):
        assert not np.any(np.signbit(value))


def test_the_long_double_keeps_what_a_double_sum_loses():
    # 1e16 + 1 needs 54 bits: a double sum drops the 1, long double keeps it.
    A = np.array([[1.0, 1.0, 1.0]])
    B = np.array([[1e16], [1.0], [-1e16]])
    assert (1e16 + 1.0) - 1e16 == 0.0
    assert kernels.matmul(A, B, exact=True)[0, 0] == 1.0
    assert kernels.total(B, exact=True) == 1.0
    assert kernels.crossprod(B, np.ones((3, 1)), exact=True)[0, 0] == 1.0


def test_a_sum_starts_from_plus_zero_as_rs_does():
    # -0 * 1 is -0; +0 + -0 is +0.
    A, B = np.array([[-0.0]]), np.array([[1.0, -1.0]])
    out = kernels.matmul(A, B, exact=True)
    assert np.all(out == 0) and not np.any(np.signbit(out))
    out = kernels.matmul(np.array([[-0.0, 0.0]]), np.array([[1.0], [-1.0]]), exact=True)
    assert out[0, 0] == 0 and not np.signbit(out[0, 0])


@needs_x87
def test_a_total_beyond_the_largest_double_is_inf_as_in_rs_sum():
    big = np.finfo(np.float64).max
    M = np.array([[big], [2.0 ** 969]])
    # rounding the long double total to double gives the largest double
    assert float(round_bits(Fraction(big) + Fraction(2.0 ** 969), 64)) == big
    assert kernels.total(M, exact=True) == math.inf
    assert kernels.total(-M, exact=True) == -math.inf
    # colSums rounds: no such rule there
    assert kernels.col_sums(M, exact=True)[0, 0] == big


def test_elementwise_functions_are_the_c_librarys():
    x = np.array([[-800.0, -1.0, -0.0, 0.0, 1e-300, 0.5, 709.5, 709.9, 1e308, math.inf, -math.inf]])
    expected = []
    for v in x[0]:
        try:
            expected.append(math.exp(v))
        except OverflowError:
            # C's exp returns inf where Python's math raises
            expected.append(math.inf)
    np.testing.assert_array_equal(kernels.exp(x, exact=True), [expected])
    np.testing.assert_array_equal(kernels.tanh(x, exact=True), [[math.tanh(v) for v in x[0]]])
    p = np.array([1e-300, 0.25, 1.0, 7.0])
    np.testing.assert_array_equal(kernels.log(p, exact=True), [math.log(v) for v in p])
    assert np.isnan(kernels.exp(np.array([math.nan]), exact=True)[0])


def test_exact_products_keep_memory_bounded():
    # A 20000 x 20 by 20 x 64 product: n * p * h doubles would be 205 MB, the
    # result's long double accumulator 20 MB.
    rng = np.random.default_rng(3)
    A, B = rng.normal(size=(20000, 20)), rng.normal(size=(20, 64))
    D = rng.normal(size=(20000, 64))
    tracemalloc.start()
    try:
        kernels.matmul(A, B, exact=True)
        _, peak_matmul = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        kernels.crossprod(A, D, exact=True)
        _, peak_crossprod = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_matmul < 60e6
    assert peak_crossprod < 60e6
