"""The period of a report: its kind (mes, trimestre, semestre, año — only those the report
takes), the year and the month, quarter or half; by default the last one closed.

«Last closed» because a report of the running month would count a month not yet over: on
15/12/2026 the month is November, the quarter the 3rd, the half the 1st, the year 2025.
"""

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from reinsercion_desktop.domain.deadlines import MONTHS_ES
from reinsercion_desktop.domain.periods import MAX_YEAR, MIN_YEAR, MONTHS_IN, Period, PeriodKind
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox, SpinBox


def kind_label(kind: PeriodKind) -> str:
    return {
        PeriodKind.MONTH: tr("Mes"),
        PeriodKind.QUARTER: tr("Trimestre"),
        PeriodKind.HALF: tr("Semestre"),
        PeriodKind.YEAR: tr("Año"),
    }[kind]


def part_labels(kind: PeriodKind) -> list[str]:
    """What the third chooser offers for a kind (nothing for a year)."""
    if kind is PeriodKind.MONTH:
        return [name.capitalize() for name in MONTHS_ES]
    if kind is PeriodKind.QUARTER:
        return [tr("{n}.º trimestre").format(n=n) for n in range(1, 5)]
    if kind is PeriodKind.HALF:
        return [tr("{n}.º semestre").format(n=n) for n in range(1, 3)]
    return []


def last_closed(today: date, kind: PeriodKind) -> Period:
    """The last period of this kind that has ended before `today`."""
    return Period.containing(today, kind).previous()


class PeriodPicker(QWidget):
    """Kind, year and part of a period; `period()` is what they say, `changed` when it moves."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.kinds: tuple[PeriodKind, ...] = ()
        self.kind_combo = ComboBox()
        self.kind_combo.setObjectName("report_period_kind")
        self.kind_combo.setToolTip(tr("Mes, trimestre, semestre o año"))
        self.year_spin = SpinBox()
        self.year_spin.setObjectName("report_period_year")
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setValue(today.year)
        self.part_combo = ComboBox()
        self.part_combo.setObjectName("report_period_part")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.part_combo, 1)
        layout.addWidget(self.year_spin)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.year_spin.valueChanged.connect(lambda _value: self.changed.emit())
        self.part_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def set_kinds(self, kinds: Sequence[PeriodKind]) -> None:
        """Offer only these kinds (the chosen report's): the current period if its kind is
        among them, else the first kind at its last closed period."""
        wanted = tuple(kinds) or (PeriodKind.MONTH,)
        current = self.kind()
        before = self.period() if current is not None else None
        self.kinds = wanted
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind in wanted:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.blockSignals(False)
        keep = current if current in wanted else wanted[0]
        self.kind_combo.setCurrentIndex(wanted.index(keep))
        self._kind_chosen()
        if before is not None and before.kind is keep:
            self.set_period(before)  # another report of the same kind: same period

    def kind(self) -> PeriodKind | None:
        data = self.kind_combo.currentData()
        return PeriodKind(data) if data else None

    def set_period(self, period: Period) -> None:
        if period.kind not in self.kinds:
            return
        self.kind_combo.setCurrentIndex(self.kinds.index(period.kind))
        self.year_spin.setValue(period.year)
        if period.kind is not PeriodKind.YEAR:
            self.part_combo.setCurrentIndex(period.index - 1)

    def period(self) -> Period:
        kind = self.kind() or PeriodKind.MONTH
        index = self.part_combo.currentIndex() + 1 if kind is not PeriodKind.YEAR else 1
        return Period(self.year_spin.value(), kind, max(1, min(index, 12 // MONTHS_IN[kind])))

    def _kind_chosen(self, *_args: object) -> None:
        kind = self.kind() or PeriodKind.MONTH
        default = last_closed(self.today, kind)
        self.part_combo.blockSignals(True)
        self.part_combo.clear()
        self.part_combo.addItems(part_labels(kind))
        self.part_combo.setVisible(kind is not PeriodKind.YEAR)
        if kind is not PeriodKind.YEAR:
            self.part_combo.setCurrentIndex(default.index - 1)
        self.part_combo.blockSignals(False)
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(default.year)
        self.year_spin.blockSignals(False)
        self.changed.emit()
