"""Writes the hostile and odd essay files in this folder. Run from anywhere:

    python tests/data/bad_inputs/make_corpus.py

The two large cases (a 5 MB essay, a 1 MB line with no spaces) are not stored: the tests make
them on the fly so the repository stays small.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from tests.builders import docx_bytes, pdf_bytes  # noqa: E402

GOOD = ("Both countries were outcasts after the war, so they recognised each other. Germany wanted "
        "Russian raw materials, and the Soviets wanted German machines.")
rng = random.Random(1922)

CASES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace_only.txt": b"   \n\t\n   \r\n  ",
    "binary_random.txt": bytes(rng.randrange(256) for _ in range(4096)),
    "binary_png_header.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "invalid_utf8.txt": GOOD.encode() + b" caf\xc3( \x81\x8d\x8f\x90\x9d",
    "utf16_no_bom.txt": GOOD.encode("utf-16-le"),
    "utf16_be_no_bom.txt": GOOD.encode("utf-16-be"),
    "utf16_with_bom.txt": GOOD.encode("utf-16"),
    "utf8_bom.txt": b"\xef\xbb\xbf" + GOOD.encode(),
    "windows1252.txt": ("Rapallo \u2013 \u201cpariahs\u201d \u2026 " + GOOD).encode("cp1252"),
    "html_page.txt": (f"<!DOCTYPE html><html><head><title>x</title><style>p{{color:red}}</style></head>"
                      f"<body><h1>Essay</h1><p>{GOOD}</p><iframe src='http://evil'></iframe></body></html>").encode(),
    "markdown.md": (f"# My essay\n\n## Reasons\n\n- **Isolation**: {GOOD}\n- [link](http://x)\n\n```python\n"
                    "import os\nos.system('rm -rf /')\n```\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n").encode(),
    "control_chars.txt": ("\x07\x1b[31mRED\x1b[0m\x08\x0b\x0c " + GOOD + " \x1f\x7f").encode(),
    "emoji.txt": ("\U0001F1E9\U0001F1EA\U0001F91D\U0001F1F7\U0001F1FA " + GOOD + " \U0001F44D\U0001F3FD\u200d\u2642\ufe0f" * 20).encode(),
    "right_to_left_arabic.txt": "\u0648\u0642\u0639\u062a \u0623\u0644\u0645\u0627\u0646\u064a\u0627 \u0648\u0631\u0648\u0633\u064a\u0627 \u0645\u0639\u0627\u0647\u062f\u0629 \u0631\u0627\u0628\u0627\u0644\u0648 \u0641\u064a \u0639\u0627\u0645 1922.".encode(),
    "rtl_override_mixed.txt": ("\u202e" + GOOD + "\u202c \u05e2\u05d1\u05e8\u05d9\u05ea Rapallo").encode(),
    "chinese.txt": "\u62c9\u5df4\u6d1b\u6761\u7ea6\u662f\u5fb7\u56fd\u548c\u82cf\u4fc4\u57281922\u5e74\u7b7e\u8ba2\u7684\u3002".encode(),
    "german.txt": ("Der Vertrag von Rapallo wurde 1922 zwischen Deutschland und Sowjetrussland geschlossen, "
                   "weil beide Staaten international isoliert waren.").encode(),
    "french_accents.txt": "Les deux \u00c9tats \u00e9taient isol\u00e9s ; l\u2019Allemagne voulait des mati\u00e8res premi\u00e8res.".encode(),
    "question_only.txt": b"Explain the reasons behind the Treaty of Rapallo between the Soviet Union and Germany.",
    "rubric_pasted.txt": (HERE.parents[2] / "rubrics" / "rapallo.yaml").read_bytes(),
    "keyword_list.txt": b"Versailles, reparations, isolation, communism, raw materials, technology, Lipetsk, counterweight.",
    "single_word.txt": b"Rapallo",
    "only_punctuation.txt": b"!!! ??? ... ,,, ;;; --- ((( ))) [[[ ]]] {{{ }}}",
    "numbers_only.txt": b"1922 1918 1917 1939 100000 132 2 3 4 5 6 7 8 9 10",
    "long_word_10k.txt": ("Rapallo" * 1500).encode(),
    "repeated_sentence.txt": (GOOD + " ") .encode() * 200,
    "zero_width_chars.txt": GOOD.replace(" ", " \u200b\u200c\u200d\ufeff").encode(),
    "crlf_line_endings.txt": GOOD.replace(". ", ".\r\n").encode(),
    "cr_only_line_endings.txt": GOOD.replace(". ", ".\r").encode(),
    "tabs_and_newlines_only.txt": b"\t\t\n\n\t\n" * 100,
    "script_injection.txt": f"<script>alert('x')</script><img src=x onerror=alert(1)> {GOOD}".encode(),
    "csv_formula_injection.txt": f"=cmd|' /C calc'!A0 +1 -2 @SUM(A1) {GOOD}".encode(),
    "yaml_python_tag.txt": b"!!python/object/apply:os.system ['echo pwned']\nquestion: x",
    "json_document.txt": b'{"points": [{"id": "K1", "awarded": true}], "score": 10}',
    "zalgo_combining.txt": ("".join(c + "\u0301\u0316\u0334\u0360" for c in GOOD)).encode(),
    "math_symbols.txt": "\u2200x\u2208\u211d: x\u00b2 \u2265 0 \u2234 \u222b\u2207\u00d7F \u2260 \u221e".encode(),
    "lone_surrogate_bytes.txt": b"Rapallo \xed\xa0\x80 treaty",
    "null_in_middle.txt": GOOD.encode()[:40] + b"\x00" + GOOD.encode()[40:],
    "corrupt.docx": b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)),
    "not_a_zip.docx": GOOD.encode(),
    "zip_bomb.docx": b"",  # filled below
    "corrupt.pdf": b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(500)),
    "scanned_no_text.pdf": pdf_bytes([]),
    "valid.docx": docx_bytes([GOOD, "Secret training in Russia evaded Versailles."]),
    "valid.pdf": pdf_bytes([GOOD]),
    "all_negated.txt": b"It was not about isolation. Germany did not want raw materials. Nobody trained in secret. "
                       b"This is wrong: they never opposed Versailles.",
    "all_caps_shouting.txt": GOOD.upper().encode(),
    "run_on_no_punctuation.txt": (" ".join(GOOD.replace(".", "").replace(",", "").split()) + " and ").encode() * 60,
    "unicode_bullets.txt": ("\u2022 " + GOOD.replace(". ", ".\n\u25cf ")).encode(),
    "mixed_scripts.txt": ("Rapallo \u0420\u0430\u043f\u0430\u043b\u043b\u043e \u30e9\u30d1\u30c3\u30ed " + GOOD).encode(),
    "deep_markup_nesting.txt": (b"<div>" * 2000) + GOOD.encode() + (b"</div>" * 2000),
}


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 30_000_000 + b"/>")
    return out.getvalue()


CASES["zip_bomb.docx"] = zip_bomb()

if __name__ == "__main__":
    for name, data in CASES.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(CASES)} files to {HERE}")
