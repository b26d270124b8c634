"""Issue 14, the gaps an audit found: the archivist's home lists closed dossiers waiting for their
package, signing a case document releases it to the inspected units, the outgoing register names
who submitted each document, and no command line or English reaches the screens."""

from flask import current_app

from inspection.dossier.models import Dossier


def _archive_widget(client):
    home = client.get("/").get_data(as_text=True)
    start = home.index('id="widget-archive"')
    return home[start : home.index("</div></div>", start)]


def test_issue_14_the_archivist_home_lists_a_closed_dossier_until_it_is_archived(
    app, client, login, chief, dossier, make_user
):
    """R-17: a dossier closed and not yet packaged waits on the archivist's home; once archived it leaves."""
    from inspection.dossier import operations

    archivist = make_user(roles=["archivist"], full_name="Nguyễn Thị Lưu")
    login(client, archivist.username)
    assert dossier.code not in _archive_widget(client)
    huey = current_app.extensions["huey"]
    huey.immediate = False  # the package is written by the queue, as in production
    try:
        operations.close(dossier, chief)
        closed = Dossier.get_by_id(dossier.id)
        assert closed.is_closed and closed.archived_at is None
        widget = _archive_widget(client)
        assert "1 hồ sơ đã đóng đang chờ lập gói lưu trữ" in widget and closed.code in widget
        huey.execute(huey.dequeue())  # the queued archiving runs
    finally:
        huey.immediate = True
    assert Dossier.get_by_id(dossier.id).archived_at is not None
    widget = _archive_widget(client)
    assert closed.code not in widget and "Không có hồ sơ đã đóng nào đang chờ lập gói lưu trữ." in widget
