"""The editor of one filled form: generated from its definition, checked as it is typed.

Drafts save themselves a moment after the last keystroke; messages stand beside the
fields; the top line counts what is missing ("Faltan 3 campos obligatorios") and the
list under it names each field and takes you there. The actions follow the form's
life: definitivo, firmar, reabrir, rectificar, imprimir.

The editor gets the form service and the session, and works on plain views of the form
(`FilledForm`, `FormInstanceView`), never on stored rows.
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.forms.engine import (
    check_form,
    fill_text,
    is_required,
    is_visible,
    offered_options,
    section_means,
)
from reinsercion_desktop.services.forms import SIGNER_ROLES, FilledForm, FormService
from reinsercion_desktop.ui.forms.field_editors import (
    ChoiceEditor,
    FieldEditor,
    TextBlock,
    make_editor,
)
from reinsercion_desktop.ui.forms.problems import ProblemList, problems_of
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

AUTOSAVE_DELAY_MS = 1500
LABEL_WIDTH = 280  # the labels' column: long labels wrap inside it
# Kinds shown across the whole width, their label (if any) on a line of its own above.
WIDE_KINDS = frozenset(
    ("long_text", "fixed_table", "free_table", "static_text", "signatures", "multi_choice")
)


def _decimal(number: float) -> str:
    return f"{number:.2f}".replace(".", ",")  # Spanish decimal comma


class FormEditor(QWidget):
    """Emits `changed_state` after a save or a change of status (the list refreshes)."""

    changed_state = Signal()
    print_requested = Signal(str)

    def __init__(
        self,
        forms: FormService,
        session: Session,
        filled: FilledForm,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.forms = forms
        self.session = session
        self.filled = filled
        self.definition = filled.definition
        self.instance = filled.instance
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        # Each field's label (None for a static text or signatures without one) and holder.
        self.rows: dict[str, tuple[QLabel | None, QWidget]] = {}
        self._shown: dict[str, bool] = {}  # rows' visibility, to touch only what changes
        self.sections: dict[str, QGroupBox] = {}

        self.title_label = QLabel(self.definition.title)
        set_role(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.status_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.problems_list = ProblemList()
        self.problems_list.field_chosen.connect(self.go_to_field)
        self.means_label = QLabel()  # Anexo VII: the section means the indicators use
        set_role(self.means_label, "hint")
        self.means_label.setWordWrap(True)
        self.saved_label = QLabel()
        set_role(self.saved_label, "hint")
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title_label)
        titles.addWidget(self.status_label)
        header.addLayout(titles, 1)
        header.addWidget(self.saved_label)

        self.finalize_button = QPushButton(tr("Marcar como definitivo"))
        self.sign_button = QPushButton(tr("Firmar"))
        self.reopen_button = QPushButton(tr("Reabrir para corregir"))
        self.amend_button = QPushButton(tr("Rectificar…"))
        self.print_button = QPushButton(tr("Vista previa e impresión…"))
        set_role(self.finalize_button, "primary")
        self.finalize_button.clicked.connect(self.finalize)
        self.sign_button.clicked.connect(self.sign)
        self.reopen_button.clicked.connect(self.reopen)
        self.amend_button.clicked.connect(self.amend)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.instance.id))
        actions = QHBoxLayout()
        for button in (
            self.finalize_button,
            self.sign_button,
            self.reopen_button,
            self.amend_button,
        ):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.print_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for section in self.definition.sections:
            body_layout.addWidget(self._section(section))
        body_layout.addStretch()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("form_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_list)
        layout.addWidget(self.means_label)
        layout.addLayout(actions)
        layout.addWidget(self.scroll, 1)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.save_now)
        self._load(filled.data)

    # -- building ------------------------------------------------------------------------

    def _section(self, section) -> QGroupBox:  # type: ignore[no-untyped-def]
        box = QGroupBox(section.title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        if section.intro:
            intro = QLabel(section.intro)
            intro.setWordWrap(True)
            set_role(intro, "hint")
            form.addRow(intro)
        for field in section.fields:
            editor = make_editor(field)
            editor.setObjectName(f"{field.id}_editor")
            editor.changed.connect(self._edited)
            error = QLabel()
            set_role(error, "error")
            error.setWordWrap(True)
            error.hide()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor)
            if field.help:
                hint = QLabel(field.help)
                hint.setWordWrap(True)
                set_role(hint, "hint")
                column.addWidget(hint)
            column.addWidget(error)
            # No label widget without a label: one made and never put in a layout became an
            # empty window of its own when the row was shown.
            label = None
            if field.label:
                label = QLabel(field.label)
                label.setWordWrap(True)
                label.setBuddy(editor.focus_target())
                if field.kind not in WIDE_KINDS:
                    # A wrapped label in a form layout is given one line's height and its
                    # second line cut off: a fixed width makes its height known.
                    label.setFixedWidth(LABEL_WIDTH)
                    label.setMinimumHeight(label.heightForWidth(LABEL_WIDTH))
            if field.kind in WIDE_KINDS:
                if label is not None:
                    form.addRow(label)
                form.addRow(holder)
            else:
                form.addRow(label, holder)
            self.editors[field.id] = editor
            self.error_labels[field.id] = error
            self.rows[field.id] = (label, holder)
        self.sections[section.id] = box
        return box

    # -- data ----------------------------------------------------------------------------

    def data(self) -> dict:
        """The values as typed now (hidden fields keep what they had, so nothing is lost)."""
        values = dict(self.filled.data)
        for field_id, editor in self.editors.items():
            if editor.field.holds_data:
                value = editor.value()
                if value in (None, "", [], {}):
                    values.pop(field_id, None)
                else:
                    values[field_id] = value
        return values

    def _load(self, data: dict) -> None:
        for field_id, editor in self.editors.items():
            editor.set_value(data.get(field_id))
            if isinstance(editor, ChoiceEditor) and any(
                option.offered_when for option in editor.field.options
            ):
                editor.offer_only({o.code for o in offered_options(editor.field, data)})
        self._refresh(data)

    def _edited(self) -> None:
        self._refresh(self.data())
        if self.editable:
            self.saved_label.setText(tr("Cambios sin guardar…"))
            self.autosave_timer.start()

    def _refresh(self, data: dict) -> None:
        """Conditions, required marks, messages beside the fields and the completeness line."""
        check = check_form(self.definition, data, today=self.session.today())
        for section in self.definition.sections:
            condition = section.visible_when
            self.sections[section.id].setVisible(
                condition is None or condition.holds(data.get(condition.field))
            )
        for field in self.definition.fields():
            label, holder = self.rows[field.id]
            visible = is_visible(self.definition, field, data)
            if self._shown.get(field.id) != visible:
                self._shown[field.id] = visible
                holder.setVisible(visible)
                if label is not None:
                    label.setVisible(visible)
            if label is not None:
                label.setText(
                    field.label + (" *" if field.holds_data and is_required(field, data) else "")
                )
            message = check.errors.get(field.id) or check.warnings.get(field.id, "")
            error = self.error_labels[field.id]
            error.setText(message)
            error.setVisible(bool(message) and visible)
            editor = self.editors[field.id]
            if isinstance(editor, TextBlock):
                editor.show_text(fill_text(field.text, data, self.definition))
        self.check = check
        means = section_means(self.definition, data)
        titles = {section.id: section.title for section in self.definition.sections}
        self.means_label.setText(
            tr("Media por apartado (3 = mejor): ")
            + " · ".join(
                f"{titles[section_id]} {_decimal(mean)}" for section_id, mean in means.items()
            )
            if means
            else ""
        )
        self.means_label.setVisible(bool(means))
        self.summary_label.setText(check.summary())
        set_role(self.summary_label, "hint" if check.complete else "error")
        self.problems_list.show_problems(problems_of(self.definition, check))
        self._show_state()

    def go_to_field(self, field_id: str) -> None:
        """Scroll the form to a field (its label too, when both fit) and put the cursor in it."""
        if field_id not in self.rows:
            return
        label, holder = self.rows[field_id]
        margin = 24
        if label is not None:
            self.scroll.ensureWidgetVisible(label, margin, margin)
        self.scroll.ensureWidgetVisible(holder, margin, margin)
        self.editors[field_id].focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def editable(self) -> bool:
        return self.instance.status is FormStatus.DRAFT

    def _show_state(self) -> None:
        status = FormStatus(self.instance.status)
        text = status.label
        if status is FormStatus.SIGNED:
            text += tr(" por {name}").format(name=self.instance.signed_by_name)
        if self.instance.amends_id:
            text += tr(" · rectifica un formulario firmado ({reason})").format(
                reason=self.instance.amendment_reason
            )
        self.status_label.setText(
            tr("Estado: {state} · modelo {form} v{version}").format(
                state=text, form=self.definition.id, version=self.definition.version
            )
        )
        can_sign = self.session.actor.can(*SIGNER_ROLES)
        self.finalize_button.setVisible(status is FormStatus.DRAFT)
        self.finalize_button.setEnabled(self.check.complete)
        self.reopen_button.setVisible(status is FormStatus.FINAL)
        self.sign_button.setVisible(status is FormStatus.FINAL and can_sign)
        self.amend_button.setVisible(status is FormStatus.SIGNED)
        for editor in self.editors.values():
            editor.set_read_only(not self.editable)

    # -- actions ---------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Save the draft now (the autosave timer calls this; so does closing)."""
        self.autosave_timer.stop()
        if not self.editable:
            return True
        data = self.data()
        if data == self.filled.data:
            self.saved_label.setText(tr("Guardado"))
            return True
        try:
            self.instance = self.forms.save_draft(
                self.session.actor, self.instance.id, data, expected_version=self.instance.version
            )
        except UserError as error:
            self.saved_label.setText(tr("No guardado"))
            QMessageBox.warning(self, tr("No se ha guardado el borrador"), str(error))
            return False
        self.filled = FilledForm(self.instance, self.definition, data, self.check)
        self.saved_label.setText(tr("Borrador guardado"))
        self.changed_state.emit()
        return True

    def _run(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        if not self.save_now():
            return
        try:
            self.instance = action()
        except ValidationError as error:
            self._refresh(self.data())
            QMessageBox.warning(
                self,
                tr("Faltan datos"),
                tr("Revise los campos marcados: {n} por completar o corregir.").format(
                    n=len(error.problems)
                ),
            )
            return
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha podido"), str(error))
            return
        self.filled = FilledForm(self.instance, self.definition, self.data(), self.check)
        self._refresh(self.data())
        self.saved_label.setText(done)
        self.changed_state.emit()

    def finalize(self) -> None:
        self._run(
            lambda: self.forms.finalize(self.session.actor, self.instance.id),
            tr("Marcado como definitivo"),
        )

    def reopen(self) -> None:
        self._run(
            lambda: self.forms.reopen(self.session.actor, self.instance.id),
            tr("Reabierto"),
        )

    def sign(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Firmar formulario"),
            tr(
                "Una vez firmado no se podrá modificar; solo rectificar con un formulario nuevo. ¿Firmar?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(
                lambda: self.forms.sign(self.session.actor, self.instance.id),
                tr("Firmado"),
            )

    def amend(self) -> None:
        reason, ok = QInputDialog.getText(
            self, tr("Rectificar"), tr("¿Qué hay que rectificar y por qué?")
        )
        if not ok:
            return
        try:
            amendment = self.forms.amend(self.session.actor, self.instance.id, reason)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha podido rectificar"), str(error))
            return
        self.amended_id = amendment.id
        self.changed_state.emit()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() == Qt.Key.Key_S and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save_now()
            return
        super().keyPressEvent(event)
