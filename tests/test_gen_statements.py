"""bench/gen_statements.py streams to disk and writes what it wrote when it held every statement."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from gen_statements import simulate_count, stream_count, write_statements  # noqa: E402
from run import generate  # noqa: E402

# sha256 of `gen_statements.py COURSE OUT 3000` as written by the earlier, all-in-memory
# generator, for the bench's two-module course of one page a module.
EARLIER_3000 = "3722679426b4de0e251a47f56de410cf124658dd403a2acc1594b1762dcdae44"


@pytest.fixture(scope="module")
def course(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("gen") / "course"
    generate(folder, 2, pages=1)
    return folder


def test_the_output_is_byte_for_byte_the_earlier_generators(course, tmp_path):
    out = tmp_path / "statements.json"
    script = REPO / "bench" / "gen_statements.py"
    subprocess.run([sys.executable, str(script), str(course), str(out), "3000"], check=True)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == EARLIER_3000


@pytest.mark.parametrize("count", [0, 1, 2, 61, 400])
def test_the_streamed_array_is_json_dumps_of_the_list(course, tmp_path, count):
    from builder.tools.report.run import load_index

    index = load_index(course)
    statements = simulate_count(index, count)
    assert len(statements) == count
    write_statements(stream_count(index, count), tmp_path / "s.json")
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == json.dumps(statements)
    write_statements(stream_count(index, count), tmp_path / "s.ndjson")
    lines = (tmp_path / "s.ndjson").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == statements
