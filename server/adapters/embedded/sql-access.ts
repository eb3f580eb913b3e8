import type Database from 'better-sqlite3';

export type Params = Record<string, unknown> | unknown[];

/** The statement runner the store's SQL goes through (prepared once, observed by the fault hook). */
export interface SqlAccess {
  readonly db: Database.Database;
  one<R>(sql: string, params?: Params): R | undefined;
  all<R>(sql: string, params?: Params): R[];
  /** Rows as arrays of column values, in the select's order (no object per row: cheaper for hot lists). */
  rows(sql: string, params?: Params): unknown[][];
  run(sql: string, params?: Params): Database.RunResult;
}

/** One statement of a list page: the SQL and its named parameters (exported for EXPLAIN QUERY PLAN tests). */
export interface PlannedStatement {
  sql: string;
  params: Record<string, unknown>;
}
