"""`reinsercion check`: a healthy workspace is ok; damage is reported in Spanish."""

from contextlib import closing

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.check import check_workspace

TABLES = {
    "installation",
    "vivienda",
    "vivienda_year",
    "complaint",
    "referring_centre",
    "user_account",
    "participant",
    "attachment",
    "consent_record",
    "form_instance",
    "issued_pdf",
    "referral",
    "referral_event",
    "stay",
    "outing",
    "tox_control",
    "incident",
    "economic_contribution",
    "reintegration_plan",
    "plan_objective",
    "plan_activity",
    "plan_review",
    "interview",
    "coordination_contact",
    "case_conference",
    "employment_placement",
    "job_follow_up",
    "resource",
    "resource_referral",
    "audit_log",
    "peer",
}


def test_check_of_an_empty_workspace(workspace):
    report = check_workspace(workspace)
    assert report.ok
    assert report.problems == []
    assert report.revision == migrate.HEAD_REVISION
    assert report.counts == dict.fromkeys(TABLES, 0)


def test_check_of_a_healthy_workspace_counts_each_table(
    workspace, admin, participants, make_draft, tmp_path
):
    person = participants.create(admin, make_draft())
    participants.open(admin, person.id)
    scan = tmp_path / "informe.txt"
    scan.write_text("informe", encoding="utf-8")
    AttachmentService.of(workspace).add(admin, person.id, scan)

    report = check_workspace(workspace)
    assert report.ok, report.problems
    assert report.revision == migrate.HEAD_REVISION
    assert set(report.counts) == TABLES
    assert report.counts == {
        "installation": 1,
        "peer": 0,
        "vivienda": 2,
        "vivienda_year": 0,
        "complaint": 0,
        "referring_centre": 0,
        "user_account": 1,
        "participant": 1,
        "attachment": 1,
        "consent_record": 0,
        "form_instance": 0,
        "issued_pdf": 0,
        **dict.fromkeys(
            (
                "referral",
                "referral_event",
                "stay",
                "outing",
                "tox_control",
                "incident",
                "economic_contribution",
                "reintegration_plan",
                "plan_objective",
                "plan_activity",
                "plan_review",
                "interview",
                "coordination_contact",
                "case_conference",
                "employment_placement",
                "job_follow_up",
                "resource",
                "resource_referral",
            ),
            0,
        ),
        # initialize: installation + admin + 2 viviendas; then create, read, attachment.
        "audit_log": 7,
    }


def test_check_reports_a_tampered_audit_log(workspace, admin):
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET actor_login = 'otra' WHERE seq = 2")
        connection.commit()
    report = check_workspace(workspace)
    assert not report.ok
    assert any("auditoría" in problem and "2" in problem for problem in report.problems)


def test_check_reports_a_broken_reference(workspace, admin, participants, make_draft):
    person = participants.create(admin, make_draft())
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(
            "UPDATE participant SET vivienda_id = 'no-existe' WHERE id = ?", (person.id,)
        )
        connection.commit()
    report = check_workspace(workspace)
    assert not report.ok
    assert any("participant" in problem and "vivienda" in problem for problem in report.problems)
