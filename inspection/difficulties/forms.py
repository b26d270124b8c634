"""Forms of the difficulty pages (CSRF via Flask-WTF): they only parse; operations.py checks."""

from flask_wtf import FlaskForm
from wtforms import FileField, StringField, TextAreaField
from wtforms.validators import Length

from inspection.difficulties import rules
from inspection.register.forms import ChoiceField, UnitSelectField, VnDateField


class RaiseForm(FlaskForm):
    """A unit's difficulty or disagreement, its proposal and its draft letter (R-19.2, R-10.1c)."""

    kind = ChoiceField("Loại kiến nghị", choices=list(rules.KINDS.items()))
    cause = TextAreaField(
        "Khó khăn, vướng mắc và nguyên nhân",
        validators=[Length(max=4000)],
        description="Với ý kiến khác nhau: nêu rõ nội dung các đơn vị chưa thống nhất (đơn vị chủ trì, yêu cầu).",
    )
    proposal = ChoiceField("Đề xuất", choices=list(rules.PROPOSALS.items()))
    proposed_deadline = VnDateField("Thời hạn đề nghị (khi đề nghị gia hạn)", description="Nhập theo dạng dd/mm/yyyy.")
    proposed_unit = UnitSelectField("Đơn vị đề nghị giao chủ trì (khi đề nghị giao đơn vị khác)")
    text = TextAreaField("Nội dung đề xuất", validators=[Length(max=4000)])
    draft = FileField(
        "Dự thảo văn bản của Sở (PDF hoặc Word)",
        description="Dự thảo văn bản báo cáo, đề xuất hướng xử lý (khoản 2 Điều 19); tối đa 20 MB.",
    )


class OpinionForm(FlaskForm):
    """The Office's opinion for the Board (R-8.4)."""

    office_opinion = TextAreaField("Ý kiến tham mưu của Văn phòng Sở", validators=[Length(max=4000)])


class DecideForm(FlaskForm):
    """The Director's or a Deputy's decision (R-8.4)."""

    decision = ChoiceField("Quyết định", choices=[("", "— Chọn —"), *rules.DECISIONS.items()])
    new_deadline = VnDateField("Thời hạn mới (khi đồng ý gia hạn; để trống: theo đề nghị)")
    decision_doc_number = StringField("Số văn bản quyết định", validators=[Length(max=100)])
    decision_doc_date = VnDateField("Ngày văn bản quyết định")
    reason = TextAreaField("Ý kiến, lý do", validators=[Length(max=4000)])
