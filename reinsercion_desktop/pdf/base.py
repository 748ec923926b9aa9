"""Renderer base of every PDF: fonts, millimetre sizes, styles, the page frame, the build.

The flowables that fill a page (grids, tables, texts, signature boxes) are in `blocks`.

Renderers take plain data (strings in dataclasses) and never the ORM: services read and
format, this layer only draws (the shape of pretix's invoice renderer). Every page gets
the centre's header band and a footer with the confidentiality line, the form's version
and "Página n de m" (SPEC §5).
"""

import contextlib
import errno
import hashlib
import io
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
)

from reinsercion_desktop.paths import resources_dir

# -- sizes (all in points, named in millimetres) -------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 18 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 10 * mm  # paper edge → header band
MARGIN_BOTTOM = 9 * mm  # footer → paper edge
HEADER_HEIGHT = 27 * mm
FOOTER_HEIGHT = 13 * mm
BODY_GAP = 4 * mm  # between the bands and the body
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
CELL_PADDING = 1.0 * mm
SECTION_SPACE_BEFORE = 4 * mm
SIGNATURE_GAP = 8 * mm
SIGNATURE_HEIGHT = 32 * mm
SIGNATURE_MAX_WIDTH = 84 * mm  # a lone box is half the page, on the right
FILL_LINE_HEIGHT = 5.5 * mm  # a dotted line to write on by hand
BOX_SIZE = 3 * mm  # a box to tick
QR_SIZE = 13 * mm  # the footer's QR code (33 modules of ~0.4 mm: a phone reads it)
QR_X = MARGIN_LEFT
QR_Y = MARGIN_BOTTOM - 2 * mm
QR_GAP = 3 * mm  # QR → footer text
TITLE_SIZE = 13
TITLE_MIN_SIZE = 9

BODY_SIZE = 9.5
LABEL_SIZE = 8
SMALL_SIZE = 7.5

INK = colors.HexColor("#1b1d21")
MUTED = colors.HexColor("#52575f")
RULE = colors.HexColor("#7d838c")
SHADE = colors.HexColor("#e6eaef")
LIGHT_SHADE = colors.HexColor("#f3f5f7")
ACCENT = colors.HexColor("#2c4a6e")
WATERMARK = colors.HexColor("#9aa3ad")
BANNER = colors.HexColor("#a8251c")  # a header's warning line (an internal copy)
DRAFT_WATERMARK = "BORRADOR"

DEFAULT_CONFIDENTIALITY = (
    "Documento confidencial: contiene datos de salud y de justicia protegidos "
    "(RGPD art. 9). No lo deje a la vista ni lo envíe sin cifrar."
)

# -- fonts ---------------------------------------------------------------------------
FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
FONT_ITALIC = "NotoSans-Italic"
FONT_BOLD_ITALIC = "NotoSans-BoldItalic"
_FONT_FILES = {FONT: "NotoSans-Regular.ttf"} | {
    name: f"{name}.ttf" for name in (FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)
}
_font_lock = threading.Lock()


def register_fonts() -> None:
    """Register the shipped Noto Sans family once; TTFs are embedded, so accents print anywhere."""
    with _font_lock:  # renders may run in a worker thread
        if FONT_BOLD_ITALIC in pdfmetrics.getRegisteredFontNames():
            return
        folder = resources_dir() / "fonts"
        for name, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )


# -- paragraph styles ----------------------------------------------------------------
BODY = ParagraphStyle(
    "body", fontName=FONT, fontSize=BODY_SIZE, leading=13, textColor=INK, spaceAfter=2 * mm
)
VALUE = ParagraphStyle("value", parent=BODY, leading=12, spaceAfter=0)
COMPACT_VALUE = ParagraphStyle("compact_value", parent=VALUE, fontSize=LABEL_SIZE, leading=10)
LABEL = ParagraphStyle("label", fontName=FONT, fontSize=LABEL_SIZE, leading=10, textColor=MUTED)
CELL_HEADER = ParagraphStyle("cell_header", parent=LABEL, fontName=FONT_BOLD, textColor=INK)
SECTION = ParagraphStyle("section", fontName=FONT_BOLD, fontSize=10.5, leading=13, textColor=INK)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=SMALL_SIZE, leading=9.5, textColor=MUTED)
SIGNATURE_TITLE = ParagraphStyle("signature_title", parent=CELL_HEADER, fontSize=9, leading=11)


