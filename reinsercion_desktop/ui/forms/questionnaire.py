"""Anexo VII en pantalla: the participant answers alone, one large question at a time.

Made for someone who may read with difficulty: big type, the three answers as three big
buttons in the order the definition prints them, one step at a time, nothing personal on
screen (the questionnaire is anonymous). Keys: 1/2/3 choose the first/second/third answer
shown, Left/Backspace go back, Right/Enter go on, Esc asks before leaving.

Only the participant's part is asked (scale items and open questions); the header
(dates, age…) is filled by staff in the form editor. Open with `open()` and then
`showFullScreen()`; `answers()` holds what was answered even when the person leaves early,
for the caller to keep as a draft.
"""

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.forms.schema import FieldDef, FormDefinition
from reinsercion_desktop.ui.forms.questionnaire_style import (
    ICON_GAP,
    ICON_SIZE,
    STYLE_SHEET,
    answer_icon,
)
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

START, ITEM, TEXT, REVIEW = "start", "item", "text", "review"
ANSWER_KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter}
BACK_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Backspace}
COLUMN_WIDTH = 900
WINDOW_SIZE = QSize(1280, 800)  # before it goes full screen; never more than the screen has


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    set_role(label, role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _centred(column: QWidget) -> QWidget:
    """Keep lines short on a wide screen: a column of at most COLUMN_WIDTH, centred."""
    column.setMaximumWidth(COLUMN_WIDTH)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(24, 0, 24, 0)
    row.addStretch(1)
    row.addWidget(column, 100)
    row.addStretch(1)
    return holder


class QuestionnaireDialog(QDialog):
    """Cuestionario de percepciones del tratamiento (Anexo VII), a full-screen questionnaire."""

    def __init__(
        self, definition: FormDefinition, data: dict[str, Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.definition = definition
        self.items = [field for field in definition.fields() if field.kind == "scale_item"]
        self.texts = [field for field in definition.fields() if field.kind == "long_text"]
        self.pages: list[tuple[str, FieldDef | None]] = [
            (START, None),
            *((ITEM, field) for field in self.items),
            *((TEXT, field) for field in self.texts),
            (REVIEW, None),
        ]
        self.answer_groups: dict[str, QButtonGroup] = {}
        self.answer_buttons: dict[str, list[QPushButton]] = {}
        self.text_edits: dict[str, QPlainTextEdit] = {}
        self.setWindowTitle(tr("Cuestionario"))
        self.setStyleSheet(STYLE_SHEET)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._icon = answer_icon()

        self.section_label = _label("", "section")
        self.progress_label = _label("", "progress")
        self.progress_label.setObjectName("progress_label")
        self.progress_label.setWordWrap(False)
        self.exit_button = self._button(tr("Salir"), "exit")
        self.exit_button.clicked.connect(self.reject)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setRange(0, len(self.pages) - 1)
        top = QHBoxLayout()
        top.addWidget(self.section_label, 1)
        top.addWidget(self.progress_label)
        top.addSpacing(24)
        top.addWidget(self.exit_button)

        self.stack = QStackedWidget()
        for kind, field in self.pages:
            if kind == START:
                page = self._start_page()
            elif kind == ITEM and field is not None:
                page = self._item_page(field, data.get(field.id))
            elif kind == TEXT and field is not None:
                page = self._text_page(field, data.get(field.id))
            else:
                page = self._review_page()
            self.stack.addWidget(_centred(page))

        self.back_button = self._button(tr("Anterior"), "nav")
        self.back_button.setObjectName("back_button")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = self._button(tr("Siguiente"), "nav")
        self.next_button.setObjectName("next_button")
        self.next_button.clicked.connect(self.go_next)
        self.finish_button = self._button(tr("Terminar"), "finish")
        self.finish_button.setObjectName("finish_button")
        self.finish_button.clicked.connect(self.accept)
        self.keys_label = _label("", "keys")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.keys_label, 1)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 28)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.progress_bar)
        layout.addSpacing(24)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen else WINDOW_SIZE
        self.resize(WINDOW_SIZE.boundedTo(room))
        self.go_to(0)

    # -- building ---------------------------------------------------------------------------

    def _button(self, text: str, role: str) -> QPushButton:
        button = QPushButton(text)
        set_role(button, role)
        button.setAutoDefault(False)  # Enter moves on; it never presses a button by surprise
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves no focus frame behind
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.installEventFilter(self)
        return button

    def _start_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(_label(tr("Cuestionario sobre su tratamiento"), "heading"))
        column.addSpacing(16)
        for text in (
            tr(
                "Nos interesa mucho conocer su opinión sobre el tratamiento en este programa. Sus opiniones son confidenciales."
            ),
            tr(
                "Verá una pregunta cada vez. Toque la respuesta que más se acerque a lo que piensa y después pulse «Siguiente»."
            ),
            tr(
                "Puede dejar preguntas sin contestar. Si tiene alguna dificultad, pida ayuda a un miembro del equipo."
            ),
        ):
            column.addWidget(_label(text, "body"))
            column.addSpacing(10)
        column.addStretch(1)
        return page

    def _item_page(self, field: FieldDef, value: Any) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(18)
        column.addWidget(_label(field.label, "question"))
        if field.help:
            column.addWidget(_label(field.help, "keys"))
        column.addSpacing(12)
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons = []
        for position, option in enumerate(field.options):
            button = self._button(option.label, "answer")
            button.setObjectName(f"answer_{field.id}_{position + 1}")
            button.setCheckable(True)
            button.setIcon(self._icon)
            button.setIconSize(QSize(ICON_SIZE + ICON_GAP, ICON_SIZE))
            button.setProperty("score", option.score)
            button.setAccessibleName(option.label)
            group.addButton(button, position)
            column.addWidget(button)
            buttons.append(button)
            if _as_score(value) == option.score:
                button.setChecked(True)
        column.addStretch(1)
        self.answer_groups[field.id] = group
        self.answer_buttons[field.id] = buttons
        return page

    def _text_page(self, field: FieldDef, value: Any) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(18)
        column.addWidget(_label(field.label, "question"))
        edit = QPlainTextEdit(str(value) if isinstance(value, str) else "")
        edit.setObjectName(f"text_{field.id}")
        edit.setPlaceholderText(tr("Escriba aquí. Puede dejarlo en blanco."))
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(220)
        column.addWidget(edit, 1)
        self.text_edits[field.id] = edit
        return page

    def _review_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(14)
        column.addWidget(_label(tr("Revisar y terminar"), "heading"))
        self.review_summary = _label("", "body")
        self.review_summary.setObjectName("review_summary")
        column.addWidget(self.review_summary)
        self.review_list = QListWidget()
        self.review_list.setObjectName("review_list")
        self.review_list.setWordWrap(True)
        self.review_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.review_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.review_list.installEventFilter(self)
        self.review_list.itemClicked.connect(self._review_item_chosen)
        self.review_list.itemActivated.connect(self._review_item_chosen)
        column.addWidget(self.review_list, 1)
        column.addWidget(
            _label(tr("Cuando quiera, pulse «Terminar». ¡Muchas gracias por su ayuda!"), "body")
        )
        return page

    # -- moving -----------------------------------------------------------------------------

    @property
    def current_index(self) -> int:
        return self.stack.currentIndex()

    @property
    def current_kind(self) -> str:
        return self.pages[self.current_index][0]

    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        self.stack.setCurrentIndex(index)
        kind, field = self.pages[index]
        self.section_label.setText(
            self.definition.section_of(field.id).title if field is not None else ""
        )
        if kind == ITEM and field is not None:
            number = self.items.index(field) + 1
            progress = tr("Pregunta {n} de {total}").format(n=number, total=len(self.items))
            keys = tr(
                "También puede usar las teclas 1, 2 y 3 para responder, y las flechas para avanzar o volver."
            )
        elif kind == TEXT and field is not None:
            number = self.texts.index(field) + 1
            progress = tr("Pregunta abierta {n} de {total}").format(n=number, total=len(self.texts))
            keys = ""
        else:
            progress = keys = ""
        self.progress_label.setText(progress)
        self.keys_label.setText(keys)
        self.progress_bar.setValue(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setText(tr("Empezar") if kind == START else tr("Siguiente"))
        self.next_button.setVisible(kind != REVIEW)
        self.finish_button.setVisible(kind == REVIEW)
        if kind == REVIEW:
            self._refresh_review()
        if kind == TEXT and field is not None:
            self.text_edits[field.id].setFocus()
        else:
            self.setFocus()

    def go_next(self) -> None:
        self.go_to(self.current_index + 1)

    def go_back(self) -> None:
        self.go_to(self.current_index - 1)

    def choose(self, position: int) -> None:
        """Answer the question shown with its first (0), second (1) or third (2) answer."""
        kind, field = self.pages[self.current_index]
        if kind != ITEM or field is None:
            return
        buttons = self.answer_buttons[field.id]
        if 0 <= position < len(buttons):
            buttons[position].setChecked(True)

    # -- review and result ------------------------------------------------------------------

    def unanswered(self) -> list[FieldDef]:
        return [
            field for field in self.items if self.answer_groups[field.id].checkedButton() is None
        ]

    def _refresh_review(self) -> None:
        missing = self.unanswered()
        answered = len(self.items) - len(missing)
        summary = tr("Ha contestado {n} de {total} preguntas.").format(
            n=answered, total=len(self.items)
        )
        if missing:
            summary += " " + tr(
                "Estas están sin contestar. Puede tocar una para contestarla, o dejarlas en blanco:"
            )
        else:
            summary += " " + tr("No falta ninguna.")
        self.review_summary.setText(summary)
        self.review_list.clear()
        for field in missing:
            number = self.items.index(field) + 1
            item = QListWidgetItem(
                tr("Pregunta {n}. {question}").format(n=number, question=field.label)
            )
            item.setData(Qt.ItemDataRole.UserRole, self.pages.index((ITEM, field)))
            self.review_list.addItem(item)
        self.review_list.setVisible(bool(missing))

    def _review_item_chosen(self, item: QListWidgetItem) -> None:
        self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    def answers(self) -> dict[str, Any]:
        """{item id: score 1–3} for the answered items, and every open question's text."""
        result: dict[str, Any] = {}
        for field in self.items:
            button = self.answer_groups[field.id].checkedButton()
            if button is not None:
                result[field.id] = int(button.property("score"))
        for field in self.texts:
            result[field.id] = self.text_edits[field.id].toPlainText().strip()
        return result

    # -- keys and leaving -------------------------------------------------------------------

    def _handle_key(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        key, kind = event.key(), self.current_kind
        if key in ANSWER_KEYS and kind == ITEM:
            self.choose(ANSWER_KEYS[key])
            return True
        if key in NEXT_KEYS and kind != REVIEW:
            self.go_next()
            return True
        if key in BACK_KEYS and self.current_index > 0:
            self.go_back()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Keys a text box lets through (an arrow at the end of the text) must not turn the page.
        if self.current_kind != TEXT and self._handle_key(event):
            return
        super().keyPressEvent(event)  # Esc → reject(), which asks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            # Enter on the review list opens the question chosen, not the next page.
            is_list = watched is getattr(self, "review_list", None)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if not (is_list and enter) and self._handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def reject(self) -> None:
        """Esc, "Salir" or closing the window: ask first; what was answered stays in answers()."""
        answer = QMessageBox.question(
            self,
            tr("¿Salir del cuestionario?"),
            tr(
                "Sus respuestas hasta ahora se guardan. Podrá terminar el cuestionario más tarde.\n\n¿Quiere salir ahora?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()


def _as_score(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
