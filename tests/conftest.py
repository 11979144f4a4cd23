"""Shared fixtures: course copies, tiny courses built from a dict, built packages, SCORM schemas."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import COURSES, FIXTURES, SCHEMAS, WRAPPER_2004, Package, write_files
from lxml import etree

from builder import api
from builder.cli import main


def pytest_configure(config: pytest.Config) -> None:
    """Builds in tests keep their no-op records and template cache apart from the user's.

    Property tests never fail for being slow (a loaded machine is not a bug), and under CI they
    draw the same examples every run, so a landing is never blocked by a new random draw; a
    developer's run still explores fresh examples each time.
    """
    import tempfile

    from hypothesis import HealthCheck, settings

    os.environ["DFC_CACHE_DIR"] = tempfile.mkdtemp(prefix="dfc-course-tests-")
    slow = [HealthCheck.too_slow]
    settings.register_profile("dev", deadline=None, suppress_health_check=slow)
    settings.register_profile(
        "ci", deadline=None, suppress_health_check=slow, derandomize=True, database=None
    )
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from a fresh build instead of comparing against it",
    )


# --- course folders -------------------------------------------------------------------------


def _unique(base: Path, name: str) -> Path:
    dest, n = base / name, 1
    while dest.exists():
        n += 1
        dest = base / f"{name}-{n}"
    return dest


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[[str], Path]:
    """course_copy(name): copy tests/fixtures/<name> into tmp_path and return the copy."""

    def copy(name: str) -> Path:
        source = FIXTURES / name
        assert source.is_dir(), f"no fixture course called {name!r}"
        dest = _unique(tmp_path, name)
        shutil.copytree(source, dest)
        return dest

    return copy


@pytest.fixture
def make_course(tmp_path: Path) -> Callable[..., Path]:
    """make_course(files, base="minimal"): a fresh course in tmp_path.

    Starts from the valid fixture course `base` (tests/fixtures/minimal by default); `files`
    maps a path relative to the course root to its new text, and None deletes that file.
    """

    def make(files: dict[str, str | bytes | None] | None = None, base: str = "minimal") -> Path:
        root = _unique(tmp_path, "course")
        shutil.copytree(FIXTURES / base, root)
        write_files(root, files or {})
        return root

    return make


# --- the CLI --------------------------------------------------------------------------------


@pytest.fixture
def cli() -> Callable[..., Result]:
    """cli(*args, env=None): run dfc-course in-process; a crash fails the test."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"dfc-course {' '.join(args)} crashed") from result.exception
        assert "Traceback" not in result.output
        return result

    return run


# --- built packages -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., dict[str, Package]]:
    """built(course, per_module=False): {zip name: Package}, built once per session.

    `course` is "minimal", "two-modules" or "bundled" (the course at the repo root).
    """
    cache: dict[tuple[str, bool], dict[str, Package]] = {}

    def get(course: str, per_module: bool = False) -> dict[str, Package]:
        key = (course, per_module)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"dist-{course}")
            report = api.build(COURSES[course], out, per_module=per_module)
            zips = [w.path for w in report.packages if w.path.suffix == ".zip"]
            cache[key] = {path.name: Package.read(path) for path in zips}
        return cache[key]

    return get


# --- the official SCORM schemas -------------------------------------------------------------


class LocalOnly(etree.Resolver):
    """Let libxml2 load local schema files; refuse anything on the network."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        self.requested.append(system_url or "")
        if (system_url or "").lower().startswith(("http://", "https://")):
            raise OSError(f"refusing to fetch {system_url} while loading the SCORM schemas")
        return None


@dataclass
class Schemas:
    scorm12: etree.XMLSchema
    scorm2004: etree.XMLSchema
    requested: list[str]

    def __getitem__(self, target: str) -> etree.XMLSchema:
        return {"scorm12": self.scorm12, "scorm2004": self.scorm2004}[target]


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    """The ADL XSDs from ../shared/scorm-schemas, loaded offline (see its README.md)."""
    if not SCHEMAS.is_dir():
        message = (
            f"the SCORM schemas are not at {SCHEMAS}: manifest validation needs "
            "shared/scorm-schemas beside the repository"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this is an error)")
        pytest.skip(message)
    resolver = LocalOnly()
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(resolver)
    scorm12 = etree.XMLSchema(etree.parse(str(SCHEMAS / "scorm12" / "adlcp_rootv1p2.xsd"), parser))
    wrapper = etree.fromstring(
        WRAPPER_2004, parser, base_url=str(SCHEMAS / "scorm2004-4th" / "_wrapper.xsd")
    )
    scorm2004 = etree.XMLSchema(wrapper)
    return Schemas(scorm12, scorm2004, resolver.requested)
