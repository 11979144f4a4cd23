"""Approval records: approvals/<version>/<name>.yaml, signed in <name>.yaml.sig.

A record is small plain YAML (course, version, content hash, name, group, time, note); the
signature covers its exact bytes. Checking a version's records gives the valid approvals
and, for every record that does not count, one message saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.discover.sources import COURSE_FILE
from builder.model.approval import Approval, Approver
from builder.model.problems import Location, Problem, Problems
from builder.release import ssh
from builder.release.content_hash import short
from builder.release.signers import SIGNERS_FILE, Signer, read_signers

APPROVALS = "approvals"
FIELDS = ("course", "version", "content_hash", "name", "group", "time", "note")


@dataclass(frozen=True)
class Record:
    path: str  # relative to the course root
    text: str
    signature: str | None
    data: dict[str, str]

    @property
    def name(self) -> str:
        return self.data["name"]


def record_text(fields: dict[str, str]) -> str:
    head = "# An approval, signed with ssh-keygen: editing this file breaks its signature.\n"
    body = yaml.safe_dump(
        {k: fields[k] for k in FIELDS}, sort_keys=False, allow_unicode=True, width=88
    )
    return head + body


def version_folder(version: str) -> str:
    return f"{APPROVALS}/{version}"


def read_records(root: Path, version: str, problems: Problems) -> list[Record]:
    folder = root / version_folder(version)
    records = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.name == "contents.yaml":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            data = None
        if not isinstance(data, dict) or any(not isinstance(data.get(k), str) for k in FIELDS):
            problems.error(
                Location(rel), "is not an approval record: run dfc-course approve again"
            )
            continue
        sig = path.with_name(path.name + ".sig")
        signature = sig.read_text(encoding="ascii", errors="replace") if sig.is_file() else None
        records.append(Record(rel, text, signature, data))
    return records


def check_record(
    root: Path, record: Record, signers: dict[str, Signer]
) -> tuple[Approver | None, str | None]:
    """The approval this record gives, or why it gives none (hash not yet compared)."""
    data = record.data
    name, group = data["name"], data["group"]
    allowed = root / SIGNERS_FILE
    if record.signature is None:
        return None, f"has no signature ({Path(record.path).name}.sig): approve again"
    signer = signers.get(name)
    if signer is None:
        return None, f"{name} is not in {SIGNERS_FILE}: unknown signer"
    if signer.group != group:
        return None, (
            f"{name} signed as {group}, but {SIGNERS_FILE} puts {name} in {signer.group}: "
            "a signer in another group"
        )
    if not ssh.verify(allowed, name, record.text.encode("utf-8"), record.signature):
        owners = [p for p in ssh.find_principals(allowed, record.signature) if p != name]
        if owners and owners[0] in signers:
            owner = signers[owners[0]]
            kind = "a signer in another group" if owner.group != group else "bad signature"
            return None, f"was signed with the key of {owner.name} ({owner.group}), not {name}'s: {kind}"
        return None, "the signature does not match this record: bad signature"
    approver = Approver(
        name=name,
        group=group,
        time=data["time"],
        fingerprint=ssh.fingerprint(signer.public_key),
        note=data["note"],
        record=record.text,
        signature=record.signature,
    )
    return approver, None


def check_approvals(
    root: Path, course_id: str, version: str, approval: Approval, current: str
) -> tuple[list[Approver], list[Problem]]:
    """Valid approvals of `current` for this version, and every reason a release is refused."""
    problems = Problems()
    signers = read_signers(root, problems)
    records = read_records(root, version, problems)
    checked: list[tuple[Record, Approver]] = []
    for record in records:
        approver, reason = check_record(root, record, signers)
        if reason is not None:
            problems.error(Location(record.path), reason)
        elif approver is not None:
            checked.append((record, approver))
    any_current = any(r.data["content_hash"] == current for r, _ in checked)
    valid: list[Approver] = []
    for record, approver in checked:
        data = record.data
        if data["course"] != course_id or data["version"] != version:
            problems.error(
                Location(record.path),
                f"approves {data['course']} {data['version']}, not {course_id} {version}: wrong version",
            )
        elif data["content_hash"] != current and any_current:
            problems.error(
                Location(record.path),
                f"approves content hash {short(data['content_hash'])}, not the current "
                f"{short(current)}: wrong hash",
            )
        elif data["content_hash"] != current:
            problems.error(
                Location(record.path),
                f"approves content hash {short(data['content_hash'])}, but the sources now hash "
                f"to {short(current)}: the sources changed since approval",
            )
        else:
            valid.append(approver)
    for group, needed in approval.groups.items():
        have = len({a.name for a in valid if a.group == group})
        if have < needed:
            problems.error(
                Location(COURSE_FILE),
                f"approval: {group} needs {needed} valid "
                f"approval{'s' if needed != 1 else ''} of {short(current)}, and has {have}",
            )
    order = {group: n for n, group in enumerate(approval.groups)}
    valid.sort(key=lambda a: (order.get(a.group, len(order)), a.group, a.name))
    return valid, problems.items
