// Wire types of the server's REST API (/api/v1). Field names follow the JSON exactly.

export interface LoginResponse {
  token: string;
  username: string;
  expiresAt: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    line?: number | null;
    column?: number | null;
  };
}

export interface ResultColumn {
  name: string;
  type: string;
}

export type CellValue = string | number | boolean | null | CellValue[] | { [key: string]: CellValue };

export interface SqlResult {
  queryId: string;
  columns: ResultColumn[];
  rows: CellValue[][];
  rowCount: number;
  truncated: boolean;
  updateCount: number | null;
  elapsedMillis: number;
}

export type QueryStatus = 'FINISHED' | 'FAILED';

export interface QueryRecord {
  id: string;
  username: string;
  sql: string;
  status: QueryStatus;
  errorMessage: string | null;
  startedAt: string;
  planningMillis: number | null;
  executionMillis: number | null;
  totalMillis: number | null;
  filesPlanned: number | null;
  filesScanned: number | null;
  bytesScanned: number | null;
  rowsReturned: number | null;
  tablesRead: string[];
}

export interface Namespace {
  name: string;
}

export type ObjectKind = 'TABLE' | 'VIEW';

export interface CatalogObject {
  name: string;
  kind: ObjectKind;
}

export interface CatalogColumn {
  id: number;
  name: string;
  type: string;
  nullable: boolean;
  doc: string | null;
}

export interface Snapshot {
  snapshotId: number | string;
  parentId: number | string | null;
  timestamp: string | number;
  operation: string | null;
  summary: Record<string, string>;
}

export interface CatalogObjectDetail {
  namespace: string;
  name: string;
  kind: ObjectKind;
  columns: CatalogColumn[];
  partitioning: string[];
  snapshots: Snapshot[];
  viewSql: string | null;
  location: string | null;
  properties: Record<string, string>;
}

export interface Health {
  status: string;
  version: string;
}
