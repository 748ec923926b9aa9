"""The QApplication: shipped fonts, Spanish standard buttons, one calm style."""

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from reinsercion_desktop.paths import resources_dir

FONT_FAMILY = "Noto Sans"

STYLE_SHEET = """
QMainWindow, QDialog, QWizard { background: #f6f7f9; }
QDockWidget::title { background: #e8ecf1; padding: 6px 8px; font-weight: 600; }
QGroupBox { margin-top: 6px; }
QGroupBox::title { color: #1d3557; subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QTabWidget::pane { border: 1px solid #d5dbe3; background: white; }
QTabBar::tab { padding: 6px 14px; }
QTabBar::tab:selected { background: white; font-weight: 600; }
QLineEdit, QComboBox, QPlainTextEdit, QSpinBox { padding: 3px 5px; }
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #eef1f5; color: #3b4250; }
QLabel[role="error"] { color: #b3261e; }
QLabel[role="hint"] { color: #5f6b7a; }
QLabel[role="title"] { font-size: 16pt; font-weight: 600; color: #1d3557; }
QLabel[role="chip"] { background: #e3f0ea; color: #1e5e3f; border-radius: 8px; padding: 2px 8px; }
QLabel[role="chip-archived"] { background: #f3e3e3; color: #8a1c1c; border-radius: 8px; padding: 2px 8px; }
QPushButton[role="primary"] { background: #1d5fa8; color: white; border: none; border-radius: 4px; padding: 6px 14px; }
QPushButton[role="primary"]:disabled { background: #9db4cf; }
QTableView { gridline-color: #e3e7ed; selection-background-color: #cfe0f5; selection-color: black; }
QHeaderView::section { background: #eef1f5; padding: 4px; border: none; border-right: 1px solid #d5dbe3; }
QStatusBar { background: #e8ecf1; }
"""


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Reinserción Desktop")
    app.setOrganizationName("Reinsercion")
    app.setStyle("Fusion")
    load_fonts(app)
    install_spanish(app)
    app.setStyleSheet(STYLE_SHEET)
    icon = resources_dir() / "icons" / "app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def load_fonts(app: QApplication) -> None:
    """Offscreen Qt without a font draws nothing (TECH-NOTES trap 5): ship our own."""
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    app.setFont(QFont(FONT_FAMILY, 10))


def install_spanish(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_es", folder):
        app.installTranslator(translator)
