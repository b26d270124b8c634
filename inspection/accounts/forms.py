"""Forms for logging in, passwords, users and units (CSRF via Flask-WTF)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from inspection.accounts import roles
from inspection.accounts.models import UNIT_KINDS
from inspection.register.forms import VnDateField

REQUIRED = "Trường này bắt buộc."


class LoginForm(FlaskForm):
    username = StringField("Tên đăng nhập", validators=[DataRequired(REQUIRED)])
    password = PasswordField("Mật khẩu", validators=[DataRequired(REQUIRED)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Mật khẩu hiện tại", validators=[DataRequired(REQUIRED)])
    new_password = PasswordField(
        "Mật khẩu mới", validators=[DataRequired(REQUIRED)], description="Ít nhất 8 ký tự, có cả chữ và số."
    )
    confirm = PasswordField("Nhập lại mật khẩu mới", validators=[DataRequired(REQUIRED)])

    def validate_confirm(self, field):
        if field.data != self.new_password.data:
            from wtforms.validators import ValidationError

            raise ValidationError("Hai lần nhập mật khẩu mới không khớp.")


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class UserForm(FlaskForm):
    username = StringField("Tên đăng nhập", validators=[DataRequired(REQUIRED), Length(max=64)])
    full_name = StringField("Họ và tên", validators=[DataRequired(REQUIRED), Length(max=255)])
    gender = SelectField("Danh xưng", choices=[("Ông", "Ông"), ("Bà", "Bà")])
    title = StringField("Chức vụ", validators=[Optional(), Length(max=255)])
    email = StringField("Thư điện tử", validators=[Optional(), Email("Địa chỉ thư điện tử không hợp lệ.")])
    unit = SelectField("Đơn vị", coerce=int)
    roles = MultiCheckboxField("Vai trò", choices=[(r, roles.LABELS[r]) for r in roles.ALL])
    clearance = BooleanField("Được xem sổ mật (R-5.2)")
    active = BooleanField("Đang hoạt động", default=True)
    password = PasswordField(
        "Mật khẩu", validators=[Optional()], description="Để trống khi sửa nếu không đổi mật khẩu."
    )


class UnitForm(FlaskForm):
    name = StringField("Tên đơn vị", validators=[DataRequired(REQUIRED), Length(max=255)])
    abbreviation = StringField("Tên viết tắt", validators=[Optional(), Length(max=50)])
    aliases = TextAreaField(
        "Các cách viết khác (mỗi cách cách nhau bằng dấu ;)",
        validators=[Optional()],
        description="Ví dụ: CCKL; Chi cục KL — dùng khi nhập sổ Excel.",
    )
    kind = SelectField("Loại đơn vị", choices=list(UNIT_KINDS.items()))
    parent = SelectField("Đơn vị cấp trên", coerce=int)
    sort_order = IntegerField("Thứ tự", default=0, validators=[Optional()])
    active = BooleanField("Đang hoạt động", default=True)


class OrgProfileForm(FlaskForm):
    parent_agency = StringField("Cơ quan chủ quản", validators=[DataRequired(REQUIRED)])
    agency_name = StringField("Tên cơ quan ban hành", validators=[DataRequired(REQUIRED)])
    agency_abbr = StringField("Chữ viết tắt tên cơ quan", validators=[DataRequired(REQUIRED)])
    place_name = StringField("Địa danh ghi trên văn bản", validators=[DataRequired(REQUIRED)])
    director_name = StringField("Họ tên Giám đốc", validators=[DataRequired(REQUIRED)])
    deputy_names = TextAreaField("Họ tên các Phó Giám đốc (mỗi dòng một người)")
    office_chief_name = StringField("Họ tên Chánh Văn phòng", validators=[DataRequired(REQUIRED)])
    offline = BooleanField("Hệ thống vận hành không kết nối Internet (cho phép lưu nội dung mật, R-5.2)")


class TokenForm(FlaskForm):
    """A new personal API token (issue 15)."""

    name = StringField(
        "Tên mã truy cập",
        validators=[DataRequired(REQUIRED), Length(max=100)],
        description="Ví dụ: “Kết nối eOffice”, để nhận ra mã khi cần thu hồi.",
    )
    expires_on = VnDateField("Hết hạn sau ngày (không bắt buộc)", render_kw={"placeholder": "dd/mm/yyyy"})
