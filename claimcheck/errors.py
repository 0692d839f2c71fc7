"""One exception family for every user-facing failure.

Each error carries a short ``slug`` (stable, greppable, used in tests) and a message that
names the file or setting at fault. The CLI prints ``claimcheck: error: <message> [slug]``
and exits 2; no other exception is meant to reach a user.
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: a problem the user can fix (bad input, bad config, unwritable output)."""

    slug = "error"

    def __init__(self, message: str, *, path: str | None = None, slug: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        if slug is not None:
            self.slug = slug

    def one_line(self) -> str:
        """The single line the CLI prints, without the ``claimcheck: error:`` prefix."""
        text = " ".join(self.message.split())
        where = f"{self.path}: " if self.path else ""
        return f"{where}{text} [{self.slug}]"

    def __str__(self) -> str:
        return self.one_line()


class InputError(ClaimcheckError):
    """An input path is missing, unreadable, empty, binary or otherwise unusable."""

    slug = "input"


class ConfigError(ClaimcheckError):
    """A config file or option is invalid (unknown key, wrong type, out of range)."""

    slug = "config"


class ModelError(ClaimcheckError):
    """The embedding (or NLI) model cannot be loaded from the configured local path."""

    slug = "model"


class OutputError(ClaimcheckError):
    """A report cannot be written (unknown format, unwritable path)."""

    slug = "output"


class UsageError(ClaimcheckError):
    """The command was called in a way that cannot work (e.g. fewer than two sources)."""

    slug = "usage"


class StoreError(ClaimcheckError):
    """The store cannot be used: missing, unreadable, built with another model/config, or stale."""

    slug = "store"
