"""Screenshots of the seeds' HTML report for the README (desktop and narrow width).

Runs the current code with the real bundled model on seeds/ with the seed dates from the
Makefile's SEED_DATES, renders the HTML report and photographs it in Debian's chromium
(driven by Playwright; never `playwright install`):

    .venv/bin/python scripts/screenshots.py            # writes docs/report-desktop.png, docs/report-narrow.png
                                                       # and docs/report-story.png (a card, its Same story opened)
                                                       # and docs/matrix-desktop.png, docs/matrix-narrow.png (the
                                                       # statement x source matrix of tests/fixtures/timeline)
    .venv/bin/python scripts/screenshots.py --out /tmp --full  # elsewhere, plus a full-page shot
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def seed_dates() -> dict[str, str]:
    """The seed articles' publication dates, read from the Makefile's SEED_DATES line."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = next(ln for ln in makefile.splitlines() if ln.startswith("SEED_DATES"))
    return dict(re.findall(r"--published\s+([^=\s]+)=(\d{4}-\d{2}-\d{2})", line))


def build_report() -> str:
    """The seeds' HTML report from the current code and the real model."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    from claimcheck import api
    from claimcheck.report import render

    os.chdir(ROOT)  # so the report shows the sources' paths as `make demo` does: seeds/...
    result = api.compare(["seeds"], published=seed_dates())
    return render(result, "html")


def build_outlets_report() -> str:
    """The eight staggered outlets' HTML report (tests/fixtures/timeline: a toll of 14 until 2024-04-10, 17 from
    2024-04-11, dates from the front matter) from the current code and the real model."""
    from claimcheck import api
    from claimcheck.report import render

    return render(api.compare(["tests/fixtures/timeline"]), "html")


def matrix_shots(browser, html: str, out: Path) -> list[Path]:  # a playwright Browser
    """The statement x source matrix section at desktop (1280) and narrow (400) width."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "outlets.html"
        page_path.write_text(html, encoding="utf-8")
        for name, width in (("matrix-desktop.png", 1280), ("matrix-narrow.png", 400)):
            page = browser.new_page(viewport={"width": width, "height": 1000}, device_scale_factor=1,
                                    color_scheme="light")
            try:
                page.goto(page_path.as_uri())
                page.wait_for_load_state("load")
                page.locator("#matrix").screenshot(path=str(out / name))
                written.append(out / name)
            finally:
                page.close()
    return written


def shoot(html: str, out: Path, *, full: bool = False, outlets_html: str | None = None) -> list[Path]:
    """Write the desktop (1280 wide) and narrow (400 wide) screenshots (and a full-page one); return their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        page_path.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            shots = [("report-desktop.png", 1280, 1000, False), ("report-narrow.png", 400, 1500, False)]
            if full:
                shots.append(("report-desktop-full.png", 1280, 1000, True))
            for name, width, height, whole in shots:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1,
                                        color_scheme="light")
                page.goto(page_path.as_uri())
                page.wait_for_load_state("load")
                target = out / name
                page.screenshot(path=str(target), full_page=whole)
                written.append(target)
                page.close()
            story = story_shot(browser, page_path.as_uri(), out / "report-story.png")
            if story is not None:
                written.append(story)
            if outlets_html is not None:
                written += matrix_shots(browser, outlets_html, out)
            browser.close()
    return written


def story_shot(browser, url: str, target: Path) -> Path | None:  # a playwright Browser
    """The first card that lists other statements of its story, with its "Same story" block opened (1280 wide);
    None when no card has one."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, device_scale_factor=1, color_scheme="light")
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        card = page.locator("article.card:has(details.related)").first
        if not card.count():
            return None
        page.evaluate("document.getElementById('controls').hidden = true")  # the sticky filters would cover it
        card.locator("details.related").evaluate("d => { d.open = true; }")
        card.screenshot(path=str(target))
        return target
    finally:
        page.close()


def main() -> None:
    """Build the report and save the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="directory for the PNGs (default docs/)")
    parser.add_argument("--html", type=Path, help="also save the rendered report here")
    parser.add_argument("--full", action="store_true", help="also a full-page desktop screenshot")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"screenshots: {CHROMIUM} not found (apt-get install -y chromium)")
    html = build_report()
    if args.html:
        args.html.write_text(html, encoding="utf-8")
    for path in shoot(html, args.out, full=args.full, outlets_html=build_outlets_report()):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
