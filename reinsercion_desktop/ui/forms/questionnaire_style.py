"""The questionnaire's own look: large type and clear answers for the participant."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

BLUE, DARK_BLUE, GREY = "#1d5fa8", "#123e70", "#8a97a8"
ICON_SIZE, ICON_GAP = 40, 16

STYLE_SHEET = f"""
QuestionnaireDialog {{ background: #f6f7f9; }}
QLabel[role="section"] {{ font-size: 17pt; font-weight: 600; color: #1d3557; }}
QLabel[role="progress"] {{ font-size: 17pt; color: #3d4a5c; }}
QLabel[role="question"] {{ font-size: 24pt; color: #1f2933; }}
QLabel[role="heading"] {{ font-size: 28pt; font-weight: 600; color: #1d3557; }}
QLabel[role="body"] {{ font-size: 19pt; color: #1f2933; }}
QLabel[role="keys"] {{ font-size: 12pt; color: #5f6b7a; }}
QPushButton[role="answer"] {{
    font-size: 22pt; text-align: left; padding: 16px 28px; min-height: 56px;
    background: white; color: #1f2933; border: 2px solid {GREY}; border-radius: 14px;
}}
QPushButton[role="answer"]:hover {{ border-color: {BLUE}; background: #eef4fb; }}
QPushButton[role="answer"]:focus {{ border: 3px dashed {BLUE}; }}
QPushButton[role="answer"]:checked {{
    background: {BLUE}; color: white; font-weight: 600; border: 3px solid {DARK_BLUE};
}}
QPushButton[role="nav"], QPushButton[role="finish"] {{
    font-size: 18pt; padding: 12px 30px; min-width: 160px; border-radius: 10px;
    background: white; color: #1d3557; border: 2px solid {GREY};
}}
QPushButton[role="nav"]:disabled {{ color: #b8c0cc; border-color: #d5dbe3; }}
QPushButton[role="finish"], QPushButton#next_button {{
    background: {BLUE}; color: white; border: 2px solid {DARK_BLUE}; font-weight: 600;
}}
QPushButton[role="exit"] {{
    font-size: 12pt; padding: 6px 14px; background: transparent; color: #3d4a5c;
    border: 1px solid #c3cad4; border-radius: 6px;
}}
QPlainTextEdit {{
    font-size: 19pt; background: white; border: 2px solid {GREY}; border-radius: 10px; padding: 8px;
}}
QPlainTextEdit:focus {{ border-color: {BLUE}; }}
QListWidget {{ font-size: 17pt; background: white; border: 2px solid #d5dbe3; border-radius: 10px; }}
QListWidget::item {{ padding: 10px; border-bottom: 1px solid #eef1f5; }}
QProgressBar {{ background: #dfe4ea; border: none; border-radius: 4px; max-height: 8px; }}
QProgressBar::chunk {{ background: {BLUE}; border-radius: 4px; }}
"""


def _mark_icon(checked: bool, size: int = ICON_SIZE) -> QPixmap:
    """A round mark like a big radio button: an empty ring, or a white disc with a tick.

    The pixmap is wider than the mark: the transparent strip spaces it from the answer.
    """
    ratio = 2
    pixmap = QPixmap((size + ICON_GAP) * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ring = 3.0
    if checked:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(size / 2, size / 2), size / 2 - 1, size / 2 - 1)
        tick = QPainterPath(QPointF(size * 0.27, size * 0.52))
        tick.lineTo(size * 0.44, size * 0.69)
        tick.lineTo(size * 0.74, size * 0.34)
        pen = QPen(QColor(BLUE), size * 0.11)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    else:
        painter.setPen(QPen(QColor(GREY), ring))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(size / 2, size / 2), size / 2 - ring, size / 2 - ring)
    painter.end()
    return pixmap


def answer_icon() -> QIcon:
    icon = QIcon()
    icon.addPixmap(_mark_icon(False), QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(_mark_icon(True), QIcon.Mode.Normal, QIcon.State.On)
    return icon
