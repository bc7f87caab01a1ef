/** A report as a table: what `Accept: text/csv` answers (RFC 4180, CRLF line ends). */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote what would break the row; a leading = + - @ is quoted too (spreadsheet formulas).
  return /[",\r\n]|^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Whether the caller asked for CSV (an explicit text/csv in Accept). */
export function wantsCsv(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((part) => part.trim().toLowerCase().split(';')[0] === 'text/csv');
}
