"""Reporting periods: a month, a quarter, a half-year or a year (SPEC §7, Anexo II).

Written as the command line takes them and the dock shows them:

- month «2026-11» → «noviembre de 2026»
- quarter «2026-T4» → «4.º trimestre de 2026»
- half «2026-S2» → «2.º semestre de 2026»
- year «2026» → «año 2026»

`end` is exclusive (the first day after the period), as every count of days in SPEC §7
is: a stay still open counts up to the end of the period, the day of `end` not included.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.deadlines import MONTHS_ES


class PeriodKind(StrEnum):
    MONTH = "mes"
    QUARTER = "trimestre"
    HALF = "semestre"
    YEAR = "año"


MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
_CODE_LETTER = {PeriodKind.QUARTER: "T", PeriodKind.HALF: "S"}
MIN_YEAR, MAX_YEAR = 1900, 2100
# How each kind is written, for every message that asks for a period.
WRITTEN = {
    PeriodKind.MONTH: "AAAA-MM",
    PeriodKind.QUARTER: "AAAA-T1…T4",
    PeriodKind.HALF: "AAAA-S1/S2",
    PeriodKind.YEAR: "AAAA",
}


def written_as(kind: PeriodKind) -> str:
    """«AAAA-MM (mes)»."""
    return f"{WRITTEN[kind]} ({kind})"


PERIOD_HELP = ", ".join(written_as(kind) for kind in list(PeriodKind)[:-1]) + (
    f" o {written_as(PeriodKind.YEAR)}"
)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    index: int  # month 1–12, quarter 1–4, half 1–2; 1 for a year

    def __post_init__(self) -> None:
        count = 12 // MONTHS_IN[self.kind]
        if not 1 <= self.index <= count:
            raise ValueError(f"{self.kind} {self.index} fuera de 1–{count}")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"El año {self.year} está fuera de {MIN_YEAR}–{MAX_YEAR}.")

    @classmethod
    def parse(cls, text: str) -> "Period":
        """«2026-11», «2026-T4», «2026-S2» or «2026»; ValueError with a Spanish message."""
        cleaned = text.strip().upper()
        wrong = ValueError(f"«{text}» no es un período: escríbalo como {PERIOD_HELP}.")
        year_text, _, rest = cleaned.partition("-")
        if len(year_text) != 4 or not year_text.isdigit():
            raise wrong
        year = int(year_text)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"El año {year} está fuera de {MIN_YEAR}–{MAX_YEAR}.")
        if not rest:
            return cls(year, PeriodKind.YEAR, 1)
        if len(rest) == 2 and rest[0] in "TS" and rest[1].isdigit():
            kind, number = (PeriodKind.QUARTER if rest[0] == "T" else PeriodKind.HALF), rest[1]
        elif len(rest) == 2 and rest.isdigit():
            kind, number = PeriodKind.MONTH, rest
        else:
            raise wrong
        try:
            return cls(year, kind, int(number))
        except ValueError:
            raise wrong from None

    @classmethod
    def containing(cls, day: date, kind: PeriodKind) -> "Period":
        months = MONTHS_IN[kind]
        return cls(day.year, kind, (day.month - 1) // months + 1)

    @property
    def start(self) -> date:
        return date(self.year, (self.index - 1) * MONTHS_IN[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        return add_months(self.start, MONTHS_IN[self.kind])

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        return f"{self.year}-{_CODE_LETTER[self.kind]}{self.index}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS_ES[self.index - 1]} de {self.year}"
        if self.kind == PeriodKind.YEAR:
            return f"año {self.year}"
        return f"{self.index}.º {self.kind} de {self.year}"

    @property
    def months(self) -> list[str]:
        """The YYYY-MM codes of its months, in order."""
        first = self.start
        return [add_months(first, n).strftime("%Y-%m") for n in range(MONTHS_IN[self.kind])]

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def previous(self) -> "Period":
        return Period.containing(add_months(self.start, -MONTHS_IN[self.kind]), self.kind)

    def __str__(self) -> str:
        return self.code
