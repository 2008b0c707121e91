"""The owner's profile: who they are, in one note (`profile.md` at the vault's root, or a note
of `type: profile`) and careerlog.toml.

The note's body is the summary on the home page, the CV and JSON Resume; its `name`,
`headline`, `email` and `location` each win over careerlog.toml's (`owner`, `email`) when
given, and its `links` join the toml's `[links]` (a link of the same name: the note's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from careerlog.config import Config, email_problem, link_problem
from careerlog.model import Profile


def read_profile(fields: Any, common: dict, facts: Any) -> Profile:
    """A profile note's own fields, each bad one reported at its line (see kinds._Fields)."""
    email = fields.text("email")
    if email and (problem := email_problem("email", email)):
        fields.report("email", problem)
        email = None
    links: dict[str, str] = {}
    value = fields.meta.get("links")
    if isinstance(value, dict):
        for name, url in value.items():
            if problem := link_problem(str(name), url):
                fields.report(f"links.{name}", problem)
            else:
                links[str(name)] = url
    elif value is not None:
        fields.report(
            "links", "'links' must map each name to its address, e.g. 'GitHub: https://…'"
        )
    return Profile(
        **common,
        name=fields.text("name"),
        headline=fields.text("headline"),
        email=email,
        location=fields.text("location"),
        web_links=links,
    )


@dataclass(frozen=True)
class OwnerProfile:
    name: str
    headline: str | None
    email: str | None
    location: str | None
    links: dict[str, str] = field(default_factory=dict)
    note: Profile | None = None  # its body is the summary; None: `description` is
    description: str = ""  # careerlog.toml's, when there is no profile note


def owner_profile(config: Config, note: Profile | None) -> OwnerProfile:
    """The owner as the site shows them: the profile note (only a published one reaches a
    public index) over careerlog.toml."""
    if note is None:
        return OwnerProfile(
            config.owner or config.title,
            None,
            config.email or None,
            None,
            dict(config.links),
            description=config.description,
        )
    return OwnerProfile(
        name=note.name or config.owner or config.title,
        headline=note.headline,
        email=note.email or config.email or None,
        location=note.location,
        links={**config.links, **note.web_links},
        note=note,
        description=config.description if not note.body.strip() else "",
    )
