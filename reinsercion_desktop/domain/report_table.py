"""The one shape of every report: plain frozen records the services build and every
output reads — the Informes dock, the PDF, CSV and XLSX, and the charts.

A `Report` is a title, a period, who issues it, and sections of `ReportTable`s. A table's
columns say what kind of value they hold, which is what the outputs format and what
small-number protection (domain/disclosure.py) acts on: a COUNT cell under the threshold
prints «<5» in anything that leaves the installation, and a PERCENT or RATE column names
the COUNT column it is derived from (`of`) so it is hidden with it.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from reinsercion_desktop.domain.periods import Period


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # people, stays, discharges…: protected when small
    PERCENT = "percent"  # 0–100, one decimal; derived from the COUNT column `of`
    DAYS = "days"  # a length of time in days (median, mean), one decimal
    NUMBER = "number"  # any other figure: places, place-days, hours, an index
    MONEY = "money"  # euros (or the centre's currency), two decimals
    DATE = "date"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = ColumnKind.TEXT
    of: str | None = None  # PERCENT/NUMBER derived from this COUNT column: hidden with it


@dataclass(frozen=True)
class ChartSpec:
    """How a table is drawn: «bars» (one bar group per row) or «trend» (rows are months,
    in order, one line per value column)."""

    kind: str  # "bars" | "trend"
    label_column: str
    value_columns: tuple[str, ...]
    title: str = ""
    unit: str = ""  # the value axis' label («%», «días», «personas»)


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] | None = None  # the «Total» row, when the table has one
    note: str = ""  # how it is counted (the formula), printed under the table
    chart: ChartSpec | None = None

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def values(self, key: str) -> list[Any]:
        index = self.column_index(key)
        return [row[index] for row in self.rows]

    def with_rows(
        self, rows: tuple[tuple[Any, ...], ...], total: tuple[Any, ...] | None
    ) -> "ReportTable":
        return replace(self, rows=rows, total=total)


@dataclass(frozen=True)
class ReportSection:
    title: str
    tables: tuple[ReportTable, ...]
    intro: str = ""  # e.g. the addressees («A CTAs: C.P.D.s»)


@dataclass(frozen=True)
class ReportIssuer:
    """Who issues the report: its header and its signature box. The Anexo II is the
    office's (FADA); a centre prints its own viviendas under its own name."""

    name: str
    kind: str  # InstallationKind value: "office" | "centre"
    code: str = ""
    province: str = ""
    address: str = ""
    phone: str = ""
    signer_role: str = ""  # «Coordinación de FADA», «Responsable de VAR»


@dataclass(frozen=True)
class Report:
    key: str  # the command line's name: «anexo-ii-mensual», «indicadores»…
    title: str
    period: Period
    issuer: ReportIssuer
    sections: tuple[ReportSection, ...]
    scope: str = ""  # «Todas las viviendas» or one vivienda's name
    made_on: date | None = None
    exact: bool = False  # True: small counts not protected (an internal copy, marked)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def tables(self) -> list[ReportTable]:
        return [table for section in self.sections for table in section.tables]
