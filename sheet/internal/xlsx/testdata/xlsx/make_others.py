#!/usr/bin/python3
"""Writes openpyxl.xlsx, a small session log with what bursars' files have:
a merged title row, dates in two formats, percents, a formula, a hidden row,
a hidden and a very hidden sheet. make_others.sh turns it into the other
test workbooks."""
import datetime as dt
import sys

from openpyxl import Workbook
from openpyxl.styles import Font

wb = Workbook()
ws = wb.active
ws.title = "9月"
ws.append(["2026年9月课后服务登记表"])
ws.merge_cells("A1:G1")
ws.append(["日期", "工号", "教师", "类型", "节数", "比例", "备注"])
rows = [
    (dt.date(2026, 9, 1), "T001", "张三", "上课", 2, 0.3, None),
    (dt.date(2026, 9, 2), "T002", "李 四", "安全管理", 1, 0.125, "替王五"),
    (dt.date(2026, 9, 3), "T001", "张三", "行政值班", 1, None, "a_x000D_b & <c>"),
    ("2026/9/4", "T003", "王五", "上课", "２", None, "日期是文本"),
]
for r in rows:
    ws.append(list(r))
for row in ws.iter_rows(min_row=3, max_row=5):
    row[0].number_format = "yyyy-mm-dd"
ws["A5"].number_format = 'yyyy"年"m"月"d"日"'
ws["F3"].number_format = "0%"
ws["F4"].number_format = "0.00%"
ws["E8"] = "=SUM(E3:E5)"
ws["C8"] = "合计"
ws["C8"].font = Font(bold=True)
ws.row_dimensions[6].hidden = True
for name, state in (("说明", "hidden"), ("内部", "veryHidden")):
    s = wb.create_sheet(name)
    s["A1"] = name
    s.sheet_state = state
wb.save(sys.argv[1])
