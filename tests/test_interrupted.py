"""Interrupted builds: a build killed mid-write never leaves a partial package.

A real `dfc-course build` subprocess of a large generated course is sent SIGKILL the
moment its temporary `.part` file appears in the out folder. The earlier package must be
byte-for-byte intact, anything left behind must end in `.part`, and the next successful
build must clear those leftovers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, write_files

from builder import api
from builder.package.archive import write_package

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

MODULES = 3
PAGES = 25
ASSET = 7 * 1024 * 1024  # random bytes, so the zip stays large; under the large-file warning


def generate_course(root: Path, assets: int) -> None:
    """A valid course with MODULES x PAGES pages and `assets` incompressible images."""
    files: dict[str, str | bytes] = {
        "course/course.yaml": (
            "id: big\ntitle: A big course\nversion: '1.0.0'\nlanguage: en-GB\n"
            "description: Generated for the interrupted-build test.\naudience: Tests.\n"
            f"modules: [{', '.join(f'm{n}' for n in range(MODULES))}]\npackages: [scorm12]\n"
        )
    }
    text = "The quick brown fox jumps over the lazy dog. " * 30
    rng = __import__("random").Random(6)
    for n in range(MODULES):
        folder = f"modules/m{n}"
        files[f"{folder}/module.md"] = (
            f"---\ntitle: Module {n}\nminutes: 60\nobjectives:\n"
            f"  - id: m{n}-obj\n    text: Do thing {n}.\n---\nIntro {n}.\n"
        )
        for p in range(PAGES):
            files[f"{folder}/{p + 1:02d}-page-{p}.md"] = f"# Page {p}\n\n{text}\n"
    for a in range(assets):
        folder = f"modules/m{a % MODULES}"
        files[f"{folder}/images/noise-{a}.png"] = rng.randbytes(ASSET)
        page = f"{folder}/01-page-0.md"
        files[page] = str(files[page]) + f"\n![Noise {a}](images/noise-{a}.png)\n"
    write_files(root, files)


def final_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def parts(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".part"))


def build_and_kill(root: Path, out: Path, package: str) -> str | None:
    """Start a build; SIGKILL it when the package's .part appears. The .part name, or None."""
    command = [sys.executable, "-m", "builder", "build", "--course", str(root), "--out", str(out)]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    caught = None
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            names = os.listdir(out)
            temp = [n for n in names if n.endswith(".part")]
            if temp:
                os.kill(proc.pid, signal.SIGKILL)
                caught = temp[0]
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if caught is None or not caught.startswith(f".{package}."):
        return None  # finished first, or caught only the handbook after the package
    return caught


def test_sigkill_during_write_leaves_the_earlier_package_intact(tmp_path):
    root, out = tmp_path / "course", tmp_path / "dist"
    assets = 4
    generate_course(root, assets)
    report = api.build(root, out)
    package = report.packages[0].path.name
    earlier = final_files(out)
    assert package in earlier
    course_yaml = root / "course" / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("A big course", "A bigger course"))

    caught = None
    for _attempt in range(6):
        caught = build_and_kill(root, out, package)
        if caught is not None:
            break
        # Missed the write: put the earlier files back and make the next write longer.
        for name in os.listdir(out):
            (out / name).unlink()
        for name, data in earlier.items():
            (out / name).write_bytes(data)
        assets += 2
        generate_course(root, assets)
        course_yaml.write_text(course_yaml.read_text().replace("A big course", "A bigger course"))
    assert caught is not None, "never caught the build while it wrote the package"

    # Nothing with a final name is partial: the earlier files, byte for byte.
    assert final_files(out) == earlier
    with zipfile.ZipFile(out / package) as archive:
        assert archive.testzip() is None
    leftovers = [p.name for p in out.iterdir() if p.name not in earlier]
    assert leftovers and all(n.startswith(".") and n.endswith(".part") for n in leftovers)

    # The next successful build replaces the package and clears the stale temporary file.
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--course", str(root), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert parts(out) == []
    assert sorted(final_files(out)) == sorted(earlier)
    assert (out / package).read_bytes() != earlier[package]  # the new title
    with zipfile.ZipFile(out / package) as archive:
        assert archive.testzip() is None


def test_stale_parts_go_but_a_running_builds_part_stays(tmp_path):
    dest = tmp_path / "course-1.0.0-scorm12.zip"
    running = tmp_path / f".{dest.name}.{os.getpid()}.abc123.part"  # this process: alive
    dead = tmp_path / f".{dest.name}.999999999.abc123.part"  # no such process
    old_style = tmp_path / f".{dest.name}.k3j4h5.part"  # written before pids were in names
    other = tmp_path / ".other-1.0.0-scorm12.zip.999999999.abc123.part"  # another package
    for path in (running, dead, old_style, other):
        path.write_bytes(b"partial")
    write_package({"index.html": b"ok"}, dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [dest.name, running.name, other.name]
    )
