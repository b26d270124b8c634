"""Issue 16 (audit, g3): each person who signs signs with his own certificate, with his signature
image, and the agency's signature with the seal image; a signer without a certificate is refused
before a number is taken. Certificates are made here with `cryptography` (inspection.signing.pki)
and read back from the signed PDF with pyHanko's validator."""

import datetime
import io

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pypdf import PdfReader

from inspection import config as app_config
from inspection.documents import kinds, operations, signers, submission
from inspection.documents.models import OutgoingDocument
from inspection.errors import ValidationFailed
from inspection.signing import pki, verify
from inspection.uploads import StoredFile

PASS = "mật-khẩu-người-ký"
DAY = datetime.date(2026, 3, 2)
NAMES = {"director": "Nguyễn Tấn Liêm", "deputy": "Trần Văn Hùng", "chief": "Phạm Minh Tuấn"}


@pytest.fixture(scope="module")
def people_pki(tmp_path_factory):
    """A CA, the agency, one certificate per signer, one whose name is somebody else's, two images."""
    base = tmp_path_factory.mktemp("people-pki")
    ca = pki.issue_cert("CA Người ký", "Sở Nông nghiệp", ca=True, days=3650)
    (base / "ca.pem").write_bytes(ca.pem())
    subjects = {**NAMES, "agency": "Sở Nông nghiệp và Môi trường", "other": "Người Khác Tên"}
    for key, name in subjects.items():
        (base / f"{key}.p12").write_bytes(pki.issue_cert(name, "Sở Nông nghiệp", ca).p12(PASS, [ca]))
    signature = Image.new("RGBA", (240, 90), (0, 0, 0, 0))
    signature.paste((20, 50, 170, 255), (20, 40, 220, 50))
    signature.save(base / "signature.png")
    Image.new("RGBA", (200, 200), (200, 20, 20, 128)).save(base / "seal.png")
    Image.new("RGB", (40, 40), (0, 0, 0)).save(base / "not-png.jpg", format="JPEG")
    return base


@pytest.fixture
def people(app, make_user):
    app.config["TODAY"] = DAY.isoformat()
    return {
        "director": make_user(roles=["director"], full_name=NAMES["director"], username="giam.doc"),
        "deputy": make_user(roles=["deputy_director"], full_name=NAMES["deputy"], username="pho-giam-doc"),
        "chief": make_user(roles=["chief_of_office"], full_name=NAMES["chief"], username="chanhvp"),
    }


@pytest.fixture
def configured(app, people_pki, people):
    """Signing on: the Director by SIGNING_SIGNER_P12, the Deputy and the Chief by their own files."""
    base = people_pki
    app.config.update(
        SIGNING_SIGNER_P12=str(base / "director.p12"),
        SIGNING_SIGNER_PASSPHRASE=PASS,
        SIGNING_AGENCY_P12=str(base / "agency.p12"),
        SIGNING_AGENCY_PASSPHRASE=PASS,
        SIGNING_TRUST_ANCHORS=str(base / "ca.pem"),
        SIGNING_TSA_URL="",
        SIGNING_PERSONS={
            "PHO_GIAM_DOC": {"p12": str(base / "deputy.p12"), "passphrase": PASS},
            "chanhvp": {"p12": str(base / "chief.p12"), "passphrase": PASS},
        },
    )
    return app.config


def _draft(kind, user):
    return operations.create_draft(kind, kinds.get(kind).sample, user)


def _signer_names(data, config):
    reader = PdfFileReader(io.BytesIO(data))
    vc = verify.context(config)
    statuses = [verify.outside_event_loop(validate_pdf_signature, s, vc) for s in reader.embedded_signatures]
    assert all(s.intact and s.valid and s.trusted for s in statuses)
    return [s.signing_cert.subject.native["common_name"] for s in statuses]


def _deputy_signs_plan(people):
    doc = _draft("inspection_plan", people["chief"])
    block = signers.signer_block(signers.DEPUTY, name=people["deputy"].full_name)
    doc = submission.submit(doc, people["chief"], block, people["deputy"])
    return submission.sign(doc, people["deputy"])


