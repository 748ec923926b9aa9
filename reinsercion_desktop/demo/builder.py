"""Deterministic demo data at any scale: `reinsercion demo` and `reinsercion-desktop --demo`.

Same seed, same people: realistic Spanish names with accents, valid DNI/NIE, several
viviendas and referring centres (CTA, CT, EAIIPP…) across Andalusian provinces, and the
documented account demo/demo. Every later feature adds its part here: the circuit
(referrals, waiting list, stays and their history) is in demo_circuit.py.
"""

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reinsercion_desktop.db import bulk
from reinsercion_desktop.db.models import (
    Installation,
    Participant,
    ReferringCentre,
    UserAccount,
    Vivienda,
    new_id,
)
from reinsercion_desktop.demo.circuit import (
    COST_PER_PLACE_DAY,
    DemoCentre,
    DemoPerson,
    DemoVivienda,
    add_circuit,
    history_start,
)
from reinsercion_desktop.demo.names import (
    MEN,
    PLACES,
    REFERRING_CENTRES,
    STREETS,
    SURNAMES,
    VIVIENDA_NAMES,
    WOMEN,
)
from reinsercion_desktop.domain.codapel import DEFAULT_RECIPE
from reinsercion_desktop.domain.enums import (
    ADDICTION_PROFILES,
    EDUCATION_LEVELS,
    EMPLOYMENT_SITUATIONS,
    HivStatus,
    IdKind,
    InstallationKind,
    ParticipantStatus,
    ReferringCentreKind,
    Role,
    Sex,
)
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.identity import dni_letter
from reinsercion_desktop.domain.participant import ParticipantDraft, check_draft
from reinsercion_desktop.security.passwords import hash_password
from reinsercion_desktop.services.accounts import actor_for
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.participants import apply_draft
from reinsercion_desktop.services.setup import DEMO_CODE, DEMO_PASSWORD
from reinsercion_desktop.services.workspace import Workspace

BATCH = 2000

STAFF = (  # login, full name, role
    ("demo", "Usuario/a de demostración", Role.ADMIN),
    ("lucia.moreno", "Lucía Moreno Vega", Role.TECNICO),
    ("antonio.ruiz", "Antonio Ruiz Carmona", Role.RESPONSABLE),
    ("rocio.marquez", "Rocío Márquez Durán", Role.TECNICO),
    ("javier.nunez", "Javier Núñez Peña", Role.TECNICO),
)


@dataclass
class DemoSummary:
    participants: int
    viviendas: int
    referring_centres: int
    users: int
    stays: int = 0
    referrals: int = 0


