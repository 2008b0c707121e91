"""A vault's own `templates/` folder: it overrides the theme, and an override can extend the
theme's original through the `theme/` prefix."""

from __future__ import annotations

import pytest
from conftest import cli_build, html_pages, output_files, tree

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
        assert "static/style.css" in text, path  # still the theme's page around it


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
    assert "static/style.css" in text
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
