"""The documents of a careful centre, each dated when it was written (R-ADM-3, R-STAY-3).

For every stay still open, and every stay discharged within the look-back of Pendientes:
the protocol that referred the person (Anexo I, from the referring centre), the informed
consent signed on the admission day, Anexo IV at the end of the adaptation period, Anexo
V two months before a planned therapeutic discharge, Anexo VI within ten days of the
discharge, the questionnaire (Anexo VII) most people fill when they leave, and the needs
assessment each plan was proposed from. Every vivienda's Anexo III of each month, sent in
the first days of the next. The questionnaires of the whole last year, which §12's
satisfaction reads. Older documents belong to the paper era and are not kept.

What a busy centre has not done yet is the little Pendientes shows overdue: one Anexo IV
in forty, a few days late. Reports of the last week are final (being signed), older ones
signed; the newest discharge's report is a draft; one signed report has an amendment.
Written in bulk, audited, in a few units of work.
"""

import json
import random
from datetime import UTC, date, datetime, time, timedelta

from reinsercion_desktop.db import bulk, demo_queries, queries
from reinsercion_desktop.db.models import FormInstance, new_id
from reinsercion_desktop.demo.form_anexo_i import anexo_i
from reinsercion_desktop.demo.form_values import (
    Doc,
    anexo_iv,
    anexo_v,
    anexo_vi,
    anexo_vii,
    consentimiento,
    filled,
    valoracion_inicial,
)
from reinsercion_desktop.demo.monthly import anexo_iii_values
from reinsercion_desktop.demo.profiles import Profile
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.deadlines import (
    ANEXO_VI_DAYS,
    DEFAULT_ADAPTATION_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    first_reported_month,
    month_bounds,
    period_of,
)
from reinsercion_desktop.domain.enums import DischargeType, FormStatus, Role
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.forms.loader import FormCatalogue, load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.form_context import installation_context
from reinsercion_desktop.services.workspace import Workspace

SIGNED_AFTER_DAYS = 7  # a report written within the last week is final, not yet signed
LATE_ANEXO_IV_EVERY = 40
QUESTIONNAIRE_DAYS = 365  # the Anexo VII of the discharges of the last year are kept
AMENDMENT_REASON = "Se completa el diagnóstico al alta con el informe del centro de referencia."