def test_issue16_deputy_signed_plan_carries_the_deputys_certificate(people, configured):
    doc = _deputy_signs_plan(people)
    assert doc.ctx["signer_authority"] == "KT. GIÁM ĐỐC"
    assert _signer_names(doc.pdf_file.path.read_bytes(), configured) == [
        "Trần Văn Hùng",
        "Sở Nông nghiệp và Môi trường",
    ]
    # the Director keeps SIGNING_SIGNER_P12 (installations configured before this fix)
    decision = submission.issue_own(_draft("inspection_decision", people["chief"]), people["director"], "director")
    assert _signer_names(decision.pdf_file.path.read_bytes(), configured)[0] == "Nguyễn Tấn Liêm"


def test_issue16_chief_of_office_letter_carries_his_certificate(people, configured):
    doc = submission.issue_own(_draft("urging_letter", people["chief"]), people["chief"], signers.OFFICE_CHIEF)
    assert doc.ctx["signer_authority"] == "TL. GIÁM ĐỐC"
    assert _signer_names(doc.pdf_file.path.read_bytes(), configured)[0] == "Phạm Minh Tuấn"


def test_issue16_signer_without_certificate_is_refused_and_nothing_is_numbered(people, configured, people_pki):
    del configured["SIGNING_PERSONS"]["PHO_GIAM_DOC"]
    files_before = StoredFile.select().count()
    with pytest.raises(ValidationFailed) as err:
        _deputy_signs_plan(people)
    message = err.value.message
    assert "Trần Văn Hùng" in message and "SIGNING_P12__PHO_GIAM_DOC" in message
    assert "SIGNING_PASSPHRASE__PHO_GIAM_DOC" in message and PASS not in message
    doc = OutgoingDocument.get()
    assert doc.state == "submitted" and doc.number is None and doc.pdf_file is None
    assert StoredFile.select().count() == files_before
    configured["SIGNING_PERSONS"]["pho_giam_doc"] = {"p12": str(people_pki / "deputy.p12"), "passphrase": PASS}
    assert submission.sign(doc, people["deputy"]).number == 1  # the number was not consumed


def _appearance_images(data, field_name):
    """The image XObjects reachable from a signature widget's appearance stream (nested forms too)."""
    reader = PdfReader(io.BytesIO(data))
    fields = reader.trailer["/Root"]["/AcroForm"]["/Fields"]
    field = next(f.get_object() for f in fields if f.get_object().get("/T") == field_name)
    found, todo = [], [field["/AP"]["/N"].get_object()]
    while todo:
        xobjects = todo.pop().get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            (found if obj.get("/Subtype") == "/Image" else todo).append(obj)
    return found


def test_issue16_signature_and_seal_images_are_drawn_in_the_appearance(people, configured, people_pki):
    configured["SIGNING_PERSONS"]["PHO_GIAM_DOC"]["signature_image"] = str(people_pki / "signature.png")
    configured["SIGNING_SEAL_IMAGE"] = str(people_pki / "seal.png")
    data = _deputy_signs_plan(people).pdf_file.path.read_bytes()
    signature = _appearance_images(data, "ChuKyNguoiKy")
    seal = _appearance_images(data, "ChuKyCoQuan")
    assert len(signature) == 1 and signature[0]["/Width"] == 240 and "/SMask" in signature[0]
    assert len(seal) == 1 and seal[0]["/Width"] == 200
    assert _signer_names(data, configured)[0] == "Trần Văn Hùng"  # the images do not break the signature


