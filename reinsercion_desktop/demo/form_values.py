"""The values of the demo's forms, field by field, from the person's own records.

Fields with a `source` are prefilled as the app prefills them (forms.engine.prefill over the
same context: the person on the document's day, the centre, the vivienda, the stay);
the typed ones come from what the records say (the stay's dates and type, the person's
profile, sex and age) and from texts professionals would write (form_texts.py). Anexo I,
the longest, is in form_anexo_i.py; Anexo III is the app's own monthly report.
"""

import random
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db.demo_queries import DocumentStay, PastStay, StaffRow
from reinsercion_desktop.demo import form_texts as texts
from reinsercion_desktop.demo.profiles import Profile
from reinsercion_desktop.domain.dates import age_on
from reinsercion_desktop.domain.enums import DischargeType, Sex
from reinsercion_desktop.forms.engine import prefill
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.services.form_context import participant_values


@dataclass(frozen=True)
class Doc:
    """One document to fill: whose, which stay, on what day, by whom."""

    stay: DocumentStay
    history: tuple[PastStay, ...]  # the person's earlier stays
    profile: Profile
    installation: dict
    responsible: StaffRow
    on: date

    @property
    def woman(self) -> bool:
        return self.stay.sex == Sex.WOMAN

    @property
    def relative(self) -> str:
        contact = self.stay.family_contact
        return contact[contact.rfind("(") + 1 : -1] if contact.endswith(")") else "familia"

    @property
    def substance(self) -> str:
        return texts.DIAGNOSES.get(self.stay.addiction_profile, ("", "sustancias"))[1]


def context(doc: Doc) -> dict:
    """What the definitions' `source` paths read, as services.form_context builds it."""
    stay = doc.stay
    return {
        "today": doc.on.isoformat(),
        "installation": doc.installation,
        "responsible": {"full_name": doc.responsible.full_name},
        "participant": participant_values(stay, doc.on),  # type: ignore[arg-type]
        "vivienda": {
            "name": stay.vivienda_name,
            "municipality": stay.vivienda_municipality,
            "province": stay.province,
        },
        "referring_centre": {
            "name": stay.centre_name,
            "code": stay.centre_code,
            "kind": stay.centre_kind,
            "phone": stay.centre_phone,
            "fax": stay.centre_fax,
            "contact_name": stay.centre_contact,
        },
        "case_manager": {"full_name": stay.manager_name} if stay.manager_name else {},
        "stay": {
            "admission_date": stay.admission_date,
            "discharge_date": stay.discharge_date,
            "discharge_type": stay.discharge_type,
            "programme": stay.programme,
        },
    }


def fill_text(template: str, doc: Doc) -> str:
    terms = doc.profile.terms
    return template.format(
        cta=terms.cta,
        house=terms.house,
        social=terms.social,
        employment=terms.employment,
        papers=terms.papers,
        substance=doc.substance,
        relative=doc.relative,
    )


def pick(rng: random.Random, pool: tuple[str, ...], doc: Doc) -> str:
    return fill_text(rng.choice(pool), doc)


def filled(definition: FormDefinition, doc: Doc, typed: dict) -> dict:
    """The typed values, then every sourced field the app would prefill."""
    return prefill(definition, context(doc), typed)


# -- the reports of the stay (Anexos IV, V, VI, VII) and the consent -------------------------


def consentimiento(rng: random.Random, doc: Doc) -> dict:
    """Signed on the admission day, where the vivienda is."""
    return {"lugar": doc.stay.vivienda_municipality or doc.installation["province"]}


def anexo_iv(rng: random.Random, doc: Doc) -> dict:
    return {
        "integracion": pick(rng, texts.INTEGRATION, doc),
        "objetivos_generales": pick(rng, texts.GENERAL_GOALS, doc),
        "actividades_iniciadas": pick(rng, texts.STARTED, doc),
        "datos_interes": pick(rng, texts.NOTES, doc),
    }


