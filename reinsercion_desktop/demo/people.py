"""The demo's people: who they are, and where each one stands in the circuit today.

The statuses follow the places: the houses are full but for a few vacancies (one place in
every third house, which the office is filling, R-WL-5); the waiting list holds about
four fifths of the places of each sex (a wait of some months, R-WL-1); a few protocols
are on their way; everyone else has left (alta). At small scales the same shares as a
centre with a short history: a quarter in the houses, a quarter waiting.

A person is plausible as a whole: a methadone programme only with an opioid profile, a
referral from prison by the prison's team (EAIIPP) of their sex, family members who
share the surname they should, an adolescent who studies, a resident with papers.
"""

import random
from dataclasses import replace
from datetime import date, timedelta

from reinsercion_desktop.db.models import ReferringCentre, Vivienda
from reinsercion_desktop.demo.identity import BIRTH_STATES, curp, dni, nie
from reinsercion_desktop.demo.profiles import Profile
from reinsercion_desktop.domain.enums import (
    ADDICTION_PROFILES,
    HivStatus,
    IdKind,
    ParticipantStatus,
    ReferringCentreKind,
    Sex,
)
from reinsercion_desktop.domain.participant import ParticipantDraft

_P = ParticipantStatus
OPIOIDS = ("Metadona", "Heroína", "Heroína/Cocaína")
ADDICTION_WEIGHTS = {  # in the order of ADDICTION_PROFILES
    "andalucia": (30, 10, 12, 14, 18, 6, 2, 3, 2, 3),
    "cdmx": (30, 1, 2, 1, 20, 14, 18, 2, 2, 10),  # crystal meth and inhalants ("Otras")
}
EDUCATION_WEIGHTS = {
    "Sin estudios": 4,
    "Primaria incompleta": 8,
    "Primaria": 14,
    "Secundaria obligatoria (ESO)": 16,
    "Bachillerato": 8,
    "Formación profesional": 8,
    "Universitarios": 3,
}
RELATIVES = ("madre", "padre", "hermano", "hermana", "pareja", "tía", "tío")


def audience(centre_name: str) -> str:
    """Who a centre takes: "H", "M", "adolescentes" or anyone ("")."""
    name = centre_name.lower()
    if "adolescentes" in name:
        return "adolescentes"
    return "H" if "varonil" in name else "M" if "femenil" in name else ""


def main_sex(vivienda: Vivienda) -> str:
    return Sex.MAN.value if vivienda.places_men >= vivienda.places_women else Sex.WOMAN.value


def vacancies(viviendas: list[Vivienda]) -> dict[str, int]:
    """Every third house keeps one place of its main sex free today (being filled)."""
    found = {Sex.MAN.value: 0, Sex.WOMAN.value: 0}
    for index, vivienda in enumerate(viviendas):
        if index % 3 == 0:
            found[main_sex(vivienda)] += 1
    return found


def status_plan(rng: random.Random, sexes: list[str], viviendas: list[Vivienda]) -> list[str]:
    """Each person's status, by sex, from the places (see the module's docstring)."""
    places = {
        Sex.MAN.value: sum(v.places_men + v.places_mixed for v in viviendas),
        Sex.WOMAN.value: sum(v.places_women for v in viviendas),
    }
    free = vacancies(viviendas)
    statuses = [""] * len(sexes)
    for sex, own in places.items():
        indexes = [i for i, s in enumerate(sexes) if s == sex]
        rng.shuffle(indexes)
        n = len(indexes)
        residents = min(max(0, own - free[sex]), round(n * 3 / 12))
        waiting = min(max(1, round(0.8 * own)), round(n * 3 / 12))
        referred = min(max(2, round(0.6 * own)), round(n * 2 / 12))
        plan = [_P.RESIDENT] * residents + [_P.WAITING] * waiting + [_P.REFERRED] * referred
        plan += [_P.DISCHARGED] * (n - len(plan))
        for index, status in zip(indexes, plan, strict=True):
            statuses[index] = status.value
    return statuses


def _birth(rng: random.Random, profile: Profile, today: date) -> tuple[date, bool]:
    """(birth date, adolescent): adults of 19 to 64, or 15 to 18 in a programme that admits
    adolescents (admitted from 14)."""
    if rng.random() < profile.adolescent_share:
        return today - timedelta(days=rng.randint(15 * 365 + 20, 18 * 365 + 300)), True
    return today - timedelta(days=rng.randint(19 * 365, 64 * 365)), False


