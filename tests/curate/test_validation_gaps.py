"""Bad input that validation once let through, or reported without saying what to fix: each case reads its message.

Digits other than ASCII and dates that do not exist; a field over the size limit on the fast CSV path; claims
that exemplify themselves; repeated list items; invisible characters; a quote of a source without a text file;
swapped sentence rows; NFD against NFC; a long quote whose difference lies beyond the shown part of the value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
import unicodedata
from pathlib import Path

import pytest

from technonat_data.curate.read.raw_reader import MAX_FIELD_BYTES
from technonat_data.curate.rules.cell_checks import INVISIBLE, partial_date_columns
from technonat_data.curate.rules.differences import first_difference
from technonat_data.curate.rules.sentences import segment
from technonat_data.curate.rules.validate import read_tables
from technonat_data.curate.schema.spec import load_specs

from ..conftest import ARTICLE, ROOT, line_of
from .conftest import STATEMENTS, problems, sentence_rows, titled, write_csv

CHECKS, CLAIMS, REFERENCES, SOURCES = "raw/checks.csv", "raw/claims.csv", "raw/references.yaml", "raw/sources/sources.yaml"
SENTENCES, STATEMENTS_FILE = "raw/sentences.csv", "raw/statements.csv"
CHECK = "chk_chip_equipment_export_controls"
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
TEXT = ARTICLE.read_text(encoding="utf-8")


def set_cell(root: Path, file: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of a raw CSV (by the row's first column); returns the row's line."""
    path = root / file
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    index = rows[0].index(column)
    line = next(i for i, row in enumerate(rows, 1) if row[0] == row_id)
    rows[line - 1][index] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return line


def set_yaml(root: Path, file: str, old: str, new: str) -> int:
    """Replace the first line holding ``old`` by one with ``new`` in its place; returns that line."""
    path = root / file
    line = line_of(path, old)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    return line


def cell(root: Path, file: str, row_id: str, column: str) -> str:
    """One cell of a raw CSV."""
    rows = list(csv.DictReader(io.StringIO((root / file).read_text(encoding="utf-8"), newline="")))
    return next(row[column] for row in rows if next(iter(row.values())) == row_id)


def write_statements(root: Path, rows: list[dict]) -> None:
    """Rewrite the statements of the small project with ``rows`` (titled as the schema asks)."""
    write_csv(root / STATEMENTS_FILE, header(root / STATEMENTS_FILE), titled(load_specs(root / "schemas")["statements"], rows))


def header(path: Path) -> list[str]:
    """The header row of a CSV file."""
    return next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


# --- dates: ASCII digits, and dates that exist -----------------------------------------------------------------

def test_the_date_rule_covers_every_partial_date_column(project: Path) -> None:
    tables, _ = read_tables(project, load_specs(project / "schemas"))
    covered = {(name, column) for name, table in tables.items() for column in partial_date_columns(table)}
    assert covered == {("checks", "external_date"), ("references", "published"), ("sources", "published")}


NOT_ASCII = f"does not match the pattern {DATE_PATTERN} (\\d: ASCII digits 0-9 only)"


@pytest.mark.parametrize(("date", "rule"), [
    pytest.param("\uff12\uff10\uff10\uff19-13", NOT_ASCII, id="full-width digits"),
    pytest.param("\u0662\u0660\u0660\u0669-06", NOT_ASCII, id="Arabic-Indic digits"),
    pytest.param("2009-13", "impossible date (month must be in 1..12)", id="month 13"),
    pytest.param("2009-02-29", "impossible date (day is out of range for month)", id="29 February 2009"),
])
def test_external_date_must_be_an_ascii_date_that_exists(project: Path, date: str, rule: str) -> None:
    line = set_cell(project, CHECKS, CHECK, "external_date", date)
    assert problems(project) == [f"{CHECKS}:{line}: column 'external_date', value {date!r}: {rule}"]