class FooterStamp(Protocol):
    """A form's stamp in every footer: a line, a QR code, a watermark on drafts.

    `form_renderer.FormStamp` is the one forms use.
    """

    @property
    def footer_text(self) -> str: ...

    @property
    def qr_payload(self) -> str: ...

    @property
    def is_draft(self) -> bool: ...


@dataclass(frozen=True, kw_only=True)
class DocumentHeader:
    """What every page of a document repeats: who issues it, what it is, which version."""

    centre_name: str
    title: str
    version: str  # the form's definition version, e.g. "Ficha v1"
    centre_code: str = ""
    entity: str = ""
    address_line: str = ""
    subtitle: str = ""
    record_id: str = ""
    confidentiality: str = DEFAULT_CONFIDENTIALITY
    stamp: FooterStamp | None = None  # forms: definition, record, hash and QR in the footer
    banner: str = ""  # bold, under the issuer's name on every page («COPIA INTERNA — …»)

    @property
    def short_record_id(self) -> str:
        return self.record_id[:8]


# -- the page frame ------------------------------------------------------------------
PAGE_FRAME = "page_frame"
PORTRAIT_TEMPLATE = "page"
LANDSCAPE_TEMPLATE = "landscape"  # a report's wide table (reports/pdf_file.py)


class NumberedCanvas(Canvas):
    """Keeps each page until the total is known, then draws header and footer on all."""

    def __init__(self, *args, header: DocumentHeader, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._header = header
        self._pending_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pending_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pending_pages)
        for state in self._pending_pages:
            self.__dict__.update(state)
            draw_page_frame(self, self._header, self._pageNumber, total)
            super().showPage()
        super().save()


def draw_page_frame(canvas: Canvas, header: DocumentHeader, page: int, total: int) -> None:
    """Header band and footer: what repeats is drawn once as a form object, then placed.

    Only "Página n de m" (and a draft's watermark) is drawn page by page; drawing the
    whole frame and its QR code again on every page was a third of a form's time. A
    landscape page (a report's wide table) gets a frame of its own, as wide as the page.
    """
    width, height = canvas._pagesize
    name = PAGE_FRAME if width <= height else f"{PAGE_FRAME}_landscape"
    ready: set[str] = canvas.__dict__.setdefault("_page_frames_ready", set())
    if name not in ready:
        canvas.beginForm(name)
        _draw_repeated_frame(canvas, header, total, width, height)
        canvas.endForm()
        ready.add(name)
    canvas.doForm(name)
    canvas.saveState()
    _text(
        canvas,
        width - MARGIN_RIGHT,
        MARGIN_BOTTOM,
        f"Página {page} de {total}",
        font=FONT_BOLD,
        align="right",
    )
    stamp = header.stamp
    if stamp is not None and stamp.is_draft:
        draw_watermark(canvas, DRAFT_WATERMARK)
    canvas.restoreState()


