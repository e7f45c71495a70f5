# The shared random generators in R: R's own (set.seed()), run without
# disturbing the user's random stream, and numpy's legacy generator
# (np.random.seed / np.random.RandomState), so that numpy's draws can be made
# in R bit for bit. Twin of python/src/nnscratch/rrandom.py, which does the
# reverse: R's generator in Python. numpy seeds MT19937 with init_genrand and
# builds each double from two 32-bit words; R's own Mersenne-Twister
# produces the same words once it is handed the same 624-word state through
# .Random.seed.

# Run `code` (a promise, so it runs here) from a state of R's generator, and
# return list(value = its value, random = the .Random.seed it ended with).
# The state is set.seed(seed), with R's default kinds (Mersenne-Twister,
# Inversion, Rejection, which Python's RRandom reproduces), or `random_seed`,
# a .Random.seed kept by an earlier run to go on from; the user's
# .Random.seed is put back afterwards, or removed if there was none. With
# neither, `code` draws from the user's own stream, as R's functions do.
with_random <- function(code, seed = NULL, random_seed = NULL) {
  if (is.null(seed) && is.null(random_seed)) {
    value <- code
    return(list(value = value, random = get0(".Random.seed", globalenv(), inherits = FALSE)))
  }
  old <- get0(".Random.seed", globalenv(), inherits = FALSE)
  on.exit(
    if (is.null(old)) rm(".Random.seed", envir = globalenv())
    else assign(".Random.seed", old, globalenv())
  )
  if (is.null(random_seed)) {
    set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
  } else {
    assign(".Random.seed", random_seed, globalenv())
  }
  value <- code
  list(value = value, random = get(".Random.seed", globalenv()))
}

# R's generator as the schemes draw from it (see R/schemes.R); Python's
# RRandom has the same two methods.
r_stream <- function() {
  list(
    rnorm = function(n) stats::rnorm(n),
    runif = function(n, min = 0, max = 1) stats::runif(n, min, max)
  )
}

# numpy's generator RandomState(seed) as the schemes draw from it: `n`
# numbers drawn at once, then handed out in turn by uniform(size, low, high),
# which returns low + (high - low) * u, as numpy's uniform() computes it.
numpy_stream <- function(seed, n) {
  u <- numpy_uniform(n, seed)
  used <- 0
  list(uniform = function(size, low = 0, high = 1) {
    v <- u[used + seq_len(size)]
    used <<- used + size
    low + (high - low) * v
  })
}

#' Uniform numbers from numpy's legacy generator
#'
#' Returns what `np.random.RandomState(seed).uniform(size = n)` (or
#' `np.random.seed(seed)` followed by `np.random.uniform(size = n)`) returns
#' in Python, bit for bit. R's own random stream is left as it was.
#'
#' @param n How many numbers to draw, a whole number from 0 to 2147483647
#'   (2^31 - 1).
#' @param seed A whole number from 0 to 2^32 - 1, as numpy accepts.
#' @return A numeric vector of length `n` in \[0, 1).
#' @examples
#' numpy_uniform(3, seed = 42)
#' # Python: np.random.RandomState(42).uniform(size=3)
#' @export
numpy_uniform <- function(n, seed) {
  n <- check_count(n, "n", 0)
  if (!is_whole(seed) || seed < 0 || seed > 2^32 - 1) {
    abort("`seed` must be a whole number from 0 to 2^32 - 1, not %s.", describe(seed))
  }
  # the 2n words, their two halves and the result
  check_memory(8 * 5 * n, "Drawing `n` numbers", sprintf("n = %s", count_text(n)))
  words <- mt19937_words(2 * n, seed)
  a <- words[seq.int(1, by = 2, length.out = n)] %/% 32
  b <- words[seq.int(2, by = 2, length.out = n)] %/% 64
  (a * 67108864 + b) / 9007199254740992
}

# The first `n` 32-bit output words of MT19937 seeded by init_genrand(seed),
# as doubles.
mt19937_words <- function(n, seed) {
  # 10403: Mersenne-Twister, Inversion, Rejection. 624: the key is used up,
  # so the first draw regenerates it, as numpy's does after seeding.
  state <- c(10403, 624, init_genrand(seed))
  state <- ifelse(state >= 2^31, state - 2^32, state)
  # .Random.seed holds signed ints. The word 2^31 becomes -2^31, whose bit
  # pattern is NA_integer_'s: the generator reads it as the word it is.
  ints <- rep(NA_integer_, length(state))
  ints[state > -2^31] <- as.integer(state[state > -2^31])
  # unif_rand() is word * 2^-32, exact in a double; only a word of 0 would be
  # nudged off 0, and the round trip below returns it as 0 again.
  with_random(round(stats::runif(n) * 2^32), random_seed = ints)$value
}

# The 624-word key of init_genrand(s): mt[i] = 1812433253 * (mt[i-1] xor
# (mt[i-1] >> 30)) + i, modulo 2^32. Products are split into 16-bit halves
# so that every intermediate is exact in a double.
init_genrand <- function(s) {
  mt <- numeric(624)
  mt[1] <- s
  for (i in 2:624) {
    x <- mt[i - 1]
    hi <- x %/% 65536
    lo <- bitwXor(x %% 65536, hi %/% 16384)
    mt[i] <- (mul_mod32(1812433253, hi * 65536 + lo) + (i - 1)) %% 2^32
  }
  mt
}

mul_mod32 <- function(a, x) {
  ah <- a %/% 65536
  al <- a %% 65536
  xh <- x %/% 65536
  xl <- x %% 65536
  (al * xl + ((ah * xl + al * xh) %% 65536) * 65536) %% 2^32
}
