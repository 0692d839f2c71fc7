"""The HTML report: a self-contained page rendered by Jinja2 with autoescape on."""

from __future__ import annotations

from typing import Any


def render(data: dict[str, Any], *, texts: dict[str, str]) -> str:
    """Render the result dict (and the sources' full texts) to one HTML page."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("claimcheck.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("report.html.j2").render(data=data, texts=texts)
