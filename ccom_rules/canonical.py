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
        entries = sorted(entries_json(getattr(manifest, key, ())))
        digest.update(f"\n{key}:{len(entries)}\n".encode())
        digest.update("\n".join(entries).encode("utf-8"))
    return digest.hexdigest()


_DECODER = json.JSONDecoder()


def entries_json(entries: Sequence[BaseModel]) -> list[str]:
    """``[entry.model_dump_json() for entry in entries]``, serialised in one call: entries of one
    model class are dumped together as a JSON array, which is then cut at each element's end
    (each element's text is exactly what dumping it alone gives)."""
    if not entries:
        return []
    cls = type(entries[0])
    if any(type(entry) is not cls for entry in entries):
        return [entry.model_dump_json() for entry in entries]
    text = _adapter(cls).dump_json(tuple(entries)).decode("utf-8")
    out = []
    start, end = 1, len(text) - 1  # inside the brackets; pydantic writes no spaces
    while start < end:
        _, stop = _DECODER.raw_decode(text, start)
        out.append(text[start:stop])
        start = stop + 1  # past the comma
    return out


@lru_cache(maxsize=32)
def _adapter(cls: type[BaseModel]) -> TypeAdapter[tuple[BaseModel, ...]]:
    return TypeAdapter(tuple[cls, ...])  # type: ignore[valid-type]
