"""The monitoring blueprint: every page of the part hangs under /monitoring ("Đôn đốc" in the menu)."""

from flask import Blueprint

from inspection.monitoring.figures import LABELS
from inspection.monitoring.rules import URGING_CHANNELS

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")


@bp.app_context_processor
def _figure_labels():
    # The register list names the figure a dashboard link filtered it by.
    # The register's task page names the channel of each urging.
    return {"MONITORING_FIGURE_LABELS": LABELS, "URGING_CHANNELS": URGING_CHANNELS}
