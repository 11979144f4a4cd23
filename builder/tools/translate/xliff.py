"""XLIFF 1.2 as dfc-course writes and reads it: inline codes, the schema, the source hash.

Spans (`**strong**`, `*emphasis*`, links) become `<g id="n">…</g>`; inline code, images and
line breaks become `<x id="n"/>`. Each unit carries its file and line as context, a hash of
the English it was exported from (the import judges staleness by that hash, never by the
`<source>` a tool sends back) and a note for the translator.
"""

from __future__ import annotations

from collections import defaultdict, deque
from importlib import resources

from lxml import etree

from builder.load.inline_codes import Piece

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
HASH_TYPE = "x-dfc-source-hash"
TOOL = "dfc-course"


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def fill(element: etree._Element, items: list[Piece]) -> None:
    """Write pieces into `element` as text, `<g>` and `<x/>`."""
    stack = [element]
    last: list[etree._Element | None] = [None]

    def add_text(text: str) -> None:
        if last[-1] is None:
            stack[-1].text = (stack[-1].text or "") + text
        else:
            last[-1].tail = (last[-1].tail or "") + text

    for piece in items:
        if piece.kind == "text":
            add_text(piece.text)
        elif piece.kind == "open":
            g = etree.SubElement(stack[-1], q("g"), id=str(piece.code), ctype=piece.ctype)
            last[-1] = g
            stack.append(g)
            last.append(None)
        elif piece.kind == "close" and len(stack) > 1:
            stack.pop()
            last.pop()
        elif piece.kind == "code":
            last[-1] = etree.SubElement(stack[-1], q("x"), id=str(piece.code), ctype=piece.ctype)


class InlineError(ValueError):
    """A target holds inline markup this tool did not write."""


def read_pieces(element: etree._Element) -> list[Piece]:
    """Read text, `<g>` and `<x/>` back into pieces; anything else is an InlineError."""
    out: list[Piece] = []

    def text(value: str | None) -> None:
        if value:
            if out and out[-1].kind == "text":
                out[-1] = Piece("text", out[-1].text + value)
            else:
                out.append(Piece("text", value))

    def walk(node: etree._Element) -> None:
        text(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                text(child.tail)  # a comment or processing instruction
                continue
            name = etree.QName(child).localname
            code = _code_number(child)
            if name == "g" and code:
                out.append(Piece("open", code=code, ctype=child.get("ctype", "")))
                walk(child)
                out.append(Piece("close", code=code, ctype=child.get("ctype", "")))
            elif name == "x" and code:
                out.append(Piece("code", code=code, ctype=child.get("ctype", "")))
            elif name == "mrk":
                walk(child)  # a marker some tools add: its text is the translation
            else:
                raise InlineError(f'<{name} id="{child.get("id", "")}">')
            text(child.tail)

    walk(element)
    return out


def _code_number(element: etree._Element) -> int:
    value = element.get("id", "")
    return int(value) if value.isdigit() and value != "0" else 0


def renumber(target: list[Piece], source: list[Piece]) -> list[Piece] | None:
    """Give a stored translation's codes the ids of the source's matching codes.

    A translation is kept as Markdown, so reading it back numbers its codes in its own
    order; codes are matched to the source's by what they are. None when one does not match.
    """
    free: dict[tuple[str, str, str, str], deque[int]] = defaultdict(deque)
    for piece in source:
        if piece.kind in ("open", "code"):
            free[(piece.kind, piece.ctype, piece.markdown, piece.after)].append(piece.code)
    mapping: dict[int, int] = {}
    out = []
    for piece in target:
        if piece.kind in ("open", "code"):
            ids = free.get((piece.kind, piece.ctype, piece.markdown, piece.after))
            if not ids:
                return None
            mapping[piece.code] = ids.popleft()
        if piece.kind == "text":
            out.append(piece)
        else:
            out.append(Piece(piece.kind, code=mapping[piece.code], ctype=piece.ctype))
    return out


def code_names(items: list[Piece]) -> str:
    names = sorted(
        (p.code, f'<{"g" if p.kind == "open" else "x"} id="{p.code}">')
        for p in items
        if p.kind in ("open", "code")
    )
    return ", ".join(name for _code, name in names) or "none"


def schema() -> etree.XMLSchema:
    """The OASIS XLIFF 1.2 strict schema, its import of xml.xsd pointed at the local copy."""
    folder = resources.files("builder.tools.translate") / "schemas"
    xsd = etree.fromstring((folder / "xliff-core-1.2-strict.xsd").read_bytes())
    local_xml = str(folder / "xml.xsd")
    for element in xsd.iter("{http://www.w3.org/2001/XMLSchema}import"):
        if element.get("namespace") == XML_NS:
            element.set("schemaLocation", local_xml)
    return etree.XMLSchema(xsd)


SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
