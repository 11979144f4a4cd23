"""`approval:` in course.yaml: which groups must sign a version off, and how many of each.

The group names come from the course (for example one group per side of a joint body);
the signers and their groups are listed in approvals/allowed_signers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from pydantic import Field

from builder.interface.catalogue import SOURCE, Interface, babel_locale
from builder.model.fields import Id, Strict

Count = Annotated[int, Field(ge=1, le=20)]


class Approval(Strict):
    groups: dict[Id, Count] = Field(
        min_length=1,
        description="each group that must approve a release, with how many of its signers",
    )
    open_comments_block_release: bool = Field(
        True, description="refuse a release build while any review comment is still open"
    )


@dataclass(frozen=True)
class Approver:
    """One valid approval of the content in a release package."""

    name: str
    group: str
    time: str  # ISO 8601, UTC
    fingerprint: str  # of the signer's public key, as ssh-keygen prints it
    note: str = ""
    record: str = ""  # the signed YAML record, exactly as signed
    signature: str = ""  # the armoured SSH signature over `record`


@dataclass(frozen=True)
class ReleaseStamp:
    """What a release build adds to every package: the approved hash and who approved it."""

    content_hash: str
    git_commit: str | None
    approvers: tuple[Approver, ...] = field(default_factory=tuple)

    def approved_line(self, language: str = SOURCE) -> str:
        """'Approved for release by A (g1) and B (g2) on 3 December 2026.', in `language`:
        the words from its interface catalogue, the list and the date by Babel's CLDR data."""
        from babel.dates import format_date

        words = Interface(language)
        names = [f"{a.name} ({a.group})" for a in self.approvers]
        last = max(a.time for a in self.approvers)
        day = date.fromisoformat(last[:10])
        return words.text(
            "release.approved",
            names=words.join(names),
            date=format_date(day, "long", locale=babel_locale(language)),
        )
