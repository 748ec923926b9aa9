"""Deterministic demo data at any scale: `reinsercion demo` and `reinsercion-desktop --demo`.

Same seed and profile, same people. The default profile is an Andalusian VAR (`003_…`);
`cdmx` is the Álvaro Obregón reintegration programme of Mexico City (`000_…`): see
profiles.py. The demo tells the story of a careful centre: the people (people.py), their
circuit of referrals, waiting list and stays (circuit.py), the documents the centre keeps
up to date (paperwork.py), the resource catalogue and the case work (plans.py), the
viviendas' year figures and complaints (structure.py), and the documented account
demo/demo. demo/checker.py checks that story field by field.
"""

import contextlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import bulk
from reinsercion_desktop.db.models import (
    Installation,
    Participant,
    ReferringCentre,
    UserAccount,
    Vivienda,
    new_id,
)
from reinsercion_desktop.db.unit_of_work import DiskFullError, is_disk_full
from reinsercion_desktop.demo.circuit import (
    DemoCentre,
    DemoPerson,
    DemoVivienda,
    add_circuit,
    history_start,
)
from reinsercion_desktop.demo.people import (
    house_residents,
    make_person,
    resident_first,
    status_plan,
)
from reinsercion_desktop.demo.profiles import DEFAULT_PROFILE, Profile, profile_named
from reinsercion_desktop.demo.structure import add_structure
from reinsercion_desktop.demo.unfinished import finish_demo
from reinsercion_desktop.domain.codapel import DEFAULT_RECIPE
from reinsercion_desktop.domain.enums import InstallationKind, Role, Sex
from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.domain.participant import check_draft
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.security.passwords import hash_password
from reinsercion_desktop.services.accounts import actor_for
from reinsercion_desktop.services.participants import apply_draft
from reinsercion_desktop.services.setup import DEMO_CODE, DEMO_PASSWORD, write_key_file
from reinsercion_desktop.services.workspace import Workspace

BATCH = 2000
# Office scale is 20,000 participants; beyond 50,000 the demo is a typo, not a test.
MAX_PARTICIPANTS = 50_000
MAX_SEED = 2**32 - 1


@dataclass
class DemoSummary:
    participants: int
    viviendas: int
    referring_centres: int
    users: int
    stays: int = 0
    referrals: int = 0
    profile: str = DEFAULT_PROFILE
    documents: int = 0


