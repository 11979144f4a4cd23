"""Review comments tied to screens: reviews/<version>.yaml, plain YAML that reads well in a diff.

Every change is a read, change and atomic replace under an exclusive lock on a lock file
beside it, so two reviewers saving at once (two requests, or two previews of one folder)
never lose a comment.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.model.problems import TrainerError

REVIEWS = "reviews"
STATUSES = ("open", "resolved")
_THREAD_LOCK = threading.Lock()


@dataclass(frozen=True)
class Comment:
    id: int
    screen: str
    author: str
    group: str
    text: str
    time: str
    status: str = "open"
    anchor: str | None = None  # a block, question or option id on the screen

    def as_yaml(self) -> dict[str, Any]:
        data = asdict(self)
        if self.anchor is None:
            del data["anchor"]
        order = ("id", "screen", "anchor", "status", "author", "group", "time", "text")
        return {key: data[key] for key in order if key in data}


def reviews_file(version: str) -> str:
    return f"{REVIEWS}/{version}.yaml"


def read_comments(root: Path, version: str) -> list[Comment]:
    path = root / reviews_file(version)
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        comments = [_comment(item) for item in data.get("comments") or []]
    except (yaml.YAMLError, UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError):
        raise ReviewsUnreadable(
            f"{reviews_file(version)}: cannot be read as review comments: "
            "put it right, or take it back from git"
        ) from None
    return comments


class ReviewsUnreadable(TrainerError):
    """reviews/<version>.yaml is not a list of comments (edited by hand, half merged)."""


def _comment(item: dict[str, Any]) -> Comment:
    status = str(item.get("status", "open"))
    if status not in STATUSES:
        raise ValueError(status)
    return Comment(
        id=int(item["id"]),
        screen=str(item["screen"]),
        author=str(item["author"]),
        group=str(item["group"]),
        text=str(item["text"]),
        time=str(item["time"]),
        status=status,
        anchor=None if item.get("anchor") is None else str(item["anchor"]),
    )


def add_comment(
    root: Path, version: str, screen: str, author: str, group: str, text: str,
    anchor: str | None = None,
) -> Comment:
    """Add one open comment; returns it with its number."""

    def change(comments: list[Comment]) -> Comment:
        number = max((c.id for c in comments), default=0) + 1
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        comment = Comment(number, screen, author, group, text.strip(), stamp, "open", anchor)
        comments.append(comment)
        return comment

    return _update(root, version, change)


def set_status(root: Path, version: str, number: int, status: str) -> Comment | None:
    """Mark comment `number` open or resolved; None when there is no such comment."""

    def change(comments: list[Comment]) -> Comment | None:
        for n, comment in enumerate(comments):
            if comment.id == number:
                comments[n] = Comment(**{**asdict(comment), "status": status})
                return comments[n]
        return None

    return _update(root, version, change)


def _update(root: Path, version: str, change: Callable[[list[Comment]], Any]) -> Any:
    path = root / reviews_file(version)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.with_name(path.name + ".lock")):
        comments = read_comments(root, version)
        result = change(comments)
        text = (
            f"# Review comments on version {version}, one per item; status is open or resolved.\n"
            + yaml.safe_dump(
                {"comments": [c.as_yaml() for c in comments]},
                sort_keys=False,
                allow_unicode=True,
                width=88,
            )
        )
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return result


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """An exclusive lock across threads and processes for as long as the block runs."""
    with _THREAD_LOCK, open(lock_path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
