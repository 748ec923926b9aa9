"""What staff write in the circuit's records (Spanish): reasons, notes, causes, purposes."""

from reinsercion_desktop.domain.enums import DisciplinaryCriterion, PostponementReason

THERAPEUTIC_REASONS = (
    "Objetivos del itinerario cumplidos: vivienda propia y empleo estable.",
    "Alta terapéutica: se incorpora al domicilio familiar con seguimiento ambulatorio.",
    "Cumple los objetivos pactados; continúa el seguimiento ambulatorio.",
)
THERAPEUTIC_REASONS_YOUNG = (
    "Objetivos cumplidos: vuelve con su familia y retoma los estudios.",
    "Alta terapéutica: vuelve al domicilio familiar con seguimiento ambulatorio.",
)
DERIVED_REASONS = (
    "Derivado/a a comunidad terapéutica por recaída.",
    "Ingreso hospitalario de larga duración.",
    "Derivado/a a recurso de salud mental.",
    "Ingreso en prisión por causa anterior.",
)
VOLUNTARY_REASONS = ("Alta voluntaria a petición propia.",)
ABANDONMENT_REASONS = (
    "Decide volver al domicilio familiar antes de terminar el programa.",
    "No acepta las normas de convivencia.",
    "Consumo y abandono del recurso.",
    "Traslado a otra ciudad por motivos laborales.",
)
DISCIPLINARY_REASONS = {
    DisciplinaryCriterion.VIOLENCE: "Agresión física a un compañero.",
    DisciplinaryCriterion.DRUGS: "Introduce cocaína en el recurso.",
    DisciplinaryCriterion.REPEATED_POSITIVES: "Tres controles positivos tras salidas terapéuticas.",
    DisciplinaryCriterion.UNAUTHORISED_ABSENCE: "Pasa dos noches fuera sin autorización.",
}
JUSTIFICATIONS = (
    "Pendiente de la adjudicación de una vivienda social; acordado con el centro de "
    "referencia prolongar la estancia hasta la firma del contrato.",
    "Contrato de trabajo recién iniciado: el centro de referencia y el equipo acuerdan "
    "prolongar la estancia hasta consolidar la autonomía económica.",
)
INCOMPLETE_CAUSES = (
    "Falta la radiografía de tórax y las tres baciloscopias (R-REF-2).",
    "Falta el test de embarazo reciente (R-REF-3).",
    "Falta la firma de la persona usuaria en el protocolo.",
    "Falta el informe social del centro de referencia.",
)
FIX_NOTES = (
    "Se aportan la radiografía de tórax y las baciloscopias.",
    "Se aporta test de embarazo negativo de la semana pasada.",
    "Se recibe el protocolo firmado.",
    "Se recibe el informe social.",
)
POSTPONE_NOTES = {
    PostponementReason.FAMILY: "Cuidado de un familiar enfermo.",
    PostponementReason.HEALTH: "Intervención quirúrgica programada.",
}
KEEP_DECISION = (
    "La familia sigue necesitando su cuidado; el centro de referencia pide mantener el protocolo."
)
WITHDRAWAL_REASON = "Pasados 3 meses sigue sin poder ingresar; el centro derivador lo retira."
COURT_ORDER_NOTES = {
    "andalucia": "Auto del {court}: ingreso en VAR como medida alternativa. Se informa al "
    "juzgado del recurso y del procedimiento ordinario de ingreso.",
    "cdmx": "Oficio del {court}: ingreso en el programa como condición de la libertad "
    "anticipada. Se informa al juzgado del recurso y del procedimiento de ingreso.",
}
CONSULTED_NOTES = (
    "Consultado el centro de referencia: prefiere esta plaza por cercanía a la familia.",
    "Consultada la trabajadora social del centro derivador: acepta esta plaza.",
)
RESIGNATION_REASONS = (
    "Renuncia: prefiere seguir el tratamiento ambulatorio desde su domicilio.",
    "Renuncia: ha encontrado trabajo en otra ciudad.",
    "Renuncia a la plaza por motivos familiares.",
)
NOT_LOCATED_NOTE = "No localizado/a en 2 días desde la asignación; pierde el turno."
OUTING_PURPOSES = (
    "Fin de semana con la familia.",
    "Visita al domicilio familiar.",
    "Búsqueda de vivienda.",
    "Entrevistas de trabajo.",
)
EXCEPTIONAL_PURPOSES = ("Sepelio de un familiar.", "Acompañamiento a un familiar hospitalizado.")
INCIDENTS = (
    ("Regresa dos horas tarde de la salida sin avisar.", "leve"),
    ("Discusión con un compañero por las tareas de la casa.", "leve"),
    ("No acude a la cita del centro de tratamiento sin justificar.", "leve"),
)
EMPLOYED_ORIGINS = ("Contrato a media jornada", "Contrato temporal de jornada completa")
OTHER_ORIGINS = ("Subsidio por desempleo", "Pensión no contributiva")
FAMILY_CIRCUMSTANCES = (
    "Sin cargas familiares.",
    "Aporta una pensión de alimentos a un hijo menor.",
    "Ayuda económica puntual a su madre.",
)
SUBSTANCES = ("cocaína", "cannabis", "opiáceos", "benzodiacepinas")
