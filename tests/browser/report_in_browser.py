#!/usr/bin/env python3
"""The HTML audit report in a real browser (Debian's chromium, headless).

Generates the report from the sample list plus rows whose cells are
markup, opens it with a filter and an item in the address (the report keeps
its state there), and checks the DOM chromium ends with: only kept items
listed, the derivation shown, and the hostile cells shown as text with no
script run. Usage: report_in_browser.py QUANZE_BINARY SOURCE_DIR
"""
import csv
import html.parser
import io
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

quanze, source = sys.argv[1], sys.argv[2]
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAILED:", what)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chromium is not installed (apt-get install chromium)")


HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ATTR = '" onmouseover="document.body.dataset.pwned=1" x="'
HOSTILE_SCRIPT = "<script>document.body.dataset.pwned=1</script>"


def make_list(path):
    with open(os.path.join(source, "tests/data/sample-league.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, ga001 = rows[0], next(r for r in rows if r[0] == "GA-001")
    for item, name, dept in (("XSS-1", HOSTILE_IMG, "盟公安局"), ("XSS-2", HOSTILE_ATTR, HOSTILE_SCRIPT)):
        row = list(ga001)
        row[0], row[1], row[2] = item, name, dept
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def dump_dom(browser, page, fragment, profile):
    url = "file://" + urllib.parse.quote(page) + "#" + fragment
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        sys.exit("chromium failed: " + run.stderr[-2000:])
    return run.stdout


class Dom(html.parser.HTMLParser):
    """Elements with their attributes, and the text inside chosen elements."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.texts = [], [], {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in ("br", "meta", "input", "rect", "img", "link"):
            self.stack.append(attrs.get("id") or attrs.get("class") or tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for key in set(self.stack):
            self.texts[key] = self.texts.get(key, "") + data

    def text(self, key):
        return self.texts.get(key, "")


with tempfile.TemporaryDirectory() as tmp:
    listing = os.path.join(tmp, "list.csv")
    make_list(listing)
    out = os.path.join(tmp, "report")
    run = subprocess.run([quanze, "report", "-i", listing, "-d", out, "-f", "html"], capture_output=True, text=True)
    check(run.returncode == 0, "quanze report exits 0: " + run.stderr)
    page = os.path.join(out, "审计报告.html")
    browser = chromium()

    # Filter to kept items and open GA-001's derivation.
    dom = Dom(dump_dom(browser, page, "outcome=keep&item=GA-001", os.path.join(tmp, "p1")))
    body = next(attrs for tag, attrs in dom.elements if tag == "body")
    check(body.get("data-ready") == "true", "the report's script ran to the end")
    rows = [attrs for tag, attrs in dom.elements if tag == "tr" and "item" in (attrs.get("class") or "").split()]
    check(len(rows) == 26, "24 kept sample items and 2 hostile kept ones are listed, got %d" % len(rows))
    check(all("keep" in attrs["class"].split() for attrs in rows), "every listed item is kept")
    check(dom.text("count") == "共 26 项，显示第 1–26 项", "the count says 26: " + dom.text("count"))
    derivation = dom.text("derivation")
    check("GA-001 爆破作业单位许可证（非营业性）核发" in derivation, "the derivation names GA-001")
    check("结论：保留" in derivation, "the derivation concludes 保留")
    check("keep.security「涉及重大敏感领域的事项保留」（rules/liangyou.qz:98）" in derivation,
          "the deciding rule is shown with its line")
    check("delegate.entrust「应放尽放，委托下一级实施」（rules/liangyou.qz:58） 被 keep.mandated 推翻" in derivation,
          "the defeated rule is shown with what defeated it")
    check("未适用的规则" in derivation and "risk = 高" in derivation, "rules that did not apply, with values")

    # Search for the hostile item and open it: its cells are text.
    raw = dump_dom(browser, page, "q=" + urllib.parse.quote("onerror") + "&item=XSS-1", os.path.join(tmp, "p2"))
    dom = Dom(raw)
    check(not any(tag == "img" for tag, _ in dom.elements), "no <img> element was created from a cell")
    check(not any("onerror" in attrs or "onmouseover" in attrs for _, attrs in dom.elements),
          "no element has an event-handler attribute")
    body = next(attrs for tag, attrs in dom.elements if tag == "body")
    check("data-pwned" not in body, "no script from the list ran")
    check(HOSTILE_IMG in dom.text("item-table"), "the hostile name is shown as text in the table")
    check(HOSTILE_IMG in dom.text("derivation"), "the hostile name is shown as text in the derivation")
    check(len([1 for tag, attrs in dom.elements if tag == "tr" and "item" in (attrs.get("class") or "")]) == 1,
          "the search finds the one hostile item")
    scripts = [attrs for tag, attrs in dom.elements if tag == "script"]
    check(len(scripts) == 4, "only the report's own four script elements exist, got %d" % len(scripts))

    # The other hostile row, opened by its id: attribute and script text stay text.
    dom = Dom(dump_dom(browser, page, "item=XSS-2", os.path.join(tmp, "p3")))
    check(HOSTILE_ATTR in dom.text("derivation"), "a cell closing an attribute is shown as text")
    check(HOSTILE_SCRIPT in dom.text("derivation"), "a cell holding a script is shown as text")
    body = next(attrs for tag, attrs in dom.elements if tag == "body")
    check("data-pwned" not in body, "still no script from the list ran")

print("[browser] checks: %d | %d passed | %d failed" % (checks, checks - len(failures), len(failures)))
sys.exit(1 if failures else 0)
