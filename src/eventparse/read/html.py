"""HTML -> Document: the page's main content as lines of visible text, one block per line.

The main content is ``<main>`` (else ``[role=main]``, an ``<article>``, else
``<body>``), with a hero banner above it that holds the page's h1 when ``<main>``
has none, and a sidebar beside it that gives the event's date, venue or price.
Inside, page furniture is dropped: navigation, cookie banners, newsletter boxes,
share bars, hidden elements and "related events" cards that carry other events'
dates (by class, role or heading: ``vocab/html_boilerplate.json``). What remains
is laid out the way a careful copy into plain text would be: headings
``h1``-``h6`` (kind ``heading`` with their level; a short all-bold paragraph is a
heading of level 0), list items (``list_item``, after a ``- `` or ``1. `` marker
outside their span), ``dt``/``dd`` pairs, data-table rows and ``Key: value``
paragraphs as ``key_value`` lines, other paragraphs, ``<br>`` as a line break and
``<pre>`` with its own lines. A layout table (its own cells holding blocks, as in HTML
e-mail) is read as the blocks it holds, less a column of menu links; a data table
nested in it keeps its rows. An accordion's toggle button is a line (a speaker's
name); other buttons are dropped. The DOM is walked without recursion.

Machine-readable evidence goes to ``Document.structured``: JSON-LD and
microdata Events, and every ``<time datetime>`` in the content with the span
of its visible text. The visible text stays what extractors read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from eventparse import vocab
from eventparse.document import (
    BlockKind,
    Document,
    LayoutLine,
    StructuredEvent,
    document_from_lines,
)
from eventparse.read.text import BULLET, match_key_value
from eventparse.sections import fold, heading_kind

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "dd",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
BOLD_TAGS = frozenset({"strong", "b"})
LABEL_TAGS = frozenset({"strong", "b", "span", "em", "i", "label", "dfn", "abbr"})
CELL_BLOCKS = "div, ul, ol, table, h1, h2, h3, h4, h5, h6, dl, blockquote, address, p ~ p"
"""A table whose cells hold these (or two paragraphs) is for layout, as in HTML e-mail;
a data table's rows become key-value lines."""
MAX_HEADING_WORDS = 12
MAX_KEY_WORDS = 5
_SPACE = re.compile(r"\s+")  # includes the no-break space
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
# Old CMSs wrap a script's JSON in an HTML comment or a CDATA section.
_JSON_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def read_html(html: str) -> Document:
    """Read an HTML page (or fragment) into a Document of its main content.

    >>> doc = read_html("<nav>Home</nav><main><h1>Knife crime briefing</h1>"
    ...                 "<dl><dt>Date</dt><dd>3 March 2026</dd></dl>"
    ...                 "<ul><li>Social workers</li></ul></main>")
    >>> doc.text
    'Knife crime briefing\\nDate: 3 March 2026\\n- Social workers'
    >>> [(b.kind, b.key) for b in doc.blocks]
    [('heading', None), ('key_value', 'Date'), ('list_item', None)]
    """
    tree = LexborHTMLParser(html)
    structured = list(_json_ld_events(tree))
    root = _main_root(tree)
    dropped = _boilerplate_nodes(root) if root is not None else set()
    renderer = _Renderer(dropped)
    above: list[LayoutLine] = []
    lines: list[LayoutLine] = []
    if root is not None:
        above = _title_above(tree, root)
        if not above and root.css_first("h1") is None:
            renderer.prominent = _prominent_line(root, dropped)
        lines = above + renderer.render(root) + _detail_boxes_beside(tree, root)
    doc = document_from_lines(lines, "html")
    if renderer.addresses:  # an <address> element's lines, each (start, end), for the venue
        doc.extras["address_lines"] = [
            [(b.start, b.end) for b in doc.blocks[first + len(above):end + len(above)]]
            for first, end in renderer.addresses if end > first]
    if root is not None:  # microdata on related-event cards is other events' data
        structured += _microdata_events(root, dropped)
    doc.structured = structured + _time_evidence(doc)
    page_title = tree.css_first("title")
    if page_title is not None:
        doc.extras["html_title"] = _collapse(page_title.text(deep=True))
    return doc


# --- finding the main content -------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    skip_tags: frozenset[str]
    classes: re.Pattern[str]
    roles: frozenset[str]
    headings: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = vocab.load("html_boilerplate")
    return _Patterns(
        skip_tags=frozenset(data["skip_tags"]),
        classes=re.compile("|".join(f"(?:{p})" for p in data["class_patterns"])),
        roles=frozenset(data["drop_roles"]),
        headings=re.compile("|".join(f"(?:{p})" for p in data["heading_patterns"])),
    )


