"""Guards on input files before any parser sees them, and on the values parsers give back.

A file must be an ordinary file of a sane size; RDF/XML is read once by expat (entities may
not swell it, elements may not nest without end), JSON-LD is scanned for its nesting depth,
and every literal must be short enough and hold only characters XML can carry (issue 10).
Knows no store, no generations and no Word.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from ..errors import InputError

#: A file larger than this is refused before it is read.
MAX_INPUT_BYTES = 512 * 1024 * 1024
#: The longest literal (in characters) an input may hold.
MAX_LITERAL_CHARS = 1_000_000
#: How deep elements (RDF/XML) or objects and arrays (JSON-LD) may nest.
MAX_DEPTH = 100
#: Entities may make an XML file at most this many times longer than it is (plus a margin).
MAX_EXPANSION = 10
_EXPANSION_MARGIN = 1024 * 1024
#: What the copy of an XML document writes as character references, so that the characters read
#: back the same (attribute values are normalised already; a CR in text would become a LF).
_TEXT = {"\r": "&#13;"}
_ATTRIBUTE = {"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}

_FOREIGN_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def _refuse(path: Path | str, da: str, en: str) -> InputError:
    return InputError(f"{path}: {da}", f"{path}: {en}")


def regular_file(path: Path, limit: int | None = None, *, shown: str | None = None) -> int:
    """The size of `path`, an ordinary file no larger than `limit` (MAX_INPUT_BYTES); InputError
    otherwise, naming the file as `shown` (default: the path). Never opens the file, so a pipe
    or a device cannot make the caller wait."""
    name = path if shown is None else shown
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise _refuse(name, "filen findes ikke; kontrollér stien.", "no such file; check the path.") from None
    except OSError as error:
        raise _refuse(
            name,
            f"kan ikke åbnes: {error.strerror}; kontrollér stien og rettighederne.",
            f"cannot be opened: {error.strerror}; check the path and the permissions.",
        ) from error
    if stat.S_ISDIR(status.st_mode):
        raise _refuse(
            name, "er en mappe, ikke en fil; angiv filerne i den.", "is a folder, not a file; give its files."
        )
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(
            name,
            "er ikke en almindelig fil (men fx et rør eller en enhed); gem indholdet i en fil og angiv den.",
            "is not an ordinary file (but a pipe or a device, say); save the content to a file and give that.",
        )
    if status.st_size > limit:
        megabytes = limit // (1024 * 1024)
        raise _refuse(
            name,
            f"filen er større end {megabytes} MB og læses ikke; del den i mindre filer.",
            f"the file is larger than {megabytes} MB and is not read; split it into smaller files.",
        )
    return status.st_size


def text_start(path: Path, head: bytes) -> int:
    """Where the text of an RDF file starts: after a UTF-8 byte order mark, which is skipped.
    A UTF-16 or UTF-32 mark is refused: RDF text formats are UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return len(codecs.BOM_UTF8)
    for bom, name in _FOREIGN_BOMS.items():
        if head.startswith(bom):
            raise _refuse(
                path,
                f"filen er kodet som {name}; gem den som UTF-8 og prøv igen.",
                f"the file is encoded as {name}; save it as UTF-8 and try again.",
            )
    return 0


