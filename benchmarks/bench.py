"""Benchmarks of technonat-data: import and load cost in a clean install, build time, validation cost per row.

Run from the repository root (see README, "Performance"):

    pip install -e ".[test]" && python benchmarks/bench.py

What is measured, and how, so that anyone can reproduce the printed targets:

- Import and load run in a clean virtual environment holding only the wheel built from this checkout and its
  runtime dependencies (created in a temporary folder, or reused with ``--venv``). Its ``.pth`` files are listed
  and any that import a module at start-up are reported, since they inflate a bare interpreter's baseline.
- A/B timings are paired and interleaved: each pair runs A and B in fresh processes back to back, in alternating
  order; the figure is the median of the per-pair differences (or ratios), with the medians of A and B shown.
- The load target divides ``td.load`` by the floor it wraps, ``pyarrow.parquet.ParquetFile(path).read()`` (plus
  ``to_pandas`` for the pandas path) on the same installed file.
- Validation cost is the marginal cost per row: the slope between two sizes of synthetic ``facts`` tables, timed
  inside fresh processes (cold caches). Synthetic rows have distinct quotes, values and dates, quoted from
  generated synthetic source texts (registered with their SHA-256) so every quote is located and verified.
- The build is timed with the earlier releases present (the build diffs against the previous release and
  re-hashes every release for the registry).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
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
ROWS_PER_SOURCE = 1000  # synthetic rows quoted from one synthetic source text (about the length of the article)


def run_ms(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time (ms) of one command in a fresh process."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def paired(python: str, code_a: str, code_b: str, pairs: int) -> tuple[float, float, float, float]:
    """Interleaved pairs of fresh ``python -c`` runs (order alternating each pair, one warm-up pair).

    Returns (median of A, median of B, median of B - A, median of B / A), in ms and as a ratio.
    """
    a_times, b_times = [], []
    for i in range(pairs + 1):
        order = [("a", code_a), ("b", code_b)] if i % 2 == 0 else [("b", code_b), ("a", code_a)]
        got = {key: run_ms([python, "-c", code]) for key, code in order}
        if i:
            a_times.append(got["a"])
            b_times.append(got["b"])
    diffs = [b - a for a, b in zip(a_times, b_times, strict=True)]
    ratios = [b / a for a, b in zip(a_times, b_times, strict=True)]
    return statistics.median(a_times), statistics.median(b_times), statistics.median(diffs), statistics.median(ratios)


def clean_venv(folder: Path) -> Path:
    """A fresh venv in ``folder`` with only the wheel of this checkout and its runtime dependencies; its python."""
    wheels = folder / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")], check=True)
    python = folder / "venv" / "bin" / "python"  # no pip or setuptools inside: setuptools' .pth imports at start-up
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)], check=True)
    return python


def startup_report(python: str) -> list[str]:
    """The venv's .pth files, marking those that import modules at start-up (they inflate a bare baseline)."""
    code = "import site, sys; print('\\n'.join(site.getsitepackages())); print('--'); print(len(sys.modules))"
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout
    folders, modules = out.split("--\n")
    lines = [f"modules loaded by a bare `python -c pass`: {modules.strip()}"]
    for folder in folders.split():
        for pth in sorted(Path(folder).glob("*.pth")):
            imports = [ln for ln in pth.read_text(encoding="utf-8").splitlines() if ln.startswith(("import ", "import\t"))]
            lines.append(f".pth {pth.name}: {'IMPORTS AT START-UP: ' + imports[0][:80] if imports else 'paths only'}")
    return lines if len(lines) > 1 else [*lines, "no .pth files"]


def loading(python: str, pairs: int) -> dict[str, tuple[float, float, float, float]]:
    """Paired timings in the clean venv: import over a bare interpreter, and each load path over its floor."""
    where = subprocess.run([python, "-c", "from technonat_data.loader import bundled_dir; print(bundled_dir())"],
                           check=True, capture_output=True, text=True).stdout.strip()
    path = repr(str(Path(where) / "facts.parquet"))
    floor = f"import pyarrow.parquet as pq; t = pq.ParquetFile({path}).read()"
    return {
        "import": paired(python, "pass", "import technonat_data", pairs),
        "pyarrow": paired(python, floor, "import technonat_data as td; td.load('facts', backend='pyarrow')", pairs),
        "pandas": paired(python, floor + "; t.to_pandas(date_as_object=False)",
                         "import technonat_data as td; td.load('facts')", pairs),
    }