def _main_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the announcement: <main>, [role=main], one <article>, else <body>."""
    body = tree.body
    body_chars = len(body.text(deep=True, strip=True)) if body is not None else 0
    for selector in ("main", "[role=main]", "article"):
        found = tree.css(selector)
        if not found:
            continue
        sizes = [len(node.text(deep=True, strip=True)) for node in found]
        best_chars = max(sizes)
        # A <main> that wraps only a hero or a search box is not the content.
        if best_chars * 4 >= body_chars:
            return found[sizes.index(best_chars)]
    return body if body is not None else tree.root


def _boilerplate_nodes(root: LexborNode) -> set[int]:
    """Ids (``mem_id``) of the elements under ``root`` that are page furniture."""
    patterns = _patterns()
    h1 = _content_h1(root, patterns)
    protected = _ancestor_ids(h1) if h1 is not None else set()
    dropped: set[int] = set()
    for node in root.css("*"):
        if node.mem_id in protected or node.mem_id == root.mem_id:
            continue
        if _is_hidden(node) or _looks_like_furniture(node, patterns) or _is_menu_cell(node):
            dropped.add(node.mem_id)
    # A booking or search form beside the listing is furniture; a form that wraps the page
    # (ASP.NET sites put all of <body> in one, Google Forms the whole description) is not.
    root_chars = len(root.text(deep=True, strip=True))
    for form in root.css("form"):
        if form.mem_id not in protected and len(form.text(deep=True, strip=True)) * 2 < root_chars:
            dropped.add(form.mem_id)
    for level in ("h2", "h3", "h4", "h5", "h6"):
        for heading in root.css(level):
            if patterns.headings.match(fold(_collapse(heading.text(deep=True)))):
                dropped.update(_block_opened_by(heading, root, protected))
    return dropped


PROMINENT = "font[size], big, [style*=font-size], [class*=title], [class*=heading]"
"""Elements that may set a page's name in large or title-styled text (old CMS pages that
have no h1: ``<div class="contentheading"><font size="4"><b>...``)."""
MAX_PROMINENT_TRIED = 30
MAX_TITLE_WORDS = 20
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?:(\d+(?:\.\d+)?)\s*(px|pt|em|rem)|(x*-?large))")
_LARGE = {"px": 18.0, "pt": 14.0, "em": 1.2, "rem": 1.2}
"""The smallest font size, per unit, that sets text apart from body text."""


def _prominent_line(root: LexborNode, dropped: set[int]) -> int | None:
    """The ``mem_id`` of the first short, title-shaped line in large text, or in bold text
    styled as a title, when the page has no h1: it stands for the page's h1.

    >>> doc = read_html('<body><div class="module-title">Upcoming events</div>'
    ...     '<div class="contentheading"><font size="4"><b>Fathers in focus: a workshop</b>'
    ...     '</font></div><p>Date: 3 March 2026</p></body>')
    >>> [(b.kind, b.level, b.text) for b in doc.blocks][1]
    ('heading', 1, 'Fathers in focus: a workshop')
    """
    for node in root.css(PROMINENT)[:MAX_PROMINENT_TRIED]:
        if node.mem_id in dropped or _ancestor_ids(node) & dropped:
            continue
        inner = _innermost(node)
        text = _collapse(inner.text(deep=True))
        words = text.split()
        if not 2 <= len(words) <= MAX_TITLE_WORDS or text[-1] in ".;,!?:":
            continue
        if heading_kind(text) is not None or not (_is_large(node) or _is_bold(inner)):
            continue
        return inner.mem_id
    return None


def _innermost(node: LexborNode) -> LexborNode:
    """The deepest element that holds all of ``node``'s text (its only child, repeatedly)."""
    text = _collapse(node.text(deep=True))
    while True:
        children = _element_children(node)
        if len(children) != 1 or _collapse(children[0].text(deep=True)) != text:
            return node
        node = children[0]


def _is_large(node: LexborNode) -> bool:
    tag = node.tag or ""
    if tag == "big":
        return True
    size = node.attributes.get("size") or ""
    if tag == "font" and size:
        return size.startswith("+") or (size.isdigit() and int(size) >= 4)
    found = _FONT_SIZE.search((node.attributes.get("style") or "").lower())
    if found is None:
        return False
    if found.group(3):
        return True
    return float(found.group(1)) >= _LARGE[found.group(2)]


def _is_bold(node: LexborNode) -> bool:
    """Whether all of a node's text is bold: it is a b/strong or sits inside one."""
    current: LexborNode | None = node
    for _ in range(4):
        if current is None:
            return False
        if current.tag in BOLD_TAGS:
            return True
        current = current.parent
    return False


VALUE_BLOCKS = "div, p, br, ul, ol, table, h1, h2, h3, h4, h5, h6, dl, blockquote"
"""A value holding one of these has lines of its own: it stays under its label."""


def _element_children(node: LexborNode) -> list[LexborNode]:
    return [child for child in node.iter() if not (child.tag or "-").startswith("-")]


