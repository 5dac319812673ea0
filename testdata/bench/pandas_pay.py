#!/usr/bin/python3
"""Peer baseline A: pandas payroll. A copy of shared/peers/pandas_pay.py, so that
testdata/bench/run.sh can be run from a checkout alone.
usage: pandas_pay.py IN.xlsx OUT.xlsx [engine]   (engine: openpyxl | calamine)"""
import sys, time
from decimal import Decimal
import pandas as pd

inp, out = sys.argv[1], sys.argv[2]
engine = sys.argv[3] if len(sys.argv) > 3 else "openpyxl"
RATES = {"上课": Decimal("20"), "安全管理": Decimal("10"), "行政值班": Decimal("7")}
TYPES = list(RATES)

t0 = time.perf_counter()
df = pd.read_excel(inp, engine=engine, dtype={"教师": str, "类型": str})
t1 = time.perf_counter()

g = df.groupby(["教师", "类型"], sort=True)["节数"].sum()
rows = []
for teacher in sorted(df["教师"].unique()):
    rec = {"教师": teacher}
    total = Decimal(0)
    for t in TYPES:
        n = int(g.get((teacher, t), 0))
        pay = Decimal(n) * RATES[t]
        rec[f"{t}节数"] = n
        rec[f"{t}金额"] = pay
        total += pay
    rec["合计"] = total
    rows.append(rec)
res = pd.DataFrame(rows)
# xlsx has no decimal type: write as float (exact for these integer-valued amounts)
for c in res.columns:
    if c.endswith("金额") or c == "合计":
        res[c] = res[c].astype(float)
t2 = time.perf_counter()
res.to_excel(out, index=False, sheet_name="工资汇总", engine="openpyxl")
t3 = time.perf_counter()
print(f"rows_in={len(df)} teachers={len(res)} total={sum(r['合计'] for r in rows)} "
      f"read={t1-t0:.2f}s compute={t2-t1:.2f}s write={t3-t2:.2f}s", file=sys.stderr)
