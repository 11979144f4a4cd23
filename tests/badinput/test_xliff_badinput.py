"""Every case in xliff_corpus.py: the exact refusal, exit code 1, no traceback, the rest kept.

The English is never touched; a refused unit is never stored; the units that were fine are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES
from lxml import etree
from xliff_corpus import AUDIENCE, CASES, GOOD, XliffCase

from builder.load.translations import read_translations
from builder.model.problems import Problems


def english(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "translations" not in p.parts and p.suffix != ".xlf"
    }


def prepare(case: XliffCase, root: Path, cli) -> Path:
    result = cli(
        "translate",
        "export",
        "--course",
        str(root),
        "--language",
        "cy",
        "--out",
        str(root / "cy.xlf"),
    )
    assert result.exit_code == 0, result.output
    file = root / "cy.xlf"
    tree = etree.parse(str(file))
    for change in case.changes:
        change(tree.getroot())
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8")
    if case.text:
        text = case.text(text)
    file.write_text(text, encoding="utf-8")
    for rel, (old, new) in case.course.items():
        path = root / rel
        content = path.read_text(encoding="utf-8")
        assert content.count(old) == 1
        path.write_text(content.replace(old, new), encoding="utf-8")
    return file


@pytest.mark.parametrize("name", list(CASES))
def test_refused_xliff(name, tmp_path, cli, monkeypatch):
    case = CASES[name]
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    prepare(case, root, cli)
    before = english(root)
    monkeypatch.chdir(root)

    result = cli("translate", "import", "cy.xlf", *case.args)

    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == case.expected
    assert english(root) == before
    stored = read_translations(root, "cy", Problems())
    refused_units = {
        line.split('unit "')[1].split('"')[0] for line in case.expected if 'unit "' in line
    }
    assert not refused_units & set(stored)
    if GOOD in case.changes and case.imports_good:
        assert stored[AUDIENCE].text == "Pawb sy’n gweithio yn yr adeilad."
        assert "cy: 1 translated" in result.stdout
