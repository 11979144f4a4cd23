"""What a build wrote and found: shared by the pipeline (builder.api) and the no-op cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.model.problems import Problem

Progress = Callable[[int, int], None]  # (screens rendered, screens in all)


@dataclass
class Written:
    path: Path
    size: int


@dataclass
class BuildReport:
    packages: list[Written] = field(default_factory=list)
    handbook: Written | None = None
    handbooks: list[Written] = field(default_factory=list)  # one per other language
    statement: Written | None = None  # the accessibility statement beside the packages
    statements: list[Written] = field(default_factory=list)  # one per other language
    up_to_date: bool = False  # nothing changed since the last build into the same folder
    modules: int = 0
    pages: int = 0
    questions: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