def _is_label_row(node: LexborNode) -> bool:
    """A row of two elements, a short 'Label:' and its value, laid out side by side as in a
    CMS's detail rows (``<div><div>When:</div><div>3 March</div></div>``); the value holds
    no lines of its own (a list or <br> lines under "Learning outcomes:" stay lines).

    >>> doc = read_html("<div><div>Where:</div><div>Online</div></div><div>Next</div>")
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('key_value', 'Where: Online'), ('paragraph', 'Next')]
    """
    children: list[LexborNode] = []
    for child in node.iter():
        if not (child.tag or "-").startswith("-"):
            children.append(child)
            if len(children) > 2:
                return False  # a wrapper of many blocks: the usual case, decided early
    if len(children) != 2 or children[0].tag not in ("div", "span", "label", "dt"):
        return False
    label = _collapse(children[0].text(deep=True))
    if len(label.split()) > MAX_KEY_WORDS:
        return False
    value = children[1]  # (css() may match the element itself)
    if not label.endswith(":") and not _is_field_label(children[0], label, value):
        return False
    return bool(value.text(deep=True).strip()) and all(
        inner.mem_id == value.mem_id for inner in value.css(VALUE_BLOCKS))


_LABEL_CLASS = re.compile(r"(?:^|[\s_-])label(?:$|[\s_-])")
MAX_FIELD_VALUE_WORDS = 20


def _is_field_label(label_node: LexborNode, label: str, value: LexborNode) -> bool:
    """A CMS field's label without its colon (the stylesheet adds it: Drupal's
    ``<div class="field__label">Cost</div><div class="field__item">Free</div>``) over a
    short value: a 'Key: value' line, not a section heading over the text after it.

    >>> doc = read_html('<div><div class="field__label">Cost</div>'
    ...     '<div class="field__item">Free to partners</div></div><p>Led by Ann Lee.</p>')
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('key_value', 'Cost: Free to partners'), ('paragraph', 'Led by Ann Lee.')]
    """
    names = (label_node.attributes.get("class") or "").lower()
    if not label or label[-1] in ".;,!?" or not _LABEL_CLASS.search(names):
        return False
    if heading_kind(label) is None:
        return False  # an unknown label ("Category") heads no section: its lines stay apart
    return len(_collapse(value.text(deep=True)).split()) <= MAX_FIELD_VALUE_WORDS


def _is_layout_table(table: LexborNode) -> bool:
    """Whether a table's own cells hold blocks (``CELL_BLOCKS``): a table for layout.
    A data table nested in a layout table's cell is judged by its own cells, not by the
    cell around it (a selector such as "td table" would match the data table itself).

    >>> doc = read_html("<table><tr><td><table><tr><td>Venue</td><td>Hall 2</td></tr>"
    ...                 "<tr><td>Day 2</td><td>4 March</td></tr></table></td></tr></table>")
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('key_value', 'Venue | Hall 2'), ('key_value', 'Day 2 | 4 March')]
    """
    for inner in table.css(CELL_BLOCKS):
        if inner.mem_id == table.mem_id:
            continue  # (css() may match the element itself)
        current = inner.parent
        while current is not None and current.mem_id != table.mem_id:
            if current.tag in ("td", "th"):
                return True  # a block inside one of this table's cells (or a nested one's)
            current = current.parent
    return False


_DISCLOSURE_CLASS = re.compile(r"accordion|collaps|disclosure")
MAX_TOGGLE_ANCESTORS = 3


def _is_disclosure_toggle(node: LexborNode) -> bool:
    """A <button> that opens and closes a panel (an accordion's header, often a speaker's
    name or a day's title): content, read as a line. An action button ("Book now") is not.

    >>> doc = read_html('<div class="accordion"><button aria-expanded="false">Dr Ann Lee'
    ...     '</button><div>Consultant</div></div><button type="submit">Book now</button>')
    >>> [b.text for b in doc.blocks]
    ['Dr Ann Lee', 'Consultant']
    """
    if node.tag != "button":
        return False
    if "aria-expanded" in node.attributes or "aria-controls" in node.attributes:
        return True
    current = node.parent
    for _ in range(MAX_TOGGLE_ANCESTORS):
        if current is None:
            return False
        names = " ".join(current.attributes.get(name) or "" for name in ("class", "id"))
        if _DISCLOSURE_CLASS.search(names.lower()):
            return True
        current = current.parent
    return False


MIN_MENU_LINKS = 3


def _is_menu_cell(node: LexborNode) -> bool:
    """A layout table's cell that holds only links, one a line (a nested table, a list or
    <br> lines): an old table-laid page's navigation column ("Home", "Contact us"), whose
    lines would otherwise read as the announcement's own headings.

    >>> doc = read_html("<table><tr><td><table><tr><td><a href=a>Home</a></td></tr>"
    ...     "<tr><td><a href=b>Courses</a></td></tr><tr><td><a href=c>Contact us</a></td></tr>"
    ...     "</table></td><td><p>Date: 3 March 2026</p><p>Venue: Hall 2</p></td></tr></table>")
    >>> [b.text for b in doc.blocks]
    ['Date: 3 March 2026', 'Venue: Hall 2']
    """
    if node.tag != "td":
        return False
    links = node.css("a")
    if len(links) < MIN_MENU_LINKS:
        return False
    if node.css_first("table, ul, ol") is None and len(node.css("br")) < MIN_MENU_LINKS - 1:
        return False
    link_chars = sum(len(_collapse(link.text(deep=True)).replace(" ", "")) for link in links)
    return link_chars >= len(_collapse(node.text(deep=True)).replace(" ", "")) > 0


