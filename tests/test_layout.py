"""The two halves of the package: the run-time half never needs the curation half or its dependencies."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from .conftest import ROOT

PACKAGE = ROOT / "technonat_data"
CURATION_DEPENDENCIES = {"pandera", "frictionless", "yaml", "filelock"}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


def test_user_path_never_imports_the_curation_half() -> None:
    code = (
        "import sys, json, technonat_data as td\n"
        "td.tables(); td.load('facts'); td.cite(); td.diff('1.0.0', '1.1.0', table='facts')\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout))
    assert not {m for m in modules if m.startswith("technonat_data.curate")}
    assert not {m.split(".")[0] for m in modules} & CURATION_DEPENDENCIES


def test_run_time_modules_import_curation_only_inside_curator_commands() -> None:
    """A module-level import of the curation half from the run-time half would make every user pay for it."""
    offenders = []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("curate"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_curation_half_without_release_extra_names_the_extra() -> None:
    hide = "import sys; sys.modules['yaml'] = None; sys.modules['pandera'] = None\n"
    result = _run(hide + "import technonat_data.curate")
    last = result.stderr.strip().splitlines()[-1]
    assert 'pip install "technonat-data[release]"' in last
    assert "missing: yaml, pandera" in last


def test_curator_commands_without_release_extra_say_so_in_one_line() -> None:
    hide = "import sys; sys.modules['yaml'] = None\nfrom technonat_data.cli import main\n"
    for command in ("validate", "build"):
        result = _run(hide + f"sys.exit(main([{command!r}]))")
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == [
            "the curator's commands (validate, build, release, assets) need the release extra: "
            'pip install "technonat-data[release]" (missing: yaml)'
        ]
        assert "Traceback" not in result.stderr


def test_user_commands_work_without_release_extra() -> None:
    hide = "import sys; sys.modules['yaml'] = None; sys.modules['pandera'] = None\nfrom technonat_data.cli import main\n"
    result = _run(hide + "sys.exit(main(['cite', '--format', 'apa']))")
    assert result.returncode == 0, result.stderr
    assert "technonat-data" in result.stdout


def test_tab_completion_shows_the_public_api() -> None:
    result = _run("import technonat_data as td; print(' '.join(dir(td)))")
    assert result.stdout.split() == ["__version__", "cite", "data_version", "diff", "load", "tables", "versions"]
