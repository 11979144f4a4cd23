"""release.json: what a release package says about where it came from and who approved it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from builder.model.approval import ReleaseStamp
from builder.model.course import Course
from builder.release.ssh import NAMESPACE

RELEASE_FILE = "release.json"


def release_json(course: Course, stamp: ReleaseStamp, target: str, package: str) -> bytes:
    data: dict[str, Any] = {
        "course": course.id,
        "version": course.version,
        "content_hash": stamp.content_hash,
        "git_commit": stamp.git_commit,
        "package": package,
        "format": target,
        "signature_namespace": NAMESPACE,
        "approved": stamp.approved_line(),
        "approvals": [
            {
                "name": a.name,
                "group": a.group,
                "time": a.time,
                "key_fingerprint": a.fingerprint,
                "note": a.note,
                "record": a.record,
                "signature": a.signature,
            }
            for a in stamp.approvers
        ],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def git_commit(root: Path) -> str | None:
    """The commit checked out at `root`, when it is in a git work tree and git is installed."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.decode("ascii", "replace").strip()
    return text if result.returncode == 0 and text else None
