"""Progress on long reads: the statements read and the rate, on a terminal and nowhere else."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys

import pytest
from report_helpers import Model, make_course, simulate

from builder.tools.report.progress import Progress, progress_line

CLI = [sys.executable, "-c", "from builder.cli import main; main()"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("progress")
    course, index = make_course(root / "course", questions=8)
    statements, _ = simulate(index, 900, Model(retry=0.3), seed=5)
    path = root / "statements.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in statements), encoding="utf-8")
    return {"root": root, "course": course, "path": path, "count": len(statements)}


def run(data, stderr):  # type: ignore[no-untyped-def]
    out = data["root"] / "report.html"
    args = [*CLI, "report", str(data["path"]), "--course", str(data["course"]), "--out", str(out)]
    return subprocess.run(args, stderr=stderr, stdout=subprocess.DEVNULL, check=False, timeout=600)


def test_a_terminal_sees_the_count_and_the_rate(data):
    assert data["count"] > 3 * 4096
    leader, follower = pty.openpty()
    try:
        done = run(data, follower)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                piece = os.read(leader, 65536)
            except OSError:  # the terminal is closed: all has been read
                break
            if not piece:
                break
            shown += piece
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert done.returncode == 0, shown
    text = shown.decode()
    counts = [int(n.replace(",", "")) for n in re.findall(r"read ([0-9,]+) statements \(", text)]
    assert counts and counts[0] == 4096  # the first line comes with the first 4,096
    assert all(n % 4096 == 0 and n <= data["count"] for n in counts)
    assert re.search(r"read 4,096 statements \([0-9,]+ a second\)", text)
    assert text.rstrip().endswith(f"wrote {data['root'] / 'report.html'}")


def test_a_pipe_or_a_log_file_sees_none(data):
    done = run(data, subprocess.PIPE)
    assert done.returncode == 0
    assert done.stderr.decode() == f"wrote {data['root'] / 'report.html'}\n"


def test_the_line_is_written_at_most_twice_a_second():
    ticks = iter([0.0, 0.1, 0.2, 0.4, 0.7, 0.8, 1.3])
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: next(ticks))
    for count in (4096, 8192, 12288, 16384, 20480, 24576):
        progress(count)
    progress.end()
    lines = stream.getvalue().split("\r")[1:]
    # Shown at 0.1 s (the first), 0.7 s and 1.3 s; the others came too soon after.
    assert [re.match(r"read ([0-9,]+)", line).group(1) for line in lines] == [
        "4,096", "16,384", "24,576"
    ]  # fmt: skip
    assert lines[0].startswith("read 4,096 statements (40,960 a second)")
    assert stream.getvalue().endswith("\n")


def test_only_a_terminal_gets_a_progress_line():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_line(io.StringIO()) is None
    assert isinstance(progress_line(Terminal()), Progress)
