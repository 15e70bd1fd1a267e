"""Canonical JSON and its sha256: the identity of a pack or manifest's content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, get_args

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
        entries = sorted(manifest_entries_utf8(manifest, key))
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
    return _elements(_adapter(cls).dump_json(tuple(entries))[1:-1], entries)


def manifest_entries_utf8(manifest: BaseModel, key: str) -> list[bytes]:
    """:func:`entries_utf8` of the manifest's collection ``key``, cut from the JSON of that one
    field by the manifest's own serialiser (built when the manifest was validated), so that no
    serialiser is built for the entries alone: the first identity hash of a process costs less."""
    entries: Sequence[BaseModel] = getattr(manifest, key, ())
    if not entries:
        return []
    declared = get_args(type(manifest).model_fields[key].annotation)
    if declared[:1] != (type(entries[0]),) or any(type(entry) is not declared[0] for entry in entries):
        return entries_utf8(entries)
    text = manifest.__pydantic_serializer__.to_json(manifest, include={key})
    head = b'{"' + key.encode("utf-8") + b'":['
    if not (text.startswith(head) and text.endswith(b"]}")):
        return entries_utf8(entries)
    return _elements(text[len(head) : -2], entries)


def _elements(body: bytes, entries: Sequence[BaseModel]) -> list[bytes]:
    """The JSON text of each element of an array of ``entries`` (one model class), ``body`` being
    the array's text without its brackets (see :func:`entries_utf8`)."""
    first = next(iter(type(entries[0]).model_fields), None)
    if first is not None:
        head = b'{"' + first.encode("utf-8") + b'":'
        pieces = body.split(b"," + head)
        if len(pieces) == len(entries) and pieces[0].startswith(head):
            return [pieces[0], *[head + piece for piece in pieces[1:]]]
    decoded = body.decode("utf-8")
    out = []
    start, end = 0, len(decoded)  # pydantic writes no spaces
    while start < end:
        _, stop = _DECODER.raw_decode(decoded, start)
        out.append(decoded[start:stop].encode("utf-8"))
        start = stop + 1  # past the comma
    return out


@lru_cache(maxsize=32)
def _adapter(cls: type[BaseModel]) -> TypeAdapter[tuple[BaseModel, ...]]:
    return TypeAdapter(tuple[cls, ...])  # type: ignore[valid-type]
