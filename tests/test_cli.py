"""The dfc-course command line: what `build` and `validate` print and write."""

from __future__ import annotations

import json
import re
import zipfile

MINIMAL = ("fire-safety-1.0.0-scorm12.zip", "fire-safety-1.0.0-scorm2004.zip")
HANDBOOK = "fire-safety-1.0.0-handbook.html"
STATEMENT = "fire-safety-1.0.0-accessibility.html"
WROTE = re.compile(r"^(?P<path>\S+)\s+(?P<kb>[\d,]+) KB$")
SUMMARY = re.compile(
    r"^built (\d+) packages? and the handbook from (\d+) modules?, (\d+) pages? and "
    r"(\d+) questions? in (\d+\.\d\d) s$"
)


def test_build_reports_packages_sizes_and_summary(course_copy, cli):
    root = course_copy("minimal")
    result = cli("build", "--course", str(root))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    *wrote, summary = result.stdout.splitlines()
    assert len(wrote) == 4
    for line, name in zip(wrote, (*MINIMAL, HANDBOOK, STATEMENT), strict=True):
        match = WROTE.match(line)
        assert match, line
        path = root / "dist" / name
        assert match["path"] == str(path)
        assert int(match["kb"].replace(",", "")) == round(path.stat().st_size / 1024)
    found = SUMMARY.match(summary)
    assert found, summary
    assert found.groups()[:4] == ("2", "1", "2", "5")
    assert 0 < float(found[5]) < 30
    assert sorted(p.name for p in (root / "dist").iterdir()) == sorted((*MINIMAL, HANDBOOK, STATEMENT))
    assert "\x1b[" not in result.output  # no colours when the output is not a terminal


def test_build_quiet_prints_nothing_on_success(course_copy, cli):
    result = cli("build", "--course", str(course_copy("minimal")), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_build_one_format(course_copy, cli):
    root = course_copy("minimal")
    result = cli("build", "--course", str(root), "--format", "scorm12")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "dist").iterdir()) == sorted([MINIMAL[0], HANDBOOK, STATEMENT])
    assert result.stdout.splitlines()[-1].startswith(
        "built 1 package and the handbook from 1 module, 2 pages and 5 questions in "
    )


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


def test_new_module_then_build(course_copy, cli):
    root = course_copy("minimal")
    result = cli(
        "new", "module", "evacuation", "--title", "Getting out safely", "--course", str(root)
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == f"updated {root / 'course' / 'course.yaml'}"
    assert f"created {root / 'quizzes' / 'evacuation.yaml'}" in lines
    built = cli("build", "--course", str(root))
    assert built.exit_code == 0, built.output
    with zipfile.ZipFile(root / "dist" / MINIMAL[0]) as archive:
        assert "pages/evacuation/overview.html" in archive.namelist()
    again = cli("new", "module", "evacuation", "--course", str(root))
    assert again.exit_code == 1
    assert again.stderr.startswith("error: ") and "Traceback" not in again.output


def test_new_quiz_needs_a_module(course_copy, cli):
    result = cli("new", "quiz", "no-such-module", "--course", str(course_copy("minimal")))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_preview_starts_prints_the_url_and_stops(course_copy, cli, monkeypatch):
    import threading

    from builder.tools import preview

    started = {}

    class FakeServer:
        def __init__(self, root, scorm, port, report, cmi5=False):
            started.update(root=root, scorm=scorm, port=port)
            if cmi5:
                started["cmi5"] = True
            self.url = "http://127.0.0.1:9999/"

        def start(self):
            return self

        def stop(self):
            started["stopped"] = True

    def interrupt(self, timeout=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(preview, "PreviewServer", FakeServer)
    monkeypatch.setattr(threading.Event, "wait", interrupt)
    root = course_copy("minimal")
    result = cli("preview", "--course", str(root), "--port", "0", "--scorm", "2004")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "previewing at http://127.0.0.1:9999/ (SCORM 2004); press Ctrl+C to stop",
        "preview stopped",
    ]
    assert started == {"root": root, "scorm": "2004", "port": 0, "stopped": True}

    started.clear()
    result = cli("preview", "--course", str(root), "--port", "0", "--cmi5")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "previewing at http://127.0.0.1:9999/ (cmi5); press Ctrl+C to stop"
    )
    assert started["cmi5"] is True


def test_build_out(course_copy, cli, tmp_path):
    root = course_copy("two-modules")
    out = tmp_path / "somewhere" / "else"
    result = cli("build", "--course", str(root), "--out", str(out), "--per-module")
    assert result.exit_code == 0, result.output
    assert not (root / "dist").exists()
    assert len(list(out.glob("*.zip"))) == 6
    assert result.stdout.splitlines()[-1].startswith(
        "built 6 packages and the handbook from 2 modules, 4 pages and 4 questions in "
    )
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


def test_progress_shows_only_on_a_terminal(course_copy, cli, monkeypatch):
    from builder import cli as cli_module

    root = course_copy("two-modules")
    monkeypatch.setattr(cli_module, "_is_terminal", lambda: True)
    result = cli("build", "--course", str(root), "--out", str(root / "a"))
    assert result.exit_code == 0, result.output
    assert result.stderr == "\rrendering 10/10 screens\n"
    quiet = cli("build", "--course", str(root), "--out", str(root / "b"), "--quiet")
    assert quiet.output == ""


def test_a_second_build_with_nothing_changed_says_so(course_copy, cli):
    root = course_copy("minimal")
    first = cli("build", "--course", str(root))
    assert first.stdout.splitlines()[-1].startswith("built 2 packages")
    again = cli("build", "--course", str(root))
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1] == (
        "nothing changed since the last build: these files are up to date"
    )
    assert again.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]
    assert again.stderr == first.stderr
