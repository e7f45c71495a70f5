test_that("the article scenario holds the article's data", {
  s <- load_scenario("article")
  expect_equal(s$X, matrix(c(1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1), 3, byrow = TRUE))
  expect_equal(s$y, matrix(c(1, 1, 0)))
  expect_equal(c(s$hidden, s$lr, s$epochs), c(3, 0.1, 5000))
  expect_true(s$bias)
})

test_that("stored initial weights are exactly the draws from their seed", {
  env <- new.env()
  utils::data("scenario_settings", package = "nnscratch", envir = env)
  for (name in env$scenario_settings$scenario) {
    s <- load_scenario(name)
    redrawn <- init_params(ncol(s$X), s$hidden, ncol(s$y), seed = s$seed, scheme = s$scheme, bias = s$bias)
    expect_identical(s$init, redrawn, info = name)
  }
})

test_that("an unknown scenario is an error that lists the known ones", {
  expect_error(load_scenario("nope"), "`name` must be one of \"article\"", class = "nnscratch_error")
})
