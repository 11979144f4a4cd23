"""`dfc-course verify`: prove a release package came from the approved sources.

1. every signature in its release.json is checked against approvals/allowed_signers;
2. the content hash of the sources is compared with the approved one;
3. the package is rebuilt from the sources and compared byte for byte.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from builder.model.problems import CourseError, Problems, TrainerError
from builder.release.changes import CONTENTS
from builder.release.content_hash import content_hash, normalise, short, source_files
from builder.release.package_info import RELEASE_FILE
from builder.release.records import Record, check_record
from builder.release.signers import read_signers


def read_release(package: Path) -> tuple[dict[str, Any], bytes]:
    try:
        data = package.read_bytes()
        with zipfile.ZipFile(package) as archive:
            info = json.loads(archive.read(RELEASE_FILE))
    except KeyError:
        raise TrainerError(f"{package}: has no {RELEASE_FILE}: it is not a release package") from None
    except (zipfile.BadZipFile, ValueError) as exc:
        raise TrainerError(f"{package}: cannot be read as a release package ({exc})") from None
    if not isinstance(info, dict) or "content_hash" not in info:
        raise TrainerError(f"{package}: its {RELEASE_FILE} is not one dfc-course wrote")
    return info, data


def verify_package(package: Path, root: Path) -> tuple[list[str], list[str]]:
    """(what was proved, what differs); the package is proved only when nothing differs."""
    info, data = read_release(package)
    proved: list[str] = []
    differs: list[str] = []
    approved = info["content_hash"]
    problems = Problems()
    signers = read_signers(root, problems)
    differs += [p.format() for p in problems.items]
    valid = []
    for n, approval in enumerate(info.get("approvals") or [], 1):
        record_data = yaml.safe_load(approval.get("record") or "") or {}
        where = f"{RELEASE_FILE}: approval {n} ({approval.get('name')})"
        if not isinstance(record_data, dict) or not all(
            isinstance(record_data.get(k), str) for k in ("name", "group", "content_hash", "time", "note")
        ):
            differs.append(f"{where}: is not an approval record")
            continue
        record = Record(where, approval["record"], approval.get("signature"), record_data)
        _approver, reason = check_record(root, record, signers)
        if reason is not None:
            differs.append(f"{where}: {reason}")
        elif record_data["content_hash"] != approved:
            differs.append(f"{where}: approves {short(record_data['content_hash'])}, not {short(approved)}")
        else:
            valid.append(f"{record_data['name']} ({record_data['group']})")
    if valid:
        proved.append(f"signatures: {len(valid)} valid, by {', '.join(valid)}")
    current = content_hash(root)
    if current == approved:
        proved.append(f"content hash of the sources: {current}, as approved")
    else:
        differs.append(
            f"the sources at {root} hash to {short(current)}, but the package was approved as "
            f"{short(approved)}"
        )
        differs += [f"  {line}" for line in _changed_files(root, info["version"], approved)]
        return proved, differs  # a rebuild would be refused: these are not the approved sources
    rebuilt = _compare_rebuild(package, data, root, info)
    differs += rebuilt
    if not rebuilt:
        proved.append("rebuilt from the sources: byte for byte the same package")
    return proved, differs


def _changed_files(root: Path, version: str, approved: str) -> list[str]:
    """Which source files differ from the approved ones, when the approval's list is here."""
    path = root / "approvals" / version / CONTENTS
    try:
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    if not isinstance(listed, dict) or listed.get("content_hash") != approved:
        return []
    import hashlib

    before = listed.get("files") or {}
    now = {
        p: hashlib.sha256(normalise(p, d)).hexdigest()[:16] for p, d in source_files(root).items()
    }
    lines = [f"changed: {p}" for p in sorted(now) if p in before and before[p] != now[p]]
    lines += [f"added: {p}" for p in sorted(now) if p not in before]
    lines += [f"removed: {p}" for p in sorted(before) if p not in now]
    return lines


def _compare_rebuild(package: Path, data: bytes, root: Path, info: dict[str, Any]) -> list[str]:
    from builder import api

    name = str(info.get("package") or package.name)
    with tempfile.TemporaryDirectory(prefix="dfc-verify-") as tmp:
        out = Path(tmp)
        try:
            for per_module in (False, True):
                api.build(
                    root, out, [str(info.get("format"))], per_module,
                    release=True, git_commit=info.get("git_commit"),
                )
                if (out / name).is_file():
                    break
        except CourseError as exc:
            return [f"cannot be rebuilt: {p.format()}" for p in exc.problems]
        rebuilt = out / name
        if not rebuilt.is_file():
            return [f"cannot be rebuilt: the sources make no package called {name}"]
        again = rebuilt.read_bytes()
        if again == data:
            return []
        return [f"rebuilt from the sources, the package differs: {d}" for d in _zip_diff(data, again)]


def _zip_diff(old: bytes, new: bytes) -> list[str]:
    import io

    with zipfile.ZipFile(io.BytesIO(old)) as a, zipfile.ZipFile(io.BytesIO(new)) as b:
        left = {i.filename: _entry(a, i) for i in a.infolist()}
        right = {i.filename: b.read(i) for i in b.infolist()}
    found = [f"{n} is different" for n in sorted(left) if n in right and left[n] != right[n]]
    found += [f"{n} is only in the package" for n in sorted(left) if n not in right]
    found += [f"{n} is missing from the package" for n in sorted(right) if n not in left]
    return found or ["the zip's bytes (entry order, times or compression)"]


def _entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """An entry's bytes; None when they no longer match the zip's checksum."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    except Exception:  # zlib.error: the compressed data itself was changed
        return None