def _content_h1(root: LexborNode, patterns: _Patterns) -> LexborNode | None:
    """The page's own h1: the first not inside site furniture (a masthead's site name)."""
    headings = root.css("h1")
    for heading in headings:
        if not _in_furniture(heading, patterns, root):
            return heading
    return headings[0] if headings else None


def _title_above(tree: LexborHTMLParser, root: LexborNode) -> list[LayoutLine]:
    """A hero banner above <main> that holds the page's h1 (and often its date), when
    <main> has no h1 of its own: the banner's lines come first."""
    body = tree.body
    if body is None or root.mem_id == body.mem_id or root.css_first("h1") is not None:
        return []
    h1 = _content_h1(body, _patterns())
    root_line = _ancestor_ids(root)
    if h1 is None or h1.mem_id in root_line or root.mem_id in _ancestor_ids(h1):
        return []
    banner = h1
    while banner.parent is not None and banner.parent.mem_id not in root_line:
        banner = banner.parent
    return _Renderer(_boilerplate_nodes(banner)).render(banner)


DETAIL_KINDS = frozenset({"schedule", "delivery", "price", "booking", "details"})
"""Section kinds whose lines make a box beside the main content part of the announcement."""


def _detail_boxes_beside(tree: LexborHTMLParser, root: LexborNode) -> list[LayoutLine]:
    """Lines of the sidebars outside the main content that give the event's own details
    (a 'Date:'/'Venue:' box beside <main>), in page order; other sidebars stay out."""
    patterns = _patterns()
    found: list[LayoutLine] = []
    for box in tree.css("aside, [role=complementary]"):
        if root.mem_id in _ancestor_ids(box) or _in_furniture(box, patterns):
            continue
        if _is_hidden(box) or _looks_like_furniture(box, patterns):
            continue
        heading = _first_heading(box)
        if heading is not None and patterns.headings.match(fold(_collapse(heading.text()))):
            continue
        lines = _Renderer(_boilerplate_nodes(box)).render(box)
        if any(_gives_details(line) for line in lines):
            found += lines
    return found


def _in_furniture(node: LexborNode, patterns: _Patterns, top: LexborNode | None = None) -> bool:
    """Whether an element above ``node`` (below ``top``, when given) is page furniture."""
    current = node.parent
    while current is not None and (top is None or current.mem_id != top.mem_id):
        if _looks_like_furniture(current, patterns):
            return True
        current = current.parent
    return False


def _gives_details(line: LayoutLine) -> bool:
    if line.kind == "key_value" and line.key_end is not None:
        return heading_kind(line.text[: line.key_end]) in DETAIL_KINDS
    return line.kind == "heading" and heading_kind(line.text) in DETAIL_KINDS


def _ancestor_ids(node: LexborNode) -> set[int]:
    ids: set[int] = set()
    current: LexborNode | None = node
    while current is not None:
        ids.add(current.mem_id)
        current = current.parent
    return ids


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search((attrs.get("style") or "").lower()))


def _looks_like_furniture(node: LexborNode, patterns: _Patterns) -> bool:
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in patterns.roles:
        return True
    if node.tag == "footer":
        return True
    names = " ".join(attrs.get(name) or "" for name in ("class", "id", "aria-label"))
    names = names.lower().replace("_", "-")  # BEM's event__share: 'share' is a word
    return bool(names.strip()) and patterns.classes.search(names) is not None


def _block_opened_by(heading: LexborNode, root: LexborNode, protected: set[int]) -> set[int]:
    """The heading's own container when it leads one, else the heading and its run of siblings."""
    parent = heading.parent
    if (parent is not None and parent.mem_id != root.mem_id and parent.mem_id not in protected
            and _same(_first_heading(parent), heading)):
        return {parent.mem_id}
    dropped = {heading.mem_id}
    level = HEADINGS[heading.tag or "h6"]
    sibling = heading.next
    while sibling is not None:
        if sibling.tag in HEADINGS and HEADINGS[sibling.tag or "h6"] <= level:
            break
        if sibling.mem_id in protected:
            break
        dropped.add(sibling.mem_id)
        sibling = sibling.next
    return dropped


def _same(node: LexborNode | None, other: LexborNode) -> bool:
    """Whether two wrappers are the same element (selectolax makes a new wrapper per lookup)."""
    return node is not None and node.mem_id == other.mem_id


def _first_heading(node: LexborNode) -> LexborNode | None:
    for child in node.css("h1, h2, h3, h4, h5, h6"):
        return child
    return None


# --- laying out the visible text ----------------------------------------------------------