@pytest.mark.parametrize(("file", "old", "date", "rule"), [
    pytest.param(REFERENCES, '"2009-07-01"', "\u0662\u0660\u0660\u0669-07-01", NOT_ASCII, id="reference Arabic-Indic"),
    pytest.param(REFERENCES, '"2009-07-01"', "2009-04-31", "impossible date (day is out of range for month)",
                 id="reference 31 April"),
    pytest.param(SOURCES, '"2024-01-23"', "\uff12\uff10\uff12\uff14-01-23", NOT_ASCII, id="source full-width"),
    pytest.param(SOURCES, '"2023-07"', "2023-00", "impossible date (month must be in 1..12)", id="source month 0"),
    pytest.param(SOURCES, '"2024-01-23"', "2024-01", "a month date, but published_precision is 'day' "
                 "(expected like 2009-06-30)", id="source date coarser than its precision"),
])
def test_published_must_be_an_ascii_date_that_exists(project: Path, file: str, old: str, date: str, rule: str) -> None:
    line = set_yaml(project, file, old, f'"{date}"')
    assert problems(project) == [f"{file}:{line}: column 'published', value {date!r}: {rule}"]


# --- the field size limit on every path ----------------------------------------------------------------------

def test_an_oversized_field_is_refused_on_the_fast_csv_path(project: Path) -> None:
    passage = "x" * 1_000_000
    line = set_cell(project, CHECKS, CHECK, "passage", passage)
    found = problems(project)
    assert (f"{CHECKS}:{line}: column 'passage', value {passage[:60]!r}... (1000000 characters): text is 1000000 "
            f"bytes in UTF-8, more than the {MAX_FIELD_BYTES} one field may hold (a pasted file or a runaway "
            "quote?)") in found


def test_an_oversized_field_is_measured_in_utf8_bytes_in_yaml_too(project: Path) -> None:
    note = "长" * 40_000  # 40,000 characters, 120,000 bytes
    line = set_yaml(project, REFERENCES, "  note_en:", f"  note_en: {note}")
    assert f"{REFERENCES}:{line}: column 'note_en', value {note[:60]!r}... (40000 characters): text is 120000 bytes " \
           f"in UTF-8, more than the {MAX_FIELD_BYTES} one field may hold (a pasted file or a runaway quote?)" \
           in problems(project)


# --- claims and lists ----------------------------------------------------------------------------------------

def test_a_claim_cannot_exemplify_itself(project: Path) -> None:
    line = set_cell(project, CLAIMS, "approach_innovationist", "exemplifies", "approach_innovationist")
    assert problems(project) == [f"{CLAIMS}:{line}: column 'exemplifies', value 'approach_innovationist': a claim "
                                 "cannot exemplify itself"]


def test_two_claims_cannot_exemplify_each_other(project: Path) -> None:
    a = set_cell(project, CLAIMS, "approach_innovationist", "exemplifies", "approach_protectionist")
    b = set_cell(project, CLAIMS, "approach_protectionist", "exemplifies", "approach_innovationist")
    assert problems(project) == [
        f"{CLAIMS}:{a}: column 'exemplifies', value 'approach_protectionist': leads back to this claim "
        "(approach_innovationist -> approach_protectionist -> approach_innovationist): claims cannot exemplify "
        "each other",
        f"{CLAIMS}:{b}: column 'exemplifies', value 'approach_innovationist': leads back to this claim "
        "(approach_protectionist -> approach_innovationist -> approach_protectionist): claims cannot exemplify "
        "each other"]


def test_support_ids_name_each_id_once(project: Path) -> None:
    ids = cell(project, CLAIMS, "case_elpida_limits", "support_ids").split(";")
    line = set_cell(project, CLAIMS, "case_elpida_limits", "support_ids", ";".join([*ids, ids[0]]))
    assert problems(project) == [f"{CLAIMS}:{line}: column 'support_ids', value {ids[0]!r}: listed 2 times in this "
                                 "cell; list each item once"]


# --- invisible characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shown", "at"), [
    pytest.param("Japan \u202ejoined in 2023.", "'\\u202e' (U+202E RIGHT-TO-LEFT OVERRIDE)", 6, id="bidi override"),
    pytest.param("\ufeffJapan joined in 2023.", "'\\ufeff' (U+FEFF ZERO WIDTH NO-BREAK SPACE)", 0, id="leading BOM"),
    pytest.param("Japan joined\u2028in 2023.", "'\\u2028' (U+2028 LINE SEPARATOR)", 12, id="line separator"),
])
def test_english_text_holds_no_invisible_character(project: Path, text: str, shown: str, at: int) -> None:
    line = set_cell(project, CHECKS, CHECK, "explanation_en", text)
    assert problems(project) == [f"{CHECKS}:{line}: column 'explanation_en', value {text!r}: holds {shown} at "
                                 f"character {at}, an invisible control or format character; delete it"]


