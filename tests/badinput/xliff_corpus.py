"""Bad XLIFF returned to `dfc-course translate import`, each with exactly what it must print.

Every case exports tests/fixtures/minimal for Welsh (cy.xlf), applies its changes to the
file (and, for staleness, to the course after the export), then imports it. `expected` is
stderr line by line; a refused unit never stops the others being imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

NS = "urn:oasis:names:tc:xliff:document:1.2"
PARAGRAPH = "page/fire-basics/fire-triangle:top.p1"
AUDIENCE = "course:audience"


def unit(root: etree._Element, unit_id: str) -> etree._Element:
    return root.find(f".//{{{NS}}}trans-unit[@id='{unit_id}']")


def target(unit_id: str, inner: str) -> Callable[[etree._Element], None]:
    """Give a unit a target written as XLIFF markup."""

    def change(root: etree._Element) -> None:
        element = unit(root, unit_id)
        new = etree.fromstring(f'<target xmlns="{NS}">{inner}</target>')
        element.find(f"{{{NS}}}source").addnext(new)

    return change


def rename(unit_id: str, new_id: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        unit(root, unit_id).set("id", new_id)

    return change


def drop_hash(unit_id: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        element = unit(root, unit_id)
        for group in element.findall(f"{{{NS}}}context-group"):
            if group.get("purpose") == "x-dfc-staleness":
                element.remove(group)

    return change


def languages(value: str, first_only: bool = False) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for file in root.findall(f"{{{NS}}}file")[: 1 if first_only else None]:
            file.set("target-language", value)

    return change


@dataclass(frozen=True)
class XliffCase:
    expected: list[str]
    changes: tuple[Callable[[etree._Element], None], ...] = ()
    text: Callable[[str], str] | None = None  # a change to the file as text
    course: dict[str, tuple[str, str]] = field(default_factory=dict)  # after the export
    args: tuple[str, ...] = ()
    imports_good: bool = True  # the good unit (GOOD) is imported beside the refusal


GOOD = target(AUDIENCE, "Pawb sy’n gweithio yn yr adeilad.")

CASES: dict[str, XliffCase] = {
    "not well-formed XML": XliffCase(
        ["cy.xlf:858: error: is not well-formed XML: Premature end of data in tag xliff line 2"],
        text=lambda xml: xml.replace("</xliff>", ""),
    ),
    "not valid XLIFF 1.2": XliffCase(
        [
            "cy.xlf:4: error: is not valid XLIFF 1.2: Element 'colour': This element is not "
            "expected. Expected is one of ( skl, phase-group, glossary, reference, count-group, "
            "note, tool, ##other* )."
        ],
        text=lambda xml: xml.replace("<header>", "<header><colour/>", 1),
    ),
    "another language than asked": XliffCase(
        ['cy.xlf:3: error: the target language is "cy", not "fr" as asked'],
        args=("--language", "fr"),
    ),
    "the course's own language as the target": XliffCase(
        [
            "error: en-GB is the course's own language (course/course.yaml language): "
            "choose the language to translate into"
        ],
        changes=(languages("en-GB"),),
    ),
    "two target languages in one file": XliffCase(
        [
            "cy.xlf:3: error: holds more than one target language (cy, fr): import one language at a time"
        ],
        changes=(languages("fr", first_only=True),),
    ),
    "an unknown unit id": XliffCase(
        ['cy.xlf:31: error: unit "course:audiance" is not in the course (unknown unit id)'],
        changes=(GOOD, rename(AUDIENCE, "course:audiance")),
        imports_good=False,
    ),
    "a stale unit: the English changed after the export": XliffCase(
        [
            f'cy.xlf:377: error: unit "{PARAGRAPH}" is stale: the English has changed since this '
            "file was exported; export it again"
        ],
        changes=(
            GOOD,
            target(
                PARAGRAPH,
                'Mae angen tri pheth: <g id="1">gwres</g>, <g id="2">tanwydd</g> '
                'ac <g id="3">ocsigen</g>.',
            ),
        ),
        course={"modules/fire-basics/01-fire-triangle.md": ("Take one away", "Take any one away")},
    ),
    "a unit without the export's source hash": XliffCase(
        [
            f'cy.xlf:31: error: unit "{AUDIENCE}" carries no source hash from `dfc-course '
            "translate export`; export it again"
        ],
        changes=(GOOD, drop_hash(AUDIENCE)),
        imports_good=False,
    ),
    "inline codes missing from the translation": XliffCase(
        [
            f'cy.xlf:380: error: unit "{PARAGRAPH}" has inline codes that differ from the '
            'English: expected <g id="1">, <g id="2">, <g id="3">, found <g id="1">, <g id="3">'
        ],
        changes=(
            GOOD,
            target(PARAGRAPH, '<g id="1">gwres</g>, tanwydd ac <g id="3">ocsigen</g>.'),
        ),
    ),
    "inline codes renumbered": XliffCase(
        [
            f'cy.xlf:380: error: unit "{PARAGRAPH}" has inline codes that differ from the '
            'English: expected <g id="1">, <g id="2">, <g id="3">, found <g id="1">, <g id="2">, '
            '<g id="4">'
        ],
        changes=(
            GOOD,
            target(PARAGRAPH, '<g id="1">gwres</g>, <g id="2">tanwydd</g>, <g id="4">ocsigen</g>'),
        ),
    ),
    "inline markup the English does not have": XliffCase(
        [
            f'cy.xlf:380: error: unit "{PARAGRAPH}" has inline markup the English does not '
            'have: <bpt id="9">'
        ],
        changes=(
            GOOD,
            target(
                PARAGRAPH,
                '<g id="1">gwres</g>, <g id="2">tanwydd</g>, <g id="3">ocsigen</g>'
                '<bpt id="9">&lt;b&gt;</bpt>',
            ),
        ),
    ),
}
