"""Set-based reads of the waiting list: listed protocols and who holds a place (named rows).

One query each over every listed protocol or open stay, never a query per person; the
rows are light named tuples (at office scale building 1,700 full ORM records was half of
a refresh of the list).
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlmodel import Session

from reinsercion_desktop.db.sql_rows import driver_connection, iso_day, iso_moment


class ListedReferral(NamedTuple):
    """A protocol in the list (waiting, postponed or assigned), with whose it is."""

    id: str
    participant_id: str
    status: str
    protocol_date: date
    received_date: date | None
    fixed_date: date | None
    included_date: date | None
    created_at: datetime | None
    postponed_until: date | None
    keep_decision: str
    prison: bool
    court_order: bool
    priority_until: date | None
    priority_vivienda_id: str | None
    vivienda_id: str | None
    assigned_date: date | None
    planned_admission_date: date | None
    codapel: str
    sex: str
    referring_centre: str  # its name, "" without one
    centre_province: str = ""  # the referring centre's, "" without one
    own_province: str = ""  # the participant's


_LISTED_SQL = (
    "SELECT r.id, r.participant_id, r.status, r.protocol_date, r.received_date, r.fixed_date,"
    " r.included_date, r.created_at, r.postponed_until, r.keep_decision, r.prison,"
    " r.court_order, r.priority_until, r.priority_vivienda_id, r.vivienda_id, r.assigned_date,"
    " r.planned_admission_date, p.codapel, p.sex, coalesce(c.name, ''),"
    " coalesce(c.province, ''), p.province"
    " FROM referral r JOIN participant p ON p.id = r.participant_id"
    " LEFT JOIN referring_centre c ON c.id = r.referring_centre_id"
    " WHERE r.status IN ({marks})"
)


def listed_referrals(*, session: Session, statuses: Sequence[str]) -> list[ListedReferral]:
    """The referrals in the given statuses, with the person's CODAPEL, sex and province
    and the referring centre's name and province.

    Through the raw DB-API path (db/sql_rows.py): the ORM's per-value processing of these
    twenty columns cost three times the query itself, on every refresh of the list."""
    chosen = list(statuses)
    if not chosen:
        return []
    sql = _LISTED_SQL.format(marks=", ".join("?" * len(chosen)))
    day = iso_day
    return [
        ListedReferral(
            *row[:3],
            day(row[3]),
            day(row[4]),
            day(row[5]),
            day(row[6]),
            iso_moment(row[7]),
            day(row[8]),
            row[9],
            bool(row[10]),
            bool(row[11]),
            day(row[12]),
            row[13],
            row[14],
            day(row[15]),
            day(row[16]),
            *row[17:],
        )
        for row in driver_connection(session).execute(sql, chosen).fetchall()
    ]


class OpenStay(NamedTuple):
    """A stay still open (no discharge date): someone holding a place."""

    id: str
    vivienda_id: str
    participant_id: str
    codapel: str
    sex: str
    prison: bool
    admission_date: date
    discharge_notice_date: date | None
    planned_discharge_date: date | None


_OPEN_STAYS_SQL = (
    "SELECT s.id, s.vivienda_id, s.participant_id, p.codapel, p.sex, s.prison,"
    " s.admission_date, s.discharge_notice_date, s.planned_discharge_date"
    " FROM stay s JOIN participant p ON p.id = s.participant_id"
    " WHERE s.discharge_date IS NULL"
)


def open_stays(*, session: Session, admitted_after: date | None = None) -> list[OpenStay]:
    """Every open stay; with `admitted_after`, only those admitted after that day (raw
    DB-API path, as `listed_referrals`)."""
    sql, bounds = _OPEN_STAYS_SQL, ()
    if admitted_after is not None:
        # Dates are ISO text: compared as text, as the ORM's bound date is.
        sql, bounds = sql + " AND s.admission_date > ?", (admitted_after.isoformat(),)
    day = iso_day
    return [
        OpenStay(*row[:5], bool(row[5]), day(row[6]), day(row[7]), day(row[8]))  # type: ignore[arg-type]
        for row in driver_connection(session).execute(sql, bounds).fetchall()
    ]
