"""Forms of plans and cases (CSRF via Flask-WTF). Forms parse; operations check the rules."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from inspection.accounts.forms import MultiCheckboxField
from inspection.cases import rules
from inspection.register.forms import UnitMultiField, UnitSelectField, VnDateField

REQ = InputRequired(message="Trường này không được để trống.")


# help beside the end date (docs/guide); the deadline itself is computed by rules.report_due.
REPORT_DAYS_NOTE = "Ngày kết thúc kiểm tra; báo cáo kết quả chậm nhất 5 ngày làm việc sau ngày này (khoản 2 Điều 16)."


class ActionForm(FlaskForm):
    """A button that posts: only the CSRF token."""


class RemarksForm(FlaskForm):
    remarks = TextAreaField("Ý kiến của Giám đốc", validators=[Length(max=4000)])


class PlanForm(FlaskForm):
    year = IntegerField("Năm", validators=[REQ])
    title = StringField("Tên kế hoạch", validators=[REQ, Length(max=500)])
    period_label = StringField("Kỳ (ví dụ: năm 2026, 6 tháng cuối năm 2026)", validators=[Length(max=100)])
    purpose = TextAreaField("Mục đích, yêu cầu (mỗi dòng một ý)")
    content_items = MultiCheckboxField("Nội dung kiểm tra (Điều 11)", choices=list(rules.CONTENT_ITEMS.items()))
    method = TextAreaField("Hình thức, phương pháp (mỗi dòng một ý)")
    organisation = TextAreaField("Tổ chức thực hiện (mỗi dòng một ý)")


class PlanItemForm(FlaskForm):
    unit = UnitSelectField("Đơn vị được kiểm tra")
    window_start = VnDateField("Từ ngày (dd/mm/yyyy)", validators=[REQ])
    window_end = VnDateField("Đến ngày (dd/mm/yyyy)", validators=[REQ])
    form = SelectField("Hình thức (Điều 12)", choices=[(k, rules.FORM_LABELS[k]) for k in rules.DEPARTMENT_FORMS])
    content = TextAreaField("Nội dung")
    composition = TextAreaField("Thành phần")


class PickField(UnitMultiField):
    """Checkboxes of ids in a searchable list (issue 14: no Ctrl-click multi-selects)."""


class UnitChecks(PickField):
    """A few units as checkboxes (includes/forms.html draws a MultiCheckboxField so)."""

    widget = MultiCheckboxField.widget
    option_widget = MultiCheckboxField.option_widget

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.type = "MultiCheckboxField"


class CaseForm(FlaskForm):
    title = StringField("Tên cuộc kiểm tra", validators=[REQ, Length(max=500)])
    # Issue 14: no pre-chosen ground or form the user must undo; each ground shows its own fields.
    ground = RadioField(
        "Căn cứ tiến hành (Điều 12)",
        choices=[(k, rules.GROUND_LABELS[k]) for k in rules.DEPARTMENT_GROUNDS],
        validators=[InputRequired(message="Phải chọn căn cứ tiến hành kiểm tra (Điều 12).")],
    )
    plan_item = SelectField("Cuộc kiểm tra trong kế hoạch", coerce=str, validate_choice=False)
    ground_reference = StringField("Văn bản, ý kiến chỉ đạo của Ban Giám đốc", validators=[Length(max=255)])
    ground_note = TextAreaField("Dấu hiệu không thực hiện hoặc thực hiện không đúng (nhiệm vụ nào)")
    form = RadioField(
        "Hình thức (Điều 12)",
        choices=[(k, rules.FORM_LABELS[k]) for k in rules.DEPARTMENT_FORMS],
        validators=[InputRequired(message="Phải chọn hình thức kiểm tra (Điều 12).")],
    )
    unit_ids = PickField("Đơn vị được kiểm tra")
    legal_grounds = TextAreaField("Căn cứ pháp lý (mỗi dòng một căn cứ)")
    content_items = MultiCheckboxField("Nội dung kiểm tra (Điều 11)", choices=list(rules.CONTENT_ITEMS.items()))
    content_note = TextAreaField("Nội dung khác (mỗi dòng một ý)")
    start_on = VnDateField("Bắt đầu (dd/mm/yyyy)", validators=[Optional()])
    end_on = VnDateField("Kết thúc (dd/mm/yyyy)", validators=[Optional()], description=REPORT_DAYS_NOTE)


class NewCaseForm(CaseForm):
    """Issue 14: the new case with its scope and team in one form (fewer pages, fewer clicks)."""

    task_ids = PickField("Nhiệm vụ được kiểm tra (điểm b khoản 2 Điều 13)")
    outside_reason = StringField(
        "Lý do đưa nhiệm vụ của đơn vị không được kiểm tra vào phạm vi (nếu có)", validators=[Length(max=1000)]
    )
    leader = SelectField("Trưởng đoàn (khoản 1 Điều 14)", coerce=str, validate_choice=False)
    member_ids = PickField("Thành viên Đoàn kiểm tra")


class MemberForm(FlaskForm):
    user = SelectField("Cán bộ của Sở", coerce=str, validate_choice=False)
    name = StringField("Hoặc người được mời: họ tên", validators=[Length(max=255)])
    gender = SelectField("Danh xưng", choices=[("Ông", "Ông"), ("Bà", "Bà")])
    title = StringField("Chức vụ", validators=[Length(max=255)])
    agency = StringField("Cơ quan, đơn vị (người được mời)", validators=[Length(max=255)])
    role = SelectField("Vai trò trong Đoàn", choices=list(rules.ROLE_LABELS.items()))


ISSUE_DATE_NOTE = "Ngày ban hành là ngày ký ban hành trên hệ thống (hôm nay), không sửa được."


class WaiverForm(FlaskForm):
    user = SelectField("Cán bộ công tác tại đơn vị được kiểm tra", coerce=str, validate_choice=False)
    reason = TextAreaField("Lý do Giám đốc Sở chấp thuận", validators=[REQ, Length(max=2000)])


class InviteForm(MemberForm):
    """R-14.2: the leader invites a member during the inspection, with the inviting letter."""

    role = SelectField(
        "Vai trò trong Đoàn", choices=[(k, v) for k, v in rules.ROLE_LABELS.items() if k != rules.LEADER]
    )
    purpose = TextAreaField("Nội dung, lý do mời tham gia (khoản 2 Điều 14)", validators=[REQ, Length(max=2000)])
    signer = SelectField("Người ký giấy mời", coerce=str, validate_choice=False, default="leader")
    issued_on = VnDateField("Ngày ban hành (dd/mm/yyyy)", validators=[Optional()])


class PresiderForm(FlaskForm):
    """R-12.3, R-12.4: the Director assigns who presides when no team is set up."""

    presider = SelectField("Người chủ trì kiểm tra", coerce=str, validate_choice=False)


class InternalCaseForm(FlaskForm):
    """R-15.2: the unit head's own internal inspection: its plan (content, time) and grounds."""

    title = StringField("Tên cuộc kiểm tra nội bộ", validators=[REQ, Length(max=500)])
    legal_grounds = TextAreaField("Căn cứ (mỗi dòng một căn cứ)")
    content_note = TextAreaField("Kế hoạch: nội dung, cách thức kiểm tra (mỗi dòng một ý)", validators=[REQ])
    start_on = VnDateField("Bắt đầu (dd/mm/yyyy)", validators=[REQ])
    end_on = VnDateField("Kết thúc (dd/mm/yyyy)", validators=[REQ], description=REPORT_DAYS_NOTE)


