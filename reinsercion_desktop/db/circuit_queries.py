"""Set-based reads for deadlines, occupancy and the monthly report (keyword-only, take `session`).

Each function is one query over many records (never a query per person), returning light
tuples; the rules that interpret them live in `domain/deadlines.py` and the services.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Column, ColumnElement, and_, literal_column, or_, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from reinsercion_desktop.db.models import (
    FormInstance,
    Outing,
    Participant,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
    Vivienda,
)

_NOT_DISCHARGED = Stay.discharge_date.is_(None)  # type: ignore[union-attr]


def _unindexed(column: Column) -> ColumnElement:
    """`+table.column`: SQLite's documented way to keep the planner off an index on it.

    Without statistics SQLite would walk `ix_stay_admission_date` over nearly every stay
    ever made, where the few open ones are found at once through `ix_stay_discharge_date`.
    """
    return type_coerce(literal_column(f"+{column.table.name}.{column.name}"), column.type)  # type: ignore[attr-defined]


_ADMISSION = _unindexed(Stay.__table__.c.admission_date)  # type: ignore[attr-defined]


def _occupying(day: date) -> ColumnElement[bool]:
    """In the vivienda that day: admitted on or before it, not yet discharged (SPEC §7)."""
    return and_(
        day >= _ADMISSION,
        or_(_NOT_DISCHARGED, Stay.discharge_date > day),  # type: ignore[operator]
    )


def _present_between(start: date, end: date) -> ColumnElement[bool]:
    """In the vivienda any day of [start, end), the discharge day included."""
    return and_(
        Stay.admission_date < end,  # type: ignore[arg-type]
        or_(_NOT_DISCHARGED, Stay.discharge_date >= start),  # type: ignore[operator]
    )


# -- deadlines (Pendientes) ----------------------------------------------------------------


def _driver(session: Session):  # type: ignore[no-untyped-def]
    """The DB-API connection: fetchall() in C, no per-value processing (see participant_list_rows)."""
    return session.connection().connection.driver_connection  # type: ignore[union-attr]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


_DEADLINE_STAYS = (
    "SELECT s.id, s.participant_id, p.first_name, p.surname1, p.codapel, s.vivienda_id,"
    " s.admission_date, s.planned_discharge_date, s.discharge_date, s.discharge_type,"
    " s.discharge_notice_date, s.over_9_months_justification"
    " FROM stay s JOIN participant p ON p.id = s.participant_id"
    " WHERE s.discharge_date IS NULL OR s.discharge_date >= ?"
)


def deadline_stays(*, session: Session, since: date) -> list[tuple]:
    """Open stays and stays discharged on or after `since`, with whose they are.

    (stay id, participant id, first name, surname1, CODAPEL, vivienda id, admission,
    planned discharge, discharge, discharge type, notice date, justification)

    Raw SQL on purpose, like `queries.participant_list_rows`: at office scale (thousands of
    rows) the ORM's per-value processing is a third of the Pendientes budget.
    """
    cursor = _driver(session).execute(_DEADLINE_STAYS, (since.isoformat(),))
    return [
        (
            *row[:6],
            date.fromisoformat(row[6]),
            _day(row[7]),
            _day(row[8]),
            row[9],
            _day(row[10]),
            row[11],
        )
        for row in cursor.fetchall()
    ]


def latest_person_forms(
    *, session: Session, since: date, form_ids: Iterable[str]
) -> list[tuple[str, str, date]]:
    """(participant id, form id, day of the latest creation, UTC) of the given forms, for the
    people with a stay open or discharged on or after `since`. Raw SQL, as above."""
    ids = list(form_ids)
    marks = ", ".join("?" for _ in ids)
    # `+f.form_id`: through the people's own forms, not through every report of that kind.
    cursor = _driver(session).execute(
        "SELECT f.participant_id, f.form_id, max(f.created_at) FROM form_instance f"
        f" WHERE +f.form_id IN ({marks}) AND f.participant_id IN"
        " (SELECT participant_id FROM stay WHERE discharge_date IS NULL OR discharge_date >= ?)"
        " GROUP BY f.participant_id, f.form_id",
        (*ids, since.isoformat()),
    )
    return [
        (person, form_id, date.fromisoformat(made[:10]))
        for person, form_id, made in cursor.fetchall()
    ]


def vivienda_form_periods(*, session: Session, form_id: str, since_period: str) -> set[tuple]:
    """(vivienda id, YYYY-MM) of the monthly forms created from `since_period` on."""
    rows = session.execute(
        select(FormInstance.vivienda_id, FormInstance.period)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.period >= since_period)  # type: ignore[operator]
        .where(FormInstance.vivienda_id.is_not(None))  # type: ignore[union-attr]
    )
    return {tuple(row) for row in rows}


def vivienda_forms(*, session: Session, form_id: str, vivienda_id: str, period: str) -> list[tuple]:
    """(id, status) of the forms of a vivienda and month, oldest first."""
    rows = session.execute(
        select(FormInstance.id, FormInstance.status)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.vivienda_id == vivienda_id)
        .where(FormInstance.period == period)
        .order_by(FormInstance.created_at)  # type: ignore[arg-type]
    )
    return [tuple(row) for row in rows]


def referrals_with_status(*, session: Session, status: str) -> list[tuple]:
    """(referral id, participant id, first name, surname1, CODAPEL, assigned, planned
    admission, vivienda id, vivienda name) of the referrals in one status."""
    rows = session.execute(
        select(
            Referral.id,
            Referral.participant_id,
            Participant.first_name,
            Participant.surname1,
            Participant.codapel,
            Referral.assigned_date,
            Referral.planned_admission_date,
            Referral.vivienda_id,
            func.coalesce(Vivienda.name, ""),
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(Vivienda, Vivienda.id == Referral.vivienda_id)  # type: ignore[arg-type]
        .where(Referral.status == status)
    )
    return [tuple(row) for row in rows]


def outings_of_open_stays_discharging(
    *, session: Session, start: date, end: date
) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of the outings of open stays planned to end in [start, end]."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_NOT_DISCHARGED)
        .where(Stay.planned_discharge_date >= start)  # type: ignore[operator]
        .where(Stay.planned_discharge_date <= end)  # type: ignore[operator]
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


# -- occupancy -----------------------------------------------------------------------------


def occupants_on(*, session: Session, day: date) -> list[tuple]:
    """Who occupies a place on `day`: (stay id, vivienda id, participant id, CODAPEL, sex,
    admission, planned discharge, prison)."""
    rows = session.execute(
        select(
            Stay.id,
            Stay.vivienda_id,
            Stay.participant_id,
            Participant.codapel,
            Participant.sex,
            Stay.admission_date,
            Stay.planned_discharge_date,
            Stay.prison,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .where(_occupying(day))
        .order_by(_ADMISSION)
    )
    return [tuple(row) for row in rows]


def outings_of_occupants_on(*, session: Session, day: date) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of every outing of the stays occupying a place on `day`."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_occupying(day))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


# -- Anexo III -------------------------------------------------------------------------------


def vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[tuple]:
    """The stays of a vivienda present any day of [start, end), discharge day included:
    (stay id, CODAPEL, addiction profile, admission, programme, referring centre,
    origin centre, discharge, discharge type, abandonment reason)."""
    referring = aliased(ReferringCentre)
    origin = aliased(ReferringCentre)
    rows = session.execute(
        select(
            Stay.id,
            Participant.codapel,
            Participant.addiction_profile,
            Stay.admission_date,
            Stay.programme,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.abandonment_reason,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            referring,
            referring.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(_present_between(start, end))
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [tuple(row) for row in rows]


def outings_of_vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of every outing of those same stays."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(_present_between(start, end))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def resignations_between(
    *, session: Session, vivienda_id: str, start: date, end: date, status: str
) -> list[tuple]:
    """Referrals assigned to a vivienda whose history records `status` (renuncia) in
    [start, end): (CODAPEL, addiction profile, referring centre, origin centre, day)."""
    referring = aliased(ReferringCentre)
    origin = aliased(ReferringCentre)
    rows = session.execute(
        select(
            Participant.codapel,
            Participant.addiction_profile,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            func.min(ReferralEvent.on_date),
        )
        .join(Referral, Referral.id == ReferralEvent.referral_id)  # type: ignore[arg-type]
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(referring, referring.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Referral.vivienda_id == vivienda_id)
        .where(ReferralEvent.status == status)
        .where(ReferralEvent.on_date >= start)  # type: ignore[operator]
        .where(ReferralEvent.on_date < end)  # type: ignore[operator]
        .group_by(Referral.id)
        .order_by(func.min(ReferralEvent.on_date), Participant.codapel)
    )
    return [tuple(row) for row in rows]


# -- office ----------------------------------------------------------------------------------
# Reads of the office's monthly Anexo II, and the bulk writer the demo data needs at office
# scale (hundreds of thousands of circuit records in seconds, audited like the unit of work).
# (names this block adds are imported here: it is appended to a shared module)

import hashlib  # noqa: E402
import json  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from datetime import datetime  # noqa: E402

from reinsercion_desktop.db.audit import (  # noqa: E402
    GENESIS_HASH,
    HASHED_FIELDS,
    entry_hash,
    to_json_value,
)
from reinsercion_desktop.db.models import AuditEntry  # noqa: E402
from reinsercion_desktop.db.unit_of_work import (  # noqa: E402
    _BOOKKEEPING,  # the unit of work's own lists, so both write the same entries
    _JSON_DOCUMENTS,
    _NOT_AUDITED,
)
from reinsercion_desktop.domain.actor import Actor  # noqa: E402


def referral_places(*, session: Session, statuses: Iterable[str]) -> dict[str, tuple]:
    """{referral id: (referring centre's province, participant's province, vivienda id of a
    readmission priority)} for the referrals in the given statuses (what the waiting
    list's rows do not carry)."""
    rows = session.execute(
        select(
            Referral.id,
            func.coalesce(ReferringCentre.province, ""),
            Participant.province,
            Referral.priority_vivienda_id,
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .where(Referral.status.in_(list(statuses)))  # type: ignore[attr-defined]
    )
    return {referral_id: tuple(rest) for referral_id, *rest in rows}


def stays_in_period(*, session: Session, start: date, end: date) -> list[tuple]:
    """Stays in a vivienda any day of [start, end), the discharge day included:
    (vivienda id, admission, discharge, discharge type, prison)."""
    rows = session.execute(
        select(
            Stay.vivienda_id,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.prison,
        ).where(_present_between(start, end))
    )
    return [tuple(row) for row in rows]


def _follow_up_columns():  # type: ignore[no-untyped-def]
    return (
        Participant.codapel,
        Participant.sex,
        func.coalesce(ReferringCentre.name, ""),
        func.coalesce(ReferringCentre.province, Participant.province),
        Referral.received_date,
        Referral.fixed_date,
        Vivienda.name,
        Stay.admission_date,
        Stay.discharge_date,
    )


def admissions_and_discharges(*, session: Session, start: date, end: date) -> list[tuple]:
    """Stays admitted or discharged in [start, end), for the monthly follow-up:
    (CODAPEL, sex, referring centre, its province, received, fixed, vivienda name,
    admission, discharge)."""
    rows = session.execute(
        select(*_follow_up_columns())
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            ReferringCentre,
            ReferringCentre.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .where(
            or_(
                and_(Stay.admission_date >= start, Stay.admission_date < end),  # type: ignore[operator]
                and_(Stay.discharge_date >= start, Stay.discharge_date < end),  # type: ignore[operator]
            )
        )
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [tuple(row) for row in rows]


def last_admissions(*, session: Session, before: date, prison: bool = False) -> list[tuple]:
    """Each vivienda's latest admission before `before` among stays with that prison flag:
    (vivienda id, CODAPEL, received, fixed, admission). Ties: the later-received protocol."""
    ranked = (
        select(
            Stay.vivienda_id,
            Participant.codapel,
            Referral.received_date,
            Referral.fixed_date,
            Stay.admission_date,
            func.row_number()
            .over(
                partition_by=Stay.vivienda_id,
                order_by=(
                    Stay.admission_date.desc(),  # type: ignore[attr-defined]
                    Referral.received_date.desc(),  # type: ignore[union-attr]
                    Participant.codapel,
                ),
            )
            .label("rank"),
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .where(Stay.admission_date < before)  # type: ignore[operator]
        .where(Stay.prison == prison)
        .subquery()
    )
    rows = session.execute(
        select(
            ranked.c.vivienda_id,
            ranked.c.codapel,
            ranked.c.received_date,
            ranked.c.fixed_date,
            ranked.c.admission_date,
        ).where(ranked.c.rank == 1)
    )
    return [tuple(row) for row in rows]


def _bind_processors(session: Session, table) -> list:  # type: ignore[no-untyped-def]
    dialect = session.get_bind().dialect
    return [column.type.bind_processor(dialect) for column in table.columns]


def _insert(session: Session, table, names: list[str], rows: list[list]) -> None:  # type: ignore[no-untyped-def]
    """executemany on the DB-API cursor with the values converted as the ORM would store them."""
    processors = _bind_processors(session, table)
    by_name = {column.name: p for column, p in zip(table.columns, processors, strict=True)}
    converting = [(i, by_name[name]) for i, name in enumerate(names) if by_name[name]]
    caches: dict[int, dict] = {i: {} for i, _ in converting}
    for row in rows:
        for i, process in converting:
            value = row[i]
            if value is not None:
                cache = caches[i]
                stored = cache.get(value)
                if stored is None:
                    stored = cache[value] = process(value)
                row[i] = stored
    marks = ", ".join("?" for _ in names)
    connection = _driver(session)
    # A bigger page cache while the indexes take rows in random order (then as it was).
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute("PRAGMA cache_size=-262144")
    try:
        connection.executemany(
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", rows
        )
    finally:
        connection.execute(f"PRAGMA cache_size={int(cache)}")


def _is_temporal(column) -> bool:  # type: ignore[no-untyped-def]
    try:
        return column.type.python_type in (date, datetime)
    except NotImplementedError:
        return False


def bulk_create(
    *,
    session: Session,
    model: type,
    rows: Sequence[dict],
    owners: Sequence[str],
    actor: Actor,
    at: datetime,
) -> None:
    """Insert many new records of one kind, each with its audit entry ("create", chained
    after the last entry), exactly as the unit of work would record them one by one.

    `rows`: column → value (the id included; missing columns take their default);
    `owners`: the participant each record belongs to, for `audit --participant`. Run it in
    a unit of work that stages no ORM record, so the chain is written by one hand.
    The entries' hashes are `audit.entry_hash`'s, built from a template (the first of each
    call is checked against it): at office scale hashing is most of the time.
    """
    table = model.__table__  # type: ignore[attr-defined]
    names = [column.name for column in table.columns]
    assert not _JSON_DOCUMENTS & set(names), "forms are audited by field: use the unit of work"
    defaults = {
        column.name: None
        if column.default is None or column.default.is_callable
        else column.default.arg
        for column in table.columns
    }
    # The audit's changes of a creation: every column but id and bookkeeping, by name.
    audited = [
        (name, _is_temporal(table.c[name]))
        for name in sorted(names)
        if name not in _BOOKKEEPING and name not in _NOT_AUDITED and name != "id"
    ]
    stamp = {
        "created_at": at,
        "updated_at": at,
        "created_by": actor.login,
        "updated_by": actor.login,
        "version": 1,
    }
    previous = (
        session.execute(
            select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)  # type: ignore[union-attr]
        ).scalar()
        or GENESIS_HASH
    )
    same = {
        "at": at,
        "actor_id": actor.user_id,
        "actor_login": actor.login,
        "installation_id": actor.installation_id,
        "action": "create",
        "entity": table.name,
        "reason": "",
    }
    dump = json.JSONEncoder(ensure_ascii=False).encode
    text = {key: dump(to_json_value(value)) for key, value in same.items()}
    # json.dumps({"prev": …, **fields}, sort_keys=True, ensure_ascii=False), spelled out.
    head = (
        f'{{"action": {text["action"]}, "actor_id": {text["actor_id"]}, '
        f'"actor_login": {text["actor_login"]}, "at": {text["at"]}, "changes": '
    )
    middle = f', "entity": {text["entity"]}, "installation_id": {text["installation_id"]}, '
    tail = f', "reason": {text["reason"]}, "record_id": '
    records: list[list] = []
    entries: list[list] = []
    for row, owner in zip(rows, owners, strict=True):
        values = {**defaults, "installation_id": actor.installation_id, **row, **stamp}
        records.append([values[name] for name in names])
        changes = dump(
            {
                name: (values[name].isoformat() if temporal and values[name] else values[name])
                for name, temporal in audited
            }
        )
        owner = owner or ""
        record_id = values["id"]
        payload = (
            f'{head}{dump(changes)}{middle}"participant_id": {dump(owner)}, '
            f'"prev": {dump(previous)}{tail}{dump(record_id)}}}'
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        if not entries:
            fields = {**same, "record_id": record_id, "participant_id": owner, "changes": changes}
            assert digest == entry_hash(previous, fields), "the audit hash changed its format"
        entries.append(
            [
                at,
                actor.user_id,
                actor.login,
                actor.installation_id,
                "create",
                table.name,
                record_id,
                owner,
                changes,
                "",
                previous,
                digest,
            ]
        )
        previous = digest
    _insert(session, table, names, records)
    _insert(session, AuditEntry.__table__, [*HASHED_FIELDS, "prev_hash", "hash"], entries)  # type: ignore[attr-defined]