@dataclass
class _Open:
    """A line being built: its pieces and what the renderer learned about them."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    kind: BlockKind | None = None
    level: int = 0
    marker: str = ""
    key_end: int | None = None
    value_start: int | None = None
    cells: int = 0
    data_cells: int = 0
    bold_chars: int = 0
    label_end: int | None = None
    preformatted: bool = False
    beside_break: bool = False  # a line that a <br> ends or begins
    times: list[tuple[int, int, str]] = field(default_factory=list)

    def ends_with_space(self) -> bool:
        return not self.pieces or self.pieces[-1].endswith(" ")


@dataclass
class _Ctx:
    """An open block element: the kind of line its text makes."""

    kind: BlockKind
    level: int = 0
    marker: str = ""
    ordered: bool = False
    counter: int = 0


class _Renderer:
    """Walks the DOM without recursion (deep pages must not overflow the stack)."""

    def __init__(self, dropped: set[int]) -> None:
        self.dropped = dropped
        self.prominent: int | None = None
        """The element that stands for a missing h1 (``_prominent_line``)."""
        self.skip_tags = _patterns().skip_tags
        self.lines: list[LayoutLine] = []
        self.line = _Open()
        self.context: list[_Ctx] = [_Ctx("paragraph")]
        self.bold_depth = 0
        self.inline_depth = 0  # > 0 inside a dt/dd or a data-table row: blocks run inline
        self.pre_depth = 0  # > 0 inside <pre>: line breaks and spacing are the text's own
        self.address_opened: list[int] = []  # line counts where open <address> elements began
        self.colonless_labels: set[int] = set()
        """A label row's labels that have no colon of their own (``_is_field_label``)."""
        self.addresses: list[tuple[int, int]] = []
        """(first, end) line indices of each <address> element's lines."""

    def render(self, root: LexborNode) -> list[LayoutLine]:
        stack: list[tuple[LexborNode, str, int]] = [(root, "", 0)]
        while stack:
            node, mode, start = stack.pop()
            if mode:
                self._leave(node, mode, start)
                continue
            tag = node.tag or ""
            if tag == "-text":
                self._text(node.text_content or "")
                continue
            if tag.startswith("-") or node.mem_id in self.dropped:
                continue
            if tag in self.skip_tags and not _is_disclosure_toggle(node):
                continue
            mode = self._enter(node, tag)
            start = self.line.length
            stack.append((node, mode, start))
            stack.extend((child, "", 0) for child in reversed(list(node.iter(include_text=True))))
        self._flush()
        return self.lines

    # entering and leaving elements: _enter says how to leave (the mode)

    def _enter(self, node: LexborNode, tag: str) -> str:
        if tag in BOLD_TAGS:
            self.bold_depth += 1
        if node.mem_id == self.prominent and not self.inline_depth:
            self._flush()
            self.context.append(_Ctx("heading", 1))
            return "block"
        if tag == "pre" and not self.inline_depth:
            self._enter_block(node, tag)
            self.pre_depth += 1
            return "pre"
        if tag == "br":
            if self.inline_depth:
                self._trim_trailing()  # "27 Mill Lane <br>": no space before the comma
                self._text(", ")
            else:
                self.line.beside_break = True
                self._flush()
                self.line.beside_break = True
            return "inline"
        if self.inline_depth and tag in ("td", "th"):
            self._cell_separator(tag)
            return "inline"
        if tag == "dd" and not self.inline_depth and node.css_first("ul, ol") is not None:
            # A value that is a list ("Learning outcomes" over a <ul>): the term is a line
            # of its own and each item stays an item, not one run-on value.
            return self._enter_block(node, tag)
        if tag == "dd":
            self._dd_separator()
            return "dd"
        if tag == "dt":
            self._flush()
            self.inline_depth += 1
            return "dt"
        if tag == "table" and not self.inline_depth and not _is_layout_table(node):
            self._flush()
            self.context.append(_Ctx("key_value"))
            self.inline_depth += 1
            return "data-table"
        if tag == "tr" and self.inline_depth and self.context[-1].kind == "key_value":
            self._flush()
            return "row"
        if tag == "address" and not self.inline_depth:
            self._enter_block(node, tag)
            self.address_opened.append(len(self.lines))
            return "address"
        if node.mem_id in self.colonless_labels:
            return "field-label"
        if tag == "div" and not self.inline_depth and _is_label_row(node):
            self._flush()
            self.inline_depth += 1  # "<div>Where:</div><div>Online</div>": one Key: value line
            label = _element_children(node)[0]
            if not _collapse(label.text(deep=True)).endswith(":"):
                self.colonless_labels.add(label.mem_id)  # its colon comes after it
            return "label-row"
        if tag in BLOCK_TAGS or tag == "button":  # (a button here is a disclosure toggle)
            return self._enter_block(node, tag)
        if tag == "time" and node.attributes.get("datetime"):
            return "time"
        return "label" if tag in LABEL_TAGS and self.line.length == 0 else "inline"

    def _enter_block(self, node: LexborNode, tag: str) -> str:
        if self.inline_depth:
            self._text(" ")
            return "inline"
        self._flush()
        parent = self.context[-1]
        if tag in ("ul", "ol"):
            first = node.attributes.get("start") or "1"
            self.context.append(_Ctx("paragraph", ordered=tag == "ol",
                                     counter=int(first) - 1 if first.isdigit() else 0))
        elif tag == "li":
            self.context.append(_Ctx("list_item", marker=self._next_marker(parent)))
        elif tag in HEADINGS:
            self.context.append(_Ctx("heading", HEADINGS[tag]))
        elif parent.kind == "list_item":
            self.context.append(parent)  # <li><p>...: the paragraph is the item's first line
        else:
            self.context.append(_Ctx("paragraph"))
        return "block"

    @staticmethod
    def _next_marker(parent: _Ctx) -> str:
        if parent.ordered:
            parent.counter += 1
            return f"{parent.counter}. "
        return "- "

    def _leave(self, node: LexborNode, mode: str, start: int) -> None:
        if (node.tag or "") in BOLD_TAGS:
            self.bold_depth -= 1
        if mode == "time":
            self.line.times.append((start, self.line.length,
                                    node.attributes.get("datetime") or ""))
        elif mode == "label" and start == 0:
            self.line.label_end = self.line.length
        elif mode == "dt":
            self.inline_depth -= 1
            self.line.key_end = self.line.length
        elif mode == "dd":
            self.inline_depth -= 1
        elif mode == "row":
            self._flush()
        elif mode == "field-label":
            self._trim_trailing()
            self._raw(": ")
        elif mode == "label-row":
            self._flush()
            self.inline_depth -= 1
        elif mode == "data-table":
            self._flush()
            self.inline_depth -= 1
            self.context.pop()
        elif mode in ("block", "address"):
            self._flush()
            self.context.pop()
            if mode == "address":
                self.addresses.append((self.address_opened.pop(), len(self.lines)))
        elif mode == "pre":
            self.pre_depth -= 1
            self._flush()
            self.context.pop()

    def _trim_trailing(self, chars: str = " ") -> None:
        line = self.line
        while line.pieces and line.pieces[-1][-1:] in tuple(chars):
            last = line.pieces.pop()
            line.length -= len(last)
            if last.rstrip(chars):
                line.pieces.append(last.rstrip(chars))
                line.length += len(last.rstrip(chars))
                break
        if line.key_end is not None:
            line.key_end = min(line.key_end, line.length)

    def _cell_separator(self, tag: str) -> None:
        line = self.line
        self._trim_trailing()
        line.cells += 1
        line.data_cells += tag == "td"
        if line.length == 0:
            return
        if line.key_end is None:
            line.key_end = line.length
            self._raw(" | ")
            line.value_start = line.length
        else:
            self._raw(" | ")

    def _dd_separator(self) -> None:
        line = self.line
        self._trim_trailing()
        if line.key_end is not None and line.value_start is None and line.length:
            self._raw(" " if "".join(line.pieces).rstrip().endswith(":") else ": ")
            line.value_start = line.length
        elif line.length and line.key_end is not None:
            self._raw("; ")  # a second value for the same term
        else:
            self._flush()  # a value with no term is a line of its own
        self.inline_depth += 1

    # text

    def _text(self, raw: str) -> None:
        if self.pre_depth or _laid_out_in_lines(raw):
            self._preformatted(raw)
            return
        text = _SPACE.sub(" ", _INVISIBLE.sub("", raw))
        if text and self.line.ends_with_space() and text.startswith(" "):
            text = text[1:]
        if text:
            self._raw(text, bold=self.bold_depth > 0)

    def _preformatted(self, raw: str) -> None:
        """Text in <pre> (a plain-text message in a mail archive): each line its own."""
        for index, segment in enumerate(_INVISIBLE.sub("", raw).split("\n")):
            if index:
                self._flush()
            if segment.strip():
                self._raw(segment.replace("\t", "    ").replace("\r", ""))
                self.line.preformatted = True

    def _raw(self, text: str, *, bold: bool = False) -> None:
        line = self.line
        if line.kind is None and text.strip():
            ctx = self.context[-1]
            line.kind, line.level, line.marker = ctx.kind, ctx.level, ctx.marker
            if ctx.kind == "list_item":  # a list item's later lines continue it as paragraphs
                ctx.kind, ctx.marker = "paragraph", ""
        line.pieces.append(text)
        line.length += len(text)
        if bold:
            line.bold_chars += len(text.strip())

    def _flush(self) -> None:
        done, self.line = self.line, _Open()
        if done.cells and not done.data_cells:
            done.key_end = done.value_start = None  # a header row is not a key and its value
        laid = _lay_out(done, "".join(done.pieces))
        if laid is not None:
            self.lines.append(laid)


