"""The 404 page served by a real host under a sub-path (`/me/`), at a missing address deep in
the site: it is styled, and with a base_url its links lead to real pages."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .support import ARTIFACTS, SAMPLE_VAULT, TODAY, fetch

SUB_PATH = "/me/"
MISSING = SUB_PATH + "goals/no-such-goal/and/deeper/"


def build_with_base_url(root: Path, base_url: str | None) -> tuple[Path, str]:
    """The sample site built with `base_url` in its careerlog.toml (none when None), and what
    the build printed."""
    vault = root / "vault"
    shutil.copytree(SAMPLE_VAULT, vault)
    config = vault / "careerlog.toml"
    text = re.sub(r"(?m)^base_url = .*\n", "", config.read_text(encoding="utf-8"))
    if base_url:
        text = f'base_url = "{base_url}"\n' + text
    config.write_text(text, encoding="utf-8")
    out = root / "site"
    command = [sys.executable, "-m", "careerlog", "build", str(vault), "--out", str(out)]
    result = subprocess.run(
        [*command, "--no-search", "--today", TODAY], capture_output=True, text=True, check=True
    )
    return out, result.stdout + result.stderr


@contextlib.contextmanager
def serving_under_sub_path(site: Path):
    """`site` served at /me/ as a static host does: a file, a folder's index.html, and for
    anything else the site's own 404.html with status 404."""

    class Host(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            found = None
            if path.startswith(SUB_PATH) and ".." not in path:
                candidate = site / path.removeprefix(SUB_PATH)
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                if candidate.is_file():
                    found = candidate
            status, body = (200, found.read_bytes()) if found else (404, b"")
            if not found:
                body = (site / "404.html").read_bytes()
            kind = "text/css" if path.endswith(".css") else "text/html; charset=utf-8"
            kind = "image/svg+xml" if path.endswith(".svg") else kind
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


STYLE_JS = """() => {
  const header = getComputedStyle(document.querySelector('.site-header'));
  const body = getComputedStyle(document.body);
  return {header: header.backgroundColor, border: header.borderBottomWidth,
          font: body.fontFamily, display: body.display,
          nav: getComputedStyle(document.querySelector('.site-nav ul')).listStyleType};
}"""


def assert_styled(page, url: str) -> None:
    style = page.evaluate(STYLE_JS)
    assert style["header"] not in ("rgba(0, 0, 0, 0)", "transparent"), (url, style)
    assert style["border"] == "1px" and style["display"] == "flex", (url, style)
    assert "system-ui" in style["font"] and style["nav"] == "none", (url, style)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_under_a_sub_path_is_styled_and_its_links_lead_to_real_pages(
    tmp_path, open_page, scheme
):
    # the public address has a path; this host serves the same folder at that path
    site, _ = build_with_base_url(tmp_path, "https://tessamarwick.example.com/me/")
    with serving_under_sub_path(site) as origin:
        visit = open_page(origin + MISSING, width=375, height=812, scheme=scheme)
        page = visit.page
        assert visit.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert_styled(page, visit.url)
        shot = ARTIFACTS / "screenshots" / f"404-sub-path-375-{scheme}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        hrefs = page.eval_on_selector_all(
            "a[href]:not([href^='#']):not([href^='mailto:'])", "els => els.map(e => e.href)"
        )
        internal = [h for h in hrefs if h.startswith(origin)]
        assert len(internal) >= 10, hrefs  # the header's, the page's and the footer's
        dead = [h for h in internal if fetch(h)[0] != 200]
        assert not dead, f"links on the 404 page at {MISSING} that lead nowhere: {dead}"
        assert all(urlsplit(h).path.startswith(SUB_PATH) for h in internal), internal
        page.get_by_role("link", name="The career timeline").click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == SUB_PATH + "timeline/"
        assert page.locator("svg.timeline").count() == 1
        the_missing_page_itself = f"HTTP 404: GET {origin}{MISSING}"
        assert [p for p in visit.problems if p != the_missing_page_itself] == [], visit.report()


def test_without_a_base_url_the_404_page_is_still_styled_and_the_build_says_why(
    tmp_path, open_page
):
    """Without a base_url nothing can know the way from a missing address back to the site,
    so the links assume the domain's root (the build says so), but the page keeps its look."""
    site, printed = build_with_base_url(tmp_path, None)
    assert "base_url" in printed and "404.html" in printed, printed
    with serving_under_sub_path(site) as origin:
        visit = open_page(origin + MISSING, width=1440, height=900)
        assert visit.status == 404
        assert_styled(visit.page, visit.url)
        assert visit.page.locator("link[rel=stylesheet]").count() == 0
    home = visit.page.get_by_role("link", name="The home page").get_attribute("href")
    assert urljoin(origin + MISSING, home) == origin + "/"
