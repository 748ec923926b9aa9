"""The main window's actions, menus, toolbar, status bar and lock page, built in code.

Kept apart from main_window.py so the window stays a composition of parts; each
function sets the parts on the window (`window.new_action`, …) where tests and the
menus find them.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QVBoxLayout, QWidget

from reinsercion_desktop.ui.admin.admin_actions import AdminActions
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.ui.main_window import MainWindow


def _action(
    window: "MainWindow",
    text: str,
    slot,
    shortcut: QKeySequence | str | None = None,
    name: str = "",
) -> QAction:  # type: ignore[no-untyped-def]
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    action.setObjectName(name)
    return action


def make_actions(window: "MainWindow") -> None:
    window.new_action = _action(
        window,
        tr("Nueva ficha…"),
        window.new_participant,
        QKeySequence.StandardKey.New,
        "action_new",
    )
    window.find_action = _action(
        window,
        tr("Buscar"),
        window.list_dock.focus_search,
        QKeySequence.StandardKey.Find,
        "action_find",
    )
    window.save_action = _action(
        window,
        tr("Guardar ficha"),
        window.file_view.save,
        QKeySequence.StandardKey.Save,
        "action_save",
    )
    window.print_action = _action(
        window,
        tr("Imprimir ficha (PDF)…"),
        window.print_file,
        QKeySequence.StandardKey.Print,
        "action_print",
    )
    window.lock_action = _action(
        window, tr("Bloquear sesión"), window.lock, "Ctrl+L", "action_lock"
    )
    window.quit_action = _action(
        window, tr("Salir"), window.close, QKeySequence.StandardKey.Quit, "action_quit"
    )
    window.reset_layout_action = _action(
        window,
        tr("Restablecer disposición de paneles"),
        window.reset_layout,
        None,
        "action_reset_layout",
    )
    window.admin = AdminActions(window)
    window.admin.references_changed.connect(window.refresh_references)
    window.admin.viviendas_changed.connect(window._viviendas_changed)
    window.centre_settings_action = window.admin.centre_settings_action
    window.about_action = _action(
        window, tr("Acerca de Reinserción Desktop"), window.about, None, "action_about"
    )


def make_menus(window: "MainWindow") -> None:
    menu = window.menuBar()
    file_menu = menu.addMenu(tr("&Archivo"))
    for action in (window.new_action, window.save_action, window.print_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(window.lock_action)
    file_menu.addAction(window.quit_action)
    edit_menu = menu.addMenu(tr("&Edición"))
    edit_menu.addAction(window.find_action)
    view_menu = menu.addMenu(tr("&Ver"))
    view_menu.addAction(window.list_dock.toggleViewAction())
    view_menu.addAction(window.pending_dock.toggleViewAction())
    reports_menu = QMenu(tr("&Informes"), window)
    window.circuit.add_to_menus(view_menu, reports_menu)
    resources_menu = QMenu(tr("&Recursos"), window)
    window.cases.add_to_menus(view_menu, resources_menu)
    window.reports.add_to_menus(view_menu, reports_menu)
    view_menu.addSeparator()
    view_menu.addAction(window.reset_layout_action)
    menu.addMenu(reports_menu)
    menu.addMenu(resources_menu)
    admin_menu = menu.addMenu(tr("A&dministración"))
    for action in window.admin.actions:
        admin_menu.addAction(action)
    help_menu = menu.addMenu(tr("A&yuda"))
    help_menu.addAction(window.about_action)


def make_toolbar(window: "MainWindow") -> None:
    toolbar = QToolBar(tr("Barra de herramientas"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (window.new_action, window.find_action, window.save_action, window.print_action):
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addAction(window.lock_action)
    window.addToolBar(toolbar)


def make_status_bar(window: "MainWindow") -> None:
    installation = window.session.centre
    actor = window.session.actor
    window.installation_label = QLabel(
        tr("{name} ({code})").format(name=installation.name, code=installation.code)
    )
    window.user_label = QLabel(
        tr("{name} · {role}").format(name=actor.full_name, role=actor.role.label)
    )
    # The folder's name only: a long path would widen the window past the screen.
    window.folder_label = QLabel(tr("Datos: {name}").format(name=window.session.data_dir.name))
    window.folder_label.setToolTip(str(window.session.data_dir))
    set_role(window.folder_label, "hint")
    bar = window.statusBar()
    bar.addWidget(window.installation_label)
    bar.addWidget(window.user_label)
    bar.addPermanentWidget(window.folder_label)


def lock_page() -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(tr("Sesión bloqueada. Escriba su contraseña para volver."))
    set_role(label, "title")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)  # a long title line would set the window's minimum width
    layout.addStretch()
    layout.addWidget(label)
    layout.addStretch()
    return page