class SignForm(FlaskForm):
    signer = SelectField("Người ký", coerce=str, validate_choice=False)
    # The issue date is the day of issue: shown read-only, a different date is refused.
    issued_on = VnDateField(
        "Ngày ban hành", validators=[Optional()], render_kw={"readonly": True}, description=ISSUE_DATE_NOTE
    )


class EndForm(FlaskForm):
    ended_on = VnDateField(
        "Ngày kết thúc thực tế (dd/mm/yyyy)",
        validators=[Optional()],
        description="Để trống: hôm nay. Thời hạn kiểm tra đã quyết định được giữ nguyên (điểm d khoản 2 Điều 13).",
    )


class ExtensionForm(FlaskForm):
    new_end_on = VnDateField("Gia hạn đến ngày (dd/mm/yyyy)", validators=[REQ])
    reason = TextAreaField("Lý do gia hạn", validators=[REQ, Length(max=2000)])
    signer = SelectField("Người ký", coerce=str, validate_choice=False)
    issued_on = VnDateField(
        "Ngày ban hành", validators=[Optional()], render_kw={"readonly": True}, description=ISSUE_DATE_NOTE
    )


class RequestForm(FlaskForm):
    subject = StringField(
        "Trích yếu (V/v …)", validators=[REQ, Length(max=500)], default="báo cáo, cung cấp hồ sơ phục vụ kiểm tra"
    )
    content = TextAreaField("Hồ sơ, tài liệu đề nghị cung cấp (mỗi dòng một mục)")
    due_on = VnDateField("Thời hạn gửi (dd/mm/yyyy)", validators=[REQ])
    unit_ids = UnitChecks("Gửi đơn vị")


