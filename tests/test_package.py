"""The zips: reproducible, fixed metadata, one per module on request, written atomically."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from builder import api
from builder.model.problems import CourseError

MINIMAL_ZIPS = {"fire-safety-1.0.0-scorm12.zip", "fire-safety-1.0.0-scorm2004.zip"}


@pytest.fixture(autouse=True)
def no_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def zips(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".zip"}


def leftovers(folder: Path) -> list[str]:
    """Anything in the output folder that is not a finished package or handbook (temporary files)."""
    finished = (".zip", ".html")
    return sorted(
        p.name for p in folder.iterdir() if p.suffix not in finished or p.name.startswith(".")
    )


@pytest.mark.parametrize("course", ["minimal", "two-modules"])
def test_two_builds_are_byte_identical(course_copy, tmp_path, monkeypatch, course):
    root = course_copy(course)
    api.build(root, tmp_path / "first")
    # Move the clock on a year and a bit: anything that reads it would now differ.
    real_time, real_localtime, real_gmtime = time.time, time.localtime, time.gmtime

    def later(convert):
        return lambda secs=None: convert(time.time() if secs is None else secs)

    monkeypatch.setattr(time, "time", lambda: real_time() + 400 * 86400)
    monkeypatch.setattr(time, "localtime", later(real_localtime))
    monkeypatch.setattr(time, "gmtime", later(real_gmtime))
    (root / "course" / "course.yaml").touch()
    api.build(root, tmp_path / "second")
    first, second = zips(tmp_path / "first"), zips(tmp_path / "second")
    assert len(first) == 2
    assert first == second


def test_entries_have_fixed_time_and_permissions(course_copy, tmp_path):
    api.build(course_copy("two-modules"), tmp_path / "out")
    for path in (tmp_path / "out").glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        assert infos
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            assert (info.external_attr >> 16) & 0o7777 == 0o644, info.filename
            assert info.create_system == 3  # Unix, so the permission bits are honoured
            assert not info.is_dir()


def test_source_date_epoch_sets_the_timestamp(course_copy, tmp_path, monkeypatch):
    root = course_copy("minimal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    api.build(root, tmp_path / "a", formats=["scorm12"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")  # 2020-09-13 12:26:40 UTC
    api.build(root, tmp_path / "b", formats=["scorm12"])
    name = "fire-safety-1.0.0-scorm12.zip"
    with zipfile.ZipFile(tmp_path / "a" / name) as a, zipfile.ZipFile(tmp_path / "b" / name) as b:
        assert {i.date_time for i in a.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert {i.date_time for i in b.infolist()} == {(2020, 9, 13, 12, 26, 40)}
        assert a.namelist() == b.namelist()
        assert [a.read(n) for n in a.namelist()] == [b.read(n) for n in b.namelist()]


def test_per_module_writes_one_package_per_module_and_format(course_copy, tmp_path):
    report = api.build(course_copy("two-modules"), tmp_path / "out", per_module=True)
    expected = {
        f"first-aid-2.1.0{part}-{fmt}.zip"
        for part in ("", "-first-aid-kit", "-calling-for-help")
        for fmt in ("scorm12", "scorm2004")
    }
    assert {w.path.name for w in report.packages} == expected
    assert set(zips(tmp_path / "out")) == expected
    with zipfile.ZipFile(tmp_path / "out" / "first-aid-2.1.0-first-aid-kit-scorm12.zip") as archive:
        names = archive.namelist()
    assert "pages/first-aid-kit/contents.html" in names
    assert "pages/first-aid-kit/images/kit.png" in names
    assert not any(n.startswith("pages/calling-for-help/") for n in names)
    assert "pages/final-assessment.html" not in names  # one module: its quiz is graded instead


def test_a_failed_build_leaves_the_earlier_package_alone(course_copy, tmp_path):
    root = course_copy("minimal")
    out = root / "dist"
    api.build(root)
    before = zips(out)
    assert set(before) == MINIMAL_ZIPS
    course_file = root / "course" / "course.yaml"
    course_file.write_text(course_file.read_text().replace("title: Fire safety basics\n", ""))
    with pytest.raises(CourseError):
        api.build(root)
    assert zips(out) == before
    assert leftovers(out) == []


def test_a_failure_while_writing_leaves_no_temp_file(course_copy, tmp_path, monkeypatch):
    root = course_copy("minimal")
    out = tmp_path / "out"
    api.build(root, out)
    before = zips(out)
    # Change the course, so a finished rebuild would differ from the earlier package.
    page = root / "modules" / "fire-basics" / "02-alarm.md"
    page.write_text(page.read_text() + "\nA new paragraph.\n")

    real_writestr = zipfile.ZipFile.writestr
    calls = []

    def failing_writestr(self, info, data, *args, **kwargs):
        calls.append(getattr(info, "filename", info))
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real_writestr(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(OSError, match="No space left"):
        api.build(root, out)
    assert len(calls) == 4, "the failure should happen part-way through the first package"
    assert zips(out) == before
    assert leftovers(out) == []

    monkeypatch.setattr(zipfile.ZipFile, "writestr", real_writestr)
    api.build(root, out)
    assert zips(out) != before  # the check above could tell a changed package apart
    assert leftovers(out) == []


def test_unsafe_entry_names_are_refused(tmp_path):
    from builder.package.archive import write_package

    for bad in ("../evil.html", "/etc/passwd", "pages\\x.html", "a/../../b"):
        with pytest.raises(ValueError, match="unsafe"):
            write_package({"index.html": b"ok", bad: b"x"}, tmp_path / "p.zip")
        assert list(tmp_path.iterdir()) == []
