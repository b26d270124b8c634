import datetime
import io

import pytest

from inspection.workdays import WorkCalendar


@pytest.fixture
def cal():
    """The real working-day calendar with the shipped corrections."""
    return WorkCalendar()


D = datetime.date


def on(day):
    """Make `day` the application's today (the issue date is the day of issue) and return it."""
    from flask import current_app

    current_app.config["TODAY"] = day.isoformat()
    return day


@pytest.fixture
def world(app, make_unit, make_user):
    """Units, people and register tasks for an inspection of Chi cục Kiểm lâm in 2026."""
    from inspection.calendar.service import current_calendar
    from inspection.register import operations as reg

    app.config["TODAY"] = "2026-04-15"
    kl = make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL", kind="chi_cuc")
    tl = make_unit(name="Chi cục Thủy lợi", abbreviation="CCTL", kind="chi_cuc")
    vp = make_unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong")
    people = {
        "chief": make_user(
            roles=["chief_of_office"], unit=vp, full_name="Phạm Minh Tuấn", title="Chánh Văn phòng Sở", username="cvp"
        ),
        "director": make_user(
            roles=["director"], unit=vp, full_name="Nguyễn Tấn Liêm", title="Giám đốc Sở", username="gd"
        ),
        "deputy": make_user(
            roles=["deputy_director"], unit=vp, full_name="Trần Văn Hùng", title="Phó Giám đốc Sở", username="pgd"
        ),
        "leader": make_user(
            roles=["tracking_officer"],
            unit=vp,
            full_name="Lê Thị Hạnh",
            gender="Bà",
            title="Phó Chánh Văn phòng Sở",
            username="truongdoan",
        ),
        "member": make_user(
            roles=["unit_officer"],
            unit=tl,
            full_name="Đỗ Văn Nam",
            title="Chuyên viên Chi cục Thủy lợi",
            username="thanhvien",
        ),
        "kl_head": make_user(
            roles=["unit_head"], unit=kl, full_name="Lê Văn Sơn", title="Chi cục trưởng", username="cctkl"
        ),
        "kl_officer": make_user(
            roles=["unit_officer"], unit=kl, full_name="A Tuấn", title="Chuyên viên", username="cbkl"
        ),
        "tl_officer": make_user(
            roles=["unit_officer"], unit=tl, full_name="Y Liên", title="Chuyên viên", username="cbtl"
        ),
    }
    cal = current_calendar()
    doc_data = {
        "number_symbol": "125/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_kind": "ubnd_tinh",
        "issuer_name": "",
        "issued_on": D(2026, 1, 5),
        "received_on": D(2026, 1, 6),
        "channel": "eoffice",
        "abstract": "Về bảo vệ và phát triển rừng năm 2026",
        "secret_level": "",
        "is_complex": False,
    }
    tasks_data = [
        {
            "summary": "Xây dựng phương án phòng cháy, chữa cháy rừng mùa khô",
            "lead_unit": kl,
            "deadline": D(2026, 2, 28),
            "registered_on": D(2026, 1, 9),
        },  # registered late (R-6.1b)
        {
            "summary": "Rà soát hiện trạng rừng và đất lâm nghiệp",
            "lead_unit": kl,
            "deadline": D(2026, 3, 31),
            "registered_on": D(2026, 1, 7),
        },
        {
            "summary": "Kiểm tra công trình thủy lợi trước mùa mưa",
            "lead_unit": tl,
            "deadline": D(2026, 3, 15),
            "registered_on": D(2026, 1, 7),
        },
    ]
    doc, tasks = reg.register_document(people["chief"], doc_data, tasks_data, cal, on=D(2026, 1, 7))
    # done late (deadline 31/03), result entered 10/04: late entry too (R-6.3b)
    reg.complete_task(
        people["chief"],
        tasks[1],
        D(2026, 4, 2),
        "Đã rà soát xong",
        "45/BC-CCKL",
        D(2026, 4, 2),
        tasks[1].version,
        on=D(2026, 4, 10),
    )
    return {"units": {"kl": kl, "tl": tl, "vp": vp}, "people": people, "tasks": tasks, "doc": doc}


def pdf_text(stored):
    import unicodedata

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(stored.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def docx_text(stored):
    import docx

    d = docx.Document(io.BytesIO(stored.read_bytes()))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return " ".join(" ".join(parts).split())
