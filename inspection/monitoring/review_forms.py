"""Forms of the review queue (CSRF via Flask-WTF): they only parse; review_ops checks."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length

from inspection.monitoring import review_rules as rr
from inspection.register.forms import ChoiceField, UnitSelectField, VnDateField


class AcceptForm(FlaskForm):
    """The items chosen on the queue page, accepted at once."""

    item_ids = SelectMultipleField("Mục đã chọn", coerce=int, validate_choice=False)


class FlagForm(FlaskForm):
    """Flag a unit's entry as inaccurate (R-7.1)."""

    reason = TextAreaField("Lý do thông tin chưa chính xác", validators=[Length(max=2000)])


class ContestForm(FlaskForm):
    """A unit's request to look again at what the Office entered (R-7.2b)."""

    subject = ChoiceField("Nội dung đề nghị xem xét lại", choices=list(rr.CONTEST_SUBJECTS.items()))
    reason = TextAreaField("Lý do, căn cứ", validators=[Length(max=4000)])


class ResolveForm(FlaskForm):
    """The Office's answer to a contest: upheld with the change, or rejected with the reason."""

    decision = ChoiceField("Quyết định", choices=[(rr.UPHELD, "Chấp nhận ý kiến"), (rr.REJECTED, "Không chấp nhận")])
    reason = TextAreaField("Lý do", validators=[Length(max=2000)])
    new_deadline = VnDateField("Thời hạn mới (khi chấp nhận ý kiến về thời hạn)")
    lead_unit = UnitSelectField("Đơn vị chủ trì mới (khi chấp nhận ý kiến về đơn vị chủ trì)")
    completed_on = VnDateField("Ngày hoàn thành (khi chấp nhận ý kiến về kết quả)")
    result_text = TextAreaField("Kết quả thực hiện", validators=[Length(max=4000)])
    result_doc_number = StringField("Số văn bản kết quả", validators=[Length(max=100)])
    result_doc_date = VnDateField("Ngày văn bản kết quả")
