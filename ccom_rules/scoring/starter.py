"""What ``ccom-rules packs new`` writes for a pack scored by a model: the model's own part of a
starter pack (its ``scoring:`` section, where the example clause sits, the outcome its one test
case must give), as each model supplies it in ``ScoringModel.STARTER``."""

from __future__ import annotations

from ..records import record


@record
class Starter:
    """A model's part of a new pack. The example clause has two checkpoints: a current operations
    manual, and three consecutive monthly reports."""

    scoring: str
    """The pack's ``scoring:`` section, as YAML."""
    clause: str
    """The example clause's id."""
    checkpoints: tuple[str, str]
    """Its two checkpoints' ids."""
    aspects: tuple[str | None, str | None]
    """Their aspects (None: none)."""
    section: str | None
    """None: the clause stands at the top; else it sits under a section "1", with these lines
    added to the section (e.g. its points)."""
    expected: str
    """The test case's ``expected.yaml``: the outcome a manifest with everything gives."""
