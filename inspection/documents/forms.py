"""Forms of the documents pages (CSRF by Flask-WTF)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from inspection.accounts.forms import MultiCheckboxField
from inspection.documents import signers
from inspection.register.forms import VnDateField

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
    """The version number is read by the view, which refuses a wrong one with a message."""

    version = HiddenField()


ISSUE_DATE_NOTE = "Ngày ban hành là ngày ký ban hành trên hệ thống (hôm nay), không sửa được."


class IssueForm(FlaskForm):
    # The issue date is the day of issue (Decree 30): shown, not typed; a different date is refused.
    issued_on = VnDateField(
        "Ngày ban hành", validators=[Optional()], render_kw={"readonly": True}, description=ISSUE_DATE_NOTE
    )
    signer = SelectField("Người ký", choices=SIGNER_CHOICES, validators=[Optional()])


class DelegationForm(FlaskForm):
    deputy = SelectField("Phó Giám đốc được ủy quyền ký thay quyết định kiểm tra", validate_choice=False)
    reference = StringField("Văn bản ủy quyền (số, ngày)", validators=[Optional(), Length(max=255)])


# --- c4-delegate: the kinds a Deputy signs on the Director's behalf (issue 14, R-13.1) ----------------------
class DeputyKindsForm(FlaskForm):
    """Rendered with prefix "kinds" beside DelegationForm on the same page (its hidden `shown` tells
    the view which form was posted, even with every box unticked); the operation checks."""

    shown = HiddenField(default="1")

    kinds = MultiCheckboxField(
        "Loại văn bản Phó Giám đốc được ký thay (" + signers.BLOCKS[signers.DEPUTY][0] + ")",
        validate_choice=False,
        description="Loại văn bản không đánh dấu chỉ trình Giám đốc ký.",
    )


# --- end c4-delegate ---


# --- c1-sign: submission for signature (issue 14) ---------------------------------------------
SUBMIT_SIGNERS = [
    ("director", "Giám đốc Sở"),
    ("deputy", "KT. Giám đốc – Phó Giám đốc Sở"),
    ("office_chief", "TL. Giám đốc – Chánh Văn phòng"),
]


class SubmitForm(FlaskForm):
    """Trình ký: the signer block printed, and the person who signs (both checked by the operation)."""

    signer = SelectField("Thẩm quyền ký", choices=SUBMIT_SIGNERS)
    to_user = SelectField("Trình người ký", validate_choice=False)


class DecideForm(FlaskForm):
    """Ký ban hành or Trả lại: `round` is the round the page showed (a stale page is refused)."""

    round = HiddenField()
    remarks = TextAreaField("Ý kiến khi trả lại", validators=[Optional(), Length(max=4000)])
