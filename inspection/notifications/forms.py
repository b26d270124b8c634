"""Forms of notifications: the Office's schedule page and the inbox's buttons."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from inspection.notifications import rules


def _days(allow_zero=False):
    def check(form, field):
        try:
            field.parsed = rules.parse_days(field.data, allow_zero=allow_zero)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    return check


class ScheduleForm(FlaskForm):
    before = StringField(
        "Nhắc trước hạn (số ngày làm việc)",
        validators=[_days()],
        description="Các số cách nhau bởi dấu phẩy, ví dụ: 3 hoặc 5, 3. Để trống: không nhắc trước hạn.",
    )
    on_day = BooleanField("Nhắc vào ngày đến hạn")
    after = StringField(
        "Nhắc sau hạn (số ngày làm việc)",
        validators=[_days()],
        description="1 là ngày làm việc đầu tiên sau hạn. Để trống: không nhắc sau hạn.",
    )
    monthly = StringField(
        "Nhắc đơn vị cập nhật trước ngày 19 hằng tháng (số ngày làm việc)",
        validators=[_days(allow_zero=True)],
        description="Khoản 1 Điều 20: đơn vị cập nhật trước ngày 19 hằng tháng. 0 là nhắc đúng ngày 19.",
    )

    def offsets(self):
        """(deadline offsets, monthly offsets) as typed: negative before, 0 on the day."""
        deadline = rules.schedule_offsets(self.before.parsed, self.on_day.data, self.after.parsed)
        return deadline, sorted(-d for d in self.monthly.parsed)


def schedule_data(schedule) -> dict:
    """The form's values for a stored schedule ({anchor: offsets})."""
    deadline, monthly = schedule[rules.DEADLINE], schedule[rules.MONTHLY]
    return {
        "before": ", ".join(str(-o) for o in deadline if o < 0),
        "on_day": 0 in deadline,
        "after": ", ".join(str(o) for o in deadline if o > 0),
        "monthly": ", ".join(str(-o) for o in monthly),
    }


class ButtonForm(FlaskForm):
    """Only the CSRF token: marking read is a POST."""
