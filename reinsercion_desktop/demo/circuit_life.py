"""The life of a stay: outings, toxicology controls, incidents and contributions (R-STAY-1,
R-DIS-1, R-ECO-1), added by the circuit's writer to the stays it details."""

from datetime import timedelta

from reinsercion_desktop.db.models import EconomicContribution, Incident, Outing, ToxControl
from reinsercion_desktop.demo.circuit_model import Person, Stay
from reinsercion_desktop.demo.circuit_texts import (
    DISCIPLINARY_REASONS,
    EMPLOYED_ORIGINS,
    EXCEPTIONAL_PURPOSES,
    FAMILY_CIRCUMSTANCES,
    INCIDENTS,
    OTHER_ORIGINS,
    OUTING_PURPOSES,
    SUBSTANCES,
)
from reinsercion_desktop.domain.enums import DischargeType, DisciplinaryCriterion, OutingKind
from reinsercion_desktop.domain.stay_rules import OUTING_MAX_DAYS, max_daily_contribution


def add_life(writer, person: Person, stay: Stay, stay_id: str) -> None:  # type: ignore[no-untyped-def]
    """Outings every few weeks from the first month (30–40 days in all, R-STAY-1), a control
    after some of them, monthly controls while in the house, the incident of a
    disciplinary discharge (R-DIS-1)."""
    rng, today, owner = writer.rng, writer.today, person.source.id
    end = stay.discharge or stay.planned or today + timedelta(days=20)
    last_day = min(stay.discharge or today, today)
    day = stay.admission + timedelta(days=30)
    taken, count = 0, 0
    limit = 1 if person.role == "few_outings" else 12
    positives = stay.criterion == DisciplinaryCriterion.REPEATED_POSITIVES
    while count < limit:
        exceptional = rng.random() < 0.05
        length = rng.randint(1, 3) if exceptional else rng.randint(3, 6)
        back = day + timedelta(days=length)
        if back > end or (not exceptional and taken + length > OUTING_MAX_DAYS):
            break
        kind = OutingKind.EXCEPTIONAL if exceptional else OutingKind.ORDINARY
        purposes = EXCEPTIONAL_PURPOSES if exceptional else OUTING_PURPOSES
        writer.add(
            Outing,
            owner,
            stay_id=stay_id,
            start_date=day,
            end_date=back,
            kind=kind.value,
            purpose=rng.choice(purposes),
        )
        taken += 0 if exceptional else length
        count += 1
        if back <= last_day and (positives or rng.random() < 0.5):
            _control(writer, owner, stay_id, back, True, positive=positives)
        day = back + timedelta(days=rng.randint(10, 28))
    if stay.discharge is None:  # monthly controls while in the house
        check = stay.admission + timedelta(days=7)
        while check <= today:
            _control(writer, owner, stay_id, check, False)
            check += timedelta(days=rng.randint(28, 40))
        _open_extras(writer, person, stay, stay_id)
    elif stay.kind == DischargeType.DISCIPLINARY:
        criterion = DisciplinaryCriterion(stay.criterion)
        writer.add(
            Incident,
            owner,
            stay_id=stay_id,
            on_date=max(stay.admission, stay.discharge - timedelta(days=rng.randint(0, 2))),
            description=DISCIPLINARY_REASONS[criterion],
            severity="muy_grave" if criterion == DisciplinaryCriterion.VIOLENCE else "grave",
        )


def _control(
    writer, owner: str, stay_id: str, day, after_outing: bool, *, positive: bool = False
) -> None:  # type: ignore[no-untyped-def]
    roll = writer.rng.random()
    result = "positivo" if positive or roll < 0.06 else "invalido" if roll < 0.08 else "negativo"
    writer.add(
        ToxControl,
        owner,
        stay_id=stay_id,
        on_date=day,
        result=result,
        substances=writer.rng.choice(SUBSTANCES) if result == "positivo" else "",
        after_outing=after_outing,
    )


def _open_extras(writer, person: Person, stay: Stay, stay_id: str) -> None:  # type: ignore[no-untyped-def]
    """A minor incident now and then; a contribution from those with an income, within 20 %
    of the cost per place and day and authorised beforehand (R-ECO-1)."""
    rng, today, owner = writer.rng, writer.today, person.source.id
    days_in = (today - stay.admission).days
    if days_in > 10 and (person.role == "incident" or rng.random() < 0.08):
        description, severity = rng.choice(INCIDENTS)
        on = stay.admission + timedelta(days=rng.randint(5, days_in))
        writer.add(
            Incident, owner, stay_id=stay_id, on_date=on, description=description, severity=severity
        )
    cost = writer.cost
    if cost <= 0 or days_in <= 70:
        return
    if not (person.role == "incident" or (person.source.employed and rng.random() < 0.5)):
        return
    income = float(rng.randint(450, 1100))
    daily = round(min(max_daily_contribution(cost), income * 0.15 / 30), 2)
    start = stay.admission + timedelta(days=rng.randint(30, 60))
    origins = EMPLOYED_ORIGINS if person.source.employed else OTHER_ORIGINS
    writer.add(
        EconomicContribution,
        owner,
        stay_id=stay_id,
        start_date=start,
        monthly_income=income,
        income_origin=rng.choice(origins),
        duration_months=rng.randint(6, 12),
        family_circumstances=rng.choice(FAMILY_CIRCUMSTANCES),
        daily_amount=daily,
        authorised_by=writer.planner.profile.terms.authoriser,
        authorised_date=start - timedelta(days=rng.randint(3, 15)),
    )
