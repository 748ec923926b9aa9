"""The writes a protocol's steps share, in the referral and waiting-list services.

A step changes the status (when the transition is allowed) and appends its history
event in the caller's unit of work; closing takes the protocol out of the list for good.
`returns_view` gives back, once committed, the protocol as screens read it.
"""

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from reinsercion_desktop.db.models import Participant, Referral, ReferralEvent
from reinsercion_desktop.domain.enums import ParticipantStatus, ReferralStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.referral_rules import transition_problem
from reinsercion_desktop.services.referral_views import ReferralView

NOTE_LIMIT = 400


def get_referral(work, referral_id: str) -> Referral:  # type: ignore[no-untyped-def]
    referral = work.get(Referral, referral_id)
    if referral is None:
        raise NotFoundError("La derivación ya no existe.")
    return referral


def require_step(referral: Referral, status: ReferralStatus) -> None:
    problem = transition_problem(referral.status, status)
    if problem:
        raise UserError(problem)


def record_step(work, referral: Referral, status: ReferralStatus, note: str = "") -> None:  # type: ignore[no-untyped-def]
    """Change the status (if allowed) and append the history event, in the caller's unit of work."""
    require_step(referral, status)
    referral.status = status.value
    work.add(
        ReferralEvent(
            referral_id=referral.id,
            on_date=work.clock.today(),
            status=status.value,
            note=note.strip()[:NOTE_LIMIT],
        )
    )


def required_text(value: str, field_name: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError({field_name: message})
    if len(text) > NOTE_LIMIT:
        raise ValidationError(
            {field_name: f"Demasiado largo: el máximo es {NOTE_LIMIT} caracteres."}
        )
    return text


def set_participant_status(work, participant_id: str, status: ParticipantStatus) -> None:  # type: ignore[no-untyped-def]
    """Keep the file's circuit status in step, without touching residents or discharged files."""
    participant = work.get(Participant, participant_id)
    if participant is not None and participant.status in (
        ParticipantStatus.REFERRED,
        ParticipantStatus.WAITING,
    ):
        participant.status = status.value


def close(work, referral: Referral, status: ReferralStatus, reason: str) -> None:  # type: ignore[no-untyped-def]
    """Resign, not located, withdrawn: the protocol leaves the list for good."""
    record_step(work, referral, status, reason)
    referral.closed_date = work.clock.today()
    referral.closed_reason = reason
    set_participant_status(work, referral.participant_id, ParticipantStatus.REFERRED)


def record_incomplete(work, referral: Referral, cause: str) -> None:  # type: ignore[no-untyped-def]
    record_step(work, referral, ReferralStatus.INCOMPLETE, cause)
    referral.incomplete_cause = cause
    referral.fixed_date = None
    referral.fix_note = ""


class ReadsReferrals(Protocol):
    def get(self, referral_id: str) -> ReferralView: ...


P = ParamSpec("P")
S = TypeVar("S", bound=ReadsReferrals)


def returns_view(
    step: Callable[Concatenate[S, P], Referral],
) -> Callable[Concatenate[S, P], ReferralView]:
    """A step writes the stored referral in its unit of work; once committed (stamps and
    version final) it returns the protocol as screens read it."""

    @functools.wraps(step)
    def run(service: S, *args: P.args, **kwargs: P.kwargs) -> ReferralView:
        return service.get(step(service, *args, **kwargs).id)

    return run
