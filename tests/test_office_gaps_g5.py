"""Issue 14, the gaps an audit found: the archivist's home lists closed dossiers waiting for their
package, signing a case document releases it to the inspected units, the outgoing register names
who submitted each document, and no command line or English reaches the screens."""

import re

import lxml.html
import pytest
from flask import current_app

from inspection.dossier.models import Dossier
from tests.security.test_fuzz import ROLES


def _archive_widget(client):
    home = client.get("/").get_data(as_text=True)
    start = home.index('id="widget-archive"')
    return home[start : home.index("</div></div>", start)]


def test_issue_14_the_archivist_home_lists_a_closed_dossier_until_it_is_archived(
    app, client, login, chief, dossier, make_user
):
    """R-17: a dossier closed and not yet packaged waits on the archivist's home; once archived it leaves."""
    from inspection.dossier import operations

    archivist = make_user(roles=["archivist"], full_name="Nguyễn Thị Lưu")
    login(client, archivist.username)
    assert dossier.code not in _archive_widget(client)
    huey = current_app.extensions["huey"]
    huey.immediate = False  # the package is written by the queue, as in production
    try:
        operations.close(dossier, chief)
        closed = Dossier.get_by_id(dossier.id)
        assert closed.is_closed and closed.archived_at is None
        widget = _archive_widget(client)
        assert "1 hồ sơ đã đóng đang chờ lập gói lưu trữ" in widget and closed.code in widget
        huey.execute(huey.dequeue())  # the queued archiving runs
    finally:
        huey.immediate = True
    assert Dossier.get_by_id(dossier.id).archived_at is not None
    widget = _archive_widget(client)
    assert closed.code not in widget and "Không có hồ sơ đã đóng nào đang chờ lập gói lưu trữ." in widget


# --- 4. signing releases the document to the inspected units (issue 14) ----------------------


def _inbox(user):
    from inspection.notifications.models import Notification

    return list(Notification.select().where(Notification.recipient == user.id).order_by(Notification.id))


def test_issue_14_the_director_signing_the_decision_tells_the_inspected_unit(app, login, world):
    """R-13: the Office submits the decision; once the Director signs, the inspected unit's head and
    officers have an unread message naming it, linking to their page of the case; no one else does."""
    from inspection.cases import issuing
    from inspection.documents import submission
    from tests.cases.test_walk import DIRECTOR, draft_case

    p = world["people"]
    case = draft_case(world)
    doc = issuing.submit_decision(case, p["chief"], DIRECTOR)
    assert doc.state == "submitted" and _inbox(p["kl_head"]) == []  # not before the signature
    signed = submission.sign(doc, p["director"])
    for person in (p["kl_head"], p["kl_officer"]):
        [note] = _inbox(person)
        assert note.read_at is None and note.link == f"/cases/{case.id}/unit"
        assert note.text.startswith(f"Quyết định số {signed.number_text} ngày ")
        assert "về việc kiểm tra việc thực hiện nhiệm vụ được giao tại Chi cục Kiểm lâm" in note.text
    assert _inbox(p["tl_officer"]) == [] and _inbox(p["member"]) == []  # Thủy lợi is not inspected
    client = app.test_client()
    login(client, p["kl_head"].username)
    assert client.get(f"/cases/{case.id}/unit").status_code == 200  # the link opens for him