class _Documents:
    def __init__(self, workspace: Workspace, actor, profile: Profile, rng: random.Random):  # type: ignore[no-untyped-def]
        self.db, self.actor, self.profile, self.rng = workspace.db, actor, profile, rng
        self.today = workspace.clock.today()
        self.catalogue: FormCatalogue = load_catalogue(forms_dir())
        self.rows: list[dict] = []
        self.owners: list[str] = []
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
            staff = demo_queries.staff(session=session)
        assert installation is not None
        self.installation = installation_context(installation)
        self.adaptation = installation.adaptation_days or DEFAULT_ADAPTATION_DAYS
        self.responsible = next(
            (s for s in staff if s.role == Role.RESPONSABLE),
            next(s for s in staff if s.role == Role.ADMIN),
        )
        self.technicians = [s for s in staff if s.role == Role.TECNICO] or staff
        self.late_iv = 0
        self.amended = False
        options = self.catalogue.latest("valoracion-inicial").field("obstaculos").options
        self.obstacles = [option.code for option in options or ()]

    # -- one document ---------------------------------------------------------------------

    def add(self, form_id: str, doc: Doc | None, data: dict, status: FormStatus, **extra) -> dict:  # type: ignore[no-untyped-def]
        """A form instance written on its document's day (`doc.on`, or `extra["on"]`)."""
        definition = self.catalogue.latest(form_id)
        on: date = extra.pop("on", None) or (doc.on if doc else self.today)
        written = datetime.combine(
            on, time(9 + self.rng.randint(0, 8), self.rng.randint(0, 59)), tzinfo=UTC
        )
        author = self.rng.choice(self.technicians)
        row: dict = {
            "id": new_id(),
            "form_id": form_id,
            "definition_version": definition.version,
            "participant_id": doc.stay.participant_id if doc else None,
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
            "status": status.value,
            "created_at": written,
            "updated_at": written,
            "created_by": author.login,
            "updated_by": author.login,
            **extra,
        }
        if status in (FormStatus.FINAL, FormStatus.SIGNED):
            row.update(finalized_at=written, finalized_by=author.login)
        if status == FormStatus.SIGNED:
            signer = self.responsible
            row.update(
                signed_at=written + timedelta(minutes=self.rng.randint(20, 240)),
                signed_by=signer.login,
                signed_by_name=signer.full_name,
                signed_hash=content_hash(form_id, definition.version, data),
            )
            row.update(updated_at=row["signed_at"], updated_by=signer.login)
        self.rows.append(row)
        self.owners.append(row["participant_id"] or "")
        return row

    def fill(self, form_id: str, doc: Doc, typed: dict) -> dict:
        return filled(self.catalogue.latest(form_id), doc, typed)

    def report(self, form_id: str, doc: Doc, typed: dict, *, draft: bool = False) -> dict:
        """A report of the stay: a draft, final in its first week, signed after."""
        data = self.fill(form_id, doc, typed)
        if draft:
            status = FormStatus.DRAFT
        elif (self.today - doc.on).days < SIGNED_AFTER_DAYS:
            status = FormStatus.FINAL
        else:
            status = FormStatus.SIGNED
        return self.add(form_id, doc, data, status)

    def amend(self, original: dict) -> None:
        """R-FORM: a signed form is corrected by a new draft that points at it."""
        signed = original["signed_at"].date()
        on = min(self.today, signed + timedelta(days=self.rng.randint(1, 5)))
        amendment = dict(original)
        for name in ("finalized_at", "finalized_by", "signed_at", "signed_by", "signed_by_name"):
            amendment.pop(name, None)
        amendment.pop("signed_hash", None)
        written = datetime.combine(on, time(12, 0), tzinfo=UTC)
        amendment.update(
            id=new_id(),
            status=FormStatus.DRAFT.value,
            amends_id=original["id"],
            amendment_reason=AMENDMENT_REASON,
            created_at=max(written, original["signed_at"] + timedelta(hours=1)),
        )
        amendment.update(updated_at=amendment["created_at"], updated_by=amendment["created_by"])
        self.rows.append(amendment)
        self.owners.append(original["participant_id"] or "")

    def flush(self) -> int:
        count = len(self.rows)
        if self.rows:
            bulk.create_in_order(
                db=self.db,
                actor=self.actor,
                at=self.db.clock.now(),
                order=(FormInstance,),
                rows={FormInstance: self.rows},
                owners={FormInstance: self.owners},
            )
        self.rows, self.owners = [], []
        return count

    # -- the documents of one stay ----------------------------------------------------------

    def stay_documents(self, doc: Doc, assessed: tuple[dict[str, str], date] | None) -> None:
        rng, today, stay = self.rng, self.today, doc.stay

        def on(day: date) -> Doc:
            return Doc(doc.stay, doc.history, doc.profile, doc.installation, doc.responsible, day)

        protocol = stay.protocol_date
        sheet = on(protocol)
        referral = self.fill("anexo-i", sheet, anexo_i(rng, sheet, protocol, stay.consensus))
        self.add("anexo-i", sheet, referral, FormStatus.FINAL, on=stay.received_date or protocol)
        admitted = on(stay.admission_date)
        consent = self.fill("consentimiento", admitted, consentimiento(rng, admitted))
        self.add("consentimiento", admitted, consent, FormStatus.SIGNED)
        if assessed is not None:
            levels, day = assessed
            typed = valoracion_inicial(rng, on(day), levels, self.obstacles)
            self.report("valoracion-inicial", on(day), typed, draft=(today - day).days < 5)
        end = stay.discharge_date or today
        due = stay.admission_date + timedelta(days=self.adaptation)
        if due <= min(end, today + timedelta(days=3)):
            self._anexo_iv(doc, on, due)
        planned = stay.planned_discharge_date
        if planned and (
            stay.discharge_date is None or stay.discharge_type == DischargeType.THERAPEUTIC
        ):
            due = max(add_months(planned, -2), stay.admission_date + timedelta(days=7))
            written = due - timedelta(days=rng.randint(0, 5))
            if written <= min(end, today) and written >= stay.admission_date:
                self.report("anexo-v", on(written), anexo_v(rng, on(written)))
        if stay.discharge_date is not None:
            self._after_discharge(doc, on)

    def _anexo_iv(self, doc: Doc, on, due: date) -> None:  # type: ignore[no-untyped-def]
        stay, today = doc.stay, self.today
        if stay.discharge_date is None and 1 < (today - due).days <= 10:
            self.late_iv += 1
            if self.late_iv % LATE_ANEXO_IV_EVERY == 1:
                return  # a few days late: Pendientes shows it overdue
        written = max(
            stay.admission_date + timedelta(days=20), due - timedelta(days=self.rng.randint(0, 4))
        )
        if written <= today:
            self.report("anexo-iv", on(written), anexo_iv(self.rng, on(written)))

    def _after_discharge(self, doc: Doc, on) -> None:  # type: ignore[no-untyped-def]
        rng, today, stay = self.rng, self.today, doc.stay
        discharged = stay.discharge_date
        assert discharged is not None
        written = discharged + timedelta(days=rng.randint(2, ANEXO_VI_DAYS - 1))
        if written <= today:
            row = self.report("anexo-vi", on(written), anexo_vi(rng, on(written)))
            if not self.amended and row["status"] == FormStatus.SIGNED:
                self.amended = True
                self.amend(row)
        elif (today - discharged).days >= 4:  # being written: a draft of the first sections
            typed = anexo_vi(rng, on(today))
            typed = {key: typed[key] for key in ("diagnostico", "anamnesis_familiar")}
            self.report("anexo-vi", on(today), typed, draft=True)
        self.questionnaire(doc)

    def questionnaire(self, doc: Doc) -> None:
        """The Anexo VII most people fill when they leave (most after a therapeutic
        discharge), entered a few days later."""
        rng, stay = self.rng, doc.stay
        assert stay.discharge_date is not None
        therapeutic = stay.discharge_type == DischargeType.THERAPEUTIC
        if rng.random() < (0.8 if therapeutic else 0.3):
            answered = stay.discharge_date + timedelta(days=rng.randint(1, 6))
            if answered <= self.today:
                on = Doc(
                    doc.stay, doc.history, doc.profile, doc.installation, doc.responsible, answered
                )
                definition = self.catalogue.latest("anexo-vii")
                data = filled(definition, on, anexo_vii(rng, on, definition))
                self.add("anexo-vii", on, data, FormStatus.FINAL)

    # -- Anexo III ---------------------------------------------------------------------------

    def monthly_reports(self) -> None:
        """Each vivienda's Anexo III of the months Pendientes looks back on, sent on the
        first days of the next month; the last one may still be final."""
        today, month = self.today, first_reported_month(self.today, DEFAULT_LOOKBACK_DAYS)
        with self.db.read() as session:
            viviendas = queries.viviendas(session=session)
        sent: dict[str, date] = {}
        while (
            day := month_bounds(period_of(month))[1] + timedelta(days=self.rng.randint(0, 3))
        ) <= today:
            sent[period_of(month)] = day
            month = month_bounds(period_of(month))[1]
        names = {v.id: v.name for v in viviendas}
        values = anexo_iii_values(self.db, names, list(sent))
        for period, day in sent.items():
            next_start = month_bounds(period)[1]
            for vivienda in viviendas:
                if vivienda.valid_from and vivienda.valid_from >= next_start:
                    continue
                data = dict(values[(vivienda.id, period)]) | {
                    "fecha_envio": day.isoformat(),
                    "nombre": self.responsible.full_name,
                }
                status = (
                    FormStatus.FINAL
                    if (today - day).days < SIGNED_AFTER_DAYS
                    else FormStatus.SIGNED
                )
                self.add(
                    "anexo-iii", None, data, status, on=day, vivienda_id=vivienda.id, period=period
                )


