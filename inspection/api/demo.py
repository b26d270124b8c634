"""Demo rows of the API (issue 15): personal tokens as an office would hold them.

Their values are random and never shown: a demo user creates his own token to try the API.
"""


def seed(ctx):
    from inspection.accounts import operations
    from inspection.accounts.models import User

    tracker = User.get_or_none(User.username == "theodoi")
    officer = User.get_or_none(User.username == "canbodonvi")
    if tracker is not None:
        operations.create_token(tracker, "Kết nối eOffice của Văn phòng Sở")
    if officer is not None:
        row, _ = operations.create_token(officer, "Tập lệnh báo cáo tuần (đã thôi dùng)")
        operations.revoke_token(officer, row.id)