class AnswerForm(FlaskForm):
    file = FileField("Tệp (PDF, Word, Excel, ảnh)")
    note = TextAreaField("Ghi chú", validators=[Length(max=2000)])


class MinutesForm(FlaskForm):
    unit = UnitSelectField("Đơn vị được kiểm tra")
    held_on = VnDateField("Ngày làm việc (dd/mm/yyyy)", validators=[REQ])
    held_time = StringField("Giờ bắt đầu (hh:mm)", default="08:00")
    ended_time = StringField("Giờ kết thúc (hh:mm)", default="11:00")
    place = StringField("Địa điểm", validators=[REQ, Length(max=255)])
    team_participants = TextAreaField("Thành phần Đoàn (để trống: lấy theo quyết định)")
    unit_participants = TextAreaField("Thành phần đơn vị (mỗi dòng: Ông/Bà Họ tên, chức vụ)")
    content = TextAreaField("Nội dung làm việc (mỗi dòng một ý)", validators=[REQ])
    results = TextAreaField("Kết quả kiểm tra")
    unit_opinions = TextAreaField("Ý kiến của đơn vị")


class NoteForm(FlaskForm):
    text = TextAreaField("Ghi chú làm việc", validators=[REQ])
    file = FileField("Tệp đính kèm (không bắt buộc)")


class FindingForm(FlaskForm):
    result = SelectField("Kết quả", choices=[("", "— Chưa đánh giá —")] + list(rules.RESULT_LABELS.items()))
    nature = TextAreaField("Tính chất")
    degree = TextAreaField("Mức độ")
    cause = TextAreaField("Nguyên nhân")
    responsibility = TextAreaField("Trách nhiệm")
    note = TextAreaField("Ghi chú")


class EvaluationForm(FlaskForm):
    organisation = TextAreaField("Việc tổ chức triển khai thực hiện")
    results = TextAreaField("Kết quả thực hiện nhiệm vụ")
    updating = TextAreaField("Việc cập nhật trên phần mềm")
    reporting = TextAreaField("Việc thực hiện chế độ thông tin, báo cáo")


class RecommendationForm(FlaskForm):
    kind = SelectField("Loại kiến nghị (điểm c khoản 3 Điều 16)", choices=list(rules.REC_LABELS.items()))
    content = TextAreaField("Nội dung", validators=[REQ])
    unit = UnitSelectField("Đơn vị thực hiện")
    deadline = VnDateField("Thời hạn (dd/mm/yyyy)", validators=[REQ])


class ReportTextForm(FlaskForm):
    overview = TextAreaField("I. Khái quát")
    strengths = TextAreaField("Ưu điểm (mỗi dòng một ý)")
    weaknesses = TextAreaField("Tồn tại, hạn chế (mỗi dòng một ý)")
    causes = TextAreaField("Nguyên nhân, trách nhiệm (mỗi dòng một ý)")
    conclusion = TextAreaField("Kết luận gửi đơn vị (thông báo, mỗi dòng một ý)")
    report_back_by = VnDateField("Đơn vị báo cáo kết quả khắc phục trước ngày", validators=[Optional()])
