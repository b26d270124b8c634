"""R-5.2: registering an ordinary document never reveals that a secret one has the same number.

Issuers number secret documents in a sequence of their own (docs/register.md), so the same
number, issuer and year may be an ordinary and a secret document: the ordinary one is accepted.
Within each register a number is still unique.
"""

import pytest

from inspection.errors import ValidationFailed
from inspection.register import operations
from inspection.register.models import DirectiveDocument
from tests.security.conftest import CAL, TODAY, _doc


@pytest.fixture
def secret_doc(cleared, office):
    return operations.register_document(
        cleared.tracker, _doc("15/QĐ-UBND", "mat", ""), [dict(summary="", lead_unit=office)], CAL, on=TODAY
    )[0]


def _ordinary(user, office, number="15/QĐ-UBND"):
    return operations.register_document(
        user, _doc(number, "", "Về việc thường"), [dict(summary="Nhiệm vụ thường", lead_unit=office)], CAL, on=TODAY
    )[0]


def test_R_5_2_an_ordinary_document_numbered_like_a_secret_one_is_registered(uncleared, office, secret_doc):
    doc = _ordinary(uncleared["tracking_officer"], office)
    assert doc.id != secret_doc.id and not doc.is_secret
    assert DirectiveDocument.select().where(DirectiveDocument.number_symbol == "15/QĐ-UBND").count() == 2


def test_R_5_2_the_register_form_says_nothing_of_the_secret_number(app, client, login, uncleared, office, secret_doc):
    login(client, uncleared["tracking_officer"].username)
    form = {
        "number_symbol": "15/QĐ-UBND",
        "doc_type": "cong_van",
        "issuer_kind": "ubnd_tinh",
        "issued_on": "2026-11-20",
        "received_on": "2026-11-23",
        "channel": "giay",
        "abstract": "Về việc thường",
        "tasks-0-summary": "Nhiệm vụ thường",
        "tasks-0-lead_unit": str(office.id),
    }
    response = client.post("/register/documents/new", data=form)
    assert "đã có trong sổ" not in response.get_data(as_text=True)
    assert DirectiveDocument.select().where(DirectiveDocument.secret_level == "").count() == 1


def test_a_number_stays_unique_within_each_register(cleared, uncleared, office, secret_doc):
    _ordinary(uncleared["tracking_officer"], office)
    with pytest.raises(ValidationFailed, match="đã có trong sổ"):
        _ordinary(uncleared["tracking_officer"], office)
    with pytest.raises(ValidationFailed, match="đã có trong sổ"):
        operations.register_document(
            cleared.tracker, _doc("15/QĐ-UBND", "toi_mat", ""), [dict(summary="", lead_unit=office)], CAL, on=TODAY
        )


def test_the_database_keeps_each_register_unique_even_past_the_check(cleared, office, secret_doc):
    from peewee import IntegrityError

    from inspection.db import db
    from inspection.register.models import document_keys

    keys = document_keys("15/QĐ-UBND", "ubnd_tinh", "", secret_doc.issued_on)
    row = dict(number_symbol="15/QĐ-UBND", issuer_kind="ubnd_tinh", received_on=TODAY, **keys)
    with pytest.raises(IntegrityError), db.atomic():
        DirectiveDocument.insert(secret_level="tuyet_mat", **row).execute()
    DirectiveDocument.insert(secret_level="", **row).execute()
