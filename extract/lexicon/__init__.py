"""The one vocabulary and the normal forms made from it: meeting, office, decision and group
words in both languages (`words`), region codes, ranks, names and cities (`normalize`), dates
(`dates`). Every stage reads its words from here, never a copy of its own."""
