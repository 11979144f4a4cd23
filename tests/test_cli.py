"""The dfc-course command line: what `build` and `validate` print and write."""

from __future__ import annotations

import json
import re
import zipfile

MINIMAL = ("fire-safety-1.0.0-scorm12.zip", "fire-safety-1.0.0-scorm2004.zip")
WROTE = re.compile(r"^wrote (?P<path>.+\.zip) \((?P<kb>\d+) KB\)$")
SUMMARY = re.compile(r"^(\d+) packages, (\d+) pages, (\d+) questions in (\d+\.\d\d) s$")


def test_build_reports_packages_sizes_and_summary(course_copy, cli):
    root = course_copy("minimal")
    result = cli("build", "--course", str(root))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    *wrote, summary = result.stdout.splitlines()
    assert len(wrote) == 2
    for line, name in zip(wrote, MINIMAL, strict=True):
        match = WROTE.match(line)
        assert match, line
        path = root / "dist" / name
        assert match["path"] == str(path)
        assert int(match["kb"]) == round(path.stat().st_size / 1024)
    found = SUMMARY.match(summary)
    assert found, summary
    assert found.groups()[:3] == ("2", "2", "5")
    assert 0 < float(found[4]) < 30
    assert sorted(p.name for p in (root / "dist").iterdir()) == list(MINIMAL)


def test_build_one_format(course_copy, cli):
    root = course_copy("minimal")
    result = cli("build", "--course", str(root), "--format", "scorm12")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "dist").iterdir()] == [MINIMAL[0]]
    assert result.stdout.splitlines()[-1].startswith("1 packages, 2 pages, 5 questions in ")


def test_build_web_format_has_no_manifest(course_copy, cli, tmp_path):
    result = cli(
        "build",
        "--course",
        str(course_copy("minimal")),
        "--format",
        "web",
        "--out",
        str(tmp_path / "web"),
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "web" / "fire-safety-1.0.0-web.zip") as archive:
        names = archive.namelist()
    assert "index.html" in names and "imsmanifest.xml" not in names


def test_build_out(course_copy, cli, tmp_path):
    root = course_copy("two-modules")
    out = tmp_path / "somewhere" / "else"
    result = cli("build", "--course", str(root), "--out", str(out), "--per-module")
    assert result.exit_code == 0, result.output
    assert not (root / "dist").exists()
    assert len(list(out.glob("*.zip"))) == 6
    assert result.stdout.splitlines()[-1].startswith("6 packages, 4 pages, 4 questions in ")
    assert all(str(out) in line for line in result.stdout.splitlines()[:-1])


def test_build_with_errors_writes_nothing(course_copy, cli):
    root = course_copy("minimal")
    (root / "quizzes" / "fire-basics.yaml").write_text("module: fire-basics\n")
    result = cli("build", "--course", str(root))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "quizzes/fire-basics.yaml:1: error: questions: is missing",
        "error: the course has 1 problem; nothing was built",
    ]
    assert not (root / "dist").exists()


def test_validate_says_the_course_is_valid(course_copy, cli):
    result = cli("validate", "--course", str(course_copy("two-modules")))
    assert result.exit_code == 0, result.output
    assert result.stdout == "the course is valid: 2 modules, 4 pages, 4 questions\n"
    assert result.stderr == ""


def test_validate_json(course_copy, cli):
    result = cli("validate", "--course", str(course_copy("minimal")), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"ok": True, "problems": []}


def test_warnings_are_shown_and_strict_makes_them_errors(make_course, cli):
    root = make_course({"modules/fire-basics/images/unused.png": b"\x89PNG\r\n"})
    result = cli("validate", "--course", str(root))
    assert result.exit_code == 0, result.output
    warning = "modules/fire-basics/images/unused.png: warning: is not used by any page"
    assert result.stderr.splitlines() == [warning]
    assert result.stdout.startswith("the course is valid")
    data = json.loads(cli("validate", "--course", str(root), "--format", "json").stdout)
    assert data["problems"][0]["rule"] == "unused-asset"
    strict = cli("validate", "--course", str(root), "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0] == warning
    assert strict.stdout == ""


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert re.search(r"\d+\.\d+\.\d+", result.stdout)
