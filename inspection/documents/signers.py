"""The signer block of a document (Decree 30, Appendix I, item 7): decided here, once.

Who signs decides the lines above the signature: "KT." when a deputy signs on behalf of
the head, "TL." when the office chief signs by the head's authorisation, nothing when the
head (or the team leader, in his own name) signs. Every part asks `signer_block()`:
the documents page, the cases' issue forms and the context builders.
"""

from inspection import settings

DIRECTOR, DEPUTY, OFFICE_CHIEF, TEAM_LEADER = "director", "deputy", "office_chief", "team_leader"

# signer -> (authority line, title)
BLOCKS = {
    DIRECTOR: ("", "GIÁM ĐỐC"),
    DEPUTY: ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    OFFICE_CHIEF: ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"),
    TEAM_LEADER: ("", "TRƯỞNG ĐOÀN"),
}
FIELDS = ("signer_authority", "signer_title", "signer_name")


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
