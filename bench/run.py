"""careerlog against Hugo on the same notes: the goal table of issue 11 (not a test).

    python bench/run.py [--notes 4000] [--runs 5] [--jobs N] [--out-root /dev/shm] [--md FILE]

Writes a synthetic vault of N notes (bench/build_bench.py's generator, every kind published
so that every note is a page), and the same notes as a Hugo site with a minimal layout
(front matter title/date/tags, the body with its wiki links as Markdown links; private notes
left out as careerlog leaves them out). Then, for each row, runs careerlog and Hugo as new
processes, alternating one run of each, and reports medians (and min–max) and ratios:

- cold build without search (no cache, no previous site)
- cold build with search, against Hugo followed by Pagefind over Hugo's output
- `careerlog build` again with nothing changed (search on)
- one note edited, `--no-search` and with search; how many output files changed
- `careerlog serve`: one note saved → its page rewritten on disk, and → a browser reloaded
  (only when `careerlog serve` exists)
- peak memory of a cold build (max RSS), output bytes, largest page

Output goes to --out-root (default /dev/shm, a tmpfs, so that the disk does not decide).
Hugo is the Debian package when installed (the benchmark installs nothing); without it
the Hugo columns are empty. Pagefind is the pagefind-bin that careerlog itself uses.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bench import generate_vault

TODAY = date(2026, 11, 22)
PUBLISH_ALL = "\n[publish]\ngoals = true\nreviews = true\nreflections = true\ninterviews = true\n"
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Date }}<time>{{ .Format "2 January 2006" }}</time>{{ end }}
<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 220 }}</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 8 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}


def careerlog_command() -> list[str]:
    script = Path(sys.executable).with_name("careerlog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "careerlog"]


def pagefind_command() -> list[str]:
    from pagefind_bin import get_executable

    return [str(get_executable())]


@dataclass
class Run:
    seconds: float
    max_rss_mb: float


def run(command: list[str], **kwargs) -> Run:
    """Run `command` to its end: wall time and its peak memory (max RSS, children included)."""
    start = time.perf_counter()
    process = _Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    out, err = process.communicate()  # reads the pipes; the rusage comes from wait4 below
    seconds = time.perf_counter() - start
    rss = _max_rss_of(process)
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{out}{err}")
    return Run(seconds, rss)


_RUSAGE: dict[int, float] = {}


def _max_rss_of(process: subprocess.Popen) -> float:
    return _RUSAGE.pop(process.pid, float("nan"))


class _Popen(subprocess.Popen):
    """A Popen that keeps the rusage of its child when reaping it."""

    def _try_wait(self, wait_flags):
        pid, status, usage = os.wait4(self.pid, wait_flags)
        if pid == self.pid:
            _RUSAGE[pid] = usage.ru_maxrss / 1024
        return pid, status


# --- the Hugo twin of a vault


def _front_matter(text: str) -> tuple[dict, str]:
    import yaml

    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta) or {}, body


def write_hugo_site(vault: Path, site: Path) -> int:
    """The notes of `vault` that careerlog publishes, as a Hugo site; returns their count."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://bench.example.com/"\ntitle = "Bench career"\n'
        "disableKinds = []\n[taxonomies]\ntag = 'tags'\n",
        encoding="utf-8",
    )
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    count = 0
    for note in sorted(vault.rglob("*.md")):
        meta, body = _front_matter(note.read_text(encoding="utf-8"))
        if meta.get("private"):
            continue
        folder = note.parent.name
        body = re.sub(r"\[\[([^\]]+)\]\]", lambda m: f"[{m[1]}](/{_folder_of(m[1])}/{m[1]}/)", body)
        day = meta.get("date") or meta.get("started") or meta.get("start")
        lines = [f"title: {meta.get('title', note.stem)!r}"]
        if day:
            lines.append(f"date: {day}")
        lines.append(f"tags: {list(meta.get('tags') or [])!r}")
        target = site / "content" / folder / note.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
        count += 1
    return count


def _folder_of(slug: str) -> str:
    kind = slug.rsplit("-", 1)[0]
    return {"learning": "learning", "reflection": "reflections"}.get(kind, kind + "s")


# --- measures


@dataclass
class Row:
    name: str
    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)
    unit: str = "ms"
    note: str = ""

    def cells(self) -> tuple[str, str, str]:
        def shown(values: list[float]) -> str:
            if not values:
                return "—"
            median = statistics.median(values)
            if self.unit == "ms":
                spread = f" ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"
                return f"{median * 1000:.0f} ms{spread if len(values) > 1 else ''}"
            return f"{median:.1f} {self.unit}"

        ratio = ""
        if self.ours and self.theirs:
            ratio = f"{statistics.median(self.ours) / statistics.median(self.theirs):.2f}×"
        return shown(self.ours), shown(self.theirs), ratio


def folder_bytes(folder: Path) -> tuple[int, int, str]:
    """Total bytes of the files under `folder`, and the largest page with its size."""
    total, largest, largest_name = 0, 0, ""
    for path in folder.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest:
                largest, largest_name = size, str(path.relative_to(folder))
    return total, largest, largest_name


