"""The rules added with sentences and statements, registered with :mod:`.checks` in one place."""

from __future__ import annotations

from collections.abc import Callable

from ..problems import Problem
from ..read.coerce import TypedTable
from .cell_checks import cell_checks
from .link_checks import exemplifies_circles, quoted_sources_have_texts
from .sentence_checks import reason_fits_kind, sentences_accounted_for, sentences_follow_rule
from .statement_checks import date_as_stated_with_date, ids_unique_across, supports_exist

RECORD_ROW_CHECKS: dict[str, Callable[[TypedTable, dict[str, str]], list[Problem]]] = {
    "sentences_follow_rule": sentences_follow_rule,
    "reason_fits_kind": reason_fits_kind,
    "date_as_stated_with_date": date_as_stated_with_date,
}


def record_checks(tables: dict[str, TypedTable], texts: dict[str, str]) -> list[Problem]:
    """The rules across tables: every sentence accounted for, support ids resolved, record ids unique, quoted
    sources held, no claim exemplifying itself; and the rules of single cells (dates, invisible characters, lists)."""
    problems = sentences_accounted_for(tables, texts) + ids_unique_across(tables) + supports_exist(tables)
    problems += quoted_sources_have_texts(tables) + cell_checks(tables)
    return problems + (exemplifies_circles(tables["claims"]) if "claims" in tables else [])
