"""Stage 1, load: paths, directories and globs -> decoded Articles with their metadata."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import stat
from pathlib import Path
from typing import Any

from claimcheck.config import LoadConfig
from claimcheck.errors import InputError
from claimcheck.models import Article
from claimcheck.stages.extract.headings import markdown_heading_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _walk_dir(root: Path) -> list[Path]:
    """Every regular file under ``root``, hidden files and directories skipped, symlinked dirs not followed."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath) / name for name in sorted(filenames) if not name.startswith("."))
    return sorted(q for q in out if q.is_file())


def expand_paths(paths: list[str], *, warnings: list[str] | None = None) -> list[Path]:
    """Turn files, directories and glob patterns into a sorted, de-duplicated list of files.

    Files inside directories with unsupported suffixes are skipped (a warning is added);
    a path that does not exist and matches nothing is an error. A file named twice (even by
    different spellings of its path) is read once, under the smallest spelling, with a warning.
    """
    found: dict[str, list[Path]] = {}
    notes: list[str] = []
    for raw in paths:
        if any(ch in raw for ch in "*?[") and not os.path.exists(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError("no file matches this pattern", path=raw, slug="input-missing")
        else:
            p = Path(raw)
            if not p.exists():
                kind = "broken symbolic link" if p.is_symlink() else "no such file or directory"
                raise InputError(kind, path=raw, slug="input-missing")
            if p.is_dir():
                files = _walk_dir(p)
                skipped = [q for q in files if q.suffix.lower() not in SUPPORTED_SUFFIXES]
                notes.extend(f"{q}: skipped, unsupported file type (use .txt, .md or .html)" for q in skipped)
                files = [q for q in files if q.suffix.lower() in SUPPORTED_SUFFIXES]
                if not files:
                    raise InputError("directory holds no .txt, .md or .html file", path=raw, slug="input-empty-dir")
            else:
                files = [p]
        for f in files:
            found.setdefault(os.path.realpath(f), []).append(f)
    out = []
    for spellings in found.values():
        kept = min(spellings, key=str)
        if len(spellings) > 1:
            notes.append(f"{kept}: given more than once, read once")
        out.append(kept)
    if warnings is not None:
        warnings.extend(sorted(set(notes)))
    return sorted(out, key=str)


# Magic numbers of common non-text files, for a clearer refusal than "binary".
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"), (b"\x7fELF", "an executable"), (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
# The 8-bit encodings that Western news text is usually in; preferred when the detector is unsure.
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}


def _legacy_decode(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with charset-normalizer; prefer cp1252 among near-equal candidates."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError("cannot decode file: it is not UTF-8 and no known text encoding fits; "
                         "convert it to UTF-8", path=path, slug="input-encoding")
    best = matches[0]
    for m in matches:
        if m.chaos <= best.chaos + 0.1 and _WESTERN & {m.encoding, *m.could_be_from_charset}:
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                break
    return str(best), best.encoding


