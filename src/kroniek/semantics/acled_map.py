"""ACLED event type and sub-event type for an event, from its trigger and context.

The rules are language-independent: they read the trigger's own ACLED pair,
the event's mode and *context tags* found near the trigger (``context_tags``
in ``lang/<code>/events.yaml``: civilians, heavy-weapons, intervention, ...).
ACLED codes only political violence, demonstrations and strategic
developments that happened: nothing for requested, hypothetical or negated events.
"""

from __future__ import annotations

from typing import Iterable

EXPLOSIONS = "Explosions/Remote violence"
#: An ASSAULT's mode -> ACLED pair, when the trigger has none of its own.
MODE_ACLED: dict[str, tuple[str, str]] = {
    "heavy-weapons": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "aerial": (EXPLOSIONS, "Air/drone strike"),
    "drone": (EXPLOSIONS, "Air/drone strike"),
    "explosives": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "suicide-attack": (EXPLOSIONS, "Suicide bomb"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "destroy": ("Strategic developments", "Looting/property destruction"),
}
#: Context tags that name a weapon, most specific first: they give an ASSAULT its mode.
MODE_TAGS = ("suicide-attack", "drone", "aerial", "heavy-weapons", "explosives", "firearms")
#: Words for what was heard or seen, not the weapon, read only when no weapon is named:
#: several explosions along a front are a bombardment, a single blast a planted device.
FALLBACK_TAGS = {"barrage": "heavy-weapons", "blast": "explosives"}
#: Recipient sectors that make an attack a fight between armed parties (ACLED Battles).
ARMED_RECIPIENTS = frozenset({"MIL", "REB", "PMC", "INS", "COP"})
#: Armed groups outside the state: their 'arrests' are abductions (ACLED).
NON_STATE = frozenset({"REB", "INS", "PMC"})
STATE = frozenset({"GOV", "MIL", "COP", "JUD"})
#: Modes that name a weapon: no mob uses them.
WEAPON_MODES = frozenset({"heavy-weapons", "aerial", "drone", "explosives", "suicide-attack", "firearms"})
#: Modalities under which ACLED would code the event.
CODED_MODALITIES = frozenset({"asserted", "reported", "claimed"})


def mode_from_context(event_type: str, mode: str | None, tags: Iterable[str]) -> str | None:
    """The trigger's mode, or the weapon the sentence names ('aanval met raketten')."""
    if mode is not None or event_type != "ASSAULT":
        return mode
    tags = set(tags)
    if "firearms" in tags and "heavy-weapons" in tags:
        return "firearms"  # 'fired mortars and small arms at positions': forces in contact
    named = next((t for t in MODE_TAGS if t in tags), None)
    if named is not None:
        return named
    return next((mode for tag, mode in FALLBACK_TAGS.items() if tag in tags), None)


def decide(event_type: str, mode: str | None, trigger_acled: tuple[str, str] | None,
           tags: Iterable[str], modality: str, negated: bool,
           recipient_sectors: Iterable[str | None] = (),
           actor_sectors: Iterable[str | None] = ()) -> dict[str, str] | None:
    """The ``acled`` field: {event_type, sub_event_type} or None."""
    if negated or modality not in CODED_MODALITIES:
        return None
    tags = set(tags)
    pair = _pair(event_type, mode, trigger_acled, tags, set(recipient_sectors), set(actor_sectors))
    return {"event_type": pair[0], "sub_event_type": pair[1]} if pair else None


def _pair(event_type: str, mode: str | None, trigger_acled: tuple[str, str] | None,
          tags: set[str], sectors: set[str | None], actor_sectors: set[str | None] = frozenset()
          ) -> tuple[str, str] | None:
    if event_type == "ASSAULT":
        if _mob(mode, trigger_acled, tags, actor_sectors):
            return ("Riots", "Mob violence")
        return _assault(mode, trigger_acled, tags, sectors)
    if event_type == "PROTEST":
        return _protest(mode, trigger_acled, tags)
    if event_type == "COERCE" and trigger_acled == ("Strategic developments", "Arrests") \
            and actor_sectors & NON_STATE and not actor_sectors & STATE:
        return ("Violence against civilians", "Abduction/forced disappearance")  # armed groups abduct
    if event_type in ("COERCE", "AGREE", "MOBILIZE"):
        return trigger_acled
    return None


def _mob(mode: str | None, trigger_acled: tuple[str, str] | None, tags: set[str],
         actor_sectors: set[str | None]) -> bool:
    """A crowd, not an armed group, that beats, stones or clashes: ACLED mob violence."""
    if "crowd" not in tags or "armed" in tags or actor_sectors & ARMED_RECIPIENTS:
        return False
    if mode in MODE_ACLED or mode in WEAPON_MODES:
        return False
    return trigger_acled is None or trigger_acled[0] == "Battles"  # 'residents captured a robber'


def _assault(mode: str | None, trigger_acled: tuple[str, str] | None, tags: set[str],
             sectors: set[str | None]) -> tuple[str, str] | None:
    """Weapons decide Explosions, unless two sides exchange the fire (ACLED Battles); then
    who is attacked: armed men or police fight back (Battles), anyone else suffers one-sided
    violence (Violence against civilians)."""
    remote = trigger_acled or MODE_ACLED.get(mode)
    if remote is not None and remote[0] == EXPLOSIONS and (
            "exchange" in tags or "firearms" in tags and sectors & ARMED_RECIPIENTS):
        return ("Battles", "Armed clash")  # 'exchanged artillery fire', 'attacked soldiers with small arms and an IED'
    if remote is not None:
        return remote
    if sectors & ARMED_RECIPIENTS:
        return ("Battles", "Armed clash")
    if "civilians" in tags or "CVL" in sectors:
        return ("Violence against civilians", "Attack")
    if "armed" in tags and mode in (None, "firearms"):
        return ("Battles", "Armed clash")
    if "firearms" in tags:  # small arms, machine guns and nobody unarmed hit: an exchange of fire
        return ("Battles", "Armed clash")
    if mode in (None, "firearms", "targeted"):
        return ("Violence against civilians", "Attack")
    return None


def _protest(mode: str | None, trigger_acled: tuple[str, str] | None,
             tags: set[str]) -> tuple[str, str] | None:
    if mode == "riot":
        return trigger_acled or ("Riots", "Violent demonstration")
    if "violent" in tags:  # 'burned tyres', 'pelted stones', 'clashed with the police'
        return ("Riots", "Violent demonstration")
    if "lethal" in tags:
        return ("Protests", "Excessive force against protesters")
    if "intervention" in tags or "arrests" in tags:
        return ("Protests", "Protest with intervention")
    return trigger_acled
