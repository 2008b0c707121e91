"""Real git repositories for the tests of corrections: every commit made by the git command
line with its dates fixed, in a repository whose own config names its author."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import ScratchVault, new_vault


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


class GitVault(ScratchVault):
    """A scratch vault that is a git repository."""

    def commit(self, when: str, message: str = "edit") -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message, when=when)


def git_vault(root: Path, config: str) -> GitVault:
    vault = GitVault(new_vault(root, config).root)
    git(vault.root, "init", "-q", "-b", "main")
    git(vault.root, "config", "user.name", "Sam Rivera")
    git(vault.root, "config", "user.email", "sam@example.com")
    return vault


def goal(title: str, target: str, **fields: str) -> str:
    """The text of a goal note."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: {title}\nstarted: 2024-01-01\ntarget: {target}\n{extra}---\nWhy.\n"
