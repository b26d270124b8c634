"""Security fixtures: one user per role without clearance, and a secret world to look for (R-5.2)."""

import datetime
from types import SimpleNamespace

import pytest

from inspection import settings
from inspection.accounts import roles
from inspection.register import operations
from inspection.workdays import WorkCalendar

TODAY = datetime.date(2026, 11, 27)
CAL = WorkCalendar()
D = datetime.date

# What a secret record holds, each written so that it cannot appear on a page by chance.
SECRET_NUMBER = "4711/QĐ-MẬTZ"
SECRET_DEADLINE = D(2027, 3, 17)
SECRET_NEW_DEADLINE = D(2027, 4, 21)
SECRET_MARKERS = (
    "4711/QĐ",
    "2027-03-17",
    "17/03/2027",
    "2027-04-21",
    "21/04/2027",
    "tuyet_mat",
    "Tuyệt mật",
    "Tiến độ mật ZQX",
    "Cờ mật ZQY",
    "Người cho phép mật ZQV",
)


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY.isoformat()
    return app


@pytest.fixture
def office(make_unit):
    return make_unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong")


@pytest.fixture
def uncleared(make_user, office):
    """{role: a user holding only that role, without clearance} — every role of SPEC.md."""
    return {role: make_user(roles=[role], username=f"u_{role}", unit=office) for role in roles.ALL}


@pytest.fixture
def cleared(make_user, office):
    """Users with clearance: a secret-register officer and a director who reads the change log."""
    return SimpleNamespace(
        tracker=make_user(roles=[roles.TRACKER], username="baomat", unit=office, clearance=True),
        director=make_user(roles=[roles.DIRECTOR], username="giamdoc_mat", unit=office, clearance=True),
    )


def _doc(number, secret_level, abstract):
    return dict(
        number_symbol=number,
        doc_type="cong_van",
        issuer_kind="ubnd_tinh",
        issuer_name="",
        signer="",
        issued_on=D(2026, 11, 20),
        received_on=D(2026, 11, 23),
        channel="giay",
        abstract=abstract,
        secret_level=secret_level,
        is_complex=False,
    )


@pytest.fixture
def secret_world(cleared, make_unit, office):
    """An offline installation (secret content allowed) with a secret task and its children."""
    from inspection.documents import kinds
    from inspection.documents import operations as documents

    settings.set_value("installation.offline", True, cleared.tracker)
    unit = make_unit(name="Ban chuyên trách riêng", abbreviation="BCT")
    doc, (task,) = operations.register_document(
        cleared.tracker,
        _doc(SECRET_NUMBER, "tuyet_mat", "Trích yếu mật ZQW"),
        [dict(summary="Nhiệm vụ mật ZQU", lead_unit=unit, deadline=SECRET_DEADLINE)],
        CAL,
        on=TODAY,
    )
    update = operations.record_progress(cleared.tracker, task, unit, TODAY, "Tiến độ mật ZQX")
    operations.flag_update(cleared.tracker, update, "Cờ mật ZQY")
    task = type(task).get_by_id(task.id)
    operations.extend_deadline(
        cleared.tracker, task, SECRET_NEW_DEADLINE, "Người cho phép mật ZQV", "Công văn mật", task.version
    )
    outgoing = documents.create_draft(
        "inspection_decision", kinds.get("inspection_decision").sample, cleared.tracker, secret=True
    )
    ordinary_doc, (ordinary_task,) = operations.register_document(
        cleared.tracker,
        _doc("15/UBND-NN", "", "Về việc thường"),
        [dict(summary="Nhiệm vụ thường", lead_unit=unit, deadline=D(2026, 12, 15))],
        CAL,
        on=TODAY,
    )
    return SimpleNamespace(
        doc=doc,
        task=task,
        update=update,
        outgoing=outgoing,
        unit=unit,
        ordinary_doc=ordinary_doc,
        ordinary_task=ordinary_task,
        records=[
            ("directive_document", doc.id),
            ("task", task.id),
            ("progress_update", update.id),
            ("outgoing_document", outgoing.id),
        ],
    )
