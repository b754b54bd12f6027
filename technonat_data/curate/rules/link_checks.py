"""Rules on what records point at: claims that exemplify themselves (directly or in a circle), and quotes of a
source whose text is not held (nothing to check the quote against, and no offsets to compute)."""

from __future__ import annotations

from collections import deque

from ..problems import Problem
from ..read.coerce import TypedTable


def exemplifies_circles(claims: TypedTable) -> list[Problem]:
    """No claim exemplifies itself, directly or through other claims (a, b exemplifying each other)."""
    ids = claims.column("claim_id")
    graph = {claim: [t for t in targets if t is not None] for claim, targets in
             zip(ids, claims.column("exemplifies"), strict=True) if claim is not None}
    looping = _reaching_circles(graph)
    problems = []
    for i, (claim, targets) in enumerate(zip(ids, claims.column("exemplifies"), strict=True)):
        for target in dict.fromkeys(targets) if claim in looping else ():
            if target == claim:
                rule = "a claim cannot exemplify itself"
            elif (path := _path(graph, target, claim)) is not None:
                rule = f"leads back to this claim ({' -> '.join([claim, *path])}): claims cannot exemplify each other"
            else:
                continue
            problems.append(Problem(claims.file, claims.line(i, "exemplifies"), "exemplifies", target, rule))
    return problems


def _reaching_circles(graph: dict[str, list[str]]) -> set[str]:
    """The claims from which a circle can be reached: what is left after repeatedly removing dead ends (linear)."""
    pointing: dict[str, list[str]] = {}
    for claim, targets in graph.items():
        for target in targets:
            pointing.setdefault(target, []).append(claim)
    outgoing = {claim: len(targets) for claim, targets in graph.items()}
    ends = deque(claim for claim, count in outgoing.items() if count == 0)
    ends += [t for t in pointing if t not in graph]  # unknown targets: reported as foreign keys, dead ends here
    left = set(graph)
    while ends:
        end = ends.popleft()
        left.discard(end)
        for claim in pointing.get(end, ()):
            outgoing[claim] -= 1
            if outgoing[claim] == 0:
                ends.append(claim)
    return left


def _path(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of ``exemplifies`` links from ``start`` to ``goal`` (both included), or None."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            chain = [node]
            while previous[chain[-1]] is not None:
                chain.append(previous[chain[-1]])
            return chain[::-1]
        for nxt in graph.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def quoted_sources_have_texts(tables: dict[str, TypedTable]) -> list[Problem]:
    """A record quotes only a source whose text file is held (``file`` set in the sources table)."""
    if "sources" not in tables:
        return []
    sources = tables["sources"]
    without_file = {s for s, f in zip(sources.column("source_id"), sources.column("file"), strict=True) if f is None}
    problems = []
    for table in tables.values():
        if not {"quote", "source_id"} <= set(table.frame.columns):
            continue
        rows = zip(table.column("source_id"), table.column("quote"), strict=True)
        problems += [Problem(table.file, table.line(i, "source_id"), "source_id", source_id,
                             f"this row has a quote, but source {source_id!r} has no text file to find it in "
                             f"('file' is empty in {sources.file}): quote a source whose text is held, or add the "
                             "text there")
                     for i, (source_id, quote) in enumerate(rows) if quote is not None and source_id in without_file]
    return problems
