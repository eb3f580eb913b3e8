/**
 * The embedded database's schema, as an ordered list: migration N is `MIGRATIONS[N - 1]`. Each runs once,
 * inside its own transaction, and is recorded in `schema_migrations`. Never edit a shipped migration;
 * append a new one.
 *
 * Structured values that are only ever read whole (boundary, posts, residence, duty hours, audit detail)
 * are JSON text; anything a list filters or sorts on is a real column with an index.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE streets (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    district TEXT NOT NULL
  );
  CREATE INDEX streets_by_code ON streets (code);

  CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL REFERENCES streets (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    hotline TEXT NOT NULL,
    address TEXT NOT NULL
  );
  CREATE INDEX communities_by_street_code ON communities (street_id, code);
  CREATE INDEX communities_by_code ON communities (code);

  -- Worker ids are not foreign keys: a grid may name a worker whose account is created later.
  CREATE TABLE grids (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL REFERENCES streets (id),
    community_id TEXT NOT NULL REFERENCES communities (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    boundary TEXT NOT NULL,
    households INTEGER NOT NULL,
    primary_worker_id TEXT,
    backup_worker_id TEXT,
    qr_token TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX grids_by_code ON grids (code);
  CREATE INDEX grids_by_street_code ON grids (street_id, code);
  CREATE INDEX grids_by_community_code ON grids (community_id, code);
  CREATE INDEX grids_by_primary_worker ON grids (primary_worker_id) WHERE primary_worker_id IS NOT NULL;
  CREATE INDEX grids_by_backup_worker ON grids (backup_worker_id) WHERE backup_worker_id IS NOT NULL;
  CREATE UNIQUE INDEX grids_by_qr_token ON grids (qr_token);

  CREATE TABLE buildings (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL REFERENCES streets (id),
    community_id TEXT NOT NULL REFERENCES communities (id),
    grid_id TEXT NOT NULL REFERENCES grids (id),
    name TEXT NOT NULL,
    units INTEGER NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE INDEX buildings_by_community_seq ON buildings (community_id, seq);
  CREATE INDEX buildings_by_grid_seq ON buildings (grid_id, seq);

  -- room_key is the numeric-aware sort key of room (see roomSortKey).
  CREATE TABLE households (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL REFERENCES streets (id),
    community_id TEXT NOT NULL REFERENCES communities (id),
    grid_id TEXT NOT NULL REFERENCES grids (id),
    building_id TEXT NOT NULL REFERENCES buildings (id),
    unit INTEGER NOT NULL,
    room TEXT NOT NULL,
    room_key TEXT NOT NULL
  );
  CREATE INDEX households_by_building_unit_room ON households (building_id, unit, room_key);

  -- posts is the user's own list, read whole; user_posts repeats it row by row for the queries.
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT,
    residence TEXT,
    residence_community_id TEXT,
    posts TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX users_by_openid ON users (openid);
  CREATE INDEX users_by_residence_community ON users (residence_community_id) WHERE residence_community_id IS NOT NULL;

  CREATE TABLE user_posts (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    street_id TEXT NOT NULL,
    community_id TEXT,
    PRIMARY KEY (user_id, seq)
  );
  CREATE INDEX user_posts_by_role_community ON user_posts (role, community_id);
  CREATE INDEX user_posts_by_role_street ON user_posts (role, street_id);

  CREATE TABLE cards (
    worker_id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    work_phone TEXT NOT NULL,
    photo_file_id TEXT,
    duty_hours TEXT NOT NULL,
    intro TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX cards_by_photo ON cards (photo_file_id) WHERE photo_file_id IS NOT NULL;

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_by_target_at ON audit (target_type, target_id, at);
  `,
];

/** Applies the migrations this database has not seen yet; returns the versions applied now. */
export function applyMigrations(db: Database, migrations: readonly string[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const applied: number[] = [];
  for (let version = current + 1; version <= migrations.length; version++) {
    // IMMEDIATE: two processes opening the same file at once must not both apply a migration.
    db.transaction(() => {
      const again = (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version) as unknown) !== undefined;
      if (again) return;
      db.exec(migrations[version - 1]);
      record.run(version, new Date().toISOString());
      applied.push(version);
    }).immediate();
  }
  return applied;
}
