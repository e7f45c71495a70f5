test_that("article_r draws rnorm, runif, rnorm, runif in the article's order", {
  set.seed(7)
  wh <- matrix(rnorm(8), 4, 2)
  bh <- runif(2)
  wout <- matrix(rnorm(2), 2, 1)
  bout <- runif(1)
  p <- init_params(4, 2, 1, seed = 7)
  expect_identical(p$wh, wh)
  expect_identical(p$bh, matrix(bh, 1))
  expect_identical(p$wout, wout)
  expect_identical(p$bout, matrix(bout, 1))
})

test_that("a seed leaves the user's random stream alone", {
  set.seed(1)
  before <- runif(1)
  set.seed(1)
  init_params(4, 3, 1, seed = 99)
  expect_identical(runif(1), before)
})

test_that("numpy_uniform reproduces numpy's legacy generator", {
  # np.random.RandomState(42).uniform(size=3) and RandomState(0), as printed
  # by numpy with repr (shortest round-trip digits)
  expect_identical(numpy_uniform(3, 42), c(0.3745401188473625, 0.9507143064099162, 0.7319939418114051))
  expect_identical(numpy_uniform(2, 0), c(0.5488135039273248, 0.7151893663724195))
  expect_identical(numpy_uniform(0, 1), numeric(0))
})

test_that("article_numpy fills numpy's arrays row by row, in the script's order", {
  p <- init_params(4, 3, 1, seed = 42, scheme = "article_numpy")
  u <- numpy_uniform(19, 42)
  expect_identical(p$wh, matrix(u[1:12], 4, 3, byrow = TRUE))
  expect_identical(p$bh, matrix(u[13:15], 1))
  expect_identical(p$wout, matrix(u[16:18], 3, 1))
  expect_identical(p$bout, matrix(u[19], 1))
})

test_that("bad arguments are errors that name them", {
  expect_error(init_params(0, 3, 1), "`n_input` must be a whole number from 1 to 2147483647, not 0.", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, scheme = "x"), "`scheme` must be \"article_r\", \"article_numpy\", \"glorot_r\"", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, activation = "softmax"), "`activation` must be \"sigmoid\", \"tanh\", \"relu\" or \"identity\", or one of them per hidden layer (1), not \"softmax\".", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, seed = -1, scheme = "sklearn"), "`seed` must be NULL or a whole number from 0 to 4294967295 for scheme \"sklearn\", not -1.", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, seed = 1.5), "`seed` must be NULL or a whole number from -2147483647 to 2147483647 for scheme \"article_r\", not 1.5.", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, seed = 2^31), "from -2147483647 to 2147483647", class = "nnscratch_error", fixed = TRUE)
  expect_error(init_params(4, 3, 1, seed = -1, scheme = "article_numpy"), "`seed` must be NULL or a whole number from 0 to 4294967295 for scheme \"article_numpy\", not -1.", class = "nnscratch_error", fixed = TRUE)
  expect_error(numpy_uniform(3, -1), "`seed` must be a whole number from 0 to 2^32 - 1, not -1.", class = "nnscratch_error", fixed = TRUE)
})

test_that("without a seed, R's schemes draw from the current stream, and numpy's from a seed drawn there", {
  set.seed(3)
  a <- init_params(4, 3, 1)
  set.seed(3)
  wh <- matrix(rnorm(12), 4, 3)
  expect_identical(a$wh, wh)
  set.seed(3)
  b <- init_params(4, 3, 1, scheme = "article_numpy")
  set.seed(3)
  seed <- floor(runif(1) * 2^32)
  expect_identical(b$wh, matrix(numpy_uniform(12, seed), 4, 3, byrow = TRUE))
})
