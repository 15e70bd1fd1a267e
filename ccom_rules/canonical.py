"""Canonical JSON and its sha256: the identity of a pack or manifest's content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: equal content gives equal text."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(data: Any) -> str:
    """The sha256 of :func:`canonical_json` of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


# The manifest's collections are sets in meaning: their order in the file does not count.
_UNORDERED = ("evidence", "people", "findings", "not_applicable", "certified_levels")


def manifest_sha256(manifest: BaseModel) -> str:
    """The sha256 of a manifest's canonical content: everything but its collections as
    :func:`canonical_json`, then each collection as the sorted JSON of its entries (pydantic's
    serialiser, fixed by the model), so listing the same evidence, people or findings in another
    order gives the same identity."""
    digest = hashlib.sha256(canonical_json(manifest.model_dump(mode="json", exclude=set(_UNORDERED))).encode("utf-8"))
    for key in _UNORDERED:
        # UTF-8 bytes sort as their text does (by code point): the same order, without decoding.
        entries = sorted(entries_utf8(getattr(manifest, key, ())))
        digest.update(f"\n{key}:{len(entries)}\n".encode())
        digest.update(b"\n".join(entries))
    return digest.hexdigest()


_DECODER = json.JSONDecoder()


def entries_json(entries: Sequence[BaseModel]) -> list[str]:
    """``[entry.model_dump_json() for entry in entries]``, serialised in one call (see
    :func:`entries_utf8`)."""
    return [entry.decode("utf-8") for entry in entries_utf8(entries)]


def entries_utf8(entries: Sequence[BaseModel]) -> list[bytes]:
    """``[entry.model_dump_json().encode() for entry in entries]``, serialised in one call: entries
    of one model class are dumped together as a JSON array, which is then cut between elements
    (each element's text is exactly what dumping it alone gives).

    Each element begins with its first field, ``{"id":`` say, and pydantic writes no spaces, so
    ``,{"id":`` stands between every two elements; it cannot stand inside a string (whose quotes
    are escaped), only inside a nested object with a key of that name. So a cut there that gives
    exactly one piece per entry has cut between elements only; otherwise each element's end is
    found by decoding."""
    if not entries:
        return []
    cls = type(entries[0])
    if any(type(entry) is not cls for entry in entries):
        return [entry.model_dump_json().encode("utf-8") for entry in entries]
    text = _adapter(cls).dump_json(tuple(entries))
    first = next(iter(cls.model_fields), None)
    if first is not None:
        head = b'{"' + first.encode("utf-8") + b'":'
        pieces = text[1:-1].split(b"," + head)
        if len(pieces) == len(entries) and pieces[0].startswith(head):
            return [pieces[0], *[head + piece for piece in pieces[1:]]]
    decoded = text.decode("utf-8")
    out = []
    start, end = 1, len(decoded) - 1  # inside the brackets; pydantic writes no spaces
    while start < end:
        _, stop = _DECODER.raw_decode(decoded, start)
        out.append(decoded[start:stop].encode("utf-8"))
        start = stop + 1  # past the comma
    return out


@lru_cache(maxsize=32)
def _adapter(cls: type[BaseModel]) -> TypeAdapter[tuple[BaseModel, ...]]:
    return TypeAdapter(tuple[cls, ...])  # type: ignore[valid-type]
