"""Words of the renderers in the reader's language(s): headlines, summaries, statuses.

Every text here comes from the message catalogues (:mod:`ccom_rules.i18n`); a :class:`Speaker`
says messages, reasons and bilingual titles in one language, or in both (English, then Chinese).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, Msg, langs_of, say
from ..model.common import Text
from ..model.pack import ClausePack
from ..model.result import PackResult
from ..scoring import model_of
from ..records import record
from ..scoring.words import commas

if TYPE_CHECKING:
    from ..model.gaps import Phase, Plan


@record
class Speaker:
    """Says things in the languages of a ``--lang`` choice (``en``, ``zh`` or ``both``)."""

    choice: str = "en"
    packs: Sequence[ClausePack] = ()
    titles: dict[str, Text] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for pack in self.packs:
            for etype in pack.evidence_types:
                self.titles.setdefault(etype.id, etype.title)

    @property
    def langs(self) -> tuple[Lang, ...]:
        return langs_of(self.choice)

    def each(self, text: str | Text) -> list[str]:
        """``text`` (a message, a reason or a bilingual title) in each language shown; a plain
        string (data) is shown once."""
        said = [say(text, lang, self.titles.get) for lang in self.langs]
        return said if len(said) == 1 or said[0] != said[1] else said[:1]

    def word(self, msg_id: str, **params: Any) -> list[str]:
        """Message ``msg_id`` in each language shown."""
        return self.each(Msg(msg_id, **params))

    def line(self, text: str | Text, sep: str = " / ") -> str:
        """``text`` on one line, the languages joined by ``sep``."""
        return sep.join(self.each(text))


class Lines(list[str]):
    """Lines of plain text; each message is added once per language shown (English, then Chinese)."""

    def __init__(self, speaker: Speaker) -> None:
        super().__init__()
        self.speaker = speaker

    def say(self, text: str | Text, indent: str = "") -> None:
        self.extend(indent + s for s in self.speaker.each(text))

    def msg(self, msg_id: str, indent: str = "", **params: Any) -> None:
        self.say(Msg(msg_id, **params), indent)


def headline(pack: PackResult, speaker: Speaker) -> list[str]:
    """The pack's outcome in one line, in the words of its scoring model, in each language shown
    (e.g. ``FAIL — 3 nonconformities, 0 not assessed``)."""
    model = model_of(pack.outcome)
    return [model.headline(pack.outcome, lang) for lang in speaker.langs]


def phase_counts(plan: Plan) -> list[tuple[Phase, int]]:
    """How many of the plan's actions fall in each phase, in phase order (every phase listed)."""
    from ..model.gaps import PHASES

    counts = Counter(a.phase for a in plan.actions)
    return [(ph, counts[ph]) for ph in PHASES]


def workstreams(plan: Plan) -> str:
    """Each workstream with its count of actions, most first (``quality 5, training 3``), as a message."""
    counts = Counter(a.workstream for a in plan.actions if a.workstream)
    ordered = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    return commas([Msg("plan.summary.stream", name=Msg(f"plan.workstream.{w}"), count=n) for w, n in ordered])
