"""No run of ten words in the course also appears in the sources: every sentence is written afresh."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
RUN = 10


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def course_files() -> list[Path]:
    files = [REPO / "course" / "course.yaml"]
    files += sorted((REPO / "modules").rglob("*.md"))
    files += sorted((REPO / "quizzes").glob("*.yaml"))
    return files


def test_words_catches_a_copied_run():
    source = "One two three four five six seven eight nine ten eleven."
    assert runs("Intro: one two three four, five six seven eight nine ten!") & runs(source)
    assert not runs("one two three four five six seven eight nine eleven") & runs(source)


def test_no_ten_word_run_is_copied_from_the_sources():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the sources are missing: expected {SEEDS}")
        pytest.skip("the sources (../shared/seeds) are not beside this repository")
    seeds: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.iterdir()):
        seeds |= runs(seed.read_text(encoding="utf-8", errors="replace"))
    copied = []
    for file in course_files():
        for run in sorted(runs(file.read_text(encoding="utf-8")) & seeds):
            copied.append(f"{file.relative_to(REPO)}: {' '.join(run)}")
    assert copied == []
