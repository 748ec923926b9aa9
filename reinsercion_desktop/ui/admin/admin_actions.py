"""The Administración menu: centre and viviendas, their year figures, complaints, users,
referring centres, audit log, backups, retention of closed files, the exchange of bundles
with the office (or its centres) and the keys it uses; at an office, the registry of the
centres it coordinates and their viviendas.

Each action opens its dialog with the one service it uses; what the window must redo
after a dialog closes (its references, the list) it says with `references_changed`.
Who may use an action follows the role (the services refuse the others too).
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from reinsercion_desktop.domain.enums import InstallationKind, Role
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.ui.main_window import MainWindow


class AdminActions(QObject):
    references_changed = Signal()  # users, viviendas or referring centres may have changed
    viviendas_changed = Signal()  # the list of files shows vivienda names: reload it too

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        session = window.session
        self.centre_settings_action = self._action(
            tr("Datos del centro y viviendas…"), self.centre_settings, "action_centre_settings"
        )
        self.users_action = self._action(tr("Usuarios…"), self.manage_users, "action_users")
        self.centres_action = self._action(
            tr("Centros derivadores…"), self.manage_centres, "action_centres"
        )
        self.audit_action = self._action(
            tr("Registro de auditoría…"), self.show_audit, "action_audit"
        )
        self.backups_action = self._action(
            tr("Copias de seguridad…"), self.manage_backups, "action_backups"
        )
        self.backups_action.setEnabled(session.can(Role.RESPONSABLE))
        self.retention_action = self._action(
            tr("Conservación de fichas…"), self.review_retention, "action_retention"
        )
        self.retention_action.setEnabled(session.can(Role.RESPONSABLE))
        self.year_figures_action = self._action(
            tr("Datos anuales de las viviendas…"), self.year_figures, "action_year_figures"
        )
        # Every staff member may record a complaint (answering is for responsables).
        self.complaints_action = self._action(
            tr("Quejas y reclamaciones…"), self.complaints, "action_complaints"
        )
        self.users_action.setEnabled(session.can(Role.ADMIN))
        self.audit_action.setEnabled(session.can(Role.RESPONSABLE))
        self.exchange_keys_action = self._action(
            tr("Claves de intercambio…"), self.exchange_keys, "action_exchange_keys"
        )
        self.exchange_keys_action.setEnabled(session.can(Role.RESPONSABLE))
        self.exchange_action = self._action(tr("Intercambio…"), self.exchange, "action_exchange")
        self.exchange_action.setEnabled(session.can(Role.RESPONSABLE))
        # The office's registry of the centres it coordinates (a centre has none to list).
        self.is_office = session.centre.kind is InstallationKind.OFFICE
        self.office_centres_action = self._action(
            tr("Centros y viviendas…"), self.office_centres, "action_office_centres"
        )
        self.office_centres_action.setVisible(self.is_office)

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (
            self.centre_settings_action,
            self.year_figures_action,
            self.complaints_action,
            self.users_action,
            self.centres_action,
            self.audit_action,
            self.backups_action,
            self.retention_action,
            self.exchange_action,
            self.exchange_keys_action,
        ) + ((self.office_centres_action,) if self.is_office else ())

    def _action(self, text: str, slot, name: str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def manage_users(self) -> None:
        from reinsercion_desktop.ui.admin.users import UsersDialog

        window = self.window
        dialog = UsersDialog(window.services.accounts, window.session, window)
        dialog.finished.connect(lambda _result: self.references_changed.emit())
        dialog.open()

    def centre_settings(self) -> None:
        from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog

        window = self.window
        dialog = CentreSettingsDialog(window.services.centre_settings, window.session, window)
        dialog.finished.connect(lambda _result: self.viviendas_changed.emit())
        dialog.open()

    def year_figures(self) -> None:
        from reinsercion_desktop.ui.admin.year_figures import YearFiguresDialog

        window = self.window
        dialog = YearFiguresDialog(window.services.structure_data, window.session, window)
        self.year_figures_dialog = dialog
        dialog.open()

    def complaints(self) -> None:
        from reinsercion_desktop.ui.admin.complaints import ComplaintsDialog

        window = self.window
        dialog = ComplaintsDialog(
            window.services.structure_data, window.services.participants, window.session, window
        )
        self.complaints_dialog = dialog
        dialog.open()

    def manage_centres(self) -> None:
        from reinsercion_desktop.ui.admin.referring_centres import ReferringCentresDialog

        window = self.window
        dialog = ReferringCentresDialog(window.services.catalogues, window.session, window)
        dialog.finished.connect(lambda _result: self.references_changed.emit())
        dialog.open()

    def show_audit(self) -> None:
        from reinsercion_desktop.ui.admin.audit_viewer import AuditDialog

        window = self.window
        participant = window.file_view.participant
        dialog = AuditDialog(
            window.services.audit, window.session, participant.id if participant else None, window
        )
        dialog.open()

    def manage_backups(self) -> None:
        from reinsercion_desktop.ui.admin.backups import BackupsDialog

        window = self.window
        dialog = BackupsDialog(window.services.backups, window.session, window.settings, window)
        dialog.restored.connect(window.close_after_restore)
        self.backups_dialog = dialog
        dialog.open()

    def review_retention(self) -> None:
        from reinsercion_desktop.ui.admin.retention import RetentionDialog

        window = self.window
        dialog = RetentionDialog(window.services.retention, window.session, window)
        # An anonymised file shows as «Anonimizada» in the list of files: reload it.
        dialog.finished.connect(lambda _result: self.viviendas_changed.emit())
        self.retention_dialog = dialog
        dialog.open()

    def exchange_keys(self) -> None:
        from reinsercion_desktop.ui.admin.exchange_keys import ExchangeKeysDialog

        window = self.window
        dialog = ExchangeKeysDialog(window.services.peers, window.session, window)
        self.exchange_keys_dialog = dialog
        dialog.open()

    def office_centres(self) -> None:
        from reinsercion_desktop.ui.admin.office_centres import OfficeCentresDialog

        window = self.window
        services = window.services
        dialog = OfficeCentresDialog(
            services.office_registry, services.exchange, services.peers, window.session, window
        )
        dialog.data_changed.connect(self.viviendas_changed.emit)
        self.office_centres_dialog = dialog
        dialog.open()

    def exchange(self) -> None:
        from reinsercion_desktop.ui.exchange.exchange_view import ExchangeDialog

        window = self.window
        services = window.services
        dialog = ExchangeDialog(services.exchange, services.peers, window.session, window)
        # Records that came in (a protocol, an assignment) show in the list of files, the
        # docks and the open file.
        dialog.data_changed.connect(window.records_came_in)
        # After an export too, the open file shows its records' new states (sent…).
        dialog.finished.connect(lambda _result: window.file_view.records_came_in())
        self.exchange_dialog = dialog
        dialog.open()
