"""The result of checking a stored PDF's signatures, one row per content hash (issue 16)."""

from peewee import CharField, DateTimeField, TextField

from inspection import clock
from inspection.db import BaseModel


class SignatureCheck(BaseModel):
    sha256 = CharField(max_length=64, unique=True)
    state = CharField(max_length=10)  # verify.UNSIGNED, VALID, INVALID
    summary = TextField(default="")  # the Vietnamese sentence shown beside the file
    level = CharField(max_length=10, default="")  # B-B, B-T, B-LT
    checked_at = DateTimeField(default=clock.now)

    class Meta:
        table_name = "signature_check"
