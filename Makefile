# Set-up and checks for nnscratch, the R package at the root and the Python
# module in python/. `make demo` and `make test` install whatever is missing
# first (Debian packages, .venv, the R package), so a fresh Debian 12 or 13
# machine needs nothing else. A second run skips what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMPS := .stamps
VERSION := $(shell sed -n 's/^Version: *//p' DESCRIPTION)
TARBALL := nnscratch_$(VERSION).tar.gz

# Debian packages: R, the R packages the tests, docs and vignettes use
# (vdiffr and svglite for the plots' SVG snapshots, nnet for the peers' checks,
# openxlsx for export_steps()),
# OpenBLAS (much faster than the reference BLAS), and the tools R CMD check
# --as-cran calls.
APT_PACKAGES := r-base-core r-base-dev r-cran-testthat r-cran-roxygen2 \
	r-cran-hardhat r-cran-jsonlite r-cran-digest r-cran-fs r-cran-knitr r-cran-rmarkdown pandoc \
	r-cran-vdiffr r-cran-svglite r-cran-nnet r-cran-openxlsx \
	libopenblas0-pthread qpdf tidy python3-venv
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Where the R package goes: RLIB if given, else the site library when root
# and the user library (R_LIBS_USER, created if need be) otherwise.
ifdef RLIB
export R_LIBS := $(abspath $(RLIB))
endif

