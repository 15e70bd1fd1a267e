"""Benchmarks for ccom-rules: imports, pack loading, evaluation, planning and the CLI's cold start.

    python benchmarks/bench.py [--quick] [--json OUT] [--cli CMD]

Standard library only (plus the package itself, taken from this source tree). Cold figures run
in fresh subprocesses of the same interpreter; warm figures run in this process after the packs
are loaded. Every figure is measured several times: the table shows the median and the minimum,
and peak memory (the child's max RSS for subprocesses, the tracemalloc peak for in-process runs).
The machine may be busy with other work, so trust the minimum for "what the code costs" and the
median for "what a user sees"; targets are judged on the median.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
ENV.pop("PYTHONPROFILEIMPORTTIME", None)

# What the `ccom-rules` console script runs (pip writes exactly this into the script).
CONSOLE_SCRIPT = [sys.executable, "-c", "import sys; from ccom_rules.cli import main; sys.exit(main())"]

# Appended to child code: report the child's own peak RSS (VmHWM) on stderr at exit. (ru_maxrss
# from wait4 would count the forked copy of this process before exec, so it is not used.)
HWM = (
    "import atexit as _a, sys as _s; _a.register(lambda: _s.stderr.write(''.join("
    "'\\nHWM ' + l.split()[1] + '\\n' for l in open('/proc/self/status') if l.startswith('VmHWM'))))"
)

TARGETS = {  # name → seconds (median must be below)
    "evaluate": 0.020,
    "cli --help": 0.25,
    "cli demo": 0.80,
    "plan": 0.200,
}


# --------------------------------------------------------------------------- measuring


class Stat:
    """Repeated timings of one figure (seconds), plus peak memory in bytes when known."""

    def __init__(
        self,
        name: str,
        times: Sequence[float],
        peak: int | None = None,
        note: str = "",
        target: float | None = None,
        cpu: Sequence[float] | None = None,
    ):
        self.name, self.times, self.peak, self.note, self.target = name, list(times), peak, note, target
        self.cpu = list(cpu) if cpu else []

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def met(self) -> bool | None:
        return None if self.target is None or not self.times else self.median < self.target

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "runs": len(self.times),
            "median_s": self.median if self.times else None,
            "min_s": self.best if self.times else None,
            "times_s": self.times,
            "cpu_median_s": statistics.median(self.cpu) if self.cpu else None,
            "peak_bytes": self.peak,
            "target_s": self.target,
            "met": self.met,
            "note": self.note,
        }


def repeat(func: Callable[[], Any], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def traced_peak(func: Callable[[], Any]) -> int:
    """Peak Python heap allocated while ``func`` runs (one extra, slower run)."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _children_cpu() -> float:
    try:
        import resource  # POSIX only
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_child(argv: Sequence[str], *, check: bool = True) -> tuple[float, float, int, str]:
    """Run a subprocess: (wall seconds, CPU seconds, peak RSS in bytes or 0 if unknown, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        cpu = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=out, stderr=err, cwd=ROOT, env=ENV, check=False)
        wall = time.perf_counter() - start
        cpu = _children_cpu() - cpu
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{stderr[-2000:]}")
    hwm = [int(line.split()[1]) * 1024 for line in stderr.splitlines() if line.startswith("HWM ")]
    return wall, cpu, (hwm[-1] if hwm else 0), stdout


def with_hwm(argv: Sequence[str]) -> list[str] | None:
    """``argv`` (a ``python -c CODE`` command) that also reports its peak RSS; None if not Python."""
    if len(argv) >= 3 and argv[0] == sys.executable and argv[1] == "-c" and Path("/proc/self/status").exists():
        return [argv[0], "-c", HWM + "\n" + argv[2], *argv[3:]]
    return None


def child_python(code: str, runs: int) -> tuple[list[dict[str, float]], int]:
    """Run ``code`` in fresh interpreters; it prints one JSON object. Returns those and the max RSS."""
    results, peak = [], 0
    for _ in range(runs):
        _, _, rss, stdout = run_child(with_hwm([sys.executable, "-c", code]) or [sys.executable, "-c", code])
        results.append(json.loads(stdout.strip().splitlines()[-1]))
        peak = max(peak, rss)
    return results, peak


# --------------------------------------------------------------------------- the synthetic manifest


def _predicates(pred: Any) -> Any:
    yield pred
    for sub in getattr(pred, "of", ()) or ():
        yield from _predicates(sub)


def _period_back(granularity: str, on: date, back: int) -> tuple[str, date]:
    """The label and last day of the period ``back`` periods before the one containing ``on``."""
    from ccom_rules.model.common import ordinal_of_date, period_end, period_label

    ordinal = ordinal_of_date(granularity, on) - back  # type: ignore[arg-type]
    return period_label(granularity, ordinal), period_end(granularity, ordinal)  # type: ignore[arg-type]


def synthetic_manifest_data(packs: Sequence[Any], items: int = 500, seed: int = 11739) -> dict[str, Any]:
    """A deterministic manifest of ``items`` evidence items drawn from the packs' catalogues:
    every evidence type, monthly/quarterly/yearly series with a few gaps, metrics around each
    threshold, approvals, a few items dated after the assessment, people with CEL and key-post
    certificates (some expired, one number listed twice), findings, ratings, fractions and
    not-applicable declarations."""
    rng = random.Random(seed)
    on = date(2026, 6, 30)
    types: dict[str, dict[str, Any]] = {}
    schemes: dict[str, set[str]] = {}
    for pack in packs:
        for et in pack.evidence_types:
            types.setdefault(et.id, {"periods": set(), "metrics": {}, "roles": set()})
        preds = [cp.evidence for cp, _ in pack.index.checkpoints.values()]
        preds += [pre.check for pre in getattr(pack.scoring, "prerequisites", ())]
        for top in preds:
            for pred in _predicates(top):
                kind = pred.kind
                if kind == "certified_people":
                    schemes.setdefault(pred.scheme, set()).add(pred.role or "")
                    continue
                info = types.setdefault(getattr(pred, "type", ""), {"periods": set(), "metrics": {}, "roles": set()})
                if kind == "continuous":
                    info["periods"].add(pred.period)
                elif kind == "metric":
                    info["metrics"][pred.metric] = (pred.min, pred.max)
                elif kind == "approved":
                    info["roles"].add(pred.role or "")
    types.pop("", None)
    names = sorted(types)
    counters = dict.fromkeys(names, 0)
    evidence = []
    for n in range(items):
        etype = names[n % len(names)] if n < 2 * len(names) else rng.choice(names)
        info = types[etype]
        k = counters[etype]
        counters[etype] += 1
        item: dict[str, Any] = {"id": f"ev-{n:04d}", "type": etype, "title": f"{etype} #{k + 1}"}
        if info["periods"]:
            granularity = sorted(info["periods"])[k % len(info["periods"])]
            back = k + (1 if rng.random() < 0.08 else 0)  # an occasional gap in the series
            label, end = _period_back(granularity, on, back)
            item["period"] = label
            item["date"] = min(end, on)
        else:
            item["date"] = on - timedelta(days=rng.randint(0, 900))
        if rng.random() < 0.03:
            item["date"] = on + timedelta(days=rng.randint(1, 60))  # after the assessment: ignored
        if info["metrics"]:
            metrics = {}
            for metric, (lo, hi) in sorted(info["metrics"].items()):
                edge = lo if lo is not None else hi
                metrics[metric] = round(edge * rng.uniform(0.9, 1.1), 4) if edge else round(rng.uniform(0, 1), 4)
            item["metrics"] = metrics
        if info["roles"] and rng.random() < 0.7:
            role = sorted(info["roles"])[k % len(info["roles"])] or "Director"
            item["approval"] = {"by": f"Approver {k % 7}", "role": role, "date": item["date"] - timedelta(days=3)}
        if n % 50 == 0:
            item["uri"] = f"https://records.example.invalid/{etype}/{k}"
        evidence.append(item)
    people = []
    for i in range(40):
        scheme_names = sorted(schemes) or ["CEL"]
        scheme = "CEL" if i % 2 == 0 and "CEL" in schemes else scheme_names[i % len(scheme_names)]
        roles = sorted(schemes.get(scheme, {""}))
        issued = on - timedelta(days=rng.randint(30, 1500))
        cert: dict[str, Any] = {"scheme": scheme, "number": f"{scheme}-{i:03d}", "issued": issued}
        if i % 9 == 4:
            cert["expires"] = on - timedelta(days=10)  # expired
        if i == 39:
            cert["number"] = f"{scheme}-001"  # listed twice: counts once
        people.append({"name": f"Person {i:02d}", "role": roles[i % len(roles)], "certificates": [cert]})
    findings, not_applicable = [], []
    for pack in packs:
        index = pack.index
        model = pack.scoring.model
        if model == "maturity_levels":
            items_ = index.leaves_under((*pack.scoring.core_sections, *pack.scoring.innovation_sections))
            for clause in rng.sample(items_, min(25, len(items_))):
                findings.append(
                    {"pack": pack.id, "target": clause.id, "c_rate": rng.choice([0, 5, 10]), "f_rate": rng.choice([0, 5, 10])}
                )
        elif model == "weighted_bands":
            tops = tuple(p.clause.id for p in index.clauses.values() if p.depth == 0)
            items_ = index.leaves_under(tops)
            for clause in rng.sample(items_, min(25, len(items_))):
                findings.append({"pack": pack.id, "target": clause.id, "fraction": rng.choice([0.0, 0.25, 0.5, 1.0])})
        taken = {f["target"] for f in findings if f["pack"] == pack.id}
        checkpoints = sorted(c for c in index.checkpoints if c not in taken)
        for cp in rng.sample(checkpoints, min(20, len(checkpoints))):
            findings.append(
                {
                    "pack": pack.id,
                    "target": cp,
                    "status": rng.choice(["met", "partially_met", "not_met"]),
                    "note": "observed on site",
                }
            )
            taken.add(cp)
        free = [c for c in index.order if c not in taken and index.clauses[c].depth > 0]
        for cid in rng.sample(free, min(2, len(free))):
            not_applicable.append({"pack": pack.id, "target": cid, "reason": "not offered by this centre"})
    certified = [{"pack": p.id, "level": 2, "date": date(2024, 5, 1)} for p in packs if p.scoring.model == "maturity_levels"]
    return {
        "manifest_version": 1,
        "organisation": {
            "name": "Synthetic Centre",
            "sourcing": "in_house",
            "industry": "banking",
            "operations_began": date(2021, 3, 1),
            "seats": 800,
        },
        "assessment": {"date": on, "scope": "all sites", "assessor": "bench", "precedence": "assessor"},
        "evidence": evidence,
        "people": people,
        "findings": findings,
        "not_applicable": not_applicable,
        "certified_levels": certified,
    }


# --------------------------------------------------------------------------- the figures

IMPORT_CODE = """
import json, time
t = time.perf_counter()
c = time.process_time()
import {module}
print(json.dumps({{"t": time.perf_counter() - t, "c": time.process_time() - c}}))
"""

LOAD_CODE = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import ccom_rules.loader as loader
t1, c1 = time.perf_counter(), time.process_time()
packs = loader.installed_packs()
t2, c2 = time.perf_counter(), time.process_time()
heavy = [m for m in ("networkx", "jinja2", "jsonschema") if m in sys.modules]
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "both": t2 - t0, "load_c": c2 - c1, "both_c": c2 - c0, "heavy": heavy}))
"""

