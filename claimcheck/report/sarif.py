"""SARIF 2.1.0 report of ``claimcheck check`` (for code-scanning dashboards).

One rule per reason kind (``CC001`` date ... ``CC100`` unique) with its help text; one result per
issue whose region (1-based lines and columns, counted in Unicode code points) covers the
conflicting words; ``relatedLocations`` point at the published claims it conflicts with;
``partialFingerprints`` are content hashes (the claims' content ids), so a result keeps its
identity when lines move. Issues a baseline accepted are kept with an external suppression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from claimcheck.models import FINGERPRINT_KEY

SCHEMA_URI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (forward slashes, percent-encoded); absolute paths as file URIs."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix().removeprefix("./"), safe="/-._~")


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    pascal = "".join(part.capitalize() for part in re.split(r"[^a-zA-Z0-9]+", rule["name"]) if part)
    return {
        "id": rule["id"],
        "name": pascal,
        "shortDescription": {"text": rule["short"]},
        "fullDescription": {"text": rule["help"]},
        "help": {"text": rule["help"], "markdown": f"**{rule['short']}** ({rule['kind']}).\n\n{rule['help']}"},
        "defaultConfiguration": {"level": "warning" if rule["kind"] == "unique" else "error"},
        "properties": {"tags": ["claimcheck", "consistency", rule["kind"]]},
    }


def _result(issue: dict[str, Any], rule_index: dict[str, int], *, suppressed: bool, baselined: bool) -> dict[str, Any]:
    region = {"startLine": issue["line"], "startColumn": issue["column"], "endLine": issue["end_line"],
              "endColumn": issue["end_column"], "snippet": {"text": issue["excerpt"]}}
    result: dict[str, Any] = {
        "ruleId": issue["code"],
        "ruleIndex": rule_index[issue["code"]],
        "level": issue["level"],
        "message": {"text": issue["message"]},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(issue["path"])},
                                            "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: issue["fingerprint"], "claimContentId/v1": issue["claim_id"]},
        "properties": {"verdict": issue["verdict"], "kind": issue["kind"], "source": issue["source"],
                       "claim": issue["claim_text"], "finding": issue["finding_id"]},
    }
    if issue["others"]:
        result["relatedLocations"] = [
            {"id": n, "message": {"text": f"{o['source']}: {o['text']}"},
             "physicalLocation": {"artifactLocation": {"uri": artifact_uri(o["path"])},
                                  "region": {"startLine": o["line"], "startColumn": o["column"]}}}
            for n, o in enumerate(issue["others"], start=1)
        ]
    if baselined:
        result["baselineState"] = "unchanged" if suppressed else "new"
    if suppressed:
        result["suppressions"] = [{"kind": "external", "justification": "accepted in the claimcheck baseline"}]
    return result


def _notifications(skipped: list[dict[str, Any]]) -> dict[str, Any]:
    """``toolExecutionNotifications`` for new articles that were not checked (``--skip-unsupported``)."""
    if not skipped:
        return {}
    return {"toolExecutionNotifications": [
        {"level": "warning", "descriptor": {"id": "skipped"}, "message": {"text": f"skipped: {s['reason']}"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(s["path"])}}}],
         "properties": {"source": s["source"], "language": s["language"]}}
        for s in skipped]}


def render_dict(data: dict[str, Any]) -> dict[str, Any]:
    """The SARIF log as a dict."""
    check = data["check"]
    rules = [_rule(r) for r in check["rules"]]
    index = {r["id"]: n for n, r in enumerate(rules)}
    baselined = check.get("baseline") is not None
    results = [_result(i, index, suppressed=False, baselined=baselined) for i in check["issues"]]
    results += [_result(i, index, suppressed=True, baselined=baselined) for i in check.get("suppressed", [])]
    paths = {s["id"]: s["path"] for s in data["sources"]}
    artifacts = [{"location": {"uri": artifact_uri(paths[s])}, "roles": ["analysisTarget"]}
                 for s in data["new_sources"]]
    tool = data.get("tool", {})
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "claimcheck", "version": str(tool.get("version", "")),
                            "semanticVersion": str(tool.get("version", "")), "rules": rules}},
        "invocations": [{"executionSuccessful": True, **_notifications(check.get("skipped", []))}],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": {"model": tool.get("model", ""), "fail_on": check["fail_on"],
                       "new_sources": list(data["new_sources"]),
                       "stale_baseline_entries": len((check.get("baseline") or {}).get("stale", []))},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(data: dict[str, Any]) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(render_dict(data), ensure_ascii=False, indent=2) + "\n"
