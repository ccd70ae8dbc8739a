// The ledgers the API exports (CSV with BOM, or XLSX), offered on the pages that show them.

export const LEDGER_KINDS = ['projects', 'allocations', 'expenditures', 'responsible-persons', 'hazards'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const exportUrl = (kind: LedgerKind, format: 'csv' | 'xlsx') => `/api/ledger/${kind}/export?format=${format}`;