MODULES_CODE = """
import json, sys
sys.argv = ["ccom-rules", *{args!r}]
try:
    from ccom_rules.cli import main
    main()
except SystemExit:
    pass
mods = sorted(m for m in ("pydantic", "yaml", "networkx", "jinja2", "jsonschema", "ccom_rules.model.pack") if m in sys.modules)
print(json.dumps({{"modules": mods}}), file=sys.stderr)
"""


def bench_imports(runs: int) -> list[Stat]:
    stats = []
    runs_ = [run_child([sys.executable, "-c", "pass"]) for _ in range(runs)]
    stats.append(
        Stat(
            "python -c pass (interpreter start, wall)",
            [r[0] for r in runs_],
            cpu=[r[1] for r in runs_],
            note="the floor under every cold figure",
        )
    )
    for module in ("ccom_rules", "ccom_rules.loader", "ccom_rules.engine", "ccom_rules.cli"):
        results, rss = child_python(IMPORT_CODE.format(module=module), runs)
        stats.append(
            Stat(f"import {module}", [r["t"] for r in results], rss, note="in a fresh interpreter", cpu=[r["c"] for r in results])
        )
    return stats


def bench_load(runs: int, warm_runs: int) -> tuple[list[Stat], Any]:
    results, rss = child_python(LOAD_CODE, runs)
    heavy = sorted({m for r in results for m in r["heavy"]})
    note = "networkx/jinja2/jsonschema imported: " + (", ".join(heavy) if heavy else "none")
    stats = [
        Stat(
            "installed_packs() cold (after import)",
            [r["load"] for r in results],
            rss,
            note=note,
            cpu=[r["load_c"] for r in results],
        ),
        Stat("import loader + installed_packs() cold", [r["both"] for r in results], rss, cpu=[r["both_c"] for r in results]),
    ]
    from ccom_rules import installed_packs

    packs = installed_packs()
    times, cpu = repeat(installed_packs, warm_runs)
    stats.append(Stat("installed_packs() warm (in-process)", times, traced_peak(installed_packs), cpu=cpu))
    return stats, packs