def file_states(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each side per row")
    parser.add_argument("--jobs", type=int, help="careerlog build --jobs (default: its own)")
    parser.add_argument("--out-root", type=Path, default=Path("/dev/shm"))
    parser.add_argument("--md", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--only", help="comma-separated row keys: cold,search,noop,edit,serve")
    args = parser.parse_args()
    rows_wanted = set((args.only or "cold,search,noop,edit,serve").split(","))

    work = Path(tempfile.mkdtemp(prefix="careerlog-bench-"))
    out_root = Path(tempfile.mkdtemp(prefix="careerlog-bench-", dir=args.out_root))
    vault, hugo_site = work / "vault", work / "hugo"
    ours_out, hugo_out = out_root / "site", out_root / "hugo-public"
    hugo = shutil.which("hugo")
    try:
        vault.mkdir()
        generate_vault(vault, args.notes)
        with (vault / "careerlog.toml").open("a", encoding="utf-8") as config:
            config.write(PUBLISH_ALL)
        pages = write_hugo_site(vault, hugo_site) if hugo else 0
        careerlog = careerlog_command()
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        build = [*careerlog, "build", str(vault), "--out", str(ours_out), "--today", str(TODAY)]
        build += jobs
        hugo_build = [hugo or "hugo", "--quiet", "-s", str(hugo_site), "-d", str(hugo_out)]
        pagefind = [*pagefind_command(), "--site", str(hugo_out), "--silent"]

        def fresh() -> None:
            shutil.rmtree(ours_out, ignore_errors=True)
            shutil.rmtree(vault / ".careerlog", ignore_errors=True)

        def hugo_fresh() -> None:
            shutil.rmtree(hugo_out, ignore_errors=True)
            shutil.rmtree(hugo_site / "resources", ignore_errors=True)

        rows: list[Row] = []
        load = os.getloadavg()[0]
        print(
            f"{args.notes} notes ({pages} in the Hugo twin), {args.runs} alternating runs, "
            f"{os.cpu_count()} CPUs, load {load:.1f} at the start",
            flush=True,
        )
        memory = Row("peak memory, cold, no search", unit="MB")
        if "cold" in rows_wanted:
            row = Row("cold build, no search")
            for _ in range(args.runs):
                fresh()
                result = run([*build, "--no-search"])
                row.ours.append(result.seconds)
                memory.ours.append(result.max_rss_mb)
                if hugo:
                    hugo_fresh()
                    result = run(hugo_build)
                    row.theirs.append(result.seconds)
                    memory.theirs.append(result.max_rss_mb)
            rows.append(row)
            _print(row)
            ours_bytes, ours_largest, ours_name = folder_bytes(ours_out)
            size = Row("output bytes, no search", unit="MB")
            size.ours, size.theirs = [ours_bytes / 1e6], [folder_bytes(hugo_out)[0] / 1e6]
            largest = Row(f"largest page (ours: {ours_name})", unit="MB")
            largest.ours = [ours_largest / 1e6]
            largest.theirs = [folder_bytes(hugo_out)[1] / 1e6] if hugo else []
            rows += [memory, size, largest]
            for extra in (memory, size, largest):
                _print(extra)
        if "search" in rows_wanted:
            row = Row("cold build with search (Hugo + Pagefind)")
            for _ in range(args.runs):
                fresh()
                row.ours.append(run(build).seconds)
                if hugo:
                    hugo_fresh()
                    row.theirs.append(run(hugo_build).seconds + run(pagefind).seconds)
            rows.append(row)
            _print(row)
        if "noop" in rows_wanted:
            run(build)
            row = Row("no-op rebuild, new process, search on")
            row.ours = [run(build).seconds for _ in range(args.runs)]
            rows.append(row)
            _print(row)
        if "edit" in rows_wanted:
            edited = min((vault / "achievements").glob("*.md"))
            original = edited.read_text(encoding="utf-8")
            for label, extra in (("--no-search", ["--no-search"]), ("with search", [])):
                run([*build, *extra])
                row = Row(f"one note edited, {label}")
                changed = []
                for number in range(args.runs):
                    before = file_states(ours_out)
                    edited.write_text(original + f"\nAn edit, number {number}.\n", "utf-8")
                    row.ours.append(run([*build, *extra]).seconds)
                    after = file_states(ours_out)
                    changed.append(sum(before.get(k) != v for k, v in after.items()))
                row.note = f"files rewritten: median {statistics.median(changed):.0f}"
                rows.append(row)
                _print(row)
            edited.write_text(original, encoding="utf-8")
        if "serve" in rows_wanted:
            from serve_bench import serve_rows

            for row in serve_rows(
                careerlog, vault, edited_dir=vault / "achievements", runs=args.runs
            ):
                rows.append(row)
                _print(row)
        table = _table(rows, args, load)
        print("\n" + table)
        if args.md:
            args.md.write_text(table, encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(out_root, ignore_errors=True)


def _print(row: Row) -> None:
    ours, theirs, ratio = row.cells()
    print(f"  {row.name}: careerlog {ours}; hugo {theirs}; {ratio} {row.note}", flush=True)


def _table(rows: list[Row], args, load: float) -> str:
    lines = [
        f"`python bench/run.py --notes {args.notes} --runs {args.runs}"
        + (f" --jobs {args.jobs}" if args.jobs else "")
        + f"`: {os.cpu_count()} CPUs, load {load:.1f} at the start; medians (min–max) of "
        "alternating runs, each a new process",
        "",
        "| what | careerlog | Hugo | ratio | |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        ours, theirs, ratio = row.cells()
        lines.append(f"| {row.name} | {ours} | {theirs} | {ratio} | {row.note} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
