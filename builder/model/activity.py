"""What the facilitator handbook needs to know about a module's activities (`activities:` in
a module's front matter), as fixed words rather than prose.

The handbook's notes for an activity (what to prepare, how to pair people) come from the
interface catalogue for the course's language, so the builder must not read them out of the
activity's English. An activity declares what it needs instead, keyed by the id of the page
that holds it:

    activities:
      reaching-everyone:
        pairs: same-organisation
        prepare: [signatures, real-examples]

An activity not listed gets the plain notes: its steps and paper for each pair, the course's
own pairing advice (course.yaml `framing.handbook.pair_up`) and a flipchart.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from builder.model.fields import Strict

Need = Literal["one-page", "signatures", "real-examples", "self-assessment"]
NEEDS: tuple[str, ...] = Need.__args__


class ActivityNeeds(Strict):
    pairs: Literal["any", "same-organisation"] = Field(
        "any",
        description="same-organisation: the handbook asks the facilitator to pair people from "
        "the same organisation or service; any: the course's own pairing advice",
    )
    prepare: list[Need] = Field(
        [],
        description="what to have ready besides the steps and a flipchart: one-page (blank A4 "
        "for a one-page result, when the page has no template), signatures (pens for both "
        "partners to sign it), real-examples (participants bring examples from their own "
        "service), self-assessment (a printed copy of the course's self-assessment)",
    )


def activities_field() -> Any:
    return Field(
        {},
        description="for the handbook: what each activity needs, by the id of the page that "
        "holds it",
    )
