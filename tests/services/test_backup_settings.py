"""Ajustes de las copias (issue 11): the rotation (7/4/12) and the second place's reminder
(7 days) are the installation's, changed by an administrator through the unit of work
(audited), refused with a Spanish message outside their bounds; pruning uses them."""

from datetime import UTC, datetime, timedelta

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.domain.errors import PermissionDenied, ValidationError
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.backup_views import BackupKind, BackupSettings, RotationPolicy
from reinsercion_desktop.services.backups import BackupService


@pytest.fixture
def backups(workspace, admin) -> BackupService:  # type: ignore[no-untyped-def]
    return BackupService(workspace)


def test_the_defaults_are_7_4_12_and_7(backups) -> None:  # type: ignore[no-untyped-def]
    assert backups.settings() == BackupSettings(7, 4, 12, 7)
    assert backups.policy == RotationPolicy(7, 4, 12)


def test_an_administrator_changes_them_and_the_change_is_audited(workspace, backups, admin) -> None:  # type: ignore[no-untyped-def]
    saved = backups.save_settings(admin, BackupSettings(3, 2, 6, 14))
    assert saved == BackupSettings(3, 2, 6, 14)
    assert BackupService(workspace).settings() == saved  # stored, not kept in the service
    with workspace.db.read() as session:
        installation = queries.local_installation(session=session)
    assert (installation.backup_keep_daily, installation.backup_reminder_days) == (3, 14)
    changed = [
        line
        for line in audit_lines(workspace.db)
        if line.entity == "installation" and "backup_keep_daily" in line.changes
    ]
    assert [line.login for line in changed] == [admin.login]


@pytest.mark.parametrize(
    ("settings", "field", "words"),
    [
        (BackupSettings(keep_daily=0), "keep_daily", "Copias diarias guardadas va de 1 a 60: 0"),
        (BackupSettings(keep_weekly=53), "keep_weekly", "de 1 a 52: 53"),
        (BackupSettings(keep_monthly=121), "keep_monthly", "de 1 a 120: 121"),
        (BackupSettings(reminder_days=-1), "reminder_days", "de 1 a 90: -1"),
    ],
)
def test_out_of_bounds_is_refused_and_nothing_changes(
    backups, admin, settings, field, words
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        backups.save_settings(admin, settings)
    assert words in refused.value.problems[field]
    assert backups.settings() == BackupSettings()


def test_only_an_administrator_changes_them(backups, tecnico) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        backups.save_settings(tecnico, BackupSettings(3, 2, 6, 14))
    assert backups.settings() == BackupSettings()


def test_rotation_uses_the_stored_numbers(workspace, backups, admin, clock) -> None:  # type: ignore[no-untyped-def]
    backups.save_settings(admin, BackupSettings(keep_daily=3, keep_weekly=1, keep_monthly=1))
    clock.current = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday, the month's first
    for _day in range(12):
        backups.automatic(admin)
        clock.current += timedelta(days=1)
    left = backups.list(admin)
    counts = {kind: sum(1 for v in left if v.kind is kind) for kind in BackupKind}
    assert counts[BackupKind.DAILY] == 3  # the stored 3, not the default 7
    assert counts[BackupKind.WEEKLY] == 1 and counts[BackupKind.MONTHLY] == 1
    backups.save_settings(admin, BackupSettings(keep_daily=1, keep_weekly=1, keep_monthly=1))
    backups.prune()
    assert sum(1 for v in backups.list(admin) if v.kind is BackupKind.DAILY) == 1
