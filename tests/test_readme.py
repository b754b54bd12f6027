"""The README is the front door: its examples and its table list must stay true."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import technonat_data as td
from technonat_data.loader import bundled_dir

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_table() -> None:
    listed = re.findall(r"^\| `(\w+)` \|", README, flags=re.MULTILINE)
    assert listed == list(td.tables())


def test_readme_error_example_is_what_the_cli_prints(project: Path) -> None:
    """The example's line number is illustrative (rows move as raw/facts.csv grows); the rest is what the CLI prints
    for the first percent fact whose value is typed as 151, on that fact's line."""
    example = re.search(r"^raw/facts\.csv:(\d+)(: column 'value', value 151\.0: .*)$", README, flags=re.MULTILINE)
    assert example, "README lost its error example"
    facts = project / "raw" / "facts.csv"
    with facts.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    line, row = next((n, r) for n, r in enumerate(rows[1:], start=2) if r[header.index("unit")] == "percent"
                     and r[header.index("value")])
    row[header.index("value")] = "151"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    facts.write_text(out.getvalue(), encoding="utf-8")
    code, _, err = run_cli("validate", "--root", str(project))
    assert code == 1
    assert f"raw/facts.csv:{line}{example.group(2)}" in err.splitlines()


def test_readme_set_up_commands_are_the_ci_commands() -> None:
    commands = re.findall(r"```bash\n(.+?)\n```", README)
    assert commands == ['pip install -e ".[release]" && technonat-data build', 'pip install -e ".[test]" && python -m pytest']
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_verdict_counts_match_the_checks() -> None:
    counts = td.load("checks")["verdict"].value_counts()
    text = " ".join(README.split())
    for verdict, label in (("consistent", "consistent,"), ("partly_consistent", "partly consistent,"),
                           ("contradicted", "contradicted"), ("garbled_in_source", "garbled in the source"),
                           ("unverified", "unverified.")):
        assert f"{counts[verdict]} {label}" in text, (verdict, counts[verdict])


def test_readme_python_snippets_run() -> None:
    namespace: dict = {}
    for block in re.findall(r"```python\n(.+?)\n```", README, flags=re.DOTALL):
        exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["facts"].equals(td.load("facts", version="1.0.0"))  # the last block pins 1.0.0
    assert len(namespace["notes"]) == len(td.load("source_notes"))


def test_readme_datasette_recipe_names_a_folder_a_wheel_user_has() -> None:
    from technonat_data.curate.schema.spec import load_specs
    from technonat_data.curate.write.editions import METADATA_NAME
    from technonat_data.curate.write.sqlite_file import link_table, sqlite_name

    recipe = re.search(r'^folder="\$\(technonat-data (info --folder)\)".*\n'
                       r'datasette "\$folder"/(\*\.sqlite) --metadata "\$folder"/(\S+) ', README, flags=re.MULTILINE)
    assert recipe, "README lost its Datasette recipe"
    code, out, _ = run_cli(*recipe.group(1).split())
    folder = Path(out.strip())
    assert code == 0 and folder == bundled_dir()
    databases = [p.name for p in folder.glob(recipe.group(2))]
    assert len(databases) == 1 and databases[0].startswith("technonat-data-")
    assert recipe.group(3) == METADATA_NAME
    if databases[0] == sqlite_name(td.data_version):  # releases after 1.2.0: the recipe works as written
        assert (folder / METADATA_NAME).is_file()
    events = load_specs(ROOT / "schemas")["events"]
    assert f"`{link_table(events, events.column('entity_ids'))}`" in README


def test_readme_frictionless_command_names_the_extras_it_needs(tmp_path: Path) -> None:
    import shutil
    import subprocess
    from importlib import metadata

    command = re.search(r'^pip install "frictionless\[(\w+),(\w+)\]" && (frictionless validate datapackage\.json)$',
                        README, flags=re.MULTILINE)
    assert command, "README lost its frictionless command"
    extras = {r.split("extra == ")[1].strip("'\"") for r in metadata.requires("frictionless") or [] if "pyarrow" in r}
    assert {command.group(1), command.group(2)} == extras  # the extras that bring pyarrow (and pandas)
    release = tmp_path / "release"
    shutil.copytree(bundled_dir(), release)
    frictionless = Path(shutil.which("frictionless") or "frictionless")
    result = subprocess.run([str(frictionless), *command.group(3).split()[1:]], cwd=release, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
