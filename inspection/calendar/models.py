"""Administrator overrides of the working-day calendar (on top of `inspection.workdays`)."""

import datetime

from peewee import CharField, DateField, DateTimeField, ForeignKeyField

from inspection.accounts.models import User
from inspection.db import BaseModel

KIND_LABELS = {"off": "Ngày nghỉ thêm", "work": "Ngày làm việc thêm"}


class WorkdayOverride(BaseModel):
    day = DateField(unique=True)
    kind = CharField(max_length=4)  # 'off' | 'work' (inspection.workdays.KINDS)
    name = CharField(max_length=255)
    document_ref = CharField(max_length=255, default="")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=datetime.datetime.now)

    class Meta:
        table_name = "workday_override"

    def __str__(self):
        return f"{self.day:%d/%m/%Y} – {self.name}"

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @classmethod
    def as_overrides(cls):
        """All rows as the `overrides` mapping WorkCalendar takes."""
        return {o.day: (o.kind, o.name) for o in cls.select(cls.day, cls.kind, cls.name)}

    @classmethod
    def in_year(cls, year):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return cls.select().where(cls.day.between(start, end)).order_by(cls.day)
