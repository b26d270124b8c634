"""Register fixtures: units, users of each role, and a factory registering documents."""

import datetime

import pytest

from inspection.register import operations
from inspection.workdays import WorkCalendar

TODAY = datetime.date(2026, 11, 27)
CAL = WorkCalendar()


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY.isoformat()
    return app


@pytest.fixture
def units(make_unit):
    return {
        "kl": make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL"),
        "tl": make_unit(name="Chi cục Thủy lợi", abbreviation="CCTL"),
        "vp": make_unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong"),
    }


@pytest.fixture
def users(make_user, units):
    return {
        "tracker": make_user(roles=["tracking_officer"], username="theodoi", unit=units["vp"]),
        "chief": make_user(roles=["chief_of_office"], username="chanhvp", unit=units["vp"]),
        "director": make_user(roles=["director"], username="giamdoc", unit=units["vp"]),
        "kl_officer": make_user(roles=["unit_officer"], username="canbokl", unit=units["kl"]),
        "tl_officer": make_user(roles=["unit_officer"], username="canbotl", unit=units["tl"]),
        "secret_tracker": make_user(roles=["tracking_officer"], username="baomat", unit=units["vp"], clearance=True),
    }


@pytest.fixture
def register_doc(users, units):
    """Register a document (ordinary by default) with tasks; returns (doc, tasks)."""
    counter = iter(range(1, 10_000))

    def factory(tasks=None, user=None, **doc_overrides):
        n = next(counter)
        doc = dict(
            number_symbol=f"{100 + n}/UBND-NNTN",
            doc_type="cong_van",
            issuer_kind="ubnd_tinh",
            issuer_name="",
            signer="Nguyễn Văn A",
            issued_on=datetime.date(2026, 11, 20),
            received_on=datetime.date(2026, 11, 23),
            channel="eoffice",
            abstract="Về việc đầu tư hạ tầng thủy lợi",
            secret_level="",
            is_complex=False,
        )
        doc.update(doc_overrides)
        if tasks is None:
            tasks = [
                dict(
                    summary="Tham mưu báo cáo hạ tầng thủy lợi",
                    lead_unit=units["tl"],
                    deadline=datetime.date(2026, 12, 15),
                )
            ]
        return operations.register_document(user or users["tracker"], doc, tasks, CAL, on=TODAY)

    return factory