def test_yaml_text_holds_no_invisible_character(project: Path) -> None:
    line = set_yaml(project, SOURCES, "publisher: Asia and the Global Economy",
                    'publisher: "Asia\\u202e and the Global Economy"')
    assert problems(project) == [f"{SOURCES}:{line}: column 'publisher', value 'Asia\\u202e and the Global Economy': "
                                 "holds '\\u202e' (U+202E RIGHT-TO-LEFT OVERRIDE) at character 4, an invisible control "
                                 "or format character; delete it"]


def test_the_invisible_characters_are_exactly_those_categories() -> None:
    wanted = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
    matched = {cp for cp in range(sys.maxunicode + 1) if INVISIBLE.match(chr(cp))}
    expected = {cp for cp in range(sys.maxunicode + 1)
                if unicodedata.category(chr(cp)) in wanted and chr(cp) not in "\t\n"}
    assert expected <= matched
    assert {unicodedata.category(chr(cp)) for cp in matched - expected} <= {"Cn"}, "format characters of later Unicode"


# --- a quote of a source without a text file -----------------------------------------------------------------

def test_a_quote_of_a_source_without_text_names_the_row_and_the_sources_file(small: Path) -> None:
    extra = dict(STATEMENTS[0], statement_id="park_quoted", source_id="park_2023")
    write_statements(small, [*STATEMENTS, extra])
    checks = small / CHECKS
    checks.write_text(checks.read_text(encoding="utf-8") + "chk_park_quoted,,,park_quoted,unverified,,,,,,Not checked.\n",
                      encoding="utf-8")
    assert problems(small) == [f"{STATEMENTS_FILE}:4: column 'source_id', value 'park_2023': this row has a quote, but "
                               f"source 'park_2023' has no text file to find it in ('file' is empty in {SOURCES}): "
                               "quote a source whose text is held, or add the text there"]


# --- sentences out of order, and differences a reader cannot see ----------------------------------------------

def test_swapped_sentence_rows_are_reported_as_out_of_order(small: Path) -> None:
    rows = sentence_rows()
    rows[10]["text"], rows[11]["text"] = rows[11]["text"], rows[10]["text"]
    write_csv(small / SENTENCES, list(rows[0]), rows)
    moved = segment(TEXT)[10]
    assert problems(small) == [
        f"{SENTENCES}:11: column 'text', value {moved.text!r}: missing row: the rule gives this sentence at offset "
        f"{moved.start}, after this line; line 13 has it, out of order",
        f"{SENTENCES}:13: column 'text', value {moved.text!r}: not a sentence by the sentence rule: the rule gives "
        f"this sentence elsewhere, as sentence 11 of the source (offset {moved.start}): the rows are out of order"]


CAFE = "Caf\u00e9 au lait\u3002"  # the article's full stop ends it


def with_cafe(root: Path) -> tuple[str, list[dict]]:
    """The small project with a last sentence holding a precomposed letter (its hash and sentence rows updated)."""
    article = root / "raw" / "sources" / ARTICLE.name
    text = TEXT + "\n" + CAFE + "\n"
    article.write_text(text, encoding="utf-8")
    old = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    sources = root / SOURCES
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, hashlib.sha256(text.encode()).hexdigest()),
                       encoding="utf-8")
    rows = sentence_rows()
    rows.append(dict(rows[-1], sentence_id=f"s{len(rows) + 1:03d}", text=CAFE, not_recorded_reason="transition"))
    write_csv(root / SENTENCES, list(rows[0]), rows)
    return text, rows


