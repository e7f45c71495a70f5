"""Shared seeds: R's random numbers in Python and numpy's in R, bit for bit.

Every comparison is exact (assert_array_equal, no tolerance). The many-seed
loops run in R once per batch: one R call loops over all the seeds and
returns one column per seed.
"""

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.rrandom import RRandom, qnorm

from conftest import to_py

# 0, the extremes of R's integer seeds, negatives (R takes them as unsigned
# 32-bit), and 1000 more spread over the whole range.
SEEDS = np.concatenate([
    [0, 1, -1, 42, 2**31 - 1, -(2**31 - 1), 2**31 - 2, -2],
    np.random.RandomState(2024).randint(-(2**31 - 1), 2**31, size=1000),
]).astype(np.float64)


@pytest.fixture(scope="module")
def by_seed(r):
    """Return a function: draws(seeds, "R call") -> one column per seed, from R."""
    import rpy2.robjects as ro

    loop = ro.r(
        """function(seeds, call) {
             old <- if (exists(".Random.seed", globalenv())) get(".Random.seed", globalenv())
             on.exit(if (!is.null(old)) assign(".Random.seed", old, globalenv()))
             draw <- function(s) {
               set.seed(s, kind = "Mersenne-Twister", normal.kind = "Inversion",
                        sample.kind = "Rejection")
               eval(str2lang(call))
             }
             do.call(cbind, lapply(seeds, draw))
           }"""
    )
    return lambda seeds, call: np.asarray(loop(np.asarray(seeds, dtype=np.float64), call))


def py_by_seed(seeds, draw):
    return np.column_stack([draw(RRandom(int(s))) for s in seeds])


@pytest.mark.parametrize("n", [1, 5, 700, 1300])
def test_runif_matches_r_for_many_seeds(by_seed, n):
    # 700 and 1300 cross the 624-word refill once and twice.
    seeds = SEEDS if n <= 5 else SEEDS[:200]
    got = py_by_seed(seeds, lambda g: g.runif(n))
    np.testing.assert_array_equal(got, by_seed(seeds, "runif(%d)" % n))


def test_runif_with_bounds_matches_r(by_seed):
    got = py_by_seed(SEEDS[:50], lambda g: np.concatenate([g.runif(3, -2, 5), g.runif(2, 1, 1), g.runif(2)]))
    np.testing.assert_array_equal(got, by_seed(SEEDS[:50], "c(runif(3, -2, 5), runif(2, 1, 1), runif(2))"))


@pytest.mark.parametrize("n", [1, 5, 700, 1300])
def test_rnorm_matches_r_for_many_seeds(by_seed, n):
    # rnorm takes two words per number: 700 normals cross the refill twice.
    seeds = SEEDS if n <= 5 else SEEDS[:200]
    got = py_by_seed(seeds, lambda g: g.rnorm(n))
    np.testing.assert_array_equal(got, by_seed(seeds, "rnorm(%d)" % n))


def test_rnorm_with_mean_and_sd_matches_r(by_seed):
    # sd = 0 returns the mean without drawing: the next draws must still agree.
    got = py_by_seed(SEEDS[:50], lambda g: np.concatenate([g.rnorm(3, 10, 2.5), g.rnorm(2, 7, 0), g.rnorm(2)]))
    np.testing.assert_array_equal(got, by_seed(SEEDS[:50], "c(rnorm(3, 10, 2.5), rnorm(2, 7, 0), rnorm(2))"))


def test_rnorm_tails_beyond_5_match_r(by_seed):
    # |z| > 5 has probability 5.7e-7: look for a seed whose first 10^6 normals
    # reach it, then compare that whole stream.
    for seed in range(1, 50):
        z = RRandom(seed).rnorm(10**6)
        if np.any(np.abs(z) > 5):
            break
    assert np.any(np.abs(z) > 5)
    np.testing.assert_array_equal(z, by_seed([seed], "rnorm(1e6)")[:, 0])


def test_qnorm_matches_r_in_the_far_tails(r):
    import rpy2.robjects as ro

    tiny = np.concatenate([10.0 ** -np.arange(1, 309), [5e-324, 2.0**-1074 * 3, 1e-11, 1.4e-11]])
    p = np.concatenate([
        tiny, 1 - tiny, 1 - 10.0 ** -np.arange(1, 17), [1 - 2**-53, 0.075, 0.925, 0.5, 0, 1],
        np.random.RandomState(1).uniform(size=100000),
        np.random.RandomState(2).uniform(size=10000) * 1e-10,
    ])
    if ro.r("getRversion() >= '4.3.0'")[0]:
        # R 4.3 changed qnorm for min(p, 1 - p) < exp(-729), subnormals that
        # rnorm cannot reach; qnorm here follows R 4.2 there.
        p = p[(np.minimum(p, 1 - p) >= np.exp(-729)) | (p == 0) | (p == 1)]
    np.testing.assert_array_equal(qnorm(p), np.asarray(ro.r["qnorm"](p)))


