"""No-op rebuilds: when nothing a build reads has changed, the files it wrote are kept.

After a build, a record names a key and what the build wrote. The key is a hash of every
file under course/, modules/ and quizzes/ (path and bytes), of the builder's own code,
templates and runtime, of the Python and libraries it runs on, and of the build's options.
A later build into the same folder with the same key, whose files are all still there
with the recorded hashes, returns the recorded report (warnings included) without reading
the course again. Anything else is a full build.

The record is kept outside the output folder, which holds only the packages and the
handbook: one small file per output folder in $DFC_CACHE_DIR, else
$XDG_CACHE_HOME/dfc-course, else ~/.cache/dfc-course. Only the newest records are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

KEEP = 200  # records kept; older ones are deleted when a new one is written
SOURCE_DIRS = ("course", "modules", "quizzes", "translations")
FORMAT = 3
BUILDER = Path(__file__).resolve().parents[1]


def build_key(root: Path, options: dict[str, Any]) -> str:
    """Hash everything that decides what a build writes."""
    digest = hashlib.sha256()
    settings = {
        "format": FORMAT,
        "options": options,
        "root": str(root.resolve()),
        "python": sys.version,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "libraries": _libraries(),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    _hash_tree(digest, BUILDER, "builder")
    for name in SOURCE_DIRS:
        _hash_tree(digest, root / name, name)
    return digest.hexdigest()


def _hash_tree(digest: Any, folder: Path, label: str) -> None:
    """Every file under `folder` (links followed, each folder once), in a fixed order."""
    seen: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        rel = os.path.relpath(top, folder)
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(top, name)
            digest.update(f"\0{label}/{rel}/{name}\0".encode())
            try:
                with open(path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError as exc:
                digest.update(f"unreadable {exc.errno}".encode())


def _libraries() -> list[str]:
    """Installed distributions (name and version), read from the folders on sys.path."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def file_hash(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def lookup(root: Path, out: Path, options: dict[str, Any]) -> tuple[str, Any]:
    """(key, the recorded BuildReport) when `out` holds an up-to-date build, else (key, None)."""
    key = build_key(root, options)
    record = _load(out, key)
    return key, None if record is None else _report(record, out)


def record(root: Path, out: Path, key: str, options: dict[str, Any], report: Any) -> None:
    """Record the build just done, unless a source changed while it ran."""
    if build_key(root, options) != key:
        return
    single = [w for w in (report.handbook, report.statement) if w is not None]
    written = [w.path for w in report.packages + report.handbooks + report.statements + single]
    data = {
        "packages": [_name(out, w.path) for w in report.packages],
        "handbook": _name(out, report.handbook.path) if report.handbook else None,
        "handbooks": [_name(out, w.path) for w in report.handbooks],
        "statement": _name(out, report.statement.path) if report.statement else None,
        "statements": [_name(out, w.path) for w in report.statements],
        "modules": report.modules,
        "pages": report.pages,
        "questions": report.questions,
        "warnings": [p.as_dict() for p in report.warnings],
    }
    _save(out, key, data, written)


def forget(out: Path) -> None:
    """Drop the record before `out` changes, so a build that stops half-way is never reused."""
    try:
        _record_path(out).unlink(missing_ok=True)
    except OSError:
        pass


def _name(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


def _report(data: dict[str, Any], out: Path) -> Any:
    """The BuildReport `record` saved. A field added to BuildReport must be saved there too."""
    from builder.model.problems import Location, Problem, Severity
    from builder.package.build_report import BuildReport, Written

    def written(name: str) -> Written:
        path = out / name
        return Written(path, path.stat().st_size)

    try:
        return BuildReport(
            packages=[written(name) for name in data["packages"]],
            handbook=written(data["handbook"]) if data["handbook"] else None,
            handbooks=[written(name) for name in data["handbooks"]],
            statement=written(data["statement"]) if data["statement"] else None,
            statements=[written(name) for name in data["statements"]],
            modules=data["modules"],
            pages=data["pages"],
            questions=data["questions"],
            warnings=[
                Problem(
                    Location(p["path"], p["line"]), p["message"], Severity(p["severity"]), p["rule"]
                )
                for p in data["warnings"]
            ],
        )
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _load(out: Path, key: str) -> dict[str, Any] | None:
    try:
        record = json.loads(_record_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != key:
        return None
    try:
        for item in record["outputs"]:
            path = out / item["name"]
            if path.stat().st_size != item["size"] or file_hash(path) != item["sha256"]:
                return None
        report = record["report"]
    except (OSError, KeyError, TypeError):
        return None
    return report if isinstance(report, dict) else None


def _save(out: Path, key: str, report: dict[str, Any], written: list[Path]) -> None:
    """Write the record; a cache that cannot be written is simply skipped."""
    try:
        outputs = [
            {"name": _name(out, p), "size": p.stat().st_size, "sha256": file_hash(p)}
            for p in written
        ]
    except (OSError, ValueError):
        return  # an output outside `out`, or gone already: nothing safe to record
    record = {"format": FORMAT, "key": key, "outputs": outputs, "report": report}
    dest = _record_path(out)
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, dest)
        _prune(dest.parent)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def cache_dir() -> Path:
    """$DFC_CACHE_DIR, else $XDG_CACHE_HOME/dfc-course, else ~/.cache/dfc-course."""
    configured = os.environ.get("DFC_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dfc-course"


def _record_path(out: Path) -> Path:
    """The record for one output folder: named by a hash of the folder's full path."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32]
    return cache_dir() / f"build-{name}.json"


def _prune(folder: Path) -> None:
    records = []
    for entry in os.scandir(folder):
        if entry.name.startswith("build-") and entry.name.endswith(".json"):
            records.append((entry.stat().st_mtime_ns, entry.path))
    for _mtime, path in sorted(records)[:-KEEP]:
        try:
            os.unlink(path)
        except OSError:
            pass
