"""Background work of the dossier (huey tasks): assembly and archiving.

operations queue the work by name (`ASSEMBLE`, `ARCHIVE` in dossier/operations.py, the
dotted names of the functions below); `register` (called by the part's init_app) makes them
tasks of the app's queue, which gives each its own app context
and database connection. Tasks take ids only. Progress is written to the AssemblyJob row in short
transactions so the page can show it while the work goes on.
"""

import datetime
import json
import os
import tempfile

from inspection import queue
from inspection.db import db


def register(app):
    """Register the dossier's background work with the app's queue."""
    queue.register(app, assemble, archive)


def assemble(job_id):
    """Assemble the PDF and ZIP of a dossier for the AssemblyJob `job_id`."""
    _assemble(job_id)


def archive(dossier_id):
    """Write the BagIt package of a closed dossier (once) and record it."""
    from inspection.dossier.models import Dossier
    from inspection.dossier.operations import archive_now

    archive_now(Dossier.get_by_id(dossier_id))


def _set(job_id, **fields):
    from inspection.dossier.models import AssemblyJob

    with db.atomic():
        AssemblyJob.update(**fields).where(AssemblyJob.id == job_id).execute()


def _assemble(job_id):
    from inspection import uploads
    from inspection.dossier import packaging
    from inspection.dossier.models import DONE, FAILED, RUNNING, AssemblyJob

    job = AssemblyJob.get_by_id(job_id)
    _set(job_id, state=RUNNING)
    try:
        with tempfile.TemporaryDirectory(prefix="dossier-job-") as tmp:
            zip_path = os.path.join(tmp, "ho-so.zip")
            done, items, pdf_bytes = packaging.write_zip(
                job.dossier, zip_path, progress=lambda n, total: _set(job_id, progress=n, total=total)
            )
            name = f"{job.dossier.code}"
            pdf = uploads.store_bytes(pdf_bytes, f"{name}.pdf", user=job.created_by, allowed=("pdf",), max_bytes=2**40)
            with open(zip_path, "rb") as fh:
                zipped = _store_zip(fh, f"{name}.zip", job.created_by)
        toc = {str(it.item_id): [it.first_page, it.last_page] for it in items}
        _set(
            job_id,
            state=DONE,
            pdf=pdf,
            zip=zipped,
            page_count=done.page_count,
            toc=json.dumps(toc),
            finished_at=datetime.datetime.now(),
            message="",
        )
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the job, not lost
        _set(job_id, state=FAILED, message=f"Không ghép được hồ sơ: {exc}", finished_at=datetime.datetime.now())
        raise


def _store_zip(stream, filename, user):
    """Store the ZIP through the one storing function (inspection.uploads, by content hash)."""
    from inspection.dossier.operations import store_package_zip

    return store_package_zip(stream, filename, user)
