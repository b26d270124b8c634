"""Settings an administrator edits in the interface (the organisation profile first).

The organisation profile is printed on every document, and names change (docs/documents-form.md
"Names change"), so it is data, not configuration. Values are JSON.
"""

import json

from peewee import CharField, TextField

from inspection.db import BaseModel

DEFAULTS = {
    # Organisation profile (Decree 30 header and signer block).
    "org.parent_agency": "UBND TỈNH QUẢNG NGÃI",
    "org.agency_name": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "org.agency_abbr": "SNN",
    "org.place_name": "Quảng Ngãi",
    "org.director_name": "Nguyễn Tấn Liêm",
    "org.deputy_names": ["Trần Văn Hùng", "Lê Thị Mai"],
    "org.office_chief_name": "Phạm Minh Tuấn",
    # First run: an administrator confirms the profile before any document is issued (issue 11).
    "org.confirmed": False,
    # secret content may be stored only on an installation declared offline.
    "installation.offline": False,
    # Register: "sắp đến hạn" window in working days.
    "register.due_soon_days": 3,
    # Outgoing numbering: one shared sequence or one per document type (Decree 30).
    "documents.numbering": "shared",
    # the Director's delegation of signing inspection decisions to a Deputy (KT.), or None:
    # {"deputy_name", "reference", "by", "at"}; who and when are also in the history.
    "documents.decision_delegate": None,
    # R-13.1 / Decree 30 KT. (c4-delegate): the kinds the Director lets his Deputies sign, a list
    # of kind names, or None = as the table documents.signers.ALLOWED (every kind a Deputy signs).
    "documents.deputy_kinds": None,
    # component of the dossier where the notice of conclusions is filed.
    "dossier.notice_component": 8,
    # Retention periods are NOT a setting: the retention schedule (RetentionLine, migration 0025,
    # /archive/retention) is their one source; migration 0028 deleted the old "dossier.retention".
    # Largest file accepted into a dossier, in MB.
    "dossier.max_upload_mb": 50,
    # The last fixity check of the archive (page or command line): {"at", "checked", "bad"}, or None.
    "archive.last_check": None,
}

LABELS = {
    "org.parent_agency": "Cơ quan chủ quản",
    "org.agency_name": "Tên cơ quan ban hành",
    "org.agency_abbr": "Chữ viết tắt tên cơ quan",
    "org.place_name": "Địa danh ghi trên văn bản",
    "org.director_name": "Họ tên Giám đốc",
    "org.deputy_names": "Họ tên các Phó Giám đốc (mỗi dòng một người)",
    "org.office_chief_name": "Họ tên Chánh Văn phòng",
}


class Setting(BaseModel):
    key = CharField(max_length=100, unique=True)
    value = TextField()

    class Meta:
        table_name = "setting"


def get(key):
    """The stored value of `key`, or its default."""
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS[key]
    return json.loads(row.value)


def get_many(prefix) -> dict:
    """All settings under a prefix (e.g. 'org.'), defaults filled in, in one query."""
    values = {k: v for k, v in DEFAULTS.items() if k.startswith(prefix)}
    for row in Setting.select().where(Setting.key.startswith(prefix)):
        values[row.key] = json.loads(row.value)
    return values


def set_value(key, value, user=None):
    """Store a setting and record the change in the history."""
    from inspection import audit
    from inspection.db import db

    if key not in DEFAULTS:
        raise KeyError(key)
    with db.atomic():
        old = Setting.get_or_none(Setting.key == key)
        before = json.loads(old.value) if old else DEFAULTS[key]
        Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: json.dumps(value, ensure_ascii=False)}
        ).execute()
        row = Setting.get(Setting.key == key)
        audit.record(user, "update", row, {key: before}, {key: value})


PROFILE_MISSING = (
    "Chưa thể ban hành văn bản: quản trị viên chưa xác nhận thông tin cơ quan (tên cơ quan, cơ quan chủ quản, "
    "chữ viết tắt). Quản trị viên xác nhận tại Quản trị → Thông tin cơ quan (/admin/org)."
)


def profile_unconfirmed():
    """True on a real installation whose organisation profile no administrator has confirmed yet.

    The test configuration (TESTING) skips the check unless ORG_PROFILE_CHECK turns it on.
    """
    from flask import current_app

    if not current_app.config.get("ORG_PROFILE_CHECK", not current_app.config.get("TESTING")):
        return False
    return not get("org.confirmed")