def _draw_repeated_frame(
    canvas: Canvas,
    header: DocumentHeader,
    total: int,
    page_width: float = PAGE_WIDTH,
    page_height: float = PAGE_HEIGHT,
) -> None:
    canvas.saveState()
    left, right, middle = MARGIN_LEFT, page_width - MARGIN_RIGHT, page_width / 2
    top = page_height - MARGIN_TOP
    content_width = right - left
    # Issuer: the centre on the left; its code, the form's version and the record on the right.
    right_lines = [
        f"Código de centro: {header.centre_code}" if header.centre_code else "",
        f"Modelo: {header.version}",
        f"Ref.: {header.short_record_id}" if header.record_id else "",
    ]
    left_width = content_width - 6 * mm - max(stringWidth(t, FONT, LABEL_SIZE) for t in right_lines)
    _text(
        canvas,
        left,
        top - 4.5 * mm,
        _fit(header.centre_name, FONT_BOLD, 11, left_width),
        font=FONT_BOLD,
        size=11,
    )
    left_lines = [(t, FONT, MUTED) for t in (header.entity, header.address_line) if t]
    if header.banner:
        left_lines = [(header.banner, FONT_BOLD, BANNER), *left_lines][:2]
    for row, (line, font, color) in enumerate(left_lines):
        line = _fit(line, font, LABEL_SIZE, left_width)
        _text(canvas, left, top - (8.6 + 3.6 * row) * mm, line, font=font, color=color)
    for row, line in enumerate(t for t in right_lines if t):
        _text(canvas, right, top - (4.3 + 3.6 * row) * mm, line, color=MUTED, align="right")
    _rule(canvas, top - 15 * mm, ACCENT, 1.2, right=right)
    # The document's title and subtitle, centred.
    title_size = _fitting_size(header.title.upper(), FONT_BOLD, TITLE_SIZE, content_width)
    title = _fit(header.title.upper(), FONT_BOLD, title_size, content_width)
    _text(canvas, middle, top - 20 * mm, title, font=FONT_BOLD, size=title_size, align="centre")
    subtitle = _fit(header.subtitle, FONT, 9, content_width)
    _text(canvas, middle, top - 24.5 * mm, subtitle, size=9, align="centre")
    _rule(canvas, top - HEADER_HEIGHT, right=right)
    # Footer: the confidentiality line (may wrap), then version, reference and page n of m;
    # a form's footer starts with its QR code and names definition, record and hash.
    footer_top = MARGIN_BOTTOM + FOOTER_HEIGHT
    _rule(canvas, footer_top, right=right)
    stamp = header.stamp
    text_left = left
    if stamp is not None:
        draw_qr(canvas, stamp.qr_payload, QR_X, QR_Y, QR_SIZE)
        text_left = QR_X + QR_SIZE + QR_GAP
    notice = paragraph(header.confidentiality, SMALL)
    _, notice_height = notice.wrap(right - text_left, FOOTER_HEIGHT)
    notice.drawOn(canvas, text_left, footer_top - 1 * mm - notice_height)
    widest_page_label = f"Página {total} de {total}"
    if stamp is not None:
        reference = stamp.footer_text
    else:
        reference = header.version
        if header.record_id:
            reference += f" · Ref. {header.short_record_id}"
    room = right - text_left - stringWidth(widest_page_label, FONT_BOLD, LABEL_SIZE) - 4 * mm
    reference = _fit(reference, FONT, SMALL_SIZE, room)
    _text(canvas, text_left, MARGIN_BOTTOM, reference, size=SMALL_SIZE, color=MUTED)
    canvas.restoreState()


@lru_cache(maxsize=32)
def qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of `payload`'s QR code, error correction M."""
    # Imported here: ReportLab's barcode package costs ~0.1 s, and the window's start-up
    # reaches this module through the services without printing anything.
    from reportlab.graphics.barcode.qr import QrCodeWidget

    code = QrCodeWidget(payload, barLevel="M", barBorder=0).qr
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code of `payload`, `size` square with no quiet zone (the margins give it room).

    Drawn as one path of dark runs, not through renderPDF, which would name Helvetica.
    """
    modules = qr_modules(payload)
    module = size / len(modules)
    path = canvas.beginPath()
    for row, cells in enumerate(modules):
        column = 0
        for dark, run in groupby(cells, key=bool):
            length = len(list(run))
            if dark:
                top = y + size - (row + 1) * module
                path.rect(x + column * module, top, length * module, module)
            column += length
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_watermark(canvas: Canvas, text: str) -> None:
    """Big, light, diagonal text across the page ("BORRADOR"); the page stays readable."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFillAlpha(0.25)
    page_width, page_height = canvas._pagesize
    canvas.translate(page_width / 2, page_height / 2)
    canvas.rotate(55)
    size = 96
    while size > 40 and stringWidth(text, FONT_BOLD, size) > max(page_width, page_height) * 0.8:
        size -= 4
    canvas.setFont(FONT_BOLD, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


def _text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    *,
    font: str = FONT,
    size: float = LABEL_SIZE,
    color: colors.Color = INK,
    align: str = "left",
) -> None:
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    draw = {
        "left": canvas.drawString,
        "right": canvas.drawRightString,
        "centre": canvas.drawCentredString,
    }[align]
    draw(x, y, text)


