"""First-run wizard: centre or office, its data, its viviendas, the administrator."""

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import SPANISH_PROVINCES, InstallationKind, Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.services.setup import (
    InstallationSetup,
    SetupService,
    ViviendaSetup,
    check_setup,
)
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView
from reinsercion_desktop.ui.widgets.inputs import ComboBox

VIVIENDA_COLUMNS = (
    GridColumn("name", tr("Nombre de la vivienda"), placeholder=tr("p. ej. VAR Triana")),
    GridColumn("municipality", tr("Municipio")),
    GridColumn("places_men", tr("Plazas hombres"), "number", placeholder=tr("0 si no hay")),
    GridColumn("places_women", tr("Plazas mujeres"), "number", placeholder=tr("0 si no hay")),
    GridColumn("places_mixed", tr("Plazas mixtas"), "number", placeholder=tr("0 si no hay")),
)
_PLACES = ("places_men", "places_women", "places_mixed")


def _error_label() -> QLabel:
    # One message per line, no word wrap: a wrapped label in a form row is given the
    # height of one line and the rest of the messages would be cut off.
    label = QLabel()
    set_role(label, "error")
    return label


class CentrePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Su centro"))
        self.setSubTitle(tr("Estos datos aparecen en la cabecera de los formularios e informes."))
        self.centre_radio = QRadioButton(InstallationKind.CENTRE.label)
        self.office_radio = QRadioButton(InstallationKind.OFFICE.label)
        self.centre_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.centre_radio)
        group.addButton(self.office_radio)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name_edit")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setPlaceholderText(tr("p. ej. VAR-SE-01"))
        self.entity_edit = QLineEdit()
        self.entity_edit.setPlaceholderText(tr("Asociación o entidad titular"))
        self.province_combo = ComboBox()
        self.province_combo.setEditable(True)
        self.province_combo.addItems(["", *SPANISH_PROVINCES])
        self.address_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.error_label = _error_label()
        kinds = QHBoxLayout()
        kinds.addWidget(self.centre_radio)
        kinds.addWidget(self.office_radio)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        form.addRow(tr("Tipo de instalación"), kinds)
        form.addRow(tr("Nombre *"), self.name_edit)
        form.addRow(tr("Código *"), self.code_edit)
        form.addRow(tr("Entidad"), self.entity_edit)
        form.addRow(tr("Provincia"), self.province_combo)
        form.addRow(tr("Dirección"), self.address_edit)
        form.addRow(tr("Teléfono"), self.phone_edit)
        outer.addWidget(self.error_label)
        outer.addStretch()
        # A centre moving to a new PC restores its copy instead of starting anew.
        self.restore_button = QPushButton(tr("¿Viene de otro equipo? Restaurar una copia…"))
        self.restore_button.setObjectName("restore_copy")
        restore_row = QHBoxLayout()
        restore_row.addStretch()
        restore_row.addWidget(self.restore_button)
        outer.addLayout(restore_row)

    def kind(self) -> InstallationKind:
        return InstallationKind.OFFICE if self.office_radio.isChecked() else InstallationKind.CENTRE


class ViviendasPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Viviendas"))
        self.setSubTitle(
            tr("Las viviendas (VAR) del centro y sus plazas por sexo. Podrá cambiarlas después.")
        )
        self.grid = GridModel(VIVIENDA_COLUMNS, self)
        self.table = GridView(self.grid, "viviendas_grid")
        add_button = QPushButton(tr("Añadir vivienda"))
        remove_button = QPushButton(tr("Quitar la seleccionada"))
        add_button.clicked.connect(lambda: self.add_row())
        remove_button.clicked.connect(self._remove_row)
        self.error_label = _error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(add_button)
        buttons.addWidget(remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.add_row()

    def add_row(
        self, name: str = "", municipality: str = "", men: int = 6, women: int = 0, mixed: int = 0
    ) -> int:
        return self.grid.add_row(
            {
                "name": name,
                "municipality": municipality,
                "places_men": str(men),
                "places_women": str(women),
                "places_mixed": str(mixed),
            }
        )

    def _remove_row(self) -> None:
        self.grid.remove_row(self.table.current_row())

    def viviendas(self) -> tuple[list[ViviendaSetup], str]:
        """The rows as typed, and a message if a number of places is not a number."""
        result = []
        for number, values in enumerate(self.grid.rows(), start=1):
            name = str(values.get("name", "")).strip()
            municipality = str(values.get("municipality", "")).strip()
            if not name and not municipality:
                continue
            try:
                places = [int(str(values.get(key, "") or "0").strip()) for key in _PLACES]
            except ValueError:
                return [], tr("Fila {n}: las plazas se escriben con cifras (0 si no hay).").format(
                    n=number
                )
            result.append(ViviendaSetup(name, municipality, "", *places))
        return result, ""


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Administrador/a"))
        self.setSubTitle(tr("La primera cuenta: podrá crear las del resto del equipo."))
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setObjectName("full_name_edit")
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("admin_login_edit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("admin_password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("admin_repeat_edit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = _error_label()
        hint = QLabel(
            tr("Mínimo 8 caracteres. Guárdela en un lugar seguro: sin ella no se puede entrar.")
        )
        set_role(hint, "hint")
        hint.setWordWrap(True)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        form.addRow(tr("Nombre completo *"), self.full_name_edit)
        form.addRow(tr("Usuario *"), self.login_edit)
        form.addRow(tr("Contraseña *"), self.password_edit)
        form.addRow(tr("Repita la contraseña *"), self.repeat_edit)
        form.addRow(hint)
        outer.addWidget(self.error_label)
        outer.addStretch()


class FirstRunWizard(QWizard):
    """On accept, `actor` is the new administrator, already logged in."""

    def __init__(self, setup: SetupService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setup_service = setup
        self.actor: Actor | None = None
        self.setWindowTitle(tr("Reinserción Desktop — Configuración inicial"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(720, 520)
        self.centre_page = CentrePage()
        self.viviendas_page = ViviendasPage()
        self.admin_page = AdminPage()
        for page in (self.centre_page, self.viviendas_page, self.admin_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Siguiente >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< Anterior"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Crear instalación"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancelar"))

    def setup(self) -> tuple[InstallationSetup, str]:
        viviendas, problem = self.viviendas_page.viviendas()
        page = self.centre_page
        admin = self.admin_page
        return InstallationSetup(
            kind=page.kind(),
            name=page.name_edit.text(),
            code=page.code_edit.text(),
            entity=page.entity_edit.text(),
            province=page.province_combo.currentText(),
            address=page.address_edit.text(),
            phone=page.phone_edit.text(),
            viviendas=viviendas,
            admin=NewUser(
                admin.login_edit.text(),
                admin.full_name_edit.text(),
                Role.ADMIN,
                admin.password_edit.text(),
                admin.repeat_edit.text(),
            ),
        ), problem

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt override)
        setup, viviendas_problem = self.setup()
        problems = check_setup(setup)
        page = self.currentPage()
        if page is self.centre_page:
            return self._report(
                page.error_label, [problems[k] for k in ("name", "code", "entity") if k in problems]
            )
        if page is self.viviendas_page:
            messages = [viviendas_problem] if viviendas_problem else []
            messages += [m for k, m in problems.items() if k.startswith("vivienda")]
            if not setup.viviendas and setup.kind is InstallationKind.CENTRE and not messages:
                messages.append(tr("Un centro necesita al menos una vivienda."))
            return self._report(page.error_label, messages)
        if page is self.admin_page:
            messages = [problems[k] for k in ("full_name", "login", "password") if k in problems]
            if messages:
                return self._report(page.error_label, messages)
            try:
                self.actor = self.setup_service.initialize(setup)
            except ValidationError as error:
                return self._report(page.error_label, list(error.problems.values()))
            except UserError as error:
                return self._report(page.error_label, [str(error)])
        return True

    @staticmethod
    def _report(label: QLabel, messages: list[str]) -> bool:
        label.setText("\n".join(messages))
        return not messages
