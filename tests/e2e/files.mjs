// Reading what the dashboard downloaded: CSV (RFC 4180 quoting) and XLSX through
// an independent reader (Debian's python3-openpyxl).

import { execFileSync } from 'node:child_process';

export function parseCsv(text, separator) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      row.push(cell); cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const kReadXlsx = `
import json, sys
import openpyxl
sheet = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
rows = [["" if v is None else (v if isinstance(v, (int, float)) else str(v)) for v in row]
        for row in sheet.iter_rows(values_only=True)]
print(json.dumps(rows))
`;

// The first sheet's rows, empty cells as "".
export function readXlsx(file) {
  const out = execFileSync('/usr/bin/python3', ['-c', kReadXlsx, file], { encoding: 'utf8' });
  return JSON.parse(out);
}
