"""Forms of the dossier pages (CSRF on every one)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from inspection.dossier import rules
from inspection.register.forms import DATE_HINT, VnDateField


def _components():
    return [SelectChoice(str(n), f"{n}. {name}") for n, name, _req in rules.COMPONENTS]


class ItemMetaForm(FlaskForm):
    """Metadata of a document (Mục lục columns)."""

    component = SelectField("Thành phần hồ sơ (Điều 17)", choices=_components(), default="8")
    number_symbol = StringField("Số, ký hiệu văn bản", validators=[Length(max=100)])
    doc_date = VnDateField("Ngày tháng năm văn bản", validators=[Optional()], render_kw={"placeholder": DATE_HINT})
    type_and_abstract = TextAreaField(
        "Tên loại và trích yếu nội dung",
        validators=[DataRequired("Hãy nhập tên loại và trích yếu nội dung văn bản."), Length(max=2000)],
        render_kw={"rows": 2},
    )
    author = StringField("Tác giả (cơ quan, đơn vị ban hành)", validators=[Length(max=255)])
    pages = IntegerField(
        "Số trang (tờ)",
        validators=[Optional(), NumberRange(min=1, max=100000, message="Số trang (tờ) phải là số nguyên dương.")],
    )


class UploadForm(ItemMetaForm):
    file = FileField("Tệp (PDF, DOCX, XLSX, JPG, PNG)", validators=[FileRequired("Hãy chọn tệp để tải lên.")])


class RemoveForm(FlaskForm):
    reason = StringField(
        "Lý do loại (bản trùng, bản nháp...)",
        validators=[DataRequired("Hãy ghi lý do loại tài liệu (bản trùng, bản nháp...)."), Length(max=255)],
    )


class MoveForm(FlaskForm):
    direction = HiddenField(default="-1")


class ActionForm(FlaskForm):
    """A bare form for buttons (close, assemble, refresh from the system): CSRF only."""


class ArchiveSearchForm(FlaskForm):
    class Meta:
        csrf = False

    year = IntegerField("Năm", validators=[Optional(), NumberRange(2000, 2100, "Năm từ 2000 đến 2100.")])
    unit = SelectField("Đơn vị được kiểm tra", choices=[], validate_choice=False)
    code = StringField("Mã hồ sơ", validators=[Optional(), Length(max=100)])
    q = StringField("Từ trong tiêu đề", validators=[Optional(), Length(max=200)])
