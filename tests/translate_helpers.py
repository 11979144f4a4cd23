"""A course translated by a real tool: export, translate-toolkit's podebug, import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from helpers import FIXTURES

from builder.cli import main

WELSH = ("language: en-GB\n", "language: en-GB\nlanguages: [en-GB, cy]\n")


def podebug(source: Path, out: Path, rewrite: str = "xxx") -> Path:
    """translate-toolkit's pseudo-translator fills every target."""
    subprocess.run(
        [sys.executable, "-m", "translate.tools.podebug", f"--rewrite={rewrite}", "-f", "",
         "-i", str(source), "-o", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    return out


def welsh_course(tmp: Path, extra_yaml: str = "", source: Path = FIXTURES / "minimal") -> Path:
    """The course at `source` (the minimal one unless told) with `languages: [en-GB, cy]` and
    every text translated."""
    root = tmp / "course"
    for part in ("course", "modules", "quizzes"):
        shutil.copytree(source / part, root / part)
    yaml = root / "course/course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(*WELSH) + extra_yaml, encoding="utf-8")
    runner = CliRunner()
    xlf = tmp / "cy.xlf"
    args = ["translate", "export", "--course", str(root), "--language", "cy", "--out", str(xlf)]
    assert runner.invoke(main, args).exit_code == 0
    done = podebug(xlf, tmp / "cy-done.xlf")
    result = runner.invoke(main, ["translate", "import", str(done), "--course", str(root)])
    assert result.exit_code == 0, result.output
    return root
