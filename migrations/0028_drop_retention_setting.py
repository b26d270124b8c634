"""Retention has one source (f2): the retention schedule (RetentionLine, migration 0025).

The setting `dossier.retention` (a period per kind of case) was read by nothing since the
schedule decides every dossier's retention; its key left settings.DEFAULTS, and a value an
installation stored under it is deleted here so no second, silent source remains.
Down puts nothing back: the value had no effect (the schedule's lines hold the periods).
"""

KEY = "dossier.retention"


def up(migrator, db):
    db.execute_sql(f'DELETE FROM "setting" WHERE "key" = {db.param}', (KEY,))


def down(migrator, db):
    pass