def test_issue_14_a_signed_request_letter_reaches_only_the_units_addressed_with_its_due_date(world):
    """R-14.3: the công văn reaches the staff of the units it asks, with its due date."""
    import datetime

    from inspection.cases import issuing, work
    from inspection.cases import operations as ops
    from inspection.documents import submission
    from tests.cases.test_letters_signing import CHIEF
    from tests.cases.test_walk import decided_case
    from tests.factories import on

    p, u = world["people"], world["units"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    before = len(_inbox(p["kl_head"]))
    req = work.create_request(case, p["leader"], "báo cáo", datetime.date(2026, 4, 22), [u["kl"].id], "Báo cáo kết quả")
    on(datetime.date(2026, 4, 20))
    signed = submission.sign(issuing.issue_request(req, p["leader"], CHIEF), p["chief"])
    note = _inbox(p["kl_head"])[before]
    assert note.text == f"Công văn số {signed.number_text} ngày 20/04/2026 V/v báo cáo; hạn gửi 22/04/2026."
    assert note.link == f"/cases/{case.id}/unit#cong-van"


def test_issue_14_the_signed_notice_of_conclusions_reaches_the_inspected_unit(world):
    """R-16.2: the notice of conclusions is released to the inspected unit when it is signed."""
    import datetime

    from inspection.cases import issuing
    from tests.cases.test_walk import DIRECTOR, reported_case
    from tests.factories import on

    p = world["people"]
    case = reported_case(world)
    told = len(_inbox(p["kl_head"]))
    on(datetime.date(2026, 5, 8))
    notice = issuing.submit_notice(case, p["director"], DIRECTOR)
    [note] = _inbox(p["kl_head"])[told:]
    assert note.text.startswith(f"Thông báo số {notice.number_text} ngày 08/05/2026 kết luận kiểm tra")
    assert note.link == f"/cases/{case.id}/unit#thong-bao"


def test_issue_14_the_signed_extension_decision_reaches_the_inspected_unit(world):
    """R-13d: the decision extending the time limit is released to the inspected unit when it is signed."""
    import datetime

    from inspection.cases import letters
    from tests.cases.test_walk import DIRECTOR, ended_case
    from tests.factories import on

    p = world["people"]
    case = ended_case(world)
    on(datetime.date(2026, 4, 27))
    told = len(_inbox(p["kl_officer"]))
    extension = letters.submit_extension(case, p["director"], DIRECTOR, datetime.date(2026, 5, 5), "Hồ sơ chậm")
    [note] = _inbox(p["kl_officer"])[told:]
    assert note.text.startswith(f"Quyết định số {extension.number_text} ngày 27/04/2026 về việc gia hạn")
    assert note.link == f"/cases/{case.id}/unit"


# --- 5. "who submitted it" in the outgoing register (issue 14) ------------------------------


def test_issue_14_the_outgoing_register_and_its_excel_name_who_submitted_the_last_round(app, login, make_user):
    """R-13.1: drafted by the Chief of Office, returned, submitted again by a tracking officer and
    signed by the Director: the register's page and its Excel export name the officer as "Người trình"."""
    import datetime
    import io

    from openpyxl import load_workbook

    from inspection import settings
    from inspection.documents import kinds, operations, signers, submission

    app.config["TODAY"] = "2026-03-02"
    chief = make_user(roles=["chief_of_office"], full_name="Phạm Minh Tuấn")
    director = make_user(roles=["director"], full_name=settings.get_many("org.")["org.director_name"])
    officer = make_user(roles=["tracking_officer"], full_name="Võ Thị Trình")
    block = signers.signer_block(signers.DIRECTOR)
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    doc = submission.submit(doc, chief, block, director)
    doc = submission.return_for_changes(doc, director, "Bổ sung căn cứ.", round_no=1)
    signed = submission.sign(submission.submit(doc, officer, block, director), director, round_no=2)
    plain = operations.issue(
        operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief),
        chief,
        issued_on=datetime.date(2026, 3, 2),
    )  # issued without trình ký: no one submitted it
    client = app.test_client()
    login(client, chief.username)
    page = client.get("/documents/register?year=2026").get_data(as_text=True)
    head = page[page.index('id="register"') : page.index("</thead>")]
    assert "<th>Người soạn thảo</th><th>Người trình</th><th>Ký ban hành</th>" in head
    row = page[page.index(f"<td>{signed.number_text}</td>") :]
    row = row[: row.index("</tr>")]
    assert "<td>Phạm Minh Tuấn (PMT)</td>\n      <td>Võ Thị Trình</td>" in row
    ws = load_workbook(io.BytesIO(client.get("/documents/register.xlsx?year=2026").data)).active
    header = [c.value for c in ws[2]]
    assert header[-1] == "Người trình"
    by_number = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert by_number[signed.number_text][-1] == "Võ Thị Trình"
    assert by_number[plain.number_text][-1] in (None, "")


