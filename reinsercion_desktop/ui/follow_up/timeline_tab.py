"""Tab "Línea de tiempo" of the participant's file: the picture and a legend.

The picture is as tall as its lanes; in a short window (430 px) the tab scrolls up and
down while the picture itself scrolls sideways.
"""

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from reinsercion_desktop.services.timeline import (
    CIRCLE,
    DIAMOND,
    SQUARE,
    Timeline,
    TimelineService,
)
from reinsercion_desktop.ui.follow_up.timeline_view import TimelineWidget, colour_of, draw_marker
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyTab

# (kind, colour class or shape, label): bars first, then markers.
LEGEND = (
    ("bar", "stay", tr("Estancia")),
    ("bar", "outing", tr("Salida")),
    ("bar", "waiting", tr("Lista de espera")),
    ("bar", "plan", tr("Plan")),
    ("bar", "placement", tr("Empleo")),
    ("bar", "resource", tr("Recurso")),
    (DIAMOND, "review", tr("Revisión")),
    (CIRCLE, "interview", tr("Entrevista, contacto o mesa")),
    (SQUARE, "objective", tr("Plazo o cita")),
    (SQUARE, "overdue", tr("Vencido")),
    (SQUARE, "achieved", tr("Conseguido")),
)
_SWATCH, _GAP = 22, 14


class TimelineLegend(QWidget):
    """What each colour and shape means, painted with the picture's own drawing code."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_legend")

    def _line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    def _places(self, width: int) -> list[tuple[float, float]]:
        """Where each entry starts (x, y), wrapping onto new lines within `width`."""
        metrics = QFontMetrics(self.font())
        x, y, places = 4.0, 4.0, []
        for _kind, _colour, label in LEGEND:
            entry = _SWATCH + 6 + metrics.horizontalAdvance(label)
            if x + entry > width and x > 4:
                x, y = 4.0, y + self._line_height()
            places.append((x, y))
            x += entry + _GAP
        return places

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(self._places(width)[-1][1] + self._line_height() + 4)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, self.heightForWidth(900))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.heightForWidth(max(200, self.width())))

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        half = self._line_height() / 2
        for (kind, colour, label), (x, y) in zip(LEGEND, self._places(self.width()), strict=True):
            centre = QPointF(x + _SWATCH / 2, y + half)
            if kind == "bar":
                painter.setPen(QPen(colour_of(colour).darker(125), 1))
                painter.setBrush(colour_of(colour))
                painter.drawRoundedRect(QRectF(x, centre.y() - 6, _SWATCH, 12), 4, 4)
            else:
                draw_marker(painter, centre, kind, colour_of(colour))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QPointF(x + _SWATCH + 6, centre.y() + 5), label)


class TimelineTab(LazyTab):
    def __init__(self, timeline: TimelineService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.timelines = timeline
        self.session = session
        self.setObjectName("timeline_tab")
        self.timeline: Timeline | None = None
        content = QWidget()
        self.timeline_widget = TimelineWidget(content)
        self.legend = TimelineLegend(content)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(8, 8, 8, 8)
        inner.addWidget(self.timeline_widget)
        inner.addWidget(self.legend)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("timeline_scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        self.timeline = self.timelines.of(self.participant_id, self.session.today())
        self.timeline_widget.set_timeline(self.timeline)
