"""No-op rebuilds (builder/cache.py): a build with nothing changed renders and writes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder import api
from builder.package import build_cache as cache

PAGE = "modules/fire-basics/02-alarm.md"


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache-home"
    monkeypatch.setenv("DFC_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that render (the ones the cache did not answer)."""
    calls: list[int] = []
    real = api.render_packages

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "render_packages", counting)
    return calls


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(out.iterdir())}


def summary(report: api.BuildReport) -> tuple[object, ...]:
    return (
        [(w.path, w.size) for w in report.packages],
        (report.handbook.path, report.handbook.size) if report.handbook else None,
        report.modules,
        report.pages,
        report.questions,
        [p.format() for p in report.warnings],
    )


def test_a_second_build_with_nothing_changed_skips_rendering(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    first = api.build(root, out)
    before = stamps(out)
    second = api.build(root, out)
    assert len(renders) == 1
    assert summary(second) == summary(first)
    assert stamps(out) == before  # nothing rewritten
    assert sorted(os.listdir(out)) == sorted(before)  # the output folder holds only the build


def test_a_cached_build_still_reports_its_warnings(make_course, tmp_path, renders):
    root = make_course({"modules/fire-basics/images/unused.png": b"\x89PNG\r\n\x1a\n"})
    out = tmp_path / "out"
    first = api.build(root, out)
    assert [p.rule for p in first.warnings] == ["unused-asset"]
    second = api.build(root, out)
    assert len(renders) == 1
    assert [p.format() for p in second.warnings] == [p.format() for p in first.warnings]
    assert [p.as_dict() for p in second.warnings] == [p.as_dict() for p in first.warnings]


def test_editing_a_source_file_rebuilds(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    page = root / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    api.build(root, out)
    assert len(renders) == 2
    api.build(root, out)
    assert len(renders) == 2  # and the new build is the one now recorded


def test_touching_a_file_without_changing_it_does_not_rebuild(course_copy, tmp_path, renders):
    """The key is the bytes of the sources, not their times: a checkout or a copy is a no-op."""
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    os.utime(root / PAGE, ns=(1, 1))
    api.build(root, out)
    assert len(renders) == 1


@pytest.mark.parametrize(
    "change",
    [
        "modules/fire-basics/images/new.png",  # a new file
        "course/notes.txt",  # even one the build does not read
    ],
)
def test_adding_a_file_rebuilds(course_copy, tmp_path, renders, change):
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    (root / change).parent.mkdir(parents=True, exist_ok=True)
    (root / change).write_bytes(b"new")
    api.build(root, out)
    assert len(renders) == 2


def test_deleting_a_file_rebuilds(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    (root / "modules/fire-basics/03-extra.md").write_text("# Extra\n\nMore text.\n", "utf-8")
    first = api.build(root, out)
    (root / "modules/fire-basics/03-extra.md").unlink()
    second = api.build(root, out)
    assert len(renders) == 2
    assert second.pages == first.pages - 1


def test_a_deleted_package_is_rebuilt(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    first = api.build(root, out)
    data = first.packages[0].path.read_bytes()
    first.packages[0].path.unlink()
    second = api.build(root, out)
    assert len(renders) == 2
    assert first.packages[0].path.read_bytes() == data
    assert summary(second) == summary(first)


def test_a_deleted_handbook_is_rebuilt(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    first = api.build(root, out)
    assert first.handbook is not None
    first.handbook.path.unlink()
    api.build(root, out)
    assert len(renders) == 2
    assert first.handbook.path.is_file()


def test_a_changed_package_is_rebuilt(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    first = api.build(root, out)
    path = first.packages[0].path
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, one bit different
    api.build(root, out)
    assert len(renders) == 2
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    "options",
    [
        {"formats": ["scorm12"]},
        {"formats": ["scorm12", "scorm2004", "web"]},
        {"per_module": True},
        {"strict": True},
    ],
)
def test_other_options_rebuild(course_copy, tmp_path, renders, options):
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    again = api.build(root, out, **options)
    assert len(renders) == 2
    if "formats" in options:
        names = [w.path.name.rsplit("-", 1)[1] for w in again.packages]
        assert names == [f"{name}.zip" for name in options["formats"]]
    api.build(root, out, **options)
    assert len(renders) == 2  # the same options again: up to date


def test_changing_the_format_on_the_command_line_rebuilds(course_copy, cli, renders):
    root = course_copy("minimal")
    assert cli("build", "--course", str(root)).exit_code == 0
    result = cli("build", "--course", str(root), "--format", "scorm12")
    assert result.exit_code == 0
    assert len(renders) == 2
    assert result.stdout.splitlines()[-1].startswith("built 1 package and the handbook")


def test_another_output_folder_is_built(course_copy, tmp_path, renders):
    root = course_copy("minimal")
    api.build(root, tmp_path / "one")
    api.build(root, tmp_path / "two")
    assert len(renders) == 2


def test_a_failed_build_is_never_recorded(course_copy, tmp_path, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    page = root / PAGE
    good = page.read_bytes()
    page.write_text("no title heading\n", "utf-8")
    with pytest.raises(api.CourseError):
        api.build(root, out)
    page.write_bytes(good)
    api.build(root, out)  # the sources are as recorded and so are the packages: up to date
    assert len(renders) == 1


def test_a_cache_that_cannot_be_written_is_skipped(course_copy, tmp_path, monkeypatch, renders):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("DFC_CACHE_DIR", str(blocker))
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    api.build(root, out)
    assert len(renders) == 2


def test_a_damaged_record_means_a_full_build(course_copy, tmp_path, cache_home, renders):
    root, out = course_copy("minimal"), tmp_path / "out"
    api.build(root, out)
    (record,) = cache_home.glob("build-*.json")
    record.write_text("{not json")
    api.build(root, out)
    assert len(renders) == 2
    api.build(root, out)
    assert len(renders) == 2


def test_only_the_newest_records_are_kept(course_copy, tmp_path, cache_home, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    root = course_copy("minimal")
    for n in range(4):
        api.build(root, tmp_path / f"out-{n}")
    assert len(list(cache_home.glob("build-*.json"))) == 2