def make_demo(
    workspace: Workspace,
    *,
    participants: int = 120,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty data folder with the demo centre; refuse a folder that has data."""
    if participants < 0:
        raise UserError("El número de participantes no puede ser negativo.")
    if workspace.is_initialized():
        raise UserError(
            "Esta carpeta de datos ya tiene una instalación; los datos de demostración "
            "solo se crean en una carpeta nueva (use --data-dir con otra carpeta)."
        )
    rng = random.Random(seed)
    db = workspace.db
    today = workspace.clock.today()
    installation_id = new_id()
    staff = [
        UserAccount(login=login, full_name=name, role=role.value, password_hash="")
        for login, name, role in STAFF
    ]
    # One Argon2 hash for the demo account; the others share a second one (demo1234).
    staff[0].password_hash = hash_password(DEMO_PASSWORD)
    shared_hash = hash_password("demo1234")
    for user in staff[1:]:
        user.password_hash = shared_hash
    actor = actor_for(staff[0], installation_id)

    n_viviendas = max(4, min(100, participants // 200))
    viviendas = [_vivienda(rng, index) for index in range(n_viviendas)]
    # The houses open at the start of the demo's history (long enough for its stays).
    places = sum(v.places_men + v.places_women + v.places_mixed for v in viviendas)
    start = history_start(today, participants, places)
    for vivienda in viviendas:
        vivienda.valid_from = start
    centres = [
        ReferringCentre(
            kind=kind,
            name=name,
            province=province,
            code=f"{kind}-{i + 1:03d}",
            municipality=PLACES[province][0],
            phone=_phone(rng, fixed=True),
            contact_name=f"{rng.choice(MEN + WOMEN)} {rng.choice(SURNAMES)}",
        )
        for i, (kind, name, province) in enumerate(REFERRING_CENTRES)
    ]
    with db.unit_of_work(actor) as work:
        work.add(
            Installation(
                id=installation_id,
                installation_id=installation_id,
                kind=InstallationKind.CENTRE.value,
                name="VAR de demostración — Asociación Nuevo Rumbo",
                code=DEMO_CODE,
                entity="Asociación Nuevo Rumbo",
                province="Sevilla",
                address="Calle Feria 12, 41003 Sevilla",
                phone="954 000 123",
                is_local=True,
                cost_per_place_day=COST_PER_PLACE_DAY,
            )
        )
        for record in (*staff, *viviendas, *centres):
            work.add(record)

    managers = [user.id for user in staff]
    houses = {v.id: _House.of(v, index) for index, v in enumerate(viviendas)}
    prison_centres = {c.id for c in centres if c.kind == ReferringCentreKind.EAIIPP}
    people: list[tuple[DemoPerson, str]] = []
    done = 0
    while done < participants:
        count = min(BATCH, participants - done)
        rows: list[dict] = []
        with db.unit_of_work(actor) as work:
            for number in range(done, done + count):
                draft = _person(rng, number, today, viviendas, centres, managers)
                _fit_in_places(draft, houses, draft.referring_centre_id in prison_centres)
                birth, problems = check_draft(draft, today)
                assert not problems and birth, problems  # the generator makes only valid files
                record = _NewParticipant()
                apply_draft(record, draft, birth, DEFAULT_RECIPE)  # type: ignore[arg-type]
                rows.append(vars(record) | {"id": new_id()})
                people.append((_demo_person(rows[-1]), record.search_key))
            # Written in bulk, audited record by record as the unit of work would.
            bulk.bulk_create(
                session=work.session,
                model=Participant,
                rows=rows,
                owners=[row["id"] for row in rows],
                actor=actor,
                at=workspace.clock.now(),
            )
        done += count
        if progress:
            progress(done, participants)
    circuit = None
    if participants:
        # The demo-forms people keep their forms' story: no edge case is built on them.
        with_forms = sorted(people, key=lambda pair: pair[1])[:FORM_PEOPLE]
        circuit = add_circuit(
            db,
            actor,
            people=[person for person, _key in people],
            viviendas=[_demo_vivienda(v) for v in viviendas],
            centres=[DemoCentre(c.id, c.kind, c.province) for c in centres],
            start=start,
            seed=seed,
            avoid={person.id for person, _key in with_forms},
        )
        _demo_attachments(workspace, actor)
        _demo_forms(workspace, actor, actor_for(staff[2], installation_id), seed)
        _demo_case_work(workspace, actor, seed)
    return DemoSummary(
        participants,
        len(viviendas),
        len(centres),
        len(staff),
        stays=circuit.stays if circuit else 0,
        referrals=circuit.referrals if circuit else 0,
    )


@dataclass
class _House:
    """Places still free for residents while the demo people are made, and prison ones."""

    free: dict[str, int]
    prison_left: int

    @classmethod
    def of(cls, vivienda: Vivienda, index: int) -> "_House":
        men = vivienda.places_men + vivienda.places_mixed
        women = vivienda.places_women + vivienda.places_mixed
        # Every third house keeps a place free today: vacancies for the waiting list.
        main = Sex.MAN.value if vivienda.places_men >= vivienda.places_women else Sex.WOMAN.value
        free = {Sex.MAN.value: men, Sex.WOMAN.value: women}
        if index % 3 == 0:
            free[main] = max(0, free[main] - 1)
        total = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        return cls(free, (total - (index % 3 == 0)) // 5)  # R-WL-3: at most 20 %


def _fit_in_places(draft: ParticipantDraft, houses: dict[str, _House], eaiipp: bool) -> None:
    """Nobody lives in a house that is full, and prison referrals stay within 20 % of a full
    house (R-WL-3): a resident without a place has left already (alta)."""
    if draft.status != ParticipantStatus.RESIDENT.value or draft.vivienda_id is None:
        return
    house = houses[draft.vivienda_id]
    prison = draft.prison_origin or eaiipp
    if house.free[draft.sex] > 0 and (not prison or house.prison_left > 0):
        house.free[draft.sex] -= 1
        house.prison_left -= prison
    else:
        draft.status = ParticipantStatus.DISCHARGED.value
        draft.vivienda_id = None


def _demo_person(row: dict) -> DemoPerson:
    return DemoPerson(
        id=row["id"],
        sex=row["sex"],
        status=row["status"],
        birth_date=row["birth_date"],
        vivienda_id=row["vivienda_id"],
        prison_origin=row["prison_origin"],
        court_order=row["court_order"],
        referring_centre_id=row["referring_centre_id"],
        ptm=row["ptm"],
        employed=row["employment_situation"].startswith("Empleo"),
    )


def _demo_vivienda(vivienda: Vivienda) -> DemoVivienda:
    return DemoVivienda(
        vivienda.id,
        vivienda.name,
        vivienda.places_men,
        vivienda.places_women,
        vivienda.places_mixed,
    )


class _NewParticipant:
    """The values of a new file, filled by apply_draft (a Participant costs 30× more to build)."""


def _vivienda(rng: random.Random, index: int) -> Vivienda:
    province = list(PLACES)[index % len(PLACES)]
    base = VIVIENDA_NAMES[index % len(VIVIENDA_NAMES)]
    suffix = f" {index // len(VIVIENDA_NAMES) + 1}" if index >= len(VIVIENDA_NAMES) else ""
    women_only = index % 4 == 3
    return Vivienda(
        name=f"VAR {base}{suffix}",
        code=f"VAR-{index + 1:03d}",
        municipality=PLACES[province][0],
        province=province,
        address=f"{rng.choice(STREETS)} {rng.randint(1, 90)}",
        places_men=0 if women_only else rng.choice((6, 7, 8)),
        places_women=6 if women_only else rng.choice((0, 1, 2)),
        places_mixed=0,
        valid_from=date(2024, 1, 1),
    )


def _phone(rng: random.Random, *, fixed: bool = False) -> str:
    first = rng.choice("95") if fixed else rng.choice("67")
    return f"{first}{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def _person(
    rng: random.Random,
    number: int,
    today: date,
    viviendas: list[Vivienda],
    centres: list[ReferringCentre],
    managers: list[str],
) -> ParticipantDraft:
    sex = Sex.WOMAN if rng.random() < 0.22 else Sex.MAN
    first = rng.choice(WOMEN if sex is Sex.WOMAN else MEN)
    birth = today - timedelta(days=rng.randint(19 * 365, 64 * 365))
    province = rng.choice(list(PLACES))
    status = rng.choices(list(ParticipantStatus), weights=(2, 3, 3, 4))[0]
    fitting = [v for v in viviendas if (v.places_women if sex is Sex.WOMAN else v.places_men)]
    vivienda = rng.choice(fitting or viviendas)
    ptm = rng.random() < 0.25
    roll = rng.random()
    if roll < 0.03:  # people without papers exist: the file waits for the document
        id_kind, id_number = IdKind.OTHER, ""
    elif roll < 0.9:
        id_kind, id_number = IdKind.DNI, f"{10_000_000 + number * 7919 % 89_999_999:08d}"
        id_number += dni_letter(int(id_number))
    else:
        digits = f"{number % 10_000_000:07d}"
        id_kind, id_number = IdKind.NIE, f"X{digits}{dni_letter(int(digits))}"
    return ParticipantDraft(
        first_name=first,
        surname1=rng.choice(SURNAMES),
        surname2=rng.choice(SURNAMES),
        birth_date=birth,
        sex=sex.value,
        id_kind=id_kind.value,
        id_number=id_number,
        address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        municipality=rng.choice(PLACES[province]),
        province=province,
        phone=_phone(rng),
        family_contact=f"{rng.choice(MEN + WOMEN)} {rng.choice(SURNAMES)} ({rng.choice(('madre', 'padre', 'hermano/a', 'pareja', 'tío/a'))})",
        family_phone=_phone(rng),
        addiction_profile=rng.choices(
            ADDICTION_PROFILES, weights=(30, 10, 12, 14, 18, 6, 2, 3, 2, 3)
        )[0],
        ptm=ptm,
        methadone_dose_mg=rng.choice((20, 40, 60, 80, 90, 120)) if ptm else None,
        hiv_status=rng.choices(list(HivStatus), weights=(10, 80, 10))[0].value,
        prison_origin=rng.random() < 0.15,
        court_order=rng.random() < 0.03,
        pending_judicial=rng.random() < 0.2,
        alternative_sentence=rng.random() < 0.08,
        education_level=rng.choice(EDUCATION_LEVELS),
        employment_situation=rng.choice(EMPLOYMENT_SITUATIONS),
        status=status.value,
        referring_centre_id=rng.choice(centres).id,
        case_manager_id=rng.choice(managers) if rng.random() > 0.04 else None,
        # A discharged person no longer has a vivienda (as StayService.discharge leaves it).
        vivienda_id=vivienda.id if status is ParticipantStatus.RESIDENT else None,
    )


def _demo_attachments(workspace: Workspace, actor) -> None:  # type: ignore[no-untyped-def]
    """A few scanned documents, so the Documentos tab has something to show."""
    from reinsercion_desktop.services.participants import ParticipantService

    rows = sorted(ParticipantService(workspace.db).list_rows(), key=lambda r: r.surname1)[:3]
    service = AttachmentService(workspace.db, workspace.paths.attachments)
    with tempfile.TemporaryDirectory() as folder:
        for row in rows:
            scan = Path(folder) / "consentimiento-firmado.txt"
            scan.write_text(
                f"Documento de demostración: consentimiento firmado de {row.first_name} "
                f"{row.surname1} ({row.codapel}).\n",
                encoding="utf-8",
            )
            service.add(actor, row.id, scan, "Consentimiento informado firmado (escaneo)")


FORM_PEOPLE = 12  # enough to see every status; forms do not grow with --participants


def _demo_forms(workspace: Workspace, actor, signer, seed: int) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.demo.forms import add_demo_forms
    from reinsercion_desktop.forms.loader import load_catalogue
    from reinsercion_desktop.paths import forms_dir
    from reinsercion_desktop.services.forms import FormService
    from reinsercion_desktop.services.participants import ParticipantService

    attachments = AttachmentService(workspace.db, workspace.paths.attachments)
    forms = FormService(workspace.db, load_catalogue(forms_dir()), attachments)
    people = sorted(ParticipantService(workspace.db).list_rows(), key=lambda row: row.search_key)
    add_demo_forms(forms, actor, signer, people[:FORM_PEOPLE], seed)


ASSESSED_PEOPLE = 20  # needs assessments as forms (the plans of all the others come without)


def _demo_case_work(workspace: Workspace, actor, seed: int) -> None:  # type: ignore[no-untyped-def]
    """The resource catalogue, then plans, follow-up and employment (demo_plans.py)."""
    from reinsercion_desktop.demo.forms import add_demo_assessments
    from reinsercion_desktop.demo.plans import add_case_management
    from reinsercion_desktop.demo.resources import seed_resources
    from reinsercion_desktop.forms.loader import load_catalogue
    from reinsercion_desktop.paths import forms_dir
    from reinsercion_desktop.services.forms import FormService

    resources = seed_resources(workspace.db, actor, workspace.clock.today())
    _summary, levels = add_case_management(workspace.db, actor, seed=seed, resources=resources)
    attachments = AttachmentService(workspace.db, workspace.paths.attachments)
    forms = FormService(workspace.db, load_catalogue(forms_dir()), attachments)
    first = dict(list(levels.items())[:ASSESSED_PEOPLE])
    add_demo_assessments(forms, actor, first, seed)
