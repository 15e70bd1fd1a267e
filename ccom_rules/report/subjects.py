"""What the renderers are given: everything already decided, nothing left to compute.

:class:`Evaluation` (``evaluate``, ``demo``) is defined here; the other commands' subjects
(:class:`Validation`, :class:`Analysis`, :class:`Compared`) in :mod:`.other_subjects`, imported
from here on first use: defining a dataclass costs as much as evaluating a small pack, and
``evaluate`` needs none of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import Result
from ..records import record

if TYPE_CHECKING:
    from ..places import ManifestPlaces
    from .other_subjects import Analysis, Compared, Validation


@record
class Evaluation:
    """A manifest evaluated against packs (``evaluate``, ``demo``)."""

    packs: Sequence[ClausePack]
    manifest: Manifest
    result: Result
    manifest_path: Path | None = None
    places: ManifestPlaces | None = None
    """Where each evidence item and finding is in the manifest file (for SARIF), when read from one."""
    lang: str = "en"
    """The reader's language(s): ``en``, ``zh`` or ``both``."""


_ELSEWHERE = frozenset({"Analysis", "Compared", "Validation"})


def __getattr__(name: str) -> Any:
    """The other commands' subjects, imported from :mod:`.other_subjects` when first asked for."""
    if name in _ELSEWHERE:
        from . import other_subjects

        return getattr(other_subjects, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Analysis", "Compared", "Evaluation", "Validation"]
