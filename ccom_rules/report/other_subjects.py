"""The subjects of the commands other than ``evaluate`` and ``demo`` (see :mod:`.subjects`, which
names them too): what ``validate``, ``gaps``, ``report`` and ``compare`` give their renderers."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from ..model.manifest import Manifest
from ..model.pack import ClausePack
from ..model.result import Result
from ..records import record

if TYPE_CHECKING:
    import networkx as nx

    from ..crosswalk.result import Comparison, ThemeComparison
    from ..model.gaps import GapAnalysis, GapReport, Plan
    from ..places import ManifestPlaces
    from ..problems import Problem


@record
class Validation:
    """What ``validate`` found in the files it checked (for SARIF)."""

    problems: Sequence[Problem]


@record
class Analysis:
    """A result with its gap report and remediation plan (``gaps``, ``report``)."""

    packs: Sequence[ClausePack]
    manifest: Manifest
    result: Result
    gaps: GapReport
    plan: Plan
    places: ManifestPlaces | None = None
    """Where each evidence item and finding is in the manifest file (for SARIF), when read from one."""
    max_actions: int | None = None
    """List at most this many of the plan's actions (the text and HTML outputs; JSON has them all)."""
    lang: str = "en"
    """The reader's language(s): ``en``, ``zh`` or ``both``."""
    themes: tuple[ThemeComparison, ...] = ()
    """The crosswalk themes with each standard's statuses (the report's chart; empty without crosswalks)."""

    @cached_property
    def drawing(self) -> nx.DiGraph[str]:
        """The gap subgraph of the dependency graph: unmet clauses and the evidence they need."""
        from ..graph import dependency_graph, gap_subgraph

        return gap_subgraph(dependency_graph(self.packs, self.result), self.gaps)

    def model(self) -> GapAnalysis:
        """The JSON model of the ``gaps`` command."""
        from ..model.gaps import GapAnalysis

        return GapAnalysis(
            engine_version=self.result.engine_version,
            manifest_sha256=self.result.manifest.sha256,
            assessment_date=str(self.result.manifest.assessment_date),
            as_of=None if self.result.manifest.as_of is None else str(self.result.manifest.as_of),
            gaps=self.gaps,
            plan=self.plan,
        )


@record
class Compared:
    """One manifest compared across the standards (``compare``), to be said in ``lang``."""

    comparison: Comparison
    packs: Sequence[ClausePack] = ()
    """The packs compared: their evidence types' titles name the evidence in the reader's language."""
    lang: str = "en"
    """The reader's language(s): ``en``, ``zh`` or ``both``."""

    def model(self) -> Comparison:
        """The JSON model of the ``compare`` command."""
        return self.comparison
