"""`accessibility:` in course.yaml: what only people can say in the accessibility statement.

The build drafts the statement from what it knows (see builder/render/statement.py); these
fields fill the parts that need a person. A missing field is said plainly in the draft.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from builder.model.fields import Strict, Text

COMPLIANCE = {
    "full": "fully compliant",
    "partial": "partially compliant",
    "not": "not compliant",
}


class Accessibility(Strict):
    contact: Text | None = Field(
        None,
        description="how to report a problem or ask for another format: an email address, "
        "phone number or web page",
    )
    last_tested: datetime.date | Literal["not yet"] | None = Field(
        None,
        description="the date of the last manual accessibility test, e.g. 2026-11-30, or "
        "`not yet` while no person has tested the course",
    )
    compliance: Literal["full", "partial", "not"] | None = Field(
        None, description="how far the course meets WCAG 2.2 AA: full, partial or not"
    )
    enforcement: Text | None = Field(
        None, description="the enforcement procedure paragraph for where the course is used"
    )
    limitations: list[Text] = Field(
        [], description="known limitations, each in a sentence, with any alternative"
    )

    def missing(self) -> list[str]:
        """The fields a person must still fill in, in the order the statement uses them."""
        wanted = ("contact", "last_tested", "compliance", "enforcement")
        return [name for name in wanted if getattr(self, name) is None]
