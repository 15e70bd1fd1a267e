"""Benchmarks for ccom-rules, every figure a ratio of two timings taken side by side in one run.

    python benchmarks/bench.py [--quick] [--baseline-tree DIR] [--wheel-venv DIR] [--only NAME,...] [--json OUT]

Each figure times the subject and its yardstick alternately (subject, yardstick, subject, …) so a
change in the machine's load touches both, and reports the ratio of their medians against its
target. Timings are CPU seconds of the process doing the work (``time.process_time`` in
process, or the child's user+system time for a command), so other processes on a shared machine
move them less than wall time. Never a timed assertion in the tests: speed is measured here.

Figures (names for ``--only``):
  evaluate   evaluate(demo manifest, three packs), packs loaded: the baseline tree ÷ this tree (≥ 8)
             (shown too: a new manifest object each call; and that with no result made before given again)
  rego       the CC-CMM level computation in Rego through regopy's compiled bundle ÷
             evaluate(demo manifest, cc_cmm alone) (≥ 5); the verdicts compared on every run
  plan       plan_remediation ÷ one evaluate of the same manifest, each example (≤ 3), and where
             one plan's time goes (candidates simulated, planning states, targets verified)
  cli        ``ccom-rules demo`` ÷ ``python -c "import pydantic, yaml, click"`` (≤ 3) and
             ``ccom-rules --help`` ÷ ``python -c "import click"`` (≤ 1.3), CPU, from the source
             tree and (with --wheel-venv) from an installed wheel
  load       load_manifest(demo) ÷ yaml.load(same file, CSafeLoader) (≤ 1.5); a manifest with one
             warning ÷ the same without it (≈ 1)
  scale      load + evaluate of 500 … 50,000 evidence entries: time per entry and peak memory (≤ 250 MB)
  batch      evaluate_many, 1 job ÷ parsing the same files with CSafeLoader (throughput ≥ 0.6);
             2 jobs ÷ 1 job (throughput ≥ 1.7 on 2 idle cores)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _p in (str(ROOT), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

DEMO = "examples/harbour-bank/manifest.yaml"
BASELINE_COMMIT = "564bb9d"


@dataclass
class Figure:
    """One ratio: ``subject`` ÷ ``yardstick`` (or the inverse, see ``faster``) against a target."""

    name: str
    subject: list[float]
    yardstick: list[float]
    target: float
    faster: bool
    """True: the target is a minimum speed-up, yardstick ÷ subject ≥ target. False: the target
    is a maximum cost, subject ÷ yardstick ≤ target."""
    unit: str = "ms"
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        s, y = statistics.median(self.subject), statistics.median(self.yardstick)
        return y / s if self.faster else s / y

    @property
    def met(self) -> bool:
        return self.ratio >= self.target if self.faster else self.ratio <= self.target

    def line(self) -> str:
        s, y = statistics.median(self.subject) * 1000, statistics.median(self.yardstick) * 1000
        op = "≥" if self.faster else "≤"
        verdict = "met" if self.met else "MISSED"
        return f"{self.name:<62} {s:9.2f} {y:9.2f} {self.ratio:7.2f}× {op} {self.target:<4g} {verdict}"


def cpu_runs(func: Callable[[], Any], runs: int, inner: int = 1) -> list[float]:
    """CPU seconds per call of ``func``, ``runs`` samples of ``inner`` calls each."""
    out = []
    for _ in range(runs):
        start = time.process_time()
        for _ in range(inner):
            func()
        out.append((time.process_time() - start) / inner)
    return out


def child_cpu(argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, str]:
    """Run a command; its CPU seconds (user + system of the child) and its stdout."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr[-1500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), proc.stdout