def _identity(rng, profile, number, first, surname1, surname2, birth, sex, listed):  # type: ignore[no-untyped-def]
    if listed and rng.random() < 0.05:  # people without papers: the file waits for them
        return IdKind.OTHER.value, ""
    if profile.id_kind == IdKind.CURP:
        return IdKind.CURP.value, curp(
            first, surname1, surname2, birth, sex, rng.choice(BIRTH_STATES)
        )
    if rng.random() < 0.88:
        return IdKind.DNI.value, dni(number)
    return IdKind.NIE.value, nie(number)


def _relative(rng: random.Random, profile: Profile, surname1: str, surname2: str) -> str:
    """A family member whose surnames fit (a mother's first surname is one's second)."""
    relation = rng.choice(RELATIVES)
    other = rng.choice(profile.surnames)
    woman = relation in ("madre", "hermana", "tía") or (relation == "pareja" and rng.random() < 0.7)
    first = rng.choice(profile.women if woman else profile.men)
    surnames = {
        "madre": f"{surname2} {other}",
        "padre": f"{surname1} {other}",
        "hermano": f"{surname1} {surname2}",
        "hermana": f"{surname1} {surname2}",
    }.get(relation, f"{other} {rng.choice(profile.surnames)}")
    return f"{first} {surnames} ({relation})"


def _centre(rng, centres, province: str, sex: str, young: bool, prison: bool):  # type: ignore[no-untyped-def]
    """The referring centre: the prison's team of one's sex for a prison referral, else a
    centre of one's province when there is one; adolescents to centres that take them."""

    def fits(c: ReferringCentre) -> bool:
        if (c.kind == ReferringCentreKind.EAIIPP) != prison:
            return False
        who = audience(c.name)
        return young if who == "adolescentes" else who in ("", sex)

    suitable = [c for c in centres if fits(c)] or list(centres)
    local = [c for c in suitable if c.province == province]
    return rng.choice(local if local and rng.random() < 0.8 else suitable)


def make_person(
    rng: random.Random,
    number: int,
    profile: Profile,
    today: date,
    sex: str,
    status: str,
    centres: list[ReferringCentre],
    managers: list[str],
) -> ParticipantDraft:
    women = sex == Sex.WOMAN
    first = rng.choice(profile.women if women else profile.men)
    surname1, surname2 = rng.choice(profile.surnames), rng.choice(profile.surnames)
    birth, young = _birth(rng, profile, today)
    province = rng.choice(list(profile.places))
    weights = ADDICTION_WEIGHTS[profile.key]
    addiction = rng.choices(ADDICTION_PROFILES, weights=weights)[0]
    ptm = addiction == "Metadona" or (addiction in OPIOIDS and rng.random() < 0.6)
    prison = not young and rng.random() < 0.15
    centre = _centre(rng, centres, province, sex, young, prison)
    # Only someone not yet admitted may still lack papers (the consent names the document).
    listed = status in (_P.WAITING, _P.REFERRED)
    id_kind, id_number = _identity(
        rng, profile, number, first, surname1, surname2, birth, sex, listed
    )
    address = f"{rng.choice(profile.streets)} {rng.randint(1, 120)}"
    if profile.key == "cdmx":
        from reinsercion_desktop.demo.names_cdmx import COLONIAS

        address += f", Col. {rng.choice(COLONIAS)}"
    if young:
        education = rng.choice(("Primaria incompleta", "Primaria"))
        employment = rng.choice(("Estudiando", "Estudiando", "Desempleado/a"))
    else:
        levels = profile.education_levels
        education = rng.choices(levels, weights=[EDUCATION_WEIGHTS[level] for level in levels])[0]
        employment = rng.choices(
            (
                "Desempleado/a",
                "Empleo a tiempo parcial",
                "Empleo temporal",
                "Incapacidad / pensión",
                "Otra",
            ),  # fmt: skip
            weights=(60, 10, 12, 10, 8),
        )[0]
    return ParticipantDraft(
        first_name=first,
        surname1=surname1,
        surname2=surname2,
        birth_date=birth,
        sex=sex,
        id_kind=id_kind,
        id_number=id_number,
        address=address,
        municipality=rng.choice(profile.places[province]),
        province=province,
        phone=profile.phone_for(rng, province),
        family_contact=_relative(rng, profile, surname1, surname2),
        family_phone=profile.phone_for(rng, province, fixed=rng.random() < 0.4),
        addiction_profile=addiction,
        ptm=ptm,
        methadone_dose_mg=rng.choice((20, 30, 40, 60, 80, 90, 120)) if ptm else None,
        hiv_status=rng.choices(list(HivStatus), weights=(10, 80, 10))[0].value,
        prison_origin=prison,
        court_order=prison and rng.random() < 0.1,
        pending_judicial=prison or rng.random() < 0.1,
        alternative_sentence=not young and rng.random() < 0.08,
        education_level=education,
        employment_situation=employment,
        status=status,
        referring_centre_id=centre.id,
        case_manager_id=rng.choice(managers) if managers and rng.random() > 0.04 else None,
        vivienda_id=None,
    )


