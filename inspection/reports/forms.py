"""Forms of the reports pages (CSRF via Flask-WTF): they only parse; operations.py checks."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from inspection.register.forms import ChoiceField, VnDateField
from inspection.register.models import ISSUER_KINDS

from . import rules

ISSUER_CHOICES = list(ISSUER_KINDS.items())
DATE_REQUIRED = "Nhập ngày theo dạng ngày/tháng/năm."


class TextsForm(FlaskForm):
    """The sections the Office writes; one paragraph (or one proposal) per line."""

    introduction = TextAreaField("Đoạn mở đầu (để trống: câu mặc định)", validators=[Length(max=4000)])
    summary = TextAreaField("Tổng hợp chung, thêm sau câu số liệu", validators=[Length(max=8000)])
    assessment = TextAreaField("V. Đánh giá chung", validators=[Length(max=8000)])
    proposals = TextAreaField("VI. Đề xuất, kiến nghị (mỗi dòng một ý)", validators=[Length(max=8000)])

    def texts(self):
        return {name: (getattr(self, name).data or "").strip() for name in TEXT_FIELDS}


TEXT_FIELDS = ("introduction", "summary", "assessment", "proposals")


class ReportForm(TextsForm):
    """A new report: its kind, period (the last day is the cut-off) and subject (R-5.1g)."""

    kind = ChoiceField("Loại báo cáo", choices=list(rules.KINDS.items()), default=rules.MONTHLY)
    period_start = VnDateField("Từ ngày", validators=[InputRequired(DATE_REQUIRED)])
    period_end = VnDateField("Đến ngày (ngày chốt số liệu)", validators=[InputRequired(DATE_REQUIRED)])
    scope = ChoiceField("Phạm vi", choices=list(rules.SCOPES.items()), default=rules.ALL)
    unit = ChoiceField("Đơn vị (phạm vi một đơn vị)", choices=[])
    issuer = ChoiceField("Cơ quan, người giao (phạm vi một cơ quan giao)", choices=[("", "")] + ISSUER_CHOICES)
    task_id = StringField("Mã nhiệm vụ (phạm vi một nhiệm vụ)", validators=[Length(max=12)])

    def spec(self, secret):
        return dict(
            kind=self.kind.data if self.kind.data in rules.KINDS else rules.MONTHLY,
            start=self.period_start.data,
            end=self.period_end.data,
            secret=secret,
            scope=self.scope.data if self.scope.data in rules.SCOPES else rules.ALL,
            scope_ref=self._ref(),
        )

    def _ref(self):
        field = {rules.UNIT: self.unit, rules.ISSUER: self.issuer, rules.TASK: self.task_id}.get(self.scope.data)
        return str(field.data or "").strip() if field is not None else ""
