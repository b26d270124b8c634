"""Issue 11, first run: no document is issued before an administrator confirms the agency profile."""

import datetime

from inspection import settings
from inspection.documents import kinds, operations
from inspection.documents.models import ISSUED, OutgoingDocument

DAY = datetime.date(2026, 3, 2)
PROFILE = {
    "parent_agency": "UBND TỈNH QUẢNG NGÃI",
    "agency_name": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "agency_abbr": "SNNMT",
    "place_name": "Quảng Ngãi",
    "director_name": "Nguyễn Văn A",
    "deputy_names": "Trần Văn B",
    "office_chief_name": "Lê Thị C",
}


def _real_installation(app):
    app.config["ORG_PROFILE_CHECK"] = True  # as outside tests (TESTING off)
    app.config["TODAY"] = DAY.isoformat()


def test_issue_is_refused_until_the_profile_is_confirmed_with_a_link_to_it(app, client, chief, make_user, login):
    _real_installation(app)
    doc = operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief)
    login(client, make_user(roles=["director"]).username)  # issue 14: only the signer issues directly
    response = client.post(f"/documents/{doc.id}/issue", data={"issued_on": "2026-03-02", "signer": "director"})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "chưa xác nhận thông tin cơ quan" in page and 'href="/admin/org"' in page
    fresh = OutgoingDocument.get_by_id(doc.id)
    assert fresh.state == "draft" and fresh.number is None  # nothing half-written, no number taken
    assert not list(fresh.rounds)  # the round to himself is withdrawn (issue 14)


def test_administrator_home_asks_for_the_profile_until_saved_then_issuing_works(app, client, make_user, login, chief):
    _real_installation(app)
    login(client, make_user(roles=["admin"]).username)
    assert 'id="org-profile-request"' in client.get("/").get_data(as_text=True)
    assert client.post("/admin/org", data=PROFILE).status_code == 302
    assert settings.get("org.confirmed") is True
    assert 'id="org-profile-request"' not in client.get("/").get_data(as_text=True)
    doc = operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief)
    assert operations.issue(doc, chief, issued_on=DAY).state == ISSUED


def test_demo_seed_confirms_its_profile(app, demo):
    _real_installation(app)
    assert settings.get("org.confirmed") is True
    assert not settings.profile_unconfirmed()