def bench_evaluate(packs: Any, runs: int) -> tuple[list[Stat], Any, dict[str, Any]]:
    from ccom_rules import evaluate
    from ccom_rules.model.manifest import Manifest

    data = synthetic_manifest_data(packs)
    gc.collect()  # one-shot figures below: not charged with collecting what loading left behind
    start = time.perf_counter()
    manifest = Manifest.model_validate(data)
    build = time.perf_counter() - start
    fresh = [p.with_content(p.evidence_types, p.clauses) for p in packs]  # caches (sha256, index) dropped
    gc.collect()
    start = time.perf_counter()
    evaluate(fresh, manifest)
    first = time.perf_counter() - start
    evaluate(packs, manifest)
    times, cpu = repeat(lambda: evaluate(packs, manifest), runs)
    peak = traced_peak(lambda: evaluate(packs, manifest))
    n = len(manifest.evidence)
    return (
        [
            Stat(
                f"evaluate(packs, {n}-item manifest)",
                times,
                peak,
                target=TARGETS["evaluate"],
                cpu=cpu,
                note=f"{len(manifest.people)} people, {len(manifest.findings)} findings",
            ),
            Stat("  first evaluate after loading (pack sha256/index built)", [first]),
            Stat(f"  Manifest.model_validate({n} items)", [build]),
        ],
        manifest,
        data,
    )


