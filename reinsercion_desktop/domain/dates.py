"""Dates as Spanish staff type and read them (dd/mm/aaaa)."""

import calendar
import re
from datetime import date, datetime

_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")


# Birth dates start here and no plan, stay or report reaches beyond the end: a year
# outside (0001, 0000, 9999) is a typo, and Python's dates stop at 1 and 9999 anyway.
MIN_YEAR, MAX_YEAR = 1900, 2100


class DateInputError(ValueError):
    """A date the user typed that cannot be read; the message is for the user."""


def check_year(year: int) -> None:
    """Refuse a year outside MIN_YEAR–MAX_YEAR, saying the bounds."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        side = f"anterior a {MIN_YEAR}" if year < MIN_YEAR else f"posterior a {MAX_YEAR}"
        raise DateInputError(
            f"El año {year} es {side}: escriba un año entre {MIN_YEAR} y {MAX_YEAR}."
        )


def parse_date_es(text: str) -> date:
    """Read "7/3/1985", "07-03-85" or "1985-03-07"; refuse impossible dates clearly."""
    raw = text.strip()
    try:
        parsed = date.fromisoformat(raw)
    except ValueError:
        pass
    else:
        check_year(parsed.year)
        return parsed
    match = _DATE.match(raw)
    if not match:
        raise DateInputError(f"«{raw}» no es una fecha: escríbala como dd/mm/aaaa.")
    day, month, year = (int(group) for group in match.groups())
    if len(match.group(3)) == 2:
        # Two-digit years are birth years here: 00-29 → 2000s, else 1900s.
        year += 2000 if year < 30 else 1900
    if not 1 <= month <= 12:
        raise DateInputError(f"El mes {month} no existe: escriba la fecha como dd/mm/aaaa.")
    check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(
            f"La fecha {day:02d}/{month:02d}/{year} no existe en el calendario."
        ) from None


def format_date_es(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime_es(value: datetime | None) -> str:
    """A stored (UTC) moment as the local time of this computer."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d/%m/%Y %H:%M")


def age_on(birth_date: date, on: date) -> int:
    """Completed years on a given day."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31/01 + 1 → 28/02 or 29/02);
    negative `months` go back."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