def test_issue16_a_bad_image_is_reported_not_a_crash(people, configured, people_pki, client, login, make_user):
    configured["SIGNING_PERSONS"]["PHO_GIAM_DOC"]["signature_image"] = str(people_pki / "not-png.jpg")
    configured["SIGNING_SEAL_IMAGE"] = str(people_pki / "missing.png")
    data = _deputy_signs_plan(people).pdf_file.path.read_bytes()
    assert _appearance_images(data, "ChuKyNguoiKy") == []  # signed, without the picture
    login(client, make_user(roles=["admin"]).username)
    page = client.get("/admin/org").text
    assert "tệp not-png.jpg không phải ảnh PNG (JPEG)" in page
    assert "không mở được tệp ảnh missing.png" in page


def test_issue16_settings_page_lists_who_has_a_certificate(people, configured, people_pki, client, login, make_user):
    configured["SIGNING_PERSONS"]["chanhvp"]["p12"] = str(people_pki / "other.p12")  # somebody else's
    configured["SIGNING_PERSONS"]["nobody"] = {"p12": str(people_pki / "other.p12"), "passphrase": PASS}
    make_user(roles=["deputy_director"], full_name="Lê Văn Phó", username="phogd2")
    login(client, make_user(roles=["admin"]).username)
    page = client.get("/admin/org").text
    expiry = f"{datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=364):%d/%m/%Y}"
    assert f"Trần Văn Hùng (hiệu lực đến {expiry})" in page  # the Deputy, with its expiry
    assert "Nguyễn Tấn Liêm (hiệu lực đến" in page  # the Director, by SIGNING_SIGNER_P12
    assert "Tên trong chứng thư số (Người Khác Tên) không chứa họ tên Phạm Minh Tuấn" in page
    assert "Lê Văn Phó" in page and "SIGNING_P12__PHOGD2" in page  # may sign, has no certificate
    assert "tài khoản không tồn tại hoặc đã khóa: nobody" in page
    assert PASS not in page


def test_issue16_per_person_settings_are_read_from_the_environment_only():
    env = {
        "SIGNING_P12__NGUYEN_VAN_A": "/etc/ky/a.p12",
        "SIGNING_PASSPHRASE__NGUYEN_VAN_A": "bí-mật",
        "signing_signature_image__nguyen_van_a": "/etc/ky/a.png",
        "SIGNING_P12__": "/ignored",
        "SIGNING_SIGNER_P12": "/etc/ky/giamdoc.p12",
    }
    found = app_config.signing_persons(env)
    assert found == {
        "nguyen_van_a": {"p12": "/etc/ky/a.p12", "passphrase": "bí-mật", "signature_image": "/etc/ky/a.png"}
    }
    assert app_config.person_key("Nguyen.Van-A") == "nguyen_van_a"


def test_issue16_a_record_without_signer_block_gets_the_agency_signature_only(people, configured):
    from inspection.signing import pades
    from tests.factories import pdf_bytes

    data = pades.sign_issued(pdf_bytes("Biên bản"), "", configured, None)
    assert _signer_names(data, configured) == ["Sở Nông nghiệp và Môi trường"]


def test_issue16_demo_signs_each_document_with_its_signers_demonstration_certificate(demo):
    from pathlib import Path

    folder = Path(demo["signing_demo_dir"])
    anchors = {"SIGNING_TRUST_ANCHORS": str(folder / "ca.pem")}
    assert {p.name for p in (folder / "people").iterdir()} == {
        f"{u}.{ext}" for u in ("giamdoc", "phogiamdoc", "chanhvanphong") for ext in ("p12", "png")
    }
    assert Image.open(folder / "seal.png").format == "PNG"
    plan = OutgoingDocument.get_by_id(demo["documents"]["plan"].id).pdf_file.path.read_bytes()
    urging = OutgoingDocument.get_by_id(demo["documents"]["urging"].id).pdf_file.path.read_bytes()
    assert _signer_names(plan, anchors)[0] == "Trần Văn Hùng - DEMONSTRATION"  # KT. GIÁM ĐỐC
    assert _signer_names(urging, anchors)[0] == "Phạm Minh Tuấn - DEMONSTRATION"  # TL. GIÁM ĐỐC
    assert _appearance_images(plan, "ChuKyNguoiKy") and _appearance_images(plan, "ChuKyCoQuan")
