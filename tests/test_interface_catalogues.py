"""Interface catalogues: every shipped language has every key, with the same placeholders;
plurals follow CLDR; the runtime's English defaults are the en-GB catalogue's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from builder.interface.catalogue import (
    PSEUDO,
    SOURCE,
    Interface,
    messages,
    placeholders,
    plural_category,
    pseudo,
    shipped,
)

REPO = Path(__file__).parents[1]
CATALOGUES = REPO / "builder" / "interface" / "catalogues"
RUNTIME = REPO / "builder" / "runtime"
LITERAL = r"'(?:[^'\\]|\\.)*'"
ENGLISH = rf"{LITERAL}(?:\s*\+\s*{LITERAL})*"  # one string literal, or several joined by +
CALL = re.compile(rf"DFC\.t\('([a-z_.]+)',\s*({ENGLISH})")
PLURAL_CALL = re.compile(
    rf"DFC\.tp\('([a-z_.]+)',[^{{]*\{{\s*one:\s*({ENGLISH}),\s*other:\s*({ENGLISH})\s*\}}"
)


def english(source: str) -> str:
    """The text of a JS string literal, or of literals joined by +."""
    return "".join(
        text.replace("\\'", "'") for text in re.findall(r"'((?:[^'\\]|\\.)*)'", source)
    )


def problems(source: dict, other: dict) -> list[str]:
    """What a catalogue lacks or gets wrong, compared with the source."""
    found = [f"missing: {key}" for key in source if key not in other]
    found += [f"unknown: {key}" for key in other if key not in source]
    for key, message in source.items():
        if key not in other:
            continue
        if placeholders(other[key]) != placeholders(message):
            found.append(f"placeholders differ: {key}")
        if isinstance(message, dict) != isinstance(other[key], dict):
            found.append(f"plural forms differ: {key}")
        if isinstance(other[key], dict) and "other" not in other[key]:
            found.append(f"no `other` form: {key}")
    return found


@pytest.mark.parametrize("language", [lang for lang in shipped() if lang != SOURCE])
def test_every_shipped_catalogue_has_every_key_with_the_same_placeholders(language):
    assert problems(messages(SOURCE), messages(language)) == []


def test_the_check_fails_on_a_missing_key_or_a_changed_placeholder():
    source = messages(SOURCE)
    broken = dict(messages("cy"))
    del broken["start.button"]
    broken["progress.done"] = "{done} o {cyfanswm}"
    assert problems(source, broken) == [
        "missing: start.button",
        "placeholders differ: progress.done",
    ]


def test_welsh_plurals_have_all_six_cldr_forms():
    forms = {plural_category("cy", n) for n in (0, 1, 2, 3, 6, 7)}
    assert forms == {"zero", "one", "two", "few", "many", "other"}
    assert set(messages("cy")["overview.pages"]) == forms
    welsh = Interface("cy")
    assert welsh.plural("overview.pages", 2) == "2 dudalen"
    assert Interface(SOURCE).plural("overview.pages", 1) == "1 page"
    assert Interface(SOURCE).plural("overview.pages", 3) == "3 pages"


def test_the_pseudo_locale_is_accented_longer_bracketed_and_keeps_placeholders():
    for key, message in messages(SOURCE).items():
        for text, fake in (
            zip(message.values(), pseudo(message).values(), strict=True)
            if isinstance(message, dict)
            else [(message, pseudo(message))]
        ):
            assert fake.startswith("[") and fake.endswith("]"), key
            assert len(fake) >= 1.4 * len(text), key
            assert set(re.findall(r"\{[a-z_]+\}", fake)) == set(re.findall(r"\{[a-z_]+\}", text))
            letters = re.sub(r"\{[a-z_]+\}", "", fake)
            assert not re.search(r"[A-Za-z]", letters), (key, fake)
    assert PSEUDO in shipped()


def runtime_calls() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    scripts = [path.read_text(encoding="utf-8") for path in sorted(RUNTIME.glob("*.js"))]
    return (
        [c for text in scripts for c in CALL.findall(text)],
        [c for text in scripts for c in PLURAL_CALL.findall(text)],
    )


def test_the_runtime_english_is_the_catalogue_english():
    """Each DFC.t('key', 'English') in the runtime names a key whose en-GB text is that English,
    and each DFC.tp('key', n, { one: …, other: … }) the key's English plural forms."""
    source = messages(SOURCE)
    calls, plurals = runtime_calls()
    assert len(calls) >= 50 and len(plurals) >= 3
    for key, text in calls:
        assert source[key] == english(text), key
    for key, one, other in plurals:
        assert source[key] == {"one": english(one), "other": english(other)}, key


