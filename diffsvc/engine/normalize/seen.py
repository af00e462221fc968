"""What normalising one version of a statement learnt, for the next version to reuse.

Versions of a statement repeat most of their paragraphs word for word, and their numbers.
Everything kept here is a pure function of a text: a paragraph's numbering pattern, the marker
that pattern makes (whether it follows the list around it is decided again each time, and Roman
numerals that could be letters are not kept), a clause's language and match key. So a
normalisation that reuses it gives exactly the document that one starting afresh gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diffsvc.engine.normalize.markers import Heads, Marker
from diffsvc.models import Language


@dataclass(slots=True)
class Seen:
    """Paragraph and clause facts by text, filled by ``normalize`` and read back by it.

    >>> from diffsvc import normalize
    >>> seen = Seen()
    >>> first = normalize("1. We agree.\\n2. We meet.", seen=seen)
    >>> seen.keys["We meet."], seen.markers["num_dot", "2. "].ordinal
    ('We meet.', 2)
    """

    heads: Heads = field(default_factory=dict)  # paragraph → numbering pattern at its start
    markers: dict[tuple[str, str], Marker] = field(default_factory=dict)  # pattern → marker
    languages: dict[str, Language] = field(default_factory=dict)  # clause text → language
    keys: dict[str, str] = field(default_factory=dict)  # clause text → match key