# C0 control characters other than the whitespace ones (tab, line feed, vertical tab, form feed, carriage return),
# DEL and the C1 controls: the characters that mark a binary file. Counted by one pattern, not by a Python test per
# character (2.7 s of loading 1,000 files' 7.6 s under cProfile, before any other work could start)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes, *, path: str, warnings: list[str] | None = None) -> str:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16/32 with a BOM, else a detected legacy encoding.

    Raises InputError for empty or whitespace-only files, binary files (known magic numbers,
    NUL bytes, many control characters) and bytes no text encoding fits. A legacy encoding
    that was used is reported in ``warnings``.
    """
    if not data:
        raise InputError("file is empty", path=path, slug="input-empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"file is {what}, not text", path=path, slug="input-binary")
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"file starts with a {enc} byte-order mark but is not valid {enc}", path=path,
                                 slug="input-encoding") from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError("file looks binary (NUL bytes), not text", path=path, slug="input-binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, encoding = _legacy_decode(data, path=path)
            if warnings is not None:
                warnings.append(f"{path}: not UTF-8, decoded as {encoding}")
    if not text.strip():
        raise InputError("file holds only whitespace", path=path, slug="input-empty")
    if "\x00" in text:
        raise InputError("file looks binary (NUL characters), not text", path=path, slug="input-binary")
    sample = text[:65536]
    control = len(_CONTROL.findall(sample))
    if control > max(8, len(sample) // 50):
        raise InputError("file looks binary (control characters), not text", path=path, slug="input-binary")
    return text


# The most common English function words: cheap language identification for a warning.
_ENGLISH = frozenset("""the of and to a in that is was he for it with as his on be at by i this had not are but from
or have an they which one you were her all she there would their we him been has when who will more no if out so said
what up its about into than them can only other new some could time these two may then do first any my now such like
our over me even most made after also did many before must through back years where much your way well down should
because each just those people how too little very make still own see here between both being under never day same
another while last might us great year since against however during without again around""".split())


_WORDS = re.compile(r"[^\W\d_]+")


def english_ratio(text: str) -> tuple[float, int]:
    """The share of words that are common English function words, and the number of words seen."""
    words = _WORDS.findall(text[:50_000].lower())
    if not words:
        return 0.0, 0
    return sum(map(_ENGLISH.__contains__, words)) / len(words), len(words)


# Frequent function words of the languages most often mistaken for news in English, to name the language of
# an article that is not English (words shared by several of them are left out). Scripts other than Latin are
# named by their script.
_FUNCTION_WORDS = {
    "de": "der die das und ist nicht ein eine einen dem den des mit sich auf auch als wird wurde sind bei nach aus "
          "noch wie über oder aber vom zum zur im vor durch nur sein seine werden hat haben dass wir ich",
    "fr": "le les et est une du des dans pour pas qui que sur au aux avec ce cette il ils elle sont été ont mais "
          "ou leur par plus se ses été être fait nous vous",
    "es": "el los las y es una del en por para con que se su sus al como más pero fue han ha este esta son "
          "también sobre entre cuando desde muy",
    "it": "il gli le e è una del della dei delle nel nella per che con non si sono ha anche come più ma alla "
          "dal dalla questo questa stato",
    "pt": "o os as e é um uma do da dos das no na em para com que não se por mais como foi são pelo pela ao "
          "também",
    "nl": "de het een en is van op te dat niet zijn met voor er aan ook als bij door maar naar om wordt werd "
          "nog dit deze",
}
_FUNCTION_SETS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "und": "an unidentified language"}
_SCRIPTS = ("CYRILLIC", "ARABIC", "HEBREW", "GREEK", "DEVANAGARI", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI")
LANGUAGE_MIN_WORDS = 20  # too few words to tell: taken as English


def detect_language(text: str, *, min_ratio: float = LoadConfig.english_min_ratio) -> str:
    """A language code for an article's body: ``en`` when it looks English (at least ``min_ratio`` common English
    function words, ``load.english_min_ratio``) or is too short to tell,
    else the best match among ``de fr es it pt nl`` by function words, a script name ("cyrillic") for
    text in another script, or ``und``."""
    ratio, n = english_ratio(text)
    if n < LANGUAGE_MIN_WORDS or ratio >= min_ratio:
        return "en"
    import unicodedata

    words = re.findall(r"[^\W\d_]+", text[:50_000].lower())
    letters = [ch for w in words[:2000] for ch in w[:3]]
    scripts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "")
        script = next((s for s in _SCRIPTS if name.startswith(s)), "LATIN")
        scripts[script] = scripts.get(script, 0) + 1
    top = max(sorted(scripts), key=lambda s: scripts[s]) if scripts else "LATIN"
    if top != "LATIN":
        return top.lower()
    scores = {code: sum(w in ws for w in words) / len(words) for code, ws in _FUNCTION_SETS.items()}
    best = max(sorted(scores), key=lambda c: scores[c])
    return best if scores[best] >= 0.1 else "und"


def language_name(code: str) -> str:
    """A language code's English name ("German"; "Cyrillic-script text" for a script)."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    return f"{code.capitalize()}-script text"


def language_warning(article: Article, *, min_ratio: float = LoadConfig.english_min_ratio) -> str | None:
    """A warning when an article is probably not English (fewer than ``min_ratio`` common English function
    words; the default model and rules are English)."""
    ratio, n = english_ratio(article.text[article.body_start:])
    if n < LANGUAGE_MIN_WORDS or ratio >= min_ratio:
        return None
    code = article.language
    if code in (None, "en"):
        code = detect_language(article.text[article.body_start:], min_ratio=min_ratio)
    return (f"{article.path}: does not look like English (detected: {language_name(code)}; only {ratio:.0%} of its "
            f"words are common English words); the default model and rules are English, so results may be poor")


