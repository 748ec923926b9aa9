"""Filler values of every field kind, for the benchmark's PDF timings (bench/forms.py).

Not the demo's documents: those are filled from each person's records (paperwork.py,
form_values.py) and checked field by field (check_forms.py).
"""

import random
from datetime import date, timedelta

from reinsercion_desktop.forms.engine import is_visible
from reinsercion_desktop.forms.schema import FieldDef, FormDefinition
from reinsercion_desktop.forms.values import is_empty

SENTENCES = (
    "Se ha adaptado bien a la dinámica de la vivienda y respeta las normas de convivencia.",
    "Mantiene la abstinencia confirmada en los controles toxicológicos realizados.",
    "Participa con interés en el taller de búsqueda activa de empleo.",
    "Ha retomado el contacto con su familia de origen, con visitas quincenales.",
    "Se propone reforzar las habilidades sociales y la gestión del tiempo libre.",
    "Acude a las citas de seguimiento en el CTA de referencia.",
    "Ha iniciado un curso de formación profesional para el empleo.",
    "Muestra buena disposición y cumple con las tareas asignadas en la vivienda.",
    "Se coordina el caso con los servicios sociales comunitarios del municipio.",
    "Presenta dificultades para organizar sus gastos; se trabaja un plan de ahorro.",
)


def _sample(field: FieldDef, rng: random.Random, today: date):  # type: ignore[no-untyped-def]
    kind = field.kind
    if kind == "text":
        return rng.choice(
            ("CTA Sevilla — Los Remedios", "Dr.ª Carmen Ruiz", "954 000 111", "Sevilla")
        )
    if kind == "long_text":
        return " ".join(rng.sample(SENTENCES, 2))
    if kind == "date":
        return (today - timedelta(days=rng.randint(5, 60))).isoformat()
    if kind == "number":
        return rng.randint(int(field.minimum or 1), int(min(field.maximum or 40, 40)))
    if kind == "choice":
        return rng.choice(field.options).code
    if kind == "multi_choice":
        return [option.code for option in rng.sample(field.options, min(2, len(field.options)))]
    if kind == "yes_no":
        return rng.random() < 0.5
    if kind == "scale_item":
        return rng.choice((1, 2, 3, 3, 3))
    if kind == "fixed_table":
        return {
            row.id: {column.id: _cell(column, rng, today) for column in field.columns}
            for row in field.rows
            if row.id in field.required_rows or rng.random() < 0.4
        }
    if kind == "free_table":
        return [
            {column.id: _cell(column, rng, today) for column in field.columns}
            for _ in range(rng.randint(1, 3))
        ]
    return None


def _cell(column, rng: random.Random, today: date):  # type: ignore[no-untyped-def]
    if column.kind == "date":
        return (today - timedelta(days=rng.randint(3, 25))).isoformat()
    if column.kind == "number":
        return rng.randint(1, 20)
    if column.kind == "choice":
        return rng.choice(column.options).code
    if column.kind == "yes_no":
        return rng.random() < 0.5
    return rng.choice(("Normal", "Negativo", "Sin alteraciones", "Pendiente de informe"))


def complete_data(definition: FormDefinition, data: dict, rng: random.Random, today: date) -> dict:
    """Fill every visible empty field with plausible content, then meet the form's rules."""
    filled = dict(data)
    if definition.id == "anexo-i":
        filled["fecha_protocolo"] = (today - timedelta(days=7)).isoformat()
        filled["criterios_exclusion"] = []
    for _ in range(2):  # conditions may reveal fields once others are filled
        for field in definition.fields():
            if (
                field.holds_data
                and is_empty(filled.get(field.id))
                and is_visible(definition, field, filled)
            ):
                value = _sample(field, rng, today)
                if value is not None:
                    filled[field.id] = value
    if definition.id == "anexo-i":
        filled["criterios_exclusion"] = []
        if not filled.get("ptm"):
            filled.pop("dosis_metadona", None)  # a dose only for people in PTM
        pruebas = dict(filled.get("pruebas") or {})
        recent = {
            "fecha": (today - timedelta(days=10)).isoformat(),
            "resultado": "Negativo",
            "adjunto": True,
        }
        for row in ("mantoux", "radiografia_torax", "test_embarazo", "serologia"):
            pruebas[row] = recent
        filled["pruebas"] = pruebas
        filled["baciloscopias"] = {key: recent for key in ("primera", "segunda", "tercera")}
    return filled
