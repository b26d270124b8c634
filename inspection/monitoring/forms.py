"""Forms of the urging pages (CSRF via Flask-WTF): they only parse; operations.py checks."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import Length

from inspection.documents import signers
from inspection.monitoring import rules
from inspection.register.forms import ChoiceField, UnitSelectField, VnDateField


class LetterForm(FlaskForm):
    """The tasks of one lead unit to put in one urging letter, and who signs it (R-10)."""

    task_ids = SelectMultipleField("Nhiệm vụ", coerce=int, validate_choice=False)
    signer = ChoiceField("Người ký", default=signers.OFFICE_CHIEF)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the signers the kind admits today, by the one rule saving checks (signers.allowed):
        # a Deputy the Director has withdrawn the letters from is not offered, then refused.
        self.signer.choices = [(k, signers.LABELS[k]) for k in signers.allowed("urging_letter")]


class UrgingForm(FlaskForm):
    """An urging through another channel (R-9)."""

    channel = ChoiceField(
        "Hình thức đôn đốc", choices=[(k, v) for k, v in rules.URGING_CHANNELS.items() if k != rules.LETTER]
    )
    urged_on = VnDateField("Ngày đôn đốc")
    note = TextAreaField("Nội dung", validators=[Length(max=2000)])


class AnswerForm(FlaskForm):
    """The urged unit's answer (R-10)."""

    answer = TextAreaField("Trả lời của đơn vị", validators=[Length(max=4000)])


class CooperatingForm(FlaskForm):
    """The lead unit urges one cooperating unit (R-10.2); the view fills the unit choices."""

    unit = UnitSelectField("Đơn vị phối hợp")
    note = TextAreaField("Nội dung đôn đốc", validators=[Length(max=2000)])
