"""The entry the huey consumer names: build the app from the environment, expose its queue.

.venv/bin/huey_consumer inspection.worker.huey --workers 1
"""

from inspection import create_app

app = create_app()
huey = app.extensions["huey"]
