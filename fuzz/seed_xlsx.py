#!/usr/bin/env python3
"""Writes the XLSX fuzz seeds into fuzz/corpus/xlsx/.

The seeds are zip archives whose parts are *stored*, not deflated, so that
libFuzzer's byte mutations land in the XML the sheet reader parses instead
of breaking the deflate stream (a deflated seed mostly exercises the
inflater's error paths). One seed is LibreOffice's own file re-stored; the
others are the smallest workbooks that reach each way of writing a cell:
shared strings, inline strings, numbers under a date format, booleans,
formulas with cached values, Excel errors, a title above the header row and
two sheets, one hidden.

    python3 fuzz/seed_xlsx.py        # from the repository's root
"""
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "corpus" / "xlsx"
HEADERS = ["序号", "事项名称", "实施部门", "职权类型", "行使层级", "设定依据", "法定层级", "依据允许授权", "风险等级"]
ROW = ["GA-001", "户外广告设置审批", "盟公安局", "行政许可", "盟市", "《中华人民共和国道路交通安全法》第三十条", "法律", "是", "中"]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
    "</styleSheet>"
)


def col(i):
    return chr(ord("A") + i)


def workbook(sheets):
    """sheets: list of (name, state, sheet xml)."""
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/styles.xml": STYLES}
    entries, rels = [], []
    for n, (name, state, xml) in enumerate(sheets, 1):
        extra = f' state="{state}"' if state else ""
        entries.append(f'<sheet name="{name}" sheetId="{n}"{extra} r:id="rId{n}"/>')
        rels.append(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
        )
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    rels.append(
        f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    )
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<workbookPr date1904="false"/><sheets>{"".join(entries)}</sheets></workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{"".join(rels)}</Relationships>'
    )
    return parts


def sheet(rows):
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def write(name, parts):
    OUT.mkdir(parents=True, exist_ok=True)
    # Fixed timestamps: the seeds are the same bytes on every run.
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_STORED) as z:
        for path, text in parts.items():
            info = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode("utf-8"))


def main():
    # Shared strings: the header row and one item.
    strings = HEADERS + ROW
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings[:-1])
        + f'<si><r><t>{strings[-1][:1]}</t></r><r><rPr><b/></rPr><t>{strings[-1][1:]}</t></r></si></sst>'
    )
    rows = [
        (1, [f'<c r="{col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADERS))]),
        (2, [f'<c r="{col(i)}2" t="s"><v>{len(HEADERS) + i}</v></c>' for i in range(len(ROW))]),
    ]
    parts = workbook([("清单", None, sheet(rows))])
    parts["xl/sharedStrings.xml"] = shared
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    write("shared-strings.xlsx", parts)

    # Inline strings under a title; numbers, a date, a boolean, a formula, an error.
    rows = [
        (1, [inline("A1", "盟公安局权责清单")]),
        (3, [inline(f"{col(i)}3", h) for i, h in enumerate(HEADERS)] + [inline("J3", "年办件量"), inline("K3", "受理日期")]),
        (4, [inline(f"{col(i)}4", v) for i, v in enumerate(ROW)] + ['<c r="J4"><v>120</v></c>', '<c r="K4" s="1"><v>44931</v></c>']),
        (5, [inline("A5", "GA-002"), '<c r="B5" t="b"><v>1</v></c>', '<c r="C5" t="str"><f>A5&amp;"x"</f><v>GA-002x</v></c>',
             '<c r="D5" t="e"><v>#N/A</v></c>', '<c r="E5"><v>12.5</v></c>', '<c r="K5" s="2"><v>1</v></c>']),
    ]
    write("inline-title.xlsx", workbook([("清单", None, sheet(rows))]))

    # Two sheets, the first hidden: the reader takes the first visible one.
    hidden = sheet([(1, [inline("A1", "隐藏")])])
    rows = [(1, [inline(f"{col(i)}1", h) for i, h in enumerate(HEADERS)]), (2, [inline(f"{col(i)}2", v) for i, v in enumerate(ROW)])]
    write("hidden-sheet.xlsx", workbook([("草稿", "hidden", hidden), ("公安局", None, sheet(rows))]))

    # LibreOffice's own file (tests/data), its parts re-stored.
    with zipfile.ZipFile(HERE.parent / "tests" / "data" / "libreoffice.xlsx") as z:
        write("libreoffice.xlsx", {n: z.read(n).decode("utf-8") for n in z.namelist()})


if __name__ == "__main__":
    main()
