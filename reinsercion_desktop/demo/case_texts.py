"""Texts the demo's case work is written with: plausible, varied, never about a real person."""

from reinsercion_desktop.domain.enums import ServiceKind

INTERVIEW_NOTES = (
    "Buena adaptación a la dinámica de la vivienda. Cumple horarios y tareas.",
    "Refiere ansiedad los fines de semana; se trabajan estrategias de afrontamiento.",
    "Ha asistido a todas las citas del CTA. Controles negativos.",
    "Se revisa el plan semanal de búsqueda de empleo: ha enviado cinco currículos.",
    "Contacto positivo con su hermana; se valora una salida de fin de semana.",
    "Dificultades con un compañero de la vivienda; se media y se acuerdan normas.",
    "Ha empezado el curso de formación; muy motivado/a con las prácticas.",
    "Se revisan gastos y ahorro: lleva el control de su dinero con autonomía.",
    "Bajo estado de ánimo tras una mala noticia familiar; se refuerza el acompañamiento.",
    "Prepara la documentación para renovar el DNI y la tarjeta sanitaria.",
)
REVIEW_SUMMARIES = (
    "Se revisan los objetivos con la persona: avanza en lo formativo; se prioriza el empleo.",
    "Buena evolución; se reajustan plazos de los objetivos que dependen de otros recursos.",
    "Se prioriza la prevención de recaídas tras una salida difícil.",
    "Se da por conseguido lo formativo y se plantean objetivos de mantenimiento.",
)
COMMITMENTS = (
    "Participar en las entrevistas quincenales, asistir al curso acordado y mantener los "
    "controles negativos. El equipo acompaña las gestiones y coordina con el CTA.",
    "Cumplir el plan semanal de búsqueda de empleo y las normas de la vivienda. El equipo "
    "facilita el acceso a la bolsa de trabajo y revisa el plan cada dos meses.",
)
CONFERENCE_DECISIONS = (
    "Se acuerda mantener el itinerario y reforzar la orientación laboral; el CTA sigue el "
    "tratamiento y servicios sociales tramita la prestación.",
    "Se acuerda derivar a la empresa de inserción y revisar en un mes la adaptación al puesto.",
    "Se acuerda coordinar con el juzgado la comparecencia pendiente y acompañar a la persona.",
)
CONFERENCE_TASKS = (
    ("Tramitar la solicitud del ingreso mínimo vital", "Servicios Sociales Comunitarios"),
    ("Enviar informe de evolución al CTA", "VAR (gestor/a de caso)"),
    ("Concertar cita con orientación laboral", "Servicio Andaluz de Empleo"),
    ("Revisar la pauta de tratamiento", "CTA de referencia"),
    ("Acompañar a la comparecencia en el juzgado", "VAR (gestor/a de caso)"),
)
CONTACT_ENTITIES: dict[ServiceKind, tuple[tuple[str, str], ...]] = {
    ServiceKind.HEALTH: (("Centro de Salud Polígono Sur", "Dra. Elena Campos"),),
    ServiceKind.ADDICTION: (("CTA de Sevilla — Macarena", "Manuel Rivas"),),
    ServiceKind.SOCIAL: (("Servicios Sociales Comunitarios Casco Antiguo", "Pedro Salas"),),
    ServiceKind.EMPLOYMENT: (("Andalucía Orienta — Cruz Roja", "Inés Calvo"),),
    ServiceKind.JUSTICE: (("Juzgado de lo Penal n.º 4 de Sevilla", "Secretaría"),),
    ServiceKind.EDUCATION: (("Centro de Educación Permanente Triana", "Jefatura de estudios"),),
}
EMPLOYERS = (
    "Limpiezas Giralda S.L.",
    "Hostelería Alameda",
    "Jardinería Guadalquivir",
    "Almacenes Aljarafe",
    "Reformas Macarena",
)
INSERTION_COMPANIES = (
    "Empresa de inserción Tras la Pista",
    "Empresa de inserción Solidaridad Verde",
    "Empresa de inserción Reciclajes del Sur",
)
POSITIONS = (
    "Peón de limpieza",
    "Ayudante de cocina",
    "Jardinero/a",
    "Mozo/a de almacén",
    "Peón de obra",
)
JOB_NOTES = (
    "Mantiene el puesto; buena valoración de su responsable.",
    "Alguna falta de puntualidad; se trabaja la organización del tiempo.",
    "Ha renovado el contrato por seis meses.",
    "Se adapta bien al equipo; pide formación en manipulación de alimentos.",
)
