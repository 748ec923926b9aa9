"""Anexo III — Informe usuarios/as de VAR: monthly, per vivienda, generated from the records.

R-CONF-1: the report goes to the office, so its rows name people by CODAPEL only.
Counting (SPEC §7): outing days are return − departure; ST and ST EXCEPC. count the
days of ordinary and exceptional outings that fall inside the month (an outing crossing
the month's edge is clipped); the total stay is discharge − admission and "salidas
terap." is every outing day (ordinary and exceptional) of the whole stay.
Who appears: everyone in the vivienda any day of the month, the discharge day included,
so that a person discharged on the 1st is reported with that discharge; and the people
assigned to the vivienda whose resignation (renuncia) was recorded in the month.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import circuit_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import FormInstance, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.deadlines import month_bounds, month_label
from reinsercion_desktop.domain.enums import FormStatus, OutingKind, ReferralStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.stay_rules import OutingFacts, outing_days_used
from reinsercion_desktop.forms.engine import prefill
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.form_context import record_context
from reinsercion_desktop.services.forms_views import FormInstanceView, form_view

FORM_ID = "anexo-iii"


@dataclass(frozen=True)
class ViviendaChoice:
    id: str
    name: str


def _days_in(outings: list[OutingFacts], kind: str, start: date, end: date) -> int:
    """Days of outings of one kind inside [start, end), clipped at both edges."""
    return sum(
        max(0, (min(o.end_date, end) - max(o.start_date, start)).days)
        for o in outings
        if o.kind == kind
    )


def anexo_iii_data(db: Database, vivienda_id: str, month: str) -> dict:
    """The report's values, keyed like the anexo-iii definition: vivienda, mes, usuarios, altas."""
    try:
        start, end = month_bounds(month)
    except ValueError as error:
        raise ValidationError({"month": str(error)}) from None
    with db.read() as session:
        vivienda = session.get(Vivienda, vivienda_id)
        if vivienda is None:
            raise NotFoundError("La vivienda ya no existe.")
        stay_rows = circuit_queries.vivienda_stays_between(
            session=session, vivienda_id=vivienda_id, start=start, end=end
        )
        outing_rows = circuit_queries.outings_of_vivienda_stays_between(
            session=session, vivienda_id=vivienda_id, start=start, end=end
        )
        resigned_rows = circuit_queries.resignations_between(
            session=session,
            vivienda_id=vivienda_id,
            start=start,
            end=end,
            status=ReferralStatus.RESIGNED.value,
        )
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for outing in outing_rows:
        outings[outing.stay_id].append(OutingFacts(outing.start_date, outing.end_date, outing.kind))
    return anexo_iii_report(vivienda.name, month, start, end, stay_rows, outings, resigned_rows)


def anexo_iii_report(  # type: ignore[no-untyped-def]
    name: str, month: str, start: date, end: date, stays, outings, resigned
) -> dict:
    """The Anexo III values of one vivienda and month from its rows: `stays` of people
    present in [start, end) (with codapel, profile, dates, programme, centres, discharge),
    `outings` by stay id, `resigned` protocols. The demo writes its months through here
    too, so its reports are the application's own."""
    usuarios, altas = [], []
    for stay in stays:
        own = outings.get(stay.stay_id, [])
        usuarios.append(
            {
                "codapel": stay.codapel,
                "perfil": stay.addiction_profile,
                "st": _days_in(own, OutingKind.ORDINARY, start, end),
                "st_excepc": _days_in(own, OutingKind.EXCEPTIONAL, start, end),
                "fecha_ingreso": stay.admission_date.isoformat(),
                "programa": stay.programme,
                "centro_derivador": stay.referring_centre,
                "centro_origen": stay.origin_centre,
                "renuncia": False,
            }
        )
        discharged = stay.discharge_date
        if discharged is not None and start <= discharged < end:
            altas.append(
                {
                    "codapel": stay.codapel,
                    "fecha_alta": discharged.isoformat(),
                    "tipo_alta": stay.discharge_type,
                    "estancia_total": (discharged - stay.admission_date).days,
                    "salidas_terap": outing_days_used(own)
                    + outing_days_used(own, kind=OutingKind.EXCEPTIONAL),
                    "motivo_abandono": stay.abandonment_reason,
                }
            )
    for row in resigned:
        usuarios.append(
            {
                "codapel": row.codapel,
                "perfil": row.addiction_profile,
                "st": 0,
                "st_excepc": 0,
                "fecha_ingreso": "",
                "programa": "",
                "centro_derivador": row.referring_centre,
                "centro_origen": row.origin_centre,
                "renuncia": True,
            }
        )
    altas.sort(key=lambda row: (row["fecha_alta"], row["codapel"]))
    return {
        "vivienda": name,
        "mes": month_label(month),
        "usuarios": usuarios,
        "altas": altas,
    }


class MonthlyReportService:
    """Builds the monthly Anexo III of a vivienda and stores it as a draft form."""

    def __init__(self, db: Database, catalogue: FormCatalogue):
        self.db = db
        self.catalogue = catalogue

    def viviendas(self) -> list[ViviendaChoice]:
        """Every vivienda, by name (a past month may concern one no longer in service)."""
        with self.db.read() as session:
            return [ViviendaChoice(v.id, v.name) for v in queries.viviendas(session=session)]

    def anexo_iii(self, vivienda_id: str, month: str) -> dict:
        return anexo_iii_data(self.db, vivienda_id, month)

    def create_anexo_iii(self, actor: Actor, vivienda_id: str, month: str) -> FormInstanceView:
        """A draft Anexo III owned by vivienda + month, ready to preview, finalize and sign.

        Only for a month that is over, and once: a second one would hide which is sent
        (a signed one is corrected by amendment, in FormService). The send date defaults
        to today and the name to the centre's responsable; both can be changed in the draft.
        """
        authorize(actor, PermissionAction.MONTHLY_REPORT_CREATE)
        definition = self.catalogue.latest(FORM_ID)
        values = anexo_iii_data(self.db, vivienda_id, month)
        today = self.db.clock.today()
        _, next_month = month_bounds(month)
        if next_month > today:
            raise ValidationError(
                {"month": f"El informe de {values['mes']} se genera cuando termine el mes."}
            )
        with self.db.unit_of_work(actor) as work:
            made = circuit_queries.vivienda_forms(
                session=work.session, form_id=FORM_ID, vivienda_id=vivienda_id, period=month
            )
            if made:
                raise UserError(
                    f"Ya existe el Anexo III de {values['vivienda']} de {values['mes']}: "
                    "ábralo (si está firmado, rectifíquelo)."
                )
            context = record_context(work.session, None, today, actor.full_name)
            context["vivienda"] = {"name": values["vivienda"]}
            context["period"] = {"month_label": values["mes"]}
            data = prefill(definition, context, {**values, "fecha_envio": today.isoformat()})
            instance = work.add(
                FormInstance(
                    form_id=definition.id,
                    definition_version=definition.version,
                    participant_id=None,
                    vivienda_id=vivienda_id,
                    period=month,
                    data=json.dumps(data, ensure_ascii=False, sort_keys=True),
                    status=FormStatus.DRAFT.value,
                )
            )
        return form_view(instance, vivienda_name=values["vivienda"])  # stamped by the commit
