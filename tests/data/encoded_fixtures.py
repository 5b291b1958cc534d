#!/usr/bin/env python3
"""Writes the encoded list fixtures from one list, with Python's codecs.

    python3 tests/data/encoded_fixtures.py tests/data

encoded-gb18030.csv   GB18030 CSV, as Excel saves "CSV" on a Chinese Windows
encoded-utf16le.txt   UTF-16LE with BOM, tab-separated: Excel's "Unicode text"
encoded-utf16be.tsv   UTF-16BE with BOM, tab-separated, LF line ends

The readers' tests expect every file to read as the same table.
"""
import sys

ROWS = [
    ["序号", "事项名称", "行使层级", "设定依据"],
    ["EN-001", "剧毒化学品购买许可", "盟市", "《危险化学品安全管理条例》第三十九条"],
    ["EN-002", "含,逗号与\t制表符", "旗县", ""],
    ["EN-003", "生僻字𠀀与€符号", "苏木乡镇", "第一行\n第二行"],
]


def cell(text, sep):
    if any(c in text for c in (sep, '"', "\n", "\t", ",")):
        return '"' + text.replace('"', '""') + '"'
    return text


def table(sep, newline):
    return "".join(sep.join(cell(c, sep) for c in row) + newline for row in ROWS)


def main(out):
    with open(f"{out}/encoded-gb18030.csv", "wb") as f:
        f.write(table(",", "\r\n").encode("gb18030"))
    with open(f"{out}/encoded-utf16le.txt", "wb") as f:
        f.write(b"\xff\xfe" + table("\t", "\r\n").encode("utf-16-le"))
    with open(f"{out}/encoded-utf16be.tsv", "wb") as f:
        f.write(b"\xfe\xff" + table("\t", "\n").encode("utf-16-be"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
