"""Benchmarks of technonat-data: load cost against the bare Parquet read, build time, validation scaling.

Run from the repository root (see README, "Performance"):

    pip install -e ".[test,bench]" && python benchmarks/bench.py

Every timing of a fresh process is the median of ``--runs`` runs after one warm-up run; ratios are between medians
measured in the same run of this script. Targets are reported as met or not.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def fresh(code: str, runs: int) -> float:
    """Median wall time (ms) of ``python -c code`` in fresh processes, after one warm-up."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, capture_output=True)
        if i:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def command(argv: list[str], runs: int) -> float:
    """Median wall time (ms) of a command, after one warm-up."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        if i:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def has(module: str) -> bool:
    return subprocess.run([PY, "-c", f"import {module}"], capture_output=True).returncode == 0


def loading(runs: int) -> dict[str, float]:
    """Fresh-process timings of importing and loading, against the floors they wrap."""
    from technonat_data.loader import bundled_dir

    path = bundled_dir() / "facts.parquet"
    timings = {
        "python -c pass": fresh("pass", runs),
        "import technonat_data": fresh("import technonat_data", runs),
        "floor: pandas + pq.read_table(...).to_pandas()": fresh(
            f"import pandas, pyarrow.parquet as pq; pq.read_table({str(path)!r}).to_pandas()", runs),
        'td.load("facts")': fresh("import technonat_data as td; td.load('facts')", runs),
        'td.load("facts", backend="pyarrow")': fresh("import technonat_data as td; td.load('facts', backend='pyarrow')",
                                                      runs),
        "floor: pq.ParquetFile(...).read() (no pandas)": fresh(
            f"import pyarrow.parquet as pq; pq.ParquetFile({str(path)!r}).read()", runs),
    }
    if has("polars"):
        timings['td.load("facts", backend="polars")'] = fresh(
            "import technonat_data as td; td.load('facts', backend='polars')", runs)
    if has("palmerpenguins"):
        timings["palmerpenguins load_penguins()"] = fresh("from palmerpenguins import load_penguins; load_penguins()",
                                                         runs)
    return timings


def building(runs: int) -> float:
    """Median wall time (ms) of ``technonat-data build`` of the real dataset into an empty build folder."""
    times = []
    for i in range(runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("raw", "schemas"):
                shutil.copytree(ROOT / name, Path(tmp) / name)
            shutil.copy(ROOT / "CHANGELOG.md", tmp)
            start = time.perf_counter()
            subprocess.run([PY, "-m", "technonat_data.cli", "build", "--root", tmp], check=True, capture_output=True)
            if i:
                times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def read_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((ROOT / "raw" / f"{name}.csv").open(encoding="utf-8", newline="")))


def write_rows(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def synthetic(rows: int) -> tuple[str, str]:
    """``rows`` valid facts (the real ones, then copies each with a new id and its own English text), and the
    checks table with one `unverified` check for every synthetic fact (every fact must have a check)."""
    real, checks = read_rows("facts"), read_rows("checks")
    facts = list(real)
    blank = dict.fromkeys(checks[0], "")
    for i in range(rows - len(real)):
        base = real[i % len(real)]
        fact_id = f"{base['fact_id']}_{i}"
        facts.append(dict(base, fact_id=fact_id, text_en=f"{base['text_en']} (synthetic {i})"))
        checks.append(blank | {"check_id": f"chk_{fact_id}", "fact_id": fact_id, "verdict": "unverified",
                               "explanation_en": "Synthetic row for the benchmark."})
    return write_rows(facts), write_rows(checks)


def scaling(sizes: list[int], frictionless_max: int) -> list[tuple[int, float, float | None]]:
    """Validation time (s) per size (facts and their checks): the project's own validation, and frictionless on the
    CSV form of facts."""
    from technonat_data.curate.build import write_json
    from technonat_data.curate.datapackage import resources
    from technonat_data.curate.problems import ValidationFailed
    from technonat_data.curate.spec import load_specs
    from technonat_data.curate.validate import validate

    results = []
    spec = load_specs(ROOT / "schemas")["facts"]
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for name in ("raw", "schemas"):
                shutil.copytree(ROOT / name, root / name)
            facts, checks = synthetic(size)
            (root / "raw" / "facts.csv").write_text(facts, encoding="utf-8")
            (root / "raw" / "checks.csv").write_text(checks, encoding="utf-8")
            start = time.perf_counter()
            try:
                frames = validate(root)
            except ValidationFailed as err:
                raise SystemExit("synthetic data did not validate:\n" + "\n".join(err.lines()[:5])) from err
            own = time.perf_counter() - start
            fl = None
            if size <= frictionless_max:
                from technonat_data.curate.release_files import write_csv

                write_csv(frames["facts"], spec, root / "facts.csv")
                resource = next(r for r in resources(spec, {"facts.parquet": ("0" * 64, 0),
                                                            "facts.csv": ("0" * 64, 0)}) if r["format"] == "csv")
                resource.pop("hash"), resource.pop("bytes")
                resource["schema"].pop("foreignKeys", None)
                write_json(resource, root / "facts.resource.json")
                import frictionless

                start = time.perf_counter()
                report = frictionless.validate(str(root / "facts.resource.json"))
                fl = time.perf_counter() - start
                if not report.valid:
                    raise SystemExit(f"frictionless found errors at {size} rows: {report.flatten(['type'])[:3]}")
            results.append((size, own, fl))
            print(f"  validated {size:>9,} rows: {own:7.2f} s ({own / size * 1e6:6.2f} µs/row)"
                  + (f"; frictionless CSV {fl:7.2f} s ({fl / size * 1e6:7.2f} µs/row)" if fl else ""), flush=True)
    return results


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--runs", type=int, default=10, help="fresh-process runs per timing (after a warm-up)")
    args.add_argument("--max-rows", type=int, default=1_000_000, help="largest synthetic table to validate")
    args.add_argument("--frictionless-max", type=int, default=100_000, help="largest table for frictionless")
    opts = args.parse_args()
    os.chdir(ROOT)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")

    timings = loading(opts.runs)
    print(f"\nfresh processes, median of {opts.runs} runs (ms):")
    for name, ms in timings.items():
        print(f"  {name:<50} {ms:8.1f}")
    build_ms = building(max(3, opts.runs // 3))
    print(f"  {'technonat-data build (fresh build folder)':<50} {build_ms:8.1f}")

    sizes = [s for s in (1_000, 10_000, 100_000, 1_000_000) if s <= opts.max_rows]
    print("\nvalidation scaling (synthetic facts):")
    scale = scaling(sizes, opts.frictionless_max)

    bare = timings["python -c pass"]
    load_ratio = timings['td.load("facts")'] / timings["floor: pandas + pq.read_table(...).to_pandas()"]
    arrow_ratio = timings['td.load("facts", backend="pyarrow")'] / timings['td.load("facts")']
    per_row = {size: own / size for size, own, _ in scale}
    targets = [
        ("import technonat_data adds <= 15 ms", timings["import technonat_data"] - bare, 15.0, "ms"),
        ('td.load("facts") <= 1.10x the floor', load_ratio, 1.10, "x"),
        ('backend="pyarrow" <= 0.5x the pandas path', arrow_ratio, 0.5, "x"),
        ("full build < 10 s", build_ms / 1000, 10.0, "s"),
    ]
    if 1_000_000 in per_row:
        targets.append(("validation of 10^6 rows < 20 s", per_row[1_000_000] * 1e6, 20.0, "s"))
        if 10_000 in per_row:
            targets.append(("cost per row at 10^6 <= 1.5x that at 10^4", per_row[1_000_000] / per_row[10_000], 1.5, "x"))
    if "palmerpenguins load_penguins()" in timings:
        ratio = timings['td.load("facts")'] / timings["palmerpenguins load_penguins()"]
        print(f"\ntd.load('facts') / palmerpenguins load_penguins(): {ratio:.2f}x")
    print("\ntargets:")
    for name, value, limit, unit in targets:
        print(f"  [{'met' if value <= limit else 'NOT MET'}] {name}: {value:.2f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
