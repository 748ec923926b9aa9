"""The checker's walk through every form instance, field by field.

Each value must fit its definition's kind (the app's own `field_problem`), and its meaning
as the field's id and label say it: phones in phone fields, a person's name where a
person signs or treats, years as years of the person's life, dates within the person's
life and in order with their stay, no pregnancy test or gynaecological review for a man,
the methadone annex only in PTM, the TBC tests only with HIV; what the form repeats from
the records (names, birth date, sex, document, age, the stay's dates and type) must be
what the records say. Finished and signed forms must be complete, and a signed one must
still hash to what was signed.
"""

import json
import re
from collections.abc import Iterator
from datetime import date

from reinsercion_desktop.demo.checker import DemoFacts, Finding
from reinsercion_desktop.demo.identity import phone_digits
from reinsercion_desktop.domain.dates import age_on
from reinsercion_desktop.domain.enums import Sex
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.forms.engine import check_form
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.forms.schema import FieldDef
from reinsercion_desktop.forms.values import as_date, field_problem, is_empty
from reinsercion_desktop.paths import forms_dir

PERSON_FIELDS = {  # fields that name a person (a professional, the participant, a relative)
    "nombre", "apellidos", "nombre_completo", "terapeuta", "terapeuta_ambulatorio",
    "familiar_responsable", "nombre_firmante", "firmante", "responsable", "gestor_caso",
}  # fmt: skip
PROFESSIONALS = {"terapeuta", "terapeuta_ambulatorio", "nombre_firmante", "firmante",
                 "responsable", "gestor_caso"}  # fmt: skip
NOT_A_NAME = re.compile(
    r"\d|\b(CTA|CT|CAPA|CIJ|Centro|Comunidad|Servicio|Hospital|Unidad|Juzgado|VAR)\b"
)
NAME = re.compile(r"^[^\W\d_][\w .'’-]*(\([\w /]+\))?$", re.UNICODE)
PHONE_LIKE = re.compile(r"\b\d{2,3}[ .]?\d{2,4}[ .]?\d{2,4}[ .]?\d{0,3}\b")
CODES = {"dni", "ref", "codapel", "codigo_centro"}  # identifiers: digits, not phones
WOMEN_ONLY = ("embarazo", "ginecolog")
PTM_ONLY = ("dosis_metadona", "tratamientos_metadona", "abuso_no_opioides")
AGE_GROUPS = ((18, "menor_18"), (26, "18_25"), (36, "26_35"), (51, "36_50"), (999, "mayor_50"))
MIN_EVENT_AGE = 10  # nothing in a file happens before the person is ten (use, treatment)


def valid_phone(value: str) -> bool:
    """Spain: 9 digits from 6, 7, 8 or 9; Mexico City: 10 digits (55 / 56)."""
    digits = phone_digits(value)
    letters = any(c.isalpha() for c in value)
    spanish = len(digits) == 9 and digits[0] in "6789"
    mexican = len(digits) == 10 and digits[:2] in ("55", "56")
    return not letters and (spanish or mexican)


def _is_phone_field(field: FieldDef) -> bool:
    return field.id.startswith(("telefono", "fax")) or field.label in ("Teléfono", "Fax")


