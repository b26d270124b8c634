"""Issue 10 (R-21): no converter reads the server's files, no upload can exhaust the machine.

Each hostile file goes through each of the three doors (the Office's Word template, a paper
added to a dossier, the inspected unit's answer to a request letter) and must be refused with
a Vietnamese reason, leaving no row and no file behind.
"""

import io
from pathlib import Path

import pytest

from inspection import uploads
from inspection.cases.models import InformationRequest, UnitAnswer
from inspection.documents import kinds
from inspection.documents.models import TemplateVersion
from inspection.dossier import operations as dossier_ops
from inspection.dossier.models import DossierItem
from inspection.errors import ValidationFailed
from inspection.register import excel_import
from tests.factories import notified_case as build_notified_case

from . import hostile_files as hostile

pytestmark = pytest.mark.db
LINK_REFUSED = "liên kết tới tệp bên ngoài"
BOMB_REFUSED = "nghi là tệp nén độc hại"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    """The two zip bombs (about 0.3 MB each, 300 MB inflated), built once for the module."""
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "docx": hostile.docx_bomb(folder / "bomb.docx").read_bytes(),
        "xlsx": hostile.xlsx_bomb(folder / "bomb.xlsx").read_bytes(),
    }


@pytest.fixture
def world(app, make_user, make_unit):
    """A notified case whose request letter is addressed to a unit, its dossier and its people."""
    unit = make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL")
    chief = make_user(roles=["chief_of_office"])
    case = build_notified_case(chief, unit)
    secret_scan = uploads.store_bytes(hostile.secret_png(), "mat.png", allowed=("png",))
    return {
        "chief": chief,
        "answerer": make_user(roles=["unit_officer"], unit=unit),
        "dossier": dossier_ops.open_dossier(case, chief),
        "request": InformationRequest.get(InformationRequest.case == case),
        "secret_path": secret_scan.path,
    }


def _targets(world):
    return ["file:///etc/passwd", world["secret_path"].as_uri()]


def _state(app):
    files = sorted(p for p in (Path(app.config["ARCHIVE_DIR"]) / "files").rglob("*") if p.is_file())
    counts = (uploads.StoredFile.select().count(), DossierItem.select().count(), UnitAnswer.select().count())
    return counts, TemplateVersion.select().count(), files


def _template_door(client, data):
    return client.post(
        "/documents/templates/urging_letter/upload",
        data={"file": (io.BytesIO(data), "mau.docx"), "note": "mẫu sửa"},
        content_type="multipart/form-data",
    )


def _dossier_door(client, world, data, name):
    return client.post(
        f"/dossier/{world['dossier'].id}/upload",
        data={"component": "4", "type_and_abstract": "Báo cáo của đơn vị", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _answer_door(client, world, data, name):
    return client.post(
        f"/cases/requests/{world['request'].id}/answers",
        data={"file": (io.BytesIO(data), name), "note": "Trả lời"},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _refused_everywhere(app, client, login, world, data, name, message):
    """The file is refused with `message` at each door it may be offered to; nothing stays."""
    before = _state(app)
    login(client, world["chief"].username)
    if name.endswith(".docx"):
        r = _template_door(client, data)
        assert r.status_code == 400 and message in r.text
    r = _dossier_door(client, world, data, name)
    assert r.status_code == 400 and message in r.text
    client.post("/logout")
    login(client, world["answerer"].username)
    r = _answer_door(client, world, data, name)
    assert r.status_code == 400 and message in r.text  # the unit's page again, the refusal beside the file
    assert _state(app) == before


def test_R_21_word_file_with_an_image_linked_to_a_server_file_is_refused_at_every_door(app, client, login, world):
    shipped = kinds.get("urging_letter").docx_path.read_bytes()
    for target in _targets(world):
        data = hostile.with_linked_image(shipped, target)
        _refused_everywhere(app, client, login, world, data, "bao-cao.docx", LINK_REFUSED)
    # the same doors take the same kind of file when its picture is embedded
    assert "Đã gửi tài liệu" in _answer_door(client, world, hostile.plain_docx(), "tra-loi.docx").text


def test_R_21_word_bomb_is_refused_at_every_door(app, client, login, world, bombs):
    _refused_everywhere(app, client, login, world, bombs["docx"], "bao-cao.docx", BOMB_REFUSED)


def test_R_21_excel_bomb_is_refused_at_the_dossier_and_the_answer(app, client, login, world, bombs):
    _refused_everywhere(app, client, login, world, bombs["xlsx"], "so-lieu.xlsx", BOMB_REFUSED)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda d: hostile.lying_sizes(d), "bị hỏng"),  # sizes in both headers lie: only inflating tells
        (lambda d: hostile.many_members(d), "3017 thành phần"),
        (
            lambda d: hostile.with_embedded(d, "Sheet.docx", hostile.with_linked_image(d, "file:///etc/shadow")),
            LINK_REFUSED,
        ),
        (lambda d: hostile.with_embedded(d, "a.docx", hostile.with_embedded(d, "b.docx", d)), "nhiều lớp"),
    ],
    ids=["lying-sizes", "many-members", "nested-link", "nested-twice"],
)
def test_R_21_the_office_check_sees_through_packaging_tricks(build, message):
    with pytest.raises(ValidationFailed, match=message):
        uploads.check_office_package(io.BytesIO(build(hostile.plain_docx())), "Word")


def test_R_21_only_links_that_load_content_are_refused(tmp_path):
    """A clickable link names a place but loads nothing: Word files with hyperlinks pass."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE

    doc = Document()
    doc.part.relate_to("file:///etc/passwd", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    doc.save(tmp_path / "link.docx")
    uploads.check_office_package(tmp_path / "link.docx", "Word")
    doc.part.relate_to("file:///etc/passwd", RELATIONSHIP_TYPE.IMAGE, is_external=True)
    doc.save(tmp_path / "image.docx")
    with pytest.raises(ValidationFailed, match=LINK_REFUSED):
        uploads.check_office_package(tmp_path / "image.docx", "Word")


def test_R_21_excel_import_shares_the_check_and_inflates_to_see_lies(tmp_path):
    """The import trusted the sizes a workbook declares; now it shares the upload check."""
    from openpyxl import Workbook

    Workbook().save(tmp_path / "so.xlsx")
    path = tmp_path / "lying.xlsx"
    path.write_bytes(hostile.lying_sizes((tmp_path / "so.xlsx").read_bytes(), member="xl/padding.xml"))
    with pytest.raises(excel_import.WorkbookRefused, match="bị hỏng"):
        excel_import.check_xlsx(path)
