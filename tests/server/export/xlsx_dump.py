#!/usr/bin/env python3
"""Reads an XLSX file with openpyxl (an independent reader) and prints, as JSON,
its sheet's frozen panes, auto filter, and every cell as [type, text]:
type n (number), d (date or date-time), s (text), e (empty)."""
import datetime
import json
import sys

import openpyxl


def cell(value, number_format):
    if value is None:
        return ["e", ""]
    if isinstance(value, bool):
        return ["s", str(value)]
    if isinstance(value, (int, float)):
        return ["n", str(int(value)) if float(value).is_integer() else repr(value)]
    if isinstance(value, datetime.datetime):
        if "h" in number_format:
            return ["d", value.strftime("%Y-%m-%dT%H:%M:%SZ")]
        return ["d", value.strftime("%Y-%m-%d")]
    if isinstance(value, datetime.date):
        return ["d", value.strftime("%Y-%m-%d")]
    return ["s", str(value)]


def main():
    book = openpyxl.load_workbook(sys.argv[1], read_only=False)
    sheet = book.worksheets[0]
    rows = [[cell(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]
    json.dump({"title": sheet.title, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
               "bold_header": all(c.font.b for c in next(sheet.iter_rows())), "rows": rows},
              sys.stdout, ensure_ascii=False)


main()
