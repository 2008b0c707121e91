"""The `careerlog serve` rows of bench/run.py: a note saved → its page rewritten on disk, and
→ an open page in Chromium reloaded with the change (Debian's /usr/bin/chromium, through
Playwright; the row is left out without them)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


def _start(careerlog: list[str], vault: Path) -> tuple[subprocess.Popen, str, Path]:
    process = subprocess.Popen(
        [*careerlog, "serve", str(vault), "--port", "0", "--today", "2026-11-22"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in process.stdout:
        match = re.search(r"at (http://\S+/) \(built in (.*)\);", line)
        if match:
            return process, match[1], Path(match[2])
    raise SystemExit("careerlog serve did not start")


def _save(path: Path, text: str) -> float:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    saved = time.perf_counter()
    os.replace(temporary, path)
    return saved


def serve_rows(careerlog: list[str], vault: Path, *, edited_dir: Path, runs: int):
    from run import Row

    note = min(edited_dir.glob("*.md"))
    original = note.read_text(encoding="utf-8")
    page = f"{edited_dir.name}/{note.stem}/index.html"
    process, url, folder = _start(careerlog, vault)
    disk, browser = Row("serve: save → page on disk"), Row("serve: save → browser reloaded")
    try:
        for number in range(runs):
            mark = f"Saved {number} on disk."
            saved = _save(note, original + f"\n{mark}\n")
            while mark not in _read(folder / page):
                time.sleep(0.002)
            disk.ours.append(time.perf_counter() - saved)
            time.sleep(0.5)
        if CHROMIUM.exists():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM),
                    args=["--headless", "--no-sandbox", "--disable-gpu"],
                )
                tab = chromium.new_page()
                tab.goto(url + page.removesuffix("index.html"))
                for number in range(runs):
                    mark = f"Seen {number} in the browser."
                    saved = _save(note, original + f"\n{mark}\n")
                    tab.wait_for_function(
                        f"document.body.textContent.includes({mark!r})", timeout=600_000
                    )
                    browser.ours.append(time.perf_counter() - saved)
                    time.sleep(0.5)
                chromium.close()
    finally:
        process.terminate()
        process.wait()
        note.write_text(original, encoding="utf-8")
    return [disk, browser] if browser.ours else [disk]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