def project_copy(target: Path, releases: bool) -> Path:
    """A copy of the raw inputs, schemas and changelog (and the committed releases, if asked) under ``target``."""
    for name in ("raw", "schemas", *(["build"] if releases else [])):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "CHANGELOG.md", target)
    return target


def building(runs: int) -> float:
    """Median wall time (ms) of ``technonat-data build`` of the current version with the earlier releases present."""
    sys.path.insert(0, str(ROOT))
    from technonat_data import __version__

    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = project_copy(Path(tmp), releases=True)
            shutil.rmtree(root / "build" / __version__)
            times.append(run_ms([sys.executable, "-m", "technonat_data.cli", "build", "--root", str(root)],
                                env=os.environ | {"PYTHONPATH": str(ROOT)}))
    return statistics.median(times)


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def write_rows(rows: list[dict[str, str]], path: Path) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def synthetic_fact(i: int, source_id: str) -> tuple[dict[str, str], str]:
    """Fact ``i``: a distinct value, date and quote; returns the row's changes and the sentence that states it."""
    year, month, amount = 1900 + i % 120, 1 + i % 12, 1000 + i
    sentence = f"合成记录{i}号:{year}年{month}月,数额为{amount}亿日元。"
    return {"fact_id": f"synthetic_{i}", "value": str(amount * 100_000_000), "value_as_stated": f"{amount}亿日元",
            "date": f"{year}-{month:02d}", "date_precision": "month", "date_as_stated": f"{year}年{month}月",
            "source_id": source_id, "quote": sentence, "text_en": f"Synthetic fact {i}.",
            "title_en": f"Synthetic fact {i}"}, sentence


def synthetic_project(target: Path, rows: int) -> Path:
    """A project copy whose facts table has ``rows`` rows: the real ones, then synthetic facts (each with a check)
    quoted from synthetic source texts of ``ROWS_PER_SOURCE`` sentences, registered in sources.yaml."""
    root = project_copy(target, releases=False)
    facts, checks = read_rows(root / "raw" / "facts.csv"), read_rows(root / "raw" / "checks.csv")
    base = next(r for r in facts if r["fact_id"] == "elpida_2009_dbj_investment")
    blank = dict.fromkeys(checks[0], "")
    sources_yaml = root / "raw" / "sources" / "sources.yaml"
    entry = sources_yaml.read_text(encoding="utf-8").split("\n- source_id: ")[1].split("\n- ")[0]
    texts: dict[str, list[str]] = {}
    for i in range(rows - len(facts)):
        source_id = f"synthetic_source_{i // ROWS_PER_SOURCE}"
        row, sentence = synthetic_fact(i, source_id)
        texts.setdefault(source_id, []).append(sentence)
        facts.append(base | row)
        checks.append(blank | {"check_id": f"chk_synthetic_{i}", "fact_id": row["fact_id"], "verdict": "unverified",
                               "explanation_en": "Synthetic row for the benchmark."})
    records = []
    for source_id, sentences in texts.items():
        text = "\n".join(sentences) + "\n"
        (root / "raw" / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        record = entry.replace("wenhua_zongheng_2024", source_id, 1)
        record = record.replace("raw/sources/000_d274c1e45b8d0655.txt", f"raw/sources/{source_id}.txt")
        old_hash = record.split("sha256: ", 1)[1].split()[0]
        records.append("- source_id: " + record.replace(old_hash, hashlib.sha256(text.encode()).hexdigest()))
    with sources_yaml.open("a", encoding="utf-8") as out:
        out.write("".join("\n" + r.rstrip("\n") + "\n" for r in records))
    sentences = read_rows(root / "raw" / "sentences.csv")
    for source_id, lines in texts.items():  # every source is cut into sentences; each synthetic one is quoted
        sentences += [{"sentence_id": "", "source_id": source_id, "kind": "body", "text": line,
                       "text_en": "Synthetic sentence.", "not_recorded_reason": ""} for line in lines]
    for number, row in enumerate(sentences, start=1):
        row["sentence_id"] = f"s{number:03d}"
    write_rows(sentences, root / "raw" / "sentences.csv")
    write_rows(facts, root / "raw" / "facts.csv")
    write_rows(checks, root / "raw" / "checks.csv")
    return root


VALIDATE = """
import sys, time
from technonat_data.curate.rules.validate import validate
start = time.perf_counter()
frames = validate(__import__("pathlib").Path(sys.argv[1]))
print(time.perf_counter() - start, len(frames["facts"]))
"""


def validation_seconds(root: Path) -> tuple[float, int]:
    """Seconds ``validate`` takes on ``root`` in a fresh process (cold caches), and the facts it validated."""
    result = subprocess.run([sys.executable, "-c", VALIDATE, str(root)], capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)}, check=False)
    if result.returncode:
        raise SystemExit("synthetic data did not validate:\n" + result.stderr[-3000:])
    seconds, count = result.stdout.split()
    return float(seconds), int(count)


