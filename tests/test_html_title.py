"""The HTML report's <title> is short with the number of sources (issue 15), and a highlighted name after a
title reads with one space: the conflict mark takes no horizontal room of its own."""

from __future__ import annotations

import html
import re
from pathlib import Path

from claimcheck import compare, render
from claimcheck.report.html import page_title

CSS = Path(__file__).resolve().parent.parent / "claimcheck" / "report" / "templates" / "report.css"


def test_the_page_title_is_one_short_title_and_the_count() -> None:
    sources = [{"title": f"Outlet {i} reports that the harbour bridge over the river will reopen in May"}
               for i in range(20)]
    assert page_title(sources) == "Outlet 0 reports that the harbour bridge over the river… · 20 sources"
    assert page_title(sources[:1]) == "Outlet 0 reports that the harbour bridge over the river… · 1 source"
    assert len(page_title(sources).split(" · ")[0]) <= 61
    assert page_title([{"title": "Bridge reopens"}, {"title": "b"}]) == "Bridge reopens · 2 sources"
    assert page_title([]) == "0 sources"


def test_the_report_title_element_uses_it(tmp_path: Path, fake_config) -> None:
    for i in range(5):
        (tmp_path / f"s{i}.txt").write_text(f"Outlet {i} on the bridge\n\nThe harbour bridge over the river will "
                                            f"reopen in May after {i + 2} months of repairs.\n", encoding="utf-8")
    page = render(compare(tmp_path, config=fake_config), "html")
    assert re.search(r"<title>(.*?)</title>", page).group(1) == "claimcheck report: Outlet 0 on the bridge · 5 sources"


def test_a_highlighted_name_after_a_title_has_one_space_before_it(tmp_path: Path, fake_config) -> None:
    (tmp_path / "a.txt").write_text("Regional governor Jane Doe opened the new bridge over the river on Monday.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Regional governor John Smith opened the new bridge over the river on Monday.\n",
                                    encoding="utf-8")
    page = render(compare(tmp_path, config=fake_config), "html")
    text = html.unescape(re.sub(r"<[^>]+>", "", page.split("<body", 1)[1]))
    assert "governor Jane Doe" in text and "governor John Smith" in text
    assert "governor  " not in text
    assert '<mark class="conflict">' in page
    rule = re.search(r"mark\.conflict \{([^}]*)\}", CSS.read_text(encoding="utf-8")).group(1)
    assert re.search(r"(?<![-\w])padding: 0;", rule)  # no horizontal padding: it read as a second space