def parse_front_matter(text: str, *, path: str) -> tuple[dict[str, Any], int]:
    """Return the YAML front matter (or {}) and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        raise InputError("front matter is not valid YAML", path=path, slug="input-front-matter") from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a YAML mapping", path=path, slug="input-front-matter")
    return meta, m.end()


def normalise_published(value: Any, *, path: str) -> str | None:
    """Accept a date, datetime or ISO string; return YYYY-MM-DD or raise InputError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    problem = date_problem(s[:10])
    if problem:
        raise InputError(f"published date {s!r} {problem}", path=path, slug="input-date")
    return dt.date.fromisoformat(s[:10]).isoformat()


def normalise_published_at(value: Any) -> str | None:
    """The publication time of day, when ``value`` (a datetime or an ISO string) carries one: normalised to UTC
    as ``YYYY-MM-DDTHH:MM``. A time with no offset is taken as UTC; a bare date, a time of exactly midnight with
    no seconds (a CMS placeholder for "no time") and an unparseable time give None (``Article.published``, the
    day, is read as before by ``normalise_published``)."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and len(value.strip()) > 10:
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M")


def published_problem(value: str) -> str | None:
    """What is wrong with a ``--published`` value: ``date_problem`` of a YYYY-MM-DD, or of a date with a time of
    day (``YYYY-MM-DDTHH:MM[:SS]`` with an optional ``Z`` or ``+HH:MM`` offset), or None."""
    problem = date_problem(value[:10])
    if problem or len(value) == 10:
        return problem
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return "is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"
    return None


def date_problem(value: str) -> str | None:
    """What is wrong with a YYYY-MM-DD string ("is not YYYY-MM-DD", "is no such date (day is out of range for
    month)"), or None when it is a real date."""
    if not _DATE.match(value):
        return "is not YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        return f"is no such date ({exc})"
    return None


# Terminal punctuation, possibly followed by closing quotes or brackets: the end of a sentence, not of a title
# ('... in May."', "... in May.)", "... in May...", "... in May?").
_SENTENCE_END = re.compile(r"(?:[.!?\u2026]|\.\.\.)[\"'\u2019\u201d)\]\u00bb]*$")
# A line that stops mid-sentence (a comma, a colon, a function word) is not a title either.
_TITLE_BREAKS = re.compile(r"(?:[,;:\-\u2013\u2014]|\b(?:a|an|the|of|and|or|but|to|that|which|who)\b)$", re.I)
# The length limits are load.headline_max_chars / headline_max_words (claimcheck/config.py, measured with
# scripts/measure_headline_rule.py; the previous rule, "no final . ! ?", took 8 of 761 complete ECB+ sentences for
# titles: sentences ending in a closing quote).


def looks_like_headline(line: str, *, max_chars: int = LoadConfig.headline_max_chars,
                        max_words: int = LoadConfig.headline_max_words) -> bool:
    """Whether a first line reads as a title rather than a sentence: short (at most ``max_chars`` characters,
    ``max_words`` words), no terminal punctuation at its end (also not before a closing quote or bracket) and not
    cut off mid-sentence. A Markdown heading always is one."""
    line = line.strip()
    if markdown_heading_text(line) is not None:
        return True
    if not line or len(line) > max_chars or len(line.split()) > max_words:
        return False
    return not _SENTENCE_END.search(line) and not _TITLE_BREAKS.search(line)


def _guess_title(body: str, *, config: LoadConfig) -> str | None:
    """The body's first non-blank line when it looks like a headline (``looks_like_headline``), else None."""
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if not looks_like_headline(line, max_chars=config.headline_max_chars, max_words=config.headline_max_words):
            return None
        heading = markdown_heading_text(line)
        return heading[1] if heading is not None else line
    return None


# <meta> names/properties that carry a publication date, best first.
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
                  "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
                  "date", "article.published", "cxenseparse:recs:publishtime")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def html_published(raw: str) -> str | None:
    """The publication date an HTML page declares: the first of ``PUBLISHED_META`` among its <meta>
    tags, else JSON-LD ``datePublished``, else a ``<time pubdate>``/``itemprop=datePublished`` element;
    returned as YYYY-MM-DD (None when absent or unparseable)."""
    value = html_published_value(raw)
    return dt.date.fromisoformat(value[:10]).isoformat() if value else None