def test_every_catalogue_call_in_the_runtime_is_one_the_check_reads():
    """A call the patterns above cannot read would escape the check: there are none."""
    calls, plurals = runtime_calls()
    written = sum(
        len(re.findall(r"DFC\.tp?\(", path.read_text(encoding="utf-8")))
        for path in RUNTIME.glob("*.js")
    )
    assert written == len(calls) + len(plurals)


def test_the_welsh_catalogue_is_marked_for_review():
    text = (CATALOGUES / "cy.yaml").read_text(encoding="utf-8")
    assert "not yet checked by a Welsh-speaking reviewer" in text
    assert yaml.safe_load(text)


def test_the_approved_line_is_in_the_course_language_with_its_own_list_and_date():
    from builder.model.approval import Approver, ReleaseStamp

    stamp = ReleaseStamp(
        "hash",
        None,
        (
            Approver("Ann Jones", "council", "2026-12-01T10:00:00Z", "fp1"),
            Approver("Bryn Ellis", "union", "2026-12-03T09:30:00Z", "fp2"),
        ),
    )
    assert stamp.approved_line() == (
        "Approved for release by Ann Jones (council) and Bryn Ellis (union) on 3 December 2026."
    )
    welsh = stamp.approved_line("cy")
    assert welsh.startswith("Cymeradwywyd i’w ryddhau gan Ann Jones (council) a")
    assert welsh.endswith("Bryn Ellis (union) ar 3 Rhagfyr 2026.")


SOURCES = [REPO / "builder"]
QUOTED_KEY = re.compile(r"""["']([a-z][a-z_-]*(?:\.[a-z][a-z0-9_-]*)+)["']""")
# A key built from a prefix: f"report.col.{name}" in Python, "statement.status." ~ x in jinja2.
BUILT_PREFIX = re.compile(r"""f["']([a-z][a-z_.-]*[._])\{|["']([a-z][a-z_.-]*\.)["']\s*~""")
# ...or from a suffix: f"{key}.titled".
BUILT_SUFFIX = re.compile(r"""f["']\{[a-z_]+\}(\.[a-z_]+)["']""")


def used_keys() -> tuple[set[str], set[str], set[str]]:
    """Every key named whole in the builder's Python, templates and runtime, and every prefix
    and suffix from which a key is built."""
    whole, prefixes, suffixes = set(), set(), set()
    for folder in SOURCES:
        for path in folder.rglob("*"):
            if path.suffix not in (".py", ".html", ".js") or "catalogues" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            whole |= set(QUOTED_KEY.findall(text))
            prefixes |= {a or b for a, b in BUILT_PREFIX.findall(text)}
            suffixes |= set(BUILT_SUFFIX.findall(text))
    return whole, prefixes, suffixes


def unused(catalogue: dict, whole: set[str], prefixes: set[str], suffixes: set[str]) -> list:
    return [
        key
        for key in catalogue
        if key not in whole
        and not any(key.startswith(prefix) for prefix in prefixes)
        and not any(key.endswith(suffix) for suffix in suffixes)
    ]


def test_every_key_of_the_shipped_catalogues_is_used():
    """A key nothing asks for is dead text a translator would still have to translate."""
    whole, prefixes, suffixes = used_keys()
    assert len(whole) >= 300 and "report.col." in prefixes and ".titled" in suffixes
    assert unused(messages(SOURCE), whole, prefixes, suffixes) == []


def test_the_unused_key_check_finds_a_key_nothing_uses():
    whole, prefixes, suffixes = used_keys()
    catalogue = {**messages(SOURCE), "handbook.node": "(node {id})", "report.colour": "x"}
    assert unused(catalogue, whole, prefixes, suffixes) == ["handbook.node", "report.colour"]
