"""Texts the demo's case work is written with: plausible, varied, never about a real person.

One `CaseTexts` per profile: the Andalusian one here, the Mexico City one in
case_texts_cdmx.py (other services, employers and paperwork differ by country).
"""

from dataclasses import dataclass

from reinsercion_desktop.domain.enums import ServiceKind


@dataclass(frozen=True)
class CaseTexts:
    interview_notes: tuple[str, ...]
    review_summaries: tuple[str, ...]
    commitments: tuple[str, ...]
    conference_decisions: tuple[str, ...]
    conference_tasks: tuple[tuple[str, str], ...]  # (task, owner)
    # (name, entity) of the people at a case conference besides the case manager
    conference_guests: tuple[tuple[str, str], ...]
    contact_entities: dict[ServiceKind, tuple[tuple[str, str], ...]]  # (entity, person)
    employers: tuple[str, ...]
    insertion_companies: tuple[str, ...]
    positions: tuple[str, ...]
    job_notes: tuple[str, ...]


REVIEW_SUMMARIES = (
    "Se revisan los objetivos con la persona: avanza en lo formativo; se prioriza el empleo.",
    "Buena evolución; se reajustan plazos de los objetivos que dependen de otros recursos.",
    "Se prioriza la prevención de recaídas tras una salida difícil.",
    "Se da por conseguido lo formativo y se plantean objetivos de mantenimiento.",
)
JOB_NOTES = (
    "Mantiene el puesto; buena valoración de su responsable.",
    "Alguna falta de puntualidad; se trabaja la organización del tiempo.",
    "Ha renovado el contrato por seis meses.",
    "Se adapta bien al equipo; pide formación en manipulación de alimentos.",
)

ANDALUSIAN_CASE_TEXTS = CaseTexts(
    interview_notes=(
        "Buena adaptación a la dinámica de la vivienda. Cumple horarios y tareas.",
        "Refiere ansiedad los fines de semana; se trabajan estrategias de afrontamiento.",
        "Ha asistido a todas las citas del CTA. Controles negativos.",
        "Se revisa el plan semanal de búsqueda de empleo: ha enviado cinco currículos.",
        "Contacto positivo con su hermana; se valora una salida de fin de semana.",
        "Dificultades con un compañero de la vivienda; se media y se acuerdan normas.",
        "Ha empezado el curso de formación; se muestra motivado/a con las prácticas.",
        "Se revisan gastos y ahorro: lleva el control de su dinero con autonomía.",
        "Bajo estado de ánimo tras una mala noticia familiar; se refuerza el acompañamiento.",
        "Prepara la documentación para renovar el DNI y la tarjeta sanitaria.",
    ),
    review_summaries=REVIEW_SUMMARIES,
    commitments=(
        "Participar en las entrevistas quincenales, asistir al curso acordado y mantener los "
        "controles negativos. El equipo acompaña las gestiones y coordina con el CTA.",
        "Cumplir el plan semanal de búsqueda de empleo y las normas de la vivienda. El equipo "
        "facilita el acceso a la bolsa de trabajo y revisa el plan cada dos meses.",
    ),
    conference_decisions=(
        "Se acuerda mantener el itinerario y reforzar la orientación laboral; el CTA sigue el "
        "tratamiento y servicios sociales tramita la prestación.",
        "Se acuerda derivar a la empresa de inserción y revisar en un mes la adaptación al puesto.",
        "Se acuerda coordinar con el juzgado la comparecencia pendiente y acompañar a la persona.",
    ),
    conference_tasks=(
        ("Tramitar la solicitud del ingreso mínimo vital", "Servicios Sociales Comunitarios"),
        ("Enviar informe de evolución al CTA", "VAR (gestor/a de caso)"),
        ("Concertar cita con orientación laboral", "Servicio Andaluz de Empleo"),
        ("Revisar la pauta de tratamiento", "CTA de referencia"),
        ("Acompañar a la comparecencia en el juzgado", "VAR (gestor/a de caso)"),
    ),
    conference_guests=(
        ("Carmen Ortega Ruiz", "CTA de referencia"),
        ("Pedro Salas Jiménez", "Servicios Sociales Comunitarios"),
        ("Inés Calvo Romero", "Servicio Andaluz de Empleo"),
    ),
    contact_entities={
        ServiceKind.HEALTH: (("Centro de Salud Polígono Sur", "Elena Campos Rivas"),),
        ServiceKind.ADDICTION: (("CTA de Sevilla — Macarena", "Manuel Rivas Ortiz"),),
        ServiceKind.SOCIAL: (
            ("Servicios Sociales Comunitarios Casco Antiguo", "Pedro Salas Jiménez"),
        ),
        ServiceKind.EMPLOYMENT: (("Andalucía Orienta — Cruz Roja", "Inés Calvo Romero"),),
        ServiceKind.JUSTICE: (("Juzgado de lo Penal n.º 4 de Sevilla", "Rosario Lama Ferrer"),),
        ServiceKind.EDUCATION: (("Centro de Educación Permanente Triana", "Luis Bernal Pozo"),),
    },
    employers=(
        "Limpiezas Giralda S.L.",
        "Hostelería Alameda S.L.",
        "Jardinería Guadalquivir S.C.A.",
        "Almacenes Aljarafe S.A.",
        "Reformas Macarena S.L.",
    ),
    insertion_companies=(
        "Empresa de inserción Tras la Pista",
        "Empresa de inserción Solidaridad Verde",
        "Empresa de inserción Reciclajes del Sur",
    ),
    positions=(
        "Peón de limpieza",
        "Ayudante de cocina",
        "Jardinero/a",
        "Mozo/a de almacén",
        "Peón de obra",
    ),
    job_notes=JOB_NOTES,
)
