"""Workstreams: the area of the centre's work that each action belongs to.

An evidence type's area is read from its id: the first rule whose word the id contains wins
(the table is the documentation's too: docs/evidence-vocabulary.md). People go by their
certificate's scheme; findings an assessor records are the assessment's own workstream.
"""

from __future__ import annotations

AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("emergency", ("drill", "emergency", "backup_restore", "risk_assessment")),
    ("complaints", ("complaint", "dissatisfaction", "nonconformity")),
    ("training", ("training", "coaching", "skill_test", "competency", "knowledge_base", "career_path")),
    (
        "people",
        ("staff", "culture", "recognition", "promotion", "incentive", "disciplinary", "ethics", "conduct", "social", "employee"),
    ),
    (
        "quality",
        (
            "management_system",
            "internal_audit",
            "qa_",
            "quality_check",
            "calibration",
            "process",
            "improvement",
            "problem_report",
        ),
    ),
    (
        "technology",
        (
            "system",
            "security",
            "access_control",
            "routing",
            "machine_room",
            "it_management",
            "technical",
            "technology",
            "recording",
            "data",
        ),
    ),
    (
        "workforce",
        ("schedule", "shift", "forecast", "capacity", "floor", "realtime", "recruitment", "retention", "exit_interview"),
    ),
    (
        "customers",
        ("customer", "csat", "satisfaction", "voice_of_customer", "client", "outbound", "benchmark", "service_standard"),
    ),
    (
        "strategy",
        ("strateg", "mission", "business_plan", "organisation", "role_", "innovation", "leadership", "management_review"),
    ),
    ("performance", ("performance", "kpi", "appraisal", "efficiency", "report", "under_target", "scorecard")),
    ("partners", ("partner", "vendor", "third_party", "support_", "agreement")),
)
"""(area, words): an evidence type id containing one of the words belongs to the area."""

OTHER = "management"
"""The area of an evidence type no rule names."""

SCHEMES = {"QAP": "quality", "WFMP": "workforce", "TMP": "training", "CMP": "complaints", "DAP": "performance"}
"""Certificate schemes by area; any other scheme (CEL, OMP, PMP …) is leadership's."""

ASSESSMENT = "assessment"
"""Findings an assessor confirms."""


_AREA_OF: dict[str, str] = {}


def area_of(evidence_type: str) -> str:
    found = _AREA_OF.get(evidence_type)
    if found is None:
        found = next((area for area, words in AREAS if any(word in evidence_type for word in words)), OTHER)
        if len(_AREA_OF) < 10_000:
            _AREA_OF[evidence_type] = found
    return found


def scheme_area(scheme: str) -> str:
    return SCHEMES.get(scheme, "leadership")
