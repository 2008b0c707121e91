"""The public index rendered as a static site with the Jinja theme.

`render_site(index, vault)` returns every output file as bytes, keyed by its path in the
site. It is a pure function of the public index and the theme (ours, and the vault's own
`templates/` overrides): it never reads notes, so it can only show what privacy let
through. Every URL in a page is relative to that page, so the site works under any
sub-path; only `404.html` (served from anywhere) uses absolute paths.

`pages.py` renders the HTML pages, `feeds.py` the machine-readable files, both through a
`SiteWriter` (`sitewriter.py`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

import careerlog
from careerlog import feeds, formatting, pages, routes
from careerlog.index import Index
from careerlog.sitewriter import SiteWriter
from careerlog.vault import TEMPLATES_FOLDER


def theme_dir() -> Path:
    """Our templates: inside the package in an installed wheel, beside it in a source checkout."""
    inside = Path(careerlog.__file__).parent / "templates"
    return inside if inside.is_dir() else Path(careerlog.__file__).parent.parent / "templates"


def make_environment(vault: Path) -> jinja2.Environment:
    """The vault's `templates/` first, then ours, also reachable as `theme/` so that an
    override can extend the template it replaces."""
    theme = str(theme_dir())
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(vault / TEMPLATES_FOLDER)),
            jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(theme)}),
            jinja2.FileSystemLoader(theme),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        fmt_date=formatting.fmt_date,
        fmt_month=formatting.fmt_month,
        time_tag=formatting.time_tag,
        plural=formatting.plural,
        duration=formatting.duration,
        relative_days=formatting.relative_days,
        period_label=formatting.period_label,
        kind_name=formatting.kind_name,
        kind_plural=formatting.kind_plural,
        horizon_name=formatting.horizon_name,
        note_path=routes.note_path,
        kind_path=routes.kind_path,
        version=careerlog.__version__,
        tag_path=routes.tag_path,
        skill_path=routes.skill_path,
        is_url=lambda text: bool(re.match(r"^https?://\S+$", str(text or ""))),
        url_host=lambda text: urlsplit(str(text)).hostname or str(text),
    )
    env.filters["ics_text"] = feeds.ics_text
    env.filters["ics_uri"] = feeds.ics_uri
    return env


def render_site(index: Index, vault: Path, *, search: bool = False) -> dict[str, bytes]:
    """Every file of the public site, keyed by its posix path relative to the site's root.

    With `search`, the site also gets `search/index.html`, a page for the Pagefind index that
    the build adds after writing (`pagefind/`); without it, no page links to a search.
    """
    site = SiteWriter(index, make_environment(vault), search=search)
    pages.render_pages(site)
    feeds.render_feeds(site)  # after the pages: the sitemap lists them
    for path, content in static_files(vault).items():
        site.add(path, content, f"static file {path}", replace=True)
    return dict(sorted(site.files.items()))


def static_files(vault: Path) -> dict[str, bytes]:
    """`templates/static/` of the theme, then of the vault (which overrides a file of the same name)."""
    files: dict[str, bytes] = {}
    for folder in (theme_dir() / "static", vault / TEMPLATES_FOLDER / "static"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not any(
                part.startswith(".") for part in path.relative_to(folder).parts
            ):
                files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