def html_published_value(raw: str) -> str | None:
    """The declared publication value ``html_published`` reads, as written (stripped; it may carry a time of
    day and an offset, see ``normalise_published_at``), or None."""
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class _Meta(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k.lower(): (v or "") for k, v in attrs}
            if tag == "meta":
                name = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
                if name and a.get("content"):
                    found.setdefault(name, a["content"].strip())
            elif tag == "time" and a.get("datetime") and ("pubdate" in a or a.get("itemprop", "").lower()
                                                            == "datepublished"):
                found.setdefault("<time>", a["datetime"].strip())

    try:
        _Meta(convert_charrefs=True).feed(raw)
    except Exception:  # a malformed page falls back to trafilatura's guess
        return None
    candidates = [found[k] for k in PUBLISHED_META if k in found]
    candidates += _JSONLD_DATE.findall(raw) + ([found["<time>"]] if "<time>" in found else [])
    for value in candidates:
        try:
            dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            continue
        return value.strip()
    return None


def _read_html(raw: str, *, path: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError("no article text found in this HTML page", path=path, slug="input-no-text")
    meta: dict[str, Any] = {}
    doc = trafilatura.extract_metadata(raw)
    if doc is not None:
        meta = {"title": doc.title, "published": doc.date, "url": doc.url}
    declared = html_published_value(raw)
    if declared:
        meta["published"] = declared
    return text, meta


def infer_published_dates(articles: list[Article]) -> list[Article]:
    """Give an article without a publication date the latest absolute date (a day, or a month with
    its year) its body names, marked ``published_origin: inferred``; others are returned unchanged."""
    import dataclasses

    from claimcheck.stages.extract.dates import infer_published

    out = []
    for a in articles:
        if not a.published:
            guess = infer_published(a.text[a.body_start:])
            if guess:
                a = dataclasses.replace(a, published=guess, published_origin="inferred")
        out.append(a)
    return out


def load_article(path: Path, *, max_bytes: int = 20_000_000, warnings: list[str] | None = None,
                 config: LoadConfig | None = None) -> Article:
    """Read one file into an Article (front matter for text, main-text extraction for HTML); ``config``: the
    title-line and language rules (default ``LoadConfig()``).

    The size limit is checked before a byte is read; see ``decode_bytes`` for what is refused.
    """
    spath = str(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            what = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file (a pipe, socket or device)"
            raise InputError(f"is {what}", path=spath, slug="input-unreadable")
        size = st.st_size
        if size > max_bytes:
            raise InputError(f"file is {size} bytes, over the limit of {max_bytes} (max_file_bytes)", path=spath,
                             slug="input-too-large")
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied", path=spath, slug="input-unreadable") from None
    except IsADirectoryError:
        raise InputError("is a directory", path=spath, slug="input-unreadable") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=spath, slug="input-unreadable") from None
    text = decode_bytes(data, path=spath, warnings=warnings)
    extracted_from = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, meta = _read_html(text, path=spath)
        body_start = 0
        extracted_from = "html"
        origin = "html-meta"
    else:
        meta, body_start = parse_front_matter(text, path=spath)
        origin = "front-matter"
    published = normalise_published(meta.get("published"), path=spath)
    published_at = normalise_published_at(meta.get("published")) if published else None
    config = config if config is not None else LoadConfig()
    title = meta.get("title") or _guess_title(text[body_start:], config=config)
    source = str(meta.get("source") or path.stem)
    return Article(
        id=source,
        path=spath,
        text=text,
        body_start=body_start,
        title=str(title) if title else None,
        published=published,
        published_origin=origin if published else "none",
        published_at=published_at,
        url=str(meta["url"]) if meta.get("url") else None,
        extracted_from=extracted_from,
        language=detect_language(text[body_start:], min_ratio=config.english_min_ratio),
    )


def refuse_outputs_among_inputs(outputs: list[str], inputs: list[str]) -> None:
    """Raise UsageError when a report would overwrite one of the input files (checked before any work)."""
    from claimcheck.errors import UsageError

    existing = [o for o in outputs if os.path.isfile(o)]
    if not existing:
        return
    read = {os.path.realpath(f) for f in expand_paths(inputs)}
    for out in existing:
        if os.path.realpath(out) in read:
            raise UsageError("the report would overwrite this input file", path=out, slug="usage-output-is-input")


def parse_published_overrides(items: list[str]) -> dict[str, str]:
    """Parse ``SOURCE=YYYY-MM-DD`` (or ``SOURCE=YYYY-MM-DDTHH:MM``, see ``published_problem``) strings from the
    CLI into a mapping (UsageError ``usage-published`` for a malformed item or a date that does not exist)."""
    from claimcheck.errors import UsageError

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not _DATE.match(value.strip()[:10]):
            raise UsageError(f"--published expects SOURCE=YYYY-MM-DD, got {item!r}", slug="usage-published")
        problem = published_problem(value.strip())
        if problem:
            raise UsageError(f"--published {item}: {value.strip()} {problem}", slug="usage-published")
        out[key.strip()] = value.strip()
    return out


def check_published_overrides(published: dict[str, str]) -> dict[str, str]:
    """Validate an API ``published`` mapping (source id, file name or path -> YYYY-MM-DD); a bad value is a
    UsageError ``usage-published`` like the CLI's, never a bare ValueError."""
    from claimcheck.errors import UsageError

    out: dict[str, str] = {}
    for key, value in published.items():
        if isinstance(value, dt.date):  # a datetime keeps its time of day (and offset)
            value = value.isoformat()
        problem = published_problem(str(value).strip()) if isinstance(value, str) else "is not a YYYY-MM-DD string"
        if problem:
            raise UsageError(f"published date of {key}: {value!r} {problem}", slug="usage-published")
        out[str(key)] = str(value).strip()
    return out


MAX_LINE_CHARS = 100_000  # spaCy needs ~1 GB per 100,000 characters of one paragraph


def check_line_lengths(article: Article) -> None:
    """Refuse an article with a paragraph (line) too long to parse in bounded memory."""
    longest = max((len(line) for line in article.text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(f"a line of {longest} characters is longer than the limit of {MAX_LINE_CHARS}; "
                         "is this really an article?", path=article.path, slug="input-line-too-long")


def _drop_same_content(articles: list[Article], notes: list[str]) -> list[Article]:
    """Keep one article per identical text (the smallest path), noting the others."""
    kept: dict[str, Article] = {}
    for a in sorted(articles, key=lambda a: a.path):
        first = kept.setdefault(a.text, a)
        if first is not a:
            notes.append(f"{a.path}: same text as {first.path}, read once")
    return [a for a in articles if kept[a.text] is a]


def load_articles(paths: list[str], *, published: dict[str, str] | None = None, max_bytes: int = 20_000_000,
                  warnings: list[str] | None = None, config: LoadConfig | None = None) -> list[Article]:
    """Load every input into Articles sorted by id; ``published`` overrides dates by id, file name or path;
    ``config``: the title-line and language rules (default ``LoadConfig()``)."""
    import dataclasses

    files = expand_paths(paths, warnings=warnings)
    notes: list[str] = []
    config = config if config is not None else LoadConfig()
    articles = [load_article(f, max_bytes=max_bytes, warnings=notes, config=config) for f in files]
    articles = _drop_same_content(articles, notes)
    for article in articles:
        check_line_lengths(article)
        note = language_warning(article, min_ratio=config.english_min_ratio)
        if note:
            notes.append(note)
    if warnings is not None:
        warnings.extend(notes)
    # Two different files may share a stem: disambiguate with the path, deterministically.
    seen: dict[str, int] = {}
    for a in articles:
        seen[a.id] = seen.get(a.id, 0) + 1
    articles = [
        dataclasses.replace(a, id=str(Path(a.path).with_suffix("")).replace(os.sep, "/")) if seen[a.id] > 1 else a
        for a in articles
    ]
    overrides = check_published_overrides(dict(published or {}))
    by_real = {os.path.realpath(k): k for k in overrides if os.path.exists(k)}  # a path in any spelling
    used: set[str] = set()
    result = []
    for a in articles:
        for key in (a.id, a.path, Path(a.path).name, Path(a.path).stem, by_real.get(os.path.realpath(a.path))):
            if key is not None and key in overrides:
                a = dataclasses.replace(a, published=overrides[key][:10], published_origin="cli",
                                        published_at=normalise_published_at(overrides[key]))
                used.add(key)
                break
        result.append(a)
    unknown = sorted(set(overrides) - used)
    if unknown:
        raise InputError(f"--published names no loaded source: {', '.join(unknown)}", slug="usage-published")
    result = sorted(infer_published_dates(result), key=lambda a: a.id)
    if warnings is not None:
        warnings.extend(w for w in (undated_warning(a) for a in result) if w)
    return result


def undated_warning(article: Article) -> str | None:
    """A warning for an article with no publication date whose body has relative or partial dates ("last
    June", "April 9"): they stay unresolved without one."""
    if article.published:
        return None
    from claimcheck.stages.extract.dates import find_dates

    # resolved against any date, the relative and partial mentions show up as relative slots
    if not any(d.relative for d in find_dates(article.text[article.body_start:], 0, "2000-01-01")):
        return None
    return (f"{article.path}: no publication date: relative and partial dates left unresolved; pass --published "
            f"{article.id}=YYYY-MM-DD (or {article.path}=YYYY-MM-DD)")
