"""What a bundle would do, shown before it is imported: per kind of record, how many are
new, updated, combined, in conflict or unchanged, and the warnings (a preview is the
import rolled back, so its counts are exact). A bundle that comes after a missing one
is offered to be kept until the missing one arrives.

The dialog only answers «go ahead» (`finish(True)`); the Intercambio screen runs the
import itself, with its progress bar and «Cancelar».
"""

from dataclasses import dataclass

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.services.exchange_import import ImportResult
from reinsercion_desktop.services.field_labels import record_kind
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

OUTCOMES = ("added", "changed", "merged", "conflict", "unchanged")


@dataclass(frozen=True)
class TableLine:
    kind: str  # «Ficha», «Derivación»…
    counts: tuple[int, ...]  # in the order of OUTCOMES


def _count_column(header: str, index: int, tone: str | None = None) -> Column[TableLine]:
    return Column[TableLine](
        header,
        lambda line: str(line.counts[index]) if line.counts[index] else "",
        sort_key=lambda line: line.counts[index],
        tone=(lambda line: tone if line.counts[index] else None) if tone else None,
        align="right",
    )


PREVIEW_COLUMNS = (
    Column[TableLine](tr("Tipo de registro"), lambda line: line.kind, stretch=True),
    _count_column(tr("Nuevos"), 0),
    _count_column(tr("Actualizados"), 1),
    _count_column(tr("Combinados"), 2, "info"),
    _count_column(tr("En conflicto"), 3, "alert"),
    _count_column(tr("Sin cambios"), 4, "muted"),
)


def table_lines(result: ImportResult) -> list[TableLine]:
    return [
        TableLine(record_kind(table), tuple(int(counter.get(o, 0)) for o in OUTCOMES))
        for table, counter in result.outcomes.by_table.items()
    ]


class ImportPreviewDialog(ResultDialog[bool]):
    def __init__(self, result: ImportResult, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        held = result.state == "held"
        self.setWindowTitle(tr("Importar un paquete"))
        self.resize(760, 440 if not held else 260)
        heading = QLabel(
            tr("Paquete n.º {sequence} de {peer}: {records}").format(
                sequence=result.sequence,
                peer=result.peer_name,
                records=_records(result.records),
            )
        )
        heading.setObjectName("preview_heading_label")
        heading.setWordWrap(True)
        set_role(heading, "title")
        file_label = QLabel(tr("Archivo: {file}").format(file=file_name))
        set_role(file_label, "hint")
        self.model = RowsTableModel(PREVIEW_COLUMNS, self)
        self.table = RowsTableView(self.model, "import_preview_table")
        self.table.setVisible(not held)
        self.model.set_rows(table_lines(result))
        self.explain_label = QLabel(self._explanation())
        self.explain_label.setObjectName("preview_explain_label")
        self.explain_label.setWordWrap(True)
        self.warnings_label = QLabel("\n".join(result.warnings))
        self.warnings_label.setObjectName("preview_warnings_label")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setVisible(bool(result.warnings))
        set_role(self.warnings_label, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("preview_import_button")
        self.import_button.setText(tr("Guardarlo a la espera") if held else tr("Importar"))
        buttons.accepted.connect(lambda: self.finish(True))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(file_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explain_label)
        layout.addWidget(self.warnings_label)
        if held:
            layout.addStretch(1)
        layout.addWidget(buttons)

    def _explanation(self) -> str:
        result = self.result
        if result.state == "held":
            return tr(
                "Falta antes el paquete n.º {missing} de {peer}. Puede guardar este aquí: se "
                "importará solo en cuanto llegue el n.º {missing}. Pida a {peer} que se lo "
                "vuelva a enviar."
            ).format(missing=result.waiting_for, peer=result.peer_name)
        text = tr(
            "Así quedaría al importarlo; todavía no se ha cambiado nada. Se importa todo o nada."
        )
        if result.count("conflict"):
            text += " " + tr(
                "Los datos en conflicto conservan los dos valores hasta que elija uno en "
                "«Conflictos»."
            )
        return text


def _records(count: int) -> str:
    return tr("1 registro") if count == 1 else tr("{n} registros").format(n=count)
