"""What residents complain of in a vivienda, and what the centre answers (demo data).

Written as a técnico/a would note a complaint received on paper or by word of mouth: no
names (not the resident's, not the staff's), so the texts fit an anonymous complaint
as well as a signed one.
"""

from reinsercion_desktop.domain.enums import ComplaintKind

_K = ComplaintKind

# How often each kind comes up: trato, normas, alimentación and instalaciones lead.
KIND_WEIGHTS: dict[ComplaintKind, int] = {
    _K.TREATMENT: 5,
    _K.HOUSE_RULES: 5,
    _K.FOOD: 4,
    _K.FACILITIES: 4,
    _K.ACTIVITIES: 2,
    _K.STAFF: 2,
    _K.OTHER: 1,
}

DESCRIPTIONS: dict[ComplaintKind, tuple[str, ...]] = {
    _K.TREATMENT: (
        "Considera que se le habló con malos modos en la reunión de convivencia del lunes.",
        "Se queja de que no se le dejó explicar su versión antes de aplicarle una medida.",
        "Refiere sentirse tratado con menos paciencia que otros compañeros de la vivienda.",
        "Manifiesta que se comentó su situación personal delante de otros residentes.",
    ),
    _K.HOUSE_RULES: (
        "No está de acuerdo con el horario de regreso los fines de semana.",
        "Pide que se revise la norma que limita el uso del teléfono móvil por la noche.",
        "Considera injusto el reparto de tareas de limpieza de la semana.",
        "Se queja de que algunos compañeros no respetan el horario de silencio.",
        "Solicita que las visitas familiares puedan ser también entre semana.",
    ),
    _K.FOOD: (
        "Las raciones de la cena le parecen escasas para quien trabaja por la mañana.",
        "Pide más fruta y verdura en los menús de la semana.",
        "Se repite demasiado el mismo plato en las comidas.",
        "Solicita que se tenga en cuenta su dieta sin cerdo en el menú.",
    ),
    _K.FACILITIES: (
        "El agua caliente de la ducha del segundo baño falla desde hace días.",
        "La calefacción del dormitorio no funciona bien por las noches.",
        "La lavadora se ha estropeado y hay que esperar turno varios días.",
        "Hay humedad en la pared del dormitorio compartido.",
        "La conexión a internet de la sala común se corta a menudo.",
    ),
    _K.ACTIVITIES: (
        "Pide que el taller de búsqueda de empleo no coincida con el horario de su curso.",
        "Solicita más actividades deportivas durante el fin de semana.",
        "Considera que el grupo terapéutico de los jueves empieza demasiado tarde.",
    ),
    _K.STAFF: (
        "Se queja de que no siempre hay alguien del equipo localizable por la tarde.",
        "Pide que se le asigne otra hora para la entrevista con su técnico de referencia.",
        "Refiere que tardaron en atender su petición de cita médica.",
    ),
    _K.OTHER: (
        "Se queja de la demora en la gestión de su tarjeta de transporte.",
        "Pide información más clara sobre la aportación económica mensual.",
        "Solicita un lugar donde guardar bajo llave sus objetos personales.",
    ),
}

ANSWERS: dict[ComplaintKind, tuple[str, ...]] = {
    _K.TREATMENT: (
        "Se mantiene una entrevista con la persona, se revisa lo ocurrido con el equipo y "
        "se le ofrecen disculpas por el tono empleado.",
        "Se explica el procedimiento y se recuerda al equipo la pauta de trato acordada.",
    ),
    _K.HOUSE_RULES: (
        "Se trata en la asamblea de la vivienda; la norma se mantiene y se explica su motivo.",
        "Se revisa en la reunión de equipo y se acuerda un ajuste del horario a prueba.",
        "Se recuerda a todos los residentes la norma en la asamblea semanal.",
    ),
    _K.FOOD: (
        "Se revisa el menú con la persona responsable de compras y se amplían las raciones.",
        "Se incorporan más fruta y verdura en la planificación del mes siguiente.",
        "Se adapta el menú a su petición desde la semana siguiente.",
    ),
    _K.FACILITIES: (
        "Se avisa al servicio de mantenimiento y la avería queda reparada.",
        "Se solicita la reparación a la entidad titular; se informa a la persona del plazo.",
    ),
    _K.ACTIVITIES: (
        "Se reorganiza el calendario de actividades para evitar la coincidencia.",
        "Se estudia la propuesta en la reunión de equipo y se incorpora una actividad nueva.",
    ),
    _K.STAFF: (
        "Se le facilita el teléfono de guardia y se revisan los turnos de tarde.",
        "Se cambia la cita a una hora compatible con sus obligaciones.",
    ),
    _K.OTHER: (
        "Se le orienta sobre el trámite y se le acompaña a realizarlo.",
        "Se le entrega por escrito la información solicitada.",
    ),
}
