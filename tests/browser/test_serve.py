"""`careerlog serve` in Chromium: a note saved on disk shows in the open page by itself, at the
same scroll position, and a save that does not build shows its errors over the page."""

from __future__ import annotations

import shutil

import pytest

from tests.serving import Serving, save_atomically

from .support import SAMPLE_VAULT

NOTE = "roles/quillmark-staff-engineer.md"
PAGE = "roles/quillmark-staff-engineer/"


@pytest.fixture
def served(tmp_path):
    vault = tmp_path / "vault"
    shutil.copytree(SAMPLE_VAULT, vault)
    serving = Serving(vault)
    yield vault, serving
    serving.stop()


def test_a_saved_note_updates_the_open_page_where_it_was_read(served, chromium):
    vault, serving = served
    page = chromium.new_page(viewport={"width": 1000, "height": 500})
    try:
        page.goto(serving.url + PAGE)
        page.evaluate("window.scrollTo(0, 400)")
        page.wait_for_function("window.scrollY === 400")
        note = vault / NOTE
        text = note.read_text(encoding="utf-8")
        title = text.split("title: ", 1)[1].split("\n", 1)[0].strip().strip('"')
        save_atomically(note, text.replace(title, "Staff Engineer live", 1))
        page.wait_for_function(
            "document.querySelector('h1').textContent.includes(' live')", timeout=60_000
        )
        assert page.evaluate("window.scrollY") == 400

        save_atomically(note, text.replace("---\n", "---\nstatus: [\n", 1))
        overlay = page.locator("#careerlog-errors")
        overlay.wait_for(timeout=60_000)
        assert "quillmark-staff-engineer.md:" in overlay.text_content()
        assert " live" in page.locator("h1").text_content()  # the last good page

        save_atomically(note, text)
        page.wait_for_function(
            "!document.querySelector('h1').textContent.includes(' live')", timeout=60_000
        )
        assert page.locator("#careerlog-errors").count() == 0
    finally:
        page.close()
