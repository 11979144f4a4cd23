"""Every case in corpus.py: the exact message, exit code 1, no traceback, dist/ untouched.

Each case starts from tests/fixtures/minimal with the good packages already in its out
folder (built once per session, copied in as bytes), breaks the course, and runs
`dfc-course build` into that same folder. A refused build must leave every earlier package
byte-for-byte as it was; an accepted one (warnings only) must leave only complete zips.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from corpus import CASES, OUTSIDE, OUTSIDE_DIR, Case, Edit, Link, Sparse
from helpers import FIXTURES

from builder import api
from builder.model.problems import CourseError

LINE = re.compile(r"^[a-z0-9][\w./-]*(:\d+)?: (error|warning): \S.*$")
CRASH = ("Traceback", "failed unexpectedly", "Exception", "Error:")


@pytest.fixture(scope="session")
def good_dist(tmp_path_factory) -> dict[str, bytes]:
    """The minimal course's packages, built once: {zip name: bytes}."""
    out = tmp_path_factory.mktemp("good-dist")
    api.build(FIXTURES / "minimal", out)
    return files_in(out)


def apply_case(root: Path, case: Case, outside: Path) -> None:
    """Overlay the case's files on the course at `root`."""
    for rel, value in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            path.unlink()
        elif isinstance(value, Edit):
            text = path.read_text(encoding="utf-8")
            assert text.count(value.old) == value.count, f"{value.old!r} in {rel}"
            path.write_bytes(text.replace(value.old, value.new).encode(value.encoding))
        elif isinstance(value, Link):
            links = {OUTSIDE: outside, OUTSIDE_DIR: outside.parent}
            path.unlink(missing_ok=True)
            path.symlink_to(links.get(value.target, value.target))
        elif isinstance(value, Sparse):
            with open(path, "wb") as handle:
                handle.truncate(value.size)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".yaml") and path.is_file() and case.every_file:
            data = path.read_bytes()
            if "crlf" in case.every_file:
                data = data.replace(b"\n", b"\r\n")
            if "bom" in case.every_file:
                data = b"\xef\xbb\xbf" + data
            path.write_bytes(data)


def summary(lines: list[str]) -> str:
    errors = sum(": error: " in line for line in lines) or len(lines)
    return f"error: the course has {errors} problem{'s' if errors != 1 else ''}; nothing was built"


def refused(case: Case) -> bool:
    return any(": error: " in line for line in case.expected) or (
        "--strict" in case.args and bool(case.expected)
    )


def files_in(out: Path) -> dict[str, bytes]:
    """Every file in the out folder (packages, handbook, any temporary file), as bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name, tmp_path, cli, good_dist):
    case = CASES[name]
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    outside = tmp_path / "elsewhere" / "secret.png"
    outside.parent.mkdir()
    outside.write_bytes(b"\x89PNG\r\n\x1a\nnot part of the course")
    out = tmp_path / "dist"
    out.mkdir()
    for file_name, data in good_dist.items():
        (out / file_name).write_bytes(data)
    apply_case(root, case, outside)
    expected = case.expected
    if case.release is not None:
        from approval_helpers import SCENARIOS, add_signers

        names = SCENARIOS[case.release](add_signers(root, tmp_path / "keys"))
        expected = [line.format(**names) for line in case.expected]

    result = cli("build", "--course", str(root), "--out", str(out), *case.args)

    for word in CRASH:
        assert word not in result.output, result.output
    for line in expected:
        assert LINE.match(line), f"not a `path:line: level: message` line: {line}"
    if refused(case):
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.splitlines() == [*expected, summary(expected)]
        assert files_in(out) == good_dist  # byte-for-byte, and nothing else left behind
        return
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == case.expected
    assert sorted(os.listdir(out)) == sorted(good_dist)  # no temporary files left
    for file_name in good_dist:
        if file_name.endswith(".zip"):
            with zipfile.ZipFile(out / file_name) as archive:
                assert archive.testzip() is None
                assert "imsmanifest.xml" in archive.namelist()
    if case.every_file:
        # A byte-order mark or Windows line endings change nothing in the packages.
        assert files_in(out) == good_dist


def test_a_yaml_merge_key_is_read_or_reported(tmp_path):
    """`<<: *anchor` fills in keys; the anchor's own key is then an unknown field."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    quiz = root / "quizzes" / "fire-basics.yaml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("shuffle: true\n", "<<: *defaults\n")
    quiz.write_text("defaults: &defaults\n  shuffle: true\n" + text, encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        api.validate(root)
    assert [p.format() for p in caught.value.problems] == [
        "quizzes/fire-basics.yaml:1: error: defaults: is not a known field (allowed: module, title, "
        "pass_mark, draw, attempts, shuffle, questions)"
    ]
