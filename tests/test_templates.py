"""A vault's own `templates/` folder: it overrides the theme, and an override can extend the
theme's original through the `theme/` prefix."""

from __future__ import annotations

import os
import subprocess

import pytest
from click.testing import CliRunner
from conftest import CAREERLOG_BIN, TODAY, cli_build, html_pages, output_files, tree

from careerlog.cli import main
from careerlog.render import theme_dir


def test_override_extends_the_theme_page_on_every_page(career_vault, tmp_path):
    career_vault.write(
        "templates/page.html",
        """
        {% extends "theme/page.html" %}
        {% block head %}{{ super() }}<meta name="vault-override" content="{{ site.owner }}">{% endblock %}
        """,
    )
    out = tmp_path / "site"
    career_vault.build(out)

    pages = html_pages(out)
    assert len(pages) > 10
    stylesheet = [p for p in output_files(out) if p.suffix == ".css"]
    assert stylesheet
    for path, text in pages.items():
        assert '<meta name="vault-override" content="Sam Rivera">' in text, path
        # still the theme's page around it (404.html carries the theme's stylesheet inline)
        assert "static/style.css" in text or "<style>/* careerlog theme" in text, path


def test_override_of_one_kind_extends_its_original(career_vault, tmp_path):
    career_vault.write(
        "templates/reflection.html",
        """
        {% extends "theme/reflection.html" %}
        {% block content %}{{ super() }}<aside class="vault-aside">Written in {{ note.date.year }}</aside>{% endblock %}
        """,
    )
    out = tmp_path / "site"
    career_vault.build(out)

    pages = html_pages(out)
    reflection = [text for path, text in pages.items() if "on-mentoring" in path]
    assert len(reflection) == 1
    assert '<aside class="vault-aside">Written in 2026</aside>' in reflection[0]
    assert "On mentoring" in reflection[0]  # the theme's part is still there
    assert "better" in reflection[0]  # and so is the body
    others = [path for path, text in pages.items() if "vault-aside" in text]
    assert others == [path for path in pages if "on-mentoring" in path]


def test_override_without_extends_replaces_the_template(career_vault, tmp_path):
    career_vault.write(
        "templates/404.html", "<!doctype html><title>Lost</title><p>Lost on {{ site.title }}</p>\n"
    )
    out = tmp_path / "site"
    career_vault.build(out)
    assert (out / "404.html").read_text(encoding="utf-8") == (
        "<!doctype html><title>Lost</title><p>Lost on Sam Rivera — Career</p>\n"
    )


def test_without_overrides_the_theme_is_used(career_site):
    text = (career_site / "404.html").read_text(encoding="utf-8")
    assert "vault-override" not in text
    assert "<style>/* careerlog theme" in text  # served anywhere, it carries its stylesheet
    assert "<h1>Page not found</h1>" in text  # the theme's own 404 content


def test_vault_static_files_override_and_add_to_the_theme(career_vault, tmp_path):
    career_vault.write("templates/static/style.css", "body { color: rebeccapurple; }\n")
    career_vault.write_bytes("templates/static/me.png", b"\x89PNG fake")
    out = tmp_path / "site"
    career_vault.build(out)
    assert (out / "static/style.css").read_text(
        encoding="utf-8"
    ) == "body { color: rebeccapurple; }\n"
    assert (out / "static/me.png").read_bytes() == b"\x89PNG fake"
    # The theme's other static files are still there.
    others = [p for p in output_files(theme_dir() / "static") if p.name != "style.css"]
    assert others, "the theme ships no other static file, so this checks nothing"
    for path in others:
        assert (
            out / "static" / path.relative_to(theme_dir() / "static")
        ).read_bytes() == path.read_bytes()


def test_override_is_autoescaped_too(career_vault, tmp_path):
    career_vault.write(
        "reflections/hostile.md", '---\ntitle: "<b>bold</b>"\ndate: 2026-01-01\n---\n'
    )
    career_vault.write(
        "templates/reflection.html",
        '{% extends "theme/reflection.html" %}{% block content %}<p class="raw">{{ note.title }}</p>{{ super() }}{% endblock %}',
    )
    out = tmp_path / "site"
    career_vault.build(out)
    page = next(text for path, text in html_pages(out).items() if "hostile" in path)
    assert '<p class="raw">&lt;b&gt;bold&lt;/b&gt;</p>' in page


@pytest.mark.parametrize(
    "template, message",
    [
        (
            '{% extends "theme/page.html" %}{% block head %}{% endblok %}\n',
            "page.html:1: template error: Encountered unknown tag 'endblok'",
        ),
        (
            '{% extends "theme/page.html" %}\n{% block head %}\n{{ no_such.thing }}{% endblock %}\n',
            "page.html:3: template error: 'no_such' is undefined",
        ),
        (
            '{% extends "theme/no-such-page.html" %}\n',
            "template not found: theme/no-such-page.html",
        ),
    ],
    ids=["syntax", "undefined", "missing-parent"],
)
def test_broken_override_fails_clearly_and_keeps_the_site(
    career_vault, career_site, template, message
):
    before = tree(career_site)
    career_vault.write("templates/page.html", template)
    result = cli_build(career_vault.root, career_site)
    assert result.exit_code == 1
    assert message in result.output
    assert "nothing was written" in result.output
    assert tree(career_site) == before
    assert sorted(p.name for p in career_site.parent.iterdir()) == [
        "site",
        "vault",
    ]  # no staging left


# A vault's templates are data: sandboxed, and never read through a symlink.

