"""`preview --review`: the reviewer's comment desk on the preview server.

GET /__dfc/reviews lists the version's comments; POST /__dfc/reviews adds one (screen, an
optional block, question or option id, text); POST /__dfc/reviews/resolve marks one
resolved or open again. Comments are saved in reviews/<version>.yaml at once, under a lock
(builder/release/reviews.py), so reviewers writing at the same time lose nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from builder.model.problems import Problems, TrainerError
from builder.release.reviews import STATUSES, add_comment, read_comments, set_status
from builder.release.signers import SIGNERS_FILE, read_signers

MAX_TEXT = 4000


@dataclass
class ReviewDesk:
    root: Path
    name: str
    group: str

    @classmethod
    def for_reviewer(cls, root: Path, name: str) -> ReviewDesk:
        problems = Problems()
        signers = read_signers(root, problems)
        if name not in signers:
            raise TrainerError(
                f"{name} is not in {SIGNERS_FILE}: reviewers are the signers listed there"
            )
        return cls(root, name, signers[name].group)

    def version(self) -> str:
        from builder.load.yamlfile import parse_yaml

        text = (self.root / "course" / "course.yaml").read_text(encoding="utf-8")
        data = parse_yaml(text, "course/course.yaml").data
        return str(data.get("version")) if isinstance(data, dict) else "unknown"

    def listing(self) -> dict[str, Any]:
        version = self.version()
        return {
            "version": version,
            "reviewer": {"name": self.name, "group": self.group},
            "comments": [asdict(c) for c in read_comments(self.root, version)],
        }

    def post(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """(HTTP status, answer) for a POST under /__dfc/reviews."""
        try:
            sent = json.loads(body or b"{}")
        except ValueError:
            return 400, {"error": "not JSON"}
        if not isinstance(sent, dict):
            return 400, {"error": "not an object"}
        version = self.version()
        if path == "/__dfc/reviews/resolve":
            status = sent.get("status", "resolved")
            number = sent.get("id")
            if status not in STATUSES or not isinstance(number, int):
                return 400, {"error": "needs id and status"}
            comment = set_status(self.root, version, number, status)
            if comment is None:
                return 404, {"error": f"no comment {number}"}
            return 200, asdict(comment)
        screen, text, anchor = sent.get("screen"), sent.get("text"), sent.get("anchor")
        if not isinstance(screen, str) or not screen or not isinstance(text, str):
            return 400, {"error": "needs screen and text"}
        if not text.strip() or len(text) > MAX_TEXT:
            return 400, {"error": f"a comment holds 1 to {MAX_TEXT} characters"}
        if anchor is not None and not isinstance(anchor, str):
            return 400, {"error": "anchor must be text"}
        comment = add_comment(
            self.root, version, screen, self.name, self.group, text, anchor or None
        )
        return 200, asdict(comment)
