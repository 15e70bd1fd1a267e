"""Target expressions (``--require``, ``--target``): ``PACK:pass``, ``PACK:L3``, ``PACK:61``.

Each scoring model reads its own form (:meth:`ScoringModel.read_target`); this module only
splits off the pack id and asks the registered models in turn.
"""

from __future__ import annotations

import re

from .i18n import Msg
from .model.result import PackOutcome, PackResult
from .scoring import MODELS, model_named
from .records import record

_EXPR = re.compile(r"^(?P<pack>[A-Za-z0-9][A-Za-z0-9_.\-]*):(?P<spec>\S+)$")


@record
class Requirement:
    """A target: ``value`` in the form of scoring model ``model`` for pack ``pack``."""

    pack: str
    model: str
    value: int

    def misfit(self, model: str) -> str | None:
        """Why the expression does not fit a pack scored by ``model``, or None."""
        if self.model == model:
            return None
        return Msg("target.misfit", pack=self.pack, model=model, form=model_named(self.model).TARGET_FORM, needs=self.model)

    def __str__(self) -> str:
        return f"{self.pack}:{model_named(self.model).target_text(self.value)}"

    def check(self, result: PackResult) -> tuple[bool, str]:
        """Whether the pack's outcome meets it, and a sentence saying so.

        Raises ``ValueError`` when the expression does not fit the pack's scoring model.
        """
        return self.meets(result.outcome)

    def meets(self, out: PackOutcome) -> tuple[bool, str]:
        """:meth:`check` of the pack's outcome alone."""
        if (misfit := self.misfit(out.model)) is not None:
            raise ValueError(misfit)
        met, words = model_named(self.model).meets(out, self.value)
        return met, Msg("target.words", pack=self.pack, words=words)


def forms() -> str:
    """The accepted forms in words: ``PACK:pass, PACK:L<n> or PACK:<score>``."""
    helps = [m.TARGET_HELP for m in MODELS.values()]
    return helps[0] if len(helps) == 1 else f"{', '.join(helps[:-1])} or {helps[-1]}"


def parse_requirement(text: str, label: str = "requirement") -> Requirement:
    """Parse an expression; raises ``ValueError`` with the accepted forms. ``label`` names
    where the expression came from in that message (``--require``, ``--target``)."""
    m = _EXPR.match(text.strip())
    if m:
        for name, model in MODELS.items():
            value = model.read_target(m["spec"])
            if value is not None:
                return Requirement(m["pack"], name, value)
    raise ValueError(f"cannot read {label} {text!r}: use {forms()}")