def _lay_out(line: _Open, joined: str) -> LayoutLine | None:
    """The finished line, classified; None when it holds no text."""
    text = joined.rstrip()
    if not text.strip():
        return None
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    times = [(max(a - lead, 0), min(b - lead, len(text)), value) for a, b, value in line.times
             if b - lead > 0]
    kind: BlockKind = line.kind or "paragraph"
    key_end, value_start = _shift(line.key_end, lead), _shift(line.value_start, lead)
    if key_end is not None and value_start is not None and 0 < key_end < len(text):
        return LayoutLine(text, "key_value", key_end=key_end, value_start=value_start,
                          times=times)
    if kind == "heading":
        return LayoutLine(text, "heading", line.level, times=times)
    if line.label_end is not None:
        text, times, key_end, value_start = _label_as_key(text, times, line.label_end - lead)
        if key_end is not None:
            return LayoutLine(text, "key_value", key_end=key_end, value_start=value_start,
                              times=times)
    return _classified(text, kind, line, times)


def _shift(offset: int | None, lead: int) -> int | None:
    return None if offset is None else offset - lead


def _label_as_key(
    text: str, times: list[tuple[int, int, str]], label_end: int
) -> tuple[str, list[tuple[int, int, str]], int | None, int | None]:
    """'When Thursday 26 November': a known label in its own element, then its value."""
    label = text[:label_end].strip()
    rest = text[label_end:]
    if not label or label.endswith(":") or not rest.strip() or rest.lstrip().startswith(":"):
        return text, times, None, None
    if heading_kind(label) is None or len(label.split()) > 4:
        return text, times, None, None
    value = rest.lstrip()
    shift = len(label) + 2 - (len(text) - len(value))
    moved = [(a + shift, b + shift, v) for a, b, v in times]
    return f"{label}: {value}", moved, len(label), len(label) + 2


