/**
 * `npm run seed [-- --reset]`: fills the data folder's database with the demo street, as the runtime
 * does on its first start. `--reset` first deletes the whole data folder (database, uploads and the
 * session secret, so every old session and file URL stops working). Stop the runtime before a reset.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { openEmbeddedStore } from '../adapters/embedded/embedded-store';
import { DB_FILE_NAME, dataDirFrom, dbFile, FILES_DIR_NAME } from './data-dir';
import { SESSION_SECRET_FILE } from './session';

const RUNTIME_ENTRIES = new Set([DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, SESSION_SECRET_FILE, FILES_DIR_NAME]);
import { seedIfEmpty } from './seed/seed';

async function main(): Promise<void> {
  const dataDir = dataDirFrom(process.env.WGT_DATA_DIR);
  if (process.argv.includes('--reset') && existsSync(dataDir)) {
    // Deletes only a folder that holds nothing but runtime data: a mistyped WGT_DATA_DIR must not
    // take a home folder or the repository with it.
    const foreign = readdirSync(dataDir).filter((name) => !RUNTIME_ENTRIES.has(name));
    if (foreign.length) {
      throw new Error(`${dataDir} 中有不属于本地服务的文件 (${foreign.slice(0, 3).join(', ')})，未删除；请确认 WGT_DATA_DIR`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`已删除数据目录 (data folder removed): ${dataDir}`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openEmbeddedStore(dbFile(dataDir));
  try {
    const { seeded } = seedIfEmpty(store);
    console.log(
      seeded
        ? `已写入演示数据 (demo data seeded): ${store.countUsers()} 位用户 → ${dataDir}`
        : `数据库已有数据，未做改动 (not empty, left as is); 如需重置请运行 npm run seed -- --reset`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error('写入演示数据失败:', e instanceof Error ? e.message : e);
  process.exit(1);
});
