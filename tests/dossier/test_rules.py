"""Pure rules of the dossier (R-17, Decree 30 Art. 29) - no Flask, no database."""

import pytest

from inspection.dossier import rules


def test_R_17_eight_components_in_order_with_vietnamese_names():
    assert rules.COMPONENT_NUMBERS == (1, 2, 3, 4, 5, 6, 7, 8)
    assert rules.component_name(1) == "Quyết định thành lập Đoàn kiểm tra"
    assert rules.component_name(7) == "Báo cáo kết quả kiểm tra"
    assert rules.component_name(3).endswith("(nếu có)")
    assert rules.component_name(8).endswith("(nếu có)")
    with pytest.raises(ValueError):
        rules.component_name(9)


def test_R_17_required_components_are_1_2_4_5_6_7():
    assert rules.REQUIRED_COMPONENTS == (1, 2, 4, 5, 6, 7)


def test_R_17_completeness_lists_what_is_missing():
    counts = {1: 1, 2: 3, 4: 0, 5: 1, 7: 2}
    missing = rules.missing_components(counts)
    assert [n for n, _ in missing] == [4, 6]
    assert not rules.is_complete(counts)
    message = rules.missing_message(missing)
    assert "Điều 17" in message and "4. Báo cáo, tài liệu" in message and "6. Biên bản" in message


def test_R_17_components_3_and_8_are_if_any():
    counts = {1: 1, 2: 1, 4: 1, 5: 1, 6: 1, 7: 1}
    assert rules.is_complete(counts)
    assert rules.missing_components(counts) == []


def test_R_17_notice_goes_to_component_8_unless_setting_says_otherwise():
    assert rules.component_for_kind("conclusion_notice") == 8
    assert rules.component_for_kind("conclusion_notice", notice_component="7") == 7
    assert rules.component_for_kind("inspection_decision") == 1
    assert rules.component_for_kind("inspection_plan") == 5
    assert rules.component_for_kind("inspection_minutes") == 6
    assert rules.component_for_kind("inspection_report") == 7
    assert rules.component_for_kind("urging_letter") == 3


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (12, "mười hai"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (300, "ba trăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (2024, "hai nghìn không trăm hai mươi tư"),
        (1000000, "một triệu"),
    ],
)
def test_number_to_words_for_closing_certificate(n, words):
    assert rules.number_to_words(n) == words


def test_sheets_phrase_writes_figures_and_words():
    assert rules.sheets_phrase(12) == "12 tờ (viết bằng chữ: mười hai tờ)"
    assert rules.sheets_phrase(7) == "07 tờ (viết bằng chữ: bảy tờ)"
    with pytest.raises(ValueError):
        rules.number_to_words(-1)


def test_place_documents_after_front_matter_skips_unconverted_attachments():
    placed = rules.place_documents(3, [2, 0, 5, 1])
    assert [(p.first_page, p.last_page) for p in placed] == [(4, 5), (0, 0), (6, 10), (11, 11)]
    assert rules.page_range_label(4, 5) == "04-05"
    assert rules.page_range_label(11, 11) == "11"
    assert rules.page_range_label(0, 0) == ""


def test_order_and_move_within_component():
    items = [
        {"id": 3, "component": 2, "position": 1},
        {"id": 1, "component": 1, "position": 0},
        {"id": 2, "component": 2, "position": 0},
    ]
    assert [i["id"] for i in rules.order_items(items)] == [1, 2, 3]
    assert rules.move([2, 3, 4], 3, -1) == [3, 2, 4]
    assert rules.move([2, 3, 4], 4, +1) == [2, 3, 4]


def test_retention_periods():
    assert rules.retention_years("20 năm") == 20
    assert rules.retention_years("Vĩnh viễn") is None
    assert rules.must_transfer_to_archive("Vĩnh viễn")
    assert rules.must_transfer_to_archive("5 năm")
    with pytest.raises(ValueError):
        rules.retention_years("mãi mãi")


def test_R_17_closed_case_refuses_changes_through_the_guard():
    from types import SimpleNamespace

    from inspection.cases import rules as case_rules

    rules.ensure_open(SimpleNamespace(state=case_rules.NOTIFIED))
    closed = SimpleNamespace(state=case_rules.CLOSED)
    assert rules.is_closed(closed)
    with pytest.raises(rules.DossierClosed) as err:
        rules.ensure_open(closed)
    assert "đã đóng" in err.value.message
