"""The look: disabled controls readable, Qt's own dialogs in Spanish."""

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QWidget

from reinsercion_desktop.ui.style import application_palette, set_role

_DISABLED = QPalette.ColorGroup.Disabled


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_disabled_buttons_are_readable(qtbot) -> None:  # type: ignore[no-untyped-def]
    QApplication.instance().setPalette(application_palette())  # type: ignore[union-attr]
    plain, primary = QPushButton("Guardar"), QPushButton("Guardar cambios")
    set_role(primary, "primary")
    for button in (plain, primary):
        qtbot.addWidget(button)
        button.setEnabled(False)
        palette = button.palette()
        text = palette.color(_DISABLED, QPalette.ColorRole.ButtonText)
        face = palette.color(_DISABLED, QPalette.ColorRole.Button)
        assert contrast(text, face) >= 4.5, (button.text(), text.name(), face.name())
        # … and still look disabled: lighter than the enabled text
        enabled_text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
        assert text != enabled_text


def test_qt_file_dialog_speaks_spanish(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Guardar")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilters(["PDF (*.pdf)"])
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QPushButton)]
    texts += [w.toolTip() for w in dialog.findChildren(QWidget) if w.toolTip()]
    english = re.compile(r"\b(Look in|Files of|File name|Cancel|Open|Save|Back|Detail)\b")
    assert not [t for t in texts if english.search(t.replace("&", ""))], texts
    assert "&Buscar en:" in texts
