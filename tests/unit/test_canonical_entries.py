"""A manifest's identity hash dumps each collection in one call: each entry's text must be
exactly what dumping the entry alone gives, whatever its strings hold."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ccom_rules import installed_packs, load_manifest
from pydantic import BaseModel

from ccom_rules.canonical import entries_json, entries_utf8, manifest_entries_utf8
from ccom_rules.model.manifest import EvidenceItem, Person

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/manifest.yaml"))
COLLECTIONS = ("evidence", "people", "findings", "not_applicable", "certified_levels")


def test_examples_entries_dump_as_alone() -> None:
    packs = installed_packs()
    for path in EXAMPLES:
        manifest = load_manifest(path, packs)
        for key in COLLECTIONS:
            entries = getattr(manifest, key)
            assert entries_json(entries) == [entry.model_dump_json() for entry in entries], (path.name, key)
            alone = [entry.model_dump_json().encode("utf-8") for entry in entries]
            assert manifest_entries_utf8(manifest, key) == alone, (path.name, key)  # cut from the manifest's JSON


texts = st.text(alphabet=st.sampled_from(list('ab "\\{}[],:\n\t\u2028é中😀')), min_size=1, max_size=12)


@given(st.lists(st.tuples(texts, st.floats(allow_nan=False, allow_infinity=False, width=64)), min_size=1, max_size=5))
def test_hostile_strings_and_numbers(rows: list[tuple[str, float]]) -> None:
    items = [
        EvidenceItem.model_validate(
            {"id": f"ev-{n}", "type": "kpi_report", "title": title, "date": "2026-01-31", "metrics": {"m": value}}
        )
        for n, (title, value) in enumerate(rows)
    ]
    assert entries_json(items) == [item.model_dump_json() for item in items]
    manifest = _DEMO.model_copy(update={"evidence": tuple(items)})
    assert manifest_entries_utf8(manifest, "evidence") == [item.model_dump_json().encode("utf-8") for item in items]


_DEMO = load_manifest(next(path for path in EXAMPLES if path.parent.name == "harbour-bank"))


def test_mixed_or_empty() -> None:
    assert entries_json(()) == []
    person = Person.model_validate({"name": 'A "B" {C}', "role": "lead"})
    assert entries_json((person,)) == [person.model_dump_json()]


class _Inner(BaseModel):
    id: str


class _Outer(BaseModel):
    id: str
    inner: list[_Inner]


@given(st.lists(st.tuples(texts, st.lists(texts, max_size=3)), min_size=1, max_size=5))
def test_first_key_repeated_inside_entries(rows: list[tuple[str, list[str]]]) -> None:
    """Nested objects that begin as every entry does (``,{"id":``): the entries are still cut
    exactly where they end."""
    entries = [_Outer(id=name, inner=[_Inner(id=x) for x in inner]) for name, inner in rows]
    assert entries_json(entries) == [entry.model_dump_json() for entry in entries]
    assert entries_utf8(entries) == [entry.model_dump_json().encode("utf-8") for entry in entries]
