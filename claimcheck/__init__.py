"""claimcheck: compare the factual claims of several news articles.

The Python API, importable from the package root::

    from claimcheck import compare, check, extract, index, render, write_report

``compare`` returns a ``RunResult``, ``check`` a ``CheckResult``, ``extract`` a list of ``Extraction``,
``index`` an ``IndexResult``; ``render(result, format)`` turns any of them into report text. Every
user-facing failure is a ``ClaimcheckError`` with a ``slug``. See ``claimcheck.api`` for the options.

Heavy libraries (torch, sentence-transformers, scikit-learn, spaCy) are imported lazily, inside the
stages that need them, so ``claimcheck --help`` starts fast: the names below are resolved on first use.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it (imported on first access, PEP 562)
_EXPORTS = {
    "compare": "claimcheck.api", "check": "claimcheck.api", "extract": "claimcheck.api", "index": "claimcheck.api",
    "render": "claimcheck.api", "write_report": "claimcheck.api",
    "Config": "claimcheck.config", "load_config": "claimcheck.config",
    "ClaimcheckError": "claimcheck.errors",
    "Article": "claimcheck.models", "Claim": "claimcheck.models", "Finding": "claimcheck.models",
    "Reason": "claimcheck.models", "RunResult": "claimcheck.models",
    "CheckResult": "claimcheck.check", "Issue": "claimcheck.models",
    "Extraction": "claimcheck.models",
    "IndexResult": "claimcheck.store",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from claimcheck.api import check, compare, extract, index, render, write_report
    from claimcheck.check import CheckResult
    from claimcheck.config import Config, load_config
    from claimcheck.errors import ClaimcheckError
    from claimcheck.models import Article, Claim, Finding, Reason, RunResult
    from claimcheck.models import Extraction, Issue
    from claimcheck.store import IndexResult


class _Package(types.ModuleType):
    """The package module: ``claimcheck.check`` stays the API function even after the submodule
    ``claimcheck/check.py`` is imported (the import system would otherwise set the package attribute to the
    submodule); the submodule itself is in ``sys.modules`` and imports as usual."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