def scaling(small: int, large: int, runs: int) -> tuple[float, float, float]:
    """Median validation seconds at two sizes (interleaved runs), and the marginal cost per row (µs) between them."""
    times: dict[int, list[float]] = {small: [], large: []}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: synthetic_project(Path(tmp) / str(n), n) for n in (small, large)}
        for i in range(runs):
            for n in (small, large) if i % 2 == 0 else (large, small):
                seconds, count = validation_seconds(roots[n])
                assert count == n, (count, n)
                times[n].append(seconds)
    low, high = statistics.median(times[small]), statistics.median(times[large])
    return low, high, (high - low) / (large - small) * 1e6


def machine() -> str:
    """Cores, CPU model, Python and OS, for the README's figures."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return (f"{platform.machine()}, nproc {os.cpu_count()}, {model}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--pairs", type=int, default=20, help="interleaved A/B pairs per fresh-process timing")
    args.add_argument("--venv", type=Path, help="reuse this clean venv's python (default: build one in a temp dir)")
    args.add_argument("--sizes", type=int, nargs=2, default=[5_000, 25_000], help="two synthetic facts table sizes")
    args.add_argument("--runs", type=int, default=3, help="runs per validation size and of the build")
    opts = args.parse_args()
    os.chdir(ROOT)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        python = str(opts.venv / "bin" / "python") if opts.venv else str(clean_venv(Path(tmp)))
        print("clean venv: " + "; ".join(startup_report(python)))
        timings = loading(python, opts.pairs)
    bare, imported, added, _ = timings["import"]
    print(f"\nfresh processes in the clean venv, {opts.pairs} interleaved pairs (medians, ms):")
    print(f"  python -c pass {bare:.1f}; python -c 'import technonat_data' {imported:.1f}; paired difference {added:+.1f}")
    for name, label in (("pyarrow", "td.load('facts', backend='pyarrow') vs ParquetFile(path).read()"),
                        ("pandas", "td.load('facts') vs ParquetFile(path).read().to_pandas()")):
        floor, ours, _, ratio = timings[name]
        print(f"  {label}: {ours:.1f} vs {floor:.1f} (paired ratio {ratio:.3f}x)")
    build_ms = building(opts.runs)
    print(f"  technonat-data build, earlier releases present: {build_ms:.0f}")
    small, large = opts.sizes
    low, high, slope = scaling(small, large, opts.runs)
    print(f"\nvalidation of synthetic facts (distinct quotes, values, dates; fresh processes; median of {opts.runs}):")
    print(f"  {small:,} rows {low:.2f} s; {large:,} rows {high:.2f} s; marginal cost {slope:.1f} µs/row "
          f"(10^6 rows would add about {slope:.1f} s)")
    targets = [
        ("import technonat_data adds <= 2 ms over a bare interpreter", added, 2.0, "ms"),
        ("td.load('facts', backend='pyarrow') <= 1.10x ParquetFile(path).read()", timings["pyarrow"][3], 1.10, "x"),
        ("td.load('facts') <= 1.10x ParquetFile(path).read().to_pandas()", timings["pandas"][3], 1.10, "x"),
        ("build with earlier releases present < 10 s", build_ms / 1000, 10.0, "s"),
        ("marginal validation cost <= 20 µs/row (10^6 rows in 20 s)", slope, 20.0, "µs/row"),
    ]
    print("\ntargets:")
    for name, value, limit, unit in targets:
        print(f"  [{'met' if value <= limit else 'NOT MET'}] {name}: {value:.2f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
