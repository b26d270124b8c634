"""One table of field labels (inspection/field_labels.py): history and the conflict view agree."""

import datetime

from inspection import field_labels
from inspection.register import blueprint as register_views


def test_save_conflict_labels_come_from_the_one_table():
    mine = {"is_key": True, "deadline": datetime.date(2026, 12, 15), "summary": "Báo cáo"}
    shown = register_views.conflict_side(mine)
    assert shown == {
        field_labels.label("summary"): "Báo cáo",
        field_labels.label("deadline"): "15/12/2026",
        field_labels.label("is_key"): "Có",
    }
    assert "Nhiệm vụ trọng tâm" in shown  # was a second table's "Trọng tâm"


def test_every_conflict_field_has_a_label():
    for name in register_views.CONFLICT_FIELDS:
        assert field_labels.label(name) != name, name
