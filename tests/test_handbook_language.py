"""The facilitator handbook says everything it adds in the course's language: in en-XA, with
the course's own texts pseudo-translated as the other en-XA tests do, no word of plain English
is left but question ids (the Welsh handbook is tested in test_pages_language.py). An
activity's notes come from what its module declares (`activities:`) and from the activity's
shape, never from its wording."""

from __future__ import annotations

import lxml.html
import pytest
from test_pages_language import FIXTURES, REPO, english_left, in_language

from builder import api
from builder.handbook.views import render_handbook

NOTES = "//section[@class='activity']//div[@class='notes']"
ALARM = "modules/fire-basics/02-alarm.md"
MODULE = "modules/fire-basics/module.md"


def question_ids(model) -> tuple[str, ...]:
    """The answer key prints each question's id: data, in any language."""
    ids = [q.id for m in model.modules if m.quiz for q in m.quiz.questions]
    return tuple(sorted(ids, key=len, reverse=True))


def notes_of(page: bytes) -> list[str]:
    tree = lxml.html.fromstring(page)
    return [
        " ".join(li.text_content().split()) for li in tree.xpath(NOTES + "//li | " + NOTES + "//p")
    ]


@pytest.mark.parametrize(
    "folder",
    [REPO, FIXTURES / "every-type", FIXTURES / "scenario", FIXTURES / "minimal"],
    ids=["bundled", "every-type", "scenario", "minimal"],
)
def test_no_english_is_left_in_the_en_xa_handbook(folder):
    model = in_language(folder, "en-XA")
    page = render_handbook(model)
    assert b'<html lang="en-XA"' in page
    assert english_left(page, question_ids(model)) == []
    notes = notes_of(page)
    has_activity = any(
        t.type == "container_activity_open"
        for m in model.modules
        for p in m.pages
        for t in p.tokens
    )
    assert bool(notes) == has_activity
    assert all(note.startswith("[") for note in notes), notes[:3]


def test_the_en_xa_handbook_has_every_part_the_english_one_has():
    """The check above is worth something only if the pseudo-localised handbook still holds
    the activity notes, discussion questions, scenario flows and self-assessment rules."""
    tree = lxml.html.fromstring(render_handbook(in_language(REPO, "en-XA")))
    english = lxml.html.fromstring(render_handbook(api.validate(REPO)[0]))
    for part in (
        NOTES + "//li",
        "//section[@class='discussion']//li",
        "//td[@class='score']",
        "//li[@class='rule']",
    ):
        assert len(tree.xpath(part)) == len(english.xpath(part)) > 0, part


def test_the_check_finds_english_left_in_the_handbook():
    model = in_language(REPO, "en-XA")
    page = render_handbook(model).replace(
        b"</body>", b"<p>Pens for both partners to sign the finished sheet.</p></body>"
    )
    assert english_left(page, question_ids(model)) == [
        "Pens for both partners to sign the finished sheet."
    ]
    assert english_left(b"<html><body><p>id why-07 (best)</p></body></html>", ("why-07",)) == [
        "id why-07 (best)"
    ]


def notes_for(make_course, page: str, front: str = "") -> list[str]:
    files = {ALARM: page}
    if front:
        text = (FIXTURES / "minimal" / MODULE).read_text(encoding="utf-8")
        files[MODULE] = text.replace("---\nThis module", front + "---\nThis module")
    model, _ = api.validate(make_course(files))
    return notes_of(render_handbook(model))


WORDY = (
    "# When the alarm sounds\n\n::: activity Walk the route\n"
    "Work as a pair from the same organisation, on your own service's real routes.\n\n"
    "1. Walk the route.\n2. Time it.\n\n"
    "What you produce: a one-page route map, signed by both of you, for the self-assessment.\n"
    ":::\n"
)


def test_an_activity_s_wording_does_not_choose_its_notes(make_course):
    """Words such as "same organisation", "signed", "real" and "self-assessment" in the
    activity add nothing; only the module's `activities:` does."""
    plain = notes_for(make_course, WORDY)
    for declared_only in ("Pens for both", "Ask participants", "Pair people", "Blank A4"):
        assert not any(n.startswith(declared_only) for n in plain), declared_only
    assert not any(n.startswith("A printed copy of the self-assessment") for n in plain)
    assert "Paper and pens for each pair to record what they agree." in plain
    declared = notes_for(
        make_course,
        WORDY,
        "activities:\n  alarm:\n    pairs: same-organisation\n"
        "    prepare: [one-page, signatures, real-examples, self-assessment]\n",
    )
    added = [n for n in declared if n not in plain]
    assert [n.split()[:3] for n in added] == [
        ["A", "printed", "copy"],  # the self-assessment
        ["Blank", "A4", "paper"],
        ["Pens", "for", "both"],
        ["Ask", "participants", "beforehand"],
        ["Pair", "people", "who"],
    ]


def test_the_paragraphs_around_the_steps_say_how_to_pair_and_what_is_produced(make_course):
    """In any language: the paragraph before the steps is quoted under Pairing, and the one
    after them, less a label up to a colon, is what each pair produces."""
    welsh = (
        "# When the alarm sounds\n\n::: activity Walk the route\n"
        "Gweithiwch mewn parau.\n\n1. Cerddwch.\n2. Amserwch.\n\n"
        "**Beth rydych chi’n ei gynhyrchu:** map un dudalen.\n:::\n"
    )
    notes = notes_for(make_course, welsh)
    assert "The activity asks: “Gweithiwch mewn parau.”" in notes
    assert notes[-1].startswith("map un dudalen. In the share-back")
    assert any(n.startswith("Allow about 25 minutes: 5 to introduce") for n in notes)


def test_a_lens_is_quoted_to_the_end_of_its_first_sentence_in_any_alphabet():
    from builder.handbook.activities import first_sentence

    assert first_sentence("Mae hyn yn wir.  Ŵyneb arall.") == "Mae hyn yn wir."
    assert first_sentence("[Ŷöû ɱàý šéé. Ŵĥàţ ţö đö ···]") == "[Ŷöû ɱàý šéé."
    assert first_sentence("It is so. “Quoted” next. e.g. this") == "It is so."
    assert first_sentence("One. two. Three.") == "One. two."
    assert first_sentence("No end") == "No end"