R_SOURCES := DESCRIPTION NAMESPACE LICENSE .Rbuildignore $(wildcard R/*.R man/*.Rd data/* inst/scripts/* vignettes/* tests/*.R tests/testthat/*)
PY_SOURCES := python/pyproject.toml

# R CMD check --as-cran without the internet: skip the CRAN incoming and
# clock checks, which need network access, and point the repository look-up
# of the dependency check at an empty local repository.
CHECK_ENV := _R_CHECK_CRAN_INCOMING_=false _R_CHECK_CRAN_INCOMING_REMOTE_=false \
	_R_CHECK_SYSTEM_CLOCK_=0 _R_CHECK_FORCE_SUGGESTS_=false \
	R_PROFILE_USER=$(CURDIR)/build/check/Rprofile

.PHONY: all demo test check r-test py-test python-tests parity apt venv r-install docs bench bench-deps clean

all: test

## demo: the article's run in R and in Python, step by step, then its
## second part's moons run, whose plots (loss, boundary, boundary over training,
## network, the loss's instability) go to build/plots
demo: r-install venv
	@echo "== R =="
	Rscript inst/scripts/demo_article.R
	@echo
	@echo "== Python =="
	$(VPY) python/examples/demo_article.py
	@mkdir -p build/plots
	@echo
	@echo "== Moons, R =="
	Rscript inst/scripts/moons.R build/plots
	@echo
	@echo "== Moons, Python =="
	$(VPY) python/examples/moons.py build/plots

## test: R CMD check (with the R tests) beside the Python tests and then the
## parity suite: two jobs for two cores, each job's output printed whole when
## it ends
test: r-install venv
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j2 --output-sync=recurse check python-tests; \
	status=$$?; echo "make test took $$(( $$(date +%s) - start )) s"; exit $$status

# the Python tests, then the parity suite, one after the other
python-tests: r-install venv
	@$(MAKE) --no-print-directory py-test && $(MAKE) --no-print-directory parity

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMPS)/venv

# rpy2-rinterface 3.6.6 and later needs R >= 4.5; rpy2 3.5.17 works on R 4.2.
$(STAMPS)/venv: $(PY_SOURCES) | apt
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check -e 'python[test]'
	if Rscript -e 'quit(status = getRversion() < "4.5")'; then \
	  $(VPY) -m pip install -q --disable-pip-version-check 'rpy2>=3.6.6'; \
	else \
	  $(VPY) -m pip install -q --disable-pip-version-check 'rpy2==3.5.17'; \
	fi
	@mkdir -p $(STAMPS) && touch $@

r-install: $(STAMPS)/r-install

# The package is built (vignette included) and installed from the tarball,
# so that vignette("article", package = "nnscratch") works afterwards; make
# check checks the same tarball.
build/$(TARBALL): $(R_SOURCES) | apt
	mkdir -p build && cd build && R CMD build --no-manual .. >/dev/null

$(STAMPS)/r-install: build/$(TARBALL)
	@lib="$(RLIB)"; \
	if [ -z "$$lib" ] && [ "$$(id -u)" != 0 ]; then \
	  lib=$$(Rscript -e 'cat(path.expand(Sys.getenv("R_LIBS_USER")))'); \
	fi; \
	if [ -n "$$lib" ]; then mkdir -p "$$lib"; fi; \
	echo "R CMD INSTALL build/$(TARBALL)$${lib:+ into $$lib}"; \
	R CMD INSTALL --no-multiarch $${lib:+-l "$$lib"} build/$(TARBALL) >/dev/null
	@Rscript -e 'cat("nnscratch", format(packageVersion("nnscratch")), "installed in", dirname(find.package("nnscratch")), "\n")'
	@mkdir -p $(STAMPS) && touch $@

## docs: regenerate man/ and NAMESPACE from the roxygen comments
docs: apt
	Rscript -e 'roxygen2::roxygenise()'

## check: R CMD check --as-cran on the built tarball; fails on any ERROR or WARNING
check: r-install
	rm -rf build/check && mkdir -p build/check/repo/src/contrib
	: > build/check/repo/src/contrib/PACKAGES
	# the repository's package database, empty: the dependency check reads it
	# for the suggested packages that are not installed (neuralnet)
	mkdir -p build/check/repo/web/packages
	Rscript -e 'saveRDS(matrix(character(), 0, 3, dimnames = list(NULL, c("Package", "Version", "Maintainer"))), "build/check/repo/web/packages/packages.rds")'
	echo 'options(repos = c(CRAN = "file://$(CURDIR)/build/check/repo"))' > build/check/Rprofile
	cd build/check && env $(CHECK_ENV) R CMD check --as-cran --no-manual ../$(TARBALL) || true
	@log=build/check/nnscratch.Rcheck/00check.log; \
	if [ -f build/check/nnscratch.Rcheck/tests/testthat.Rout.fail ]; then cat build/check/nnscratch.Rcheck/tests/testthat.Rout.fail; fi; \
	grep -h '^\[ FAIL' build/check/nnscratch.Rcheck/tests/testthat.Rout* 2>/dev/null | sed 's/^/R tests (testthat): /' || true; \
	status=$$(grep '^Status:' $$log || echo 'Status: no result'); echo "R CMD check $$status"; \
	if grep -qE '^Status:.*(ERROR|WARNING)' $$log || ! grep -q '^Status:' $$log; then exit 1; fi

## r-test: the R tests alone, against the source tree
r-test: r-install
	Rscript -e 'testthat::test_local(".", reporter = "summary", stop_on_failure = TRUE)'

## py-test: ruff and mypy, then the Python tests (test_readme.py runs the
## READMEs' R blocks against the installed R package)
py-test: venv r-install
	$(VPY) -m ruff check --config python/pyproject.toml --exclude python/examples/article_numpy.py python parity_tests bench
	$(VPY) -m mypy --config-file python/pyproject.toml python/src/nnscratch
	$(VPY) -m pytest -q python/tests

## parity: R against Python through rpy2, at every step; prints and writes parity_report.md
parity: r-install venv
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(VPY) -m pytest -q parity_tests

## bench-deps: scikit-learn and torch 2.13.0 (CPU build) for the benchmark's peers
bench-deps: venv
	$(VPY) -m pip install -q --disable-pip-version-check -e 'python[bench]'

## bench: time train() and the estimators against the article's loops, scikit-learn,
## PyTorch and the matrix-product floor, measure peak memory and the estimators'
## default scores; writes bench/results.md (peers not installed are skipped)
bench: r-install venv
	$(VPY) bench/run.py

clean:
	rm -rf build $(STAMPS) $(VENV)
