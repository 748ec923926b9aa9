"""Retention (SPEC §10, issue 11): the setting, and closed files listed for review."""

import pytest

from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService


def test_retention_years_default_to_five_and_are_kept_between_1_and_50(workspace, admin):  # type: ignore[no-untyped-def]
    service = CentreSettingsService(workspace.db)
    draft = CentreDraft.of(service.centre())
    assert draft.retention_years == 5
    draft.retention_years = 8
    assert service.update_centre(admin, draft).retention_years == 8
    for wrong in (0, 51, -3):
        draft.retention_years = wrong
        with pytest.raises(ValidationError) as refused:
            service.update_centre(admin, draft)
        assert "Ley 41/2002" in refused.value.problems["retention_years"]
    assert service.centre().retention_years == 8
