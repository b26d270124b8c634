"""Forms of the archivist's transfer, disposal and hold pages (CSRF on every one)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from inspection.accounts.forms import MultiCheckboxField
from inspection.register.forms import DATE_HINT, VnDateField


def _dossiers(label):
    # validate_choice=False: a value not offered reaches the operation, which names the rule it breaks
    return MultiCheckboxField(label, choices=[], validate_choice=False)


class TransferForm(FlaskForm):
    archive_name = StringField(
        "Lưu trữ lịch sử nhận hồ sơ",
        validators=[DataRequired("Hãy ghi tên Lưu trữ lịch sử nhận hồ sơ."), Length(max=255)],
    )
    planned_on = VnDateField("Ngày dự kiến giao nộp", validators=[Optional()], render_kw={"placeholder": DATE_HINT})
    note = TextAreaField("Ghi chú", validators=[Length(max=2000)], render_kw={"rows": 2})
    dossiers = _dossiers("Hồ sơ đến hạn nộp lưu (Điều 17 Luật Lưu trữ 2024)")


class HandoverForm(FlaskForm):
    signed_on = VnDateField(
        "Ngày ký biên bản giao nhận",
        validators=[DataRequired("Hãy nhập ngày ký biên bản giao nhận.")],
        render_kw={"placeholder": DATE_HINT},
    )
    recipient = StringField(
        "Người đại diện Lưu trữ lịch sử ký nhận",
        validators=[DataRequired("Hãy ghi họ tên người đại diện Lưu trữ lịch sử ký nhận."), Length(max=255)],
    )


class CancelForm(FlaskForm):
    reason = StringField("Lý do hủy bỏ", validators=[DataRequired("Hãy ghi lý do hủy bỏ."), Length(max=2000)])


class ReviewForm(FlaskForm):
    title = StringField(
        "Tên đợt xét hủy", validators=[DataRequired("Hãy đặt tên đợt xét hủy tài liệu."), Length(max=255)]
    )
    council = TextAreaField(
        "Thành viên Hội đồng xác định giá trị tài liệu (mỗi người một dòng)",
        validators=[Length(max=4000)],
        render_kw={"rows": 3},
    )
    dossiers = _dossiers("Hồ sơ hết thời hạn bảo quản")


class DecisionForm(FlaskForm):
    decision_number = StringField(
        "Số, ký hiệu quyết định hủy",
        validators=[DataRequired("Hãy ghi số, ký hiệu quyết định hủy tài liệu."), Length(max=100)],
    )
    decision_date = VnDateField(
        "Ngày quyết định", validators=[DataRequired("Hãy nhập ngày quyết định.")], render_kw={"placeholder": DATE_HINT}
    )
    decision_signer = StringField(
        "Người ký quyết định", validators=[DataRequired("Hãy ghi người ký quyết định."), Length(max=255)]
    )
    council = TextAreaField(
        "Thành viên Hội đồng (mỗi người một dòng)", validators=[Length(max=4000)], render_kw={"rows": 3}
    )
    decision_file = FileField("Bản quyết định đã ký (PDF)")


class HoldForm(FlaskForm):
    dossier = SelectField("Hồ sơ", choices=[], validate_choice=False)
    unit = SelectField("Hoặc đơn vị (mọi hồ sơ của đơn vị)", choices=[], validate_choice=False)
    reason = TextAreaField(
        "Lý do phong tỏa (khiếu nại, yêu cầu của cơ quan có thẩm quyền...)",
        validators=[DataRequired("Hãy ghi lý do phong tỏa."), Length(max=2000)],
        render_kw={"rows": 2},
    )


class LiftForm(FlaskForm):
    reason = StringField(
        "Lý do gỡ phong tỏa", validators=[DataRequired("Hãy ghi lý do gỡ phong tỏa."), Length(max=2000)]
    )
