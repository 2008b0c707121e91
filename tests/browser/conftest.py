"""Browser tests: the sample vault's site, built once, served over real HTTP on 127.0.0.1,
and driven in Debian's Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import sys
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import pytest

from .support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXED_PAGES,
    NAMED_PAGES,
    NOTE_PAGES,
    PUBLISH_EVERY_KIND,
    SAMPLE_VAULT,
    TODAY,
    Visit,
    fetch,
    last_segment,
    links_on,
    read_sample_vault,
    slugify,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium against the built sample site"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def sample_notes():
    return read_sample_vault()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample vault's site, with its Pagefind index, built once for the whole session, its
    owner publishing every kind (so that every kind of page is checked; test_faces.py checks
    the defaults)."""
    root = tmp_path_factory.mktemp("browser")
    vault = root / "vault"
    shutil.copytree(SAMPLE_VAULT, vault)
    with (vault / "careerlog.toml").open("a", encoding="utf-8") as config:
        config.write(PUBLISH_EVERY_KIND)
    out = root / "site"
    command = [
        sys.executable,
        "-m",
        "careerlog",
        "build",
        str(vault),
        "--out",
        str(out),
        "--today",
        TODAY,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"building the sample site failed (exit {result.returncode}): {' '.join(command)}\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """`folder` served by a real HTTP server on 127.0.0.1 (a free port): its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served by a real HTTP server on 127.0.0.1 (a free port)."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session: Debian's, which .ci/run installs."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; .ci/run installs it). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


def _review_mentions(notes) -> Counter:
    return Counter(g for n in notes.values() if n.published and n.kind == "review" for g in n.goals)


@pytest.fixture(scope="session")
def page_urls(site_url: str, sample_notes) -> dict[str, str | None]:
    """The URL of one page of each kind, found by following the site's own links."""
    urls: dict[str, str | None] = {
        name: urljoin(site_url, path) for name, path in FIXED_PAGES.items()
    }
    mentions = _review_mentions(sample_notes)
    for name, (kind, sources) in NOTE_PAGES.items():
        slugs = {n.slug for n in sample_notes.values() if n.kind == kind and n.published}
        found = []
        for source in sources:
            found = [u for u in links_on(urljoin(site_url, source)) if last_segment(u) in slugs]
            if found:
                break
        # the goal with the longest review history draws the richest progress chart
        found.sort(key=lambda u: -mentions[last_segment(u)])
        urls[name] = found[0] if found else None
    for name, (source, attribute) in NAMED_PAGES.items():
        source_url = urljoin(site_url, source)
        public_names = {
            slugify(value)
            for n in sample_notes.values()
            if n.published
            for value in getattr(n, attribute)
        }
        source_path = urlsplit(source_url).path
        found = [
            u
            for u in links_on(source_url)
            if slugify(last_segment(u)) in public_names
            and urlsplit(u).path.startswith(source_path)
            and urlsplit(u).path != source_path
        ]
        urls[name] = found[0] if found else None
    search = [u for u in links_on(site_url) if "search" in urlsplit(u).path]
    if not search and fetch(urljoin(site_url, "/search/"))[0] == 200:
        search = [urljoin(site_url, "/search/")]
    urls["search"] = search[0] if search else None
    return urls


@pytest.fixture
def page_url(page_urls):
    """page_url(kind) → the URL of that kind of page; fails the test if the site has none."""

    def url_of(kind: str) -> str:
        url = page_urls[kind]
        if url is None:
            if kind == "search":
                # the site is built with search on, so a missing search page is a bug, not a skip
                pytest.fail(
                    "the site has no search page (no link with 'search' on the dashboard, no /search/)"
                )
            if kind in NOTE_PAGES:
                pytest.fail(
                    f"no link to a public {NOTE_PAGES[kind][0]} page on any of {NOTE_PAGES[kind][1]}"
                )
            pytest.fail(f"no {kind} linked from {NAMED_PAGES[kind][0]}")
        return url

    return url_of


@pytest.fixture
def open_page(chromium, site_url):
    """open_page(path_or_url, width=, height=, scheme=) → a Visit: a page loaded in a fresh
    context, recording console errors, uncaught exceptions and failed requests."""
    contexts = []

    def open_(
        path: str,
        *,
        width: int = 1280,
        height: int = 800,
        scheme: str = "light",
        bypass_csp: bool = False,
        javascript: bool = True,
        wait_until: str = "load",
    ) -> Visit:
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            bypass_csp=bypass_csp,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        url = urljoin(site_url, path)
        visit = Visit(page, url, None)

        failed_urls: set[str] = set()  # a 404 is reported once, not again as a console error

        def on_console(message) -> None:
            if message.type == "error" and not (
                message.text.startswith("Failed to load resource")
                and (message.location or {}).get("url") in failed_urls
            ):
                where = message.location or {}
                visit.problems.append(
                    f"console error: {message.text} (at {where.get('url')}:{where.get('lineNumber')})"
                )

        def on_response(response) -> None:
            if response.status >= 400:
                failed_urls.add(response.url)
                visit.problems.append(
                    f"HTTP {response.status}: {response.request.method} {response.url}"
                )

        page.on("console", on_console)
        page.on("pageerror", lambda error: visit.problems.append(f"uncaught exception: {error}"))

        def on_request_failed(request) -> None:
            if request.url not in failed_urls:
                visit.problems.append(
                    f"request failed: {request.method} {request.url} ({request.failure})"
                )

        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)
        response = page.goto(url, wait_until=wait_until)
        visit.status = response.status if response else None
        return visit

    yield open_
    for context in contexts:
        context.close()
