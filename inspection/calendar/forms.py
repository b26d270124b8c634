"""Forms of the calendar administration page."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, Optional

from inspection.calendar.models import KIND_LABELS


class OverrideForm(FlaskForm):
    day = StringField("Ngày (dd/mm/yyyy)", render_kw={"placeholder": "dd/mm/yyyy"}, description="Ví dụ: 02/01/2026.")
    kind = SelectField("Loại điều chỉnh", choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()])
    name = StringField("Tên/lý do", validators=[Length(max=255, message="Tối đa 255 ký tự.")])
    document_ref = StringField(
        "Văn bản thông báo (số, ký hiệu, ngày)",
        description="Ví dụ: Công văn số 12729/VPCP-KGVX ngày 25/12/2025.",
        validators=[Optional(), Length(max=255, message="Tối đa 255 ký tự.")],
    )


class DeleteForm(FlaskForm):
    """Only the CSRF token: deleting is a POST."""