def add_paperwork(
    workspace: Workspace,
    actor,  # type: ignore[no-untyped-def]
    profile: Profile,
    seed: int,
    assessed: dict[str, tuple[dict[str, str], date]],
) -> int:
    """Write the documents (see the module's docstring); returns how many."""
    rng = random.Random(f"paperwork-{seed}")
    documents = _Documents(workspace, actor, profile, rng)
    today = documents.today
    since = today - timedelta(days=DEFAULT_LOOKBACK_DAYS + ANEXO_VI_DAYS)
    with workspace.db.read() as session:
        stays = demo_queries.document_stays(session=session, since=since)
        history = demo_queries.stays_of(
            session=session, participant_ids=sorted({s.participant_id for s in stays})
        )
    earlier: dict[str, list] = {}
    for past in history:
        earlier.setdefault(past.participant_id, []).append(past)
    latest = {s.participant_id: s.stay_id for s in stays}  # ordered by admission
    written = 0
    for stay in stays:
        before = tuple(
            p
            for p in earlier.get(stay.participant_id, ())
            if p.admission_date < stay.admission_date
        )
        doc = Doc(stay, before, profile, documents.installation, documents.responsible, today)
        own = (
            assessed.get(stay.participant_id)
            if latest[stay.participant_id] == stay.stay_id
            else None
        )
        documents.stay_documents(doc, own)
        if len(documents.rows) >= 3000:
            written += documents.flush()
    documents.monthly_reports()
    written += documents.flush()
    written += _earlier_questionnaires(workspace, documents, profile, since)
    _scans(workspace, actor, [s for s in stays if s.discharge_date is None])
    return written


