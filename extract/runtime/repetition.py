"""Stopping an answer whose list has begun repeating itself.

A 1.5B model sometimes falls into a loop inside a JSON list: the same entries again and again
until the list's cap or the token limit (one seed's officials answer wrote the same two
non-persons a dozen times each: stopped, it is 590 tokens and 32 s shorter, same records). An
entry written a second time, byte for byte, adds nothing (code merges duplicates), and a model
that has repeated several is looping. So the embedded model (`extract.runtime.embedded_llama`)
reads its answer as it writes it and stops at the third repeated entry of the answer's list;
the answer is then handled like one cut off at the token limit (`finish_reason` "length"): its
complete entries are kept.
"""

from __future__ import annotations

# Three, not one: a model may name an entry twice and go on to new ones; three repeats are a
# loop. (Part of the embedded backend's identity, so of every cache key.)
REPEATS_BEFORE_STOPPING = 3

_WHITESPACE = frozenset(b" \t\r\n")
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
# Depth 1 is the answer's object, 2 its list, 3 an entry of the list.
_ENTRY_DEPTH = 3


class RepeatedEntries:
    """Reads a JSON answer of the form {"key": [entry, ...]} as it is written, a piece at a
    time, and counts the entries of the list that repeat an earlier one exactly (whitespace
    outside strings aside)."""

    def __init__(self) -> None:
        self.depth = 0
        self.in_string = False
        self.escaped = False
        self.entry = bytearray()
        self.seen: set[bytes] = set()
        self.repeats = 0

    def feed(self, piece: bytes) -> int:
        """Read the next bytes of the answer; the number of repeated entries so far."""
        for byte in piece:
            if self.depth >= _ENTRY_DEPTH and (self.in_string or byte not in _WHITESPACE):
                self.entry.append(byte)
            if self.in_string:
                self._read_string_byte(byte)
            elif byte == _QUOTE:
                self.in_string = True
            elif byte in b"{[":
                self.depth += 1
                if self.depth == _ENTRY_DEPTH:
                    self.entry = bytearray([byte])
            elif byte in b"}]":
                self.depth -= 1
                if self.depth == _ENTRY_DEPTH - 1:
                    self._count(bytes(self.entry))
        return self.repeats

    def _read_string_byte(self, byte: int) -> None:
        if self.escaped:
            self.escaped = False
        elif byte == _BACKSLASH:
            self.escaped = True
        elif byte == _QUOTE:
            self.in_string = False

    def _count(self, entry: bytes) -> None:
        if entry in self.seen:
            self.repeats += 1
        self.seen.add(entry)
