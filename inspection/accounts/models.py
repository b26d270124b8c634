"""Units of the Department and the people who use the system."""

import datetime

from flask_login import UserMixin
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection.accounts import roles
from inspection.db import BaseModel
from inspection.text import fold

UNIT_KINDS = {
    "ban_giam_doc": "Ban Giám đốc",
    "phong": "Phòng nghiệp vụ",
    "van_phong": "Văn phòng",
    "thanh_tra": "Thanh tra",
    "chi_cuc": "Chi cục",
    "trung_tam": "Trung tâm",
    "khac": "Đơn vị khác",
}


class Unit(BaseModel):
    name = CharField(max_length=255, unique=True)
    abbreviation = CharField(max_length=50, default="")
    # The ways offices write the unit in their sheets, separated by ';'.
    aliases = TextField(default="")
    kind = CharField(max_length=30, default="phong")
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    active = BooleanField(default=True, index=True)
    sort_order = IntegerField(default=0)

    class Meta:
        table_name = "unit"

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(";") if a.strip()]

    def match_keys(self):
        """Folded spellings that identify this unit in free text."""
        return {fold(x) for x in [self.name, self.abbreviation, *self.alias_list] if x and x.strip()}


class User(UserMixin, BaseModel):
    username = CharField(max_length=64, unique=True)
    full_name = CharField(max_length=255)
    title = CharField(max_length=255, default="")
    gender = CharField(max_length=3, default="Ông")
    email = CharField(max_length=255, default="")
    unit = ForeignKeyField(Unit, null=True, backref="users", on_delete="RESTRICT")
    roles = CharField(max_length=255, default="")
    clearance = BooleanField(default=False)
    active = BooleanField(default=True)
    password_hash = CharField(max_length=255)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    created_at = DateTimeField(default=datetime.datetime.now)

    class Meta:
        table_name = "user"

    def __str__(self):
        return self.full_name

    @property
    def is_active(self):
        return self.active

    @property
    def role_set(self):
        return frozenset(r for r in self.roles.split(",") if r)

    def has_role(self, *wanted):
        return bool(self.role_set.intersection(wanted))

    @property
    def is_office(self):
        """Leadership and the Office: they work on every unit's (non-secret) tasks."""
        return bool(self.role_set & roles.OFFICE)

    @property
    def role_labels(self):
        return [roles.LABELS[r] for r in roles.ALL if r in self.role_set]


class LoginThrottle(BaseModel):
    """Failed log-ins of one name from one client address (R-21): the lock-out is per pair."""

    name_key = CharField(max_length=64)
    address = CharField(max_length=64)
    failures = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    updated_at = DateTimeField(default=datetime.datetime.now)

    class Meta:
        table_name = "login_throttle"
        indexes = ((("name_key", "address"), True),)


class ApiToken(BaseModel):
    """A personal API token (issue 15): only its SHA-256 is kept; the token is shown once.

    SHA-256 and not argon2 as for passwords: the token is 256 random bits, so there is no
    dictionary to guess from, and a slow hash would cost every API request its time.
    """

    user = ForeignKeyField(User, backref="api_tokens", on_delete="CASCADE")
    name = CharField(max_length=100)
    token_hash = CharField(max_length=64, unique=True)
    # The token's first characters, shown in the list so the user can tell tokens apart.
    prefix = CharField(max_length=16)
    created_at = DateTimeField(default=datetime.datetime.now)
    expires_on = DateField(null=True)
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)

    class Meta:
        table_name = "api_token"