class _FormCheck:
    def __init__(self, facts: DemoFacts):
        self.today = facts.today
        self.catalogue = load_catalogue(forms_dir())
        tables = facts.tables
        self.people = {p.id: p for p in tables["participant"]}
        self.stays: dict[str, list] = {}
        for stay in sorted(tables["stay"], key=lambda s: s.admission_date):
            self.stays.setdefault(stay.participant_id, []).append(stay)
        self.viviendas = {v.id: v for v in tables["vivienda"]}
        self.signers = {
            u.login for u in tables["user_account"] if u.role in ("responsable", "administrador")
        }
        self.codapels = {p.codapel for p in tables["participant"]}
        self.forms = tables["form_instance"]

    def run(self) -> list[Finding]:
        found: list[Finding] = []
        for form in self.forms:
            found += list(self._form(form))
        return found

    # -- one form ------------------------------------------------------------------------

    def _stay_of(self, form, person) -> object | None:  # type: ignore[no-untyped-def]
        stays = self.stays.get(person.id, []) if person else []
        made = form.created_at.date()
        if form.form_id == "anexo-i":
            return next((s for s in stays if s.admission_date >= made), None)
        return next((s for s in reversed(stays) if s.admission_date <= made), None)

    def _form(self, form) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        definition = self.catalogue.get(form.form_id, form.definition_version)
        data = json.loads(form.data or "{}")
        person = self.people.get(form.participant_id or "")
        where = f"{form.form_id} {form.id[:8]} ({person.codapel if person else form.period})"
        made = form.created_at.date()
        stay = self._stay_of(form, person) if person else None
        if person is not None and stay is None:
            yield Finding("fecha", where, f"escrito el {made}, fuera de toda estancia")
        elif stay is not None:
            for message in self._within_the_stay(form.form_id, data, made, stay):
                yield Finding("fecha", where, message)
        for field in definition.fields():
            if not field.holds_data or is_empty(data.get(field.id)):
                continue
            value = data[field.id]
            problem = field_problem(field, value)
            if problem:
                yield Finding("campo", where, f"{field.id}: {problem}")
                continue
            for message in self._meaning(field, value, person, stay, made):
                yield Finding("campo", where, f"{field.id}: {message}")
        if form.status in ("final", "signed"):
            check = check_form(definition, data, today=made)
            for field_id, message in check.errors.items():
                yield Finding("campo", where, f"{field_id}: {message} (formulario {form.status})")
        if form.status == "signed":
            if content_hash(form.form_id, form.definition_version, data) != form.signed_hash:
                yield Finding("firma", where, "los valores no son los que se firmaron")
            if form.signed_by not in self.signers:
                yield Finding("firma", where, f"firmado por {form.signed_by}, que no puede firmar")
            if not (form.created_at <= form.finalized_at <= form.signed_at):
                yield Finding("fecha", where, "creado, finalizado y firmado fuera de orden")
        if form.form_id == "anexo-iii":
            yield from self._anexo_iii(form, data, where)

    def _within_the_stay(self, form_id: str, data: dict, made: date, stay) -> Iterator[str]:  # type: ignore[no-untyped-def]
        """A document's own date where its stay puts it (R-STAY-3, R-ADM-3)."""
        admitted, discharged = stay.admission_date, stay.discharge_date
        day = as_date(data.get("fecha_protocolo") or data.get("fecha")) or made
        if form_id == "anexo-i" and day > admitted:
            yield f"protocolo del {day}, posterior al ingreso del {admitted}"
        if form_id == "consentimiento" and day != admitted:
            yield f"consentimiento del {day}, no del día del ingreso ({admitted})"
        if form_id in ("anexo-iv", "anexo-v", "valoracion-inicial") and not (
            admitted <= made <= (discharged or self.today)
        ):
            yield f"escrito el {made}, fuera de la estancia ({admitted}–{discharged or 'hoy'})"
        if form_id in ("anexo-vi", "anexo-vii") and (discharged is None or made < discharged):
            yield f"informe de alta escrito el {made} sin alta anterior"

    # -- meaning -------------------------------------------------------------------------

    def _meaning(self, field: FieldDef, value, person, stay, made: date) -> Iterator[str]:  # type: ignore[no-untyped-def]
        fid = field.id
        if field.kind in ("text", "long_text") and isinstance(value, str):
            if _is_phone_field(field):
                if not valid_phone(value):
                    yield f"«{value}» no es un teléfono"
            elif field.kind == "text" and fid not in CODES and PHONE_LIKE.search(value):
                yield f"«{value}» parece un teléfono en un campo que no lo es"
            if fid in PERSON_FIELDS and not NAME.match(value):
                yield f"«{value}» no es un nombre de persona"
            if fid in PROFESSIONALS and (NOT_A_NAME.search(value) or len(value.split()) < 2):
                yield f"«{value}» no es el nombre y apellidos de un/a profesional"
        if person is not None:
            yield from self._person_fields(field, value, person, stay, made)
        for day, label in self._dates(field, value):
            if person is not None and day < person.birth_date and fid != "fecha_nacimiento":
                yield f"{label} {day} anterior al nacimiento"
            if day > made and not field.allow_future and field.kind != "free_table":
                yield f"{label} {day} posterior al día en que se escribió ({made})"
        if field.kind in ("fixed_table", "free_table"):
            yield from self._tables(field, value, person, made)

    @staticmethod
    def _dates(field: FieldDef, value) -> Iterator[tuple[date, str]]:  # type: ignore[no-untyped-def]
        if field.kind == "date" and (day := as_date(value)):
            yield day, "fecha"
        if field.kind in ("fixed_table", "free_table"):
            rows = value.values() if isinstance(value, dict) else value
            for row in rows:
                for column in field.columns or ():
                    if column.kind == "date" and (day := as_date(row.get(column.id))):
                        yield day, column.id

    def _person_fields(self, field: FieldDef, value, person, stay, made: date) -> Iterator[str]:  # type: ignore[no-untyped-def]
        fid = field.id
        surnames = f"{person.surname1} {person.surname2}".strip()
        expected = {
            "nombre": person.first_name if field.label == "Nombre" else None,
            "apellidos": surnames,
            "nombre_completo": f"{person.first_name} {surnames}",
            "fecha_nacimiento": person.birth_date.isoformat(),
            "sexo": person.sex,
            "dni": person.id_number,
            "codapel": person.codapel,
            "ptm": person.ptm,
            "vih": person.hiv_status,
            "perfil": person.addiction_profile,
            "edad": age_on(person.birth_date, made),
        }
        if stay is not None:
            vivienda = self.viviendas.get(stay.vivienda_id)
            expected["vivienda"] = vivienda.name if vivienda else None
            expected["fecha_ingreso"] = stay.admission_date.isoformat()
            expected["fecha_alta"] = (
                stay.discharge_date.isoformat() if stay.discharge_date else None
            )
            expected["tipo_alta"] = stay.discharge_type or None
        wanted = expected.get(fid)
        if wanted is not None and value != wanted and str(value) != str(wanted):
            yield f"«{value}» no es lo que dicen los registros («{wanted}»)"
        if fid in PTM_ONLY and not person.ptm:
            yield "anexo de metadona en alguien que no está en PTM"
        if fid == "dosis_metadona" and value != person.methadone_dose_mg:
            yield f"dosis {value} mg distinta de la de la ficha ({person.methadone_dose_mg})"
        if fid == "baciloscopias" and person.hiv_status != "positivo":
            yield "baciloscopias en alguien sin VIH positivo"
        woman = person.sex == Sex.WOMAN
        if fid == "genero" and value in ("hombre", "mujer") and (value == "mujer") != woman:
            yield f"género «{value}» y sexo «{person.sex}» no concuerdan"
        if fid == "grupo_edad":
            age = age_on(person.birth_date, made)
            group = next(code for limit, code in AGE_GROUPS if age < limit)
            if value != group:
                yield f"grupo de edad «{value}» con {age} años"
        if fid == "otra_vulnerabilidad" and "violencia_genero" in value and person.sex != Sex.WOMAN:
            yield "violencia de género marcada en un hombre"

    def _tables(self, field: FieldDef, value, person, made: date) -> Iterator[str]:  # type: ignore[no-untyped-def]
        rows = value.items() if isinstance(value, dict) else enumerate(value)
        for key, row in rows:
            if (
                person is not None
                and person.sex != Sex.WOMAN
                and any(w in str(key) for w in WOMEN_ONLY)
            ):
                yield f"fila «{key}» (solo para mujeres) en un hombre"
            for column in field.columns or ():
                cell = row.get(column.id)
                if is_empty(cell):
                    continue
                if column.kind == "number" and ("Año" in column.label or column.id == "anio"):
                    low = person.birth_date.year + MIN_EVENT_AGE if person else 1900
                    if not (isinstance(cell, int) and low <= cell <= made.year):
                        yield f"{key}.{column.id}: «{cell}» no es un año de su vida ({low}–{made.year})"
                if column.kind == "number" and column.id == "dosis" and not 5 <= cell <= 300:
                    yield f"{key}.dosis: {cell} mg no es una dosis de metadona"
                if (
                    column.kind == "text"
                    and column.id in PERSON_FIELDS
                    and not NAME.match(str(cell))
                ):
                    yield f"{key}.{column.id}: «{cell}» no es un nombre"
            if column_dates := [as_date(row.get(c)) for c in ("fecha_inclusion", "fecha_salida")]:
                start, end = column_dates
                if start and end and end <= start:
                    yield f"{key}: sale el {end} antes de entrar el {start}"

    def _anexo_iii(self, form, data: dict, where: str) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        for row in [*(data.get("usuarios") or []), *(data.get("altas") or [])]:
            if row.get("codapel") not in self.codapels:
                yield Finding("campo", where, f"CODAPEL «{row.get('codapel')}» desconocido")
        for row in data.get("altas") or []:
            if row.get("estancia_total", 0) < 0 or row.get("salidas_terap", 0) > row.get(
                "estancia_total", 0
            ):
                yield Finding("campo", where, f"alta de {row.get('codapel')} con días imposibles")


def check_forms(facts: DemoFacts) -> list[Finding]:
    return _FormCheck(facts).run()