ESCAPES = {
    "globals-of-a-method": "{{ cycler.__init__.__globals__.os.popen('touch {canary}').read() }}",
    "globals-by-item": "{{ lipsum.__globals__['os'].popen('touch {canary}').read() }}",
    "attr-filter": "{{ (cycler|attr('__init__')|attr('__globals__'))['os'].popen('id') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "format-string": "{{ '{0.__init__.__globals__[os].popen}'.format(cycler) }}",
    "template-internals": "{{ self._TemplateReference__context.environment }}",
    "path-writes-a-file": "{{ (index.notes|first).path.cwd().joinpath('{canary}').touch() }}",
    "path-reads-a-file": "{{ (index.notes|first).path.cwd().joinpath('{secret}').read_text() }}",
    "shared-index-changed": "{{ index.by_slug.clear() }}",
}


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_vault_template_cannot_run_code_or_reach_files(
    career_vault, career_site, tmp_path, escape
):
    canary, secret = tmp_path / "pwned", tmp_path / "secret.txt"
    secret.write_text("the secret text", encoding="utf-8")
    career_vault.write(
        "templates/page.html",
        '{% extends "theme/page.html" %}\n{% block head %}{{ super() }}\n'
        + escape.replace("{canary}", str(canary)).replace("{secret}", str(secret))
        + "{% endblock %}\n",
    )
    before = tree(career_site)

    result = cli_build(career_vault.root, career_site)

    assert not canary.exists()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "vault/templates/page.html:3: template error:" in result.output
    assert "nothing was written" in result.output
    assert tree(career_site) == before


def test_sandboxed_override_still_builds_the_whole_theme(career_vault, tmp_path):
    """Sandboxing every template (an override makes the theme run sandboxed too) breaks no page."""
    career_vault.write("templates/page.html", '{% extends "theme/page.html" %}\n')
    plain, sandboxed = tmp_path / "plain", tmp_path / "sandboxed"
    assert cli_build(career_vault.root, plain).exit_code == 0
    career_vault.write("templates/page.html", '{% extends "theme/page.html" %}\n')
    result = cli_build(career_vault.root, sandboxed)
    assert result.exit_code == 0, result.output
    assert tree(sandboxed) == tree(plain)


@pytest.fixture
def outside(tmp_path):
    """A folder outside the vault with a secret file and a template in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd").write_text("root:x:0:0:SECRET-OUTSIDE\n", encoding="utf-8")
    (folder / "page.html").write_text(
        '{% extends "theme/page.html" %}{% block head %}SECRET-OUTSIDE{% endblock %}\n',
        encoding="utf-8",
    )
    return folder


LINKS = {
    "template-file": ("templates/page.html", "page.html"),
    "template-folder": ("templates/partials", "."),
    "static-file": ("templates/static/passwd", "passwd"),
    "static-folder": ("templates/static/etc", "."),
    "templates-folder": ("templates", "."),
    "static-to-etc-passwd": ("templates/static/system-passwd", "/etc/passwd"),
}


@pytest.mark.parametrize("link, target", LINKS.values(), ids=LINKS.keys())
def test_symlink_in_templates_is_never_read(career_vault, tmp_path, outside, link, target):
    (career_vault.root / link).parent.mkdir(parents=True, exist_ok=True)
    (career_vault.root / link).symlink_to(outside / target)
    if link != "templates":  # a real template beside the link still works
        career_vault.write("templates/404.html", "<p>Lost, {{ site.title }}</p>\n")
    out = tmp_path / "site"

    result = cli_build(career_vault.root, out)

    assert result.exit_code == 0, result.output
    assert f"vault/{link}: warning: symbolic link not followed" in result.output
    for path in output_files(out):
        assert b"SECRET-OUTSIDE" not in path.read_bytes(), path
        assert b"root:x:0:0" not in path.read_bytes(), path
    if link != "templates":
        lost = (out / "404.html").read_text(encoding="utf-8")
        assert lost == "<p>Lost, Sam Rivera — Career</p>\n"


def test_symlink_in_templates_fails_a_strict_build(career_vault, tmp_path, outside):
    (career_vault.root / "templates/static").mkdir(parents=True)
    (career_vault.root / "templates/static/passwd").symlink_to(outside / "passwd")
    result = cli_build(career_vault.root, tmp_path / "site", "--strict")
    assert result.exit_code == 1
    assert "templates/static/passwd: error: symbolic link not followed" in result.output
    assert not (tmp_path / "site").exists()


def test_template_that_is_not_utf8_is_a_located_error(career_vault, career_site):
    before = tree(career_site)
    career_vault.write_bytes("templates/page.html", b"{% extends 'theme/page.html' %}\xff\n")
    result = cli_build(career_vault.root, career_site)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "vault/templates/page.html:1: template error: not UTF-8 text" in result.output
    assert tree(career_site) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_templates_is_not_read(career_vault, tmp_path):
    """A FIFO is never opened (reading one blocks until someone writes to it): a warning."""
    (career_vault.root / "templates").mkdir()
    os.mkfifo(career_vault.root / "templates/page.html")
    build = subprocess.run(
        [str(CAREERLOG_BIN), "build", str(career_vault.root), "--out", str(tmp_path / "site")]
        + ["--no-search", "--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    assert "vault/templates/page.html: warning: not a regular file; not read" in build.stderr
    assert "static/style.css" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_check_warns_about_a_symlink_in_templates(career_vault, outside):
    (career_vault.root / "templates/static").mkdir(parents=True)
    (career_vault.root / "templates/static/passwd").symlink_to(outside / "passwd")
    result = CliRunner().invoke(main, ["check", str(career_vault.root)])
    assert result.exit_code == 0, result.output
    assert "vault/templates/static/passwd: warning: symbolic link not followed" in result.output
