"""JUnit XML report of ``claimcheck check``: one test case per new article.

A new article with issues at or above ``--fail-on`` is a failed test case whose failure lists
them (``path:line:col: CODE message``); issues below it go to the case's ``system-out``. A new
article left out with ``--skip-unsupported`` is a skipped test case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from claimcheck.report.text import issue_line


def render(data: dict[str, Any]) -> str:
    """A ``testsuites`` document, deterministic (no timestamps, no durations)."""
    check = data["check"]
    paths = {s["id"]: s["path"] for s in data["sources"]}
    by_source: dict[str, list[dict[str, Any]]] = {sid: [] for sid in data["new_sources"]}
    for issue in check["issues"]:
        by_source.setdefault(issue["source"], []).append(issue)
    skipped = {s["source"]: s for s in check.get("skipped", [])}
    for source, s in skipped.items():
        paths.setdefault(source, s["path"])
        by_source.setdefault(source, [])
    failures = sum(1 for items in by_source.values() if any(i["level"] == "error" for i in items))
    root = ET.Element("testsuites", name="claimcheck", tests=str(len(by_source)), failures=str(failures),
                      errors="0", skipped=str(len(skipped)))
    suite = ET.SubElement(root, "testsuite", name="claimcheck check", tests=str(len(by_source)),
                          failures=str(failures), errors="0", skipped=str(len(skipped)))
    for source in sorted(by_source, key=lambda s: (paths.get(s, s), s)):
        items = by_source[source]
        path = paths.get(source, source)
        case = ET.SubElement(suite, "testcase", classname="claimcheck.check", name=path, file=path)
        if source in skipped:  # not checked (--skip-unsupported): a skipped test case
            ET.SubElement(case, "skipped", message=skipped[source]["reason"])
            continue
        errors = [i for i in items if i["level"] == "error"]
        warnings = [i for i in items if i["level"] != "error"]
        if errors:
            codes = sorted({i["code"] for i in errors})
            failure = ET.SubElement(case, "failure", type=",".join(codes),
                                    message=f"{len(errors)} finding(s) against the published articles")
            failure.text = "\n".join(issue_line(i) for i in errors) + "\n"
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(issue_line(i) for i in warnings) + "\n"
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
