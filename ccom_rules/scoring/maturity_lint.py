"""Checks of a maturity_levels pack's parameters against its clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..problems import Problem

if TYPE_CHECKING:
    from ..model.pack import ClausePack
    from ..yamlsource import Document
    from .maturity import MaturityLevels


def lint(scoring: MaturityLevels, pack: ClausePack, doc: Document) -> list[Problem]:
    """Sections that are not top-level clauses, a rating scale other than 0/5/10, unreachable
    levels, and items without a method and an execution checkpoint."""
    index = pack.index
    top_ids = {p.clause.id for p in index.clauses.values() if p.depth == 0}
    out: list[Problem] = []
    for name in ("core_sections", "innovation_sections"):
        for i, sid in enumerate(getattr(scoring, name)):
            if sid not in top_ids:
                out.append(doc.problem(("scoring", name, i), "E007", f"{name} names {sid!r}, which is not a top-level clause"))
    # Assessors record C-Rate and F-Rate as 0, 5 or 10 (the manifest's rating values).
    scale = (scoring.scale.none, scoring.scale.partial, scoring.scale.full)
    if scale != (0, 5, 10):
        out.append(
            doc.problem(
                ("scoring", "scale"),
                "E012",
                f"the rating scale is {'/'.join(map(str, scale))}, but assessors rate items 0/5/10",
            )
        )
    for name in ("all_met", "some_met", "none_met"):
        if getattr(scoring.derivation, name) not in scale:
            out.append(
                doc.problem(
                    ("scoring", "derivation", name),
                    "E012",
                    f"derivation.{name} is {getattr(scoring.derivation, name)}, not a value of the rating scale",
                )
            )
    core = index.leaves_under(scoring.core_sections)
    innovation = index.leaves_under(scoring.innovation_sections)
    items = core + innovation
    max_total = 2 * scoring.scale.full * len(items)
    # The proof that every level is reachable: a centre rated in full on every item, with
    # the years each level asks for, meets all of that level's conditions.
    full = (scoring.scale.full, scoring.scale.full)
    best_core, best_innovation = scoring.shares([full] * len(core)), scoring.shares([full] * len(innovation))
    for i, lv in enumerate(scoring.levels):
        if lv.min_total > max_total:
            out.append(
                doc.problem(
                    ("scoring", "levels", i, "min_total"),
                    "E012",
                    f"L{lv.level} needs {lv.min_total} points but {len(items)} items give at most {max_total}: unreachable",
                )
            )
            continue
        for cond in scoring.conditions_of(lv, best_core, best_innovation, max_total, lv.min_operating_years):
            if not cond.met:
                out.append(
                    doc.problem(
                        ("scoring", "levels", i),
                        "E012",
                        f"L{lv.level} is unreachable even with every item rated in full: {cond.message}",
                    )
                )
        if i and (lv.min_total < scoring.levels[i - 1].min_total):
            out.append(
                doc.problem(("scoring", "levels", i, "min_total"), "E012", f"L{lv.level} needs fewer points than L{lv.level - 1}")
            )
    for item in items:
        aspects = {cp.aspect for cp in item.checkpoints}
        if not {"method", "execution"} <= aspects:
            placed = index.clauses[item.id]
            out.append(
                Problem(
                    doc.file,
                    1,
                    1,
                    "E012",
                    f"item {item.id!r} (under {placed.top}) needs at least one method and one execution checkpoint",
                    "$.clauses",
                )
            )
    return out
