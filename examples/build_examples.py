#!/usr/bin/env python
"""Build the three example organisations: examples/<org>/manifest.yaml and examples/<org>/evidence/.

    python examples/build_examples.py            # regenerate the committed examples
    python examples/build_examples.py OUT_DIR    # write them somewhere else (the tests do this)
    python examples/build_examples.py --no-check # skip evaluating the result

Deterministic: no clock, and every number comes from a random generator seeded with a fixed
string, so running it twice gives byte-identical files. Needs only the standard library, PyYAML
and (for the final check) the ccom_rules package.

The organisations are fictional. Each is "a complete centre" (every document, record series and
certificate the three clause packs ask for) minus what that organisation really lacks:

- jade-river-health  — a young in-house patient service centre, one year old, one CEL facilitator:
                       fails CCOM, below CC-CMM L1, CCCS-OP conditional (41–60).
- harbour-bank       — a mature in-house bank centre, two CEL facilitators, certified CC-CMM L1 before:
                       passes CCOM, CC-CMM L2, CCCS-OP certified (61–80). The `ccom-rules demo` organisation.
- summit-outsourcing — an outsourcer running since 2022, certified CC-CMM L2 before, excellent evidence:
                       passes CCOM, evidence supports CC-CMM L4 (L3 certifiable now), CCCS-OP five-star (81–100).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ASSESSED = date(2026, 6, 30)
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/evidence-manifest.schema.json"

# ---------------------------------------------------------------------------------------------
# Calendar helpers


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Month labels from ``first`` to ``last`` inclusive (YYYY-MM)."""
    y, m = (int(x) for x in first.split("-"))
    ly, lm = (int(x) for x in last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(month_label(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quarters_between(first: str, last: str) -> list[str]:
    y, q = int(first[:4]), int(first[-1])
    ly, lq = int(last[:4]), int(last[-1])
    out = []
    while (y, q) <= (ly, lq):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def period_end(label: str) -> date:
    if "-Q" in label:
        y, q = int(label[:4]), int(label[-1])
        nxt = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
    elif "-" in label:
        y, m = int(label[:4]), int(label[5:])
        nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    else:
        nxt = date(int(label) + 1, 1, 1)
    return nxt - timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# What each evidence type looks like on paper: folder, title and a few lines of content.
# Placeholders: {org} {short} {group} {lob} {head} {ops} {qa} {wfm} {hr} {it} {period} {year}
# and {a} {b} {c} {d} (whole numbers) {p} {q} (percentages) drawn from a seeded generator.

DOCS: dict[str, tuple[str, str, list[str]]] = {
    # strategy and management system
    "mission_vision_values": (
        "strategy",
        "Mission, vision and core values",
        [
            "Mission: resolve every customer's matter at the first contact, courteously and safely.",
            "Vision: the most trusted service centre of {group} by {year_plus2}.",
            "Values: customer first; own the outcome; data before opinion; improve every day.",
            "Reviewed by the centre management team; communicated at induction and monthly briefings.",
        ],
    ),
    "code_of_conduct": (
        "strategy",
        "Code of conduct derived from the core values",
        [
            "Ten behaviours, each tied to a value (e.g. 'own the outcome': no transfer without a warm hand-over).",
            "Applies to agents, team leaders, support staff and contractors on site.",
            "Breaches are handled under the disciplinary procedure.",
        ],
    ),
    "strategic_plan": (
        "strategy",
        "Strategic plan {year}–{year_plus2}",
        [
            "Market and customer trends: digital self-service grows about {a} % a year; complex contacts stay on voice.",
            "Customer requirements: first-contact resolution, short waits, one consistent answer across channels.",
            "Position: in-group benchmark leader on service level; behind on first-contact resolution.",
            "Strategic goals: (1) FCR +5 points, (2) CSAT ≥ 0.88, (3) cost per contact −6 %, (4) attrition ≤ 2.5 %/month.",
            "Each goal is carried by KPIs in the KPI definitions and by the annual business plan.",
        ],
    ),
    "annual_business_plan": (
        "strategy",
        "Annual business plan {year}",
        [
            "Targets: service level 80/20, answer rate ≥ 92 %, FCR ≥ 75 %, CSAT ≥ 0.87, QA score ≥ 0.92.",
            "Budget: {fte} FTE, operating cost within approved budget; recruitment of {a} agents in Q1 and Q3.",
            "Milestones with owners: knowledge-base rebuild (Q2, {qa}); WFM tool upgrade (Q3, {wfm}); drill programme ({ops}).",
            "Progress reviewed quarterly by the management team (plan progress reviews).",
        ],
    ),
    "strategy_review": (
        "strategy",
        "Strategy review {year_minus1}",
        [
            "Attainment of the strategic goals for {year_minus1}: 3 of 4 met; FCR 2 points short.",
            "The strategy remains valid; FCR actions moved into the {year} annual plan.",
            "Reviewed by {head} with the business owners of {group}.",
        ],
    ),
    "management_system_manual": (
        "management",
        "Operation management system manual",
        [
            "Scope: all lines of business ({lob}).",
            "Model: strategy is the input; process, people and platform support it; customer service is the output.",
            "Method: define, collect, clarify, improve, execute, review (DCDIER) for every managed process.",
            "Contents: process owners, document control, monthly performance review, internal audit, management review.",
        ],
    ),
    "management_system_audit": (
        "management",
        "Management-system audit {year}",
        [
            "Audit of the operation management system against the manual and the CCOM requirements.",
            "Findings: {a} minor, 0 major. Each finding has an owner and a deadline; all earlier findings closed.",
            "Auditor: internal audit team; report filed in the document register.",
        ],
    ),
    "management_review_record": (
        "management",
        "Management review {year_minus1}",
        [
            "Inputs: audit results, KPI trends, customer feedback, improvement-programme status, risks.",
            "Decisions: {a} actions with owners; resources for the knowledge-base rebuild approved.",
            "Attended by {head}, {ops}, {qa}, {wfm}, {hr}.",
        ],
    ),
    "internal_audit_procedure": (
        "management",
        "Internal audit procedure",
        [
            "Yearly audit programme covering every managed process and the security controls.",
            "Auditors independent of the area audited; findings graded minor/major; owner and deadline per finding.",
            "Follow-up audit confirms closure; results go to the management review.",
        ],
    ),
    "organisation_chart": (
        "management",
        "Organisation chart with roles and key posts",
        [
            "Head of centre: {head}. Operations: {ops}. Quality: {qa}. Workforce management: {wfm}. People: {hr}. Systems: {it}.",
            "Each operation process has a named owner; the seven key posts (DAP, QAP, TMP, CMP, WFMP, PMP, OMP) are marked.",
        ],
    ),
    "role_responsibility_matrix": (
        "management",
        "Roles and responsibilities (RACI)",
        [
            "Job descriptions for agent, senior agent, team leader, QA specialist, trainer, WFM analyst, floor manager.",
            "RACI for every managed process, for information-system ownership and for security duties.",
        ],
    ),
    "organisation_structure": (
        "management",
        "Organisation structure and posts",
        [
            "{fte} posts in {teams} teams; span of control one team leader to 12–15 agents.",
            "Posts, grades and job descriptions; support functions (QA, training, WFM, MIS) report to {ops}.",
        ],
    ),
    "support_agreement": (
        "management",
        "Service commitments with support departments",
        [
            "Agreed with IT, product, back-office and compliance: response times for work orders and information releases.",
            "P1 system incident: response 15 minutes; product change notice: 3 working days before launch.",
            "Reviewed yearly; performance reported monthly in the support request log.",
        ],
    ),
    "partner_agreement": (
        "management",
        "Service agreement with partner",
        [
            "Partner: {partner}. Scope: {partner_scope}.",
            "Commitments: service level 80/20, QA score ≥ 0.90, monthly report, data handled under our security policy.",
        ],
    ),
    "partner_evaluation": (
        "management",
        "Partner evaluation {year}",
        [
            "Partner: {partner}. Twelve months against the agreement: service level met 11 of 12 months, QA 0.91.",
            "One corrective action (night-shift staffing) closed; agreement renewed.",
        ],
    ),
    "ethics_compliance_policy": (
        "management",
        "Ethics and legal-compliance commitments",
        [
            "Fair treatment, no mis-selling, consumer-protection and personal-information law, anti-bribery.",
            "Signed by every employee at joining and yearly.",
        ],
    ),
    "communication_plan": (
        "management",
        "Internal and client communication plan",
        [
            "Daily floor huddles; monthly all-hands; monthly performance review; quarterly business review with business owners.",
            "Staff suggestion channel answered within 10 working days; results of surveys shared within one month.",
        ],
    ),
    # processes
    "process_map": (
        "process",
        "Process map with owners",
        [
            "Level-1 map: customer contact, complaint, work order, quality, forecasting & scheduling, performance, emergency.",
            "Each process has an owner, inputs/outputs, control indicators and the documents that describe it.",
        ],
    ),
    "process_document": (
        "process",
        "Customer-facing process documents",
        [
            "Procedures for inbound contact, callback/outbound, complaint handling, work orders, escalation, leavers.",
            "Each states purpose, control indicators, resource needs and the monitoring record it produces.",
            "Document control: version, owner, approval, review date.",
        ],
    ),
    "process_change_record": (
        "process",
        "Process change record",
        [
            "Change: {change}. Impact assessed, tested with a pilot team for two weeks, then released.",
            "Approved by the process owner; training and knowledge articles updated on release.",
        ],
    ),
    "customer_journey_map": (
        "process",
        "Customer journey maps",
        ["Journeys: {journeys}.", "Pain points found from complaint and survey verbatims, each with an owner and an action."],
    ),
    "improvement_procedure": (
        "process",
        "Continuous-improvement procedure (PDCA)",
        [
            "Sources: problem reports, QA findings, complaints, KPI under-target analysis, staff suggestions.",
            "Each improvement has an owner, deadline and measure of effect; results standardised into process documents.",
        ],
    ),
    "process_evaluation_report": (
        "process",
        "Evaluation of core and support processes {year}",
        [
            "Core processes: fit, target attainment and effect of earlier improvements reviewed.",
            "{a} processes on target; {c} below target with improvement plans; effect data attached.",
        ],
    ),
    "process_qa_form": (
        "quality",
        "Process QA form",
        ["Checks every node of the complaint and work-order processes: intake, classification, hand-off, closure, feedback."],
    ),
    "qa_monitoring_form": (
        "quality",
        "QA monitoring forms per business type and staff level",
        [
            "Forms for voice, chat and e-mail; weights for accuracy, compliance, resolution and courtesy.",
            "Separate thresholds for new hires (first 90 days) and tenured agents.",
        ],
    ),
    "competency_model": (
        "people",
        "Competency model and skill map",
        [
            "Five levels from trainee to expert across product knowledge, systems, communication, compliance.",
            "Learning map ties each level to courses and to the career path.",
        ],
    ),
    "training_system": (
        "people",
        "Training system",
        [
            "Induction (4 weeks), nesting (2 weeks), refresher and product-launch training, team-leader programme.",
            "Tied to the career path; security and confidentiality training before first live contact.",
        ],
    ),
    "training_plan": (
        "people",
        "Training plan {year} with needs analysis",
        [
            "Needs from QA findings, skill tests and new products; {a} courses, {b} training hours planned.",
            "Owner: training manager; progress reported monthly.",
        ],
    ),
    "recruitment_plan": (
        "people",
        "Recruitment plan and budget {year}",
        ["Hiring need from the capacity plan: {a} agents; budget approved; channels: campus, referral, job sites."],
    ),
    "recruitment_effectiveness_analysis": (
        "people",
        "Recruitment effectiveness analysis {year}",
        ["Offer acceptance {p} %; 90-day retention {q} %; cost per hire within budget; referral hires stay longest."],
    ),
    "training_effectiveness_evaluation": (
        "people",
        "Training effectiveness evaluation {year}",
        ["Reaction, learning and behaviour levels measured; {p} % passed first time; {c} agents retrained."],
    ),
    "appraisal_incentive_scheme": (
        "people",
        "Appraisal and incentive scheme",
        [
            "Monthly scorecard: quality 40 %, productivity 25 %, customer satisfaction 25 %, attendance 10 %.",
            "Bonus bands and recognition tied to the scorecard; appeal route to the appraisal review.",
        ],
    ),
    "appraisal_consistency_check": (
        "people",
        "Consistency of appraisal, pay and customer satisfaction",
        ["Correlation of scorecard with pay band r = 0.{a}; top-quartile agents' CSAT above median in {p} % of months."],
    ),
    "career_path": (
        "people",
        "Career paths and promotion criteria",
        ["Agent → senior agent → team leader / QA / trainer / WFM analyst; criteria and minimum tenure for each step."],
    ),
    "staff_care_programme": (
        "people",
        "Staff support and care programme",
        ["Grievance channel, counselling line, stress-relief room, help for staff in personal difficulty."],
    ),
    "employee_assistance_programme": (
        "people",
        "Employee assistance programme",
        ["Confidential counselling (external provider), financial and legal advice, manager referral route."],
    ),
    "staff_logistics_arrangement": (
        "people",
        "Staff logistics arrangements",
        ["Canteen on site; night-shift taxi scheme; rest rooms; yearly health check."],
    ),
    "staff_survey_design": (
        "people",
        "Staff satisfaction survey design",
        ["Anonymous, yearly, 32 questions on work, leadership, pay, growth, environment; results by team."],
    ),
    "disciplinary_procedure": (
        "security",
        "Disciplinary procedure",
        ["Graded responses to security and conduct violations, from coaching to dismissal; right to appeal."],
    ),
    "individual_improvement_plan": (
        "performance",
        "Individual improvement plan (sample)",
        ["Agent below target on FCR for two months; coaching plan with weekly checks; target met after six weeks."],
    ),
    "performance_management_plan": (
        "performance",
        "Performance and efficiency targets and management plan {year}",
        ["Targets per KPI and per team; monthly monitoring; under-target analysis; individual improvement plans."],
    ),
    "performance_alignment_review": (
        "performance",
        "Performance alignment review {year}",
        ["Correlation of KPI formulas with strategic goals and staff skills; two formulas reweighted."],
    ),
    "kpi_definitions": (
        "performance",
        "KPI definitions and targets {year}",
        [
            "Service level (80 % in 20 s), answer rate, abandon rate, FCR, QA score, CSAT, forecast accuracy, adherence, attrition.",
            "Each KPI traced to a strategic goal, with formula, source, owner and monthly target.",
        ],
    ),
    "data_dictionary": (
        "performance",
        "Data dictionary",
        ["Definitions, formulas, sources, lineage and reporting calendar for every KPI and report field."],
    ),
    "management_report_catalogue": (
        "performance",
        "Catalogue of management reports",
        [
            "Daily: intraday service level, adherence. Weekly: QA, complaints. Monthly: performance, efficiency, CSAT.",
            "Each report with content, source, frequency and recipients.",
        ],
    ),
    "benchmark_comparison": (
        "performance",
        "Comparison with history and benchmarks {year}",
        ["Our KPIs against last year and against a peer group of {a} centres; best practice noted per KPI."],
    ),
    "benchmark_report": (
        "performance",
        "Industry benchmark report {year}",
        ["External benchmark study; we rank in the top quartile for service level, second quartile for FCR."],
    ),
    # customers
    "complaint_procedure": (
        "customers",
        "Complaint handling procedure",
        [
            "Collection on every channel; classification and severity; handling steps and time limits per severity.",
            "Feedback to the customer on closure; repeat and escalated complaints go to the complaint owner.",
            "Monthly analysis of causes; cross-department root-cause review each quarter.",
        ],
    ),
    "csat_plan": (
        "customers",
        "Customer-satisfaction plan {year}",
        ["Post-contact survey every month; quarterly relationship survey; targets: CSAT ≥ 0.87."],
    ),
    "csat_survey_design": (
        "customers",
        "Customer-satisfaction survey design",
        [
            "Five-point scale, four questions plus verbatim; random sample of contacts within 24 hours; quotas per line of business."
        ],
    ),
    "satisfaction_improvement_plan": (
        "customers",
        "Satisfaction improvement plan {year}",
        ["Top dissatisfiers: repeat contacts, long transfers; actions with owners; effect tracked monthly."],
    ),
    "customer_information_policy": (
        "customers",
        "Customer information management rules",
        ["Collection, use, retention and deletion of customer data; consent; minimum necessary access."],
    ),
    "customer_segmentation": (
        "customers",
        "Customer segmentation and needs analysis",
        ["Segments by value and need; contact reasons and channel preference per segment."],
    ),
    "customer_segmentation_model": (
        "customers",
        "Customer segmentation and value model",
        ["Value tiers and behavioural segments; refreshed from the CRM every quarter."],
    ),
    "customer_lifecycle_model": (
        "customers",
        "Customer lifecycle model",
        ["Stages: onboarding, active use, renewal, at risk, win-back; contact programme per stage."],
    ),
    "service_strategy": (
        "customers",
        "Service strategy",
        ["Service positioning, service levels per channel and segment, timeliness commitments."],
    ),
    "service_standard": (
        "customers",
        "Unified service standards and scripts",
        ["Greeting, verification, hold, transfer and closing standards; scripts per line of business."],
    ),
    "channel_strategy": (
        "customers",
        "Contact-channel design",
        ["Voice, IVR, web chat, e-mail, app messaging; hours, routing and service level of each channel."],
    ),
    "knowledge_base": (
        "quality",
        "Knowledge base maintenance record",
        ["{b} articles; {a} updated this month; every article has an owner and a review date."],
    ),
    "volume_forecast": (
        "workforce",
        "Contact-volume forecast and method",
        [
            "Method: 104-week history, seasonality by week and day, campaign adjustments; weekly re-forecast.",
            "Next 13 weeks forecast per half hour and channel.",
        ],
    ),
    "capacity_plan": (
        "workforce",
        "Capacity plan {year}",
        ["Required FTE per month from the forecast, shrinkage 32 %; flexible pool of {a} part-time agents."],
    ),
    "floor_rules": (
        "workforce",
        "Floor management rules",
        ["Escalation matrix, break rules, real-time adherence thresholds, clean-desk and phone rules."],
    ),
    # emergency
    "risk_assessment": (
        "emergency",
        "Business-interruption risk assessment {year}",
        [
            "{a} risks rated by likelihood and impact: power, network, telephony platform, CRM, pandemic, extreme weather, surge.",
            "Top risks owned by named managers; treated in the emergency plan.",
        ],
    ),
    "emergency_plan": (
        "emergency",
        "Emergency management plan",
        [
            "Covers every line of business; anomalies graded I (site down) to IV (minor degradation).",
            "Six parts: prevention, forecasting and early warning, reporting, publishing, response, handling and recovery.",
        ],
    ),
    "drill_plan": (
        "emergency",
        "Drill plan {year}",
        [
            "Every contingency plan drilled at least once a year: {drills}.",
            "Owner: {ops}; each drill has scenario, success criteria and a test record.",
        ],
    ),
    # systems and security
    "information_system_plan": (
        "systems",
        "Information-system plan",
        ["Telephony platform, CRM, WFM, QA recording, knowledge base, reporting; architecture and capacity to {year_plus2}."],
    ),
    "it_management_procedure": (
        "systems",
        "Information-system management procedure",
        ["Ownership, change control, periodic review, access management and resource monitoring for every system."],
    ),
    "system_asset_register": (
        "systems",
        "Information-system asset register",
        ["{b} assets (hardware and software) with owner, location, licence and support contract."],
    ),
    "information_system_review": (
        "systems",
        "Information-system review {year}",
        ["Integrity, fitness for purpose and security of each system reviewed; {a} actions raised, owners named."],
    ),
    "machine_room_design": (
        "systems",
        "Machine-room design",
        ["Precision air conditioning, dual UPS with 30-minute autonomy, gas fire suppression, CCTV, access control."],
    ),
    "routing_configuration": (
        "systems",
        "Routing and IVR configuration",
        ["Skills-based routing per line of business; IVR menus and self-service; change history."],
    ),
    "vendor_service_agreement": (
        "systems",
        "Technology vendor service agreement",
        ["Telephony and CRM support: 24×7, P1 response 30 minutes, quarterly service review."],
    ),
    "technology_evaluation_report": ("innovation", "New-technology evaluation", ["Business case and pilot result for {tech}."]),
    "security_policy": (
        "security",
        "Security policies",
        ["People, physical and information security; owners named; reviewed yearly."],
    ),
    "data_security_policy": (
        "security",
        "Data-security policy",
        ["Classification, encryption, access, backup and restoration, retention of recordings."],
    ),
    "confidentiality_agreement_review": (
        "security",
        "Confidentiality agreements — yearly review {year}",
        ["{fte} staff and {a} contractors; all agreements signed and current."],
    ),
    "third_party_security_agreement": (
        "security",
        "Third-party security terms",
        ["Signed security terms for cleaning, maintenance and IT vendors with access to the site or systems."],
    ),
    "office_asset_register": (
        "security",
        "Office asset register and stock-take",
        ["{b} items; yearly stock-take: {c} discrepancies resolved."],
    ),
    "security_audit_report": (
        "security",
        "Security audit report {year}",
        ["Physical, people and information controls audited; {a} findings with owners."],
    ),
    "site_layout_plan": (
        "site",
        "Site layout and environment design",
        ["Floor zones, quiet rooms, training room, secure zone for payment and medical data, rest areas."],
    ),
    # innovation and clients
    "innovation_plan": ("innovation", "Innovation plan {year}", ["Goals: {tech}; budget and owners; quarterly review."]),
    "innovation_project_record": (
        "innovation",
        "Innovation project record",
        ["Project: {project}. Outcome measured against the business case."],
    ),
    "innovation_review_report": (
        "innovation",
        "Innovation review {year}",
        ["Pilots reviewed: benefits confirmed for {tech}; rollout decided."],
    ),
    "client_proposal": ("clients", "Improvement proposal to a client", ["Proposal: {proposal}."]),
    "background_profile": (
        "strategy",
        "Background description of the centre",
        [
            "Profile: {org}, {seats} seats, lines of business {lob}.",
            "Key relationships: {relations}.",
            "Challenges: {challenges}.",
        ],
    ),
}

# Record series: folder, title, lines per period (the period itself is in the title).
RECORDS: dict[str, tuple[str, str, list[str]]] = {
    "kpi_appraisal_result": (
        "performance",
        "KPI appraisal results",
        ["{agents} agents appraised; {p} % at or above target; {c} on individual improvement plans."],
    ),
    "monthly_performance_report": (
        "performance",
        "Monthly performance report",
        ["Offered {volume} contacts; see the KPI table below."],
    ),
    "process_monitoring_record": (
        "process",
        "Process monitoring record",
        ["{a} process indicators monitored; {c} outside control limits, each with an owner."],
    ),
    "problem_report": (
        "process",
        "Problem report",
        ["{a} problems reported by departments; {c} closed, the rest in the improvement plan."],
    ),
    "improvement_plan": (
        "process",
        "Improvement action plan",
        ["{a} open actions with owner, deadline and measure of effect; {c} due this month."],
    ),
    "improvement_review_report": (
        "process",
        "Improvement review and results report",
        ["{a} actions reviewed; {c} met their target; effect data attached."],
    ),
    "under_target_analysis": (
        "performance",
        "Under-target KPI analysis",
        ["{c} KPIs under target; root cause and action recorded for each."],
    ),
    "data_analysis_report": (
        "performance",
        "Process analysis report",
        ["Root-cause, trend, correlation and comparison analysis of repeat contacts and handling time."],
    ),
    "qa_sampling_result": (
        "quality",
        "QA sampling results",
        ["{b} contacts sampled across all lines; {c} critical errors, all coached within five days."],
    ),
    "qa_calibration_record": (
        "quality",
        "QA calibration session",
        ["{a} evaluators scored the same 10 contacts; paired t-test between evaluators."],
    ),
    "training_record": ("people", "Training record", ["{a} sessions, {b} attendances; exam pass rate {p} %."]),
    "complaint_tracking_sheet": (
        "customers",
        "Complaint tracking sheet",
        ["{b} complaints received; {p} % closed within 5 working days; {c} escalated."],
    ),
    "complaint_analysis": (
        "customers",
        "Complaint and feedback analysis",
        ["Top causes: waiting time, repeat contact, billing error; actions passed to owners."],
    ),
    "shift_schedule": (
        "workforce",
        "Shift schedule",
        ["{agents} agents rostered on {a} shift patterns; fairness rules applied to nights and weekends."],
    ),
    "schedule_evaluation": (
        "workforce",
        "Schedule evaluation",
        ["Forecast accuracy {p} %; occupancy {q} %; roster fairness check passed."],
    ),
    "performance_tracking_sheet": (
        "performance",
        "Performance tracking sheet",
        ["Team and individual KPIs against target; {c} agents flagged for follow-up."],
    ),
    "floor_management_log": (
        "workforce",
        "Floor management log",
        ["{a} real-time interventions; {c} anomalies escalated; no unresolved items."],
    ),
    "csat_survey_result": ("customers", "Customer-satisfaction survey results", ["{b} responses."]),
    "dissatisfaction_analysis": (
        "customers",
        "Dissatisfaction analysis",
        ["{c} drivers of dissatisfaction analysed; verbatims coded; actions to owners."],
    ),
    "efficiency_report": (
        "performance",
        "Efficiency report",
        ["Contacts per FTE hour {a}; utilisation {q} %; cost per contact on target."],
    ),
    "serious_nonconformity_tracking": (
        "performance",
        "Serious nonconformity tracking",
        ["{c} serious nonconformities open; each with owner and closure date."],
    ),
    "appraisal_review_record": (
        "people",
        "Appraisal review and follow-up",
        ["{a} appeals reviewed; {c} scores corrected; follow-up actions closed."],
    ),
    "skill_test_result": (
        "people",
        "Skill and qualification test results",
        ["{a} candidates and agents tested; pass rate {p} %."],
    ),
    "drill_record": (
        "emergency",
        "Emergency drill record",
        ["Scenario: {drill}. Staff followed the plan; recovery within target; lessons logged."],
    ),
    "staff_satisfaction_survey": ("people", "Staff satisfaction survey results", ["Response rate {p} %."]),
    "upstream_satisfaction_survey": (
        "clients",
        "Upstream client satisfaction evaluation",
        ["Business owners / clients surveyed on service, reporting and responsiveness."],
    ),
    "financial_report": (
        "performance",
        "Cost and budget report",
        ["Operating cost against budget; cost per contact; variance explained."],
    ),
    "culture_communication_record": (
        "strategy",
        "Culture communication record",
        ["{a} briefings and induction sessions on the values; internal newsletter issue."],
    ),
    "plan_progress_review": (
        "strategy",
        "Annual-plan progress review",
        ["{a} milestones on track, {c} late with recovery actions."],
    ),
    "support_request_log": (
        "management",
        "Support request log",
        ["{b} requests to support departments; {p} % answered within the agreed time."],
    ),
    "information_release_record": (
        "management",
        "Information release record",
        ["{a} product and service notices released to all channels on the same day."],
    ),
    "environment_measurement": (
        "site",
        "Environment measurement",
        ["Lighting, noise and CO2 measured in {a} zones; all within limits."],
    ),
    "machine_room_inspection": (
        "systems",
        "Machine-room inspection",
        ["Daily checks of temperature, UPS, fire suppression; no exceptions open."],
    ),
    "system_change_record": (
        "systems",
        "System change and upgrade record",
        ["{a} changes tested and released; no failed change."],
    ),
    "security_issue_log": ("security", "Security issue log", ["{c} weaknesses reported; all with corrective action."]),
    "access_control_log": ("security", "Secure-zone access log", ["{b} entries; no unauthorised entry."]),
    "system_monitoring_log": (
        "systems",
        "System resource monitoring log",
        ["CPU, storage and trunk usage below 70 % at peak; {c} alerts handled."],
    ),
    "data_access_review": (
        "security",
        "Access-rights review",
        ["{b} accounts reviewed; {c} removed after role change or leaving."],
    ),
    "backup_restore_test": (
        "systems",
        "Backup restoration test",
        ["Restored CRM and recordings samples to the test environment; integrity confirmed."],
    ),
    "outbound_campaign_record": (
        "customers",
        "Outbound and callback campaign record",
        ["{b} calls; contact rate {p} %; outcomes recorded per customer."],
    ),
    "work_order_record": (
        "process",
        "Work-order record",
        ["{b} work orders to back office; {p} % closed within the agreed time."],
    ),
    "realtime_monitoring_log": (
        "workforce",
        "Real-time monitoring log",
        ["Intraday re-forecasts and adjustments: {a}; overtime released on {c} days."],
    ),
    "exit_interview_record": (
        "people",
        "Exit interviews",
        ["{a} leavers interviewed; main reasons: study, relocation, shift pattern."],
    ),
    "coaching_record": (
        "quality",
        "One-to-one coaching record",
        ["{b} coaching sessions; agents below QA threshold coached within 5 days."],
    ),
    "meeting_minutes": (
        "management",
        "Meeting minutes",
        ["Performance against target reviewed; {a} decisions; actions with owners."],
    ),
    "staff_suggestion_record": (
        "people",
        "Staff suggestion record",
        ["{a} suggestions received; {c} adopted; every suggestion answered."],
    ),
    "promotion_recognition_record": ("people", "Promotion and recognition record", ["{c} promotions; {a} recognition awards."]),
    "system_availability_report": (
        "systems",
        "System availability report",
        ["Telephony, CRM and IVR availability per hour of service."],
    ),
    "recording_retrieval_check": (
        "systems",
        "Recording retrieval test",
        ["{a} recordings requested at random; retrieved within 4 hours."],
    ),
    "data_quality_check": (
        "performance",
        "Data-quality check",
        ["Reconciliation of reporting data with source systems; {a} fields checked."],
    ),
    "client_sla_report": (
        "clients",
        "Service report to the business owners / clients",
        ["Service levels and commitments per client or business line."],
    ),
    "client_requirement_log": (
        "clients",
        "Client requirement and change log",
        ["{a} requirements and change requests logged, assessed and answered."],
    ),
    "voice_of_customer_report": (
        "clients",
        "Voice-of-customer insight report",
        ["Top themes from contacts and surveys, with proposals to the business owners."],
    ),
    "strategy_scorecard": (
        "strategy",
        "Strategy scorecard",
        ["Balanced scorecard: financial, customer, process and people objectives against targets."],
    ),
    "customer_value_analysis": (
        "customers",
        "Customer value, retention and risk analysis",
        ["Value tiers, churn risk scores and retention actions."],
    ),
    "leadership_review_record": (
        "strategy",
        "Senior-leadership review of the centre",
        ["{group} leadership reviewed performance, resources and plans of the centre."],
    ),
    "internal_communication_record": (
        "management",
        "Internal communication record",
        ["{a} briefings, {c} bulletins, suggestion replies published."],
    ),
    "culture_activity_record": (
        "strategy",
        "Culture-building activity record",
        ["{a} activities: values workshop, team day, service-star awards."],
    ),
    "social_benefit_record": (
        "strategy",
        "Social responsibility record",
        ["Public-welfare activities, local jobs created and environmental measures."],
    ),
    "retention_record": (
        "customers",
        "Customer retention and win-back record",
        ["{b} at-risk customers contacted; {p} % retained."],
    ),
    "appraisal_feedback_record": (
        "people",
        "Appraisal feedback sessions",
        ["{b} feedback sessions held within 5 days of the monthly appraisal."],
    ),
    "data_verification_record": (
        "performance",
        "Data verification and reconciliation",
        ["Reports reconciled with telephony and CRM; {c} differences explained."],
    ),
    "technical_incident_log": (
        "systems",
        "Technical incident and support log",
        ["{c} incidents; mean time to recover {a} minutes."],
    ),
    "promotion_record": ("people", "Promotion and job-rotation record", ["{a} promotions and {c} rotations."]),
    "recognition_record": ("people", "Recognition and incentive record", ["{a} awards under the recognition scheme."]),
    "workplace_environment_check": (
        "site",
        "Workplace environment check",
        ["Noise, lighting, temperature, air quality and ergonomics checked; all within limits."],
    ),
}

FORWARD = {
    "strategic_plan",
    "annual_business_plan",
    "kpi_definitions",
    "capacity_plan",
    "recruitment_plan",
    "csat_plan",
    "training_plan",
    "drill_plan",
    "innovation_plan",
    "performance_management_plan",
    "service_strategy",
    "channel_strategy",
    "appraisal_incentive_scheme",
}
"""Plans issued in November or December are for the following year."""

CSV_TYPES = {"shift_schedule", "access_control_log", "complaint_tracking_sheet", "training_record", "work_order_record"}


# ---------------------------------------------------------------------------------------------
# Organisations


@dataclass
class Org:
    slug: str
    name: str
    short: str
    group: str
    sourcing: str
    industry: str
    began: date
    seats: int
    lob: str
    staff: dict[str, str]
    extra: dict[str, str]
    first_month: str = "2025-06"  # first month of the 12-month record series
    first_quarter: str = "2025-Q2"
    report_months: str = "2024-06"  # first monthly performance report kept (24 months)


@dataclass
class Item:
    id: str
    type: str
    title: str
    day: date
    folder: str
    text: str
    ext: str = "md"
    period: str | None = None
    approval: dict[str, Any] | None = None
    metrics: dict[str, float] = field(default_factory=dict)


class Builder:
    """Collects one organisation's evidence items and their files."""

    def __init__(self, org: Org):
        self.org = org
        self.items: list[Item] = []
        self.ids: set[str] = set()

    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.org.slug}/{key}")

    def ctx(self, key: str, year: int, period: str = "") -> dict[str, Any]:
        r = self.rng(key)
        o = self.org
        return {
            "org": o.name,
            "short": o.short,
            "group": o.group,
            "lob": o.lob,
            "seats": o.seats,
            "year": year,
            "year_minus1": year - 1,
            "year_plus2": year + 2,
            "period": period,
            "a": r.randint(3, 18),
            "b": r.randint(40, 900),
            "c": r.randint(1, 6),
            "d": r.randint(10, 99),
            "p": r.randint(86, 98),
            "q": r.randint(78, 90),
            **o.staff,
            **o.extra,
            "fte": round(o.seats * 1.25),
            "agents": round(o.seats * 1.1),
            "teams": max(o.seats // 14, 2),
            "volume": f"{o.seats * r.randint(260, 340):,}",
        }

    def _approval(self, approved: Any, day: date, role_key: str = "head") -> dict[str, Any] | None:
        if not approved:
            return None
        who = self.org.staff[role_key]
        role = {
            "head": "Head of centre",
            "ops": "Operations manager",
            "qa": "Quality manager",
            "it": "Systems manager",
            "hr": "People manager",
            "wfm": "Workforce manager",
        }[role_key]
        when = approved if isinstance(approved, date) else day + timedelta(days=3)
        return {"by": who, "role": role, "date": when}

    def _add(self, item: Item) -> None:
        assert item.id not in self.ids, item.id
        assert item.day <= ASSESSED, item.id
        self.ids.add(item.id)
        self.items.append(item)

    def doc(
        self,
        etype: str,
        day: date,
        *,
        approved: Any = True,
        by: str = "head",
        suffix: str = "",
        title: str | None = None,
        lines: list[str] | None = None,
        metrics: dict[str, float] | None = None,
        period: str | None = None,
    ) -> None:
        folder, title_t, body = DOCS.get(etype) or RECORDS[etype]
        key = f"{etype}{'-' + suffix if suffix else ''}"
        ctx = self.ctx(key, day.year + (1 if etype in FORWARD and day.month >= 11 else 0))
        text_title = title or title_t.format(**ctx)
        text = [f"# {text_title}", "", f"{self.org.name}", ""]
        text += [line.format(**ctx) for line in (lines or body)]
        self._add(
            Item(
                id=key,
                type=etype,
                title=text_title,
                day=day,
                folder=folder,
                text="\n".join(text),
                period=period,
                approval=self._approval(approved, day, by),
                metrics=dict(metrics or {}),
            )
        )

    def series(
        self,
        etype: str,
        periods: list[str],
        *,
        lag: int = 5,
        approved: bool = False,
        by: str = "ops",
        metrics: Any = None,
        tag: str = "",
        title: str | None = None,
        extra_lines: Any = None,
    ) -> None:
        """One record per period, dated ``lag`` days after the period ends (0: on its last day)."""
        folder, title_t, body = RECORDS[etype]
        for i, label in enumerate(periods):
            day = period_end(label) + timedelta(days=lag)
            key = f"{etype}{'-' + tag if tag else ''}-{label}"
            ctx = self.ctx(key, day.year, label)
            name = f"{title or title_t} — {label}"
            m = metrics(label, i) if callable(metrics) else dict(metrics or {})
            if etype in CSV_TYPES:
                text = self._csv(etype, label, ctx)
                ext = "csv"
            else:
                lines = [f"# {name}", "", self.org.name, "", *(line.format(**ctx) for line in body)]
                if extra_lines is not None:
                    lines += extra_lines(label, i, ctx)
                if m:
                    lines += ["", "| metric | value |", "|---|---|"] + [f"| {k} | {v:g} |" for k, v in m.items()]
                text, ext = "\n".join(lines), "md"
            self._add(
                Item(
                    id=key,
                    type=etype,
                    title=name,
                    day=day,
                    folder=folder,
                    text=text,
                    ext=ext,
                    period=label,
                    approval=self._approval(approved, day, by),
                    metrics=m,
                )
            )

    def _csv(self, etype: str, label: str, ctx: dict[str, Any]) -> str:
        r = self.rng(f"csv/{etype}/{label}")
        if etype == "shift_schedule":
            rows = ["team,pattern,agents,night_shifts,weekend_shifts"]
            for t in range(1, 5):
                rows.append(
                    f"T{t},{r.choice(['early', 'mid', 'late', 'split'])},{r.randint(12, 15)},{r.randint(0, 4)},{r.randint(2, 6)}"
                )
        elif etype == "access_control_log":
            rows = ["date,zone,entries,unauthorised"]
            for d in (1, 8, 15, 22):
                rows.append(f"{label}-{d:02d},secure zone,{r.randint(20, 60)},0")
        elif etype == "complaint_tracking_sheet":
            rows = ["ref,category,received,closed_within_days,escalated"]
            for n in range(1, 6):
                rows.append(
                    f"C{label.replace('-', '')}{n:03d},{r.choice(['waiting', 'billing', 'repeat contact', 'staff attitude', 'process'])},{label}-{r.randint(1, 28):02d},{r.randint(1, 6)},{r.choice(['no', 'no', 'no', 'yes'])}"
                )
        elif etype == "training_record":
            rows = ["course,sessions,attendees,exam_pass_rate"]
            for c in ("product refresher", "systems", "compliance"):
                rows.append(f"{c},{r.randint(1, 4)},{r.randint(8, 60)},{r.randint(85, 99)}%")
        else:  # work_order_record
            rows = ["department,orders,closed_on_time"]
            for d in ("back office", "billing", "technical"):
                n = r.randint(40, 300)
                rows.append(f"{d},{n},{int(n * r.uniform(0.9, 0.99))}")
        return f"# {RECORDS[etype][1]} — {label} — {self.org.name}\n" + "\n".join(rows)


# ---------------------------------------------------------------------------------------------
# The complete centre, and what each organisation lacks


@dataclass
class Gaps:
    omit: set[str] = field(default_factory=set)
    """Evidence types the organisation cannot show at all."""
    missing: dict[str, set[str]] = field(default_factory=dict)
    """Periods missing from a record series (by type; tag quarterly copies with '@q')."""
    unapproved: set[str] = field(default_factory=set)
    stale: dict[str, date] = field(default_factory=dict)
    """Documents whose latest version is this old."""
    kpi: dict[str, float] = field(default_factory=dict)
    """Base values of KPIs in the monthly performance report (overrides)."""
    single: dict[str, int] = field(default_factory=dict)
    """How many of a 'present' document (e.g. client proposals)."""
    skill_tests: dict[str, dict[str, float]] = field(default_factory=dict)
    """Key-post skill-test passes recorded on the skill-test record of a quarter, e.g.
    ``{"2026-Q1": {"cmp_passed": 2}}`` (CCOM accepts them where a post certificate is missing)."""


KPI_BASE = {
    "service_level": 0.83,
    "answer_rate": 0.94,
    "abandon_rate": 0.035,
    "fcr": 0.77,
    "qa_score": 0.93,
    "csat": 0.88,
    "forecast_accuracy": 0.93,
    "schedule_adherence": 0.92,
    "attrition_rate": 0.022,
}


def build_centre(b: Builder, g: Gaps) -> None:
    o = b.org
    months = months_between(o.first_month, "2026-05")
    quarters = quarters_between(o.first_quarter, "2026-Q1")

    def has(t: str) -> bool:
        return t not in g.omit

    def when(t: str, day: date) -> date:
        return g.stale.get(t, day)

    def doc(t: str, day: date, **kw: Any) -> None:
        if has(t):
            kw.setdefault("approved", t not in g.unapproved)
            b.doc(t, when(t, day), **kw)

    def ser(t: str, periods: list[str], tag: str = "", **kw: Any) -> None:
        if not has(t):
            return
        gone = g.missing.get(t + ("@" + tag if tag else ""), set())
        kept = [p for p in periods if p not in gone]
        kw["approved"] = kw.get("approved", False) and t not in g.unapproved
        b.series(t, kept, tag=tag, **kw)

    def jitter(key: str, base: float, spread: float, digits: int = 3) -> float:
        return round(base + b.rng(key).uniform(-spread, spread), digits)

    # strategy and management system
    doc("background_profile", date(2026, 3, 20))
    doc("mission_vision_values", date(2025, 1, 10))
    doc("code_of_conduct", date(2025, 2, 15), approved=False)
    doc("strategic_plan", date(2025, 12, 18))
    doc("strategy_review", date(2026, 1, 20), approved=False)
    doc("annual_business_plan", date(2025, 12, 28))
    doc("management_system_manual", date(2025, 9, 1))
    if has("management_system_audit"):
        for day in (date(2024, 11, 20), date(2025, 11, 21)):
            if str(day.year) not in g.missing.get("management_system_audit", set()):
                b.doc(
                    "management_system_audit",
                    day,
                    suffix=str(day.year),
                    approved=("management_system_audit" not in g.unapproved),
                    title=f"Management-system audit {day.year}",
                    by="head",
                )
    doc("management_review_record", date(2026, 1, 28))
    doc("internal_audit_procedure", date(2025, 3, 1), approved=False)
    doc("organisation_chart", date(2026, 2, 1), by="head")
    doc("role_responsibility_matrix", date(2026, 2, 1), approved=False)
    doc("organisation_structure", date(2026, 2, 1))
    doc("support_agreement", date(2026, 1, 15))
    doc("ethics_compliance_policy", date(2025, 8, 1))
    doc("communication_plan", date(2026, 1, 5), approved=False)
    doc("partner_agreement", date(2025, 10, 1))
    doc("partner_evaluation", date(2026, 3, 30), approved=False)
    ser("leadership_review_record", quarters, lag=20)
    ser("culture_communication_record", quarters, lag=10)
    ser("culture_activity_record", quarters, lag=10)
    ser("plan_progress_review", quarters, lag=15)
    ser("internal_communication_record", months, lag=3)
    ser("social_benefit_record", ["2024", "2025"], lag=20)
    ser("strategy_scorecard", quarters, lag=12)

    # processes and improvement
    doc("process_map", date(2026, 2, 10), by="ops")
    doc("process_document", date(2026, 2, 10), by="ops")
    doc("customer_journey_map", date(2025, 11, 5), approved=False)
    doc("improvement_procedure", date(2025, 4, 1), by="ops")
    doc("process_evaluation_report", date(2026, 1, 25), approved=False)
    doc("process_qa_form", date(2025, 10, 8), approved=False)
    if has("process_change_record"):
        for n, (day, change) in enumerate(
            (
                (date(2025, 11, 18), "callback process moved to automatic scheduling"),
                (date(2026, 4, 9), "complaint intake form merged with the CRM case"),
            )
        ):
            b.doc(
                "process_change_record",
                day,
                suffix=str(n + 1),
                approved=("process_change_record" not in g.unapproved),
                by="ops",
                title=f"Process change record — {change}",
                lines=[
                    f"Change: {change}. Impact assessed, tested with a pilot team for two weeks, then released.",
                    "Training and knowledge articles updated on release.",
                ],
            )
    ser("process_monitoring_record", months)
    ser("problem_report", months)
    ser("improvement_plan", months, approved=True, by="ops")
    ser("improvement_review_report", months, lag=8)
    ser("improvement_review_report", quarters, tag="quarterly", lag=15, title="Quarterly improvement review")
    ser("under_target_analysis", months, lag=7)
    ser("data_analysis_report", quarters, lag=14)
    ser("serious_nonconformity_tracking", months, lag=4)
    ser("work_order_record", months, lag=2)
    ser("outbound_campaign_record", months, lag=3)

    # quality
    doc("qa_monitoring_form", date(2025, 7, 1), by="qa")
    ser("qa_sampling_result", months, lag=6)
    if has("qa_calibration_record"):
        ser(
            "qa_calibration_record",
            quarters,
            lag=10,
            metrics=lambda label, i: {"p_value": round(0.21 + 0.13 * b.rng("cal" + label).random(), 2)},
        )
    ser("coaching_record", months, lag=4)
    doc("knowledge_base", date(2026, 6, 15), approved=False, by="qa")

    # workforce
    doc("volume_forecast", date(2026, 6, 1), approved=False)
    doc("capacity_plan", date(2025, 12, 20), by="wfm")
    doc("floor_rules", date(2026, 1, 12), by="ops")
    ser("shift_schedule", months, lag=-35)
    ser("schedule_evaluation", months, lag=6)
    ser("floor_management_log", months, lag=0)
    ser("realtime_monitoring_log", months, lag=0)

    # performance
    doc("kpi_definitions", date(2025, 12, 28))
    doc("data_dictionary", date(2026, 1, 10), by="ops")
    doc("management_report_catalogue", date(2025, 12, 1), approved=False)
    doc("performance_management_plan", date(2026, 1, 8), by="ops")
    doc("performance_alignment_review", date(2026, 2, 26), approved=False)
    doc("individual_improvement_plan", date(2026, 4, 22), approved=False)
    doc("benchmark_comparison", date(2026, 2, 28), approved=False)
    doc("benchmark_report", date(2025, 11, 30), approved=False)
    ser("kpi_appraisal_result", months, lag=5)
    ser("performance_tracking_sheet", months, lag=5)
    ser("efficiency_report", months, lag=6)
    ser("data_verification_record", months, lag=4)
    ser("meeting_minutes", months, lag=-8, title="Monthly performance review meeting")
    ser("meeting_minutes", quarters, tag="quarterly", lag=-20, title="Quarterly business review with business owners")

    kpi = {k: g.kpi.get(k, v) for k, v in KPI_BASE.items()}
    spreads = {"abandon_rate": 0.004, "attrition_rate": 0.003}

    def report_metrics(label: str, i: int) -> dict[str, float]:
        return {k: jitter(f"kpi/{k}/{label}", v, spreads.get(k, 0.008)) for k, v in kpi.items()}

    ser("monthly_performance_report", months_between(o.report_months, "2026-05"), lag=5, metrics=report_metrics)
    ser(
        "financial_report",
        months,
        lag=10,
        metrics=lambda label, i: {"budget_variance": jitter(f"bv/{label}", g.kpi.get("budget_variance", 0.02), 0.01)},
    )
    ser(
        "financial_report",
        quarters,
        tag="quarterly",
        lag=20,
        title="Quarterly cost and budget report",
        metrics=lambda label, i: {"cost_to_budget": jitter(f"ctb/{label}", g.kpi.get("cost_to_budget", 0.98), 0.01)},
    )
    ser(
        "data_quality_check",
        months,
        lag=4,
        metrics=lambda label, i: {"data_accuracy": jitter(f"da/{label}", g.kpi.get("data_accuracy", 0.992), 0.003)},
    )
    ser("data_quality_check", quarters, tag="quarterly", lag=12, title="Quarterly customer-record quality review")

    # customers
    doc("complaint_procedure", date(2025, 8, 5), by="qa")
    doc("csat_plan", date(2025, 12, 22), by="qa")
    doc("csat_survey_design", date(2025, 3, 15), by="qa")
    doc("satisfaction_improvement_plan", date(2026, 1, 30), by="qa")
    doc("customer_information_policy", date(2025, 9, 1))
    doc("customer_segmentation", date(2025, 10, 15), approved=False)
    doc("customer_segmentation_model", date(2025, 10, 15), approved=False)
    doc("customer_lifecycle_model", date(2025, 10, 20))
    doc("service_strategy", date(2025, 12, 18))
    doc("service_standard", date(2025, 8, 20), by="qa")
    doc("channel_strategy", date(2025, 12, 18))
    ser(
        "csat_survey_result",
        months,
        lag=6,
        metrics=lambda label, i: {"csat": jitter(f"csat/{label}", g.kpi.get("csat_survey", kpi["csat"]), 0.008)},
    )
    ser(
        "csat_survey_result",
        quarters,
        tag="quarterly",
        lag=15,
        title="Quarterly relationship survey",
        metrics=lambda label, i: {"csat": jitter(f"csatq/{label}", g.kpi.get("csat_survey", kpi["csat"]), 0.006)},
    )
    ser("dissatisfaction_analysis", months, lag=8)
    ser("complaint_tracking_sheet", months, lag=2)
    ser("complaint_analysis", months, lag=7)
    ser("retention_record", quarters, lag=15)
    ser("customer_value_analysis", quarters, lag=18, approved=True, by="ops")
    ser("voice_of_customer_report", quarters, lag=16)

    # upstream clients / business owners
    ser(
        "client_sla_report",
        months,
        lag=5,
        metrics=lambda label, i: {"sla_attainment": jitter(f"sla/{label}", g.kpi.get("sla_attainment", 0.97), 0.008)},
    )
    ser("client_requirement_log", months, lag=2)
    ser(
        "upstream_satisfaction_survey",
        ["2024", "2025"],
        lag=25,
        metrics=lambda label, i: {
            "upstream_satisfaction": jitter(f"ups/{label}", g.kpi.get("upstream_satisfaction", 0.86), 0.01)
        },
    )
    if has("client_proposal"):
        for n in range(g.single.get("client_proposal", 2)):
            b.doc(
                "client_proposal",
                (date(2025, 9, 12), date(2026, 3, 12))[n],
                suffix=str(n + 1),
                approved=False,
                title=f"Improvement proposal to business owners no. {n + 1}",
                lines=[
                    f"Proposal: {o.extra['proposals'].split(';')[n].strip()}.",
                    "Evidence from contact reasons and survey verbatims; expected effect and cost.",
                ],
            )

    # people
    doc("competency_model", date(2025, 6, 30), approved=False)
    doc("training_system", date(2025, 8, 15), by="hr")
    doc("training_plan", date(2026, 1, 6), by="hr")
    doc("recruitment_plan", date(2025, 12, 20), by="hr")
    doc("recruitment_effectiveness_analysis", date(2026, 2, 10), approved=False)
    doc("training_effectiveness_evaluation", date(2026, 2, 12), approved=False)
    doc("appraisal_incentive_scheme", date(2026, 1, 2), by="hr")
    doc("appraisal_consistency_check", date(2026, 3, 18), approved=False)
    doc("career_path", date(2025, 5, 10), by="hr")
    doc("staff_care_programme", date(2025, 4, 20), approved=False)
    doc("employee_assistance_programme", date(2025, 4, 20), approved=False)
    doc("staff_logistics_arrangement", date(2025, 11, 1), approved=False)
    doc("staff_survey_design", date(2025, 8, 30), approved=False)
    doc("disciplinary_procedure", date(2025, 3, 20), by="hr")
    ser("training_record", months, lag=3)
    ser("skill_test_result", quarters, lag=10, metrics=lambda label, i: g.skill_tests.get(label, {}))
    ser("appraisal_review_record", quarters, lag=15)
    ser("appraisal_feedback_record", months, lag=10)
    ser("exit_interview_record", quarters, lag=12)
    ser("staff_suggestion_record", quarters, lag=10)
    ser("promotion_recognition_record", quarters, lag=10)
    ser("recognition_record", quarters, lag=10)
    ser("promotion_record", ["2024", "2025"], lag=15)
    ser(
        "staff_satisfaction_survey",
        ["2024", "2025"],
        lag=-60,
        metrics=lambda label, i: {"staff_satisfaction": jitter(f"ss/{label}", g.kpi.get("staff_satisfaction", 0.79), 0.01)},
    )

    # emergency
    doc("risk_assessment", date(2025, 11, 10))
    doc("emergency_plan", date(2025, 12, 5))
    doc("drill_plan", date(2026, 1, 9), by="ops")
    if has("drill_record"):
        drills = [d.strip() for d in o.extra["drills"].split(",")]
        for n, day in enumerate((date(2024, 10, 16), date(2025, 4, 23), date(2025, 10, 15), date(2026, 4, 22))):
            if day < o.began or str(day) in g.missing.get("drill_record", set()):
                continue
            b.doc(
                "drill_record",
                day,
                suffix=str(day),
                approved=False,
                period=str(day.year),
                title=f"Emergency drill record — {day} — {drills[n % len(drills)]}",
                lines=[
                    f"Scenario: {drills[n % len(drills)]}.",
                    "Staff followed the plan; recovery within the target time; lessons logged.",
                    "Observers: operations manager and IT duty engineer.",
                ],
            )

    # systems and security
    doc("information_system_plan", date(2025, 12, 12), by="it")
    doc("it_management_procedure", date(2025, 6, 20), approved=False)
    doc("system_asset_register", date(2026, 3, 31), approved=False)
    doc("information_system_review", date(2026, 2, 20), by="it")
    doc("machine_room_design", date(2023, 5, 1), approved=False)
    doc("routing_configuration", date(2026, 3, 3), approved=False)
    doc("vendor_service_agreement", date(2025, 7, 1), by="it")
    doc("security_policy", date(2025, 9, 12))
    doc("data_security_policy", date(2025, 9, 12))
    doc("confidentiality_agreement_review", date(2026, 1, 16), approved=False)
    doc("third_party_security_agreement", date(2025, 5, 6), approved=False)
    doc("office_asset_register", date(2025, 12, 31), approved=False)
    doc("security_audit_report", date(2025, 12, 15), by="head")
    doc("site_layout_plan", date(2024, 8, 1), by="ops")
    ser("support_request_log", months, lag=3)
    ser("information_release_record", months, lag=2)
    ser("environment_measurement", quarters, lag=5)
    ser("workplace_environment_check", quarters, lag=6)
    ser("machine_room_inspection", months, lag=0)
    ser("system_change_record", quarters, lag=10, approved=True, by="it")
    ser("security_issue_log", months, lag=2)
    ser("access_control_log", months, lag=1)
    ser("system_monitoring_log", months, lag=1)
    ser("data_access_review", quarters, lag=14)
    ser("backup_restore_test", quarters, lag=9)
    ser("recording_retrieval_check", quarters, lag=11)
    ser(
        "technical_incident_log",
        months,
        lag=2,
        metrics=lambda label, i: {"system_availability": jitter(f"tia/{label}", g.kpi.get("availability", 0.9975), 0.001, 4)},
    )
    ser(
        "system_availability_report",
        months,
        lag=3,
        metrics=lambda label, i: {"availability": jitter(f"sa/{label}", g.kpi.get("availability", 0.9975), 0.001, 4)},
    )

    # innovation
    doc("innovation_plan", date(2026, 1, 15))
    doc("technology_evaluation_report", date(2025, 11, 24), approved=False)
    doc("innovation_review_report", date(2026, 3, 27), approved=False)
    if has("innovation_project_record"):
        for n, project in enumerate(o.extra["projects"].split(";")[: g.single.get("innovation_project_record", 2)]):
            b.doc(
                "innovation_project_record",
                (date(2025, 8, 28), date(2025, 12, 19), date(2026, 4, 24))[n],
                suffix=str(n + 1),
                approved=False,
                title=f"Innovation project record — {project.strip()}",
                lines=[f"Project: {project.strip()}.", "Business case, pilot, measured outcome, decision."],
            )


# ---------------------------------------------------------------------------------------------
# Assessor findings: what an assessor records for checkpoints only an interview, sample or
# observation can settle. Each organisation starts from "met, as seen" and overrides.

CCOM_SEEN = {
    "4.2.a": "Two managers walked a recent improvement (repeat contacts) through all six DCDIER steps.",
    "4.2.b": "The CEL facilitators showed their briefing plan and the list of managers trained this year.",
    "5.1.b": "Floor, QA and training managers named the strategic goals of their area and the KPIs that track them.",
    "6.2.b": "Three process documents sampled: purpose, control indicators and resources stated; design procedure followed.",
    "6.3.d": "Execution guidance for two core and one support process found on the floor and followed by staff.",
    "6.3.g": "The data analyst read a control chart for special causes and showed the re-forecast that followed.",
    "6.4.1.e": "Agent, team leader and back-office handler sampled: QA evaluations last quarter, coaching followed.",
    "6.4.2.f": "Two recent hires described induction, nesting and the readiness check before going live.",
    "6.4.3.e": "Five closed complaints followed end to end (one escalated): procedure steps and feedback to customer seen.",
    "6.4.3.f": "The complaint owner showed the last two root-cause reviews and the fall in repeat complaints.",
    "6.5.e": "The scheduler showed the traffic-model reliability test and an intraday re-optimisation on a surge day.",
    "6.6.e": "Three under-target staff sampled: each has an agreed improvement plan with follow-up entries.",
    "6.7.1.b": "The emergency owner named every main line of business; each is in the emergency plan.",
    "6.7.1.c": "Sampled business: the floor lead's key anomalies are all in the plan.",
    "6.7.1.d": "Levels in the plan agree with the floor lead's grading and are reasonable.",
    "6.7.2.b": "Drill timetable explained; every contingency plan drilled within the year.",
    "6.7.2.d": "Departments confirmed the two sampled drills were held at the planned times.",
    "6.7.2.e": "Owner and participants described the drill steps and their own part.",
    "6.7.2.f": "Test records and reports agree with the answers given on the floor.",
    "6.7.2.g": "Drills judged effective and workable; lessons fed back into the plan.",
    "6.7.3.c": "Floor walk at a busy interval: queue and adherence anomalies handled as the rules prescribe.",
    "7.2.c": "Three staff with weak QA results were retrained and re-checked.",
    "8.3.b": "Top three dissatisfaction causes traced to actions and to their effect in the survey results.",
    "9.1.b": "Walk-through from routing to recording, QA and reporting, and from forecast to floor schedule.",
    "9.3.c": "Access to customer data and recordings on the floor follows the rules; no exports seen.",
    "9.4.a": "Service level for a sampled month recomputed from raw ACD records: matches the report.",
}

CMM_SEEN = {
    "2.e2": "Five agents and two team leaders stated the values in their own words with examples.",
    "11.e1": "Site walk: floor, support area and offices separated; supervisors reach the floor quickly.",
    "30.e2": "Shift change observed: badges worn and checked, doors closed.",
    "51.e1": "Three agents walked through escalation of a sensitive and a vulnerable-customer case correctly.",
    "58.e1": "Five documents sampled at workstations: current approved versions.",
    "75.e1": "Agents know the debrief routine and the counselling line after distressing contacts.",
    "79.e1": "Shift handover observed: open issues and system status passed on and logged.",
    "86.e1": "Staff of different teams confirmed they were told the survey results and the actions.",
    "93.e1": "Live contacts observed: history and knowledge on one screen.",
    "98.e1": "Analyst, team leader and operations manager described their part in the performance cycle.",
    "106.e1": "Three metrics for one month agree across the internal report, the business report and the system.",
    "130.e1": "Ten contacts from different channels sampled: all in the customer history with outcome.",
}

CCCS_SEEN = {
    "0.1.c": "Profile covers type, business lines, seats, sites, channels, hours and operating model.",
    "0.2.a": "Key relationships and their expectations described.",
    "0.3.a": "Competitive, operational, technological and people challenges listed.",
    "1.1.d": "Senior leader explained the centre's role, resources and latest results.",
    "1.2.c": "Sampled staff stated the centre's direction and values in their own words.",
    "1.3.c": "Suggestions sampled from the last six months all answered.",
    "1.4.c": "Culture visible on the floor: displays, team rituals, how staff speak of the centre.",
    "2.1.c": "Plan covers future customer needs, new services, technology, talent and resources.",
    "2.4.c": "Sampled team and individual targets trace to centre targets.",
    "3.1.c": "Managers showed how segment needs were gathered and how service differs.",
    "3.2.c": "Test contacts on every channel answered within stated hours and service level.",
    "3.3.d": "Same questions on two channels received the same answers.",
    "3.6.c": "Retention stable or improving over four quarters.",
    "3.7.c": "Business owners named changes and savings that came from the centre's analyses.",
    "4.1.b": "Indicators cover customer, quality, efficiency, people and financial results, traced to strategy.",
    "4.2.d": "Sampled analyses explain causes and trends and lead to actions.",
    "4.4.c": "Agents knew their latest result and the agreed actions.",
    "5.3.c": "Floor managers showed decisions taken from recent reports.",
    "5.4.c": "Three figures of a monthly report reconciled with ACD and CRM.",
    "5.5.c": "Agents found answers in the knowledge base quickly.",
    "5.6.c": "Agents use the tools without workarounds.",
    "5.9.c": "Handover and breaks observed to follow the floor rules.",
    "6.1.c": "Team leaders' spans and duties match the structure.",
    "6.4.c": "Agents described their next career step and what it takes.",
    "6.5.c": "Staff find recognition fair and know how to earn it.",
    "6.6.c": "Weakest survey items traced to actions, owners and dates.",
    "6.7.c": "Canteen, rest areas and late-shift transport work as described.",
    "6.8.c": "Floor quiet, well lit and comfortable at peak.",
    "7.1.c": "Two contacts followed end to end: current process version used.",
    "7.2.a": "Every core process names control indicators, limits and an owner.",
    "7.3.c": "Two process changes show better control indicators afterwards.",
    "7.4.c": "Five audit findings sampled: closed by owners on time.",
    "8.1.d": "Satisfaction and complaint results high or improving against history and benchmark.",
    "8.5.c": "Figures on revenue retained and reputation shown by the head and a business owner.",
    "8.6.b": "External recognition in the last two years.",
}


def findings_for(overrides: dict[tuple[str, str], dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pack, seen in (("ccom_sj_t_11739", CCOM_SEEN), ("cc_cmm", CMM_SEEN), ("cccs_op_2003", CCCS_SEEN)):
        for target, note in seen.items():
            f = {"pack": pack, "target": target, "status": "met", "note": note}
            f.update(overrides.get((pack, target), {}))
            if f.get("status") is None:
                continue
            out.append(f)
    out += extra
    return out


# ---------------------------------------------------------------------------------------------
# The three organisations


def cert(scheme: str, number: str, issued: date, years: int = 4) -> dict[str, Any]:
    return {"scheme": scheme, "number": number, "issued": issued, "expires": issued.replace(year=issued.year + years)}


def jade_river() -> dict[str, Any]:
    org = Org(
        slug="jade-river-health",
        name="Jade River Health Patient Service Centre",
        short="Jade River PSC",
        group="Jade River Health Group",
        sourcing="in_house",
        industry="healthcare",
        began=date(2025, 6, 16),
        seats=60,
        lob="appointments, test-result enquiries, billing and insurance, complaints",
        staff={"head": "Lin Xiaoyu", "ops": "Zhou Kai", "qa": "He Jing", "wfm": "Tang Wei", "hr": "Qian Hui", "it": "Fang Lei"},
        extra={
            "partner": "none",
            "partner_scope": "none",
            "drills": "telephony outage, CRM outage, network loss at the hospital campus, sudden surge after a public-health notice",
            "journeys": "booking a specialist appointment; asking for a test result; disputing a bill",
            "change": "appointment callbacks",
            "tech": "online appointment chatbot",
            "project": "chatbot pilot",
            "projects": "appointment chatbot pilot; SMS reminder redesign",
            "proposals": "single booking number for all three hospitals; results by app message instead of callback",
            "relations": "Jade River Health Group hospitals (business owners), patients and families, insurers, the group IT department",
            "challenges": "a young team, hiring clinical-literate agents, peaks after public-health notices, a CRM still being configured",
        },
        first_month="2025-07",
        first_quarter="2025-Q3",
        report_months="2025-07",
    )
    g = Gaps(
        # no CMP or TMP certificate yet: the centre tested its complaint and training leads itself
        skill_tests={"2026-Q1": {"cmp_passed": 2, "tmp_passed": 1}},
        omit={
            "partner_agreement",
            "partner_evaluation",
            "strategy_review",
            "management_review_record",
            "management_system_audit",
            "internal_audit_procedure",
            "benchmark_comparison",
            "benchmark_report",
            "customer_segmentation_model",
            "customer_lifecycle_model",
            "customer_value_analysis",
            "retention_record",
            "voice_of_customer_report",
            "client_sla_report",
            "client_requirement_log",
            "client_proposal",
            "upstream_satisfaction_survey",
            "innovation_plan",
            "innovation_project_record",
            "innovation_review_report",
            "technology_evaluation_report",
            "strategy_scorecard",
            "security_audit_report",
            "promotion_record",
            "performance_alignment_review",
            "appraisal_consistency_check",
            "exit_interview_record",
            "data_analysis_report",
            "outbound_campaign_record",
            "process_change_record",
            "staff_survey_design",
            "recording_retrieval_check",
            "social_benefit_record",
            "data_dictionary",
            "office_asset_register",
            "third_party_security_agreement",
            "employee_assistance_programme",
            "career_path",
            "culture_activity_record",
            "appraisal_review_record",
            "leadership_review_record",
            "customer_segmentation",
            "qa_calibration_record",
            "process_evaluation_report",
            "individual_improvement_plan",
            "recruitment_effectiveness_analysis",
            "code_of_conduct",
            "communication_plan",
            "it_management_procedure",
        },
        missing={
            "staff_satisfaction_survey": {"2024"},
            "promotion_recognition_record": {"2025-Q3"},
            "data_verification_record": {"2026-01", "2026-02", "2026-03"},
            "coaching_record": {"2025-12"},
            "appraisal_feedback_record": {"2026-02"},
            "improvement_review_report": {"2025-10", "2025-11"},
            "improvement_review_report@quarterly": {"2025-Q3"},
        },
        unapproved={
            "management_system_manual",
            "kpi_definitions",
            "emergency_plan",
            "drill_plan",
            "complaint_procedure",
            "training_system",
            "appraisal_incentive_scheme",
            "csat_survey_design",
            "site_layout_plan",
            "information_system_plan",
            "process_map",
            "improvement_procedure",
            "risk_assessment",
            "floor_rules",
            "organisation_structure",
            "service_strategy",
            "channel_strategy",
            "data_security_policy",
            "csat_plan",
            "satisfaction_improvement_plan",
        },
        kpi={
            "service_level": 0.74,
            "answer_rate": 0.89,
            "abandon_rate": 0.068,
            "fcr": 0.64,
            "qa_score": 0.87,
            "csat": 0.81,
            "forecast_accuracy": 0.84,
            "schedule_adherence": 0.86,
            "attrition_rate": 0.046,
            "staff_satisfaction": 0.71,
            "csat_survey": 0.82,
            "cost_to_budget": 1.04,
            "availability": 0.993,
        },
    )
    people = [
        {"name": "Lin Xiaoyu", "role": "Head of centre", "certificates": [cert("CEL", "CEL-2025-1187", date(2025, 11, 14))]},
        {"name": "He Jing", "role": "Quality manager", "certificates": [cert("QAP", "QAP-2025-0342", date(2025, 9, 26))]},
        {"name": "Tang Wei", "role": "Workforce manager", "certificates": [cert("WFMP", "WFMP-2026-0051", date(2026, 3, 20))]},
        {"name": "Zhou Kai", "role": "Operations manager", "certificates": []},
        {"name": "Qian Hui", "role": "People manager", "certificates": []},
    ]
    overrides: dict[tuple[str, str], dict[str, Any]] = {
        ("ccom_sj_t_11739", "4.2.a"): {
            "status": "partially_met",
            "note": "One manager could walk the cycle; the other skipped the review step.",
        },
        ("ccom_sj_t_11739", "4.2.b"): {
            "status": "partially_met",
            "note": "One facilitator only; briefings held for managers, not yet for team leaders.",
        },
        ("ccom_sj_t_11739", "6.2.b"): {
            "status": "partially_met",
            "note": "Two of three sampled documents lack control indicators.",
        },
        ("ccom_sj_t_11739", "6.3.g"): {"status": "not_met", "note": "No data analyst in post; control charts not used yet."},
        ("ccom_sj_t_11739", "6.4.1.e"): {
            "status": "partially_met",
            "note": "Agents are evaluated; team leaders and back-office handlers are not.",
        },
        ("ccom_sj_t_11739", "6.4.3.f"): {
            "status": "partially_met",
            "note": "Root causes listed, but no cross-department review held yet.",
        },
        ("ccom_sj_t_11739", "6.5.e"): {
            "status": "partially_met",
            "note": "The forecast model has less than a year of history and has not been tested.",
        },
        ("ccom_sj_t_11739", "6.6.e"): {
            "status": "not_met",
            "note": "None of three under-target agents sampled had an improvement plan.",
        },
        ("ccom_sj_t_11739", "6.7.1.c"): {
            "status": "partially_met",
            "note": "Hospital network loss missing from the plan for the results line.",
        },
        ("ccom_sj_t_11739", "6.7.2.b"): {"status": "partially_met", "note": "Two of four contingency plans drilled so far."},
        ("ccom_sj_t_11739", "6.7.2.e"): {
            "status": "partially_met",
            "note": "Participants unsure of their part in the CRM-outage drill.",
        },
        ("ccom_sj_t_11739", "6.7.3.c"): {
            "status": "partially_met",
            "note": "Queue anomalies handled; adherence not watched in real time.",
        },
        ("ccom_sj_t_11739", "7.2.c"): {
            "status": "partially_met",
            "note": "One of three weak performers retrained; no re-check recorded.",
        },
        ("ccom_sj_t_11739", "9.4.a"): {
            "status": "partially_met",
            "note": "Answer rate recomputed 1.5 points off the report; definition unclear.",
        },
        ("cc_cmm", "2.e2"): {"status": "partially_met", "note": "Agents knew the mission but not the values."},
        ("cc_cmm", "58.e1"): {"status": "not_met", "note": "Three of five documents at workstations were superseded versions."},
        ("cc_cmm", "79.e1"): {"status": "partially_met", "note": "Handover given orally; not logged."},
        ("cc_cmm", "86.e1"): {"status": None},
        ("cc_cmm", "98.e1"): {"status": "partially_met", "note": "Team leaders unsure what data they receive and when."},
        ("cc_cmm", "106.e1"): {
            "status": "not_met",
            "note": "Answer rate differs between the monthly report and the system export.",
        },
        ("cccs_op_2003", "1.1.d"): {
            "status": "partially_met",
            "note": "The group's deputy director knew the centre's role but not its latest results.",
        },
        ("cccs_op_2003", "1.2.c"): {
            "status": "partially_met",
            "note": "Team leaders stated the direction; most agents could not.",
        },
        ("cccs_op_2003", "1.3.c"): {"status": "partially_met", "note": "Half of the sampled suggestions had no answer."},
        ("cccs_op_2003", "1.4.c"): {
            "status": "partially_met",
            "note": "Values posters up; staff describe the centre as 'still settling in'.",
        },
        ("cccs_op_2003", "2.1.c"): {"status": "partially_met", "note": "Plan silent on technology and talent."},
        ("cccs_op_2003", "2.4.c"): {"status": "partially_met", "note": "Team targets set; individual targets not yet traced."},
        ("cccs_op_2003", "3.1.c"): {"status": "not_met", "note": "No segmentation yet; one service model for all patients."},
        ("cccs_op_2003", "3.6.c"): {"status": "not_met", "note": "No retention data kept."},
        ("cccs_op_2003", "3.7.c"): {"status": "not_met", "note": "No analyses shared with the hospitals yet."},
        ("cccs_op_2003", "3.2.c"): {"status": "partially_met", "note": "E-mail answered in two days against a stated one day."},
        ("cccs_op_2003", "3.3.d"): {
            "status": "partially_met",
            "note": "Insurance question answered differently on phone and chat.",
        },
        ("cccs_op_2003", "4.1.b"): {"status": "partially_met", "note": "No people or financial indicators in the KPI set yet."},
        ("cccs_op_2003", "4.2.d"): {
            "status": "partially_met",
            "note": "Analyses list figures; causes explained in one of three.",
        },
        ("cccs_op_2003", "4.4.c"): {"status": "partially_met", "note": "Agents knew their score but no actions had been agreed."},
        ("cccs_op_2003", "5.3.c"): {
            "status": "partially_met",
            "note": "Staffing decisions follow the daily report; coaching decisions do not.",
        },
        ("cccs_op_2003", "5.6.c"): {
            "status": "partially_met",
            "note": "Agents re-key appointment data between the hospital system and the CRM.",
        },
        ("cccs_op_2003", "5.9.c"): {
            "status": "partially_met",
            "note": "Break rules followed; escalation matrix not known by new agents.",
        },
        ("cccs_op_2003", "6.5.c"): {
            "status": "partially_met",
            "note": "Recognition seen as fair, but agents did not know the criteria.",
        },
        ("cccs_op_2003", "7.1.c"): {"status": "partially_met", "note": "One of two contacts followed an outdated booking step."},
        ("cccs_op_2003", "5.4.c"): {"status": "partially_met", "note": "One of three figures did not reconcile with the ACD."},
        ("cccs_op_2003", "5.5.c"): {"status": "partially_met", "note": "Knowledge base incomplete for insurance questions."},
        ("cccs_op_2003", "6.4.c"): {"status": "not_met", "note": "No career path defined; agents could not say."},
        ("cccs_op_2003", "6.6.c"): {"status": "partially_met", "note": "Survey findings noted; actions without owners."},
        ("cccs_op_2003", "7.2.a"): {
            "status": "partially_met",
            "note": "Owners named; control limits missing for most processes.",
        },
        ("cccs_op_2003", "7.3.c"): {"status": "not_met", "note": "No process change old enough to compare."},
        ("cccs_op_2003", "7.4.c"): {"status": "not_met", "note": "No audit held yet."},
        ("cccs_op_2003", "8.1.d"): {"status": "partially_met", "note": "Satisfaction improving month on month but below target."},
        ("cccs_op_2003", "8.5.c"): {"status": "partially_met", "note": "Cost figures only; no evidence of contribution yet."},
        ("cccs_op_2003", "8.6.b"): {"status": "not_met", "note": "No external recognition yet."},
    }
    extra: list[dict[str, Any]] = []
    return {
        "org": org,
        "gaps": g,
        "people": people,
        "findings": findings_for(overrides, extra),
        "scope": "Initial assessment: CCOM certification, CC-CMM-OC level, CCCS-OP 2003 score",
        "assessor": "CECC assessment team (lead assessor Zhao Min)",
        "not_applicable": [
            {
                "pack": "ccom_sj_t_11739",
                "target": "4.5",
                "reason": "No part of the operation is entrusted to partners: all contacts are handled by the centre's own staff.",
            }
        ],
        "certified_levels": [],
    }


def harbour_bank() -> dict[str, Any]:
    org = Org(
        slug="harbour-bank",
        name="Harbour Bank Customer Contact Centre",
        short="Harbour Bank CCC",
        group="Harbour Bank",
        sourcing="in_house",
        industry="banking",
        began=date(2009, 4, 1),
        seats=320,
        lob="retail banking, credit cards, card-fraud hotline, wealth enquiries",
        staff={"head": "Chen Yufei", "ops": "Luo Jian", "qa": "Xu Lan", "wfm": "Deng Hao", "hr": "Song Mei", "it": "Guo Ping"},
        extra={
            "partner": "none",
            "partner_scope": "none",
            "drills": "telephony platform failover, CRM outage, fraud-hotline surge after a data-breach report, site evacuation",
            "journeys": "reporting a lost card; disputing a card transaction; opening a wealth account",
            "change": "card blocking",
            "tech": "voice biometrics for caller verification",
            "project": "voice biometrics pilot",
            "projects": "voice biometrics pilot; proactive fraud-alert SMS with callback",
            "proposals": "instant card replacement at branches for fraud victims; plain-language dispute letters",
            "relations": "Harbour Bank retail, card and wealth divisions (business owners), bank customers, the bank's IT and operations centres, telephony vendor",
            "challenges": "customers moving to the app, fraud surges, retaining experienced agents, regulatory scrutiny of complaints",
        },
    )
    g = Gaps(
        omit={
            "partner_agreement",
            "partner_evaluation",
            "benchmark_comparison",
            "retention_record",
            "data_verification_record",
            "routing_configuration",
            "staff_survey_design",
            "strategy_scorecard",
        },
        missing={
            "meeting_minutes": {"2025-12", "2026-01"},
            "client_sla_report": {"2025-07", "2025-08", "2025-09", "2025-10"},
            "voice_of_customer_report": {"2025-Q3", "2025-Q4"},
            "upstream_satisfaction_survey": {"2024"},
            "exit_interview_record": {"2025-Q3"},
            "staff_suggestion_record": {"2025-Q3", "2025-Q4"},
            "environment_measurement": {"2025-Q4"},
            "support_request_log": {"2025-08", "2025-09", "2025-10"},
            "recording_retrieval_check": {"2025-Q3", "2025-Q4"},
            "backup_restore_test": {"2025-Q3"},
            "data_access_review": {"2025-Q3", "2026-Q1"},
            "plan_progress_review": {"2025-Q3"},
            "culture_communication_record": {"2025-Q4"},
            "promotion_recognition_record": {"2025-Q4"},
            "culture_activity_record": {"2025-Q3", "2025-Q4"},
            "social_benefit_record": {"2024"},
            "appraisal_feedback_record": {"2026-01", "2026-03"},
            "promotion_record": {"2024"},
            "workplace_environment_check": {"2025-Q4"},
            "customer_value_analysis": {"2025-Q3", "2025-Q4"},
            "data_quality_check@quarterly": {"2025-Q3"},
            "leadership_review_record": {"2025-Q3", "2026-Q1"},
            "internal_communication_record": {"2025-08", "2026-02"},
            "recognition_record": {"2025-Q3"},
        },
        unapproved={
            "ethics_compliance_policy",
            "service_strategy",
            "channel_strategy",
            "process_change_record",
            "management_review_record",
            "security_audit_report",
            "improvement_procedure",
            "data_dictionary",
            "vendor_service_agreement",
            "csat_plan",
            "process_map",
            "customer_lifecycle_model",
            "customer_value_analysis",
        },
        stale={
            "customer_journey_map": date(2024, 11, 20),
            "benchmark_report": date(2024, 12, 10),
            "office_asset_register": date(2024, 12, 31),
            "customer_segmentation": date(2024, 9, 30),
            "customer_segmentation_model": date(2024, 9, 30),
            "staff_logistics_arrangement": date(2024, 10, 15),
            "innovation_review_report": date(2024, 12, 5),
            "floor_rules": date(2024, 12, 20),
            "organisation_structure": date(2025, 1, 8),
        },
        kpi={
            "fcr": 0.66,
            "csat": 0.83,
            "forecast_accuracy": 0.88,
            "staff_satisfaction": 0.72,
            "sla_attainment": 0.93,
            "upstream_satisfaction": 0.78,
            "csat_survey": 0.83,
        },
        single={"client_proposal": 1, "innovation_project_record": 1},
    )
    people = [
        {"name": "Chen Yufei", "role": "Head of centre", "certificates": [cert("CEL", "CEL-2023-0417", date(2023, 5, 19))]},
        {
            "name": "Luo Jian",
            "role": "Operations manager",
            "certificates": [cert("CEL", "CEL-2024-0132", date(2024, 3, 8)), cert("OMP", "OMP-2024-0208", date(2024, 6, 14))],
        },
        {"name": "Xu Lan", "role": "Quality manager", "certificates": [cert("QAP", "QAP-2023-0911", date(2023, 10, 27))]},
        {"name": "Wu Tingting", "role": "Complaint manager", "certificates": [cert("CMP", "CMP-2024-0376", date(2024, 9, 6))]},
        {"name": "Deng Hao", "role": "Workforce manager", "certificates": [cert("WFMP", "WFMP-2024-0144", date(2024, 4, 12))]},
        {"name": "Pan Rui", "role": "Training manager", "certificates": [cert("TMP", "TMP-2025-0062", date(2025, 1, 17))]},
        {"name": "Ma Qiang", "role": "Performance manager", "certificates": [cert("PMP", "PMP-2024-0489", date(2024, 11, 22))]},
        {"name": "Yin Shu", "role": "Data analyst", "certificates": [cert("DAP", "DAP-2025-0233", date(2025, 6, 6))]},
        {"name": "Song Mei", "role": "People manager", "certificates": []},
        {"name": "Guo Ping", "role": "Systems manager", "certificates": []},
    ]
    overrides: dict[tuple[str, str], dict[str, Any]] = {
        ("cc_cmm", "2.e2"): {
            "status": "partially_met",
            "note": "Agents knew the values; two of five could not give an example of matching behaviour.",
        },
        ("cc_cmm", "58.e1"): {
            "status": "partially_met",
            "note": "One of five documents at a workstation was a superseded script.",
        },
        ("cc_cmm", "86.e1"): {"status": "partially_met", "note": "Night-shift staff had not heard the survey results."},
        ("cc_cmm", "106.e1"): {
            "status": "partially_met",
            "note": "Answer rate differs by 0.4 points between the business report and the system.",
        },
        ("cccs_op_2003", "1.1.d"): {
            "status": "partially_met",
            "note": "The retail director knew the centre's results; its role in the digital strategy is unclear.",
        },
        ("cccs_op_2003", "1.4.c"): {
            "status": "partially_met",
            "note": "Culture visible in the day teams; little in the night teams.",
        },
        ("cccs_op_2003", "2.1.c"): {"status": "partially_met", "note": "Plan silent on talent and on new services."},
        ("cccs_op_2003", "3.2.c"): {
            "status": "partially_met",
            "note": "Chat unanswered in the last stated hour on two test days.",
        },
        ("cccs_op_2003", "3.3.d"): {
            "status": "partially_met",
            "note": "Card-dispute deadline given differently on phone and in app chat.",
        },
        ("cccs_op_2003", "4.1.b"): {"status": "partially_met", "note": "No financial indicator traced to a strategic goal."},
        ("cccs_op_2003", "4.2.d"): {
            "status": "partially_met",
            "note": "Two of three analyses stop at the figures; causes only for the card line.",
        },
        ("cccs_op_2003", "5.3.c"): {
            "status": "partially_met",
            "note": "Staffing decisions follow reports; coaching decisions are not traced to them.",
        },
        ("cccs_op_2003", "5.5.c"): {"status": "partially_met", "note": "Wealth-product answers took over two minutes to find."},
        ("cccs_op_2003", "6.1.c"): {
            "status": "partially_met",
            "note": "Night team leaders lead 20–22 agents against 12–15 in the structure.",
        },
        ("cccs_op_2003", "6.8.c"): {"status": "partially_met", "note": "Noise high in the fraud-hotline zone at peak."},
        ("cccs_op_2003", "7.2.a"): {
            "status": "partially_met",
            "note": "Core processes name owners; control limits missing for three of eight.",
        },
        ("cccs_op_2003", "7.4.c"): {
            "status": "partially_met",
            "note": "Two of five sampled audit findings closed after their deadline.",
        },
        ("cccs_op_2003", "4.4.c"): {"status": "partially_met", "note": "Three of five agents knew the actions agreed with them."},
        ("cccs_op_2003", "5.6.c"): {
            "status": "partially_met",
            "note": "Agents re-key card data from the card system into the CRM.",
        },
        ("cccs_op_2003", "2.4.c"): {
            "status": "partially_met",
            "note": "Individual targets trace to team targets; wealth team targets not traced to the centre's.",
        },
        ("cccs_op_2003", "3.1.c"): {
            "status": "partially_met",
            "note": "Segment needs from 2024 research; service differs only for wealth customers.",
        },
        ("cccs_op_2003", "3.6.c"): {"status": "not_met", "note": "Retention is tracked by the card division, not by the centre."},
        ("cccs_op_2003", "3.7.c"): {
            "status": "partially_met",
            "note": "One example of a product change from the centre's analysis.",
        },
        ("cccs_op_2003", "5.4.c"): {
            "status": "partially_met",
            "note": "Two of three figures reconciled; abandon rate definition differs from the ACD.",
        },
        ("cccs_op_2003", "6.4.c"): {"status": "partially_met", "note": "Agents knew the next step but not its criteria."},
        ("cccs_op_2003", "6.6.c"): {
            "status": "partially_met",
            "note": "Two of three weakest survey items have actions; pay item has none.",
        },
        ("cccs_op_2003", "6.5.c"): {"status": "partially_met", "note": "Night-shift staff find recognition favours day teams."},
        ("cccs_op_2003", "7.1.c"): {"status": "partially_met", "note": "Dispute contact followed an older process version."},
        ("cccs_op_2003", "7.3.c"): {
            "status": "partially_met",
            "note": "One of two changes shows better control indicators; the other too recent.",
        },
        ("cccs_op_2003", "8.1.d"): {
            "status": "partially_met",
            "note": "Complaints falling; satisfaction flat and below the bank's target.",
        },
        ("cccs_op_2003", "8.5.c"): {"status": "partially_met", "note": "Retained-balance figures shown; no reputation measures."},
        ("cccs_op_2003", "8.6.b"): {"status": "partially_met", "note": "One regional commendation for the fraud hotline (2025)."},
    }
    extra = [
        {
            "pack": "cc_cmm",
            "target": "47",
            "c_rate": 5,
            "note": "Outbound procedure covers card collections only, not callbacks for other lines.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "2.3",
            "fraction": 0.7,
            "note": "Operating plan sound; two milestones slipped a quarter without re-planning.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "2.5",
            "fraction": 0.7,
            "note": "Mechanism in place; improvements rarely standardised into process documents.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "4.2",
            "fraction": 0.6,
            "note": "Data complete and timely; analysis is descriptive for the wealth and retail lines.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "4.3",
            "fraction": 0.7,
            "note": "Appraisal systematic; consistency with pay checked, with customer results only partly.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "5.2",
            "fraction": 0.7,
            "note": "Sampling and coaching steady; calibration drift on the night shift.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "6.3",
            "fraction": 0.7,
            "note": "Training well run; effectiveness measured at reaction level only for refreshers.",
        },
        {
            "pack": "cccs_op_2003",
            "target": "8.2",
            "fraction": 0.4,
            "note": "Staff satisfaction below target two years running; attrition acceptable.",
        },
    ]
    return {
        "org": org,
        "gaps": g,
        "people": people,
        "findings": findings_for(overrides, extra),
        "scope": "Re-assessment: CCOM certification, CC-CMM-OC level (L1 held since 2023), CCCS-OP 2003 score",
        "assessor": "CECC assessment team (lead assessor Zhao Min)",
        "not_applicable": [
            {
                "pack": "ccom_sj_t_11739",
                "target": "4.5",
                "reason": "In-house centre: no part of the operation is entrusted to partners; the bank's own IT and back office are covered by 4.3.",
            }
        ],
        "certified_levels": [{"pack": "cc_cmm", "level": 1, "date": date(2023, 9, 15)}],
    }


def summit_outsourcing() -> dict[str, Any]:
    org = Org(
        slug="summit-outsourcing",
        name="Summit Outsourcing Riverside Delivery Centre",
        short="Summit Riverside",
        group="Summit Outsourcing Services",
        sourcing="outsourced",
        industry="business process outsourcing (telecoms, e-commerce and utility clients)",
        began=date(2022, 3, 1),
        seats=480,
        lob="Lotus Telecom customer care, Peakmart order support, Eastgate Water billing",
        staff={"head": "Wang Lihua", "ops": "Sun Bo", "qa": "Zheng Yan", "wfm": "Hu Tao", "hr": "Jiang Li", "it": "Cao Ming"},
        extra={
            "partner": "Bluewave Language Services",
            "partner_scope": "overnight and multilingual overflow for Peakmart order support",
            "drills": "telephony failover to the backup site, CRM outage, power loss with UPS and generator, client-wide outage surge",
            "journeys": "a delivery that did not arrive; moving house with a water account; changing a mobile plan",
            "change": "order-status self-service",
            "tech": "real-time speech analytics and agent assist",
            "project": "speech analytics",
            "projects": "real-time speech analytics with agent assist; proactive delivery-delay messaging; bill-shock early warning",
            "proposals": "proactive delay messages for Peakmart; a bill-shock alert for Eastgate Water; plan-fit review for Lotus Telecom",
            "relations": "three clients with service agreements, their end customers, Bluewave (partner), telephony and CRM vendors",
            "challenges": "three clients with different peaks, price pressure at renewal, keeping skilled multi-client agents",
        },
        report_months="2024-04",
    )
    g = Gaps(
        missing={
            "exit_interview_record": {"2025-Q4"},
            "environment_measurement": {"2025-Q3"},
            "recording_retrieval_check": {"2025-Q3"},
            "data_quality_check@quarterly": {"2025-Q4"},
            "customer_value_analysis": {"2025-Q4"},
        },
        unapproved={"customer_lifecycle_model", "customer_value_analysis"},
        stale={"office_asset_register": date(2025, 3, 31)},
        kpi={"service_level": 0.86, "fcr": 0.79, "csat": 0.90, "csat_survey": 0.9, "staff_satisfaction": 0.81},
        single={"client_proposal": 1, "innovation_project_record": 3},
    )
    people = [
        {"name": "Wang Lihua", "role": "Head of centre", "certificates": [cert("CEL", "CEL-2022-0655", date(2022, 11, 4))]},
        {
            "name": "Sun Bo",
            "role": "Operations manager",
            "certificates": [cert("CEL", "CEL-2023-0890", date(2023, 8, 25)), cert("OMP", "OMP-2023-0312", date(2023, 12, 1))],
        },
        {
            "name": "Zheng Yan",
            "role": "Quality manager",
            "certificates": [cert("CEL", "CEL-2025-0471", date(2025, 4, 11)), cert("QAP", "QAP-2023-0558", date(2023, 6, 9))],
        },
        {"name": "Li Na", "role": "Complaint manager", "certificates": [cert("CMP", "CMP-2024-0120", date(2024, 5, 31))]},
        {"name": "Hu Tao", "role": "Workforce manager", "certificates": [cert("WFMP", "WFMP-2023-0207", date(2023, 9, 15))]},
        {"name": "Jiang Li", "role": "People manager", "certificates": [cert("TMP", "TMP-2024-0418", date(2024, 7, 19))]},
        {"name": "Feng Xue", "role": "Performance manager", "certificates": [cert("PMP", "PMP-2025-0096", date(2025, 2, 28))]},
        {
            "name": "Bai Yun",
            "role": "Data analyst",
            "certificates": [cert("DAP", "DAP-2024-0301", date(2024, 10, 18)), cert("PMP", "PMP-2025-0097", date(2025, 2, 28))],
        },
        {"name": "Cao Ming", "role": "Systems manager", "certificates": []},
    ]
    overrides: dict[tuple[str, str], dict[str, Any]] = {
        ("cc_cmm", "2.e2"): {
            "status": "partially_met",
            "note": "Agents on the newest client team could not yet give examples of the values.",
        },
        ("cc_cmm", "58.e1"): {
            "status": "partially_met",
            "note": "One of five sampled documents at a workstation was a superseded Peakmart script.",
        },
        ("cccs_op_2003", "3.6.c"): {
            "status": "partially_met",
            "note": "Retention stable for two clients; dipped one quarter for Lotus Telecom.",
        },
        ("cccs_op_2003", "8.6.b"): {"status": "partially_met", "note": "Industry award 2024; nothing external in 2025."},
    }
    extra = [
        {
            "pack": "cc_cmm",
            "target": "168",
            "c_rate": 5,
            "note": "Consent rules for cross-selling written for two of the three client programmes.",
        },
    ]
    return {
        "org": org,
        "gaps": g,
        "people": people,
        "findings": findings_for(overrides, extra),
        "scope": "Re-assessment: CCOM certification, CC-CMM-OC level (L2 held since 2024), CCCS-OP 2003 score",
        "assessor": "CECC assessment team (lead assessor Zhao Min)",
        "not_applicable": [],
        "certified_levels": [{"pack": "cc_cmm", "level": 2, "date": date(2024, 5, 20)}],
    }


ORGANISATIONS = (jade_river, harbour_bank, summit_outsourcing)


# ---------------------------------------------------------------------------------------------
# Writing


class Flow(dict):  # type: ignore[type-arg]
    """A small map written in flow style: {by: …, role: …, date: …}."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True))


def _flow(value: Any) -> Any:
    return Flow(value) if isinstance(value, dict) else value


def manifest_data(spec: dict[str, Any], items: list[Item], digests: dict[str, str]) -> dict[str, Any]:
    org: Org = spec["org"]
    evidence = []
    for it in items:
        entry: dict[str, Any] = {
            "id": it.id,
            "type": it.type,
            "title": it.title,
            "path": digests_path(it),
            "sha256": digests[it.id],
            "date": it.day,
        }
        if it.period:
            entry["period"] = it.period
        if it.approval:
            entry["approval"] = Flow(it.approval)
        if it.metrics:
            entry["metrics"] = Flow(it.metrics)
        evidence.append(entry)
    people = [
        {"name": p["name"], "role": p["role"], "certificates": [Flow(c) for c in p["certificates"]]}
        if p["certificates"]
        else {"name": p["name"], "role": p["role"]}
        for p in spec["people"]
    ]
    data: dict[str, Any] = {
        "manifest_version": 1,
        "organisation": {
            "name": org.name,
            "sourcing": org.sourcing,
            "industry": org.industry,
            "operations_began": org.began,
            "seats": org.seats,
        },
        "assessment": {"date": ASSESSED, "scope": spec["scope"], "assessor": spec["assessor"]},
        "evidence_root": "evidence",
    }
    if spec["certified_levels"]:
        data["certified_levels"] = [Flow(c) for c in spec["certified_levels"]]
    data["people"] = people
    if spec["not_applicable"]:
        data["not_applicable"] = spec["not_applicable"]
    data["findings"] = spec["findings"]
    data["evidence"] = evidence
    return data


def digests_path(it: Item) -> str:
    return f"{it.folder}/{it.id}.{it.ext}"


def write_org(spec: dict[str, Any], out: Path) -> Path:
    org: Org = spec["org"]
    b = Builder(org)
    build_centre(b, spec["gaps"])
    items = sorted(b.items, key=lambda i: (i.folder, i.type, i.day, i.id))
    home = out / org.slug
    evidence_dir = home / "evidence"
    if evidence_dir.exists():
        shutil.rmtree(evidence_dir)
    digests = {}
    for it in items:
        path = evidence_dir / digests_path(it)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (it.text.rstrip("\n") + "\n").encode("utf-8")
        path.write_bytes(data)
        digests[it.id] = hashlib.sha256(data).hexdigest()
    body = yaml.dump(
        manifest_data(spec, items, digests),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=120,
        indent=2,
    )
    header = (
        f"{SCHEMA_LINE}\n# Generated by examples/build_examples.py — do not edit by hand: change the generator and run it again.\n"
        f"# {org.name}: a fictional organisation, assessed on {ASSESSED}.\n"
    )
    manifest = home / "manifest.yaml"
    manifest.write_text(header + body, encoding="utf-8", newline="\n")
    return manifest


# ---------------------------------------------------------------------------------------------
# The outcomes each example must show

EXPECTED = {
    "jade-river-health": {"passed": False, "level": 0, "certifiable": 0, "band": "conditional", "score": (41, 60)},
    "harbour-bank": {"passed": True, "level": 2, "certifiable": 2, "band": "certified", "score": (61, 80)},
    "summit-outsourcing": {"passed": True, "level": 4, "certifiable": 3, "band": "five_star", "score": (81, 100)},
}


def check(manifests: list[Path]) -> list[str]:
    """Evaluate each manifest and compare with EXPECTED; returns the problems found."""
    try:
        from ccom_rules import evaluate, installed_packs, load_manifest
    except ImportError:
        sys.path.insert(0, str(HERE.parent))
        from ccom_rules import evaluate, installed_packs, load_manifest
    packs = installed_packs()
    problems = []
    for path in manifests:
        want = EXPECTED[path.parent.name]
        result = evaluate(packs, load_manifest(path, packs))
        ccom, cmm, cccs = (result.pack(p).outcome for p in ("ccom_sj_t_11739", "cc_cmm", "cccs_op_2003"))
        got = {"passed": ccom.passed, "level": cmm.level, "certifiable": cmm.certifiable_level, "band": cccs.band}
        print(
            f"{path.parent.name}: CCOM {'pass' if ccom.passed else 'fail'} ({len(ccom.nonconformities)} nonconformities); "
            f"CC-CMM L{cmm.level} (certifiable L{cmm.certifiable_level}; C {cmm.core.c_percent:g} % F {cmm.core.f_percent:g} %, "
            f"5.0 C {cmm.innovation.c_percent:g} % F {cmm.innovation.f_percent:g} %, total {cmm.total}); "
            f"CCCS-OP {cccs.score} ({cccs.raw_score:g}) {cccs.band}"
        )
        for key, value in got.items():
            if value != want[key]:
                problems.append(f"{path.parent.name}: {key} is {value}, expected {want[key]}")
        low, high = want["score"]
        if not low <= cccs.score <= high:
            problems.append(f"{path.parent.name}: CCCS-OP score {cccs.score} outside {low}–{high}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=HERE, help="output folder (default: the examples folder)")
    parser.add_argument("--no-check", action="store_true", help="do not evaluate the written manifests")
    args = parser.parse_args(argv)
    manifests = [write_org(make(), args.out) for make in ORGANISATIONS]
    if args.no_check:
        return 0
    problems = check(manifests)
    for p in problems:
        print("error:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