def check_xml(path: Path, handle, size: int) -> bytes | None:
    """Read an XML file once with expat: no external DTD, external or parameter entities, entities
    that swell the text at most MAX_EXPANSION times, no literal text longer than MAX_LITERAL_CHARS,
    no nesting deeper than MAX_DEPTH. Stops at the first breach, so a bomb never unfolds.

    Oxigraph reads a DTD with a simpler parser of its own than expat's: it would also see a
    declaration inside a comment, and keep another of two declarations of one name. So for a
    document with a DOCTYPE this returns the copy to load instead: the document as expat read
    it, every entity expanded and no DTD left (None: the file can be loaded as it is)."""
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    budget = size * MAX_EXPANSION + _EXPANSION_MARGIN
    state = {"depth": 0, "text": 0, "total": 0}
    copy: list[str] | None = None

    def refuse(da: str, en: str):
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        raise InputError(f"{path}, linje {line}, kolonne {column}: {da}", f"{path}, line {line}, column {column}: {en}")

    def count(length: int) -> None:
        state["total"] += length
        if state["total"] > budget:
            refuse(
                f"XML-entiteterne folder filen ud til mere end {MAX_EXPANSION} gange dens størrelse; "
                "skriv teksten ud uden entiteter.",
                f"the XML entities expand the file to more than {MAX_EXPANSION} times its size; "
                "write the text out without entities.",
            )

    def literal(length: int) -> None:
        count(length)
        if length > MAX_LITERAL_CHARS:
            refuse(*_too_long())

    def start(name, attributes):
        state["depth"] += 1
        state["text"] = 0
        if state["depth"] > MAX_DEPTH:
            refuse(
                f"elementerne er indlejret mere end {MAX_DEPTH} niveauer dybt; gør strukturen fladere.",
                f"the elements nest more than {MAX_DEPTH} levels deep; make the structure flatter.",
            )
        pairs = list(zip(attributes[::2], attributes[1::2], strict=True))
        for _, value in pairs:
            literal(len(value))
        if copy is not None:
            copy.append(f"<{name}" + "".join(f" {key}={quoteattr(value, _ATTRIBUTE)}" for key, value in pairs) + ">")

    def end(name):
        state["depth"] -= 1
        state["text"] = 0
        if copy is not None:
            copy.append(f"</{name}>")

    def text(data):
        state["text"] += len(data)
        literal(state["text"])
        if copy is not None:
            copy.append(escape(data, _TEXT))

    def doctype(name, system_id, public_id, has_internal_subset):
        nonlocal copy
        copy = []
        if system_id or public_id:
            refuse(
                "DOCTYPE peger på en ekstern DTD, som ikke læses; fjern SYSTEM/PUBLIC-delen.",
                "the DOCTYPE points to an external DTD, which is not read; remove its SYSTEM/PUBLIC part.",
            )

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter or value is None:
            refuse(
                f"entiteten «{name}» er ekstern eller en parameter-entitet, som ikke læses; skriv dens "
                "indhold ud i filen.",
                f"the entity «{name}» is external or a parameter entity, which is not read; write its "
                "content out in the file.",
            )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    parser.StartDoctypeDeclHandler = doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.ParseFile(handle)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise InputError(
            f"{path}, linje {error.lineno}, kolonne {error.offset + 1}: XML-fejl: {reason}; ret filen.",
            f"{path}, line {error.lineno}, column {error.offset + 1}: XML error: {reason}; correct the file.",
        ) from error
    if copy is None:
        return None
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + "".join(copy)).encode("utf-8")


def check_json_depth(path: Path, handle) -> None:
    """Scan JSON for how deep its objects and arrays nest, a chunk at a time and without
    building them (a parser's recursion is what a deep file attacks)."""
    depth, in_string, escaped, line = 0, False, False, 1
    while chunk := handle.read(1 << 20):
        for byte in chunk:
            if in_string:
                if escaped:
                    escaped = False
                elif byte == 0x5C:  # backslash
                    escaped = True
                elif byte == 0x22:  # quote
                    in_string = False
            elif byte == 0x22:
                in_string = True
            elif byte in (0x7B, 0x5B):  # { [
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(
                        f"{path}, linje {line}: JSON-strukturen er indlejret mere end {MAX_DEPTH} niveauer dybt; "
                        "gør den fladere.",
                        f"{path}, line {line}: the JSON structure nests more than {MAX_DEPTH} levels deep; "
                        "make it flatter.",
                    )
            elif byte in (0x7D, 0x5D):  # } ]
                depth -= 1
            if byte == 0x0A:
                line += 1


def _too_long() -> tuple[str, str]:
    danish_number = f"{MAX_LITERAL_CHARS:,}".replace(",", ".")
    return (
        f"en tekst er længere end {danish_number} tegn; del den op, eller læg den i en fil for sig.",
        f"a text is longer than {MAX_LITERAL_CHARS:,} characters; split it, or keep it in a file of its own.",
    )


def xml_unsafe(text: str) -> int | None:
    """The position of the first character that XML 1.0 cannot carry (NUL and the other
    control characters but tab, line feed and carriage return; U+FFFE, U+FFFF), else None."""
    if text.isprintable():
        return None
    for position, character in enumerate(text):
        code = ord(character)
        if (code < 0x20 and character not in "\t\n\r") or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            return position
    return None


def check_text(text: str, da_where: str, en_where: str) -> None:
    """Refuse a text that is too long or holds a character XML cannot carry; the two `where`
    say in Danish and English which file and which statement."""
    if len(text) > MAX_LITERAL_CHARS:
        da, en = _too_long()
        raise InputError(f"{da_where}: {da}", f"{en_where}: {en}")
    position = xml_unsafe(text)
    if position is not None:
        code = f"U+{ord(text[position]):04X}"
        raise InputError(
            f"{da_where}: teksten har et styretegn ({code}) på plads {position + 1}, som hverken XML eller Word "
            "kan rumme; fjern det og prøv igen.",
            f"{en_where}: the text holds a control character ({code}) at position {position + 1}, which neither "
            "XML nor Word can hold; remove it and try again.",
        )
