"""The dossier demo seed: a complete archived dossier for the notified case, a partial one
for the case in progress; then the full check the issue asks for on that dossier."""

import pytest

from inspection.dossier import archive, demo, operations, rules
from inspection.dossier.models import Dossier
from tests.readback import flat, pdf_pages

pytestmark = pytest.mark.db


def test_R_17_demo_seed_closes_and_archives_the_notified_case(app, notified_case, chief, make_unit):
    from inspection.cases import rules as case_rules
    from inspection.cases.models import InspectionCase

    # Written directly: a case in progress without its issued decision, which the demo seed of
    # the dossier part must treat as partial; the operations would render a decision first.
    running = InspectionCase.create(title="Kiểm tra Chi cục Thủy lợi", state=case_rules.IN_PROGRESS)
    ctx = demo.seed({"users": {"chanhvanphong": chief}, "units": {}})
    closed = Dossier.get(Dossier.case == notified_case)
    partial = Dossier.get(Dossier.case == running)
    assert closed.is_closed and closed.archived_at and closed.page_count > 10
    assert not partial.is_closed and [n for n, _ in operations.missing(partial)] == [1, 2, 4, 5, 6, 7]
    assert ctx["users"]["luutru"].has_role("archivist")
    report = archive.verify_all(app.config["ARCHIVE_DIR"], expected=[closed.package_name])
    assert report.ok
    pages = pdf_pages(f"{app.config['ARCHIVE_DIR']}/packages/{closed.package_name}/data/ho-so.pdf")
    assert len(pages) == closed.page_count
    last = flat(pages[-1])
    assert f"{closed.page_count:02d} tờ (viết bằng chữ: {rules.number_to_words(closed.page_count)} tờ)" in last


def test_R_17_full_demo_closed_case_has_archived_dossier_and_running_case_a_partial_one(demo, app):
    """`flask seed-demo`: build the dossier from the demo case, check it, verify its bag."""
    from inspection.cases import rules as case_rules

    closed = [d for d in demo["dossiers"] if d.is_closed]
    partial = [d for d in demo["dossiers"] if not d.is_closed]
    assert closed and partial
    for d in closed:
        assert d.case.state == case_rules.CLOSED and d.archived_at
        numbers = {it.component for it in operations.active_items(d)}
        assert {1, 5, 6, 7} <= numbers
    assert any(operations.missing(d) for d in partial)
    report = archive.verify_all(app.config["ARCHIVE_DIR"], expected=[d.package_name for d in closed])
    assert report.ok and len(report.checks) == len(closed) + len(demo["paper_dossiers"])  # issue 17: 2 paper