def _rule(
    canvas: Canvas,
    y: float,
    color: colors.Color = RULE,
    width: float = 0.5,
    *,
    right: float = PAGE_WIDTH - MARGIN_RIGHT,
) -> None:
    canvas.setStrokeColor(color)
    canvas.setLineWidth(width)
    canvas.line(MARGIN_LEFT, y, right, y)


def _fitting_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size down to TITLE_MIN_SIZE at which `text` fits (a long title shrinks)."""
    while size > TITLE_MIN_SIZE and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten with an ellipsis so a long name never runs into the next column."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# -- text ------------------------------------------------------------------------------
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Signs the embedded Noto Sans lacks (they printed as a blank: «fecha de alta  fecha de
# ingreso»), in the nearest characters it has.
MISSING_GLYPHS = str.maketrans({"\u2212": "-", "\u2264": "<=", "\u2265": ">="})


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text; fonts first, since parsing the style looks the family up."""
    register_fonts()
    return Paragraph(markup(text), style)


def markup(text: str) -> str:
    """User text as safe Paragraph markup: escaped, control characters dropped, line breaks kept."""
    lines = "\n".join(text.replace("\t", "    ").splitlines())
    clean = _CONTROL_CHARS.sub("", lines).translate(MISSING_GLYPHS)
    return escape(clean).replace("\n", "<br/>")


# -- building ------------------------------------------------------------------------
def body_size(*, landscape: bool = False) -> tuple[float, float]:
    """Width and height of the body frame of an A4 page, portrait or landscape."""
    page_width, page_height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    height = page_height - MARGIN_TOP - HEADER_HEIGHT - FOOTER_HEIGHT - MARGIN_BOTTOM - 2 * BODY_GAP
    return page_width - MARGIN_LEFT - MARGIN_RIGHT, height


def _page_template(*, landscape: bool) -> PageTemplate:
    width, height = body_size(landscape=landscape)
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM + FOOTER_HEIGHT + BODY_GAP,
        width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    if landscape:
        return PageTemplate(LANDSCAPE_TEMPLATE, [frame], pagesize=(PAGE_HEIGHT, PAGE_WIDTH))
    return PageTemplate(PORTRAIT_TEMPLATE, [frame], pagesize=A4)


def render_bytes(
    header: DocumentHeader,
    flowables: Iterable[Flowable],
    *,
    landscape: bool | None = None,
) -> bytes:
    """Lay the document out in memory (a layout error never touches the disk).

    `landscape`: None, portrait pages only; False, portrait first and landscape pages
    on offer (`NextPageTemplate(LANDSCAPE_TEMPLATE)`); True, the same starting landscape.
    """
    register_fonts()
    buffer = io.BytesIO()
    templates = [_page_template(landscape=False)]
    if landscape is not None:
        templates.append(_page_template(landscape=True))
        if landscape:
            templates.reverse()
    # Metadata stays generic: file browsers show it, and the subtitle may carry a name.
    # initialFontName: else every page names a non-embedded Helvetica.
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=header.title,
        author=header.centre_name,
        creator="Reinserción Desktop",
        initialFontName=FONT,
        pageTemplates=templates,
    )
    doc.build(list(flowables), canvasmaker=partial(NumberedCanvas, header=header))
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, then rename: a crash never leaves half a PDF behind.

    Never onto a device, a link or a folder (the rename would replace `/dev/full` itself):
    the services word it first (services/output_paths.py); this is the last guard."""
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def build_pdf(path: Path | str, header: DocumentHeader, flowables: Iterable[Flowable]) -> str:
    """Render and write the PDF; returns the SHA-256 (hex) of the bytes written.

    Raises OSError when the folder is missing or not writable; the caller words it.
    """
    data = render_bytes(header, flowables)
    write_atomically(Path(path), data)
    return hashlib.sha256(data).hexdigest()
