"""Benchmark careerlog on a synthetic vault (not a test).

    python bench/build_bench.py [--notes 4000] [--runs 5] [--keep DIR]

Generates a vault of N notes (goals with parents and tasks, quarterly reviews with goal
maps, reflections, interviews with lessons, achievements, learning, roles, a few private
notes, all linking to each other), then times with time.perf_counter, in this process:

- check: load + validate + index (what `careerlog check` does)
- full build without search (into a fresh folder each run)
- no-op rebuild (nothing changed since the last build)
- rebuild after editing one note

and, as subprocesses: `careerlog build` of the sample vault (with and without search) and
`careerlog --help` start-up, plus which heavy modules `--help` imports.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_VAULT = REPO / "sample-vault"
TODAY = date(2026, 11, 22)
HEAVY_MODULES = ("jinja2", "markdown_it", "mdit_py_plugins", "yaml")

WORDS = [
    "latency",
    "queue",
    "backlog",
    "schema",
    "migration",
    "incident",
    "postmortem",
    "design",
    "review",
    "rollout",
    "canary",
    "mentoring",
    "hiring",
    "roadmap",
    "sprint",
    "deadline",
    "budget",
    "stakeholder",
    "outage",
    "dashboard",
    "pipeline",
    "cache",
    "index",
    "replica",
    "failover",
    "contract",
    "onboarding",
    "feedback",
    "promotion",
    "interview",
    "offer",
    "negotiation",
    "architecture",
    "service",
    "platform",
    "reliability",
    "observability",
    "tracing",
    "metrics",
    "customer",
    "release",
]
TAGS = [f"tag-{i}" for i in range(60)]
SKILLS = [f"skill-{i}" for i in range(80)]
COMPANIES = [f"Company {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
OUTCOMES = ("pending", "passed", "rejected", "offer", "accepted", "declined", "withdrew")
LEARNING = ("course", "certification", "book", "conference", "workshop")
# share of each kind in the vault (the rest of the notes are reflections)
MIX = {
    "goal": 0.10,
    "review": 0.08,
    "interview": 0.08,
    "achievement": 0.14,
    "learning": 0.14,
    "role": 0.01,
}
FOLDERS = {
    "goal": "goals",
    "review": "reviews",
    "reflection": "reflections",
    "interview": "interviews",
    "achievement": "achievements",
    "learning": "learning",
    "role": "roles",
}


def _paragraphs(rng: random.Random, slugs: list[str], n: int) -> str:
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        for _ in range(rng.randint(0, 2)):  # wiki links to other notes
            if slugs:
                words.insert(rng.randrange(len(words)), f"[[{rng.choice(slugs)}]]")
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out)


def _list(values) -> str:
    return "[" + ", ".join(values) + "]"


def generate_vault(folder: Path, notes: int, seed: int = 42) -> dict[str, int]:
    """Write a realistic synthetic vault of `notes` notes into `folder`; returns the count per kind."""
    rng = random.Random(seed)
    counts = {kind: max(1, round(notes * share)) for kind, share in MIX.items()}
    counts["role"] = max(3, counts["role"])
    counts["reflection"] = notes - sum(counts.values())
    start = TODAY - timedelta(days=365 * 30)
    span = (TODAY - start).days

    def day() -> date:
        return start + timedelta(days=rng.randrange(span))

    slugs = {kind: [f"{kind}-{i:05d}" for i in range(count)] for kind, count in counts.items()}
    everything = [s for kind_slugs in slugs.values() for s in kind_slugs]
    goals = slugs["goal"]
    (folder / "careerlog.toml").write_text(
        'title = "Bench career"\nowner = "Bench"\nbase_url = "https://bench.example.com/"\n'
        'review_every = "quarterly"\nstale_after_days = 90\n',
        encoding="utf-8",
    )
    for folder_name in FOLDERS.values():
        (folder / folder_name).mkdir(parents=True, exist_ok=True)

    def write(kind: str, slug: str, meta: list[str], body: str) -> None:
        when = day()
        common = [
            f"title: {kind.capitalize()} {slug.split('-')[-1]} {rng.choice(WORDS)}",
            f"date: {when.isoformat()}" if kind not in ("goal", "role") else "",
            f"tags: {_list(rng.sample(TAGS, rng.randint(1, 4)))}",
            f"skills: {_list(rng.sample(SKILLS, rng.randint(0, 4)))}",
        ]
        if rng.random() < 0.03:
            common.append("private: true")
        lines = [line for line in common + meta if line]
        text = "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"
        (folder / FOLDERS[kind] / f"{slug}.md").write_text(text, encoding="utf-8")

    for i, slug in enumerate(goals):
        started = day()
        target = started + timedelta(days=rng.randint(90, 365 * 12))
        status = rng.choices(["active", "achieved", "paused", "dropped"], [5, 3, 1, 1])[0]
        meta = [f"status: {status}", f"started: {started}", f"target: {target}", f"date: {started}"]
        if i >= 10 and rng.random() < 0.6:
            meta.append(f"parent: {goals[rng.randrange(i)]}")  # earlier goals only: no cycles
        tasks = "\n".join(
            f"- [{'x' if rng.random() < 0.5 else ' '}] {rng.choice(WORDS)} {rng.choice(WORDS)}"
            for _ in range(rng.randint(2, 6))
        )
        write("goal", slug, meta, _paragraphs(rng, everything, 2) + "\n\n" + tasks)
    for i, slug in enumerate(slugs["review"]):
        year = TODAY.year - 30 + (i * 30 // max(1, counts["review"]))
        quarter = i % 4 + 1
        entries = "\n".join(
            f"  {g}: {rng.randint(0, 100)}" if rng.random() < 0.5
            else f'  {g}: {{progress: {rng.randint(0, 100)}, note: "{rng.choice(WORDS)} {rng.choice(WORDS)}"}}'
            for g in rng.sample(goals, min(len(goals), rng.randint(3, 8)))
        )  # fmt: skip
        write(
            "review",
            slug,
            [f"period: {year}-Q{quarter}", f"goals:\n{entries}"],
            _paragraphs(rng, everything, 3),
        )
    for slug in slugs["reflection"]:
        meta = [
            f"mood: {rng.choice(['calm', 'anxious', 'proud', 'tired'])}",
            f"goals: {_list(rng.sample(goals, 2))}",
        ]
        write("reflection", slug, meta, _paragraphs(rng, everything, rng.randint(2, 5)))
    for slug in slugs["interview"]:
        lessons = "\n".join(
            f'  - "{rng.choice(WORDS)} before {rng.choice(WORDS)}"'
            for _ in range(rng.randint(1, 4))
        )
        meta = [
            f"company: {rng.choice(COMPANIES)}",
            f"role: {rng.choice(['Senior Engineer', 'Staff Engineer', 'Engineering Manager'])}",
            "stage: final",
            f"outcome: {rng.choice(OUTCOMES)}",
            f"lessons:\n{lessons}",
        ]
        write("interview", slug, meta, _paragraphs(rng, everything, 2))
    for slug in slugs["achievement"]:
        meta = [
            f"impact: {' '.join(rng.choice(WORDS) for _ in range(8))}",
            f"goals: {_list(rng.sample(goals, 1))}",
        ]
        write("achievement", slug, meta, _paragraphs(rng, everything, 2))
    for slug in slugs["learning"]:
        done = day()
        meta = [
            f"kind: {rng.choice(LEARNING)}",
            f"provider: {rng.choice(COMPANIES)}",
            f"completed: {done}",
        ]
        write("learning", slug, meta, _paragraphs(rng, everything, 1))
    role_starts = sorted(day() for _ in slugs["role"])
    for i, slug in enumerate(slugs["role"]):
        meta = [
            f"company: {rng.choice(COMPANIES)}",
            f"start: {role_starts[i]}",
            f"date: {role_starts[i]}",
        ]
        if i + 1 < len(role_starts):
            meta.append(f"end: {role_starts[i + 1]}")
        write("role", slug, meta, _paragraphs(rng, everything, 2))
    return counts


def _times(run, runs: int, before=None) -> list[float]:
    """Seconds of `runs` calls of `run` (with `before` called, untimed, before each)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _row(name: str, times: list[float], notes: int | None = None) -> None:
    """Print one measure as soon as it is taken: median, min and max, and notes per second."""
    median = statistics.median(times)
    rate = f"{notes / median:>9.0f}" if notes else f"{'':>9}"
    print(
        f"{name:<44} {median * 1000:>8.0f} {min(times) * 1000:>8.0f} {max(times) * 1000:>8.0f} {rate}",
        flush=True,
    )


