"""Loose ends of issues 13 and 17 (f2): the unit report page paginated (R-19.1, R-20.1), a paper
dossier's package rewritten after a correction of its place (issue 17), one source of the
retention period (the retention schedule, R-17 / Decree 30 Art. 29)."""

import json
import os

import pytest

from inspection import settings
from inspection.audit import AuditEntry
from inspection.dossier import archive, paper
from inspection.dossier.models import Dossier
from inspection.errors import Conflict
from tests.factories import pdf_bytes

pytestmark = pytest.mark.db

PAPER = {
    "code": "KT-2015-004",
    "title": "Hồ sơ kiểm tra việc thực hiện nhiệm vụ tại Chi cục Thủy lợi năm 2015",
    "start_on": "02/03/2015",
    "end_on": "30/06/2015",
    "units_text": "Chi cục Thủy lợi",
    "sheets": "48",
    "retention_line": "KT-KH",
    "location_shelf": "K2",
    "location_box": "H05",
}
CORRECTED = {"retention_line": "KT-VV", "location_shelf": "K9", "location_box": "H1"}


@pytest.fixture
def archivist(app, make_user):
    return make_user(roles=("archivist",), username="luutru1")


@pytest.fixture
def digitised(app, archivist):
    d = paper.register(archivist, paper.clean(dict(PAPER)), [paper.check_scan(pdf_bytes("Trang quét"), "a.pdf")])
    return d, paper.package_path(d)


def _read(path, *parts):
    with open(os.path.join(path, *parts), encoding="utf-8") as fh:
        return fh.read()


def _leftovers(app):
    return [n for n in os.listdir(os.path.join(app.config["ARCHIVE_DIR"], "packages")) if n.startswith(".")]


# ---- issue 17: the package says the corrected place and still verifies ----------------------


def test_issue_17_correcting_the_shelf_rewrites_bag_info_and_the_package_still_verifies(
    app, client, login, archivist, digitised
):
    d, path = digitised
    assert "Paper-Location: K2 / H05" in _read(path, "bag-info.txt")
    login(client, archivist.username)
    assert client.get(f"/archive/paper/{d.id}/edit").status_code == 200
    answer = client.post(f"/archive/paper/{d.id}/edit", data=CORRECTED, follow_redirects=True)
    assert "thông tin mô tả trong gói lưu trữ" in answer.text
    info = _read(path, "bag-info.txt")
    assert "Paper-Location: K9 / H1" in info and "K2 / H05" not in info
    assert "Retention-Period: Vĩnh viễn" in info and "Digitised-From-Paper: Bản số hóa từ hồ sơ giấy" in info
    assert json.loads(_read(path, "data", "manifest.json"))["dossier"]["retention"] == "Vĩnh viễn"
    assert archive.check_package(path).ok  # tag manifests (and the payload's, for manifest.json) match
    assert archive.verify_all(app.config["ARCHIVE_DIR"], expected=[d.package_name]).ok
    assert _leftovers(app) == []
    # the old value stays in the dossier's history (audit)
    entry = AuditEntry.select().where(AuditEntry.table == "dossier").order_by(AuditEntry.id.desc()).first()
    assert '"location_shelf": "K2"' in entry.before and '"location_shelf": "K9"' in entry.after


def test_issue_17_a_package_that_does_not_verify_is_not_rewritten_and_nothing_changes(
    app, client, login, archivist, digitised
):
    d, path = digitised
    pdf = os.path.join(path, "data", "ho-so.pdf")
    with open(pdf, "ab") as fh:
        fh.write(b"%% altered")
    info_before = _read(path, "bag-info.txt")
    with pytest.raises(Conflict, match="không toàn vẹn"):
        paper.update_place(Dossier.get_by_id(d.id), archivist, CORRECTED)
    login(client, archivist.username)
    answer = client.post(f"/archive/paper/{d.id}/edit", data=CORRECTED)
    assert answer.status_code == 409 and archive.MSG_NOT_INTACT in answer.text
    d = Dossier.get_by_id(d.id)
    assert (d.location_shelf, d.location_box, d.retention) == ("K2", "H05", "20 năm")  # rolled back
    assert _read(path, "bag-info.txt") == info_before and _leftovers(app) == []
    assert archive.check_package(path).state == "altered"  # still reported, not blessed


# ---- one source of the retention period -----------------------------------------------------


def test_R_17_retention_is_no_setting_only_the_schedule_decides_it(app):
    assert not any(key.startswith("dossier.retention") for key in settings.DEFAULTS)
    with pytest.raises(KeyError):
        settings.set_value("dossier.retention", {"ke_hoach": "5 năm"})


def test_R_17_migration_0028_deletes_a_stored_retention_setting(app):
    from playhouse.migrations import Runner

    from inspection.db import MIGRATIONS_DIR, db

    runner = Runner(db.obj, directory=str(MIGRATIONS_DIR))
    with db.connection_context():
        runner.down("0028_drop_retention_setting")
        settings.Setting.create(key="dossier.retention", value=json.dumps({"ke_hoach": "20 năm"}))
        settings.Setting.create(key="dossier.max_upload_mb", value="30")
        runner.up()
    assert not settings.Setting.select().where(settings.Setting.key == "dossier.retention").exists()
    assert settings.get("dossier.max_upload_mb") == 30  # the other settings stay
