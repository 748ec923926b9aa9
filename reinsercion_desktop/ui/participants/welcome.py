"""What the centre of the window shows before a file is opened: the centre at a glance."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import ParticipantStatus
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

SHORTCUTS = (
    ("Ctrl+F", tr("buscar una ficha (sin acentos: «nunez» encuentra «Núñez»)")),
    ("Ctrl+N", tr("nueva ficha")),
    ("Ctrl+S", tr("guardar la ficha abierta")),
    ("Ctrl+P", tr("imprimir la ficha abierta en PDF")),
    ("Ctrl+L", tr("bloquear la sesión al levantarse del puesto")),
)


def _card(number: int, label: str) -> QFrame:
    card = QFrame()
    card.setStyleSheet(
        "QFrame { background: white; border: 1px solid #d5dbe3; border-radius: 6px; }"
    )
    layout = QVBoxLayout(card)
    value = QLabel(str(number))
    value.setStyleSheet("font-size: 22pt; font-weight: 600; color: #1d3557; border: none;")
    caption = QLabel(label)
    caption.setStyleSheet("color: #5f6b7a; border: none;")
    layout.addWidget(value, alignment=Qt.AlignmentFlag.AlignHCenter)
    layout.addWidget(caption, alignment=Qt.AlignmentFlag.AlignHCenter)
    return card


class WelcomePage(QScrollArea):
    """The page scrolls: the centre of a 1366×768 window may be ~760×430."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.title_label = QLabel()
        set_role(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.cards = QHBoxLayout()
        self.viviendas_grid = QGridLayout()
        hint = QLabel(tr("Elija una ficha en la lista de participantes, o cree una nueva."))
        set_role(hint, "hint")
        shortcuts = QGridLayout()
        for row, (keys, text) in enumerate(SHORTCUTS):
            key_label = QLabel(f"<b>{keys}</b>")
            shortcuts.addWidget(key_label, row, 0)
            shortcuts.addWidget(QLabel(text), row, 1)
        shortcuts.setColumnStretch(1, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title_label)
        layout.addSpacing(12)
        layout.addLayout(self.cards)
        layout.addSpacing(16)
        viviendas_title = QLabel(tr("Viviendas y plazas"))
        viviendas_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(viviendas_title)
        layout.addLayout(self.viviendas_grid)
        layout.addSpacing(16)
        layout.addWidget(hint)
        layout.addLayout(shortcuts)
        layout.addStretch()

    def set_summary(
        self, name: str, counts: dict[str, int], viviendas: list[tuple[str, int, int, int]]
    ) -> None:
        self.title_label.setText(name)
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for status in ParticipantStatus:
            self.cards.addWidget(_card(counts.get(status.value, 0), status.label))
        self.cards.addWidget(_card(counts.get("archived", 0), tr("Archivadas")))
        while self.viviendas_grid.count():
            item = self.viviendas_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        headers = (tr("Vivienda"), tr("Hombres"), tr("Mujeres"), tr("Mixtas"))
        for column, text in enumerate(headers):
            label = QLabel(text)
            set_role(label, "hint")
            self.viviendas_grid.addWidget(label, 0, column)
        shown = viviendas[:12]
        for row, (vivienda, men, women, mixed) in enumerate(shown, start=1):
            for column, text in enumerate((vivienda, str(men), str(women), str(mixed))):
                self.viviendas_grid.addWidget(QLabel(text), row, column)
        if len(viviendas) > len(shown):
            more = QLabel(tr("… y {n} viviendas más").format(n=len(viviendas) - len(shown)))
            set_role(more, "hint")
            self.viviendas_grid.addWidget(more, len(shown) + 1, 0)
        self.viviendas_grid.setColumnStretch(0, 1)
