"""The personal feed as an RFC 5545 calendar (icalendar package). Pure: entries in, bytes out.

Every line is an all-day event (DTSTART;VALUE=DATE, DTEND the next day); UIDs are stable, so a
subscribed calendar updates an event rather than adding it twice. Secret tasks never reach this
module (queries.entries(for_feed=True)); a secret entry handed in anyway is dropped (R-5.2).
"""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from inspection.agenda.rules import KIND_LABELS

PRODID = "-//So//Theo doi don doc kiem tra nhiem vu//VI"
CALENDAR_NAME = "Lịch công tác – theo dõi, đôn đốc, kiểm tra"
UID_DOMAIN = "theo-doi-don-doc.local"


def feed_bytes(entries, base_url: str, stamp: datetime) -> bytes:
    """Return the VCALENDAR of `entries`; links are made absolute with `base_url`."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", CALENDAR_NAME)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = stamp.astimezone(UTC)  # a naive time is the server's local time
    for entry in entries:
        if entry.secret:
            continue
        cal.add_component(_event(entry, base_url, stamp))
    return cal.to_ical()


def _event(entry, base_url, stamp):
    event = Event()
    event.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + timedelta(days=1))
    event.add("summary", f"{KIND_LABELS[entry.kind]}: {entry.title}")
    event.add("transp", "TRANSPARENT")
    event.add("categories", [KIND_LABELS[entry.kind]])
    if entry.detail:
        event.add("description", entry.detail)
    if entry.link:
        event.add("url", base_url.rstrip("/") + entry.link)
    return event