@pytest.mark.parametrize(
    "call, draw",
    [
        ("sample(10)", lambda g: g.sample(10)),
        ("sample(7, 5)", lambda g: g.sample(7, 5)),
        ("sample(1000, 300)", lambda g: g.sample(1000, 300)),
        ("sample(5, 40, replace = TRUE)", lambda g: g.sample(5, 40, replace=True)),
        ("sample(100000, 50)", lambda g: g.sample(100000, 50)),
        ("sample(100000, 50, replace = TRUE)", lambda g: g.sample(100000, 50, replace=True)),
        ("sample(65536, 20)", lambda g: g.sample(65536, 20)),
        ("sample(65537, 20, replace = TRUE)", lambda g: g.sample(65537, 20, replace=True)),
        ("sample(3e9, 5, replace = TRUE)", lambda g: g.sample(3 * 10**9, 5, replace=True)),
        ("sample(2e7, 30)", lambda g: g.sample(2 * 10**7, 30)),
        ("c(sample(1), sample(1, 3, TRUE), sample(9, 1), sample(9, 0), runif(1))",
         lambda g: np.concatenate([g.sample(1), g.sample(1, 3, True), g.sample(9, 1), g.sample(9, 0), g.runif(1)])),
    ],
)
def test_sample_matches_r_for_many_seeds(by_seed, call, draw):
    np.testing.assert_array_equal(py_by_seed(SEEDS, draw), by_seed(SEEDS, call))


def test_sample_of_a_sequence_and_a_permutation_match_r(by_seed):
    x = np.array([2.5, -1.0, 7.0, 0.25, 9.0, 3.0])
    got = py_by_seed(SEEDS[:100], lambda g: np.concatenate([g.sample(x), g.sample(x, 4, replace=True)]))
    want = by_seed(SEEDS[:100], "{x <- c(2.5, -1, 7, 0.25, 9, 3); c(sample(x), sample(x, 4, replace = TRUE))}")
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(RRandom(3).sample(70000), by_seed([3], "sample(70000)")[:, 0])


def test_draws_continue_the_same_stream_across_calls(by_seed):
    def draw(g):
        return np.concatenate([g.runif(3), g.rnorm(400), g.sample(50, 10), g.runif(300), g.rnorm(2)])

    call = "c(runif(3), rnorm(400), sample(50, 10), runif(300), rnorm(2))"
    np.testing.assert_array_equal(py_by_seed(SEEDS[:100], draw), by_seed(SEEDS[:100], call))


def test_numpy_uniform_in_r_matches_numpy_for_many_seeds(r):
    import rpy2.robjects as ro

    seeds = np.concatenate([
        [0, 1, 42, 5489, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1],
        np.random.RandomState(7).randint(0, 2**32, size=1000, dtype=np.uint64),
    ]).astype(np.float64)
    loop = ro.r("function(seeds, n) vapply(seeds, function(s) nnscratch::numpy_uniform(n, s), numeric(n))")
    got = np.asarray(loop(seeds, 3))
    want = np.column_stack([np.random.RandomState(int(s)).uniform(size=3) for s in seeds])
    np.testing.assert_array_equal(got, want)
    # 700 doubles take 1400 words: two refills of numpy's key.
    got = np.asarray(loop(seeds[:20], 700))
    want = np.column_stack([np.random.RandomState(int(s)).uniform(size=700) for s in seeds[:20]])
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("scheme", ["article_r", "article_numpy"])
@pytest.mark.parametrize("bias", [True, False])
def test_init_params_agree_bit_for_bit(r, scheme, bias):
    for seed, shape in ((42, (4, 3, 1)), (7, (2, 5, 3)), (0, (1, 1, 1))):
        p_r = to_py(r.init_params(*[float(k) for k in shape], seed=float(seed), scheme=scheme, bias=bias))
        p_py = nn.init_params(*shape, seed=seed, scheme=scheme, bias=bias)
        for key in ("wh", "bh", "wout", "bout"):
            if bias or key in ("wh", "wout"):
                np.testing.assert_array_equal(np.asarray(p_r[key]), p_py[key], strict=True)
            else:
                assert p_r[key] is None and p_py[key] is None


def test_random_seed_matches_rs_after_draws(by_seed):
    # .Random.seed after the draws: mti and the key, so later draws agree too.
    call = "{runif(3); rnorm(400); sample(70000, 3); .Random.seed}"
    got = py_by_seed(SEEDS[:100], lambda g: (g.runif(3), g.rnorm(400), g.sample(70000, 3), g.random_seed)[-1])
    np.testing.assert_array_equal(got, by_seed(SEEDS[:100], call))


def test_the_validation_split_is_the_same_in_both_languages(r):
    """200 splits of random labels (or numbers: no strata), sizes and fractions hold out the same rows in R."""
    import rpy2.robjects as ro

    from nnscratch.samples import strata, validation_split

    rs = np.random.RandomState(11)
    cases = []
    for seed in SEEDS[:200]:
        n, k = rs.randint(2, 300), rs.randint(0, 5)
        # k = 0: numeric targets, which have no strata; else one-hot labels of k + 1 classes
        y = rs.normal(size=(n, 1)) if k == 0 else np.eye(k + 1)[rs.randint(0, k + 1, size=n)]
        cases.append((seed, float(rs.uniform(0.01, 0.9)), y))
    split_r = ro.r(
        """function(cases) lapply(cases, function(case) {
             set.seed(as.vector(case[[1]]), kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
             nnscratch:::validation_split(nrow(case[[3]]), as.vector(case[[2]]), nnscratch:::strata(case[[3]]))
           })"""
    )
    got_r = split_r(ro.r["list"](*[ro.r["list"](s, f, y) for s, f, y in cases]))
    for (seed, fraction, y), rows_r in zip(cases, got_r):
        rows = validation_split(len(y), fraction, strata(y), RRandom(int(seed)))
        np.testing.assert_array_equal(rows + 1, np.asarray(rows_r), err_msg="seed %d" % seed)
