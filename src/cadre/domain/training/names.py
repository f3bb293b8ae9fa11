"""Common Iraqi given and family names as written in Arabic, with the Latin spelling most met
in Iraqi military and passport records; and the suggested Latin form of any Arabic name.

The suggestion follows one stated scheme: a word found in the tables below takes its usual
spelling there; any other word is romanised letter by letter after ALA-LC without its
diacritics (ح and ه both h, ع and ء as an apostrophe, long vowels written, the short vowels
Arabic does not write left out), and the article ال written "al-". It is a suggestion: the
Latin form stays editable, and searching does not depend on it (see `sound_key`).

The names were chosen by hand among those the public sources in docs/sources.md list as
common in Iraq; the example trainees (examples/trainees/) are drawn from them.
"""

from __future__ import annotations

from cadre.domain.host import search_key

# fmt: off
GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("علي", "Ali"), ("حسين", "Hussein"),
    ("حسن", "Hassan"), ("عباس", "Abbas"), ("مصطفى", "Mustafa"), ("حيدر", "Haider"),
    ("كريم", "Karim"), ("جاسم", "Jasim"), ("قاسم", "Qasim"), ("خالد", "Khalid"),
    ("عمر", "Omar"), ("عثمان", "Othman"), ("إبراهيم", "Ibrahim"), ("يوسف", "Yousif"),
    ("سعد", "Saad"), ("سعيد", "Saeed"), ("صالح", "Salih"), ("فاضل", "Fadhil"),
    ("كاظم", "Kadhim"), ("جعفر", "Jaafar"), ("رعد", "Raad"), ("ماجد", "Majid"),
    ("حميد", "Hameed"), ("مجيد", "Majeed"), ("ستار", "Sattar"), ("جبار", "Jabbar"),
    ("عبد الله", "Abdullah"), ("عبد الرحمن", "Abdulrahman"), ("عبد الكريم", "Abdulkarim"),
    ("عبد الأمير", "Abdulameer"), ("عبد الحسين", "Abdulhussein"), ("عبد الرزاق", "Abdulrazzaq"),
    ("ضياء", "Dhiaa"), ("علاء", "Alaa"), ("مهدي", "Mahdi"), ("هادي", "Hadi"),
    ("ناصر", "Nasir"), ("منذر", "Munther"), ("وليد", "Waleed"), ("ياسر", "Yasir"),
    ("زيد", "Zaid"), ("رياض", "Riyadh"), ("سلام", "Salam"), ("عادل", "Adil"),
    ("طارق", "Tariq"), ("باسم", "Basim"), ("نبيل", "Nabeel"), ("فراس", "Firas"),
    ("مثنى", "Muthanna"), ("أنور", "Anwar"), ("عماد", "Imad"), ("ثامر", "Thamir"),
    ("شاكر", "Shakir"), ("صباح", "Sabah"), ("نوري", "Nouri"), ("مالك", "Malik"),
    ("سجاد", "Sajjad"), ("مرتضى", "Murtadha"), ("منتظر", "Muntadhar"), ("أمير", "Ameer"),
    ("حمزة", "Hamza"), ("عقيل", "Aqeel"), ("لؤي", "Luay"), ("مؤيد", "Muayad"),
    ("فاطمة", "Fatima"), ("زينب", "Zainab"), ("مريم", "Maryam"), ("نور", "Noor"),
    ("سارة", "Sara"), ("هدى", "Huda"), ("رنا", "Rana"), ("آمنة", "Amina"),
)

FAMILY_NAMES: tuple[tuple[str, str], ...] = (
    ("الجبوري", "al-Jubouri"), ("الدليمي", "al-Dulaimi"), ("العبيدي", "al-Obaidi"),
    ("الجنابي", "al-Janabi"), ("الشمري", "al-Shammari"), ("الزبيدي", "al-Zubaidi"),
    ("التميمي", "al-Tamimi"), ("الخزرجي", "al-Khazraji"), ("الربيعي", "al-Rubaie"),
    ("الساعدي", "al-Saadi"), ("المالكي", "al-Maliki"), ("الحسيني", "al-Husseini"),
    ("الموسوي", "al-Mousawi"), ("الكعبي", "al-Kaabi"), ("الخفاجي", "al-Khafaji"),
    ("العامري", "al-Amiri"), ("البياتي", "al-Bayati"), ("الكبيسي", "al-Kubaisi"),
    ("العزاوي", "al-Azzawi"), ("السامرائي", "al-Samarrai"), ("التكريتي", "al-Tikriti"),
    ("البغدادي", "al-Baghdadi"), ("النجفي", "al-Najafi"), ("الحلي", "al-Hilli"),
    ("البصري", "al-Basri"), ("الموصلي", "al-Mosuli"), ("الأنصاري", "al-Ansari"),
    ("الحداد", "al-Haddad"), ("العنزي", "al-Anazi"), ("الفتلاوي", "al-Fatlawi"),
    ("الغراوي", "al-Gharawi"), ("اللامي", "al-Lami"), ("الياسري", "al-Yasiri"),
    ("المحمداوي", "al-Mohammedawi"), ("الطائي", "al-Taie"), ("الكناني", "al-Kinani"),
)
# fmt: on

_KNOWN = {search_key(arabic): latin for arabic, latin in (*GIVEN_NAMES, *FAMILY_NAMES)}

_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ء": "'",
    "ئ": "'", "ؤ": "'",
}  # fmt: skip
_VOWEL_LETTERS = "اأإآٱى"


def _letters(word: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in "وي":
            # A consonant (w, y) where a word starts or beside a long vowel, else a long vowel.
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            consonant = (
                not before or before in _VOWEL_LETTERS or (after and after in _VOWEL_LETTERS)
            )
            out.append(("w" if ch == "و" else "y") if consonant else ("u" if ch == "و" else "i"))
        else:
            out.append(_LETTERS.get(ch, ""))
    return "".join(out)


def _word(word: str) -> str:
    known = _KNOWN.get(search_key(word))
    if known is not None:
        return known
    if word.startswith("ال") and len(word) > 3:
        rest = _KNOWN.get(search_key(word[2:]))
        return "al-" + (rest or _letters(word[2:]).capitalize())
    return _letters(word).capitalize()


def suggested_latin(arabic: str) -> str:
    """The Latin form the scheme above suggests for a name written in Arabic."""
    words = arabic.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if words[i] == "عبد" and i + 1 < len(words) and search_key(pair) in _KNOWN:
            out.append(_KNOWN[search_key(pair)])
            i += 2
            continue
        out.append(_word(words[i]))
        i += 1
    return " ".join(w for w in out if w)
