"""The statement files are read a piece at a time, and the figures and messages are what they were
when each file was read whole."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from report_helpers import make_course
from test_gen_statements import generate, stream_count, write_statements
from test_report_errors import STATEMENT_CASES, fails

import builder.tools.report.read_xapi as read_xapi
from builder.tools.report.records import Collector


@pytest.fixture(scope="module")
def generated(tmp_path_factory):  # type: ignore[no-untyped-def]
    from builder.tools.report.run import load_index

    folder = tmp_path_factory.mktemp("stream")
    generate(folder / "course", 2, pages=1)
    index = load_index(folder / "course")
    write_statements(stream_count(index, 3000), folder / "s.json")
    write_statements(stream_count(index, 3000), folder / "s.ndjson")
    statements = json.loads((folder / "s.json").read_text(encoding="utf-8"))
    (folder / "indented.json").write_text(json.dumps(statements, indent=2), encoding="utf-8")
    return folder


def whole_file_report(folder):  # type: ignore[no-untyped-def]
    """The report as it was before reading in pieces: the whole array parsed at once."""
    from builder.tools.report.output_text import as_json
    from builder.tools.report.records import Collector
    from builder.tools.report.run import load_index
    from builder.tools.report.summary import summarise

    index = load_index(folder / "course")
    collector = Collector(index)
    text = (folder / "s.json").read_text(encoding="utf-8")
    for number, statement in enumerate(json.loads(text), 1):
        read_xapi.add_statement(f"record {number}", statement, collector)
    return as_json(summarise(collector, index, 5))


@pytest.mark.parametrize("chunk", [read_xapi.CHUNK, 97])
@pytest.mark.parametrize("name", ["s.json", "s.ndjson", "indented.json"])
def test_the_figures_are_those_of_the_whole_file(cli, generated, monkeypatch, chunk, name):
    expected = whole_file_report(generated)
    monkeypatch.setattr(read_xapi, "CHUNK", chunk)
    args = ("report", str(generated / name), "--course", str(generated / "course"))
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(expected)["answers"] > 2000
    assert result.stdout == expected


@pytest.fixture(scope="module")
def course(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder, _ = make_course(tmp_path_factory.mktemp("stream-errors") / "course", questions=5)
    return folder


@pytest.mark.parametrize("chunk", [1, 3, 40])
@pytest.mark.parametrize("case", list(STATEMENT_CASES))
def test_messages_name_the_same_line_when_read_in_pieces(
    cli, course, tmp_path, monkeypatch, case, chunk
):
    monkeypatch.setattr(read_xapi, "CHUNK", chunk)
    text, message = STATEMENT_CASES[case]
    path = tmp_path / "statements.json"
    path.write_text(text, encoding="utf-8")
    assert fails(cli, course, str(path)) == message.format(p=path)


class Discard(Collector):
    """Checks each answer as the report does, then lets it go: what is left is the reader's
    own memory, which must not grow with the file."""

    def add(self, where, learner_key, interaction, response, success, session=1, attempt=1,  # type: ignore[no-untyped-def]
            dimensions=None):  # fmt: skip
        self.check(where, interaction, response)


def peak_reading(read, path, index) -> int:  # type: ignore[no-untyped-def]
    collector = Discard(index)
    tracemalloc.start()
    try:
        read(path, collector)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("form", ["neutral", "moodle", "ndjson"])
def test_the_readers_memory_does_not_grow_with_the_file(tmp_path, form):
    from report_helpers import Model, as_moodle, as_neutral_csv, simulate

    from builder.tools.report.read_csv import read_csv_file

    course, index = make_course(tmp_path / "course", questions=6)
    statements, _ = simulate(index, 200, Model(retry=0.3), seed=2)
    peaks, sizes = [], []
    for copies in (1, 8):
        if form == "ndjson":
            text = "\n".join(json.dumps(s) for s in statements * copies)
            path, read = tmp_path / f"x{copies}.ndjson", read_xapi.read_statement_file
        else:
            write = as_neutral_csv if form == "neutral" else as_moodle
            head, *rows = write(statements).splitlines(keepends=True)
            text = head + "".join(rows * copies)
            path, read = tmp_path / f"x{copies}.csv", read_csv_file
        path.write_text(text, encoding="utf-8")
        sizes.append(path.stat().st_size)
        peaks.append(peak_reading(read, path, index))
    assert sizes[1] > 7 * sizes[0]
    assert peaks[1] < peaks[0] * 1.5, (peaks, sizes)  # eight times the rows, not more memory
    assert peaks[1] < sizes[1] / 4
