"""A validator for Telegram's HTML parse mode that also computes the message entities.

https://core.telegram.org/bots/api#html-style: only the listed tags; tags properly nested and
closed; ``<``, ``>`` and ``&`` escaped; only ``&lt; &gt; &amp; &quot;`` and numeric entities; pre
and code contain no other tags; blockquotes and links do not nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn

from .records import JsonDict, utf16_length


class HtmlError(ValueError):
    """Text Telegram's HTML parse mode refuses."""


@dataclass(frozen=True)
class FormattedText:
    text: str
    entities: tuple[JsonDict, ...] = ()


_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in _SIMPLE_TAGS},
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ATTRIBUTE = r"([^\s=<>/\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>]+)))?"
_TAG_RE = re.compile(rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+{_ATTRIBUTE})*)\s*>")
_ATTRIBUTE_RE = re.compile(_ATTRIBUTE)
_CHAR_REF_RE = re.compile(r"&(?:([a-zA-Z]+)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,6}));")
_PLAIN_RE = re.compile(r"[^<>&]+")


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    offset: int
    language: str | None = None


class _TelegramHtml:
    """A tokenizer for Telegram's subset of HTML that also computes the message entities."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JsonDict] = []

    def parse(self) -> FormattedText:
        while self.position < len(self.source):
            char = self.source[self.position]
            if char == "<":
                self._tag()
            elif char == "&":
                decoded, end = self._char_ref(self.source, self.position)
                self._append(decoded, end=end)
            elif char == ">":
                self._fail("unescaped '>', write &gt;")
            else:
                plain = _PLAIN_RE.match(self.source, self.position)
                assert plain is not None
                self._append(plain.group(), end=plain.end())
        if self.stack:
            self._fail(f"unclosed start tag <{self.stack[-1].name}>")
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return FormattedText("".join(self.parts), tuple(entities))

    def _fail(self, problem: str) -> NoReturn:
        byte_offset = len(self.source[: self.position].encode())
        raise HtmlError(f"{problem} at byte offset {byte_offset}")

    def _append(self, text: str, *, end: int | None = None) -> None:
        self.parts.append(text)
        self.length += utf16_length(text)
        if end is not None:
            self.position = end

    def _char_ref(self, text: str, position: int) -> tuple[str, int]:
        """The character that the reference at ``position`` stands for, and where it ends."""
        match = _CHAR_REF_RE.match(text, position)
        if match is None:
            self._fail("unescaped '&', write &amp;")
        name, decimal, hexadecimal = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                self._fail(f"unsupported entity &{name}; (only &lt; &gt; &amp; &quot;)")
            return _NAMED_ENTITIES[name], match.end()
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            self._fail(f"invalid character reference {match.group()}")
        return chr(code), match.end()

    def _unescape(self, value: str) -> str:
        parts, index = [], 0
        while (amp := value.find("&", index)) >= 0:
            decoded, index_after = self._char_ref(value, amp)
            parts += [value[index:amp], decoded]
            index = index_after
        return "".join([*parts, value[index:]])

    def _tag(self) -> None:
        match = _TAG_RE.match(self.source, self.position)
        if match is None:
            self._fail("unescaped '<' or malformed tag, write &lt;")
        closing, name, raw_attributes = (
            match.group(1) == "/",
            match.group(2).lower(),
            match.group(3),
        )
        if closing:
            if raw_attributes.strip():
                self._fail(f"end tag </{name}> with attributes")
            self._close(name)
        else:
            self._open(name, self._attributes(name, raw_attributes))
        self.position = match.end()

    def _attributes(self, name: str, raw: str) -> dict[str, str]:
        allowed = _TAG_ATTRIBUTES.get(name)
        if allowed is None:
            self._fail(f"unsupported start tag <{name}>")
        attributes = {}
        for match in _ATTRIBUTE_RE.finditer(raw):
            key = match.group(1).lower()
            if key not in allowed:
                self._fail(f"unsupported attribute {key!r} in <{name}>")
            value = next((g for g in match.groups()[1:] if g is not None), "")
            attributes[key] = self._unescape(value)
        return attributes

    def _open(self, name: str, attributes: dict[str, str]) -> None:
        self._check_nesting(name)
        required = {"a": "href", "tg-emoji": "emoji-id"}.get(name)
        if required and not attributes.get(required):
            self._fail(f"<{name}> needs a non-empty {required} attribute")
        if name == "span" and attributes.get("class") != "tg-spoiler":
            self._fail('unsupported start tag <span> (only <span class="tg-spoiler">)')
        language = attributes.get("class")
        if name == "code" and language is not None and not language.startswith("language-"):
            self._fail('<code class> must be "language-<name>"')
        self.stack.append(_OpenTag(name, attributes, self.length))

    def _check_nesting(self, name: str) -> None:
        parent = self.stack[-1].name if self.stack else None
        if parent == "code" or (parent == "pre" and name != "code"):
            self._fail(f"<{name}> inside <{parent}>: pre and code can't contain other tags")
        open_names = {tag.name for tag in self.stack}
        if name == "blockquote" and "blockquote" in open_names:
            self._fail("blockquotes can't be nested")
        if name in {"a", "tg-emoji"} and open_names & {"a", "tg-emoji"}:
            self._fail(f"<{name}> can't be inside a link or custom emoji")

    def _close(self, name: str) -> None:
        if not self.stack:
            self._fail(f"end tag </{name}> without a start tag")
        tag = self.stack.pop()
        if tag.name != name:
            self._fail(f"end tag </{name}> does not match start tag <{tag.name}>")
        if name == "code" and self.stack and self.stack[-1].name == "pre":
            language = tag.attributes.get("class")
            self.stack[-1].language = language.removeprefix("language-") if language else None
            return
        if self.length > tag.offset:
            self.entities.append(self._entity(tag))

    def _entity(self, tag: _OpenTag) -> JsonDict:
        entity: JsonDict = {"offset": tag.offset, "length": self.length - tag.offset}
        if tag.name in _SIMPLE_TAGS or tag.name == "span":
            entity["type"] = _SIMPLE_TAGS.get(tag.name, "spoiler")
        elif tag.name == "a":
            entity |= {"type": "text_link", "url": tag.attributes["href"]}
        elif tag.name == "tg-emoji":
            entity |= {"type": "custom_emoji", "custom_emoji_id": tag.attributes["emoji-id"]}
        elif tag.name == "blockquote":
            expandable = "expandable" in tag.attributes
            entity["type"] = "expandable_blockquote" if expandable else "blockquote"
        else:
            entity["type"] = tag.name
            if tag.language:
                entity["language"] = tag.language
        return entity


def parse_telegram_html(source: str) -> FormattedText:
    """Plain text and entities of ``source``; raises ``HtmlError`` where Telegram would refuse."""
    return _TelegramHtml(source).parse()
