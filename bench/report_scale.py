"""The report at scale (issue 26): NDJSON statements to the HTML report at 10,000,000 statements
(1,000,000 with bench/run.py --quick), a store of 1,000,000 statements read on with 10,000 new ones from an
LRS, and the curve of time and peak memory against statements.

    python bench/report_scale.py --counts 100000 1000000 [--incremental] [--json FILE]

bench/run.py calls `measure_scale` and `measure_incremental` for its keys report_10m_s,
report_10m_peak_rss_mb and report_incremental_s.
"""

from __future__ import annotations

import argparse
import datetime
import http.server
import json
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGE = 1000  # statements a page from the bench's LRS
# --quick keeps to a few minutes in all (tests/test_bench.py runs it), so it measures less.
SCALE_STATEMENTS, QUICK_SCALE_STATEMENTS = 10_000_000, 1_000_000
STORE_STATEMENTS, QUICK_STORE_STATEMENTS, NEW_STATEMENTS = 1_000_000, 100_000, 10_000


def make_statements(builder: Any, run: Callable[..., Any], course: Path, out: Path, count: int) -> None:
    script = str(HERE / "gen_statements.py")
    run([builder.python, script, str(course), str(out), str(count)], env=builder.env)


def report_once(builder: Any, run_with_cpu: Callable[..., Any], tmp: Path, course: Path,
                *inputs: str) -> tuple[float, float, float]:  # fmt: skip
    out = tmp / "scale-report.html"
    cmd = builder.command("report", *inputs, "--course", str(course), "--out", str(out))
    return run_with_cpu(cmd, cwd=tmp, env=builder.env)


def measure_scale(builder: Any, results: Any, tmp: Path, course: Path, count: int,
                  run: Callable[..., Any], run_with_cpu: Callable[..., Any]) -> None:  # fmt: skip
    """One run (a run of 10,000,000 takes minutes): report_10m_s and report_10m_peak_rss_mb."""
    data = tmp / f"scale-{count}.ndjson"
    make_statements(builder, run, course, data, count)
    seconds, peak, cpu = report_once(builder, run_with_cpu, tmp, course, str(data))
    data.unlink()
    results.add("report_10m_s", seconds)
    results.values["report_10m_peak_rss_mb"] = round(peak, 1)
    results.notes["report_10m_statements"] = str(count)
    results.notes["report_10m_cpu_s"] = f"{cpu:.1f}"


class PagedLRS(http.server.BaseHTTPRequestHandler):
    """The new statements, oldest first, in pages with `more` links; honours `since`."""

    statements: list[dict[str, Any]] = []

    def log_message(self, *args: object) -> None:
        """Keep the benchmark output clean."""

    def do_GET(self) -> None:  # noqa: N802
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        chosen = self.statements
        if "since" in query:
            since = datetime.datetime.fromisoformat(query["since"])
            chosen = [s for s in chosen if datetime.datetime.fromisoformat(s["stored"]) > since]
        offset = int(query.get("offset", 0))
        more = ""
        if offset + PAGE < len(chosen):
            rest = {k: v for k, v in query.items() if k != "offset"}
            more = "/xAPI/statements?" + urllib.parse.urlencode({**rest, "offset": offset + PAGE})
        raw = json.dumps({"statements": chosen[offset : offset + PAGE], "more": more}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def measure_incremental(builder: Any, results: Any, tmp: Path, course: Path,
                        run: Callable[..., Any], run_with_cpu: Callable[..., Any],
                        held: int = STORE_STATEMENTS, new: int = NEW_STATEMENTS) -> None:  # fmt: skip
    """A store holding `held` statements, then `new` read from an LRS: report_incremental_s."""
    data = tmp / "incremental.ndjson"
    make_statements(builder, run, course, data, held + new)
    old, fresh = tmp / "held.ndjson", []
    start = datetime.datetime(2026, 11, 9, tzinfo=datetime.UTC)
    with data.open(encoding="utf-8") as lines, old.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if number < held:
                out.write(line)
                continue
            statement = json.loads(line)
            moment = start + datetime.timedelta(milliseconds=number - held)
            statement["stored"] = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            fresh.append(statement)
    data.unlink()
    store = tmp / "weekly.sqlite"
    seconds, peak, cpu = report_once(builder, run_with_cpu, tmp, course, str(old), "--store",
                                     str(store))  # fmt: skip
    results.notes["report_store_fill_s"] = f"{seconds:.1f}"
    results.notes["report_store_fill_cpu_s"] = f"{cpu:.1f}"
    results.notes["report_store_fill_peak_rss_mb"] = f"{peak:.1f}"
    old.unlink()
    results.notes["report_store_mb"] = f"{store.stat().st_size / 1e6:.1f}"
    handler = type("LRS", (PagedLRS,), {"statements": fresh})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        seconds, peak, cpu = report_once(builder, run_with_cpu, tmp, course, url, "--store",
                                         str(store), "--since-store")  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    results.add("report_incremental_s", seconds)
    results.notes["report_incremental_peak_rss_mb"] = f"{peak:.1f}"
    results.notes["report_incremental_cpu_s"] = f"{cpu:.1f}"


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    import run as bench  # bench/run.py: its Builder, Results and timers
    from gen_course import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--incremental", action="store_true", help="also report_incremental_s")
    parser.add_argument("--held", type=int, default=STORE_STATEMENTS, help="statements stored")
    parser.add_argument("--new", type=int, default=NEW_STATEMENTS, help="new from the LRS")
    parser.add_argument("--json", type=Path, help="write the curve here as JSON")
    args = parser.parse_args(argv)
    builder = bench.Builder(bench.REPO, sys.executable)
    curve = []
    with tempfile.TemporaryDirectory(prefix="dfc-scale-") as name:
        tmp = Path(name)
        course = tmp / "report-course"
        generate(course, 2, pages=1)
        for count in args.counts:
            results = bench.Results()
            measure_scale(builder, results, tmp, course, count, bench.run, bench.run_with_cpu)
            point = {"statements": count, "seconds": round(results.samples["report_10m_s"].median, 1),
                     "cpu_s": float(results.notes["report_10m_cpu_s"]),
                     "peak_rss_mb": results.values["report_10m_peak_rss_mb"]}  # fmt: skip
            curve.append(point)
            bench.say(json.dumps(point))
        out: dict[str, Any] = {"curve": curve}
        if args.incremental:
            results = bench.Results()
            measure_incremental(builder, results, tmp, course, bench.run, bench.run_with_cpu,
                                args.held, args.new)  # fmt: skip
            out["report_incremental_s"] = round(results.samples["report_incremental_s"].median, 1)
            out["notes"] = results.notes
            bench.say(json.dumps(out))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
