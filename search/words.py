"""How text becomes words, the same for what is indexed and what is searched for.

Words are normalised in Python (lower case, Latin accents removed, each Chinese or Japanese character a
word of its own) so that PostgreSQL and SQLite see exactly the same words.
"""

import unicodedata

# PostgreSQL ignores words over 2047 bytes; nobody searches for one this long either.
MAX_WORD_LENGTH = 64


def _is_word_char(char):
    # Letters, digits and combining marks (Hindi vowel signs, Korean jamo): what PostgreSQL's parser
    # keeps inside a word. Underscores and punctuation separate words.
    return unicodedata.category(char)[0] in "LNM"


def _is_han(char):
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3040 <= code <= 0x30FF  # kana, written without spaces too
    )


def _is_latin(char):
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def _fold(word):
    """Lower case, compatibility forms unified, accents removed from Latin letters only.

    "Café" and "cafe" are one word; Korean syllables and Cyrillic letters (й, ё) keep their marks.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    kept = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def spans(text):
    """(start, end) of every word of ``text``; Chinese and Japanese characters are words of one character."""
    start = None
    for index, char in enumerate(text):
        if _is_word_char(char) and not _is_han(char):
            if start is None:
                start = index
            continue
        if start is not None:
            yield start, index
            start = None
        if _is_han(char):
            yield index, index + 1
    if start is not None:
        yield start, len(text)


def normalised(word):
    """The index words of one word of text: usually one, more when folding splits it ("½" is "1", "2")."""
    folded = _fold(word)
    return [folded[start:end] for start, end in spans(folded) if end - start <= MAX_WORD_LENGTH]


def words(text):
    """The normalised words of ``text``, in order."""
    return [piece for start, end in spans(text or "") for piece in normalised(text[start:end])]


def terms(*texts):
    """The words of ``texts`` as a ``*_terms`` column stores them: space-separated, a space at each end."""
    found = [word for text in texts for word in words(text)]
    return f" {' '.join(found)} " if found else ""
