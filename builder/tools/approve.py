"""`dfc-course approve` and `dfc-course approvals`: sign a version off, list who has."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from builder.model.problems import Problems, TrainerError
from builder.release import ssh
from builder.release.changes import CONTENTS, compare, contents_text, item_digests, last_approved
from builder.release.content_hash import content_hash, short
from builder.release.package_info import git_commit
from builder.release.records import (
    APPROVALS,
    Record,
    check_record,
    read_records,
    record_text,
    version_folder,
)
from builder.release.signers import SIGNERS_FILE, read_signers


def approve(
    root: Path,
    name: str,
    key: Path,
    note: str,
    confirm: Callable[[str], bool],
    echo: Callable[[str], None],
) -> Path:
    """Show what is being approved; after `confirm`, sign it and write the record."""
    from builder import api

    model, _warnings = api.validate(root)
    course = model.course
    if course.approval is None:
        raise TrainerError(
            "course/course.yaml: approval: is not set: name the groups that must approve "
            "(see docs/approval.md)"
        )
    problems = Problems()
    signers = read_signers(root, problems)
    if problems.items:
        raise TrainerError(problems.items[0].format())
    signer = signers.get(name)
    if signer is None:
        raise TrainerError(f"{name} is not in {SIGNERS_FILE}: only the signers listed there can approve")
    current = content_hash(root)
    digests = item_digests(model, root)
    previous = last_approved(root, current)
    changes = compare(previous[1] if previous else None, digests, previous[0] if previous else None)
    echo(f"course:        {course.title} ({course.id})")
    echo(f"version:       {course.version}")
    echo(f"content hash:  {current}")
    echo(f"approving as:  {name} ({signer.group})")
    since = f" since the last approved version ({changes.since})" if changes.since else ""
    echo(f"what changed{since}:")
    for line in changes.lines():
        echo(f"  {line}")
    if not confirm(f"Sign this approval of {course.version} as {name} ({signer.group})?"):
        raise TrainerError("not approved: nothing was signed")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    text = record_text(
        {
            "course": course.id,
            "version": course.version,
            "content_hash": current,
            "name": name,
            "group": signer.group,
            "time": stamp,
            "note": note,
        }
    )
    signature = ssh.sign(key, text.encode("utf-8"))
    allowed = root / SIGNERS_FILE
    if not ssh.verify(allowed, name, text.encode("utf-8"), signature):
        owners = [p for p in ssh.find_principals(allowed, signature) if p in signers]
        whose = f": it is {owners[0]}'s ({signers[owners[0]].group})" if owners else ""
        raise TrainerError(
            f"{key} is not {name}'s key in {SIGNERS_FILE}{whose}; nothing was signed"
        )
    folder = root / version_folder(course.version)
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{name}.yaml"
    record.write_text(text, encoding="utf-8", newline="\n")
    record.with_name(record.name + ".sig").write_text(signature, encoding="ascii", newline="\n")
    (folder / CONTENTS).write_text(contents_text(current, stamp, digests), encoding="utf-8")
    return record


def approvals_report(root: Path) -> list[str]:
    """Per version: who approved which hash, whether each signature verifies, whether the
    sources still match."""
    from builder import api

    model, _warnings = api.validate(root)
    course = model.course
    current = content_hash(root)
    problems = Problems()
    signers = read_signers(root, problems)
    lines = [f"the sources of {course.id} {course.version} hash to {current}"]
    lines += [p.format() for p in problems.items]
    base = root / APPROVALS
    versions = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    if not versions:
        lines.append("no version has been approved yet")
    for version in versions:
        found = Problems()
        records = read_records(root, version, found)
        lines.append(f"version {version}{' (current)' if version == course.version else ''}:")
        lines += [f"  {p.format()}" for p in found.items]
        for record in records:
            lines.append("  " + _record_line(root, record, signers, current))
        if not records and not found.items:
            lines.append("  no approvals")
    commit = git_commit(root)
    if commit:
        lines.append(f"git commit: {commit}")
    return lines


def _record_line(root: Path, record: Record, signers: dict, current: str) -> str:
    data = record.data
    _approver, reason = check_record(root, record, signers)
    verdict = "signature verifies" if reason is None else f"signature NOT valid ({reason})"
    matches = (
        "the sources still match"
        if data["content_hash"] == current
        else "the sources have changed since"
    )
    when = data["time"].replace("T", " ").replace("Z", " UTC")
    return (
        f"{data['name']} ({data['group']}) approved {short(data['content_hash'])} on {when}: "
        f"{verdict}; {matches}"
    )
