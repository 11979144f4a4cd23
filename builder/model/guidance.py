"""Course-specific guidance for facilitators (`guidance:` in course.yaml).

Each section is a heading and Markdown text that the facilitator handbook prints after its
agenda, in the order given. The builder adds no guidance of its own about any audience:
what to say about co-facilitation, pairs, pre-work or follow-up belongs to the course.
"""

from __future__ import annotations

from pydantic import Field

from builder.model.fields import Strict, Text


class GuidanceSection(Strict):
    title: Text = Field(description="the section's heading in the handbook")
    text: Text = Field(description="the guidance, in Markdown (paragraphs, lists, tables)")


def guidance_field() -> list[GuidanceSection]:
    return Field([], description="sections of guidance for facilitators, printed after the agenda")