def bench_plans(packs: Any, synthetic: Any, runs: int) -> tuple[list[Stat], list[str]]:
    from ccom_rules import evaluate, load_manifest, plan_remediation

    stats, notes = [], []
    examples = sorted((ROOT / "examples").glob("*/manifest.yaml"))
    if not examples:
        notes.append("plan: examples/*/manifest.yaml not found; example plans skipped")
    for path in examples:
        name = path.parent.name
        try:
            manifest = load_manifest(path, packs)
        except Exception as exc:  # an example being written right now
            notes.append(f"plan {name}: cannot load ({str(exc).splitlines()[0]}); skipped")
            continue
        plan_remediation(packs, manifest)
        times, cpu = repeat(lambda m=manifest: plan_remediation(packs, m), runs)
        peak = traced_peak(lambda m=manifest: plan_remediation(packs, m))
        # The planner's figure is a ratio: one plan against one evaluate of the same manifest, same run.
        _, evaluate_cpu = repeat(lambda m=manifest: evaluate(packs, m), runs)
        ratio = min(cpu) / min(evaluate_cpu) if cpu and evaluate_cpu and min(evaluate_cpu) > 0 else float("nan")
        stats.append(
            Stat(
                f"plan_remediation({name})",
                times,
                peak,
                target=TARGETS["plan"],
                cpu=cpu,
                note=f"{len(manifest.evidence)} evidence items; {ratio:.1f}× one evaluate (target ≤ 3×)",
            )
        )
    times, cpu = repeat(lambda: plan_remediation(packs, synthetic), max(2, runs // 2))
    stats.append(
        Stat(
            "plan_remediation(synthetic 500 items)",
            times,
            traced_peak(lambda: plan_remediation(packs, synthetic)),
            cpu=cpu,
            note="no target; for comparison",
        )
    )
    return stats, notes


def bench_cli(runs: int, cli: Sequence[str], synthetic: dict[str, Any]) -> tuple[list[Stat], list[str]]:
    stats, notes = [], []
    tmp = Path(tempfile.mkdtemp(prefix="ccom-bench-"))
    manifest = tmp / "synthetic-manifest.json"  # JSON is YAML: the loader reads it as a manifest
    manifest.write_text(json.dumps(synthetic, default=str), encoding="utf-8")
    for args, target in ((["--help"], "cli --help"), (["demo"], "cli demo"), (["evaluate", str(manifest)], None)):
        argv = [*cli, *args]
        try:
            run_child(argv)  # warms the OS file cache and the .pyc files; not counted
        except (RuntimeError, OSError) as exc:
            notes.append(f"{target or args[0]}: failed ({(str(exc).splitlines() or [''])[-1][:160]}); skipped")
            continue
        timed = [run_child(argv) for _ in range(runs)]
        measured = with_hwm(argv)
        peak = run_child(measured)[2] if measured else None  # one extra run, not timed
        mods = (
            subprocess.run(
                [sys.executable, "-c", MODULES_CODE.format(args=args)], cwd=ROOT, env=ENV, capture_output=True, text=True
            )
            .stderr.strip()
            .splitlines()
        )
        loaded = json.loads(mods[-1])["modules"] if mods and mods[-1].startswith("{") else []
        shown = " ".join(args) if target else "evaluate <synthetic 500 items>.json"
        stats.append(
            Stat(
                f"ccom-rules {shown} (cold, wall)",
                [t[0] for t in timed],
                peak,
                cpu=[t[1] for t in timed],
                target=TARGETS[target] if target else None,
                note="imports " + (", ".join(loaded) or "none of pydantic/yaml/networkx/jinja2/jsonschema"),
            )
        )
    manifest.unlink()
    tmp.rmdir()
    return stats, notes


# --------------------------------------------------------------------------- report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def table(stats: Sequence[Stat]) -> str:
    lines = [f"{'figure':<58} {'median ms':>9} {'min ms':>8} {'cpu ms':>8} {'runs':>4} {'peak MiB':>8} {'target':>8}  met"]
    for s in stats:
        if not s.times:
            continue
        peak = f"{s.peak / 2**20:8.1f}" if s.peak else " " * 8
        target = f"{s.target * 1000:6.0f}ms" if s.target else " " * 8
        met = {True: "yes", False: "NO", None: ""}[s.met]
        cpu = _ms(statistics.median(s.cpu)) if s.cpu else " " * 8
        lines.append(f"{s.name:<58} {_ms(s.median):>9} {_ms(s.best):>8} {cpu} {len(s.times):>4} {peak} {target}  {met}")
        if s.note:
            lines.append(f"    {s.note}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (about a minute)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every figure to OUT as JSON")
    parser.add_argument(
        "--cli",
        default=None,
        metavar="CMD",
        help="the command to time, e.g. 'ccom-rules' for an installed script "
        "(default: this interpreter running what the console script runs)",
    )
    opts = parser.parse_args(argv)
    cold = 3 if opts.quick else 7
    warm = 5 if opts.quick else 20
    cli = opts.cli.split() if opts.cli else CONSOLE_SCRIPT

    load_before = os.getloadavg()
    started = time.time()
    stats: list[Stat] = []
    notes: list[str] = []
    stats += bench_imports(cold)
    load_stats, packs = bench_load(cold, warm)
    stats += load_stats
    eval_stats, synthetic, synthetic_data = bench_evaluate(packs, warm * 2)
    stats += eval_stats
    plan_stats, plan_notes = bench_plans(packs, synthetic, 3 if opts.quick else 7)
    stats += plan_stats
    notes += plan_notes
    cli_stats, cli_notes = bench_cli(cold, cli, synthetic_data)
    stats += cli_stats
    notes += cli_notes

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    header = (
        f"ccom-rules benchmarks  python {sys.version.split()[0]}  cpus={cpus}  "
        f"loadavg {load_before[0]:.2f} → {os.getloadavg()[0]:.2f}  {time.time() - started:.0f}s"
        f"{'  (quick)' if opts.quick else ''}"
    )
    print(header)
    print(table(stats))
    for note in notes:
        print(f"note: {note}")
    missed = [s.name for s in stats if s.met is False]
    print("all targets met" if not missed else f"targets missed: {len(missed)}")
    if opts.json:
        payload = {
            "python": sys.version,
            "cpus": cpus,
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
            "quick": opts.quick,
            "cli": cli,
            "date": date.today().isoformat(),
            "figures": [s.to_dict() for s in stats],
            "notes": notes,
        }
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        opts.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
