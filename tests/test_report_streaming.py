"""The statement files are read a piece at a time, and the figures and messages are what they were
when each file was read whole."""

from __future__ import annotations

import json

import pytest
from report_helpers import make_course
from test_gen_statements import generate, stream_count, write_statements
from test_report_errors import STATEMENT_CASES, fails

import builder.tools.report.read_xapi as read_xapi


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
