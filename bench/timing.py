"""The bench's timers: a command run as a whole process, its wall and CPU time and peak
memory, the samples of each key and the `dfc-course` of the checkout under test."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The JSON keys, in table order. BENCHMARKS.md documents each; keep them stable.
KEYS = (
    "cold_build_s",
    "import_floor_s",
    "cold_over_import",
    "noop_rebuild_s",
    "small_build_s",
    "small_peak_rss_mb",
    "large_build_s",
    "large_peak_rss_mb",
    "huge_build_s",
    "huge_peak_rss_mb",
    "scaling",
    "zip_bytes_scorm12",
    "zip_bytes_scorm2004",
    "runtime_bytes",
    "largest_page_bytes",
    "first_page_ms",
    "next_page_ms",
    "lms_calls_per_course",
    "commits_per_course",
    "slow4g_first_screen_ms",
    "cmi5_statements_per_course",
    "report_100k_s",
    "report_100k_cpu_s",
    "report_100k_peak_rss_mb",
    "report_10m_s",
    "report_10m_peak_rss_mb",
    "report_incremental_s",
)
# The keys of `--only lms` (bench/lms_profiles.py), in its own JSON: each walk takes minutes.
LMS_KEYS = (
    "lms_requests_commit_based",
    "lms_requests_per_value",
    "lms_requests_queued",
    "values_lost_at_leave_commit_based",
    "values_lost_at_leave_per_value",
    "values_lost_at_leave_queued",
    "values_lost_at_leave",
)


class BenchError(Exception):
    """A command under measurement failed."""


@dataclass
class Sample:
    """Repeated measurements of one quantity."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


@dataclass
class Results:
    samples: dict[str, Sample] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.samples.setdefault(key, Sample()).values.append(value)

    def as_json(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for key in KEYS:
            if key not in self.values and key not in self.samples:
                continue  # not measured in this run (--only)
            if key in self.values:
                out[key] = self.values[key]
            else:
                out[key] = round(self.samples[key].median, 6)
        return out


# --- running a command as a whole process ---------------------------------------------------


def run(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Run `cmd` to the end; return (wall seconds, peak RSS of the process in MB)."""
    seconds, peak, _ = run_with_cpu(cmd, cwd, env)
    return seconds, peak


def run_with_cpu(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Run `cmd` to the end; return (wall seconds, peak RSS in MB, CPU seconds, user and
    system)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=err, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            output = err.read().decode("utf-8", "replace")[-2000:]
            raise BenchError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{output}")
    # ru_maxrss is in KB on Linux
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


@dataclass
class Builder:
    """How to start `dfc-course` from the checkout under test."""

    repo: Path
    python: str

    def command(self, *args: str) -> list[str]:
        script = Path(self.python).parent / "dfc-course"
        if self.repo == REPO and script.is_file():
            return [str(script), *args]
        # Another checkout: the same entry point as the console script, from that folder.
        entry = "import sys; from builder.cli import main; sys.exit(main())"
        return [self.python, "-c", entry, *args]

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        if self.repo != REPO:
            env["PYTHONPATH"] = str(self.repo)
        return env

    def build(self, course: Path, out: Path) -> tuple[float, float]:
        return run(self.command("build", "-q", "--course", str(course), "--out", str(out)),
                   cwd=course, env=self.env)  # fmt: skip
