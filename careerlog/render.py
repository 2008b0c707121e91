"""The public index rendered as a static site with the Jinja theme.

`render_site(index, vault_templates)` returns every output file as bytes, keyed by its path
in the site. It is a pure function of the public index and the theme (ours, and the vault's
own `templates/` overrides, read by `vault_templates.py`): it never reads notes, so it can
only show what privacy let through.

A vault's templates may come from someone else: they must not run code, read files or change
the index that the other pages share. When the vault has any template of its own, every
template runs in Jinja's immutable sandbox (the theme's too: an override and the theme
extend and include each other). The theme alone runs in a plain environment: a whole build
of a 1,000-note vault takes 12-21% less CPU so (measured for issue 6; the more pages, the
more it saves).

Every URL in a page is relative to that page, so the site works under any sub-path; only
`404.html` (served from anywhere) uses absolute paths, and carries its stylesheet inline.

`pages.py` renders the HTML pages, `feeds.py` the machine-readable files, both through a
`SiteWriter` (`sitewriter.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

import careerlog
from careerlog import feeds, formatting, pages, routes
from careerlog.attachments import Attachments
from careerlog.index import Index
from careerlog.reuse import BodyCache
from careerlog.sitewriter import SiteWriter
from careerlog.vault_templates import VaultTemplates


def theme_dir() -> Path:
    """Our templates: inside the package in an installed wheel, beside it in a source checkout."""
    inside = Path(careerlog.__file__).parent / "templates"
    return inside if inside.is_dir() else Path(careerlog.__file__).parent.parent / "templates"


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, and no attribute of a path: its methods read, write and delete files."""

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return not isinstance(obj, PurePath) and super().is_safe_attribute(obj, attr, value)


class _VaultLoader(jinja2.BaseLoader):
    """The vault's templates, from the files read once (so never through a symlink)."""

    def __init__(self, vault_templates: VaultTemplates):
        self.vault_templates = vault_templates

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        data = self.vault_templates.files.get(template)
        if data is None:
            raise jinja2.TemplateNotFound(template)
        path = str(self.vault_templates.paths[template])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise jinja2.TemplateSyntaxError("not UTF-8 text", 1, template, path) from None
        return text, path, lambda: True


def make_environment(vault_templates: VaultTemplates) -> jinja2.Environment:
    """The vault's `templates/` first, then ours, also reachable as `theme/` so that an
    override can extend the template it replaces."""
    theme = str(theme_dir())
    loader = jinja2.ChoiceLoader(
        [
            _VaultLoader(vault_templates),
            jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(theme)}),
            jinja2.FileSystemLoader(theme),
        ]
    )
    environment = _Sandbox if vault_templates.has_templates else jinja2.Environment
    env = environment(
        loader=loader,
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment a build: never stat a template again per page
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


def render_site(
    index: Index,
    vault_templates: VaultTemplates,
    *,
    search: bool = False,
    private: bool = False,
    attachments: Attachments | None = None,
    jobs: int = 1,
    bodies: BodyCache | None = None,
) -> dict[str, bytes]:
    """Every file of the site of `index`, keyed by its posix path relative to the site's root:
    the public site of a public index, or with `private` the owner's tracker (every note, what
    needs attention, a banner and `noindex` on every page).

    With `search`, the site also gets `search/index.html`, a page for the Pagefind index that
    the build adds after writing (`pagefind/`); without it, no page links to a search.
    `attachments` (of the same index) are copied in and placed in the pages. With `jobs`,
    that many processes render the pages (where processes can be forked); the files are the
    same. `bodies` are the bodies rendered by the build before, to reuse where they still
    hold.
    """
    attachments = attachments or Attachments()
    environment = make_environment(vault_templates)

    def site_of(share: tuple[int, int] | None) -> SiteWriter:
        site = SiteWriter(
            index, environment, search=search, private=private, attachments=attachments,
            share=share, bodies=bodies,
        )  # fmt: skip
        for path, content in attachments.files.items():
            site.add(path, content, f"attachment {path}")
        pages.render_pages(site)
        feeds.render_feeds(site)  # after the pages: the sitemap lists them
        for path, content in static_files(vault_templates).items():
            site.add(path, content, f"static file {path}", replace=True)
        pages.render_404(site)  # after the static files: it carries the stylesheet inline
        return site

    if jobs > 1 and fork_available():
        files = _render_in_processes(site_of, jobs)
    else:
        files = site_of(None).files
    return dict(sorted(files.items()))


def fork_available() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _render_in_processes(
    site_of: Callable[[tuple[int, int] | None], SiteWriter], jobs: int
) -> dict[str, bytes]:
    """The site's files, its pages rendered by `jobs` processes, each every n-th page (forked,
    so each starts with the index and the environment already in memory). If any process
    fails, this one renders everything again, so that an error is raised here as it would be
    without processes."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers = []

    def render_share(share: int, send) -> None:
        try:
            site = site_of((share, jobs))
            send.send({path: site.files[path] for path in site.rendered_here})
        except Exception:  # noqa: BLE001 - raised again, clearly, by the render in this process
            send.send(None)
        finally:
            send.close()

    try:
        for share in range(1, jobs):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=render_share, args=(share, send), daemon=True)
            process.start()
            send.close()
            workers.append((process, receive))
        site = site_of((0, jobs))
        files = site.files
        for _, receive in workers:
            try:
                share = receive.recv()
            except EOFError:  # killed
                share = None
            if share is None:
                return site_of(None).files
            files.update(share)
        return files
    finally:
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.terminate()
            process.join()


def static_files(vault_templates: VaultTemplates) -> dict[str, bytes]:
    """`templates/static/` of the theme, then of the vault (which overrides a file of the same
    name)."""
    folder = theme_dir() / "static"
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files["static/" + relative.as_posix()] = path.read_bytes()
    files.update(vault_templates.static_files())
    return files
