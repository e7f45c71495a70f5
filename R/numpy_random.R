# numpy's legacy generator (np.random.seed / np.random.RandomState) in R, so
# that the article's numpy draws can be made in R bit for bit. numpy seeds
# MT19937 with init_genrand and builds each double from two 32-bit words;
# R's own Mersenne-Twister produces the same words once it is handed the
# same 624-word state through .Random.seed.

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
  old <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
  on.exit(
    if (is.null(old)) rm(".Random.seed", envir = globalenv())
    else assign(".Random.seed", old, globalenv())
  )
  # 10403: Mersenne-Twister, Inversion, Rejection. 624: the key is used up,
  # so the first draw regenerates it, as numpy's does after seeding.
  state <- c(10403, 624, init_genrand(seed))
  state <- ifelse(state >= 2^31, state - 2^32, state)
  # .Random.seed holds signed ints. The word 2^31 becomes -2^31, whose bit
  # pattern is NA_integer_'s: the generator reads it as the word it is.
  ints <- rep(NA_integer_, length(state))
  ints[state > -2^31] <- as.integer(state[state > -2^31])
  assign(".Random.seed", ints, globalenv())
  # unif_rand() is word * 2^-32, exact in a double; only a word of 0 would be
  # nudged off 0, and the round trip below returns it as 0 again.
  round(stats::runif(n) * 2^32)
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

draw_article_numpy <- function(sizes, seed, bias) {
  if (is.null(seed)) seed <- floor(stats::runif(1) * 2^31)
  fan_in <- sizes[-length(sizes)]
  fan_out <- sizes[-1]
  # per layer: its weights, then its biases, as numpy draws them
  counts <- as.vector(rbind(fan_in * fan_out, if (bias) fan_out else 0))
  u <- numpy_uniform(sum(counts), seed)
  ends <- cumsum(counts)
  take <- function(i, rows, cols) {
    if (counts[i] == 0) return(NULL)
    # numpy fills a (rows, cols) array row by row
    matrix(u[(ends[i] - counts[i] + 1):ends[i]], rows, cols, byrow = TRUE)
  }
  lapply(seq_along(fan_in), function(l) {
    list(W = take(2 * l - 1, fan_in[l], fan_out[l]), b = take(2 * l, 1, fan_out[l]))
  })
}
