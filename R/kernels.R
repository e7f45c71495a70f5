# The network's reductions and elementwise functions, in two modes. Twin of
# python/src/nnscratch/kernels.py.
#
# Every sum the network takes goes through `kernels`: the matrix products,
# the column sums of the bias updates, the row sums of softmax and the loss.
#
# - Default mode (`exact = FALSE`): R's own `%*%`, `crossprod()` and
#   `tcrossprod()` (BLAS, with R's default `matprod`), `colSums()`,
#   `rowSums()` and `sum()`.
# - Exact mode (`exact = TRUE`): one order for every sum. The products use
#   R's internal triple loop, `options(matprod = "internal")`, set for the
#   product alone and restored afterwards, also on error: each product of two
#   doubles is rounded to double, the products are added one after another in
#   long double, and the sum is rounded to double. colSums(), rowSums() and
#   sum() already add in that order. exp, tanh and log are the C library's in
#   both modes. Python's exact mode adds in the same order and calls the
#   same C functions, so the two languages give the same bits. Square roots
#   and powers are the same in both modes: R's and Python's agree bit for
#   bit (see `sqrt` and `power` below).
#
# Exact mode is the only place where this file's two modes differ; no other
# file knows which mode it runs in.
#
# Python's quiet() turns numpy's floating-point warnings off around its
# public functions; R's arithmetic overflows to Inf and NaN without a
# warning, so it has no twin here.

kernels <- list(
  # A %*% B, n x k by k x m
  matmul = function(A, B, exact = FALSE) {
    if (exact) with_internal_matprod(A %*% B) else A %*% B
  },
  # t(A) %*% B, n x k and n x m to k x m, without building t(A)
  crossprod = function(A, B, exact = FALSE) {
    if (exact) with_internal_matprod(base::crossprod(A, B)) else base::crossprod(A, B)
  },
  # A %*% t(B), n x k and m x k to n x m
  tcrossprod = function(A, B, exact = FALSE) {
    if (exact) with_internal_matprod(base::tcrossprod(A, B)) else base::tcrossprod(A, B)
  },
  # The sum of each column of M, one per column (.colSums() is colSums()
  # without its checks, which cost more than the sums of a small matrix)
  col_sums = function(M, exact = FALSE) {
    d <- dim(M)
    .colSums(M, d[1L], d[2L])
  },
  # The sum of each row of M, one per row
  row_sums = function(M, exact = FALSE) {
    d <- dim(M)
    .rowSums(M, d[1L], d[2L])
  },
  # The sum of all the values of M, down the columns
  total = function(M, exact = FALSE) sum(M),
  exp = function(x, exact = FALSE) base::exp(x),
  tanh = function(x, exact = FALSE) base::tanh(x),
  log = function(x, exact = FALSE) base::log(x),
  # The square root of x, element by element; correctly rounded in every
  # mode (IEEE 754 requires it of sqrt), so numpy's gives the same bits
  sqrt = function(x, exact = FALSE) base::sqrt(x),
  # x ^ y for two numbers, as R's arithmetic computes it (R_pow in
  # arithmetic.c): x * x for y = 2, 1 for 1 ^ y and x ^ 0, else the C
  # library's pow(). Python's kernels.power() is written to follow those
  # rules and calls the same pow() (math.pow), so the bits agree, although
  # pow() need not be correctly rounded. y is taken as a double, as
  # math.pow() takes it.
  power = function(x, y, exact = FALSE) x^as.double(y)
)

# Evaluate `expr` (a promise, so it runs here) with R's internal matrix
# product, and put the user's setting back afterwards.
with_internal_matprod <- function(expr) {
  old <- options(matprod = "internal")
  on.exit(options(old))
  expr
}
