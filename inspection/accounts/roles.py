"""The roles of docs/rules.md ("Roles"); a user may hold several."""

DIRECTOR = "director"
DEPUTY = "deputy_director"
CHIEF = "chief_of_office"
TRACKER = "tracking_officer"
UNIT_HEAD = "unit_head"
UNIT_OFFICER = "unit_officer"
ADMIN = "admin"
ARCHIVIST = "archivist"

LABELS = {
    DIRECTOR: "Giám đốc Sở",
    DEPUTY: "Phó Giám đốc Sở",
    CHIEF: "Chánh Văn phòng Sở",
    TRACKER: "Chuyên viên theo dõi, đôn đốc",
    UNIT_HEAD: "Thủ trưởng đơn vị",
    UNIT_OFFICER: "Cán bộ theo dõi của đơn vị",
    ADMIN: "Quản trị hệ thống",
    ARCHIVIST: "Lưu trữ viên",
}
ALL = tuple(LABELS)
# Roles that act for the Department as a whole rather than for one unit.
LEADERSHIP = frozenset({DIRECTOR, DEPUTY})
OFFICE = frozenset({DIRECTOR, DEPUTY, CHIEF, TRACKER})