def make_demo(
    workspace: Workspace,
    *,
    participants: int = 120,
    seed: int = 1,
    profile: str | Profile = DEFAULT_PROFILE,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty data folder with the demo centre; refuse a folder that has data."""
    chosen = profile if isinstance(profile, Profile) else profile_named(profile)
    _check_size(participants, seed)
    if workspace.is_initialized():
        raise UserError(
            "Esta carpeta de datos ya tiene una instalación; los datos de demostración "
            "solo se crean en una carpeta nueva (use --data-dir con otra carpeta)."
        )
    try:
        return _build(workspace, chosen, participants, seed, progress)
    except BaseException as error:
        # The folder was new: the documents written so far go with the database (the
        # command line discards it; the key file comes last), so `demo` can run again.
        _forget_documents(workspace)
        if isinstance(error, OSError | DiskFullError) or is_disk_full(error):
            reason = (
                describe_os_error(error) if isinstance(error, OSError) else "el disco está lleno"
            )
            raise UserError(
                f"No se pudieron crear los datos de demostración: {reason}. Libere espacio y "
                "vuelva a ejecutar «reinsercion demo» en la misma carpeta: lo empezado se ha "
                "borrado."
            ) from error
        raise


def _build(
    workspace: Workspace,
    chosen: Profile,
    participants: int,
    seed: int,
    progress: Callable[[int, int], None] | None,
) -> DemoSummary:
    # The Andalusian demo keeps the seed as it was; another profile draws its own people.
    rng = random.Random(seed if chosen.key == DEFAULT_PROFILE else f"{chosen.key}-{seed}")
    db = workspace.db
    today = workspace.clock.today()
    installation_id = new_id()
    staff = [
        UserAccount(login=login, full_name=name, role=Role(role).value, password_hash="")
        for login, name, role in chosen.staff
    ]
    # One Argon2 hash for the demo account; the others share a second one (demo1234).
    staff[0].password_hash = hash_password(DEMO_PASSWORD)
    shared_hash = hash_password("demo1234")
    for user in staff[1:]:
        user.password_hash = shared_hash
    actor = actor_for(staff[0], installation_id)

    n_viviendas = max(4, min(100, participants // 200))
    viviendas = [_vivienda(rng, chosen, index) for index in range(n_viviendas)]
    places = sum(v.places_men + v.places_women + v.places_mixed for v in viviendas)
    start = history_start(today, participants, places)
    for vivienda in viviendas:  # the houses open at the start of the demo's history
        vivienda.valid_from = start
    centres = [_centre(rng, chosen, i, spec) for i, spec in enumerate(chosen.referring_centres)]
    place = chosen.installation
    with db.unit_of_work(actor) as work:
        work.add(
            Installation(
                id=installation_id,
                installation_id=installation_id,
                kind=InstallationKind.CENTRE.value,
                name=place.name,
                code=DEMO_CODE,
                entity=place.entity,
                province=place.province,
                address=place.address,
                phone=place.phone,
                fax=place.fax,
                is_local=True,
                programme_kind=chosen.programme_kind,
                cost_per_place_day=chosen.cost_per_place_day,
            )
        )
        for record in (*staff, *viviendas, *centres):
            work.add(record)

    people = _people(
        workspace, actor, rng, chosen, participants, viviendas, centres, staff, progress
    )
    summary = DemoSummary(participants, len(viviendas), len(centres), len(staff))
    summary.profile = chosen.key
    circuit = add_circuit(
        db,
        actor,
        people=people,
        viviendas=[
            DemoVivienda(v.id, v.name, v.places_men, v.places_women, v.places_mixed)
            for v in viviendas
        ],  # fmt: skip
        centres=[DemoCentre(c.id, c.kind, c.province) for c in centres],
        start=start,
        seed=seed,
        profile=chosen,
    )
    summary.stays, summary.referrals = circuit.stays, circuit.referrals
    add_structure(db, actor, seed=seed, cost_per_place_day=chosen.cost_per_place_day)
    summary.documents = _documents(workspace, actor, chosen, seed)
    # The key file last: until it exists, an interrupted demo is a new folder again.
    write_key_file(db, workspace.paths.root, workspace.keys, demo=True)
    finish_demo(workspace.paths.root)  # the marker of an unfinished demo goes last
    return summary


def _forget_documents(workspace: Workspace) -> None:
    """The encrypted documents an unfinished demo wrote (the folder was new: all are its)."""
    folder = workspace.paths.attachments
    if KeyFile.exists_in(workspace.paths.root) or not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()


def _check_size(participants: int, seed: int) -> None:
    """Bounds said in the message: a typo (10^30) once grew the folder to 2.9 GB."""
    if participants < 0:
        raise UserError("El número de participantes no puede ser negativo: use de 1 a 50.000.")
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise UserError(
            f"El número de participantes va de 1 a 50.000 (una oficina grande tiene 20.000): "
            f"{participants} no sirve."
        )
    if not 0 <= seed <= MAX_SEED:
        raise UserError(f"La semilla va de 0 a {MAX_SEED:,}".replace(",", ".") + ": elija otra.")


def _people(workspace, actor, rng, profile, participants, viviendas, centres, staff, progress):  # type: ignore[no-untyped-def]
    """The participants' files, written in bulk; their statuses fit the places."""
    today = workspace.clock.today()
    managers = [user.id for user in staff if user.role == Role.TECNICO]
    sexes = [
        Sex.WOMAN.value if rng.random() < profile.women_share else Sex.MAN.value
        for _ in range(participants)
    ]
    statuses = status_plan(rng, sexes, viviendas)
    drafts = [
        make_person(rng, number, profile, today, sex, status, centres, managers)
        for number, (sex, status) in enumerate(zip(sexes, statuses, strict=True))
    ]
    drafts = resident_first(rng, house_residents(rng, drafts, viviendas, centres), profile)
    people: list[DemoPerson] = []
    for done in range(0, participants, BATCH):
        rows: list[dict] = []
        for draft in drafts[done : done + BATCH]:
            birth, problems = check_draft(draft, today)
            assert not problems and birth, problems  # the generator makes only valid files
            record = _NewParticipant()
            apply_draft(record, draft, birth, DEFAULT_RECIPE)  # type: ignore[arg-type]
            rows.append(vars(record) | {"id": new_id()})
            people.append(_demo_person(rows[-1]))
        with workspace.db.unit_of_work(actor) as work:
            # Written in bulk, audited record by record as the unit of work would.
            bulk.bulk_create(
                session=work.session,
                model=Participant,
                rows=rows,
                owners=[row["id"] for row in rows],
                actor=actor,
                at=workspace.clock.now(),
            )
        if progress:
            progress(min(done + BATCH, participants), participants)
    return people


class _NewParticipant:
    """The values of a new file, filled by apply_draft (a Participant costs 30× more to build)."""


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
        documented=bool(row["id_number"]),
    )