# --- 6. the README says what the screens say (issue 14) ---------------------------------------


def _readme():
    import pathlib
    import re

    return re.sub(r"\s+", " ", (pathlib.Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8"))


def test_issue_14_the_readme_names_the_admin_menu_and_the_stepper_buttons_as_shown():
    import re

    from inspection.cases import rules
    from inspection.navigation import ADMIN_MENU

    readme = _readme()
    labels = {label for label, _endpoint, _action in ADMIN_MENU}
    named = re.findall(r"Quản trị → ([^*]+)\*", readme)
    assert named and [n for n in named if n.strip() not in labels] == []
    stepper = readme[readme.index("**The case page as steps.**") :][:1200]
    assert f"*{rules.NEXT_LABELS['issue_decision']}*" in stepper and "*Ban hành quyết định kiểm tra*" not in readme
    assert "*Trình Giám đốc ký quyết định*" in readme


def test_issue_14_the_decision_button_names_the_director(app, client, login, world):
    """R-13.1: the Office's button submits the decision to the Director and says so."""
    from tests.cases.test_walk import draft_case

    case = draft_case(world)
    login(client, world["people"]["chief"].username)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    button = page[page.index('id="issue-decision"') :]
    assert button[button.index(">") + 1 : button.index("</button>")] == "Trình Giám đốc ký quyết định"


# --- 7. no command line and no English on the screens (issue 14) ----------------------------

# Words that reached the screens before: command lines (flask --app app audit verify) and English
# words of forms and templates left untranslated. A template variable's name ("m.honorific", what
# the Word template must say) is code the template editor types, not a word of the interface.
LEAKS = re.compile(r"\bflask\s|--app\b|\.venv/|\b(?:Submit|Cancel|Save|None)\b|(?<![.\w])honorific\b")
# The API reference is for developers: its schemas are described in English, as the code is.
DEVELOPER_PAGES = {"/api-docs"}
SEEN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


def visible_text(html):
    """What a reader sees or hears of a page: its text and the attributes read aloud (no scripts)."""
    doc = lxml.html.fromstring(html)
    for el in doc.xpath("//script|//style"):
        el.drop_tree()
    said = [v for el in doc.iter() if isinstance(el.tag, str) for a in SEEN_ATTRIBUTES if (v := el.get(a))]
    said += [el.get("value") or "" for el in doc.xpath("//input[@type='submit' or @type='button']")]
    return " ".join([doc.text_content(), *said])


def main_pages(client, role):
    """The role's home, the pages of its menu, and its pages of the permission table that open."""
    from tests.test_permission_table import ROWS

    home = lxml.html.fromstring(client.get("/").get_data(as_text=True))
    menu = {a.get("href") for a in home.xpath("//nav//a[@href]") if a.get("href", "").startswith("/")}
    table = {url for who, method, url, status in ROWS if who == role and method == "GET" and status == 200}
    return sorted({"/", *menu, *table} - DEVELOPER_PAGES)


@pytest.mark.parametrize("role", ROLES)
def test_issue_14_no_command_line_or_english_on_the_main_pages_of_each_role(app, client, login, demo, role):
    assert LEAKS.search("giống lệnh flask --app app archive verify") and LEAKS.search("Title: honorific")
    assert not LEAKS.search("Lưu và trình ký; danh xưng (m.honorific)")
    login(client, role)
    found = {}
    for url in main_pages(client, role):
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            leaks = sorted({m.group(0) for m in LEAKS.finditer(visible_text(response.get_data(as_text=True)))})
            if leaks:
                found[url] = leaks
    assert found == {}
