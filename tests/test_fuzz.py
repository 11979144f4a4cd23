"""Fuzzing the loaders: any YAML, Markdown or bytes gives a model or a clean content error.

Hypothesis writes course files from structured strategies (mappings and lists with the
model's own field names, every YAML scalar style, random indentation, tabs and broken
quotes; Markdown with ::: blocks, links, images and headings; raw bytes) into a copy of
tests/fixtures/minimal and runs builder.api.validate. The only acceptable outcomes are a
model or CourseError; any other exception is a bug.

The default run is small (about 100 examples across these tests, a few seconds). For a
long run: HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py
(5,000 examples). The example database is off and Hypothesis's caches live in the
temporary folder, so nothing is written to the repository.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz_markdown import module_text, page_text
from fuzz_yaml import (
    ANY_YAML,
    COURSE,
    DIAGNOSTIC,
    QUIZ,
    QUIZ_FILE,
    VALUES,
    edited,
    yaml_text,
)
from helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from builder import api
from builder.load.validation import validate
from builder.load.yamlfile import YamlSyntaxError, parse_yaml
from builder.model.course import Course, Diagnostic, ModuleMeta, Quiz
from builder.model.problems import CourseError

# --- profiles -------------------------------------------------------------------------------

# No example database, and Hypothesis's caches go to the temporary folder, not the repo.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "dfc-course-hypothesis")

TOTAL = {"default": 100, "long": 5000}
settings.register_profile(
    "dfc-fuzz",
    deadline=None,
    database=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE not in TOTAL:
    raise pytest.UsageError(f"HYPOTHESIS_PROFILE={PROFILE!r}: use one of {sorted(TOTAL)}")
# Each test's share of the run's examples.
SHARE = {"loaders": 25, "course": 15, "quiz": 20, "module": 10, "page": 20, "bytes": 10}


def fuzz(share: str) -> settings:
    examples = max(1, TOTAL[PROFILE] * SHARE[share] // sum(SHARE.values()))
    return settings(settings.get_profile("dfc-fuzz"), max_examples=examples)


# --- the tests ------------------------------------------------------------------------------

FILES = [
    "course/course.yaml",
    "modules/fire-basics/module.md",
    "modules/fire-basics/01-fire-triangle.md",
    "modules/fire-basics/02-alarm.md",
    QUIZ_FILE,
    "quizzes/self-check.yaml",
]


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def check(root: Path, files: dict[str, str | bytes], render: bool = False) -> None:
    """Write `files` over the course, validate, then put the fixture's files back."""
    for rel, content in files.items():
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        (root / rel).write_bytes(data)
    try:
        try:
            model, _warnings = api.validate(root)
        except CourseError as exc:
            assert exc.problems, "a CourseError must carry at least one problem"
            for problem in exc.problems:
                assert problem.location.path and problem.message
            return
        if render:
            api.render_packages(model, ["web"], per_module=False)
    finally:
        for rel in files:
            original = FIXTURES / "minimal" / rel
            if original.exists():
                shutil.copyfile(original, root / rel)
            else:
                (root / rel).unlink(missing_ok=True)


@fuzz("loaders")
@given(text=ANY_YAML, first_line=st.integers(1, 5))
def test_yaml_reader_and_models_never_crash(text, first_line):
    """parse_yaml plus every model: a YamlDoc and a model or problems, nothing else."""
    try:
        doc = parse_yaml(text, "x.yaml", first_line)
    except YamlSyntaxError as exc:
        assert exc.message
        return
    except RecursionError:
        return  # reported as "nested too deeply" by load.py
    for model in (Course, Quiz, Diagnostic, ModuleMeta):
        result, problems = validate(model, doc)
        assert (result is None) == bool(problems)
        for problem in problems:
            assert problem.message and problem.location.path == "x.yaml"


@fuzz("course")
@given(text=yaml_text(COURSE | VALUES) | edited("course/course.yaml"))
def test_course_yaml(course, text):
    check(course, {"course/course.yaml": text})


@fuzz("quiz")
@given(
    text=yaml_text(QUIZ | DIAGNOSTIC) | edited(QUIZ_FILE),
    second=st.none() | yaml_text(DIAGNOSTIC | QUIZ),
)
def test_quiz_and_questionnaire_files(course, text, second):
    files = {QUIZ_FILE: text}
    if second is not None:
        files["quizzes/self-check.yaml"] = second
    check(course, files)


@fuzz("module")
@given(text=module_text() | edited("modules/fire-basics/module.md"))
def test_module_md(course, text):
    check(course, {"modules/fire-basics/module.md": text})


@fuzz("page")
@given(first=page_text(), second=page_text() | edited("modules/fire-basics/02-alarm.md"))
def test_pages_validate_and_render(course, first, second):
    files = {
        "modules/fire-basics/01-fire-triangle.md": first,
        "modules/fire-basics/02-alarm.md": second,
    }
    check(course, files, render=True)


@fuzz("bytes")
@given(
    rel=st.sampled_from(FILES),
    data=st.binary(max_size=300)
    | st.builds(
        lambda text, junk, at: text.encode()[:at] + junk + text.encode()[at:],
        ANY_YAML,
        st.sampled_from([b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\x00", b"\r", b"\xe2\x80"]),
        st.integers(0, 200),
    ),
)
def test_random_bytes_in_any_file(course, rel, data):
    check(course, {rel: data})