def tree_env(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(tree)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


# --------------------------------------------------------------------------- evaluate vs the baseline

EVAL_CODE = """
import json, sys, time
sys.path.insert(0, {tree!r})
from ccom_rules import installed_packs, load_manifest, evaluate
packs = installed_packs()
manifest = load_manifest({manifest!r}, packs)
for _ in range(3):
    evaluate(packs, manifest)
times = []
for _ in range({runs}):
    start = time.process_time()
    for _ in range({inner}):
        evaluate(packs, manifest)
    times.append((time.process_time() - start) / {inner})
fresh = []
if {fresh}:
    copies = [manifest.model_copy(deep=True) for _ in range({runs})]
    for copy in copies:
        start = time.process_time()
        evaluate(packs, copy)
        fresh.append(time.process_time() - start)
cold = []
if {fresh}:
    from ccom_rules.compiled import compiled, pack_run
    runs = [pack_run(compiled(pack)) for pack in packs]
    for copy in [manifest.model_copy(deep=True) for _ in range({runs})]:
        for run in runs:  # no result made before is given again (see ccom_rules.engine.KEPT_PER_RESULT)
            run.forget()
        start = time.process_time()
        evaluate(packs, copy)
        cold.append(time.process_time() - start)
result = evaluate(packs, manifest).model_dump_json()
print(json.dumps({{"times": times, "fresh": fresh, "cold": cold, "result": result}}))
"""


def bench_evaluate(baseline: Path | None, rounds: int) -> list[Figure]:
    if baseline is None:
        print("evaluate: no --baseline-tree given; skipped (git worktree add /tmp/base 564bb9d)")
        return []
    ours: list[float] = []
    theirs: list[float] = []
    fresh: list[float] = []
    cold: list[float] = []
    same = True
    for _ in range(rounds):
        for tree, into in ((ROOT, ours), (baseline, theirs)):
            code = EVAL_CODE.format(tree=str(tree), manifest=str(tree / DEMO), runs=5, inner=10, fresh=tree == ROOT)
            _, out = child_cpu([sys.executable, "-c", code], env=tree_env(tree), cwd=tree)
            data = json.loads(out.strip().splitlines()[-1])
            into += data["times"]
            fresh += data["fresh"]
            cold += data["cold"]
            if tree == ROOT:
                mine = data["result"]
            else:
                same = same and data["result"] == mine
    figures = [
        Figure(
            "evaluate(demo, 3 packs): baseline tree ÷ this tree",
            ours,
            theirs,
            8,
            True,
            note=f"JSON results identical: {same} (each tree evaluates its own packs, which may have changed since)",
        ),
        Figure(
            "evaluate(demo, 3 packs), a new manifest object each call (index built)",
            fresh,
            theirs,
            8,
            True,
            note="the manifest's identity hash and evidence index are built on every call here",
        ),
        Figure(
            "evaluate(demo, 3 packs), a new manifest object, no results kept",
            cold,
            theirs,
            8,
            True,
            note="as above, and every checkpoint and clause result made anew, none given again",
        ),
    ]
    return figures


# --------------------------------------------------------------------------- cc_cmm vs Rego


def rego_input(pack: Any, result: Any) -> dict[str, Any]:
    """The per-item ratings the engine decided, and the pack's level table: what the Rego reads."""
    scoring = pack.scoring
    by_id = {c.id: c for c in result.clauses}

    def items(sections: tuple[str, ...]) -> list[list[int]]:
        return [[by_id[c.id].c_rate, by_id[c.id].f_rate] for c in pack.index.leaves_under(sections)]

    keys = {"level", "core_c_percent", "core_f_percent", "innovation_c_percent", "innovation_f_percent", "min_total"}
    return {
        "scale_full": scoring.scale.full,
        "core": items(scoring.core_sections),
        "innovation": items(scoring.innovation_sections),
        "years": result.outcome.operating_years,
        "previous": result.outcome.previous_level,
        "stepwise": scoring.stepwise,
        "levels": [{**lv.model_dump(include=keys), "min_operating_years": lv.min_operating_years} for lv in scoring.levels],
    }


def python_verdict(outcome: Any) -> dict[str, Any]:
    return {
        "level": outcome.level,
        "certifiable_level": outcome.certifiable_level,
        "total": outcome.total,
        "max_total": outcome.max_total,
        "core": {"items": outcome.core.items, "c_full": outcome.core.c_full, "f_full": outcome.core.f_full},
        "innovation": {
            "items": outcome.innovation.items,
            "c_full": outcome.innovation.c_full,
            "f_full": outcome.innovation.f_full,
        },
        "next_level_unmet": sorted(g.condition for g in outcome.next_level_gaps if g.condition != "stepwise"),
    }


def bench_rego(rounds: int) -> list[Figure]:
    try:
        from regopy import Interpreter
    except ImportError:
        print("rego: regopy is not installed (pip install -e '.[bench]'); skipped")
        return []
    from ccom_rules import evaluate, installed_packs, load_manifest

    packs = [p for p in installed_packs() if p.id == "cc_cmm"]
    manifest = load_manifest(ROOT / DEMO, packs)
    result = evaluate(packs, manifest).packs[0]
    want = python_verdict(result.outcome)
    rego = Interpreter()
    rego.add_module("ccmm", (BENCH / "cc_cmm_levels.rego").read_text(encoding="utf-8"))
    bundle = rego.build("data.ccmm.verdict", ["ccmm/verdict"])
    inp = rego_input(packs[0], result)
    compared = 0

    def run_rego() -> None:
        nonlocal compared
        rego.set_input(inp)
        out = rego.query_bundle(bundle)
        got = json.loads(str(out))["expressions"][0]
        if got != want:
            raise AssertionError(f"Rego and the engine disagree: {got} != {want}")
        compared += 1

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours += cpu_runs(lambda: evaluate(packs, manifest), 5, 10)
        theirs += cpu_runs(run_rego, 5, 2)
    return [
        Figure(
            "Rego bundle (levels from ratings) ÷ evaluate(demo, cc_cmm)",
            ours,
            theirs,
            5,
            True,
            note=f"verdicts equal on all {compared} Rego runs (level {want['level']}, certifiable {want['certifiable_level']})",
        )
    ]


# --------------------------------------------------------------------------- the planner


def bench_plan(rounds: int) -> list[Figure]:
    """plan_remediation ÷ one evaluate of the same example manifest (≤ 3), each example."""
    from ccom_rules import evaluate, installed_packs, load_manifest, plan_remediation

    packs = installed_packs()
    figures = []
    for path in sorted((ROOT / "examples").glob("*/manifest.yaml")):
        manifest = load_manifest(path, packs)
        plan = plan_remediation(packs, manifest)  # warm: the manifest's index, the compiled packs
        evaluate(packs, manifest)
        plans: list[float] = []
        evaluations: list[float] = []
        for _ in range(rounds):
            plans += cpu_runs(lambda m=manifest: plan_remediation(packs, m), 2)  # type: ignore[misc]
            evaluations += cpu_runs(lambda m=manifest: evaluate(packs, m), 3, 3)  # type: ignore[misc]
        reached = sum(t.reached for t in plan.targets)
        parts = plan_parts(lambda m=manifest: plan_remediation(packs, m))  # type: ignore[misc]
        once = statistics.median(evaluations)
        shares = ", ".join(f"{name} {spent / once:.1f}×" for name, (spent, _) in parts.items())
        note = (
            f"{len(plan.actions)} actions, {reached} of {len(plan.targets)} targets reached; one plan's parts, in evaluates:"
            f" {shares} ({parts['simulating candidates'][1]} candidates simulated, {parts['verifying targets'][1]} pack"
            " outcomes verified)"
        )
        figures.append(Figure(f"plan_remediation({path.parent.name}) ÷ evaluate", plans, evaluations, 3, False, note=note))
    return figures


def plan_parts(run: Callable[[], Any]) -> dict[str, tuple[float, int]]:
    """Where one call of ``run`` (a plan) spends its CPU time, and how many calls each part made:
    the candidate actions simulated by the search, the planning states decided from a manifest,
    the targets verified by evaluating their pack (on the assessment date, carried forward when the
    plan's state allows it), and the rest. Timed by wrapping the planner's functions for this one
    call (restored after), so the parts are measured where they run, not estimated."""
    from ccom_rules.planner import history, search, start, state, timeline

    wrapped: dict[str, list[tuple[Any, str]]] = {
        "simulating candidates": [(search.Search, "assess")],
        "planning states": [(state.PlanState, "__init__")],
        "verifying targets": [(timeline, "outcome_of"), (history, "outcome_of"), (start.Start, "outcome")],
    }
    spent: dict[str, list[Any]] = {name: [0.0, 0] for name in wrapped}
    saved: list[tuple[Any, str, Any]] = []

    def timed(func: Callable[..., Any], into: list[Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                into[0] += time.process_time() - began
                into[1] += 1

        return call

    for name, places in wrapped.items():
        for owner, attr in places:
            saved.append((owner, attr, owner.__dict__[attr]))
            setattr(owner, attr, timed(owner.__dict__[attr], spent[name]))
    try:
        began = time.process_time()
        run()
        total = time.process_time() - began
    finally:
        for owner, attr, func in saved:
            setattr(owner, attr, func)
    parts: dict[str, tuple[float, int]] = {name: (seconds, calls) for name, (seconds, calls) in spent.items()}
    parts["the rest"] = (max(0.0, total - sum(seconds for seconds, _ in parts.values())), 0)
    return parts


# --------------------------------------------------------------------------- the command line


def bench_cli(rounds: int, venv: Path | None) -> list[Figure]:
    setups: list[tuple[str, list[str], list[str], dict[str, str]]] = []
    source = tree_env(ROOT)
    source.pop("PYTHONDONTWRITEBYTECODE")
    script = [sys.executable, "-c", "import sys; from ccom_rules.cli import main; sys.exit(main())"]
    setups.append(("source tree", script, [sys.executable], source))
    if venv is not None:
        python = venv / "bin" / "python"
        if not python.exists():
            print(f"cli: making {venv} with the project installed from a wheel …")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)], check=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        setups.append(("installed wheel", [str(venv / "bin" / "ccom-rules")], [str(python)], env))
    figures = []
    for where, command, python_, env in setups:
        for args, imports, target in ((["demo"], "import pydantic, yaml, click", 3.0), (["--help"], "import click", 1.3)):
            child_cpu([*command, *args], env=env)  # warm: bytecode, the OS file cache, the pack cache
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(rounds * 3):
                ours.append(child_cpu([*command, *args], env=env)[0])
                theirs.append(child_cpu([*python_, "-c", imports], env=env)[0])
            figures.append(Figure(f"ccom-rules {args[0]} ÷ python -c {imports!r} ({where})", ours, theirs, target, False))
    return figures


# --------------------------------------------------------------------------- loading


def bench_load(rounds: int) -> list[Figure]:
    import yaml

    from ccom_rules import installed_packs, load_manifest

    packs = installed_packs()
    path = ROOT / DEMO
    ours: list[float] = []
    theirs: list[float] = []

    def parse() -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    for _ in range(rounds):
        ours += cpu_runs(lambda: load_manifest(path, packs), 5)
        theirs += cpu_runs(parse, 5)
    figures = [Figure("load_manifest(demo) ÷ yaml.load(CSafeLoader)", ours, theirs, 1.5, False, note="evidence files checked")]
    data = parse()
    for item in data["evidence"]:
        item.pop("path", None)
        item.pop("sha256", None)
    with tempfile.TemporaryDirectory() as tmp:
        plain, warned = Path(tmp) / "plain.yaml", Path(tmp) / "warned.yaml"
        plain.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        data["evidence"][-1]["type"] = "a_type_no_pack_knows"  # W102, on the last entry
        warned.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        with_warning: list[float] = []
        without: list[float] = []
        for _ in range(rounds):
            with_warning += cpu_runs(lambda: load_manifest(warned, packs), 5)
            without += cpu_runs(lambda: load_manifest(plain, packs), 5)
    figures.append(
        Figure("load with one warning (last entry) ÷ without", with_warning, without, 1.2, False, note="no evidence files")
    )
    return figures


# --------------------------------------------------------------------------- scaling

SCALE_CODE = """
import gc, json, resource, sys, time
sys.path.insert(0, {root!r})
from ccom_rules import installed_packs, load_manifest, evaluate
packs = installed_packs()
gc.collect()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
manifest = load_manifest({path!r}, packs)
loaded = time.process_time()
evaluate(packs, manifest)
done = time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"load": loaded - start, "evaluate": done - loaded, "peak_kib": peak, "base_kib": base}}))
"""


def bench_scale(sizes: Sequence[int]) -> list[dict[str, Any]]:
    from synthetic import synthetic_manifest_data

    from ccom_rules import installed_packs

    packs = installed_packs()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"m{n}.json"  # JSON is YAML: read by the same loader
            path.write_text(json.dumps(synthetic_manifest_data(packs, n), default=str), encoding="utf-8")
            runs = []
            for _ in range(3 if n <= 10_000 else 1):
                out = child_cpu([sys.executable, "-c", SCALE_CODE.format(root=str(ROOT), path=str(path))])[1]
                if not out.strip():
                    raise RuntimeError(f"the {n}-entry manifest did not load")
                runs.append(json.loads(out.strip().splitlines()[-1]))
            best = min(runs, key=lambda r: r["load"] + r["evaluate"])
            rows.append({"entries": n, **best, "per_entry_us": (best["load"] + best["evaluate"]) / n * 1e6})
    return rows


# --------------------------------------------------------------------------- batch


def bench_batch(count: int, rounds: int) -> list[Figure]:
    import yaml

    from ccom_rules import evaluate_many, installed_packs
    from ccom_rules.batch import evaluate_one

    packs = installed_packs()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_variations(Path(tmp), count)
        texts = [p.read_text(encoding="utf-8") for p in paths]  # warms the OS cache
        for text in texts[:2]:
            yaml.load(text, Loader=yaml.CSafeLoader)
        for p in paths[:2]:
            evaluate_one(packs, p)

        def parse_all() -> None:
            for p in paths:
                yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        one, two, parsed = [], [], []
        for _ in range(rounds):
            start = time.perf_counter()
            rows = evaluate_many(packs, paths, jobs=1)
            one.append(time.perf_counter() - start)
            start = time.perf_counter()
            rows2 = evaluate_many(packs, paths, jobs=2)
            two.append(time.perf_counter() - start)
            start = time.perf_counter()
            parse_all()
            parsed.append(time.perf_counter() - start)
            assert rows == rows2 and all(r.evaluated for r in rows), "batch rows differ between 1 and 2 jobs"
    load = os.getloadavg()[0]
    return [
        Figure(
            f"batch of {count}, 1 job: throughput ÷ parsing the files with CSafeLoader (wall)",
            one,
            parsed,
            0.6,
            True,
            note=f"{count / statistics.median(one):.0f} manifests/s vs {count / statistics.median(parsed):.0f} parsed/s",
        ),
        Figure(
            f"batch of {count}, 2 jobs ÷ 1 job: throughput (wall)",
            two,
            one,
            1.7,
            True,
            note=f"load average {load:.1f} on {os.cpu_count()} cores: the speed-up needs 2 idle cores",
        ),
    ]


def make_variations(folder: Path, count: int) -> list[Path]:
    """``count`` manifests varied from the examples: other organisation names, assessment dates a
    few weeks apart, a share of evidence, findings and people left out (no evidence files)."""
    import random

    import yaml

    examples = sorted((ROOT / "examples").glob("*/manifest.yaml"))
    bases = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in examples]
    rng = random.Random(7)
    paths = []
    for i in range(count):
        data = json.loads(json.dumps(bases[i % len(bases)], default=str))
        data["organisation"]["name"] = f"{data['organisation']['name']} {i:03d}"
        keep = rng.uniform(0.6, 1.0)
        data["evidence"] = [
            {k: v for k, v in e.items() if k not in ("path", "sha256")} for e in data["evidence"] if rng.random() < keep
        ]
        data["findings"] = [f for f in data.get("findings", []) if rng.random() < keep]
        data["people"] = [p for p in data.get("people", []) if rng.random() < keep]
        path = folder / f"m{i:03d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- main