def _careerlog_command() -> list[str]:
    script = Path(sys.executable).with_name("careerlog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "careerlog"]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")


def heavy_imports_of_help() -> list[str]:
    """The heavy modules that `careerlog --help` imports (run in a fresh interpreter)."""
    code = (
        "import sys\nfrom careerlog.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(' '.join(m for m in {HEAVY_MODULES!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    return result.stderr.split()


def import_time_of_help(top: int = 6) -> list[tuple[str, float]]:
    """The slowest imports (cumulative, ms) of `python -X importtime -m careerlog --help`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerlog", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 2:  # top-level imports only
            rows.append((match.group(3), int(match.group(1)) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--notes", type=int, default=4000, help="notes in the synthetic vault (default 4000)"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per measure; the median is reported (default 5)"
    )
    parser.add_argument("--keep", type=Path, help="write the synthetic vault here and keep it")
    args = parser.parse_args()

    from careerlog import __version__
    from careerlog.build import build_site, load_vault
    from careerlog.diagnostics import ERROR

    work = Path(tempfile.mkdtemp(prefix="careerlog-bench-"))
    vault = args.keep or work / "vault"
    vault.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        counts = generate_vault(vault, args.notes)
        generated = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in vault.rglob("*.md"))
        print(f"careerlog {__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        print(
            f"synthetic vault: {args.notes} notes ({size / 1e6:.1f} MB; "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
            + f") generated in {generated:.1f} s; median of {args.runs} runs\n"
        )

        loaded = load_vault(vault, today=TODAY)
        errors = [d for d in loaded.diagnostics if d.severity == ERROR]
        if errors:
            raise SystemExit("the synthetic vault has errors:\n" + "\n".join(map(str, errors[:20])))

        n = args.notes
        print(f"{'measure (ms)':<44} {'median':>8} {'min':>8} {'max':>8} {'notes/s':>9}")
        _row(
            "check (load + validate + index), in process",
            _times(lambda: load_vault(vault, today=TODAY), args.runs),
            n,
        )

        fresh = work / "fresh"

        def build(out: Path) -> None:
            build_site(vault, out, today=TODAY, search=False)

        _row(
            "full build, no search, into a new folder",
            _times(
                lambda: build(fresh), args.runs, lambda: shutil.rmtree(fresh, ignore_errors=True)
            ),
            n,
        )
        site = work / "site"
        build(site)
        _row("no-op rebuild (nothing changed)", _times(lambda: build(site), args.runs), n)

        edited = min((vault / "reflections").glob("*.md"))
        original = edited.read_text(encoding="utf-8")
        counter = iter(range(10**6))

        def edit_one_note() -> None:
            edited.write_text(original + f"\nAn edit, number {next(counter)}.\n", encoding="utf-8")

        _row(
            "rebuild after editing one note",
            _times(lambda: build(site), args.runs, edit_one_note),
            n,
        )
        edited.write_text(original, encoding="utf-8")
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"({pages} HTML pages per build of the synthetic vault)\n", flush=True)

        command = _careerlog_command()
        sample_runs = max(3, min(args.runs, 5))
        sample_out = work / "sample-site"
        sample_notes = sum(1 for _ in SAMPLE_VAULT.rglob("*.md"))
        for label, extra in (("--no-search", ["--no-search"]), ("with Pagefind", [])):
            build_command = [
                *command, "build", str(SAMPLE_VAULT), "--out", str(sample_out),
                "--today", TODAY.isoformat(), *extra,
            ]  # fmt: skip
            _row(
                f"sample vault: careerlog build {label}",
                _times(functools.partial(_run, build_command), sample_runs),
                sample_notes,
            )
        sample_pages = sum(1 for _ in sample_out.rglob("*.html"))
        print(
            f"(sample vault: {sample_notes} notes, {sample_pages} HTML pages; subprocess, median of {sample_runs})\n"
        )

        _row(
            f"`{Path(command[0]).name}{' -m careerlog' if len(command) > 1 else ''} --help` start-up",
            _times(functools.partial(_run, [*command, "--help"]), 10),
        )
        heavy = heavy_imports_of_help()
        print(
            f"heavy modules imported by --help: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(HEAVY_MODULES)})"
        )
        print(
            "slowest top-level imports of --help (cumulative): "
            + ", ".join(f"{m} {ms:.0f} ms" for m, ms in import_time_of_help())
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
