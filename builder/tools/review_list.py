"""`dfc-course reviews`: the review comments by screen, as text or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from builder.release.reviews import read_comments, reviews_file


def list_reviews(root: Path, only_open: bool, output: str, version: str | None) -> str:
    from builder import api

    model, _warnings = api.validate(root)
    version = version or model.course.version
    comments = read_comments(root, version)
    if only_open:
        comments = [c for c in comments if c.status == "open"]
    # By screen in course order; comments on screens that no longer exist come last.
    order = {f"{m.id}/overview": n for n, m in enumerate(model.modules)}
    position = 0
    for module in model.modules:
        for key in (f"{module.id}/overview", *[f"{module.id}/{p.id}" for p in module.pages]):
            order[key] = position
            position += 1
        order[f"{module.id}/quiz"] = position
        position += 1
    comments.sort(key=lambda c: (order.get(c.screen, position), c.screen, c.id))
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "screen", "anchor", "status", "author", "group", "time", "text"])
        for c in comments:
            writer.writerow([c.id, c.screen, c.anchor or "", c.status, c.author, c.group, c.time, c.text])
        return buffer.getvalue()
    if not comments:
        kind = "open comments" if only_open else "comments"
        return f"no {kind} on version {version} ({reviews_file(version)})\n"
    lines: list[str] = []
    screen = None
    for c in comments:
        if c.screen != screen:
            screen = c.screen
            missing = "" if c.screen in order else " (no such screen now)"
            lines.append(f"{screen}{missing}")
        anchor = f" on {c.anchor}" if c.anchor else ""
        lines.append(f"  #{c.id} [{c.status}] {c.author} ({c.group}), {c.time}{anchor}:")
        lines += [f"    {line}" for line in c.text.splitlines()]
    open_count = sum(c.status == "open" for c in comments)
    lines.append(f"{len(comments)} comments, {open_count} open")
    return "\n".join(lines) + "\n"
