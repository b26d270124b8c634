"""Forms of the register (CSRF via Flask-WTF); dates typed as dd/mm/yyyy.

Forms only parse: the rules (units known, deadline after receipt, unique number,
secret content) are checked once, in operations.py.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length

from inspection.accounts.models import Unit
from inspection.register.models import CHANNELS, DOC_TYPES, ISSUER_KINDS, SECRET_LEVELS, TASK_KINDS
from inspection.register.rules import RECURRENCE_LABELS
from inspection.text import nfc, parse_vn_date

DATE_HINT = "dd/mm/yyyy"


class ChoiceField(SelectField):
    """A select whose value operations.py checks (with a Vietnamese message), not WTForms."""

    def __init__(self, *a, **kw):
        super().__init__(*a, validate_choice=False, **kw)
        self.type = "SelectField"  # rendered as a select by includes/forms.html


class VnDateField(StringField):
    """A date typed as dd/mm/yyyy; an impossible date (31/02) is an error in Vietnamese."""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_data = [raw]
        self.data = None
        if raw:
            try:
                self.data = parse_vn_date(raw)
            except ValueError:
                raise ValueError(f"Ngày “{raw}” không hợp lệ (nhập theo dạng dd/mm/yyyy).") from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%d/%m/%Y") if self.data else ""


class UnitSelectField(SelectField):
    """A unit chosen from the list; an unknown id becomes None and operations refuses it."""

    def __init__(self, *a, **kw):
        super().__init__(*a, coerce=_unit_id, validate_choice=False, **kw)
        self.type = "SelectField"


class UnitMultiField(SelectMultipleField):
    def __init__(self, *a, **kw):
        super().__init__(*a, coerce=_unit_id, validate_choice=False, **kw)
        self.type = "SelectMultipleField"

    def process_formdata(self, valuelist):
        self.data = [_unit_id(v) for v in valuelist if v]


def _unit_id(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return -1  # unknown: refused by operations with a Vietnamese message


def unit_choices(blank="— Chọn đơn vị —"):
    units = Unit.select().where(Unit.active == True).order_by(Unit.sort_order, Unit.name)  # noqa: E712
    return ([("", blank)] if blank else []) + [(u.id, u.name) for u in units]


class TaskSubForm(Form):
    summary = TextAreaField("Tóm tắt nội dung nhiệm vụ", render_kw={"rows": 2})
    kind = ChoiceField("Loại nhiệm vụ", choices=list(TASK_KINDS.items()), default="other")
    lead_unit = UnitSelectField(
        "Đơn vị chủ trì",
        description="Đơn vị chịu trách nhiệm chính; đơn vị phối hợp gửi phần việc của mình cho đơn vị chủ trì (Điều 10).",
    )
    other_units = UnitMultiField("Đơn vị phối hợp", description="Giữ phím Ctrl để chọn nhiều đơn vị.")
    joint = BooleanField("Các đơn vị cùng thực hiện (không phân chủ trì, phối hợp)")
    monitor_unit = UnitSelectField("Phòng theo dõi, đôn đốc")
    monitor_officer_name = StringField(
        "Chuyên viên theo dõi", validators=[Length(max=255, message="Tối đa 255 ký tự.")]
    )
    deadline = VnDateField(
        "Thời hạn",
        description="Ngày, dạng dd/mm/yyyy; để trống nếu không có thời hạn. Kết quả nhập chậm nhất "
        "02 ngày làm việc sau thời hạn (điểm b khoản 3 Điều 6).",
        render_kw={"placeholder": DATE_HINT},
    )
    recurrence = ChoiceField("Định kỳ", choices=list(RECURRENCE_LABELS.items()), default="")
    recurrence_day = StringField("Ngày trong kỳ", description="Ví dụ 20: trước ngày 20 hằng tháng.")
    is_key = BooleanField("Nhiệm vụ trọng tâm")


class DocumentFields:
    number_symbol = StringField("Số, ký hiệu", validators=[Length(max=100, message="Tối đa 100 ký tự.")])
    doc_type = ChoiceField("Loại văn bản", choices=list(DOC_TYPES.items()), default="cong_van")
    issuer_kind = ChoiceField("Cơ quan, người ban hành", choices=list(ISSUER_KINDS.items()), default="ubnd_tinh")
    issuer_name = StringField(
        "Tên người/cơ quan ban hành",
        validators=[Length(max=255, message="Tối đa 255 ký tự.")],
        description="Họ tên Phó Chủ tịch, Phó Giám đốc hoặc tên cơ quan khác.",
    )
    signer = StringField("Người ký", validators=[Length(max=255, message="Tối đa 255 ký tự.")])
    issued_on = VnDateField(
        "Ngày ban hành", description="Ngày ghi trên văn bản, ví dụ 05/03/2026.", render_kw={"placeholder": DATE_HINT}
    )
    received_on = VnDateField(
        "Ngày nhận",
        description="Ngày Sở nhận văn bản. Hạn vào sổ tính từ ngày này: 01 ngày làm việc, 02 ngày nếu văn bản "
        "phức tạp (điểm b khoản 1 Điều 6).",
        render_kw={"placeholder": DATE_HINT},
    )
    channel = ChoiceField("Hình thức nhận", choices=list(CHANNELS.items()), default="eoffice")
    abstract = TextAreaField("Trích yếu", render_kw={"rows": 2})
    is_complex = BooleanField(
        "Văn bản nhiều nhiệm vụ, nhiều đơn vị hoặc phải lấy ý kiến (thời hạn vào sổ 02 ngày làm việc)"
    )
    version = HiddenField()


class DocumentForm(FlaskForm, DocumentFields):
    secret_level = ChoiceField("Độ mật", choices=list(SECRET_LEVELS.items()), default="")
    scan = FileField("Bản quét văn bản (PDF)")
    tasks = FieldList(FormField(TaskSubForm), min_entries=3)


class DocumentEditForm(FlaskForm, DocumentFields):
    pass


class TaskForm(FlaskForm, TaskSubForm):
    version = HiddenField()


class ProgressForm(FlaskForm):
    on_date = VnDateField(
        "Ngày cập nhật",
        description="Ngày có tình hình, kết quả này, dạng dd/mm/yyyy.",
        render_kw={"placeholder": DATE_HINT},
    )
    unit = UnitSelectField("Đơn vị cập nhật")
    text = TextAreaField("Tình hình, kết quả thực hiện", render_kw={"rows": 3})
    attachment = FileField("Tệp đính kèm (PDF)")
    corrects = HiddenField()


class FlagForm(FlaskForm):
    reason = TextAreaField("Lý do thông tin chưa chính xác", render_kw={"rows": 2})


class ReturnForm(FlaskForm):
    reason = TextAreaField("Lý do trả lại (không thuộc chức năng, nhiệm vụ của Sở)", render_kw={"rows": 2})


class ExtendForm(FlaskForm):
    new_deadline = VnDateField(
        "Thời hạn mới",
        description="Ngày theo văn bản cho phép gia hạn, dạng dd/mm/yyyy.",
        render_kw={"placeholder": DATE_HINT},
    )
    granted_by = StringField(
        "Người/cơ quan cho phép gia hạn", validators=[Length(max=255, message="Tối đa 255 ký tự.")]
    )
    document_ref = StringField("Văn bản cho phép gia hạn", validators=[Length(max=255, message="Tối đa 255 ký tự.")])
    version = HiddenField()


class CompleteForm(FlaskForm):
    completed_on = VnDateField("Ngày hoàn thành", render_kw={"placeholder": DATE_HINT})
    result_text = TextAreaField("Kết quả thực hiện", render_kw={"rows": 2})
    result_doc_number = StringField(
        "Số văn bản báo cáo kết quả", validators=[Length(max=100, message="Tối đa 100 ký tự.")]
    )
    result_doc_date = VnDateField("Ngày văn bản kết quả", render_kw={"placeholder": DATE_HINT})
    # Checked by content when stored (inspection.uploads), like every upload.
    result_file = FileField("Tệp văn bản kết quả (PDF)")
    version = HiddenField()


def document_data(form):
    """Plain dict of a document form's fields (NFC text)."""
    return {
        "number_symbol": nfc((form.number_symbol.data or "").strip()),
        "doc_type": form.doc_type.data,
        "issuer_kind": form.issuer_kind.data,
        "issuer_name": nfc((form.issuer_name.data or "").strip()),
        "signer": nfc((form.signer.data or "").strip()),
        "issued_on": form.issued_on.data,
        "received_on": form.received_on.data,
        "channel": form.channel.data,
        "abstract": nfc((form.abstract.data or "").strip()),
        "secret_level": getattr(form, "secret_level", None) and form.secret_level.data or "",
        "is_complex": bool(form.is_complex.data),
    }


