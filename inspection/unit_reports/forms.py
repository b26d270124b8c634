"""Forms of the unit report pages (CSRF via Flask-WTF): they only parse; operations.py checks."""

from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from inspection.unit_reports import rules


class _DraftBase(FlaskForm):
    head_remarks = TextAreaField(
        "Đánh giá, kiến nghị của đơn vị",
        validators=[Length(max=rules.REMARKS_MAX)],
        description="Thủ trưởng đơn vị đánh giá tình hình thực hiện nhiệm vụ trong tháng (khoản 1 Điều 19).",
    )
    save = SubmitField("Lưu dự thảo")
    send = SubmitField("Gửi báo cáo")


def reason_field(task_id) -> str:
    return f"reason_{task_id}"


def draft_form(overdue, **kwargs):
    """The draft form with one 'reason' field per overdue task (R-19.2), keyed reason_<task id>."""

    class DraftForm(_DraftBase):
        pass

    for row in overdue:
        field = TextAreaField(
            "Lý do chậm, khó khăn, vướng mắc và kiến nghị",
            validators=[Length(max=rules.REASON_MAX)],
        )
        setattr(DraftForm, reason_field(row["id"]), field)
    return DraftForm(**kwargs)


def reasons_of(form, overdue) -> dict:
    """{task id (text): reason} from the form's reason fields."""
    return {str(row["id"]): getattr(form, reason_field(row["id"])).data or "" for row in overdue}


class ReturnForm(FlaskForm):
    """The Office returns a sent report with its remarks."""

    remarks = TextAreaField(
        "Ý kiến của Văn phòng Sở (nội dung cần chỉnh sửa)", validators=[Length(max=rules.REMARKS_MAX)]
    )
