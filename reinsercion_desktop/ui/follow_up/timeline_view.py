"""The timeline picture: lanes of bars (what lasted) and markers (what happened), over time.

`TimelineCanvas` paints a `services.timeline.Timeline` with QPainter: the lanes as bands
named on the left (the names stay put while the picture scrolls), a time axis with month
ticks and years, spans as rounded bars (the label inside when it fits), points as markers
(diamond: review; square: deadline or appointment; circle: anything else; red overdue,
green achieved), a "hoy" line; tooltips on hover, Ctrl+wheel zooms around the pointer.
`TimelineWidget` adds the zoom buttons ("Todo", "Último año", "Últimos 3 meses").
"""

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.services.timeline import (
    DIAMOND,
    LANES,
    SQUARE,
    Point,
    Span,
    Timeline,
)
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
COLOURS = {
    # spans
    "stay": "#3f6fb0",
    "outing": "#a9cf7a",
    "waiting": "#c3c8d0",
    "plan": "#7a5ba6",
    "placement": "#e07b28",
    "resource": "#3aa0b8",
    # points
    "referral": "#6b7480",
    "objective": "#1d5fa8",
    "overdue": "#b3261e",
    "achieved": "#2e7d32",
    "review": "#7a5ba6",
    "interview": "#1d5fa8",
    "appointment": "#1d5fa8",
    "contact": "#3aa0b8",
    "conference": "#b86e00",
    "job": "#e07b28",
}
LANE_BACKGROUNDS = ("#ffffff", "#f5f7fa")
NAMES_WIDTH = 150
AXIS_HEIGHT = 40
BAR_HEIGHT = 18
ROW_GAP = 4
MARKER = 10
LANE_PADDING = 8
MARGIN_DAYS = 10
MIN_PX_PER_DAY, MAX_PX_PER_DAY = 0.05, 40.0
TODAY_COLOUR = "#b3261e"


def colour_of(name: str) -> QColor:
    return QColor(COLOURS.get(name, "#6b7480"))


def _ink_on(background: QColor) -> QColor:
    """Dark text on light bars, white on dark ones."""
    light = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1b1d21") if light > 160 else QColor("#ffffff")


def draw_marker(painter: QPainter, centre: QPointF, shape: str, colour: QColor) -> None:
    """A point's marker: diamond, square or circle, filled, with a white rim."""
    half = MARKER / 2
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.setBrush(colour)
    if shape == DIAMOND:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - half - 1),
                    QPointF(centre.x() + half + 1, centre.y()),
                    QPointF(centre.x(), centre.y() + half + 1),
                    QPointF(centre.x() - half - 1, centre.y()),
                ]
            )
        )
    elif shape == SQUARE:
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half, MARKER, MARKER))
    else:
        painter.drawEllipse(centre, half, half)