def task_blank(sub):
    """A task block the user left empty (extra rows of the registration form)."""
    raw_deadline = (sub.deadline.raw_data or [""])[0]
    return not (sub.summary.data or "").strip() and not sub.lead_unit.data and not raw_deadline


def task_data(sub, units_by_id):
    """Plain dict of a task (sub)form; unknown units become None (refused by operations)."""
    day = (sub.recurrence_day.data or "").strip()
    return {
        "summary": nfc((sub.summary.data or "").strip()),
        "kind": sub.kind.data,
        "lead_unit": units_by_id.get(sub.lead_unit.data),
        "other_units": [units_by_id.get(u) for u in (sub.other_units.data or [])],
        "joint": bool(sub.joint.data),
        # False marks an id that is not in the list (refused by operations); None means none chosen.
        "monitor_unit": units_by_id.get(sub.monitor_unit.data, False) if sub.monitor_unit.data else None,
        "monitor_officer_name": nfc((sub.monitor_officer_name.data or "").strip()),
        "deadline": sub.deadline.data,
        "recurrence": sub.recurrence.data or "",
        "recurrence_day": int(day) if day.isascii() and day.isdigit() and len(day) < 4 else (0 if day else None),
        "is_key": bool(sub.is_key.data),
    }


class UploadForm(FlaskForm):
    """First step of the Excel import: the workbook."""

    file = FileField("Tệp bảng tính (.xlsx)", validators=[FileRequired("Chưa chọn tệp bảng tính.")])


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the mapping step and the commit are plain confirmations."""
