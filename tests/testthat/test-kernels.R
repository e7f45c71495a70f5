# Exact mode's kernels against an independent computation. R's sum() adds
# one value after another in long double, from 0, and rounds the total to
# double: the order exact mode promises for every product and sum. So each
# entry of an exact product is checked against sum() of its double products,
# a different code path (rsum, not the matrix product's loop).

draws <- function(n, m) {
  # values over many magnitudes, so that sums cancel and round often
  matrix(rnorm(n * m) * 10^sample(-8:8, n * m, replace = TRUE), n, m)
}

by_hand_matmul <- function(A, B) {
  out <- matrix(0, nrow(A), ncol(B))
  for (i in seq_len(nrow(A))) for (j in seq_len(ncol(B))) out[i, j] <- sum(A[i, ] * B[, j])
  out
}

test_that("exact products add their double products in order, in long double", {
  set.seed(1)
  for (shape in list(c(5, 7, 3), c(1, 12, 1), c(6, 1, 4), c(4, 2, 9))) {
    A <- draws(shape[1], shape[2])
    B <- draws(shape[2], shape[3])
    expect_identical(kernels$matmul(A, B, exact = TRUE), by_hand_matmul(A, B))
    expect_identical(kernels$crossprod(t(A), B, exact = TRUE), by_hand_matmul(A, B))
    expect_identical(kernels$tcrossprod(A, t(B), exact = TRUE), by_hand_matmul(A, B))
  }
})

test_that("exact sums are sum() of each column, each row, and of everything down the columns", {
  set.seed(2)
  C <- draws(6, 4)
  expect_identical(kernels$col_sums(C, exact = TRUE), apply(C, 2, sum))
  expect_identical(kernels$row_sums(C, exact = TRUE), apply(C, 1, sum))
  expect_identical(kernels$total(C, exact = TRUE), sum(as.vector(C)))
})

test_that("the long double keeps what a double sum loses", {
  # 1e16 + 1 needs 54 bits: a double sum drops the 1, long double keeps it.
  A <- matrix(c(1, 1, 1), 1)
  B <- matrix(c(1e16, 1, -1e16))
  expect_identical((1e16 + 1) - 1e16, 0)
  expect_identical(kernels$matmul(A, B, exact = TRUE), matrix(1))
  expect_identical(kernels$crossprod(B, matrix(1, 3, 1), exact = TRUE), matrix(1))
})

test_that("exact mode sets the internal product for the product alone, and restores it on error", {
  old <- options(matprod = "blas")
  on.exit(options(old))
  kernels$matmul(diag(2), diag(2), exact = TRUE)
  expect_identical(getOption("matprod"), "blas")
  expect_error(kernels$matmul(diag(2), diag(3), exact = TRUE))
  expect_identical(getOption("matprod"), "blas")
})

test_that("a sum starts from +0, so a product of -0 gives +0", {
  out <- kernels$matmul(matrix(-0), matrix(c(1, -1), 1), exact = TRUE)
  # 1 / +0 is Inf, 1 / -0 is -Inf
  expect_identical(1 / out, matrix(Inf, 1, 2))
})

test_that("powers are R's arithmetic: a product for a square, 1 for 1 ^ y and x ^ 0, pow() otherwise", {
  x <- c(0.9, 0.999, 1e-3, 2.5)
  for (v in x) {
    expect_identical(kernels$power(v, 2), v * v)
    expect_identical(kernels$power(v, 0), 1)
    expect_identical(kernels$power(v, 7L), v^7)
  }
  expect_identical(kernels$power(1, NaN), 1)
  # the square root is correctly rounded: its square's neighbours are farther
  r <- kernels$sqrt(2)
  expect_lte(abs(r * r - 2), abs((r + 2^-52) * (r + 2^-52) - 2))
})
