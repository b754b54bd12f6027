"""The benchmark's synthetic project must validate, or its validation figure measures a failure."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from technonat_data.curate.rules.validate import validate

from ..conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_project_validates_with_every_added_fact(tmp_path: Path) -> None:
    real = sum(1 for _ in csv.DictReader((ROOT / "raw" / "facts.csv").open(encoding="utf-8")))
    root = _bench().synthetic_project(tmp_path / "project", real + 3)
    frames = validate(root)
    assert len(frames["facts"]) == real + 3
    assert {f"synthetic_{i}" for i in range(3)} <= set(frames["facts"]["fact_id"])
