"""What a ministry's file looks like: its encoding, delimiter and decimal mark.

* Encoding: a UTF-8 byte-order mark is honoured ("CSV UTF-8" from Excel); otherwise the bytes are
  tried as UTF-8, and if they are not UTF-8 the maintained detector ``charset-normalizer`` picks
  the encoding (usually Windows-1252 or Latin-1 for tables typed in Spanish, Portuguese or
  French). An encoding given by the caller is used as given.
* Delimiter: the most regular of comma, semicolon, tab and pipe over the first lines
  (:class:`csv.Sniffer` restricted to those four).
* Decimal mark: a comma when the delimiter is not a comma and numeric cells are written
  ``12,5`` or ``1.234,5``.

For example:

>>> from dpssec.io.sniff import decode, sniff_dialect
>>> text, encoding = decode("país;tasa\\nPerú;12,5\\n".encode("cp1252"))
>>> encoding, text.splitlines()[1]
('cp1252', 'Perú;12,5')
>>> sniff_dialect(text)
(';', ',')
"""

from __future__ import annotations

import codecs
import csv
import re

from dpssec.boundary import Model, Size, Text, example
from dpssec.errors import InputError

__all__ = ["decode", "sniff_dialect"]

_DELIMITERS = ",;\t|"
# Evidence of a decimal comma: "12,5", "1.234,5", and "1.200" (a dot before exactly three
# digits reads as a thousands separator in files that use ";", as Spanish, Portuguese and
# French spreadsheets write them). Evidence of a decimal point: "12.5", "0.1234", "1,234.5".
# A number may carry a unit ("1,5 ha", "2.4 km2").
_UNIT = r"(\s*[A-Za-zµ°%][A-Za-zµ°%²³^*/0-9 ]*)?"
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?(\d+,\d+|\d{1,3}(\.\d{3})+(,\d+)?)" + _UNIT + r"\s*$")
_DECIMAL_POINT = re.compile(
    r"^\s*[-+]?(\d+\.(\d{1,2}|\d{4,})|\d{1,3}(,\d{3})+\.\d+)" + _UNIT + r"\s*$"
)


_SAMPLE_LINE = 2_048
_DATA = Model((bytes, bytearray))
_TEXT = Text()
_LINES = Size(lower=1)


@example("nombre;año\nJosé;2020\n".encode("cp1252"))
def decode(data: bytes, encoding: str = "auto", *, name: str = "file") -> tuple[str, str]:
    """Text of ``data`` and the encoding used (``"utf-8-sig"`` when a BOM was present)."""
    data = _DATA.convert(data, "data")
    encoding = _TEXT.convert(encoding, "encoding")
    name = _TEXT.convert(name, "name")
    if encoding != "auto":
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not {encoding} text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
                "give encoding='auto' or the file's encoding"
            ) from None
        except (LookupError, ValueError):  # an unknown name, a name with a NUL in it
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: this is a binary file, not a text table")
    from charset_normalizer import from_bytes

    sample = data[:1_000_000]
    best = from_bytes(sample).best()
    # The detector often cannot tell the Western code pages apart on a short table (it may
    # name cp1250 or cp850 for "Condición"). When Windows-1252, what spreadsheets in Spanish,
    # Portuguese and French write, reads the bytes as Western letters no less plausibly (by the
    # detector's own "chaos" measure) than its best guess, Windows-1252 is used.
    western = _western_cp1252(data)
    if western is not None:
        as_cp1252 = from_bytes(sample, cp_isolation=["cp1252"]).best()
        if best is None or (as_cp1252 is not None and as_cp1252.chaos <= best.chaos + 0.05):
            return western, "cp1252"
    if best is None:
        raise InputError(
            f"{name}: cannot tell the text encoding; give encoding='cp1252' or similar"
        )
    guessed = best.encoding
    try:
        return data.decode(guessed), guessed
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_WESTERN_EXTRAS = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def _western_cp1252(data: bytes) -> str | None:
    """The Windows-1252 text of ``data`` if every non-ASCII character is a Western one."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in set(text):
        code = ord(char)
        if code < 128:
            continue
        if not (0xA0 <= code <= 0xFF or char in _WESTERN_EXTRAS):
            return None
    return text


@example("nombre;capacidad\nNorte;800\n")
def sniff_dialect(
    text: str, *, sample_lines: int = 50, decimal_lines: int = 5000
) -> tuple[str, str]:
    """(delimiter, decimal mark) of a CSV text; comment lines starting with ``#`` are skipped.

    The delimiter is read from the first ``sample_lines`` lines; the decimal mark from the
    first ``decimal_lines`` (a table may show its first fraction far down).
    """
    text = Text(empty=True).convert(text, "text")
    sample_lines = _LINES.convert(sample_lines, "sample_lines")
    decimal_lines = _LINES.convert(decimal_lines, "decimal_lines")
    # csv.Sniffer's regular expressions (and the decimal patterns) take quadratic time on long
    # lines: each line is cut to a few thousand characters, which is enough to tell the dialect
    wanted = max(sample_lines, decimal_lines)
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lines.append(line[:_SAMPLE_LINE])
            if len(lines) >= wanted:
                break
    sample = "\n".join(lines[:sample_lines])
    if not sample:
        return ",", "."
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in _DELIMITERS}
        delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","
    decimal = "."
    if delimiter != ",":
        cells = [cell for line in lines[1:decimal_lines] for cell in line.split(delimiter)]
        commas = sum(1 for c in cells if _DECIMAL_COMMA.match(c))
        points = sum(1 for c in cells if _DECIMAL_POINT.match(c))
        if commas > points or (commas and commas == points and delimiter == ";"):
            decimal = ","
    return delimiter, decimal
