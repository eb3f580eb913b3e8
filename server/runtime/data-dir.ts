/** The data folder's layout (see docs/LOCAL-RUNTIME.md); the session secret's name lives in session.ts. */
import { join, resolve } from 'node:path';

export const DB_FILE_NAME = 'wanggetong.db';
export const FILES_DIR_NAME = 'files';

/** WGT_DATA_DIR, or ./data, as an absolute path. */
export function dataDirFrom(value: string | undefined): string {
  return resolve(value && value.trim() ? value : './data');
}

export const dbFile = (dataDir: string) => join(dataDir, DB_FILE_NAME);
export const filesDir = (dataDir: string) => join(dataDir, FILES_DIR_NAME);
