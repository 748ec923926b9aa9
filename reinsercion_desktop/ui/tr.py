"""Every visible string goes through tr(): Spanish source strings, Qt Linguist ready."""

from PySide6.QtCore import QCoreApplication


def tr(text: str, context: str = "app") -> str:
    return QCoreApplication.translate(context, text)
