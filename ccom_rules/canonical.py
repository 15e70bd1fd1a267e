"""Canonical JSON and its sha256: the identity of a pack or manifest's content."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel


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
        entries = sorted(entry.model_dump_json() for entry in getattr(manifest, key, ()))
        digest.update(f"\n{key}:{len(entries)}\n".encode())
        digest.update("\n".join(entries).encode("utf-8"))
    return digest.hexdigest()
