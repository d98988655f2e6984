"""The plain-text article layout of the example article.

An optional leading header of ``key value`` pairs (`` date 2022-03``) may be
followed on the same line by a photo caption that ends in a credit
(``... Beeld Maxar / AP``); then come the paragraphs. The header becomes
metadata and is cut from the body; the caption stays in the text and is
marked as a caption span.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lang as langdata
from ..document import Document, PubDate

HEADER_KEYS = ("date", "title", "url", "source", "id", "lang")
_HEADER_RE = re.compile(r"^[ \t]*(" + "|".join(HEADER_KEYS) + r")[ \t]+(\S+)")


@lru_cache(maxsize=1)
def credit_re() -> re.Pattern[str]:
    """'Beeld Maxar / AP', 'Foto ANP', 'Photo: Reuters' — cues from every language."""
    cues: set[str] = set()
    for code in langdata.available():
        cues.update(langdata.resource(code, "layout").get("caption_credits", []))
    alternatives = "|".join(sorted((re.escape(c) for c in cues), key=len, reverse=True)) or "(?!)"
    return re.compile(r"(?:^|\s)(?:" + alternatives + r")\s*:?\s+[^.!?\n]{1,60}$")


def parse_header(first_line: str) -> tuple[dict[str, str], int]:
    """Leading ``key value`` pairs of a line; returns them and where they end."""
    header: dict[str, str] = {}
    pos = 0
    while True:
        match = _HEADER_RE.match(first_line[pos:])
        if not match or match.group(1) in header:
            break
        header[match.group(1)] = match.group(2)
        pos += match.end()
    return header, pos


def build_document(text: str, origin: str) -> Document:
    """A Document from text in the plain-text article layout."""
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    header, header_end = parse_header(first_line)
    if header and "date" in header and PubDate.parse(header["date"]) is None:
        header, header_end = {}, 0  # 'date' followed by prose is not a header
    body = text[header_end:]
    # a header alone on its line: the body starts below it
    stripped = len(body) - len(body.lstrip() if header else body.lstrip(" \t"))
    body = body[stripped:]
    doc = Document(
        text=body,
        id=header.get("id", ""),
        title=header.get("title"),
        url=header.get("url"),
        source=header.get("source"),
        date=PubDate.parse(header.get("date")),
        lang=header.get("lang"),
        origin=origin,
    )
    doc.meta["header"] = header
    doc.meta["header_chars"] = header_end + stripped
    if header:
        mark_caption(doc)
    if not doc.layers.get("captions"):
        mark_title(doc)
    return doc


#: A first line longer than this is not taken for a title.
TITLE_MAX_CHARS = 160


def mark_title(doc: Document) -> None:
    """Mark a first line that stands alone and has no final punctuation as the headline.

    'Russian shelling kills eleven in Kharkiv' followed by a blank line is
    the article's title: it becomes ``doc.title`` (unless the header gave
    one) and a ``headlines`` span.
    """
    text = doc.text
    line_end = text.find("\n")
    if line_end < 0 or not text[line_end:].lstrip(" \t\r").startswith("\n"):
        return  # no blank line after it
    line = text[:line_end].rstrip()
    if not line or len(line) > TITLE_MAX_CHARS or line[-1] in ".,;:!?…" or not line[0].isalnum():
        return
    if not text[line_end:].strip():
        return  # the whole document is one line
    doc.add("headlines", 0, len(line), "headline")
    if doc.title is None:
        doc.title = line


def mark_caption(doc: Document) -> None:
    """Mark the rest of the header line as a caption if it ends in a photo credit."""
    line_end = doc.text.find("\n")
    line = doc.text if line_end < 0 else doc.text[:line_end]
    if line.strip() and credit_re().search(line.rstrip()):
        doc.add("captions", 0, len(line.rstrip()), "caption")
