"""The signer block of a document (Decree 30, Appendix I, item 7): decided here, once.

Who signs decides the lines above the signature: "KT." when a deputy signs on behalf of
the head, "TL." when the office chief signs by the head's authorisation, "TM." when the
team leader signs on behalf of the team (a collective), nothing when the head signs.
Every part asks `signer_block()`: the documents page, the cases' issue forms and the
context builders. Which signers a kind admits is the table `ALLOWED`, checked at issue by
`refusal()` (R-13.1: only the Director decides an inspection, or a Deputy he delegated).
"""

from inspection import settings
from inspection.documents import kinds

DIRECTOR, DEPUTY, OFFICE_CHIEF, TEAM_LEADER = "director", "deputy", "office_chief", "team_leader"
# Whoever presides an inspection run without a team (R-12.3 Deputy, R-12.4 Director, R-15.2 unit
# head): the cases part marks that block {"presider": True}; it has no fixed lines of its own.
PRESIDER = "presider"

# signer -> (authority line, title)
BLOCKS = {
    DIRECTOR: ("", "GIÁM ĐỐC"),
    DEPUTY: ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    OFFICE_CHIEF: ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"),
    TEAM_LEADER: ("TM. ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN"),
}
FIELDS = ("signer_authority", "signer_title", "signer_name")
LABELS = {
    DIRECTOR: "Giám đốc Sở",
    DEPUTY: "Phó Giám đốc Sở (KT. Giám đốc)",
    OFFICE_CHIEF: "Chánh Văn phòng (TL. Giám đốc)",
    TEAM_LEADER: "Trưởng đoàn (TM. Đoàn kiểm tra)",
    PRESIDER: "người chủ trì cuộc kiểm tra không lập Đoàn",
}

# A deputy may sign these only when the Director has delegated it (recorded: DELEGATION_KEY).
DELEGATED = "deputy_if_delegated"
DELEGATION_KEY = "documents.decision_delegate"

# kind -> who may sign it (Decree 30 KT./TL./TM.; the regulation's articles in the comments).
ALLOWED = {
    "inspection_plan": (DIRECTOR, DEPUTY),  # the plan the Director approved
    "inspection_decision": (DIRECTOR, DELEGATED),  # "Giám đốc Sở ra quyết định kiểm tra"
    "extension_decision": (DIRECTOR, DELEGATED),  # R-13d: who sets the time limit extends it
    "request_letter": (DIRECTOR, DEPUTY, OFFICE_CHIEF),  # a routine công văn may go TL.
    "inspection_report": (TEAM_LEADER, PRESIDER),  # whoever led it reports to the Director
    "invitation_letter": (TEAM_LEADER,),  # the leader invites during the inspection
    "conclusion_notice": (DIRECTOR, DEPUTY, OFFICE_CHIEF),  # the Director's conclusions
    "urging_letter": (DIRECTOR, DEPUTY, OFFICE_CHIEF),  # urging
    "periodic_report": (DIRECTOR, DEPUTY),  # R-18/19: the Department reports upward
}
ARTICLE = {
    "inspection_decision": "khoản 1 Điều 13",
    "extension_decision": "điểm d khoản 2 Điều 13",
    "inspection_report": "khoản 2 Điều 16",
    "conclusion_notice": "khoản 2 Điều 16",
}


# --- c4-delegate: the kinds the Director delegates to Deputies (issue 14, R-13.1) -----------------
# A Deputy signs "KT. GIÁM ĐỐC" a kind of this list only while the Director keeps it delegated
# (setting DEPUTY_KINDS_KEY: the kinds ticked, or None = all of them, i.e. the table ALLOWED).
DEPUTY_KINDS = tuple(k for k, keys in ALLOWED.items() if DEPUTY in keys)
DEPUTY_KINDS_KEY = "documents.deputy_kinds"


def deputy_kinds() -> tuple:
    """Return the kinds the Director currently lets his Deputies sign (KT.), in the order of ALLOWED."""
    stored = settings.get(DEPUTY_KINDS_KEY)
    return DEPUTY_KINDS if stored is None else tuple(k for k in DEPUTY_KINDS if k in stored)


def withdrawn(kind_name) -> bool:
    """True when the Director has not delegated `kind_name` to his Deputies (R-13.1, Decree 30 KT.)."""
    return kind_name in DEPUTY_KINDS and kind_name not in deputy_kinds()


def not_delegated(kind_name) -> str:
    """The Vietnamese refusal of a Deputy signing a kind the Director has not delegated."""
    return (
        f"Giám đốc Sở chưa ủy quyền cho Phó Giám đốc ký thay (KT. GIÁM ĐỐC) loại văn bản "
        f"“{kinds.get(kind_name).name_vi}”; văn bản này trình Giám đốc ký (Nghị định 30/2020/NĐ-CP, R-13.1)."
    )


# --- end c4-delegate ---


def title(signer) -> str:
    """Return the title printed above a signer's name ("PHÓ GIÁM ĐỐC")."""
    return BLOCKS[signer][1]


