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
    with open(root / "course" / "course.yaml", "a", encoding="utf-8") as handle:
        handle.write(APPROVAL)
    keys = tmp_path / "keys"
    lines = [signer_line(make_key(keys, n), n, g) for n, g in (("mary", "management"), ("uma", "union"))]
    (root / "approvals").mkdir()
    (root / "approvals" / "allowed_signers").write_text("".join(lines), encoding="utf-8")
    make_key(keys, "eve")  # a key nobody lists
    return Signed(root, keys)


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
