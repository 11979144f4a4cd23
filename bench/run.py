"""Benchmarks for dfc-course: `python bench/run.py [--quick] [--json FILE]`.

Every build runs as a whole process (interpreter start included) into a fresh temporary
--out folder, after one warm-up run; each timing is the median of the runs, shown with
its min and max. The keys of the JSON output are documented in BENCHMARKS.md and stay
stable; `--quick` keeps every measurement but makes fewer runs on smaller courses.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from gen_course import generate  # noqa: E402
from in_browser import BROWSER_DIR, SCORM_AGAIN, measure_browser, measure_cmi5  # noqa: E402
from lms_profiles import compare  # noqa: E402
from summary import fmt, machine, table, targets  # noqa: E402
from timing import (  # noqa: E402, F401  (report_scale.py takes its timers from here)
    KEYS,
    LMS_KEYS,
    BenchError,
    Builder,
    Results,
    Sample,
    run,
    run_with_cpu,
)

IMPORT_FLOOR = "import jinja2, lxml.etree, pydantic, click"
REPORT_STATEMENTS = 100_000
QUICK_REPORT_STATEMENTS = 20_000

# Generated course sizes in modules (10 pages and 30 questions each).
SIZES = {"small": 20, "large": 200, "huge": 2000}
QUICK_SIZES = {"small": 2, "large": 10, "huge": 20}


# --- the measurements -----------------------------------------------------------------------


def measure_cold(builder: Builder, results: Results, runs: int, tmp: Path) -> Path:
    """Cold builds of the bundled course and the import floor, interleaved; returns an out dir."""
    floor = [builder.python, "-c", IMPORT_FLOOR]
    last = tmp / "cold-0"
    for n in range(runs + 1):
        last = tmp / f"cold-{n}"
        seconds, _ = builder.build(builder.repo, last)
        floor_seconds, _ = run(floor, env=builder.env)
        if n:  # the first run of each is the warm-up
            results.add("cold_build_s", seconds)
            results.add("import_floor_s", floor_seconds)
    ratios = [c / f for c, f in zip(results.samples["cold_build_s"].values,
                                    results.samples["import_floor_s"].values, strict=True)]  # fmt: skip
    results.samples["cold_over_import"] = Sample(ratios)  # min and max of the pairs
    results.values["cold_over_import"] = round(
        results.samples["cold_build_s"].median / results.samples["import_floor_s"].median, 3
    )
    return last


def measure_noop(builder: Builder, results: Results, runs: int, tmp: Path) -> None:
    """A build with nothing changed since the last build into the same folder."""
    out = tmp / "noop"
    builder.build(builder.repo, out)
    for n in range(runs + 1):
        seconds, _ = builder.build(builder.repo, out)
        if n:
            results.add("noop_rebuild_s", seconds)


def measure_sizes(builder: Builder, results: Results, out: Path) -> Path:
    """Package, runtime and page sizes of the bundled course; returns the SCORM 1.2 zip.

    `runtime_bytes` counts every adapter, lms-cmi5.js included, though a package carries
    only its own.
    """
    zips = {}
    for target in ("scorm12", "scorm2004"):
        found = sorted(out.glob(f"*-{target}.zip"))
        if len(found) != 1:
            raise BenchError(f"expected one *-{target}.zip in {out}, found {found}")
        zips[target] = found[0]
        results.values[f"zip_bytes_{target}"] = found[0].stat().st_size
    largest = runtime = 0
    for path in zips.values():
        with zipfile.ZipFile(path) as archive:
            largest = max([largest, *(i.file_size for i in archive.infolist())])
            shipped = sum(
                i.file_size for i in archive.infolist() if i.filename.startswith("runtime/")
            )
            runtime = max(runtime, shipped)
    results.values["runtime_bytes"] = runtime
    results.values["largest_page_bytes"] = largest
    return zips["scorm12"]


def measure_large(
    builder: Builder, results: Results, runs: int, tmp: Path, sizes: dict[str, int]
) -> None:
    """Builds of generated courses; `scaling` compares time per page at huge and large."""
    pages: dict[str, int] = {}
    for name, modules in sizes.items():
        course = tmp / f"course-{name}"
        pages[name] = generate(course, modules)["pages"]
        rss: list[float] = []
        for n in range(runs + 1):
            out = tmp / f"out-{name}-{n}"
            seconds, peak = builder.build(course, out)
            shutil.rmtree(out, ignore_errors=True)
            if n:
                results.add(f"{name}_build_s", seconds)
                rss.append(peak)
        # The peak of all runs: memory is what a machine must have for the worst of them.
        results.values[f"{name}_peak_rss_mb"] = round(max(rss), 1)
        shutil.rmtree(course, ignore_errors=True)
    per_page = {name: results.samples[f"{name}_build_s"].median / pages[name] for name in pages}
    results.values["scaling"] = round(per_page["huge"] / per_page["large"], 3)


def measure_report(
    builder: Builder, results: Results, runs: int, tmp: Path, statements: int = REPORT_STATEMENTS
) -> None:
    """`dfc-course report` of `statements` simulated statements (a JSON array) to HTML."""
    course = tmp / "report-course"
    generate(course, 2, pages=1)
    data = tmp / "statements.json"
    script = str(HERE / "gen_statements.py")
    run([builder.python, script, str(course), str(data), str(statements)], env=builder.env)
    rss: list[float] = []
    for n in range(runs + 1):
        out = tmp / f"report-{n}.html"
        cmd = builder.command("report", str(data), "--course", str(course), "--out", str(out))
        seconds, peak, cpu = run_with_cpu(cmd, cwd=tmp, env=builder.env)
        if n:
            results.add("report_100k_s", seconds)
            results.add("report_100k_cpu_s", cpu)
            rss.append(peak)
    results.values["report_100k_peak_rss_mb"] = round(max(rss), 1)


def measure_report_scale(builder: Builder, results: Results, tmp: Path, quick: bool) -> None:
    """report_10m_* and report_incremental_s: one run each, as each takes minutes at full size
    (bench/report_scale.py); --quick measures smaller sizes."""
    from report_scale import (
        QUICK_SCALE_STATEMENTS,
        QUICK_STORE_STATEMENTS,
        SCALE_STATEMENTS,
        STORE_STATEMENTS,
        measure_incremental,
        measure_scale,
    )

    course = tmp / "scale-course"
    generate(course, 2, pages=1)
    count = QUICK_SCALE_STATEMENTS if quick else SCALE_STATEMENTS
    _step(f"report of {count:,} NDJSON statements")
    measure_scale(builder, results, tmp, course, count, run, run_with_cpu)
    held = QUICK_STORE_STATEMENTS if quick else STORE_STATEMENTS
    _step(f"a store of {held:,} statements read on with 10,000 from an LRS")
    measure_incremental(builder, results, tmp, course, run, run_with_cpu, held)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller courses")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--runs", type=int, help="runs after the warm-up (default 5, quick 3)")
    parser.add_argument(
        "--large-runs", type=int, help="runs for the generated courses (default: --runs)"
    )
    parser.add_argument(
        "--repo", type=Path, default=REPO, help="checkout to measure (default: this one)"
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter with the deps")
    parser.add_argument(
        "--only",
        choices=["report", "report-scale", "lms"],
        help="measure only this part (its keys alone are written)",
    )
    parser.add_argument(
        "--no-walk",
        action="store_true",
        help="with --only lms: requests per course only, without the close-anywhere walks",
    )
    parser.add_argument(
        "--before",
        metavar="COMMIT",
        help="with --only lms: also measure the course built from this commit, in the same run",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    browser_runs = 5 if args.quick else 20
    sizes = QUICK_SIZES if args.quick else SIZES
    builder = Builder(args.repo.resolve(), args.python)
    results = Results()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dfc-bench-") as name:
        tmp = Path(name)
        if args.only == "report":
            _step(f"report of {REPORT_STATEMENTS:,} statements")
            measure_report(builder, results, runs, tmp)
            say(f"Mode: report only, {runs} runs after a warm-up")
            say(table(results, args.quick, sizes))
            if args.json:
                args.json.write_text(json.dumps(results.as_json(), indent=2) + "\n", "utf-8")
            return 0
        if args.only == "report-scale":
            measure_report_scale(builder, results, tmp, args.quick)
            say(table(results, args.quick, sizes))
            say("Notes: " + json.dumps(results.notes))
            if args.json:
                args.json.write_text(json.dumps(results.as_json(), indent=2) + "\n", "utf-8")
            return 0
        if args.only == "lms":
            return lms_only(builder, results, args, tmp)
        _step("cold builds and the import floor")
        out = measure_cold(builder, results, runs, tmp)
        _step("no-op rebuilds")
        measure_noop(builder, results, runs, tmp)
        zip_path = measure_sizes(builder, results, out)
        _step(f"generated courses: {sizes}")
        measure_large(builder, results, args.large_runs or runs, tmp, sizes)
        statements = QUICK_REPORT_STATEMENTS if args.quick else REPORT_STATEMENTS
        _step(f"report of {statements:,} statements")
        measure_report(builder, results, runs, tmp, statements)
        measure_report_scale(builder, results, tmp, args.quick)
        _step("Chromium")
        chromium = measure_browser(zip_path, results, browser_runs, tmp)
        _step("cmi5 statements in a full pass")
        measure_cmi5(out, results, tmp)
    info = machine(chromium)
    mode = "quick" if args.quick else "full"
    say()
    say("Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    large_runs = args.large_runs or runs
    say(f"Mode: {mode}, {runs} runs after a warm-up ({large_runs} for generated courses, "
        f"{browser_runs} in Chromium), "
        f"{time.perf_counter() - started:.0f} s in all")  # fmt: skip
    say()
    say(table(results, args.quick, sizes))
    if args.json:
        args.json.write_text(json.dumps(results.as_json(), indent=2) + "\n", encoding="utf-8")
    return 0


def lms_only(builder: Builder, results: Results, args: argparse.Namespace, tmp: Path) -> int:
    """The LMS profiles' keys for this checkout and, with --before, for an older commit."""
    site = tmp / "site"
    (site / "scorm-again").mkdir(parents=True)
    for name in ("lms.html", "lms.js"):
        shutil.copy(BROWSER_DIR / name, site / name)
    shutil.copy(SCORM_AGAIN, site / "scorm-again" / "scorm-again.js")
    builders = {"after": builder}
    if args.before:
        old = tmp / "before-src"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.before],
                                 check=True, capture_output=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        builders = {"before": Builder(old, builder.python), "after": builder}
    packages = {}
    for label, which in builders.items():
        out = tmp / f"out-{label}"
        which.build(which.repo, out)
        with zipfile.ZipFile(next(out.glob("*-scorm12.zip"))) as archive_file:
            archive_file.extractall(site / f"pkg-{label}")
        packages[label] = f"pkg-{label}"
    _step(f"LMS profiles: {', '.join(packages)}")
    figures = compare(site, packages, walk=not args.no_walk)
    goals = targets(figures["after"], quick=False)
    keys = sorted({k for f in figures.values() for k in f}, key=lambda k: (k not in LMS_KEYS, k))
    say("| key | " + " | ".join(figures) + " | target |")
    say("|---|" + "---:|" * len(figures) + "---|")
    for key in keys:
        say(
            f"| `{key}` | "
            + " | ".join(fmt(f[key]) if key in f else "" for f in figures.values())
            + f" | {goals.get(key, ('', None))[0]} |"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _step(text: str) -> None:
    sys.stderr.write(f"- {text}\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