def _classified(text: str, kind: BlockKind, line: _Open,
                times: list[tuple[int, int, str]]) -> LayoutLine:
    """A paragraph or list line: 'Key: value' by the text reader's rule; short all-bold: heading;
    a numbered line set apart by <br> is a list item.

    >>> doc = read_html("<div>Outcomes<br>1. Describe the stages.<br>2) Write a report.</div>")
    >>> [(b.kind, b.text) for b in doc.blocks][1:]
    [('list_item', 'Describe the stages.'), ('list_item', 'Write a report.')]
    """
    # a plain-text bullet, or "1. Describe ...<br>2. Contribute ...": a list's marker, which
    # goes before the span, as the text reader does
    marker = ((BULLET.match(text) if line.preformatted else None)
              or (_NUMBERED.match(text) if line.beside_break and kind == "paragraph" else None))
    if marker:
        return LayoutLine(text[marker.end():], "list_item", marker=text[:marker.end()],
                          times=_moved(times, -marker.end()))
    key = key_value_split(text)
    if key is not None and (kind != "list_item" or heading_kind(text[: key[0]]) is not None):
        return LayoutLine(text, "key_value", key_end=key[0], value_start=key[1], times=times)
    if kind == "list_item":
        return LayoutLine(text, "list_item", marker=line.marker, times=times)
    if (line.bold_chars >= len(text.replace(" ", "")) and len(text.split()) <= MAX_HEADING_WORDS
            and text[-1] not in ".;,!?"):
        return LayoutLine(text, "heading", 0, times=times)
    return LayoutLine(text, "paragraph", times=times)


_NUMBERED = re.compile(r"\(?\d{1,2}[.)][ \t]+(?=\S)")


def _moved(times: list[tuple[int, int, str]], shift: int) -> list[tuple[int, int, str]]:
    return [(a + shift, b + shift, v) for a, b, v in times if a + shift >= 0]


def key_value_split(line: str) -> tuple[int, int] | None:
    """(key end, value start) of a 'Key: value' line by the text reader's pattern, else None.

    >>> key_value_split("Date: 3 March 2026"), key_value_split("At 10:00 sharp")
    ((4, 6), None)
    """
    found = match_key_value(line)
    if found is None or not 0 < len(found.group(1).split()) <= MAX_KEY_WORDS:
        return None
    return found.end(1), found.end()


# A line of its own in a text's source: a "Key: value" label or a bullet.
_SOURCE_LINE = re.compile(r"^[ \t]*(?:[A-Z][\w'’&/ ()-]{0,30}:[ \t]+\S|[-*•][ \t]+\S)",
                          re.MULTILINE)


def _laid_out_in_lines(raw: str) -> bool:
    """Text whose own line breaks carry its layout, shown by CSS (white-space: pre-wrap)
    rather than by tags: a form's description, a pasted e-mail. Several labelled or
    bulleted lines in one text node say so; wrapped prose in the source does not."""
    return raw.count("\n") >= 3 and len(_SOURCE_LINE.findall(raw)) >= 3


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


# --- structured evidence ------------------------------------------------------------------


def _time_evidence(doc: Document) -> list[StructuredEvent]:
    """Each <time datetime> in the content, with the span of its visible text."""
    spans: list[tuple[int, int, str]] = doc.extras.pop("time_spans", [])
    return [StructuredEvent(source="time", start=value.strip(), text=doc.text[a:b], span=(a, b))
            for a, b, value in spans if value.strip()]


