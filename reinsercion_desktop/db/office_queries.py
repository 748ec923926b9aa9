"""Reads of the office's monthly Anexo II (keyword-only, take `session`; named rows).

One query each over the whole period; the counting rules are in services/office.py.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from sqlmodel import Session

from reinsercion_desktop.db.sql_rows import driver_connection, iso_day


class ReferralPlace(NamedTuple):
    """Where a listed protocol belongs (what the waiting list's rows do not carry)."""

    centre_province: str  # the referring centre's, "" without one
    own_province: str  # the participant's
    priority_vivienda_id: str | None  # R-WL-4: where a readmission priority applies


_PLACES_SQL = (
    "SELECT r.id, coalesce(c.province, ''), p.province, r.priority_vivienda_id"
    " FROM referral r JOIN participant p ON p.id = r.participant_id"
    " LEFT JOIN referring_centre c ON c.id = r.referring_centre_id"
    " WHERE r.status IN ({marks})"
)


def referral_places(*, session: Session, statuses: Iterable[str]) -> dict[str, ReferralPlace]:
    """{referral id: its places} for the referrals in the given statuses (raw DB-API path,
    db/sql_rows.py: plain text columns, read with every refresh of the regional list)."""
    chosen = list(statuses)
    if not chosen:
        return {}
    sql = _PLACES_SQL.format(marks=", ".join("?" * len(chosen)))
    rows = driver_connection(session).execute(sql, chosen).fetchall()
    return {referral_id: ReferralPlace(*rest) for referral_id, *rest in rows}


def vivienda_names(*, session: Session) -> dict[str, str]:
    """{vivienda id: name}, every vivienda (in force or not)."""
    return dict(driver_connection(session).execute("SELECT id, name FROM vivienda").fetchall())


class PeriodStay(NamedTuple):
    vivienda_id: str
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    prison: bool


_STAYS_SQL = (
    "SELECT vivienda_id, admission_date, discharge_date, discharge_type, prison FROM stay"
    " WHERE (discharge_date IS NULL OR discharge_date >= ?)"
    # date() hides the admission-date index from the planner (see the docstring).
    " AND date(admission_date) < ?"
)


def stays_in_period(*, session: Session, start: date, end: date) -> list[PeriodStay]:
    """Stays in a vivienda any day of [start, end), the discharge day included.

    The same condition as circuit_queries.present_between, written so that SQLite walks the
    discharge-date index (the open stays and those discharged since `start`: a month's
    worth) instead of the admission-date one (every stay admitted before `end`: at office
    scale nearly all 50,000, half a second). Raw DB-API path (db/sql_rows.py)."""
    day = iso_day
    rows = driver_connection(session).execute(_STAYS_SQL, (start.isoformat(), end.isoformat()))
    return [
        PeriodStay(vivienda, day(admission), day(discharge), kind, bool(prison))  # type: ignore[arg-type]
        for vivienda, admission, discharge, kind, prison in rows.fetchall()
    ]


class Move(NamedTuple):
    """An admission or a discharge, for the monthly follow-up."""

    codapel: str
    sex: str
    referring_centre: str
    province: str | None  # the referring centre's, else the person's
    received_date: date | None
    fixed_date: date | None
    vivienda: str
    admission_date: date
    discharge_date: date | None


_MOVES_SQL = (
    "SELECT p.codapel, p.sex, coalesce(c.name, ''), coalesce(c.province, p.province),"
    " r.received_date, r.fixed_date, v.name, s.admission_date, s.discharge_date"
    " FROM stay s JOIN participant p ON p.id = s.participant_id"
    " JOIN vivienda v ON v.id = s.vivienda_id"
    " LEFT JOIN referral r ON r.id = s.referral_id"
    " LEFT JOIN referring_centre c"
    " ON c.id = coalesce(r.referring_centre_id, p.referring_centre_id)"
    " WHERE (s.admission_date >= :start AND s.admission_date < :end)"
    " OR (s.discharge_date >= :start AND s.discharge_date < :end)"
    " ORDER BY s.admission_date, p.codapel"
)


def admissions_and_discharges(*, session: Session, start: date, end: date) -> list[Move]:
    """Stays admitted or discharged in [start, end) (raw DB-API path, db/sql_rows.py)."""
    bounds = {"start": start.isoformat(), "end": end.isoformat()}
    day = iso_day
    return [
        Move(*row[:4], day(row[4]), day(row[5]), row[6], day(row[7]), day(row[8]))  # type: ignore[arg-type]
        for row in driver_connection(session).execute(_MOVES_SQL, bounds).fetchall()
    ]


class LastAdmission(NamedTuple):
    vivienda_id: str
    codapel: str
    received_date: date | None
    fixed_date: date | None
    admission_date: date


def last_admissions(*, session: Session, before: date, prison: bool = False) -> list[LastAdmission]:
    """Each vivienda's latest admission before `before` among stays with that prison flag.
    Ties: the later-received protocol, then the CODAPEL.

    The latest day per vivienda is found on the stay table alone, then only the stays of
    that day are joined and ranked: ranking every stay with its person and protocol took
    four seconds at office scale. The year before `before` is looked at first (through
    the admission-date index); only viviendas with no admission in it are looked up over
    their whole history (through the vivienda index: quick for a vivienda with no stay).
    Raw DB-API path (db/sql_rows.py)."""
    connection = driver_connection(session)
    found = _last_admissions(connection, before, prison, since=before - timedelta(days=366))
    seen = {row.vivienda_id for row in found}
    # The vivienda table (a hundred rows), not the stays' distinct viviendas (a scan of
    # every stay): a vivienda without stays is simply not found again below.
    missing = {vivienda_id for (vivienda_id,) in connection.execute("SELECT id FROM vivienda")}
    missing -= seen
    if missing:
        found += _last_admissions(connection, before, prison, only=sorted(missing))
    return found


_LATEST_SQL = (
    "SELECT vivienda_id, codapel, received_date, fixed_date, admission_date FROM ("
    " SELECT s.vivienda_id, p.codapel, r.received_date, r.fixed_date, s.admission_date,"
    "  row_number() OVER (PARTITION BY s.vivienda_id"
    "   ORDER BY r.received_date DESC, p.codapel) AS rank"
    " FROM (SELECT vivienda_id, max(admission_date) AS day FROM stay"
    "  WHERE admission_date < ? AND prison = ?{narrower} GROUP BY vivienda_id) AS latest"
    " JOIN stay s ON s.vivienda_id = latest.vivienda_id AND s.admission_date = latest.day"
    " JOIN participant p ON p.id = s.participant_id"
    " LEFT JOIN referral r ON r.id = s.referral_id"
    " WHERE s.prison = ?)"
    " WHERE rank = 1"
)


def _last_admissions(  # type: ignore[no-untyped-def]
    connection, before: date, prison: bool, *, since: date | None = None, only=None
) -> list[LastAdmission]:
    narrower, bounds = "", [before.isoformat(), int(prison)]
    if since is not None:
        narrower += " AND admission_date >= ?"
        bounds.append(since.isoformat())
    if only is not None:
        narrower += f" AND vivienda_id IN ({', '.join('?' * len(only))})"
        bounds.extend(only)
    rows = connection.execute(_LATEST_SQL.format(narrower=narrower), [*bounds, int(prison)])
    day = iso_day
    return [
        LastAdmission(vivienda, codapel, day(received), day(fixed), day(admitted))  # type: ignore[arg-type]
        for vivienda, codapel, received, fixed, admitted in rows.fetchall()
    ]
