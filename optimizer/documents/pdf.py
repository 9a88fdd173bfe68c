"""The drawing of every document, on ReportLab's canvas: A4 pages, PDF core fonts, real text.

A `Sheet` is a document being drawn: text (left, right or centred, wrapped to a width), rules,
filled boxes, tables whose amount columns are right-aligned, bar charts from the PDF's own
rectangles, and a cursor `y` that flows down the page and onto a new one. Helvetica is one of the
PDF's 14 core fonts: nothing is embedded, so a page costs about a millisecond and 3 KB, and its
WinAnsi encoding holds €, the accents of Dutch (é, ë, ï) and the dashes and quotes of a letter.
A character outside it (Ł, ş, 中) is written as its letter without accent where there is one, else
as '?', so `pdftotext` reads back exactly what the page shows.
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

rl_config.useA85 = 0  # compressed streams as binary, not ASCII85 text too: 12% less time, 12% smaller files

__all__ = ["BOTTOM", "LEFT", "RIGHT", "TOP", "Bar", "Column", "Sheet", "plain"]

WIDTH, HEIGHT = A4
LEFT, RIGHT = 56.7, WIDTH - 56.7  # 20 mm margins
TOP, BOTTOM = HEIGHT - 48, 70  # the footer lives below BOTTOM
FONT, BOLD = "Helvetica", "Helvetica-Bold"
INK = (0.13, 0.15, 0.18)
GREY = (0.42, 0.45, 0.50)
LIGHT = (0.93, 0.94, 0.96)
RULE = (0.80, 0.82, 0.85)
ACCENT = (0.12, 0.31, 0.47)
PALE = (0.62, 0.66, 0.72)
WARN = (0.75, 0.12, 0.10)
Color = tuple[float, float, float]
_FOLD = str.maketrans("ŁłĐđıĦħŦŧ", "LlDdiHhTt")  # letters NFKD does not take apart


def plain(text: str) -> str:
    """Text the core fonts can write: WinAnsi (cp1252) as it is; other letters without their
    accents (NFKD), the rest '?'; line breaks and tabs as spaces."""
    text = str(text)
    if text.isprintable():
        try:
            text.encode("cp1252")
            return text
        except UnicodeEncodeError:
            pass
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
            continue
        if not ch.isprintable():
            continue
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch.translate(_FOLD))
                           if not unicodedata.combining(c))
            try:
                base.encode("cp1252")
                out.append(base or "?")
            except UnicodeEncodeError:
                out.append("?")
    return "".join(out)


def width(text: str, size: float, bold: bool = False) -> float:
    return float(stringWidth(text, BOLD if bold else FONT, size))


@dataclass(frozen=True)
class Column:
    """A table column: its header, its left edge x (text) or right edge x (amounts), and alignment."""

    header: str
    x: float
    align: str = "left"  # "left" (x is the left edge) or "right" (x is the right edge)
    wrap: float = 0.0  # left columns: the width to wrap to (0: no wrapping)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    color: Color = ACCENT
    text: str = ""  # printed at the end of the bar
    text_color: Color | None = None  # (default: the bar's)


class Sheet:
    """A document being drawn: `y` is where the next line goes; `space(h)` makes sure h points
    are left on this page, else turns to a new one (its header drawn again by `on_new_page`)."""

    def __init__(self, title: str, author: str = "", *, footer: str = "", page_text: str = "") -> None:
        self.buffer = io.BytesIO()
        self.c = Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(plain(title))
        if author:
            self.c.setAuthor(plain(author))
        self.c.setCreator("answer-plan")
        self.y = TOP
        self.page = 1
        self.footer = footer
        self.page_text = page_text  # "Page {n}" in the document's language
        self.on_new_page: Callable[[], None] | None = None
        self._state: tuple[str, float, Color] | None = None  # the canvas's font, size and colour, as last set

    # ----------------------------------------------------------------- text
    def text(self, x: float, y: float, text: str, size: float = 9, *, bold: bool = False, color: Color = INK,
             align: str = "left", measure: bool = False) -> float:
        """One line of text; returns its width (measured when aligned right or centred, or asked)."""
        s = plain(text)
        c = self.c
        state = (BOLD if bold else FONT, size, color)
        if state != self._state:
            if self._state is None or state[:2] != self._state[:2]:
                c.setFont(state[0], size)
            if self._state is None or color != self._state[2]:
                c.setFillColorRGB(*color)
            self._state = state
        w = width(s, size, bold) if measure or align != "left" else 0.0
        if align == "right":
            c.drawString(x - w, y, s)
        elif align == "center":
            c.drawString(x - w / 2, y, s)
        else:
            c.drawString(x, y, s)
        return w

    def lines(self, x: float, y: float, texts: Sequence[str], size: float = 9, *, leading: float = 0,
              bold_first: bool = False, bold: bool = False, color: Color = INK, align: str = "left",
              room: float = 0, smallest: float = 7) -> float:
        """Lines one under the other from y down; returns the y below the last. With `room`, a line
        wider than room is set smaller (down to 7 pt), then cut short with an ellipsis."""
        step = leading or size * 1.35
        for k, t in enumerate(texts):
            heavy = bold or (bold_first and k == 0)
            t, fit = plain(t), size
            while room and fit > smallest and width(t, fit, heavy) > room:
                fit -= 0.5
            while room and len(t) > 1 and width(t, fit, heavy) > room:
                t = t[:-2].rstrip() + "\u2026"
            self.text(x, y, t, fit, bold=heavy, color=color, align=align)
            y -= step
        return y

    @staticmethod
    def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
        """Words broken into lines no wider than room (a word wider than room on its own line)."""
        text = plain(text)
        if width(text, size, bold) <= room:
            return [text]
        out: list[str] = []
        line = ""
        for word in text.split():
            candidate = f"{line} {word}" if line else word
            if line and width(candidate, size, bold) > room:
                out.append(line)
                line = word
            else:
                line = candidate
        if line:
            out.append(line)
        return out or [""]

    def paragraph(self, text: str, size: float = 10, *, x: float = LEFT, room: float = RIGHT - LEFT,
                  color: Color = INK, bold: bool = False, after: float = 6) -> None:
        step = size * 1.4
        for line in self.wrap(text, size, room, bold):
            self.space(step)
            self.text(x, self.y, line, size, bold=bold, color=color)
            self.y -= step
        self.y -= after

    # ----------------------------------------------------------------- shapes
    def rule(self, x1: float, x2: float, y: float, color: Color = RULE, weight: float = 0.6) -> None:
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(weight)
        self.c.line(x1, y, x2, y)

    def box(self, x: float, y: float, w: float, h: float, color: Color = LIGHT) -> None:
        self.c.setFillColorRGB(*color)
        self._state = None
        self.c.rect(x, y, w, h, stroke=0, fill=1)

    def forget(self) -> None:
        """The canvas's state was changed directly (saveState/restoreState, a font): set it anew."""
        self._state = None

    # ----------------------------------------------------------------- flow
    def space(self, h: float) -> None:
        if self.y - h < BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self._finish_page(numbered=True)
        self.c.showPage()
        self._state = None
        self.page += 1
        self.y = TOP
        if self.on_new_page is not None:
            self.on_new_page()

    def _finish_page(self, numbered: bool) -> None:
        """The footer; the page's number when the document has more than one."""
        if self.footer:
            self.rule(LEFT, RIGHT, 52)
            self.lines(WIDTH / 2, 40, [self.footer], 7, color=GREY, align="center", room=RIGHT - LEFT, smallest=6)
        if self.page_text and numbered:
            self.text(RIGHT, 28, self.page_text.format(n=self.page), 7, color=GREY, align="right")

    def finish(self) -> bytes:
        self._finish_page(numbered=self.page > 1)
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()

    # ----------------------------------------------------------------- tables
    def table_header(self, columns: Sequence[Column], size: float = 8.5) -> None:
        self.space(40)
        h = size + 9
        self.box(LEFT, self.y - h + size + 1, RIGHT - LEFT, h)
        base = self.y - 2
        for col in columns:
            self.text(col.x, base, col.header, size, bold=True, color=GREY, align=col.align)
        self.y -= h + 4

    def row(self, columns: Sequence[Column], cells: Sequence[str], size: float = 9, *, bold: bool = False,
            color: Color = INK, step: float = 0, line_below: bool = False) -> None:
        """One table row; a left column with `wrap` breaks long text over lines (the row grows)."""
        step = step or size * 1.55
        texts = [self.wrap(cell, size, col.wrap, bold) if col.wrap else [plain(cell)]
                 for col, cell in zip(columns, cells, strict=True)]
        lines = max(len(t) for t in texts)
        self.space(step * lines + 2)
        for col, t in zip(columns, texts, strict=True):
            y = self.y
            for part in t:
                self.text(col.x, y, part, size, bold=bold, color=color, align=col.align)
                y -= size * 1.25
        self.y -= step + (lines - 1) * size * 1.25
        if line_below:
            self.rule(LEFT, RIGHT, self.y + step * 0.55, LIGHT)

    # ----------------------------------------------------------------- charts
    def hbars(self, bars: Sequence[Bar], *, x: float = LEFT, room: float = RIGHT - LEFT, label_room: float = 120,
              bar: float = 14, gap: float = 8, size: float = 9) -> None:
        """Horizontal bars from a common zero, each with its label on the left and its text at
        its end."""
        top = max((b.value for b in bars), default=Decimal(0))
        h = len(bars) * (bar + gap)
        self.space(h + 4)
        span = room - label_room - 70
        y = self.y
        for b in bars:
            self.text(x, y - bar + 4, b.label, size, color=INK)
            w = float(b.value / top) * span if top > 0 else 0.0
            self.box(x + label_room, y - bar, max(w, 0.8), bar, b.color)
            self.text(x + label_room + max(w, 0.8) + 6, y - bar + 4, b.text, size, bold=True,
                      color=b.text_color or b.color)
            y -= bar + gap
        self.y = y - 2

    def vbars(self, groups: Sequence[tuple[str, Sequence[Bar]]], legend: Sequence[tuple[str, Color]],
              axis: Callable[[Decimal], str], *, height: float = 110, size: float = 7) -> None:
        """Grouped vertical bars (a group per month) over a light grid, amounts on the left axis,
        a legend above."""
        self.space(height + 40)
        top = max((b.value for _, bars in groups for b in bars), default=Decimal(0))
        scale = _nice(top)
        x0, x1 = LEFT + 44, RIGHT
        ly = self.y
        lx = x0
        for name, color in legend:
            self.box(lx, ly - 7, 8, 8, color)
            lx += 12 + self.text(lx + 12, ly - 6, name, 8, color=INK, measure=True) + 14
        base = self.y - 20 - height
        for k in range(5):
            gy = base + height * k / 4
            self.rule(x0, x1, gy, LIGHT if k else RULE)
            self.text(x0 - 5, gy - 2.5, axis(scale * k / 4), size, color=GREY, align="right")
        slot = (x1 - x0) / max(len(groups), 1)
        for g, (label, bars) in enumerate(groups):
            n = max(len(bars), 1)
            bw = min(14.0, slot * 0.7 / n)
            start = x0 + g * slot + (slot - bw * n) / 2
            for i, b in enumerate(bars):
                bh = float(b.value / scale) * height if scale > 0 else 0.0
                self.box(start + i * bw, base, bw - 1, max(bh, 0.5), b.color)
            self.text(x0 + g * slot + slot / 2, base - 10, label, size, color=GREY, align="center")
        self.y = base - 22


def _nice(top: Decimal) -> Decimal:
    """The top of the axis: 1, 2, 2.5 or 5 times a power of ten, at or above the highest bar."""
    if top <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(top))) - 1)
    for step in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if step * power >= top:
            return step * power
    return 10 * power