def anexo_v(rng: random.Random, doc: Doc) -> dict:
    return {
        "objetivos_especificos": pick(rng, texts.GENERAL_GOALS, doc),
        "actividades_desarrolladas": pick(rng, texts.DEVELOPED, doc),
        "evolucion": pick(rng, texts.EVOLUTION, doc),
        "observaciones": pick(rng, texts.NOTES, doc),
    }


def anexo_vi(rng: random.Random, doc: Doc) -> dict:
    stay = doc.stay
    kind = stay.discharge_type
    diagnosis = texts.DIAGNOSES.get(stay.addiction_profile, ("Dependencia de sustancias", ""))[0]
    reason = stay.discharge_reason or stay.abandonment_reason
    start_age = min(age_on(stay.birth_date, stay.admission_date) - 2, 14 + rng.randint(0, 8))
    young = age_on(stay.birth_date, doc.on) < 18
    current = texts.CURRENT_YOUNG if young else texts.CURRENT
    return {
        "diagnostico": f"{diagnosis}. Alta {_label(kind)}: {reason}",
        "anamnesis_familiar": pick(rng, texts.FAMILY, doc),
        "anamnesis_personal": fill_text(
            f"Inicia el consumo de {{substance}} a los {start_age} años. "
            + rng.choice(texts.PSYCHOLOGICAL),
            doc,
        ),
        "situacion_actual": fill_text(current.get(kind, current["voluntaria"]), doc),
        "evolucion": pick(rng, texts.EVOLUTION, doc),
        "propuesta_terapeutica": fill_text(texts.PROPOSALS.get(kind, ""), doc),
    }


def anexo_vii(rng: random.Random, doc: Doc, definition: FormDefinition) -> dict:
    """The questionnaire as the person filled it on paper, entered afterwards: mostly good."""
    data: dict = {"ref": f"{doc.stay.vivienda_name[:12]}-{doc.stay.discharge_date:%Y%m}"}
    for field in definition.fields():
        if field.kind == "scale_item":
            data[field.id] = rng.choice((3, 3, 3, 2, 2, 1))
    if rng.random() < 0.6:
        data["comentarios"] = rng.choice(texts.QUESTIONNAIRE_COMMENTS)
    if rng.random() < 0.5:
        data["mejoras"] = rng.choice(texts.QUESTIONNAIRE_IMPROVEMENTS)
    return data


def _label(kind: str) -> str:
    return DischargeType(kind).label.lower() if kind in set(DischargeType) else kind


AGE_GROUPS = ((18, "menor_18"), (26, "18_25"), (36, "26_35"), (51, "36_50"), (999, "mayor_50"))


def valoracion_inicial(
    rng: random.Random, doc: Doc, levels: dict[str, str], obstacles: list[str]
) -> dict:
    """The needs assessment the plan was proposed from (`000_…`), with a gender and age
    approach consistent with the file."""
    stay = doc.stay
    age = age_on(stay.birth_date, doc.on)
    vulnerable = []
    if stay.id_kind == "nie":
        vulnerable.append("migracion")
    if doc.woman and rng.random() < 0.3:
        vulnerable.append("violencia_genero")
    if rng.random() < 0.2:
        vulnerable.append("responsabilidades_familiares")
    chosen = rng.sample(obstacles, min(len(obstacles), rng.randint(3, 6)))
    return {
        "necesidades": {
            area: {"nivel": level, "descripcion": texts.NEED_TEXT.get(level, "")}
            for area, level in levels.items()
        },
        "obstaculos": chosen,
        "fortalezas": rng.choice(texts.STRENGTHS),
        "genero": "mujer" if doc.woman else "hombre",
        "grupo_edad": next(code for limit, code in AGE_GROUPS if age < limit),
        "otra_vulnerabilidad": vulnerable,
        "enfoque_observaciones": rng.choice(texts.APPROACH),
    }
