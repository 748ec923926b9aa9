"""The records a form is prefilled from, as plain data (the `source` paths of definitions)."""

from datetime import date

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import Participant, ReferringCentre, UserAccount, Vivienda
from reinsercion_desktop.domain.dates import age_on
from reinsercion_desktop.domain.enums import Sex


def participant_values(participant: Participant, today: date) -> dict:
    surnames = f"{participant.surname1} {participant.surname2}".strip()
    return {
        "first_name": participant.first_name,
        "surname1": participant.surname1,
        "surname2": participant.surname2,
        "surnames": surnames,
        "full_name": f"{participant.first_name} {surnames}",
        "birth_date": participant.birth_date.isoformat(),
        "age": age_on(participant.birth_date, today),
        "sex": participant.sex,
        "sex_label": Sex(participant.sex).label,
        "codapel": participant.codapel,
        "id_number": participant.id_number,
        "address": participant.address,
        "municipality": participant.municipality,
        "province": participant.province,
        "phone": participant.phone,
        "family_contact": participant.family_contact,
        "family_phone": participant.family_phone,
        "addiction_profile": participant.addiction_profile,
        "ptm": participant.ptm,
        "methadone_dose_mg": participant.methadone_dose_mg,
        "hiv_status": participant.hiv_status,
        "prison_origin": participant.prison_origin,
        "court_order": participant.court_order,
        "education_level": participant.education_level,
        "employment_situation": participant.employment_situation,
    }


# What a form definition may name of the centre (`installation.<name>` in `source`).
INSTALLATION_FIELDS = (
    "name",
    "code",
    "entity",
    "province",
    "address",
    "phone",
    "fax",
    "programme_kind",
)


def installation_context(installation) -> dict:  # type: ignore[no-untyped-def]
    return {name: getattr(installation, name) for name in INSTALLATION_FIELDS}


def record_context(session, participant: Participant | None, today: date, signer_name: str) -> dict:  # type: ignore[no-untyped-def]
    """Everything a definition may name in `source`: participant, centre, vivienda, people, today."""
    context: dict = {"today": today.isoformat()}
    installation = queries.local_installation(session=session)
    if installation is not None:
        context["installation"] = installation_context(installation)
    responsible = queries.responsible_user(session=session)
    context["responsible"] = {"full_name": responsible.full_name if responsible else signer_name}
    if participant is None:
        return context
    context["participant"] = participant_values(participant, today)
    if participant.vivienda_id and (vivienda := session.get(Vivienda, participant.vivienda_id)):
        context["vivienda"] = {
            "name": vivienda.name,
            "municipality": vivienda.municipality,
            "province": vivienda.province,
        }
    if participant.referring_centre_id and (
        centre := session.get(ReferringCentre, participant.referring_centre_id)
    ):
        context["referring_centre"] = {
            name: getattr(centre, name)
            for name in ("name", "code", "kind", "phone", "fax", "contact_name")
        }
    if participant.case_manager_id and (
        manager := session.get(UserAccount, participant.case_manager_id)
    ):
        context["case_manager"] = {"full_name": manager.full_name}
    return context
