"""What each deadline says: the text of a Pendientes item, written from its facts only
when it is read (a list of tens of thousands shows a few dozen at a time).

One writer per wording; each takes the item (`Deadline`) and reads its `facts` (one
value or a tuple, as the rule that made it put them) and its dates.
"""

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.deadlines import (
    ADMISSION_MAX_DAYS,
    ANEXO_VI_DAYS,
    NOT_LOCATED_DAYS,
    THERAPEUTIC_NOTICE_DAYS,
    Deadline,
    month_label,
)
from reinsercion_desktop.domain.stay_rules import MAX_STAY_MONTHS, OUTING_MIN_DAYS

_d = format_date_es


# -- the circuit ------------------------------------------------------------------------------


def anexo_iv_text(item: Deadline) -> str:
    adaptation_days, admitted = item.facts
    return (
        "Anexo IV (informe de integración-evolución) al centro derivador: termina el periodo "
        f"de adaptación ({adaptation_days} días desde el ingreso del {_d(admitted)})."
    )


def anexo_v_text(item: Deadline) -> str:
    planned = item.facts
    return (
        "Anexo V (informe de evolución) al centro derivador: dos meses antes del alta "
        f"terapéutica prevista el {_d(planned)}."
    )


def notice_ahead_text(item: Deadline) -> str:
    planned = item.facts
    return (
        f"Comunicar a la oficina el alta terapéutica prevista el {_d(planned)} "
        f"({THERAPEUTIC_NOTICE_DAYS} días antes), para que asigne el siguiente protocolo."
    )


def notice_late_text(item: Deadline) -> str:
    discharged = item.facts
    return (
        f"Comunicar a la oficina el alta terapéutica del {_d(discharged)} "
        f"(debía avisarse {THERAPEUTIC_NOTICE_DAYS} días antes)."
    )


def notice_now_text(item: Deadline) -> str:
    label, discharged = item.facts
    return (
        f"Comunicar de inmediato a la oficina y al centro derivador el alta {label} "
        f"del {_d(discharged)}."
    )


def nine_months_text(item: Deadline) -> str:
    limit = item.due
    return (
        f"La estancia supera los {MAX_STAY_MONTHS} meses el {_d(limit)}: falta la "
        "justificación por escrito, que se comunica a la oficina."
    )


def few_outings_text(item: Deadline) -> str:
    planned, taken = item.due, item.facts
    return (
        f"Alta prevista el {_d(planned)} con {taken} días de salidas terapéuticas disfrutados: "
        f"el programa prevé al menos {OUTING_MIN_DAYS}."
    )


def anexo_vi_text(item: Deadline) -> str:
    to_office, label, discharged = item.facts
    return (
        f"Anexo VI (informe de alta) al centro derivador{' y a la oficina' if to_office else ''}: "
        f"alta {label} del {_d(discharged)}, en {ANEXO_VI_DAYS} días."
    )


def admission_after_text(item: Deadline) -> str:
    where, discharged = item.facts
    return (
        f"Ingreso{where} en 1 a {ADMISSION_MAX_DAYS} días desde el alta del {_d(discharged)}: "
        "registre el ingreso o la renuncia."
    )


def admission_text(item: Deadline) -> str:
    where, planned = item.facts, item.due
    return (
        f"Proceso de admisión: ingreso previsto{where} el {_d(planned)}; registre el ingreso "
        "o la renuncia."
    )


def not_located_text(item: Deadline) -> str:
    assigned = item.facts
    return (
        f"Si no se ha localizado a la persona en {NOT_LOCATED_DAYS} días desde la asignación "
        f"({_d(assigned)}), márquela «no localizada» y asigne el siguiente protocolo."
    )


def anexo_iii_text(item: Deadline) -> str:
    return f"Anexo III (informe de usuarios/as de VAR) de {month_label(item.period)} a la oficina."


# -- case management ------------------------------------------------------------------------


def appointment_text(item: Deadline) -> str:
    time, held = item.facts
    at = f" {time}" if time else ""
    return f"Cita de seguimiento{at} (fijada en la entrevista del {_d(held)})."


def objective_text(item: Deadline) -> str:
    return (
        f"Objetivo del plan: «{item.facts}» (plazo {_d(item.due)}): actualice su estado o "
        "revise el plazo."
    )


def review_text(item: Deadline) -> str:
    return f"Revisión del plan (versión {item.facts}) prevista el {_d(item.due)}."


def task_text(item: Deadline) -> str:
    task, owner = item.facts
    return (
        f"Tarea de la mesa de casos: {task or 'sin descripción'} "
        f"(responsable: {owner or 'sin asignar'})."
    )


def job_text(item: Deadline) -> str:
    employer, last, start = item.facts
    since = f"el último fue el {_d(last)}" if last else f"empezó a trabajar el {_d(start)}"
    return f"Seguimiento mensual del puesto de trabajo en {employer} ({since})."
