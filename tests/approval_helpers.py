"""Signers for approval tests: keys made here with ssh-keygen, never kept in the repository."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpers import FIXTURES

from builder.release.records import record_text
from builder.release.ssh import NAMESPACE

APPROVAL = "approval:\n  groups:\n    management: 1\n    union: 1\n"


@dataclass
class Signed:
    """A course copy with approval set up and two signers: mary (management), uma (union)."""

    root: Path
    keys: Path  # where the private keys are, outside the course

    def key(self, name: str) -> Path:
        return self.keys / name


def make_key(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True
    )
    return key


def signer_line(key: Path, name: str, group: str) -> str:
    kind, blob = (key.with_suffix(".pub").read_text().split()[:2])
    return f'{name} namespaces="{NAMESPACE}" {kind} {blob} group={group}\n'


def signed_course(tmp_path: Path, fixture: str = "minimal") -> Signed:
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / fixture, root)
    return add_signers(root, tmp_path / "keys")


def add_signers(root: Path, keys: Path) -> Signed:
    """Add `approval:` (management and union, one each) and the signers mary and uma."""
    with open(root / "course" / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write(APPROVAL)
    lines = [signer_line(make_key(keys, n), n, g) for n, g in (("mary", "management"), ("uma", "union"))]
    (root / "approvals").mkdir(exist_ok=True)
    (root / "approvals" / "allowed_signers").write_text("".join(lines), encoding="utf-8")
    make_key(keys, "eve")  # a key nobody lists
    return Signed(root, keys)


def approve_as(signed: Signed, name: str) -> None:
    from builder.tools.approve import approve

    approve(signed.root, name, signed.key(name), "", lambda _q: True, lambda _line: None)


# --- Release scenarios for the bad-input corpus: each sets a course up and returns the
# values its expected messages name ({hash}: the sources' content hash now, {old}: before).


def _short(root: Path) -> str:
    from builder.release.content_hash import content_hash, short

    return short(content_hash(root))


def scenario_unapproved(signed: Signed) -> dict[str, str]:
    return {"hash": _short(signed.root)}


def scenario_no_signers(signed: Signed) -> dict[str, str]:
    (signed.root / "approvals/allowed_signers").unlink()
    return {"hash": _short(signed.root)}


def scenario_bad_signer_lines(signed: Signed) -> dict[str, str]:
    (signed.root / "approvals/allowed_signers").write_text(
        "mary ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB\numa group=union\n", encoding="utf-8"
    )
    return {"hash": _short(signed.root)}


def _approved_and_forged(
    signed: Signed, approver: str, key: str, name: str, group: str
) -> dict[str, str]:
    """`approver` approves properly; then a record as `name` (`group`) signed with `key`."""
    from builder.release.content_hash import content_hash

    approve_as(signed, approver)
    forge_record(signed, key, name, group, content_hash(signed.root))
    return {"hash": _short(signed.root)}


def scenario_forged(signed: Signed) -> dict[str, str]:
    return _approved_and_forged(signed, "mary", "eve", "uma", "union")


def scenario_unknown_signer(signed: Signed) -> dict[str, str]:
    return _approved_and_forged(signed, "mary", "eve", "eve", "union")


def scenario_key_of_another_group(signed: Signed) -> dict[str, str]:
    return _approved_and_forged(signed, "mary", "mary", "uma", "union")


def scenario_claims_another_group(signed: Signed) -> dict[str, str]:
    return _approved_and_forged(signed, "uma", "mary", "mary", "union")


def scenario_older_hash(signed: Signed) -> dict[str, str]:
    approve_as(signed, "uma")
    old = _short(signed.root)
    page = signed.root / "modules/fire-basics/01-fire-triangle.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    approve_as(signed, "mary")
    return {"hash": _short(signed.root), "old": old}


def scenario_sources_changed(signed: Signed) -> dict[str, str]:
    approve_as(signed, "mary")
    approve_as(signed, "uma")
    old = _short(signed.root)
    page = signed.root / "modules/fire-basics/01-fire-triangle.md"
    page.write_text(page.read_text(encoding="utf-8").replace("heat", "warmth", 1), encoding="utf-8")
    return {"hash": _short(signed.root), "old": old}


def scenario_unsigned(signed: Signed) -> dict[str, str]:
    approve_as(signed, "mary")
    approve_as(signed, "uma")
    (signed.root / "approvals/1.0.0/uma.yaml.sig").unlink()
    return {"hash": _short(signed.root)}


def scenario_removed_signer(signed: Signed) -> dict[str, str]:
    approve_as(signed, "mary")
    approve_as(signed, "uma")
    signers = signed.root / "approvals/allowed_signers"
    signers.write_text(signers.read_text(encoding="utf-8").splitlines(keepends=True)[0])
    return {"hash": _short(signed.root)}


def scenario_approved(signed: Signed) -> dict[str, str]:
    approve_as(signed, "mary")
    approve_as(signed, "uma")
    return {"hash": _short(signed.root)}


def scenario_open_comment(signed: Signed) -> dict[str, str]:
    from builder.release.reviews import add_comment

    approve_as(signed, "mary")
    approve_as(signed, "uma")
    add_comment(signed.root, "1.0.0", "fire-basics/alarm", "mary", "management", "Too long.")
    return {"hash": _short(signed.root)}


SCENARIOS = {
    name.removeprefix("scenario_").replace("_", "-"): function
    for name, function in list(globals().items())
    if name.startswith("scenario_")
}


def forge_record(
    signed: Signed, key_name: str, name: str, group: str, content_hash: str, version: str = "1.0.0"
) -> Path:
    """Write a record as `name` (`group`) and sign it with `key_name`'s key, by hand."""
    text = record_text(
        {
            "course": "fire-safety",
            "version": version,
            "content_hash": content_hash,
            "name": name,
            "group": group,
            "time": "2026-01-02T03:04:05Z",
            "note": "",
        }
    )
    folder = signed.root / "approvals" / version
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{name}.yaml"
    record.write_text(text, encoding="utf-8")
    subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-f", str(signed.key(key_name)), "-n", NAMESPACE, str(record)],
        check=True,
        capture_output=True,
    )
    return record
