"""The QApplication: shipped fonts, Spanish standard buttons, one calm style."""

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from reinsercion_desktop.paths import resources_dir
from reinsercion_desktop.ui.style import install_style

FONT_FAMILY = "Noto Sans"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Reinserción Desktop")
    app.setOrganizationName("Reinsercion")
    app.setStyle("Fusion")
    load_fonts(app)
    install_spanish(app)
    install_style(app)
    icon = resources_dir() / "icons" / "app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def load_fonts(app: QApplication) -> None:
    """Offscreen Qt without a font draws nothing (TECH-NOTES trap 5): ship our own."""
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    app.setFont(QFont(FONT_FAMILY, 10))


# Strings of Qt's own dialogs that its Spanish catalogue (qtbase_es) leaves in English.
QT_MISSING_ES = {
    ("QFileDialog", "&Look in:"): "&Buscar en:",
    ("QFileDialog", "Look in:"): "Buscar en:",
    ("QFileDialog", "Files of &type:"): "&Tipo de archivo:",
    ("QFileDialog", "Files of type:"): "Tipo de archivo:",
}


class SpanishFallbacks(QTranslator):
    """Asked before Qt's catalogue (installed last): only the strings it lacks."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def, override]
        return QT_MISSING_ES.get((context, source))  # None: a null string, ask the next one

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install_spanish(app: QApplication) -> None:
    """Qt's own dialogs (file chooser, message boxes, wizard buttons) in Spanish."""
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase_es", "qt_es"):
        translator = QTranslator(app)
        if translator.load(catalogue, folder):
            app.installTranslator(translator)
    app.installTranslator(SpanishFallbacks(app))
