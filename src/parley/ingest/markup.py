"""HTML fragments (feed entries, JSON fields) to plain text with paragraph breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
          "article", "ul", "ol", "table", "pre", "hr", "figure", "figcaption"}
_SKIP = {"script", "style", "noscript", "template"}
_LOOKS_HTML = re.compile(r"<(?:p|div|br|span|a|em|strong|b|i|li|ul|h[1-6]|img|blockquote)\b[^>]*>", re.I)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:20000]))


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment: block elements become blank-line-separated paragraphs."""
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; anything odd falls back to a regex
        return _collapse(re.sub(r"<[^>]*>", " ", fragment))
    return _collapse("".join(parser.parts))


def _collapse(text: str) -> str:
    paragraphs = (re.sub(r"[ \t\r\f\v\xa0]+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(" ".join(p.split("\n")).strip() for p in paragraphs if p.strip())