ALL = ("evaluate", "rego", "plan", "cli", "load", "scale", "batch")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument(
        "--baseline-tree", type=Path, metavar="DIR", help=f"a checkout to compare with (git worktree add DIR {BASELINE_COMMIT})"
    )
    parser.add_argument(
        "--wheel-venv",
        type=Path,
        metavar="DIR",
        help="also time the CLI from a virtual environment with the wheel installed (made if missing)",
    )
    parser.add_argument("--only", default=",".join(ALL), help=f"comma-separated figures among {', '.join(ALL)}")
    parser.add_argument("--sizes", default="500,2000,10000,50000", help="evidence entries for the scale figure")
    parser.add_argument("--batch", type=int, default=60, help="manifests in the batch figure")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every figure as JSON")
    opts = parser.parse_args(argv)
    only = {x.strip() for x in opts.only.split(",") if x.strip()}
    rounds = 2 if opts.quick else 4
    started, load_before = time.time(), os.getloadavg()
    figures: list[Figure] = []
    scale: list[dict[str, Any]] = []
    import platform

    print(f"ccom-rules benchmarks  python {platform.python_version()}  cpus={os.cpu_count()}  load average {load_before[0]:.2f}")
    print(f"{'figure':<62} {'subject':>9} {'yardstick':>9} {'ratio':>8}   target", flush=True)

    def show(new: list[Figure]) -> None:
        for fig in new:
            print(fig.line())
            if fig.note:
                print(f"    {fig.note}")
        sys.stdout.flush()
        figures.extend(new)

    if "evaluate" in only:
        show(bench_evaluate(opts.baseline_tree.resolve() if opts.baseline_tree else None, rounds))
    if "rego" in only:
        show(bench_rego(rounds))
    if "plan" in only:
        show(bench_plan(rounds))
    if "load" in only:
        show(bench_load(rounds))
    if "cli" in only:
        show(bench_cli(rounds, opts.wheel_venv.resolve() if opts.wheel_venv else None))
    if "batch" in only:
        show(bench_batch(opts.batch, max(2, rounds // 2 + 1)))
    if "scale" in only:
        scale = bench_scale([int(x) for x in opts.sizes.split(",")])
    print(f"load average after: {os.getloadavg()[0]:.2f}; {time.time() - started:.0f} s")
    if scale:
        print(f"\n{'entries':>8} {'load ms':>9} {'evaluate ms':>11} {'µs/entry':>9} {'peak MiB':>9}")
        for row in scale:
            print(
                f"{row['entries']:>8} {row['load'] * 1000:9.0f} {row['evaluate'] * 1000:11.0f} "
                f"{row['per_entry_us']:9.1f} {row['peak_kib'] / 1024:9.0f}"
            )
        first, last = scale[0]["per_entry_us"], scale[-1]["per_entry_us"]
        peak = max(r["peak_kib"] for r in scale) / 1024
        print(
            f"time per entry, largest ÷ smallest: {last / first:.2f} (linear: about 1); peak {peak:.0f} MiB (≤ 250: {'met' if peak <= 250 else 'MISSED'})"
        )
    missed = [f.name for f in figures if not f.met]
    print("all targets met" if not missed else f"targets missed: {len(missed)}")
    if opts.json:
        payload = {
            "python": sys.version,
            "cpus": os.cpu_count(),
            "load_average": [load_before, os.getloadavg()],
            "figures": [
                {
                    "name": f.name,
                    "ratio": f.ratio,
                    "target": f.target,
                    "met": f.met,
                    "subject_s": f.subject,
                    "yardstick_s": f.yardstick,
                    "note": f.note,
                }
                for f in figures
            ],
            "scale": scale,
        }
        opts.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
