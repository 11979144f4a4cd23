"""bench/run.py --quick runs every measurement (Chromium included) and writes the documented keys.

A smoke test only: it checks the runner works and its output's shape, never the numbers.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _load_runner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("dfc_bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


runner = _load_runner()
KEYS = runner.KEYS
generate = runner.generate


def documented_keys() -> list[str]:
    """The keys BENCHMARKS.md documents, in its table of keys."""
    text = (REPO / "BENCHMARKS.md").read_text(encoding="utf-8")
    section = text.split("## Keys", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.MULTILINE)


def test_the_documented_keys_are_the_runners_keys():
    assert documented_keys() == list(KEYS)


def test_the_generated_course_builds_without_warnings(tmp_path):
    from builder import api

    size = generate(tmp_path / "course", modules=2)
    model, warnings = api.validate(tmp_path / "course")
    assert warnings == []
    assert model.page_count() == size["pages"] == 20
    assert model.question_count() == size["questions"] == 60
    types = {q.type for m in model.modules for q in m.quiz.questions}
    assert types == {"single", "multiple", "true-false", "matching", "ordering"}
    assert model.course.final_assessment is not None
    words = [p.words for m in model.modules for p in m.pages]
    assert 200 <= sum(words) / len(words) <= 300


@pytest.mark.browser
def test_quick_run_writes_every_key_as_a_number(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        # A guard against a hung run, not a speed check: a quick run takes a few minutes on
        # an idle two-core machine and several times that when the machine is loaded.
        timeout=3600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == list(KEYS)
    for key, value in data.items():
        assert isinstance(value, int | float) and not isinstance(value, bool), key
        assert value > 0, key
    for key in KEYS:
        assert f"`{key}`" in result.stdout  # the table has a row for each
    assert "chromium" in result.stdout.lower()