class TimelineCanvas(QAbstractScrollArea):
    """The painted picture; horizontal scrolling through the scroll area's bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_canvas")
        self.timeline: Timeline | None = None
        self.px_per_day = 2.0
        self.origin = date.today()
        self.days = 1
        self.fitting = False
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self._span_rows: dict[int, int] = {}  # id(span) → row in its lane
        self._lane_rows: dict[str, int] = {}
        self._lane_top: dict[str, int] = {}
        self.content_height = AXIS_HEIGHT

    # -- data and geometry -----------------------------------------------------------------

    def set_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.origin = timeline.start - timedelta(days=MARGIN_DAYS)
        self.days = (timeline.end - self.origin).days + 2 * MARGIN_DAYS
        self._pack()
        self.show_all()

    def _pack(self) -> None:
        """Each lane's spans on as few rows as they fit without overlapping (by date)."""
        assert self.timeline is not None
        self._span_rows.clear()
        y = AXIS_HEIGHT
        for lane in LANES:
            ends: list[date] = []
            for span in (s for s in self.timeline.spans if s.lane == lane):
                row = next((i for i, end in enumerate(ends) if end < span.start), len(ends))
                if row == len(ends):
                    ends.append(span.end)
                else:
                    ends[row] = span.end
                self._span_rows[id(span)] = row
            self._lane_rows[lane] = len(ends)
            self._lane_top[lane] = y
            y += self.lane_height(lane)
        self.content_height = y
        # As tall as the lanes, the "hoy" label and the scroll bar: no empty band below.
        height = y + 22 + self.horizontalScrollBar().sizeHint().height() + 2 * self.frameWidth()
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def lane_height(self, lane: str) -> int:
        rows = self._lane_rows.get(lane, 0)
        return 2 * LANE_PADDING + rows * (BAR_HEIGHT + ROW_GAP) + MARKER + 6

    def _points_y(self, lane: str) -> float:
        top = self._lane_top[lane] + LANE_PADDING
        return top + self._lane_rows[lane] * (BAR_HEIGHT + ROW_GAP) + MARKER / 2 + 2

    def plot_width(self) -> int:
        return max(1, self.viewport().width() - NAMES_WIDTH)

    def x_of(self, day: date) -> float:
        offset = self.horizontalScrollBar().value()
        return NAMES_WIDTH + (day - self.origin).days * self.px_per_day - offset

    def day_at(self, x: float) -> date:
        offset = self.horizontalScrollBar().value()
        return self.origin + timedelta(days=(x - NAMES_WIDTH + offset) / self.px_per_day)

    def span_rect(self, span: Span) -> QRectF:
        top = self._lane_top[span.lane] + LANE_PADDING
        top += self._span_rows[id(span)] * (BAR_HEIGHT + ROW_GAP)
        left = self.x_of(span.start)
        width = max(4.0, ((span.end - span.start).days + 1) * self.px_per_day)
        return QRectF(left, top, width, BAR_HEIGHT)

    def point_centre(self, point: Point) -> QPointF:
        return QPointF(self.x_of(point.day) + self.px_per_day / 2, self._points_y(point.lane))

    # -- zoom and scrolling ------------------------------------------------------------------

    def set_zoom(self, px_per_day: float, keep: date | None = None, at_x: float | None = None):  # type: ignore[no-untyped-def]
        """Zoom, keeping day `keep` under x `at_x` (by default the view's left edge)."""
        self.fitting = False
        keep = keep or self.day_at(NAMES_WIDTH)
        at_x = NAMES_WIDTH if at_x is None else at_x
        self.px_per_day = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, px_per_day))
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, int(self.days * self.px_per_day) - self.plot_width()))
        bar.setPageStep(self.plot_width())
        bar.setSingleStep(40)
        bar.setValue(int((keep - self.origin).days * self.px_per_day - (at_x - NAMES_WIDTH)))
        self.viewport().update()

    def show_all(self) -> None:
        self.set_zoom(self.plot_width() / max(1, self.days), self.origin)
        self.fitting = True  # a resize fits the whole picture again

    def show_last(self, days: int) -> None:
        """The last `days` up to today, and a little after it for what is coming."""
        today = self.timeline.today if self.timeline else date.today()
        ahead = max(14, days // 8)
        self.set_zoom(self.plot_width() / (days + ahead), today - timedelta(days=days))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        keep, fitting = self.day_at(NAMES_WIDTH), self.fitting
        super().resizeEvent(event)
        if fitting and self.timeline is not None:
            self.show_all()
        else:
            self.set_zoom(self.px_per_day, keep)

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            x = event.position().x()
            self.set_zoom(self.px_per_day * (1.25**steps), self.day_at(x), x)
        else:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - int(steps * bar.singleStep()))
        event.accept()

    # -- tooltips ------------------------------------------------------------------------

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """What is under the pointer: the nearest marker, else the bar; "" if nothing."""
        if self.timeline is None or pos.x() < NAMES_WIDTH:
            return ""
        near = [
            (abs(self.point_centre(p).x() - pos.x()), p)
            for p in self.timeline.points
            if abs(self.point_centre(p).x() - pos.x()) <= MARKER
            and abs(self.point_centre(p).y() - pos.y()) <= MARKER
        ]
        if near:
            near.sort(key=lambda pair: pair[0])
            return "\n\n".join(p.tooltip() for d, p in near if d <= near[0][0] + 1)
        for span in self.timeline.spans:
            if self.span_rect(span).adjusted(0, -2, 0, 2).contains(QPointF(pos)):
                return span.tooltip()
        return ""

    def viewportEvent(self, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.viewport().rect(), QColor("#ffffff"))
        if self.timeline is None or self.timeline.empty:
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                tr("Todavía no hay nada que mostrar en la línea de tiempo."),
            )
            return
        self._paint_lanes(painter)
        self._paint_axis(painter)
        painter.setClipRect(QRect(NAMES_WIDTH, 0, self.plot_width(), self.viewport().height()))
        for span in self.timeline.spans:
            self._paint_span(painter, span)
        for point in self.timeline.points:
            draw_marker(painter, self.point_centre(point), point.shape, colour_of(point.colour))
        self._paint_today(painter)
        painter.setClipping(False)
        self._paint_names(painter)

    def _paint_lanes(self, painter: QPainter) -> None:
        width = self.viewport().width()
        for index, lane in enumerate(LANES):
            band = QRect(0, self._lane_top[lane], width, self.lane_height(lane))
            painter.fillRect(band, QColor(LANE_BACKGROUNDS[index % 2]))
            painter.setPen(QPen(QColor("#e1e5eb"), 1))
            painter.drawLine(0, band.bottom(), width, band.bottom())

    def _months(self) -> list[date]:
        first, last = self.day_at(NAMES_WIDTH), self.day_at(self.viewport().width())
        month = date(first.year, first.month, 1)
        months = []
        while month <= last:
            months.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return months

    def _paint_axis(self, painter: QPainter) -> None:
        painter.fillRect(QRect(0, 0, self.viewport().width(), AXIS_HEIGHT), QColor("#eef1f5"))
        metrics = QFontMetrics(painter.font())
        month_px = 30 * self.px_per_day
        every = 1 if month_px >= 30 else 3 if month_px >= 12 else 12
        bottom = self.content_height
        for month in self._months():
            x = self.x_of(month)
            if x < NAMES_WIDTH:
                continue
            january = month.month == 1
            painter.setPen(QPen(QColor("#c9d0d9" if january else "#e6e9ee"), 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 8), QPointF(x, bottom))
            painter.setPen(QColor("#44505e"))
            if (month.month - 1) % every == 0 and every < 12:
                painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 8), MONTHS[month.month - 1])
            if january:
                self._year_label(painter, x, month.year, bold=True)
        # The first year on screen, when its January is off to the left.
        first = self.day_at(NAMES_WIDTH)
        next_jan = self.x_of(date(first.year + 1, 1, 1))
        if next_jan - NAMES_WIDTH > metrics.horizontalAdvance("0000") + 12:
            self._year_label(painter, NAMES_WIDTH, first.year, bold=True)

    def _year_label(self, painter: QPainter, x: float, year: int, *, bold: bool) -> None:
        font = QFont(painter.font())
        font.setBold(bold)
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor("#1d3557"))
        painter.drawText(QPointF(x + 3, 15), str(year))
        painter.restore()

    def _paint_span(self, painter: QPainter, span: Span) -> None:
        rect = self.span_rect(span)
        colour = colour_of(span.colour)
        path = QPainterPath()
        path.addRoundedRect(rect, 5, 5)
        painter.setPen(QPen(colour.darker(125), 1))
        painter.setBrush(colour)
        painter.drawPath(path)
        if span.open:  # still going on: a lighter end marks that it runs on
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour.lighter(140))
            painter.drawRect(QRectF(rect.right() - 5, rect.top() + 3, 3, rect.height() - 6))
        # The label inside the part on screen: whole, shortened with "…", or none at all
        # when even a few letters would not fit (the tooltip still has it).
        metrics = QFontMetrics(painter.font())
        visible = rect.intersected(QRectF(NAMES_WIDTH, 0, self.plot_width(), rect.bottom() + 1))
        room = int(visible.width()) - 10
        if room >= metrics.horizontalAdvance("Mmm…"):
            text = metrics.elidedText(span.label, Qt.TextElideMode.ElideRight, room)
            painter.setPen(_ink_on(colour))
            painter.drawText(
                visible.adjusted(6, 0, -4, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )

    def _paint_today(self, painter: QPainter) -> None:
        assert self.timeline is not None
        x = self.x_of(self.timeline.today) + self.px_per_day / 2
        painter.setPen(QPen(QColor(TODAY_COLOUR), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, AXIS_HEIGHT - 4), QPointF(x, self.content_height))
        painter.setPen(QColor(TODAY_COLOUR))
        # Under the lanes, where no year or month label can collide with it; on the left of
        # the line when today is at the right edge (as it usually is), so it is not cut off.
        label = tr("hoy")
        width = painter.fontMetrics().horizontalAdvance(label)
        left = x + 3 if x + 3 + width <= self.viewport().width() - 2 else x - 3 - width
        painter.drawText(QPointF(left, self.content_height + 14), label)

    def _paint_names(self, painter: QPainter) -> None:
        painter.fillRect(QRect(0, 0, NAMES_WIDTH, self.viewport().height()), QColor("#eef1f5"))
        painter.setPen(QPen(QColor("#c9d0d9"), 1))
        painter.drawLine(NAMES_WIDTH - 1, 0, NAMES_WIDTH - 1, self.content_height)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1d3557"))
        for lane in LANES:
            band = QRect(10, self._lane_top[lane], NAMES_WIDTH - 16, self.lane_height(lane))
            painter.drawText(
                band, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, tr(lane)
            )


class TimelineWidget(QWidget):
    """The picture and its zoom buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = TimelineCanvas(self)
        self.all_button = QPushButton(tr("Todo"))
        self.year_button = QPushButton(tr("Último año"))
        self.quarter_button = QPushButton(tr("Últimos 3 meses"))
        self.all_button.clicked.connect(self.canvas.show_all)
        self.year_button.clicked.connect(lambda: self.canvas.show_last(365))
        self.quarter_button.clicked.connect(lambda: self.canvas.show_last(92))
        hint = QLabel(tr("Ctrl + rueda del ratón: acercar o alejar"))
        hint.setWordWrap(True)  # a narrow window wraps it instead of widening the tab
        set_role(hint, "hint")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.all_button, self.year_button, self.quarter_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.canvas, 1)

    def set_timeline(self, timeline: Timeline) -> None:
        self.canvas.set_timeline(timeline)

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """The tooltip at `pos`, in the canvas's viewport coordinates."""
        return self.canvas.tooltip_at(pos)
