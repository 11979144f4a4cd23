"""approvals/allowed_signers: one line per signer, in OpenSSH's format, with their group.

    alice namespaces="dfc-course-approval" ssh-ed25519 AAAA... group=management

The first field names the signer (as `approve --as` does); the comment at the end holds
`group=NAME`. ssh-keygen reads the same file to check signatures.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from builder.model.problems import Location, Problems

SIGNERS_FILE = "approvals/allowed_signers"
KEY_TYPES = ("ssh-", "ecdsa-", "sk-ssh-", "sk-ecdsa-")


@dataclass(frozen=True)
class Signer:
    name: str
    group: str
    public_key: str  # "type base64"
    line: int


def read_signers(root: Path, problems: Problems) -> dict[str, Signer]:
    """Every signer in allowed_signers by name; malformed lines go to `problems`."""
    path = root / SIGNERS_FILE
    if not path.is_file():
        problems.error(
            Location(SIGNERS_FILE),
            "not found: list each signer's public key and group here (see docs/approval.md)",
        )
        return {}
    signers: dict[str, Signer] = {}
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        signer = _parse(line, number)
        where = Location(SIGNERS_FILE, number)
        if signer is None:
            problems.error(
                where,
                "is not a signer line: write NAME [options] KEY-TYPE KEY group=GROUP",
            )
        elif not signer.group:
            problems.error(where, f"{signer.name} has no group: end the line with group=GROUP")
        else:
            for name in signer.name.split(","):
                signers.setdefault(name, Signer(name, signer.group, signer.public_key, number))
    return signers


def _parse(line: str, number: int) -> Signer | None:
    try:
        words = shlex.split(line)
    except ValueError:
        return None
    at = next((i for i, w in enumerate(words) if w.startswith(KEY_TYPES)), None)
    if at is None or at not in (1, 2) or len(words) < at + 2:
        return None
    groups = [w.split("=", 1)[1] for w in words[at + 2 :] if w.startswith("group=")]
    return Signer(words[0], groups[0] if groups else "", f"{words[at]} {words[at + 1]}", number)
