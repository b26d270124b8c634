"""Fixtures of the dossier tests: a chief of office and a case holding real issued documents."""

import pytest

from .factories import build_notified_case


@pytest.fixture
def chief(make_user):
    return make_user(roles=["chief_of_office"], full_name="Phạm Minh Tuấn")


@pytest.fixture
def notified_case(app, chief, make_unit):
    """A case at 'đã thông báo kết luận' with all its issued documents (see build_notified_case)."""
    return build_notified_case(chief, make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL"))
