"""A plain document built from the parser's events (data, positions, out-of-range numbers) equals
what composing it and indexing every node gives."""

from __future__ import annotations

import pytest

from ccom_rules.ranges import number_problems
from ccom_rules.yamlsource import Document, _index, _Loader, parse

from ..conftest import EXAMPLES

TEXT = """\
a: 1
b:
  - {x: 1, y: [1, 2]}
  - x: 2
    "z": hello
  - [nested, [deeper]]
  - {}
  - []
c: {g: 1, d: {e: f}, big: 1.0e+16, 7: seven}
when: 2026-06-30
"""


def _composed(text: str) -> Document:
    doc = Document("f.yaml")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        _index(doc, node, (), [])
        doc.data = loader.construct_document(node)
    finally:
        loader.dispose()
    return doc


def _same(text: str, sample: int = 1) -> None:
    fast, problems = parse(text, "f.yaml")
    assert not problems
    want = _composed(text)
    assert fast.data == want.data
    assert sorted(fast.numbers or []) == sorted(number_problems(want.data))
    paths = list(want.values)
    paths = paths[::sample] + paths[-5:]
    for path in [*paths, ("b", 0, "nope"), ("b", 9), ("a", 0), ("c", "d", "e", "deeper"), (), ("b", "x"), ("b", -1)]:
        for key in (False, True):
            assert fast.where(path, key) == want.where(path, key), (path, key)
        assert fast.key_at(path) == want.keys.get(path), path
    assert fast.values == want.values and fast.keys == want.keys


def test_every_path_and_key_is_where_the_composed_index_puts_it() -> None:
    _same(TEXT)


def test_a_real_manifest_and_the_same_as_json_match_too() -> None:
    import json

    import yaml

    text = (EXAMPLES / "harbour-bank" / "manifest.yaml").read_text(encoding="utf-8")
    _same(text, sample=37)
    _same(json.dumps(yaml.safe_load(text), default=str, indent=1), sample=37)


def test_out_of_range_numbers_are_found_while_reading() -> None:
    doc, problems = parse("a: [1, .nan, {b: 1.0e+300}]\nc: -.inf\n", "f.yaml")
    assert not problems
    assert sorted(doc.numbers or []) == sorted(number_problems(doc.data))
    assert {path for path, _ in doc.numbers or []} == {("a", 1), ("a", 2, "b"), ("c",)}


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # an alias
        "<<: {a: 1}\nb: 2\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key
        "1: a\n01: b\n",  # two texts, one key
        "x: !!set {a, b}\n",  # an unusual tag
    ],
)
def test_an_unusual_document_is_read_as_before(text: str) -> None:
    doc, problems = parse(text, "f.yaml")
    want = _composed(text)
    assert doc.data == want.data
    assert [p.code for p in problems] == (["E002"] if "a: 2" in text else [])
    assert doc.values == want.values


def test_a_large_mapping_is_looked_up_by_its_keys() -> None:
    _same("".join(f"key_{n}: {n}\n" for n in range(40)) + "last: [1, {x: y}]\n")


def test_plain_texts_met_again_resolve_as_the_first_time() -> None:
    """Resolved tags are remembered per text while a document is read (up to a bound): repeated
    keys, numbers, dates, booleans and nulls, beyond the bound too, read as composing reads them."""
    from datetime import date

    from ccom_rules import yamlstream

    values = ["7", "0x1f", "1.5", ".inf", "yes", "no", "null", "~", "2026-01-31", "text", "7a"]
    count = yamlstream._RESOLVED_MAX + 50
    rows = [f"- {{k{i % 7}: {values[i % len(values)]}, n{i}: {i}, when: 2025-{1 + i % 12:02d}-01}}" for i in range(count)]
    text = "\n".join(rows) + "\n"
    fast, problems = parse(text, "f.yaml")
    assert not problems
    assert fast.data == _composed(text).data
    last = fast.data[-len(values) :]  # past the bound: resolved afresh, the same way
    assert {type(row[next(k for k in row if k.startswith("k"))]) for row in last} == {int, float, bool, type(None), date, str}
