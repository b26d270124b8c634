"""Past paper dossiers and the retention schedule (issue 17): frozen changes of migration 0025.

- retention_line: the schedule the administrator keeps (period or permanent, legal reference
  required), seeded with one default line per kind of case and a permanent line.
- dossier.case_id becomes nullable: a digitised paper dossier belongs to no case.
- dossier.retention_line_id, digitised, sheets, location_shelf, location_box.
- Existing dossiers are mapped to the line of their case's kind when the period agrees.
"""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, Model, TextField

LAW = "Luật Lưu trữ 2024 (số 33/2024/QH15)"
CIRCULAR = "Thông tư 10/2022/TT-BNV (Bảng thời hạn bảo quản tài liệu; số mục: xem docs/archive.md)"
DEFAULTS = (
    ("KT-KH", "Hồ sơ kiểm tra theo kế hoạch", "ke_hoach", 20),
    ("KT-BGD", "Hồ sơ kiểm tra đột xuất theo yêu cầu của Ban Giám đốc Sở", "yeu_cau_bgd", 20),
    ("KT-DH", "Hồ sơ kiểm tra đột xuất do có dấu hiệu vi phạm", "dau_hieu", 20),
    ("KT-NB", "Hồ sơ kiểm tra nội bộ của đơn vị", "noi_bo", 10),
    ("KT-VV", "Hồ sơ kiểm tra vụ việc đặc biệt quan trọng", None, None),
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class RetentionLine(Base):
        code = CharField(max_length=30, unique=True)
        title = CharField(max_length=300)
        case_ground = CharField(max_length=30, null=True)
        years = IntegerField(null=True)
        legal_reference = CharField(max_length=300)
        active = BooleanField(default=True)
        note = TextField(default="")

        class Meta:
            table_name = "retention_line"

    db.create_tables([RetentionLine])
    migrator.migrate(
        migrator.drop_not_null("dossier", "case_id"),
        migrator.add_column(
            "dossier",
            "retention_line_id",
            ForeignKeyField(RetentionLine, field=RetentionLine.id, null=True, on_delete="RESTRICT"),
        ),
        migrator.add_column("dossier", "digitised", BooleanField(default=False)),
        migrator.add_column("dossier", "sheets", IntegerField(null=True)),
        migrator.add_column("dossier", "location_shelf", CharField(max_length=60, default="")),
        migrator.add_column("dossier", "location_box", CharField(max_length=60, default="")),
        migrator.add_index("dossier", ("digitised",), False),
    )
    for code, title, ground, years in DEFAULTS:
        RetentionLine.create(
            code=code, title=title, case_ground=ground, years=years, legal_reference=f"{CIRCULAR}; {LAW}"
        )
    # Old dossiers: the line of their case's kind, when its period is the text they carry.
    for line in RetentionLine.select().where(RetentionLine.case_ground.is_null(False)):
        label = "Vĩnh viễn" if line.years is None else f"{line.years} năm"
        db.execute_sql(
            "UPDATE dossier SET retention_line_id = ? WHERE retention = ? AND case_id IN "
            "(SELECT id FROM inspection_case WHERE ground = ?)".replace("?", db.param),
            (line.id, label, line.case_ground),
        )


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS dossier_retention_line_id")
    db.execute_sql("DROP INDEX IF EXISTS dossier_digitised")
    migrator.migrate(
        *(
            migrator.drop_column("dossier", c)
            for c in ("retention_line_id", "digitised", "sheets", "location_shelf", "location_box")
        ),
        migrator.add_not_null("dossier", "case_id"),
    )
    migrator.migrate(migrator.drop_table("retention_line"))
