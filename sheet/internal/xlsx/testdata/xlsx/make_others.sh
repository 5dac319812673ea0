#!/bin/sh
# Remakes the workbooks here that other programs wrote, which TestSameAsExcelize
# reads: openpyxl (normal and write-only) and LibreOffice Calc. Needs Debian's
# python3-openpyxl and libreoffice-calc-nogui. Run from this folder; shared/
# is beside the repository.
set -e
/usr/bin/python3 make_others.py openpyxl.xlsx
/usr/bin/python3 ../../../../shared/peers/gen_big.py openpyxl-writeonly.xlsx 200
out=$(mktemp -d)
soffice -env:UserInstallation=file://$out/profile --headless --convert-to xlsx --outdir "$out" openpyxl.xlsx
mv "$out/openpyxl.xlsx" libreoffice.xlsx
rm -rf "$out"
