"""The READMEs' install steps install what the packages require.

README.md's "Install by hand" and python/README.md's "Install" are read as
text and compared with the files that declare the requirements:
DESCRIPTION (R's version, the packages it imports, the vignettes' builder
and the version in the tarball's name), python/pyproject.toml (Python's
version, its dependencies and its extras) and the Makefile (the Debian
packages `make` installs, which include those the README names).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
# The packages that come with R itself, which no one installs.
R_BASE = {"base", "compiler", "datasets", "graphics", "grDevices", "grid", "methods", "parallel", "splines", "stats",
          "stats4", "tcltk", "tools", "utils"}
# The extras for working on the package, not for using it.
DEVELOPMENT_EXTRAS = {"test", "bench"}


def description() -> dict:
    """DESCRIPTION's fields, continuation lines joined."""
    fields: dict = {}
    name = None
    for line in (ROOT / "DESCRIPTION").read_text(encoding="utf-8").splitlines():
        if line[:1].isspace() and name:
            fields[name] += " " + line.strip()
        elif ":" in line:
            name, value = line.split(":", 1)
            fields[name] = value.strip()
    return fields


def packages(field: str) -> list[str]:
    """The package names of a DESCRIPTION field such as Imports, without their versions."""
    return [re.sub(r"\s*\(.*\)", "", p).strip() for p in field.split(",") if p.strip()]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "python" / "pyproject.toml").read_text(encoding="utf-8"))


def section(path: Path, heading: str) -> str:
    """The text of a README's section, from its heading to the next one of its level."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\n" + heading + "\n")
    level = heading.split(" ", 1)[0]
    end = text.find("\n" + level + " ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def user_extras() -> set:
    return set(pyproject()["project"]["optional-dependencies"]) - DEVELOPMENT_EXTRAS


R_STEPS = section(ROOT / "README.md", "## Install by hand")
PY_STEPS = {
    "README.md": R_STEPS,
    "python/README.md": section(ROOT / "python" / "README.md", "## Install"),
}


def test_the_debian_line_and_install_packages_name_every_package_r_imports():
    imports = set(packages(description()["Imports"])) - R_BASE
    debian = re.search(r"# Debian: (.*)", R_STEPS)
    assert debian, "README.md's install steps have no '# Debian:' line"
    named = set(debian.group(1).split())
    assert named == {"r-base-core"} | {"r-cran-" + p.lower() for p in imports}
    cran = re.search(r"install\.packages\(c\((.*?)\)\)", R_STEPS)
    assert cran, "README.md's install steps have no install.packages(c(...))"
    assert set(re.findall(r'"([^"]+)"', cran.group(1))) == imports


def test_the_debian_packages_are_among_those_make_installs():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    apt = re.search(r"^APT_PACKAGES :=((?:.*\\\n)*.*)$", makefile, re.M)
    assert apt
    made = set(apt.group(1).replace("\\\n", " ").split())
    named = set(re.findall(r"\br-(?:base|cran)-[\w.]+|\bpandoc\b", R_STEPS))
    assert named and named <= made, named - made


def test_the_vignettes_builder_is_named_for_those_who_build_them():
    builder = packages(description()["VignetteBuilder"])
    for p in builder + ["rmarkdown"]:
        assert "r-cran-" + p.lower() in R_STEPS


def test_the_r_version_and_the_tarball_are_descriptions():
    fields = description()
    r_version = re.search(r"R \(>= ([\d.]+)\)", fields["Depends"]).group(1)
    assert "R (≥ %s)" % r_version in R_STEPS
    assert "R CMD INSTALL %s_%s.tar.gz" % (fields["Package"], fields["Version"]) in R_STEPS


@pytest.mark.parametrize("readme", sorted(PY_STEPS))
def test_pip_installs_every_extra_and_only_those_pyproject_declares(readme):
    steps = PY_STEPS[readme]
    named = set(re.findall(r"pip install '\./python\[(\w+)\]'", steps))
    assert named == user_extras()
    assert re.search(r"^pip install \./python\b", steps, re.M)


@pytest.mark.parametrize("readme", sorted(PY_STEPS))
def test_the_python_version_and_dependencies_are_pyprojects(readme):
    project = pyproject()["project"]
    version = re.fullmatch(r">=([\d.]+)", project["requires-python"]).group(1)
    assert "Python (≥ %s)" % version in PY_STEPS[readme] or "Python ≥ %s" % version in PY_STEPS[readme]
    base = re.search(r"^pip install \./python +# (.*)$", PY_STEPS[readme], re.M)
    assert base, "no comment after `pip install ./python`"
    for requirement in project["dependencies"]:
        assert re.match(r"[\w-]+", requirement).group() in base.group(1)


def test_the_section_reader_sees_a_changed_requirement(tmp_path):
    # A section ends at the next heading of its level, and a missing
    # package shows in the comparison.
    readme = tmp_path / "README.md"
    readme.write_text("# t\n\n## Install\n\n```sh\n# Debian: r-base-core r-cran-fs\n```\n\n### More\nx\n\n## Next\ny\n")
    text = section(readme, "## Install")
    assert "### More" in text and "## Next" not in text
    named = set(re.search(r"# Debian: (.*)", text).group(1).split())
    assert named != {"r-base-core"} | {"r-cran-" + p.lower() for p in ("fs", "digest")}