def _json_ld_events(tree: LexborHTMLParser) -> Iterator[StructuredEvent]:
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(_JSON_WRAPPER.sub("", script.text(deep=True)), strict=False)
        except (ValueError, RecursionError):
            continue  # a broken block is the page's problem, not a reason to fail
        for item in _json_ld_items(data):
            yield _structured_from_json_ld(item)


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """Event objects in a JSON-LD value: top level, in a list or in an @graph."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending.extend(reversed(value))
        elif isinstance(value, dict):
            if _is_event_type(value.get("@type")):
                yield value
            elif "@graph" in value:
                pending.append(value["@graph"])


def _is_event_type(value: Any) -> bool:
    types = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].endswith("Event") for t in types)


def _structured_from_json_ld(item: dict[str, Any]) -> StructuredEvent:
    return StructuredEvent(
        source="json-ld",
        name=_string(item.get("name")),
        start=_string(item.get("startDate")),
        end=_string(item.get("endDate")),
        location=_location_name(item.get("location")),
        attendance_mode=_attendance(_string(item.get("eventAttendanceMode"))),
    )


def _string(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, (str, int, float)):
        text = _collapse(str(value))
        return text or None
    return None


def _location_name(value: Any) -> str | None:
    """A schema.org location as one line: the place's name and its address, ", "-joined.
    Of a list (a Place and a VirtualLocation for a hybrid event) the first physical place.

    >>> _location_name([{"@type": "VirtualLocation", "url": "https://x.org/live"},
    ...                 {"@type": "Place", "name": "Hall 2", "address": {
    ...                  "streetAddress": "1 Mill Lane", "addressLocality": "Leeds",
    ...                  "postalCode": "LS1 1AA"}}])
    'Hall 2, 1 Mill Lane, Leeds LS1 1AA'
    >>> _location_name({"name": "Hall 2", "address": "Hall 2, 1 Mill Lane, Leeds"})
    'Hall 2, 1 Mill Lane, Leeds'
    """
    places = value if isinstance(value, list) else [value]
    physical = [place for place in places if not _is_virtual_location(place)]
    value = (physical or places or [None])[0]
    if not isinstance(value, dict):
        return _string(value)
    name = _string(value.get("name"))
    address = _address_text(value.get("address"))
    if name and address and _opens_with(", ".join(address), name):
        return ", ".join(address)  # an address that opens with the place's name already
    if name and address:
        return ", ".join([name, *(part for part in address if part.lower() not in name.lower())])
    if address:
        return ", ".join(address)
    return name or _string(value.get("url"))


def _opens_with(text: str, name: str) -> bool:
    """Whether ``text`` opens with ``name`` as whole words ("Hall 2, ..." yes, "Hall 20" no)."""
    head = text[: len(name)]
    rest = text[len(name):len(name) + 1]
    return head.lower() == name.lower() and not rest.isalnum()


def _is_virtual_location(value: Any) -> bool:
    """A VirtualLocation, or a bare link: where to join online, not a place."""
    if isinstance(value, str):
        return "://" in value
    if not isinstance(value, dict):
        return False
    types = value.get("@type")
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1] == "VirtualLocation"
               for t in (types if isinstance(types, list) else [types]))


def _address_text(value: Any) -> list[str]:
    """A PostalAddress as its lines: the street, then the town with its postcode
    ("Leeds LS1 1AA"); a plain string as it is. The country is left out."""
    if not isinstance(value, dict):
        text = _string(value)
        return [text] if text else []
    street = _string(value.get("streetAddress"))
    town = " ".join(t for t in (_string(value.get("addressLocality")),
                                _string(value.get("postalCode"))) if t)
    return [line for line in (street, town) if line]


def _attendance(value: str | None) -> str | None:
    """schema.org's attendance mode as the Event's delivery mode."""
    if not value:
        return None
    name = value.rsplit("/", 1)[-1].lower()
    for prefix, mode in (("online", "online"), ("offline", "in_person"), ("mixed", "hybrid")):
        if name.startswith(prefix):
            return mode
    return None


def _microdata_events(root: LexborNode, dropped: set[int]) -> Iterator[StructuredEvent]:
    for scope in root.css("[itemscope][itemtype]"):
        if not _is_event_type((scope.attributes.get("itemtype") or "").split()):
            continue
        if _ancestor_ids(scope) & dropped:
            continue
        props: dict[str, str] = {}
        for prop in scope.css("[itemprop]"):
            if not _same(_owning_scope(prop), scope):
                continue
            name = (prop.attributes.get("itemprop") or "").strip()
            value = _microdata_location(prop) if name == "location" else _microdata_value(prop)
            if name and value:
                props.setdefault(name, value)
        yield StructuredEvent(
            source="microdata", name=props.get("name"), start=props.get("startDate"),
            end=props.get("endDate"), location=props.get("location"),
            attendance_mode=_attendance(props.get("eventAttendanceMode")),
        )


def _microdata_location(node: LexborNode) -> str:
    """A location item (a Place with a PostalAddress) as one line, like JSON-LD's: its
    name and address parts joined by ", "; else the element's text."""
    if "itemscope" not in node.attributes:
        return _microdata_value(node)
    parts: dict[str, str] = {}
    for name in ("name", "streetAddress", "addressLocality", "postalCode"):
        found = node.css_first(f'[itemprop~="{name}"]')
        if found is not None:
            parts[name] = _microdata_value(found)
    place = {"name": parts.pop("name", None), "address": parts}
    return _location_name(place) or _microdata_value(node)


def _owning_scope(node: LexborNode) -> LexborNode | None:
    current = node.parent
    while current is not None and "itemscope" not in current.attributes:
        current = current.parent
    return current


def _microdata_value(node: LexborNode) -> str:
    attrs = node.attributes
    for name in ("content", "datetime"):
        if attrs.get(name):
            return (attrs.get(name) or "").strip()
    if node.tag in ("a", "link") and attrs.get("href"):
        return attrs.get("href") or ""
    return _collapse(node.text(deep=True))
