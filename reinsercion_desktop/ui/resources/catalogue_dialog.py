"""Dialog "Catálogo de recursos": la oferta mensual — list, editor, monthly bulletin.

The list filters by category and text; selecting a resource opens it in the editor on
the right; Guardar adds or updates it through the resources service (a refusal puts each
message beside its field and saves nothing); Desactivar takes it out of the offer (it
stays for the referrals that point to it). "Boletín de oferta mensual…" asks the month,
writes the PDF into the data folder's exportaciones/ and shows it.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import ResourceCategory
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.resource_views import ResourceView
from reinsercion_desktop.services.resources import ResourceService
from reinsercion_desktop.ui.resources.catalogue_model import catalogue_filter, catalogue_model
from reinsercion_desktop.ui.resources.resource_form import ResourceForm
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import RowsTableView

EXPORTS_FOLDER = "exportaciones"  # inside the data folder: the bulletin has no personal data


def bulletin_path(session: Session, period: str) -> Path:
    folder = session.data_dir / EXPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"oferta-mensual-{period.strip()}.pdf"


class ResourcesDialog(QDialog):
    """Catálogo de recursos de la oferta mensual."""

    def __init__(self, resources: ResourceService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.resources = resources
        self.session = session
        self.current_id: str | None = None
        self.current_version: int | None = None
        self.subdialog: QDialog | None = None
        self.setWindowTitle(tr("Catálogo de recursos"))
        self.resize(1180, 660)  # fits 1280 × 720; the splitter and the editor's scroll do the rest

        self.category_filter = ComboBox()
        self.category_filter.setObjectName("category_filter")
        self.category_filter.addItem(tr("Todas las categorías"), None)
        for value, label in ResourceCategory.choices():
            self.category_filter.addItem(label, value)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(tr("Buscar por nombre, entidad, requisitos…"))
        self.search_edit.setClearButtonEnabled(True)
        self.inactive_check = QCheckBox(tr("Ver desactivados"))
        self.model = catalogue_model()
        self.table = RowsTableView(self.model, "resources_table")
        self.count_label = QLabel()
        set_role(self.count_label, "hint")

        self.form = ResourceForm()
        self.form_title = QLabel()
        set_role(self.form_title, "title")
        self.message_label = QLabel()
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.message_label.hide()
        self.new_button = QPushButton(tr("Nuevo"))
        self.save_button = QPushButton(tr("Guardar"))
        set_role(self.save_button, "primary")
        self.active_button = QPushButton(tr("Desactivar"))
        self.bulletin_button = QPushButton(tr("Boletín de oferta mensual…"))
        self.close_button = QPushButton(tr("Cerrar"))

        self._lay_out()
        self.category_filter.currentIndexChanged.connect(self._filter)
        self.search_edit.textChanged.connect(self._filter)
        self.inactive_check.toggled.connect(lambda _checked: self.load())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_resource)
        self.save_button.clicked.connect(self.save)
        self.active_button.clicked.connect(self.toggle_active)
        self.bulletin_button.clicked.connect(self.ask_bulletin)
        self.close_button.clicked.connect(self.reject)
        self.load()
        self.new_resource()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.category_filter)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.inactive_check)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form_title)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.message_label)
        actions = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.active_button):
            actions.addWidget(button)
        actions.addStretch()
        right_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([680, 500])
        bottom = QHBoxLayout()
        bottom.addWidget(self.bulletin_button)
        bottom.addStretch()
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- the list --------------------------------------------------------------------------

    def load(self, select_id: str | None = None) -> None:
        self.model.set_rows(
            self.resources.resources(include_inactive=self.inactive_check.isChecked())
        )
        self._filter()
        if select_id:
            self.select(select_id)

    def _filter(self) -> None:
        chosen = self.table.current_row()
        self.model.set_filter(
            catalogue_filter(self.category_filter.currentData(), self.search_edit.text())
        )
        shown, total = self.model.rowCount(), len(self.model.all_rows)
        self.count_label.setText(tr("{shown} de {total} recursos").format(shown=shown, total=total))
        if chosen is not None:
            self.table.select_where(lambda r: r.id == chosen.id)

    def select(self, resource_id: str) -> None:
        self.table.select_where(lambda r: r.id == resource_id)

    def _selection_changed(self) -> None:
        resource: ResourceView | None = self.table.current_row()
        if resource is not None and resource.id != self.current_id:
            self._show(resource.id)

    # -- the editor ------------------------------------------------------------------------

    def _show(self, resource_id: str | None) -> None:
        resource = self.resources.resource(resource_id) if resource_id else None
        self.current_id = resource.id if resource else None
        self.current_version = resource.version if resource else None
        self.form.show_resource(resource, self.category_filter.currentData())
        self.form_title.setText(resource.name if resource else tr("Nuevo recurso"))
        self.active_button.setEnabled(resource is not None)
        active = resource is None or resource.active
        self.active_button.setText(tr("Desactivar") if active else tr("Reactivar"))
        self._show_message("")

    def new_resource(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.form.fields["name"].setFocus()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def save(self) -> bool:
        service, actor = self.resources, self.session.actor
        try:
            draft = self.form.draft()
            if self.current_id is None:
                saved = service.add_resource(actor, draft)
            else:
                saved = service.update_resource(
                    actor, self.current_id, draft, expected_version=self.current_version
                )
        except ValidationError as error:
            unowned = self.form.show_problems(error.problems)
            self._show_message(
                " ".join(unowned)
                or tr(
                    "No se ha guardado: revise los campos marcados; el motivo está junto a cada uno."
                )
            )
            return False
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return False
        self.load(select_id=saved.id)
        self._show(saved.id)
        return True

    def toggle_active(self) -> None:
        if self.current_id is None:
            return
        resource = self.resources.resource(self.current_id)
        try:
            if resource.active:
                self.resources.deactivate(self.session.actor, resource.id)
            else:
                self.resources.reactivate(self.session.actor, resource.id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return
        self.load(select_id=resource.id)
        self._show(resource.id)

    # -- the bulletin ----------------------------------------------------------------------

    def ask_bulletin(self) -> ActionDialog:
        today = self.session.today()
        dialog = ActionDialog(
            tr("Boletín de oferta mensual"),
            self,
            intro=tr(
                "Lista los recursos activos con inscripción o actividad en ese mes o en los "
                "dos siguientes, y los abiertos todo el año. Se guarda en la carpeta de datos "
                "({folder})."
            ).format(folder=EXPORTS_FOLDER),
            save_text=tr("Crear PDF"),
        )
        month = QLineEdit(f"{today:%Y-%m}")
        month.setPlaceholderText(tr("AAAA-MM"))
        month.setMaximumWidth(120)
        dialog.add("period", tr("Mes (AAAA-MM)"), month)

        def build(d: ActionDialog) -> Path:
            period = d.text("period").strip()
            try:
                return self.resources.offer_bulletin(
                    bulletin_path(self.session, period.replace("/", "-")), period
                )
            except UserError as error:
                if "AAAA-MM" in str(error):
                    raise ValidationError({"period": str(error)}) from None
                raise

        dialog.action = build
        dialog.accepted.connect(lambda: self.show_bulletin(dialog.outcome))
        dialog.finished.connect(dialog.deleteLater)
        self.subdialog = dialog
        dialog.open()
        return dialog

    def show_bulletin(self, path: Path) -> QDialog:
        from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

        preview = PdfPreviewDialog(path, tr("Boletín de oferta mensual"), self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.subdialog = preview
        preview.open()
        return preview
