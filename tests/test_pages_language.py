"""The accessibility statement and the facilitator handbook take their own words from the
interface catalogues: rendered in en-XA, with the course's own texts pseudo-translated as a
translator's would be, no word of plain English is left but data (ids, versions, file and
field names, addresses); in Welsh the words are Welsh."""

from __future__ import annotations

import copy
import datetime
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from builder import api
from builder.load.localise import localise, pseudo_translations
from builder.render.pages import make_environment
from builder.render.statement import render_statement

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
WORD = re.compile(r"[A-Za-z]{3,}")
# Data on these pages that no catalogue translates.
DATA = re.compile(
    r"https?://\S+|[\w.-]+@[\w.-]+|\b(?:course\.yaml|accessibility\.\w+|axe-core|WCAG)\b"
    r"|\b(?:full|partial|not)\b(?= ?[,)])|\bid [\w-]+"
)


def in_language(folder: Path, language: str):
    model, _ = api.validate(folder)
    if language == "en-XA":
        return localise(model, language, pseudo_translations(model), allow_partial=True)[0]
    return with_course(model, model.course.model_copy(update={"language": language}))


def with_course(model, course):
    """A copy of the loaded course `model` with another course.yaml model."""
    copied = copy.copy(model)
    copied.course = course
    return copied


def english_left(page: bytes, extra: tuple[str, ...] = ()) -> list[str]:
    """Each visible text and label with a word in plain ASCII letters that is not data."""
    tree = lxml_html.fromstring(page)
    texts = tree.xpath("//body//text()[not(ancestor::style) and not(ancestor::script)]")
    texts += tree.xpath("//@aria-label | //title/text() | //@alt")
    left = []
    for text in texts:
        rest = DATA.sub("", text)
        for word in extra:
            rest = rest.replace(word, "")
        if WORD.search(rest):
            left.append(text.strip()[:80])
    return left


@pytest.mark.parametrize("folder", [REPO, FIXTURES / "every-type"], ids=["bundled", "every-type"])
def test_the_accessibility_statement_in_en_xa_has_no_english_left(folder):
    page = render_statement(in_language(folder, "en-XA"), make_environment())
    assert b'<html lang="en-XA"' in page
    assert english_left(page) == []


def test_the_check_finds_english_left_in_the_statement():
    page = render_statement(in_language(REPO, "en-XA"), make_environment())
    assert english_left(page.replace(b"</article>", b"<p>Compliance status</p></article>")) == [
        "Compliance status"
    ]


def test_the_accessibility_statement_in_welsh():
    page = render_statement(in_language(FIXTURES / "every-type", "cy"), make_environment())
    text = page.decode("utf-8")
    assert '<html lang="cy"' in text
    assert "<h2>Y weithdrefn orfodi</h2>" in text
    assert "<strong>Drafft yw’r datganiad hwn.</strong>" in text
    assert "Enforcement procedure" not in text and "This statement" not in text


def test_a_test_date_is_written_in_the_course_language():
    model, _ = api.validate(REPO)
    dated = model.course.accessibility.model_copy(
        update={"last_tested": datetime.date(2026, 12, 3)}
    )
    for language, said in (("en-GB", "on 3 December 2026."), ("cy", "ar 3 Rhagfyr 2026.")):
        course = model.course.model_copy(update={"language": language, "accessibility": dated})
        page = render_statement(with_course(model, course), make_environment())
        assert said in page.decode("utf-8"), language


def test_the_handbook_in_welsh_takes_its_paragraphs_from_the_catalogue():
    from builder.handbook.views import render_handbook

    page = render_handbook(in_language(REPO, "cy")).decode("utf-8")
    assert '<html lang="cy"' in page
    assert "Mae’r agenda’n dod yn gyntaf." in page
    assert "Erbyn diwedd y modiwl hwn, bydd y cyfranogwyr yn gallu:" in page
    assert "Croeso, cyflwyniadau a ffurfio parau" in page and "Rownd 1: " in page
    assert "<td>Egwyl</td>" in page or ">Egwyl<" in page
    assert "Siart troi i gasglu un pwynt gan bob pâr wrth adrodd yn ôl." in page  # activity notes
    assert "Beiros i’r ddau bartner lofnodi’r ddalen orffenedig." in page
    assert "Caniatewch tua 35 munud: 5 i gyflwyno’r gweithgaredd" in page
    assert "(gorau)" in page and "Gyda’ch gilydd: ar “" in page
    for english in (
        *("The agenda comes first", "By the end of this module", "Leads to", "Round 1"),
        *("A flipchart", "Pens for both", "Allow about", "(best)", "Together: on"),
    ):
        assert english not in page, english


def test_welsh_counts_in_the_handbook_take_the_form_cldr_gives_them():
    """0, 1, 2, 3, 6 and 7 are CLDR's zero, one, two, few, many and other in Welsh: the
    answer key's question count mutates its noun by them."""
    from builder.interface.catalogue import Interface

    welsh = Interface("cy")
    said = [str(welsh.html("handbook.key_count", n, pass_mark=80)) for n in (0, 1, 2, 3, 6, 7)]
    assert said == [
        "0 cwestiwn. Marc llwyddo 80%.",
        "1 cwestiwn. Marc llwyddo 80%.",
        "2 gwestiwn. Marc llwyddo 80%.",
        "3 chwestiwn. Marc llwyddo 80%.",
        "6 chwestiwn. Marc llwyddo 80%.",
        "7 cwestiwn. Marc llwyddo 80%.",
    ]
