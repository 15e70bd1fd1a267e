"""Positions looked up one by one (a warning costs only its place) equal the full index."""

from __future__ import annotations

from ccom_rules.yamlsource import LOOKUPS_BEFORE_INDEXING, Document, _index, _Loader, locate, parse

from ..conftest import EXAMPLES

TEXT = """\
a: 1
b:
  - {x: 1, y: [1, 2]}
  - x: 2
    "z": hello
  - [nested, [deeper]]
c: {g: 1, d: {e: f}}
"""


def _indexed(text: str) -> Document:
    doc = Document("f.yaml")
    loader = _Loader(text)
    try:
        _index(doc, loader.get_single_node(), (), [])
    finally:
        loader.dispose()
    return doc


def test_every_path_and_key_is_where_the_index_puts_it() -> None:
    doc = _indexed(TEXT)
    paths = [*doc.values, ("b", 0, "nope"), ("b", 9), ("a", 0), ("c", "d", "e", "deeper"), (), ("b", "x")]
    for path in paths:
        for key in (False, True):
            assert locate(TEXT, path, key) == doc.where(path, key), (path, key)


def test_a_real_manifest_matches_too() -> None:
    text = (EXAMPLES / "harbour-bank" / "manifest.yaml").read_text(encoding="utf-8")
    doc = _indexed(text)
    paths = list(doc.values)
    for path in paths[:: max(1, len(paths) // 200)] + paths[-5:]:
        assert locate(text, path, key=True) == doc.where(path, key=True)
        assert locate(text, path) == doc.where(path)


def test_a_fast_document_answers_lookups_then_indexes_once() -> None:
    doc, problems = parse(TEXT, "f.yaml")
    assert not problems
    want = _indexed(TEXT)
    for n in range(LOOKUPS_BEFORE_INDEXING + 3):
        path = ("b", n % 3)
        assert doc.where(path) == want.where(path)
    assert doc.values == want.values and doc.keys == want.keys
