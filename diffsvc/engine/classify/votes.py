"""Votes: who voted for a committee's action, who dissented, and why.

An FOMC statement ends with its vote: "Voting for the FOMC monetary policy action were: Ben S.
Bernanke, Chairman; … Voting against was Eric S. Rosengren, who preferred to lower the target
for the federal funds rate by 50 basis points at this meeting." A dissent added or dropped is
news an analyst looks for first; the voters who join and leave with the annual rotation of the
Reserve Bank presidents are not. Read as ordinary text, the record gives neither: a dropped
dissent came out as "target for the federal funds rate 50 basis points dropped", as if the
Committee's own target had changed. So the record is read as what it is: the voters, each
dissenter with the reason given, and where in the clause the dissents stand, so the figures a
dissenter preferred are said as the dissent's and never as the Committee's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diffsvc.models import Change

# A person's name as a vote record writes it: "Ben S. Bernanke", "J. Alfred Broaddus, Jr.",
# "Sarah Bloom Raskin", "Lael Brainard", "Robert D. McTeer, Jr.".
_PART = r"[A-Z][a-z]*[A-Z]?[a-z]+(?:[’'-][A-Z]?[a-z]+)?"
_NAME = re.compile(rf"(?:[A-Z]\.\s+)?{_PART}(?:\s+(?:[A-Z]\.|{_PART})){{1,3}}(?:,\s+(?:Jr|Sr)\.)?")
# Titles a record sets after a name ("Ben S. Bernanke, Chairman") or before it in a dissent's
# reason ("President Fisher believed …"): no voter's name.
_TITLE_WORDS = (
    "President", "Governor", "Chairman", "Chairwoman", "Chair", "Vice Chairman",
    "Mr.", "Ms.", "Mrs.", "Dr.",
)  # fmt: skip
_TITLES = frozenset(title.split()[0] for title in _TITLE_WORDS)
_TITLE = f"(?:{'|'.join(map(re.escape, _TITLE_WORDS))})"
_FOR = re.compile(
    r"\bVoting (?:for|in favou?r of) (?:the|this)\b[^:.]*?\b(?:actions?|policy|announcement) "
    r"were\b:?",
    re.IGNORECASE,
)
_AGAINST = re.compile(
    r"\bVoting against(?: (?:the|this) (?:action|policy))?(?::| (?:was|were):?)", re.IGNORECASE
)
# Where a record's last part ends: a line the statement adds after the vote.
_AFTER = re.compile(r"\bAbsent and not voting\b|\bIn a related action\b|\n\s*\n|\[", re.IGNORECASE)
_CHAIR = re.compile(rf"(?<![\w.])({_NAME.pattern}),\s*(?:Chairman|Chairwoman|Chair)\b")
_ABSENT = re.compile(r"\bAbsent and not voting (?:was|were):?\s*([^\n]*)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[a-z0-9)%”\"])\.\s+(?=[A-Z])")
_WHO = re.compile(r",?\s+(?:who|each of whom)\b")
RECORD_CHARS = 4000  # characters of a vote record read: FOMC's longest, three reasons, is 1,500
REASON_WORDS = 24  # words of a dissent's reason quoted in a note
CHANGED_WORDS = 12  # words of each of a changed dissent's two reasons quoted


@dataclass
class Record:
    """A vote as one version of a statement records it."""

    voters: dict[str, str] = field(default_factory=dict)  # who voted for, by key: name as written
    dissents: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: (name, reason)
    # Dissents set in the paragraph after the roster (FOMC 2010, 2014): they count in the vote,
    # and their own paragraph's entry notes them.
    elsewhere: dict[str, tuple[str, str]] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)  # members absent and not voting, by key
    chair: str = ""  # who the record names as the Committee's chair ("Ben S. Bernanke, Chairman")
    roster: range = range(0)  # where the names voting for stand
    against: range = range(0)  # where the dissents stand, reasons and all

    @property
    def everyone_against(self) -> dict[str, tuple[str, str]]:
        return {**self.elsewhere, **self.dissents}

    @property
    def everyone(self) -> set[str]:
        """Every member the record names, by key: voting for, against, or absent."""
        return self.voters.keys() | self.everyone_against.keys() | self.absent


def _key(name: str) -> str:
    """One person however written: "Eric Rosengren" is "Eric S. Rosengren"."""
    words = [w for w in name.replace(",", " ").split() if w not in ("Jr.", "Sr.")]
    return f"{words[0]} {words[-1]}".casefold()


def _names(text: str) -> list[str]:
    found = []
    for m in _NAME.finditer(text):
        words = m.group().split()
        if words[0] in _TITLES:
            continue
        found.append(m.group())
    return found


def read(text: str, following: str = "") -> Record | None:
    """The vote a clause records, if it records one; ``following`` is the clause after it,
    which may hold the dissents.

    >>> r = read("Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; "
    ...          "and Kevin M. Warsh. Voting against was Eric S. Rosengren, who preferred to "
    ...          "lower the target by 50 basis points.")
    >>> sorted(r.voters.values()), r.dissents["eric rosengren"]
    (['Ben S. Bernanke', 'Kevin M. Warsh'], ('Eric S. Rosengren', \
'preferred to lower the target by 50 basis points'))
    """
    head = _FOR.search(text)
    # A statement may set its dissents in a paragraph of their own.
    begin = head.end() if head else 0
    # A record is a paragraph: what runs past RECORD_CHARS is no part of it, and a pasted
    # megabyte that opens like one costs no more to read than a real one.
    text = text[: begin + RECORD_CHARS]
    end = _AFTER.search(text, begin)
    stop = end.start() if end else len(text)
    against = _AGAINST.search(text, begin, stop)
    if head is None and (against is None or text[: against.start()].strip()):
        return None
    record = Record()
    if head is not None:
        roster_end = against.start() if against else stop
        roster = text[head.end() : roster_end]
        start = head.end() + len(roster) - len(roster.lstrip())
        record.roster = range(start, max(start, head.end() + len(roster.rstrip())))
        for name in _names(roster):
            record.voters.setdefault(_key(name), name)
        chair = _CHAIR.search(roster)
        record.chair = chair.group(1) if chair else ""
    if against is not None:
        record.against = range(against.start(), stop)
        _read_dissents(text[against.end() : stop], record)
    absent = _ABSENT.search(text, begin)
    if absent is not None:
        # A member absent one time and voting the next did not rotate in.
        record.absent = {_key(name) for name in _names(absent.group(1))}
    if head is not None and against is None and following:
        after = read(following[:RECORD_CHARS])
        if after is not None and not after.voters:
            record.elsewhere = after.dissents
            record.absent |= after.absent
    return record if record.voters or against is not None else None


def _read_dissents(part: str, record: Record) -> None:
    """Each dissenter of a record's "Voting against …" part, with the reason given: "X, who
    preferred …", "X, who …; Y, who …", "X, Y, and Z, each of whom …", or the names alone
    and the reasons in sentences of their own ("President Fisher believed …")."""
    if re.match(r"\s*none\b", part, re.IGNORECASE):
        return
    whos = list(_WHO.finditer(part))
    if not whos:
        # "were Richard W. Fisher and Charles I. Plosser. President Fisher believed …": the
        # names up to the first sentence that is not a name's initial.
        stop = re.search(r"(?<![A-Z])(?<!Jr)(?<!Sr)\.(?=\s|$)", part)
        roster = part[: stop.start()] if stop else part
        rest = part[stop.end() :].strip() if stop else ""
        sentences = _SENTENCE.split(rest) if rest else []
        for name in _names(roster):
            # Each dissenter's reason is the sentences that name them ("President Fisher
            # believed …"); sentences that name none are everyone's.
            surname = name.replace(", Jr.", "").replace(", Sr.", "").split()[-1]
            own = [t for t in sentences if re.search(rf"\b{re.escape(surname)}\b", t)]
            reason = ". ".join(own) if own else rest
            # "President Plosser objected …" says what "Plosser, who objected …" says.
            reason = re.sub(rf"^(?:{_TITLE}\s+)?{re.escape(surname)}\s+(?=[a-z])", "", reason)
            record.dissents.setdefault(_key(name), (name, reason.strip(" .")))
        return
    start = 0
    for k, who in enumerate(whos):
        names = _names(part[start : who.start()])
        # The reason runs to the names of the next dissenter, after "; " or ", and ".
        if k + 1 < len(whos):
            nxt = whos[k + 1].start()
            lead = re.search(
                rf"(?:;|,)\s*(?:and\s+)?(?={_NAME.pattern}(?:,?\s*(?:and\s+)?{_NAME.pattern})*$)",
                part[who.end() : nxt],
            )
            cut = who.end() + lead.start() if lead else nxt
        else:
            cut = len(part)
        reason = part[who.end() : cut].strip(" ;,.")
        # The names before "who": after an earlier reason, only the last run of names.
        for name in names:
            record.dissents.setdefault(_key(name), (name, reason))
        start = cut


def _quote(reason: str, most: int = REASON_WORDS) -> str:
    words = reason.split()
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def _said(name: str, reason: str) -> str:
    if not reason:
        return name
    # A reason in sentences of its own ("President Fisher believed …") is quoted as written.
    return f"{name}: {_quote(reason)}" if reason[0].isupper() else f"{name}, who {_quote(reason)}"


def changes(old: Record | None, new: Record | None, new_text: str) -> list[Change]:
    """What changed in a vote between two versions: dissents added, dropped or given another
    reason, the count for and against, and (routine) the voters who joined and left."""
    if old is None or new is None:
        return []
    found: list[Change] = []
    # Dissents in a paragraph of their own are noted there, where the other version has such a
    # paragraph for it to pair with; they still count here. Where it has none (June 2003's
    # "Voting against the action was Robert T. Parry." after May's unanimous vote), the
    # paragraph stands added or removed, which says nothing of the vote, and they are noted here.
    new_dissents = new.dissents if old.elsewhere else new.everyone_against
    old_dissents = old.dissents if new.elsewhere else old.everyone_against
    against_old, against_new = old.everyone_against, new.everyone_against
    for key, (name, reason) in new_dissents.items():
        if key not in against_old:
            # A dissenter who rotated in did not change their mind: say so.
            newcomer = " (a new voter)" if old.voters and key not in old.everyone else ""
            note = f"dissent added: {_said(name, reason)}{newcomer}"
            found.append(Change(kind="vote", right=name, note=note))
        elif _words(against_old[key][1]) != _words(reason):
            # Both reasons, shorter: the inline diff shows them whole.
            before = _quote(against_old[key][1], CHANGED_WORDS) or "no reason given"
            after = _quote(reason, CHANGED_WORDS) or "no reason given"
            note = f"dissent changed: {name}: {before} → {after}"
            found.append(Change(kind="vote", left=against_old[key][0], right=name, note=note))
    for key, (name, reason) in old_dissents.items():
        if key not in against_new:
            # A dissent dropped because its member rotated off is no change of mind (FOMC
            # January 2015: Fisher, Kocherlakota and Plosser no longer vote).
            gone = ["no longer a voter"] if new.voters and key not in new.everyone else []
            gone += ["the vote is unanimous"] if not against_new else []
            why = f" ({'; '.join(gone)})" if gone else ""
            note = f"dissent dropped: {_said(name, reason)}{why}"
            found.append(Change(kind="vote", left=name, note=note))
    tally_old = (len(old.voters), len(against_old))
    tally_new = (len(new.voters), len(against_new))
    if old.voters and new.voters and tally_old[1] != tally_new[1]:
        note = f"vote {tally_old[0]}–{tally_old[1]} → {tally_new[0]}–{tally_new[1]}"
        found.append(
            Change(
                kind="vote",
                left=f"{tally_old[0]}–{tally_old[1]}",
                right=f"{tally_new[0]}–{tally_new[1]}",
                note=note,
            )
        )
    if old.chair and new.chair and _key(old.chair) != _key(new.chair):
        # A new chair is no rotation: it is news in its own right.
        note = f"chair changed: {old.chair} → {new.chair}"
        found.append(Change(kind="vote", left=old.chair, right=new.chair, note=note))
    everyone_old, everyone_new = old.everyone, new.everyone
    # The chairs, when they changed, are in the chair's note.
    chairs = {_key(old.chair), _key(new.chair)} if old.chair and new.chair else set()
    joined = [new.voters[k] for k in new.voters if k not in everyone_old | chairs]
    left = [old.voters[k] for k in old.voters if k not in everyone_new | chairs]
    if joined or left:
        said = []
        if joined:
            said.append(f"joined {', '.join(joined)}")
        if left:
            said.append(f"left {', '.join(left)}")
        found.append(
            Change(
                kind="vote",
                left=", ".join(left) or None,
                right=new_text[new.roster.start : new.roster.stop],
                note=f"voters rotated: {'; '.join(said)}",
                position=new.roster.start,
                routine=True,
            )
        )
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def within_dissents(change: Change, old: Record | None, new: Record | None) -> bool:
    """Whether a number or reference change stands in a record's dissents: its figure is what
    a dissenter preferred, said in the dissent's note."""
    if change.position is None:
        return False
    record = old if change.right is None else new
    return record is not None and change.position in record.against
