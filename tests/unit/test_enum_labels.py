"""Every closed vocabulary shows its own Spanish label, even where two share a stored value."""

from reinsercion_desktop.domain import enums
from reinsercion_desktop.domain.enums import (
    FormStatus,
    ParticipantStatus,
    PlanArea,
    Priority,
    ReferralStatus,
    ServiceKind,
)


def _vocabularies() -> list[type[enums.LabelledEnum]]:
    return enums.LabelledEnum.__subclasses__()


def test_every_member_has_a_label():
    for vocabulary in _vocabularies():
        for member in vocabulary:
            assert member.label.strip(), member


def test_members_sharing_a_value_keep_their_own_label():
    # "alta" is a discharged person and a high priority; they must not borrow each other's words.
    assert ParticipantStatus.DISCHARGED.value == Priority.HIGH.value
    assert ParticipantStatus.DISCHARGED.label == "De alta"
    assert Priority.HIGH.label == "Alta"
    assert PlanArea.FAMILY.label == "Familiar" and ServiceKind.OTHER.label == "Otro servicio"
    assert FormStatus.DRAFT.label == ReferralStatus.DRAFT.label == "Borrador"


def test_choices_are_value_label_pairs_in_declaration_order():
    assert Priority.choices() == [("alta", "Alta"), ("media", "Media"), ("baja", "Baja")]
