"""The name badges' QR codes, a thousand at a time.

segno takes 0.23 ms to encode a check-in code, most of the badges PDF of a large
meeting (1,176 badges: 270 of 540 ms). Every check-in code has the same shape (ten
characters, QR alphanumeric mode, the same version, error correction level and
mask), and for one shape a QR code is linear in the bits of its data over GF(2):
the Reed-Solomon error correction is linear, and the padding, format bits and
mask are the same for every code. So a code's modules are the modules of
"0000000000" with, for each set bit of each character pair's 11-bit value, that
bit's own pattern flipped in. The 55 patterns are taken from segno once a process
(56 codes encoded), after which a code costs a few XORs of Python integers.

The test ``test_badge_qr_is_segnos_code_for_every_kind_of_check_in_code`` compares
the result with segno's own matrix for thousands of codes; a code of another shape
(none is made today) goes to segno.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import segno

from .models.registrations import CHECK_IN_CODE_LENGTH

# Any mask makes a valid QR code; choosing the best of the eight (as for the page and the email)
# only avoids large even areas, which a 21 x 21 code printed 18 mm wide does not need.
BADGE_QR_MASK = 0
QR_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INDEX = {char: index for index, char in enumerate(QR_ALPHANUMERIC)}
_PAIR_BITS = 11  # two alphanumeric characters: 45 * first + second < 2**11
_CODE_SHAPE = re.compile(f"[{re.escape(QR_ALPHANUMERIC)}]{{{CHECK_IN_CODE_LENGTH}}}")
# Codes of whole character pairs only: a last single character would be a 6-bit group of its own.
_LINEAR = CHECK_IN_CODE_LENGTH % 2 == 0


def badge_qr_segno(code: str) -> segno.QRCode:
    """segno's QR code for a badge: medium error correction at least, the fixed mask, alphanumeric mode
    when the code can be written in it."""
    mode = "alphanumeric" if _CODE_SHAPE.fullmatch(code) else None
    return segno.make_qr(code, error="m", mask=BADGE_QR_MASK, mode=mode)


@dataclass(frozen=True)
class _Basis:
    size: int  # modules a side
    zero: int  # the modules of "000...0", as bits (see _bits)
    patterns: tuple[tuple[int, ...], ...]  # [pair][bit]: the modules that bit flips


def _segno_rows(code: str) -> tuple[int, str]:
    """(size, rows) of segno's code, in ``badge_qr_rows``'s form."""
    matrix = badge_qr_segno(code).matrix
    return len(matrix), "".join("".join("1" if dark else "0" for dark in row) + "0" for row in matrix)


def _bits(rows: str) -> int:
    """The rows as an integer: bit i set for a "1" at position i."""
    return int(rows[::-1], 2)


@functools.cache
def _basis() -> _Basis:
    size, zero_rows = _segno_rows("0" * CHECK_IN_CODE_LENGTH)
    zero = _bits(zero_rows)
    patterns = []
    for pair in range(CHECK_IN_CODE_LENGTH // 2):
        flips = []
        for bit in range(_PAIR_BITS):
            first, second = divmod(1 << bit, 45)
            text = QR_ALPHANUMERIC[first] + QR_ALPHANUMERIC[second]
            code = text.rjust(2 * pair + 2, "0").ljust(CHECK_IN_CODE_LENGTH, "0")
            flips.append(_bits(_segno_rows(code)[1]) ^ zero)
        patterns.append(tuple(flips))
    return _Basis(size=size, zero=zero, patterns=tuple(patterns))


def badge_qr_rows(code: str) -> tuple[int, str]:
    """(size, rows): the code's modules as "1" (dark) and "0", row by row from the top, each row
    followed by a "0" (the last one too)."""
    if not _LINEAR or not _CODE_SHAPE.fullmatch(code):
        return _segno_rows(code)
    basis = _basis()
    modules = basis.zero
    for pair, patterns in enumerate(basis.patterns):
        value = 45 * _INDEX[code[2 * pair]] + _INDEX[code[2 * pair + 1]]
        bit = 0
        while value:
            if value & 1:
                modules ^= patterns[bit]
            value >>= 1
            bit += 1
    return basis.size, format(modules, f"0{basis.size * (basis.size + 1)}b")[::-1]
