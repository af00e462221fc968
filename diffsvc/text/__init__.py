"""Text rules, each defined once: scripts (what is Chinese), match keys, wrap joining, numerals.

Every stage that asks "is this a Chinese character", "are these two texts the same but for
presentation" or "what number is 十二" asks here, so the answer is the same everywhere.
"""