def default_name(signer, deputy_index=0) -> str:
    """Return the signer's name from the organisation profile (settings 'org.*')."""
    org = settings.get_many("org.")
    if signer == DEPUTY:
        names = org["org.deputy_names"] or [""]
        return names[deputy_index] if 0 <= deputy_index < len(names) else names[0]
    return {DIRECTOR: org["org.director_name"], OFFICE_CHIEF: org["org.office_chief_name"]}.get(signer, "")


def signer_block(signer=DIRECTOR, name=None, kind=None, deputy_index=0) -> dict:
    """Return {signer_authority, signer_title, signer_name} for a signer (and a kind).

    A kind whose template has no signature (the dossier forms) gets an empty block.
    """
    if kind is not None and not set(FIELDS) & set(kind.fields):
        return {}
    authority, signer_title = BLOCKS[signer]
    if name is None:
        name = default_name(signer, deputy_index)
    return {"signer_authority": authority, "signer_title": signer_title, "signer_name": name}


def signer_of(block) -> str | None:
    """Return which signer a block stands for (by its authority and title lines), or None."""
    pair = (str(block.get("signer_authority") or "").strip(), str(block.get("signer_title") or "").strip())
    return next((key for key, lines in BLOCKS.items() if lines == pair), None)


def allowed(kind_name, delegate=None) -> tuple:
    """Return the signers a kind admits; a delegated deputy counts only while `delegate` is set,
    a Deputy only for the kinds the Director keeps delegated (deputy_kinds)."""
    keys = ALLOWED.get(kind_name, tuple(BLOCKS))
    if withdrawn(kind_name):
        keys = tuple(k for k in keys if k != DEPUTY)
    return tuple(DEPUTY if k == DELEGATED else k for k in keys if k != DELEGATED or delegate)


def refusal(kind_name, block, delegate=None) -> str | None:
    """Return why `block` may not sign a document of `kind_name` (Vietnamese), or None (R-13.1).

    `delegate` is the recorded delegation ({"deputy_name": …}) of the decisions to a Deputy.
    """
    if kind_name not in ALLOWED:
        return None  # forms without a signature (dossier forms, minutes signed in their own frame)
    who = PRESIDER if block.get("presider") else signer_of(block)
    article = ARTICLE.get(kind_name, "Nghị định 30/2020/NĐ-CP, Phụ lục I")
    if who == DEPUTY and withdrawn(kind_name):
        return not_delegated(kind_name)
    names = ", ".join(LABELS[k] for k in allowed(kind_name, delegate))
    if who is None or who not in allowed(kind_name, delegate):
        extra = ""
        if DELEGATED in ALLOWED[kind_name] and not delegate:
            extra = "; Phó Giám đốc chỉ ký thay (KT.) khi Giám đốc đã ủy quyền và việc ủy quyền được ghi nhận"
        return f"Văn bản này chỉ do {names} ký{extra} ({article})."
    delegated_only = who == DEPUTY and DELEGATED in ALLOWED[kind_name]
    if delegated_only and str(block.get("signer_name") or "").strip() != delegate.get("deputy_name"):
        deputy = delegate.get("deputy_name")
        return f"Giám đốc Sở chỉ ủy quyền ký thay quyết định cho Phó Giám đốc {deputy} ({article})."
    return None


def delegation():
    """Return the recorded delegation of the Director's decisions to a Deputy, or None."""
    return settings.get(DELEGATION_KEY) or None


# --- c1-sign: who signs a submitted draft (issue 14) -----------------------------------------
# The account role that holds each signer block; a team leader or presider is a person of the
# case, named by the part owning the document's subject (documents.hooks.subject_signers).
ROLE_OF = {DIRECTOR: "director", DEPUTY: "deputy_director", OFFICE_CHIEF: "chief_of_office"}


def key_of(block) -> str:
    """Return the signer key of a block ("director", …, "presider"), or "" when it is none of them."""
    if block.get("presider"):
        return PRESIDER
    return signer_of(block) or ""


def signer_refusal(kind_name, signer_key, person, delegate=None, subject_signer_ids=()) -> str | None:
    """Return why `person` may not sign, as `signer_key`, a draft of `kind_name`, or None (R-13.1).

    `person` is (roles, full name, user id). The Director signs as Director; a Deputy as
    Deputy, and a decision only when the Director delegated it to him by name; the Chief of
    Office "TL."; a team leader or presider only for his own case (`subject_signer_ids`).
    """
    roles, name, user_id = person
    article = ARTICLE.get(kind_name, "Nghị định 30/2020/NĐ-CP, Phụ lục I")
    label = LABELS.get(signer_key, "người ký đã chọn")
    if signer_key in (TEAM_LEADER, PRESIDER):
        ok = user_id in subject_signer_ids
    else:
        ok = ROLE_OF.get(signer_key) in roles
    if ok and signer_key == DEPUTY and withdrawn(kind_name):
        return not_delegated(kind_name)
    if ok and signer_key == DEPUTY and DELEGATED in ALLOWED.get(kind_name, ()):
        ok = bool(delegate) and delegate.get("deputy_name") == name
    if not ok:
        return f"Văn bản này trình {label} ký; tài khoản của bạn không có thẩm quyền ký văn bản này ({article})."
    return None
