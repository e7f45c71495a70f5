"""R's random numbers in Python, bit for bit.

RRandom reproduces R 4.x's default generator: RNGkind("Mersenne-Twister",
normal.kind = "Inversion", sample.kind = "Rejection"). After
``RRandom(seed)``, ``runif``, ``rnorm`` and ``sample`` return what R returns
after ``set.seed(seed)``, to the last bit. It is the twin of
R/numpy_random.R, which does the reverse: numpy's legacy generator in R.

The 32-bit words come from numpy's MT19937, which is the same Mersenne
Twister as R's; only the seeding differs, and set_seed does R's. What it
leaves out: R's other generators and normal kinds, ``prob`` in sample, and
vectors of means or bounds.
"""

from __future__ import annotations

import math
import secrets
from typing import Any, Optional, Sequence, Union

import numpy as np

from .errors import abort, describe, is_number, is_whole, must

I2_32M1 = 2.328306437080797e-10  # R's 1/(2^32 - 1), used by fixup()
BIG = 134217728  # 2^27, the resolution of norm_rand's uniform


class RRandom:
    """R's Mersenne-Twister stream: set_seed, then runif, rnorm and sample."""

    def __init__(self, seed: Optional[int] = None) -> None:
        """Start the stream as set.seed(seed) does; None draws a fresh seed."""
        self._mt = np.random.MT19937()
        if seed is None:
            seed = secrets.randbelow(2**32 - 1) - (2**31 - 1)
        self.set_seed(seed)

    def set_seed(self, seed: int) -> None:
        """Seed the stream as R's set.seed(seed) does (RNG_Init in src/main/RNG.c)."""
        if not is_whole(seed) or abs(seed) > 2**31 - 1:
            abort(
                "`seed` must be a whole number from -2147483647 to 2147483647, not %s.",
                describe(seed),
            )
        # R takes the int as unsigned, scrambles it 50 times with an LCG, then
        # fills its 625 words (mti, then the 624-word key) from the same LCG.
        s = int(seed) % 2**32
        for _ in range(50):
            s = (69069 * s + 1) % 2**32
        words = []
        for _ in range(625):
            s = (69069 * s + 1) % 2**32
            words.append(s)
        # FixupSeeds then sets mti = 624, overwriting words[0]: the key is
        # "used up", so the first draw twists it, as numpy does at pos 624.
        # (An all-zero key, which R would re-randomise, cannot come from this LCG.)
        key = np.array(words[1:], dtype=np.uint32)
        self._mt.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": 624}}

    @property
    def random_seed(self) -> np.ndarray:
        """Return the state as R's .Random.seed holds it.

        That is 10403 (the three kinds), mti, then the 624-word key as
        signed 32-bit ints.
        """
        state = self._mt.state["state"]
        return np.concatenate([[10403, state["pos"]], state["key"].view(np.int32)]).astype(np.int64)

    @classmethod
    def from_random_seed(cls, random_seed: Any) -> RRandom:
        """Return a stream that goes on from a state in the form of R's .Random.seed (see `random_seed`)."""
        rng = cls(0)
        words = np.asarray(random_seed, dtype=np.int64)
        key = words[2:].astype(np.int32).view(np.uint32)
        rng._mt.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": int(words[1])}}
        return rng

    def unif_rand(self, n: int) -> np.ndarray:
        """Return `n` draws of R's unif_rand(): word * 2^-32, kept off 0."""
        u = self._mt.random_raw(n) * 2.0**-32
        # fixup(): a word of 0 would give 0; the largest gives (2^32 - 1)/2^32 < 1.
        u[u <= 0.0] = 0.5 * I2_32M1
        return u

    def runif(self, n: int, min: float = 0.0, max: float = 1.0) -> np.ndarray:
        """Return `n` uniform numbers on (min, max), as R's runif(n, min, max)."""
        n = check_n(n)
        for arg, v in (("min", min), ("max", max)):
            if not is_number(v) or not math.isfinite(v):
                abort("`%s` must be a finite number, not %s.", arg, describe(v))
        if max < min:
            abort("`max` must be >= `min` (%s), not %s.", describe(min), describe(max))
        if min == max:
            # R returns `min` without drawing, so the stream does not move.
            return np.full(n, float(min))
        return min + (max - min) * self.unif_rand(n)

    def rnorm(self, n: int, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
        """Return `n` normal numbers, as R's rnorm(n, mean, sd) by Inversion."""
        n = check_n(n)
        if not is_number(mean) or not math.isfinite(mean):
            abort("`mean` must be a finite number, not %s.", describe(mean))
        if not is_number(sd) or not math.isfinite(sd) or sd < 0:
            abort("`sd` must be a finite number >= 0, not %s.", describe(sd))
        if sd == 0:
            # R returns `mean` without drawing, so the stream does not move.
            return np.full(n, float(mean))
        # norm_rand(): one uniform has only 32 bits, so a second fills in below
        # the first's top 27: u = (int)(BIG * u1) + u2, then qnorm(u / BIG).
        u = self.unif_rand(2 * n).reshape(n, 2)
        p = (np.floor(BIG * u[:, 0]) + u[:, 1]) / BIG
        return mean + sd * qnorm(p)

    def sample(
        self, x: Union[int, Sequence[Any], np.ndarray], size: Optional[int] = None, replace: bool = False
    ) -> np.ndarray:
        """Return a sample of `size` from `x`, as R's sample(x, size, replace).

        An int `x` stands for 1..x, as in R, and the result holds those
        1-based values (as integers); a sequence gives its elements.
        """
        if not isinstance(replace, (bool, np.bool_)):
            must("replace", "TRUE or FALSE", replace)
        pool: Optional[np.ndarray] = None
        if is_whole(x) and not isinstance(x, (list, tuple, np.ndarray)):
            n = int(x)  # type: ignore[arg-type]
            if n < 1:
                abort("`x` must be a whole number >= 1 or a sequence, not %s.", describe(x))
        else:
            pool = np.asarray(x)
            if pool.ndim != 1:
                abort("`x` must be a whole number >= 1 or a sequence, not %s.", describe(x))
            n = len(pool)
        size = n if size is None else size
        if not is_whole(size) or size < 0 or (not replace and size > n):
            limit = "" if replace else " and <= %d without replacement" % n
            abort("`size` must be a whole number >= 0%s, not %s.", limit, describe(size))
        size = int(size)
        if replace or size < 2:
            # One draw without replacement is one draw with it, as in do_sample.
            i = self._unif_index(n, size)
        elif n > 1e7 and size <= n / 2:
            # sample.int's useHash: draw with replacement, skip repeats (do_sample2).
            i = self._unif_index(n, size, distinct=True)
        else:
            i = self._shuffle(n, size)
        return i + 1 if pool is None else pool[i]

    def _unif_index(self, n: int, size: int, distinct: bool = False) -> np.ndarray:
        """Return `size` draws of R_unif_index(n), 0-based; `distinct` skips repeats."""
        bits = math.ceil(math.log2(n))
        k = bits // 16 + 1  # rbits() takes 16 bits per word while n <= bits
        out: list = []
        seen = set()
        while len(out) < size:
            # Draw candidates in bulk, then give back the words after the last
            # one used: R draws them one candidate at a time.
            start = self._mt.state
            m = 2 * (size - len(out)) + 16
            v = rbits(self._mt.random_raw(m * k).reshape(m, k), bits)
            used = 0
            for j in np.flatnonzero(v < n):
                used = j + 1
                if distinct:
                    if v[j] in seen:
                        continue
                    seen.add(v[j])
                out.append(v[j])
                if len(out) == size:
                    break
            else:
                used = m
            self._mt.state = start
            self._mt.random_raw(used * k)
        return np.array(out, dtype=np.int64)

    def _shuffle(self, n: int, size: int) -> np.ndarray:
        """Return `size` draws without replacement from 0..n-1, as R's do_sample."""
        # Each draw's range shrinks, so candidates go one by one through a
        # buffer of words' top 16 bits; the unused words are given back.
        start = self._mt.state
        top: list = []
        used = 0
        x = np.arange(n)
        out = np.empty(size, dtype=np.int64)
        for i in range(size):
            m = n - i
            bits = math.ceil(math.log2(m))
            k = bits // 16 + 1
            while True:
                if used + k > len(top):
                    top += (self._mt.random_raw(4096) >> np.uint64(16)).tolist()
                v = 0
                for h in top[used:used + k]:
                    v = v * 65536 + h
                used += k
                v &= 2**bits - 1  # rbits(), as in the vectorised rbits below
                if v < m:
                    break
            # R swaps the chosen one with the last of the m still left.
            out[i] = x[v]
            x[v] = x[m - 1]
        self._mt.state = start
        self._mt.random_raw(used)
        return out


def rbits(words: np.ndarray, bits: int) -> np.ndarray:
    """Return R's rbits(bits) for each row of 32-bit `words`.

    Each word gives floor(unif_rand() * 65536), its top 16 bits; the row's
    pieces are joined high to low and cut to the low `bits` bits.
    """
    v = np.zeros(words.shape[0], dtype=np.uint64)
    for c in range(words.shape[1]):
        v = v * np.uint64(65536) + (words[:, c] >> np.uint64(16))
    return (v & np.uint64(2**bits - 1)).astype(np.int64)


def qnorm(p: Any) -> np.ndarray:
    """Return the standard normal quantiles of `p`, as R's qnorm(p).

    Wichura's AS 241, step for step as src/nmath/qnorm.c of R 4.2. (R 4.3
    changed only p below about 1e-317, out of rnorm's reach.)
    """
    p = np.asarray(p, dtype=np.float64)
    val = np.full(p.shape, np.nan)
    val[p == 0] = -np.inf
    val[p == 1] = np.inf
    q = p - 0.5

    mid = np.abs(q) <= 0.425  # 0.075 <= p <= 0.925
    qm = q[mid]
    r = 0.180625 - qm * qm
    val[mid] = (
        qm * (((((((r * 2509.0809287301226727 +
                    33430.575583588128105) * r + 67265.770927008700853) * r +
                  45921.953931549871457) * r + 13731.693765509461125) * r +
                1971.5909503065514427) * r + 133.14166789178437745) * r +
              3.387132872796366608)
        / (((((((r * 5226.495278852854561 +
                 28729.085735721942674) * r + 39307.89580009271061) * r +
               21213.794301586595867) * r + 5394.1960214247511077) * r +
             687.1870074920579083) * r + 42.313330701600911252) * r + 1.0)
    )

    tail = ~mid & (p > 0) & (p < 1)
    qt = q[tail]
    r = np.where(qt > 0, 0.5 - p[tail] + 0.5, p[tail])  # min(p, 1 - p)
    # glibc's log, as R uses: numpy's own log may differ in the last bit.
    r = np.sqrt(-np.fromiter(map(math.log, r), np.float64, len(r)))
    v = np.empty(r.shape)

    near = r <= 5.0  # min(p, 1 - p) >= exp(-25)
    s = r[near] - 1.6
    v[near] = (
        (((((((s * 7.7454501427834140764e-4 +
               0.0227238449892691845833) * s + 0.24178072517745061177) *
             s + 1.27045825245236838258) * s +
            3.64784832476320460504) * s + 5.7694972214606914055) *
          s + 4.6303378461565452959) * s +
         1.42343711074968357734)
        / (((((((s *
                 1.05075007164441684324e-9 + 5.475938084995344946e-4) *
                s + 0.0151986665636164571966) * s +
               0.14810397642748007459) * s + 0.68976733498510000455) *
             s + 1.6763848301838038494) * s +
            2.05319162663775882187) * s + 1.0)
    )
    s = r[~near] - 5.0
    v[~near] = (
        (((((((s * 2.01033439929228813265e-7 +
               2.71155556874348757815e-5) * s +
              0.0012426609473880784386) * s + 0.026532189526576123093) *
            s + 0.29656057182850489123) * s +
           1.7848265399172913358) * s + 5.4637849111641143699) *
         s + 6.6579046435011037772)
        / (((((((s *
                 2.04426310338993978564e-15 + 1.4215117583164458887e-7) *
                s + 1.8463183175100546818e-5) * s +
               7.868691311456132591e-4) * s + 0.0148753612908506148525)
             * s + 0.13692988092273580531) * s +
            0.59983220655588793769) * s + 1.0)
    )
    val[tail] = np.where(qt < 0, -v, v)
    return val


def check_n(n: Any) -> int:
    if not is_whole(n) or n < 0:
        abort("`n` must be a whole number >= 0, not %s.", describe(n))
    return int(n)
