"""Forms of the documents pages (CSRF by Flask-WTF)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

SIGNER_CHOICES = [
    ("", "Giữ người ký trong dự thảo"),
    ("director", "Giám đốc"),
    ("deputy", "KT. Giám đốc - Phó Giám đốc"),
    ("office_chief", "TL. Giám đốc - Chánh Văn phòng"),
]


class UploadForm(FlaskForm):
    file = FileField("Tệp mẫu Word (.docx)", validators=[FileRequired("Hãy chọn tệp .docx.")])
    note = StringField("Ghi chú phiên bản", validators=[Optional(), Length(max=255)])


class ActivateForm(FlaskForm):
    version = HiddenField(validators=[DataRequired()])


class IssueForm(FlaskForm):
    issued_on = DateField("Ngày ban hành", validators=[DataRequired("Nhập ngày ban hành.")])
    signer = SelectField("Người ký", choices=SIGNER_CHOICES, validators=[Optional()])
