"""The content hash: one digest of every source file that changes what trainees or
facilitators see.

It covers course.yaml (all of it but `approval:`), every file under modules/ (pages, module
files, pictures), the question banks and questionnaires in quizzes/, and translations and
theme files where a course has them. Approval records and review comments are not content.

The digest does not depend on the order files are found in, on line endings or on a
byte-order mark; any other change to a file's text or bytes, a new file, a removed file or
a renamed file changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from builder.discover.sources import COURSE_FILE
from builder.load.yamlfile import YamlSyntaxError, parse_yaml

# Folders whose files are course content, relative to the course root.
SOURCE_FOLDERS = ("course", "modules", "quizzes", "translations", "languages", "theme")
# Read as text: line endings and a byte-order mark are normalised away. Everything else
# (pictures, fonts, audio) is hashed byte for byte.
TEXT_SUFFIXES = frozenset(
    ".md .markdown .yaml .yml .svg .css .txt .xlf .xliff .po .pot .json .html .csv".split()
)
PREFIX = "sha256:"


def source_files(root: Path) -> dict[str, bytes]:
    """Every content file under `root`, as {path relative to root: bytes}."""
    files: dict[str, bytes] = {}
    for folder in SOURCE_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            files[rel.as_posix()] = path.read_bytes()
    return files


def normalise(path: str, data: bytes) -> bytes:
    """The bytes that count: text with LF line endings and no BOM; course.yaml as data."""
    if Path(path).suffix.lower() not in TEXT_SUFFIXES:
        return data
    data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if path == COURSE_FILE:
        return course_data(data)
    return data


def course_data(data: bytes) -> bytes:
    """course.yaml as canonical JSON without `approval:`: who must approve is not content.

    Comments and layout then do not count either; every value a build reads does.
    """
    text = data.decode("utf-8", "surrogateescape")
    try:
        parsed = parse_yaml(text, COURSE_FILE).data
    except (YamlSyntaxError, RecursionError):
        return data  # unreadable: hash it as it is (a build refuses it anyway)
    if isinstance(parsed, dict):
        parsed = {k: v for k, v in parsed.items() if k != "approval"}
    return json.dumps(parsed, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def digest_files(files: Mapping[str, bytes]) -> str:
    """The content hash of {path: bytes}: sorted by path, each entry length-prefixed."""
    hasher = hashlib.sha256()
    for path in sorted(files):
        body = normalise(path, files[path])
        name = path.encode("utf-8")
        hasher.update(b"%d:%s%d:" % (len(name), name, len(body)))
        hasher.update(body)
    return PREFIX + hasher.hexdigest()


def content_hash(root: Path) -> str:
    return digest_files(source_files(root))


def short(value: str) -> str:
    """sha256:0123456789ab, for messages; the full hash is in the records."""
    return value[: len(PREFIX) + 12]