def _vivienda(rng: random.Random, profile: Profile, index: int) -> Vivienda:
    province = list(profile.places)[index % len(profile.places)]
    base = profile.house_names[index % len(profile.house_names)]
    number = index // len(profile.house_names)
    suffix = f" {number + 1}" if number else ""
    women_only = index % 4 == 3
    address = f"{rng.choice(profile.streets)} {rng.randint(1, 90)}"
    if profile.key == "cdmx":
        address += f", Col. {base}"
    return Vivienda(
        name=f"{profile.house_prefix} {base}{suffix}",
        code=f"{profile.house_prefix.upper()}-{index + 1:03d}",
        municipality=profile.installation.municipality
        if profile.key == "cdmx"
        else profile.places[province][0],
        province=province,
        address=address,
        places_men=0 if women_only else rng.choice((6, 7, 8)),
        places_women=6 if women_only else rng.choice((0, 1, 2)),
        places_mixed=0,
        valid_from=date(2024, 1, 1),
    )


def _centre(rng: random.Random, profile: Profile, index: int, spec: tuple) -> ReferringCentre:
    kind, name, province = spec
    first = rng.choice(profile.women + profile.men)
    contact = f"{first} {rng.choice(profile.surnames)} {rng.choice(profile.surnames)}"
    return ReferringCentre(
        kind=kind,
        name=name,
        province=province,
        code=f"{kind}-{index + 1:03d}",
        municipality=profile.places[province][0],
        phone=profile.phone_for(rng, province, fixed=True),
        fax=profile.phone_for(rng, province, fixed=True),
        contact_name=contact,
    )


def _documents(workspace: Workspace, actor, profile: Profile, seed: int) -> int:  # type: ignore[no-untyped-def]
    """The catalogue and the case work, the documents of a careful centre, a few scans."""
    from reinsercion_desktop.demo.paperwork import add_paperwork
    from reinsercion_desktop.demo.plans import add_case_management
    from reinsercion_desktop.demo.resources import seed_resources

    resources = seed_resources(workspace.db, actor, workspace.clock.today(), profile.catalogue)
    _summary, levels = add_case_management(
        workspace.db, actor, seed=seed, resources=resources, texts=profile.case_texts
    )
    written = add_paperwork(workspace, actor, profile, seed, levels)
    from reinsercion_desktop.demo.consents import add_consents

    return written + add_consents(workspace, actor, seed)