def house_residents(
    rng: random.Random,
    drafts: list[ParticipantDraft],
    viviendas: list[Vivienda],
    centres: list[ReferringCentre],
) -> list[ParticipantDraft]:
    """Give every resident a place (round the houses, by sex) and keep prison referrals
    within 20 % of each house (R-WL-3): the extra ones were referred by a treatment
    centre instead."""
    slots: dict[str, list[str]] = {Sex.MAN.value: [], Sex.WOMAN.value: []}
    for index, vivienda in enumerate(viviendas):
        free = {Sex.MAN.value: vivienda.places_men, Sex.WOMAN.value: vivienda.places_women}
        if index % 3 == 0:
            free[main_sex(vivienda)] -= 1
        for sex, count in free.items():
            slots[sex] += [vivienda.id] * max(0, count)
    for sex in slots:  # fill round the houses: a small demo spreads its residents
        order = {v.id: i for i, v in enumerate(viviendas)}
        positions: dict[str, int] = {}
        ranked = []
        for vivienda_id in slots[sex]:
            positions[vivienda_id] = positions.get(vivienda_id, -1) + 1
            ranked.append((positions[vivienda_id], order[vivienda_id], vivienda_id))
        slots[sex] = [vivienda_id for *_key, vivienda_id in sorted(ranked)]
    occupants: dict[str, list[int]] = {}
    result = list(drafts)
    for index, draft in enumerate(result):
        if draft.status != _P.RESIDENT.value:
            continue
        if not slots[draft.sex]:
            result[index] = replace(draft, status=_P.DISCHARGED.value)
            continue
        vivienda_id = slots[draft.sex].pop(0)
        result[index] = replace(draft, vivienda_id=vivienda_id)
        occupants.setdefault(vivienda_id, []).append(index)
    treatment = [c for c in centres if c.kind == ReferringCentreKind.CTA and not audience(c.name)]
    for indexes in occupants.values():
        prison = [i for i in indexes if result[i].prison_origin]
        for i in prison[len(indexes) // 5 :]:
            result[i] = replace(
                result[i],
                prison_origin=False,
                court_order=False,
                referring_centre_id=rng.choice(treatment).id if treatment else None,
            )
    return result


_PERSONAL = (
    "first_name", "surname1", "surname2", "birth_date", "address", "municipality",
    "province", "phone", "family_contact", "family_phone", "education_level",
    "employment_situation",
)  # fmt: skip


def resident_first(
    rng: random.Random, drafts: list[ParticipantDraft], profile: Profile
) -> list[ParticipantDraft]:
    """The file the list shows first (by surname) is a resident's, with every document:
    the one the README's screenshots and a new user open first. Swaps who is who, not
    where anyone stands."""
    from reinsercion_desktop.domain.participant import search_key

    def key(draft: ParticipantDraft) -> str:
        return search_key(draft.first_name, draft.surname1, draft.surname2, "", "")

    first = min(range(len(drafts)), key=lambda i: key(drafts[i]), default=None)
    if first is None or drafts[first].status == _P.RESIDENT.value:
        return drafts
    other = next(
        (i for i, d in enumerate(drafts) if d.status == _P.RESIDENT and d.sex == drafts[first].sex),
        None,
    )
    if other is None:
        return drafts
    a, b = drafts[first], drafts[other]
    mine = {name: getattr(a, name) for name in _PERSONAL}
    theirs = {name: getattr(b, name) for name in _PERSONAL}
    result = list(drafts)
    result[first], result[other] = replace(a, **theirs), replace(b, **mine)
    for i in (first, other):
        draft = result[i]
        if draft.id_kind == IdKind.CURP:  # the CURP follows the names and the birth date
            state = draft.id_number[11:13] or "DF"
            number = curp(
                draft.first_name, draft.surname1, draft.surname2, draft.birth_date, draft.sex, state
            )
            result[i] = replace(draft, id_number=number)
    return result
