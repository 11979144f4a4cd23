"""Write packages: deterministic zips, written to a temporary file and moved into place."""

from __future__ import annotations

import glob
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

MANIFEST = "imsmanifest.xml"
DEFAULT_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def zip_time() -> tuple[int, int, int, int, int, int]:
    """Entry time from SOURCE_DATE_EPOCH when set, so rebuilds are byte-identical."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    return time.gmtime(max(epoch, DEFAULT_EPOCH))[:6]


def zip_bytes_order(files: dict[str, bytes]) -> list[str]:
    """The manifest first, then every other entry sorted."""
    names = sorted(files)
    if MANIFEST in files:
        names.remove(MANIFEST)
        names.insert(0, MANIFEST)
    return names


def check_entry_name(name: str) -> None:
    if name.startswith("/") or "\\" in name or ".." in name.split("/") or not name:
        raise ValueError(f"refusing an unsafe package path: {name!r}")


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic zip of `files`: fixed times and permissions, the manifest first."""
    stamp = zip_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in zip_bytes_order(files):
            check_entry_name(name)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_package(files: dict[str, bytes], dest: Path) -> int:
    """Write `files` as a zip at `dest` atomically; return its size in bytes."""
    return write_file(zip_bytes(files), dest)


def write_file(data: bytes, dest: Path) -> int:
    """Write one file atomically, like a package; return its size in bytes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    # The writer's process id is in the name, so a later build can tell a temporary file
    # left by a killed build from one another build is still writing.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{dest.name}.{os.getpid()}.", suffix=".part", dir=dest.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    remove_stale_parts(dest)
    return len(data)


def remove_stale_parts(dest: Path) -> None:
    """Delete temporary files for `dest` left by builds that were killed mid-write."""
    prefix = f".{dest.name}."
    for path in dest.parent.glob(f"{glob.escape(prefix)}*.part"):
        pid = path.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and _running(int(pid)):
            continue  # another build is writing it right now
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # Windows: still open in another build; the next build tries again


def _running(pid: int) -> bool:
    if os.name == "nt":
        return False  # signal 0 means Ctrl+C there; a file in use cannot be deleted anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True