def test_an_nfd_sentence_row_says_nfd_vs_nfc(small: Path) -> None:
    _, rows = with_cafe(small)
    assert problems(small) == []
    rows[-1]["text"] = unicodedata.normalize("NFD", CAFE)
    write_csv(small / SENTENCES, list(rows[0]), rows)
    assert problems(small) == [
        f"{SENTENCES}:{len(rows) + 1}: column 'text', value {rows[-1]['text']!r}: not a sentence by the sentence "
        f"rule: the rule gives {CAFE!r} here; at character 3 the row has 'e\\u0301' (U+0065 LATIN SMALL LETTER E, "
        "U+0301 COMBINING ACUTE ACCENT) where the rule has '\u00e9' (U+00E9 LATIN SMALL LETTER E WITH ACUTE): the "
        "same text in another Unicode normalisation (NFD vs NFC); save it as NFC"]


def test_an_nfd_quote_says_nfd_vs_nfc(small: Path) -> None:
    text, _ = with_cafe(small)
    quote = unicodedata.normalize("NFD", CAFE[:-1])
    extra = dict(STATEMENTS[0], statement_id="cafe", quote=quote)
    write_statements(small, [*STATEMENTS, extra])
    checks = small / CHECKS
    checks.write_text(checks.read_text(encoding="utf-8") + "chk_cafe,,,cafe,unverified,,,,,,Not checked.\n",
                      encoding="utf-8")
    found = [p for p in problems(small) if "column 'quote'" in p]
    assert found == [
        f"{STATEMENTS_FILE}:4: column 'quote', value {quote!r}: quote not found verbatim in the source text: its first 3 "
        f"of {len(quote)} characters occur at offset {text.index('Caf')}; then the quote has 'e\\u0301 a...' "
        "(U+0065 LATIN SMALL LETTER E, U+0301 COMBINING ACUTE ACCENT, U+0020 SPACE, U+0061 LATIN SMALL LETTER A, ...) "
        "where the source has '\u00e9 au...' (U+00E9 LATIN SMALL LETTER E WITH ACUTE, U+0020 SPACE, U+0061 LATIN "
        "SMALL LETTER A, U+0075 LATIN SMALL LETTER U, ...); the quote occurs after Unicode normalisation (the quote "
        "is NFD, the source NFC): save it as NFC"]


def test_first_difference_spells_out_invisible_and_combining_characters() -> None:
    assert first_difference("ab\u200bc", "abc", "the row", "the rule") == (
        "at character 2 the row has '\\u200b' (U+200B ZERO WIDTH SPACE) where the rule has nothing (it ends there)")


def test_a_long_quotes_trailing_zero_width_space_is_shown(project: Path) -> None:
    rows = csv.DictReader(io.StringIO((project / CLAIMS).read_text(encoding="utf-8"), newline=""))
    claim = next(row["claim_id"] for row in rows if len(row["quote"]) > 60)  # a message cuts values after 60 characters
    quote = cell(project, CLAIMS, claim, "quote")
    line = set_cell(project, CLAIMS, claim, "quote", quote + "\u200b")
    found = [p for p in problems(project) if p.startswith(f"{CLAIMS}:{line}: column 'quote'")]
    assert len(found) == 1 and "quote not found verbatim in the source text" in found[0]
    assert found[0].endswith(f"its first {len(quote)} of {len(quote) + 1} characters occur at offset "
                             f"{TEXT.index(quote)}; then the quote has '\\u200b' (U+200B ZERO WIDTH SPACE) where the "
                             f"source has {_spelled(TEXT[TEXT.index(quote) + len(quote)])}")


def _spelled(ch: str) -> str:
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch)})"


def test_todays_raw_data_passes_every_new_rule() -> None:
    assert problems(ROOT) == []


def test_the_fast_yaml_reader_gives_what_pyyaml_gives_on_every_raw_yaml_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from technonat_data.curate.read import raw_reader

    specs = [s for s in load_specs(ROOT / "schemas").values() if s.raw.endswith(".yaml")]
    assert specs, "the scan must reach the YAML tables"
    for spec in specs:
        text = (ROOT / spec.raw).read_text(encoding="utf-8")
        fast = raw_reader._parse_yaml(raw_reader._FastUniqueKeyLoader, text, spec)
        slow = raw_reader._parse_yaml(raw_reader._UniqueKeyLoader, text, spec)
        assert fast == slow, spec.raw
    monkeypatch.setattr(raw_reader, "_UniqueKeyLoader", None)  # a well-formed file never needs PyYAML's own loader
    assert raw_reader.read_yaml(text, spec) == slow