def _earlier_questionnaires(workspace: Workspace, documents: _Documents, profile, since) -> int:  # type: ignore[no-untyped-def]
    """The questionnaires of the year's earlier discharges: kept apart from the files'
    documents, they feed §12's satisfaction, so a year of them is at hand."""
    today = documents.today
    with workspace.db.read() as session:
        stays = demo_queries.document_stays(
            session=session, since=today - timedelta(days=QUESTIONNAIRE_DAYS)
        )
    for stay in stays:
        if stay.discharge_date is not None and stay.discharge_date < since:
            documents.questionnaire(
                Doc(stay, (), profile, documents.installation, documents.responsible, today)
            )
    return documents.flush()


def _scans(workspace: Workspace, actor, residents: list) -> None:  # type: ignore[no-untyped-def]
    """The scans of three residents' signed consents, for the Documentos tab."""
    import tempfile
    from pathlib import Path

    from reinsercion_desktop.services.attachments import AttachmentService

    service = AttachmentService.of(workspace)
    chosen = sorted(residents, key=lambda s: (s.surname1, s.first_name, s.participant_id))[:3]
    with tempfile.TemporaryDirectory() as folder:
        for stay in chosen:
            scan = Path(folder) / "consentimiento-firmado.txt"
            scan.write_text(
                f"Documento de demostración: consentimiento informado firmado por "
                f"{stay.first_name} {stay.surname1} ({stay.codapel}) el "
                f"{stay.admission_date:%d/%m/%Y}.\n",
                encoding="utf-8",
            )
            service.add(
                actor, stay.participant_id, scan, "Consentimiento informado firmado (escaneo)"
            )
