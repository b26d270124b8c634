"""Forms of the paper dossiers, their import, the retention schedule and the archive by year (issue 17)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from inspection.register.forms import DATE_HINT, ChoiceField, VnDateField


class RetentionLineForm(FlaskForm):
    code = StringField("Mã dòng", validators=[DataRequired("Hãy nhập mã dòng."), Length(max=30)])
    title = StringField(
        "Tên nhóm hồ sơ, tài liệu", validators=[DataRequired("Hãy nhập tên nhóm hồ sơ."), Length(max=300)]
    )
    case_ground = ChoiceField("Mặc định cho hồ sơ vụ việc loại", choices=[])
    years = IntegerField("Thời hạn bảo quản (năm)", validators=[Optional()])
    permanent = BooleanField("Bảo quản vĩnh viễn")
    legal_reference = StringField("Căn cứ pháp lý (văn bản, điều, mục)", validators=[Length(max=300)])
    note = TextAreaField("Ghi chú", validators=[Length(max=2000)], render_kw={"rows": 2})
    active = BooleanField("Đang áp dụng", default=True)


class PaperDossierForm(FlaskForm):
    code = StringField("Mã hồ sơ", validators=[DataRequired("Hãy nhập mã hồ sơ."), Length(max=100)])
    title = StringField("Tiêu đề hồ sơ", validators=[DataRequired("Hãy nhập tiêu đề hồ sơ."), Length(max=500)])
    start_on = VnDateField(
        "Ngày bắt đầu", validators=[DataRequired("Hãy nhập ngày bắt đầu.")], render_kw={"placeholder": DATE_HINT}
    )
    end_on = VnDateField(
        "Ngày kết thúc", validators=[DataRequired("Hãy nhập ngày kết thúc.")], render_kw={"placeholder": DATE_HINT}
    )
    units_text = TextAreaField("Đơn vị được kiểm tra", validators=[Length(max=2000)], render_kw={"rows": 2})
    sheets = IntegerField(
        "Số tờ",
        validators=[DataRequired("Hãy nhập số tờ."), NumberRange(1, 100000, "Số tờ phải là số nguyên dương.")],
    )
    retention_line = ChoiceField("Thời hạn bảo quản (theo bảng thời hạn)", choices=[])
    location_shelf = StringField("Giá/kệ", validators=[Length(max=60)])
    location_box = StringField("Hộp", validators=[Length(max=60)])
    scans = MultipleFileField("Bản quét (PDF, JPEG, PNG, TIFF; chọn nhiều tệp)")


class PaperImportForm(FlaskForm):
    sheet = FileField("Bảng kê hồ sơ (.xlsx, mỗi dòng một hồ sơ)", validators=[FileRequired("Hãy chọn bảng kê.")])
    scans = FileField("Tệp nén ZIP chứa các bản quét", validators=[FileRequired("Hãy chọn tệp ZIP bản quét.")])


class YearsForm(FlaskForm):
    class Meta:
        csrf = False

    year = IntegerField("Năm", validators=[Optional(), NumberRange(2000, 2200, "Năm từ 2000 đến 2200.")])
    show = ChoiceField(
        "Hiển thị",
        choices=[("due", "Hết thời hạn bảo quản trong năm"), ("permanent", "Bảo quản vĩnh viễn")],
        default="due",
    )
    q = StringField("Từ trong tiêu đề, mã", validators=[Optional(), Length(max=200)])
    page = IntegerField("Trang", validators=[Optional(), NumberRange(1, 100000)])


class PaperPlaceForm(FlaskForm):
    """Where the paper stands and its schedule line, corrected after digitisation."""

    retention_line = ChoiceField("Thời hạn bảo quản (theo bảng thời hạn)", choices=[])
    location_shelf = StringField("Giá/kệ", validators=[Length(max=60)])
    location_box = StringField("Hộp", validators=[Length(max=60)])
