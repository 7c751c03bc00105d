"""Text normalisation and the simplified-character view.

Every span the loaders report points into `Text.raw`: the document text
after width folding and newline normalisation (the "normalised text" of the
extraction spec). Matching runs on `Text.simp`, an OpenCC t2s conversion of
the same text that is guaranteed to have the same length, so an offset found
in one is valid in the other and traditional documents keep their own
characters in every reported string.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by a fixed offset.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({
    0x3000: 0x20,  # ideographic space
    0x00A0: 0x20,  # no-break space
    0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20,
    # small form variants (U+FE50…) and half-width ideographic punctuation, as
    # PDF and Word extraction leave them: 1﹒ is a label like 1.
    0xFE50: ",", 0xFE51: "、", 0xFE52: ".", 0xFE54: ";", 0xFE55: ":", 0xFE56: "?", 0xFE57: "!",
    0xFE59: "(", 0xFE5A: ")", 0xFE5B: "{", 0xFE5C: "}", 0xFE5D: "〔", 0xFE5E: "〕",
    0xFF61: "。", 0xFF64: "、",
    0x2236: ":", 0xFE30: ":", 0xFE13: ":",   # ratio sign and vertical colons, typed for a colon
    0xFEFF: None,  # BOM / zero-width no-break space
    0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None,
})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# An HTML character reference left in the text (&nbsp;, &ldquo;, &#12290;), as a page
# scraped or escaped twice shows it
_CHAR_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def normalise(raw: str) -> str:
    """Fold full-width forms, unify newlines, read HTML character references,
    drop invisible characters."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if "&" in text:
        text = _CHAR_REFERENCE.sub(lambda m: html.unescape(m[0]), text)
    text = text.translate(_WIDTH_TABLE)
    return _CONTROL.sub("", text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s, forced to keep the length of `text`.

    Phrase-level conversions can change the length of a run; when that
    happens the text is converted character by character instead, which
    keeps offsets aligned at the cost of the rare phrase-only mapping.
    """
    if not text or text.isascii():
        return text
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The comparison form of the spec: width, script and white space folded."""
    return re.sub(r"\s+", "", to_simplified(unicodedata.normalize("NFKC", normalise(s))))


@dataclass(frozen=True)
class Text:
    """A document's normalised text and its same-length simplified view."""

    raw: str
    simp: str

    @classmethod
    def of(cls, raw: str) -> "Text":
        norm = normalise(raw)
        return cls(norm, to_simplified(norm))

    def __len__(self) -> int:
        return len(self.raw)


def strip_span(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """Shrink [start, end) past leading/trailing `chars` (default white space)."""
    while start < end and (text[start].isspace() if chars is None else text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return start, end
