test_that("the Mersenne Twister words are the reference ones", {
  # mt19937ar.c's genrand_int32() after init_genrand(5489), its default seed
  expect_identical(mt19937_words(4, 5489), c(3499211612, 581869302, 3890346734, 3586334585))
  # init_genrand by hand: mt[1] = 1812433253 * (1 xor (1 >> 30)) + 1
  expect_identical(init_genrand(1)[1:2], c(1, 1812433254))
  expect_identical(init_genrand(2^32 - 1)[1], 2^32 - 1)
})

test_that("numpy_uniform matches numpy's printed values", {
  # Python: [repr(float(v)) for v in np.random.RandomState(s).uniform(size=3)]
  # for s = 5489, 2**31 and 2**32 - 1
  expect_identical(numpy_uniform(3, 5489), c(0.8147236863931789, 0.9057919370756192, 0.12698681629350606))
  expect_identical(numpy_uniform(3, 2^31), c(0.15200287353446562, 0.8205427554297966, 0.7754982870984906))
  expect_identical(numpy_uniform(3, 2^32 - 1), c(0.0976320289940138, 0.9123828453026218, 0.78903530185164))
  # Python: np.random.RandomState(1).uniform(size=700)[[311, 312, 699]];
  # the 313th double takes the first two words after the key is twisted again
  expect_identical(numpy_uniform(700, 1)[c(312, 313, 700)], c(0.9096355249515571, 0.2571182937821962, 0.2867116496064306))
})

test_that("numpy_uniform draws doubles in [0, 1) on a 2^-53 grid", {
  u <- numpy_uniform(10000, 3)
  expect_true(all(u >= 0 & u < 1))
  expect_identical(u * 2^53, floor(u * 2^53))
})

test_that("a key word of 2^31 is taken without a warning", {
  # init_genrand(2^31) starts its key with 2^31, NA_integer_'s bit pattern
  expect_no_warning(numpy_uniform(1, 2^31))
})

test_that("numpy_uniform leaves R's random stream alone", {
  set.seed(1)
  before <- runif(2)
  set.seed(1)
  numpy_uniform(5, 42)
  expect_identical(runif(2), before)
  old <- .Random.seed
  rm(".Random.seed", envir = globalenv())
  numpy_uniform(5, 42)
  expect_false(exists(".Random.seed", globalenv()))
  assign(".Random.seed", old, globalenv())
})

test_that("bad arguments are errors that name them", {
  expect_error(numpy_uniform(-1, 1), "`n` must be a whole number from 0 to 2147483647, not -1.", class = "nnscratch_error", fixed = TRUE)
  expect_error(numpy_uniform(2.5, 1), "`n` must be a whole number from 0 to 2147483647, not 2.5.", class = "nnscratch_error", fixed = TRUE)
  expect_error(numpy_uniform(3, 2^32), "`seed` must be a whole number from 0 to 2^32 - 1, not 4294967296.", class = "nnscratch_error", fixed = TRUE)
  expect_error(numpy_uniform(3, NA), "`seed` must be a whole number from 0 to 2^32 - 1, not NA.", class = "nnscratch_error", fixed = TRUE)
})

test_that("with_random runs code from a seed or a saved state and leaves the user's stream alone", {
  set.seed(1)
  before <- .Random.seed
  run <- nnscratch:::with_random(runif(3), seed = 7)
  expect_identical(.Random.seed, before)
  set.seed(7)
  expect_identical(run$value, runif(3))
  expect_identical(run$random, .Random.seed)
  # going on from the state it kept draws what an unbroken stream draws
  more <- nnscratch:::with_random(runif(2), random_seed = run$random)
  set.seed(7)
  expect_identical(more$value, runif(5)[4:5])
  # without either, the code draws from the user's stream
  set.seed(1)
  own <- nnscratch:::with_random(runif(1))
  set.seed(1)
  expect_identical(own$value, runif(1))
})
