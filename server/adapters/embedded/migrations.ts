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
  // 2: requests (诉求), their events, in-app messages, the outbox, rate counters and per-street request config.
  `
  -- data is the whole ServiceRequest as JSON, read whole; the columns beside it are what lists filter and
  -- sort on, rewritten from it on every write. due_at is the deadline that matters now and deadline_key
  -- the 'deadline' sort key (see server/adapters/request-paging.ts). Every list runs on one
  -- (scope, status, sort key, id) index: scope is the street, community, grid, resident or handler.
  -- Requests keep ids of places, people and categories without foreign keys: history outlives config.
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    category_id TEXT NOT NULL,
    resident_id TEXT,
    submitter_id TEXT NOT NULL,
    handler_id TEXT,
    status TEXT NOT NULL,
    due_at TEXT,
    deadline_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    idempotency_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE UNIQUE INDEX requests_by_idempotency ON requests (submitter_id, idempotency_key);
  CREATE INDEX requests_by_street_status_created ON requests (street_id, status, created_at, id);
  CREATE INDEX requests_by_street_status_deadline ON requests (street_id, status, deadline_key, id);
  CREATE INDEX requests_by_community_status_created ON requests (community_id, status, created_at, id);
  CREATE INDEX requests_by_community_status_deadline ON requests (community_id, status, deadline_key, id);
  CREATE INDEX requests_by_grid_status_created ON requests (grid_id, status, created_at, id);
  CREATE INDEX requests_by_grid_status_deadline ON requests (grid_id, status, deadline_key, id);
  CREATE INDEX requests_by_resident_status_created ON requests (resident_id, status, created_at, id) WHERE resident_id IS NOT NULL;
  CREATE INDEX requests_by_resident_status_deadline ON requests (resident_id, status, deadline_key, id) WHERE resident_id IS NOT NULL;
  CREATE INDEX requests_by_handler_status_created ON requests (handler_id, status, created_at, id) WHERE handler_id IS NOT NULL;
  CREATE INDEX requests_by_handler_status_deadline ON requests (handler_id, status, deadline_key, id) WHERE handler_id IS NOT NULL;

  -- The timeline: (request_id, seq) is unique, so two writers can never both append event n. data holds
  -- the event's other fields as JSON.
  CREATE TABLE request_events (
    request_id TEXT NOT NULL REFERENCES requests (id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (request_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE inbox (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    at TEXT NOT NULL,
    read_at TEXT
  );
  CREATE INDEX inbox_by_user_at ON inbox (user_id, at DESC, id DESC);
  CREATE INDEX inbox_unread_by_user ON inbox (user_id) WHERE read_at IS NULL;

  -- id is "eventId:recipientId:channel": a cause can queue each delivery once.
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    template TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_try_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX outbox_by_status_next_try ON outbox (status, next_try_at);

  -- Fixed windows: bucket = floor(epoch minutes / window_minutes).
  CREATE TABLE rate_counters (
    submitter_id TEXT NOT NULL,
    window_minutes INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (submitter_id, window_minutes, bucket)
  ) WITHOUT ROWID;

  CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX categories_by_street_seq ON categories (street_id, seq, id);

  CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL
  );
  CREATE INDEX departments_by_street ON departments (street_id, id);

  CREATE TABLE request_settings (
    street_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
  );

  CREATE TABLE calendars (
    year INTEGER PRIMARY KEY,
    data TEXT NOT NULL
  );
  `,
  // 3: notices — the notice, one scope key per targeted place (what feeds look up), receipts, household reach and
  // per-(notice, grid) counters. Publishing writes no per-resident rows. Households gain key groups; users
  // gain the grid and household they are bound to (what the not-reached list and the audience look up).
  `
  ALTER TABLE households ADD COLUMN key_groups TEXT NOT NULL DEFAULT '[]';
  CREATE INDEX households_by_grid ON households (grid_id, building_id, unit, room_key);

  ALTER TABLE users ADD COLUMN residence_grid_id TEXT;
  ALTER TABLE users ADD COLUMN residence_household_id TEXT;
  UPDATE users SET residence_grid_id = json_extract(residence, '$.gridId'),
                   residence_household_id = json_extract(residence, '$.householdId')
   WHERE residence IS NOT NULL;
  CREATE INDEX users_by_residence_grid ON users (residence_grid_id, id) WHERE residence_grid_id IS NOT NULL;
  CREATE INDEX users_by_residence_household ON users (residence_household_id) WHERE residence_household_id IS NOT NULL;

  CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    publisher_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    publish_at TEXT NOT NULL,
    head TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX notices_by_idempotency ON notices (publisher_id, idempotency_key);
  CREATE INDEX notices_by_street ON notices (street_id, publish_at DESC, id DESC);

  -- One row per place a notice targets (kind: street | communities | grids | buildings). community_id and grid_id
  -- locate the place for management lists (null when the place is wider). live columns mirror the notice.
  CREATE TABLE notice_keys (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    kind TEXT NOT NULL,
    place_id TEXT NOT NULL,
    street_id TEXT NOT NULL,
    community_id TEXT,
    grid_id TEXT,
    priority INTEGER NOT NULL,
    publish_at TEXT NOT NULL,
    expires_at TEXT,
    withdrawn INTEGER NOT NULL,
    PRIMARY KEY (notice_id, kind, place_id)
  );
  CREATE INDEX notice_keys_feed ON notice_keys (kind, place_id, priority DESC, publish_at DESC, notice_id DESC, withdrawn, expires_at);
  CREATE INDEX notice_keys_by_place ON notice_keys (kind, place_id, publish_at DESC, notice_id DESC);
  CREATE INDEX notice_keys_by_community ON notice_keys (community_id, publish_at DESC, notice_id DESC) WHERE community_id IS NOT NULL;
  CREATE INDEX notice_keys_by_grid ON notice_keys (grid_id, publish_at DESC, notice_id DESC) WHERE grid_id IS NOT NULL;

  CREATE TABLE notice_receipts (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    user_id TEXT NOT NULL,
    read_at TEXT NOT NULL,
    read_version INTEGER NOT NULL,
    acked_at TEXT,
    PRIMARY KEY (user_id, notice_id)
  );

  CREATE TABLE notice_reach (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    household_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    building_id TEXT NOT NULL,
    method TEXT NOT NULL,
    by_id TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (notice_id, household_id)
  );
  CREATE INDEX notice_reach_by_grid ON notice_reach (notice_id, grid_id);

  CREATE TABLE notice_grid_stats (
    notice_id TEXT NOT NULL REFERENCES notices (id),
    grid_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    reads INTEGER NOT NULL DEFAULT 0,
    acks INTEGER NOT NULL DEFAULT 0,
    reached_read INTEGER NOT NULL DEFAULT 0,
    reached_visit INTEGER NOT NULL DEFAULT 0,
    reached_phone INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (notice_id, grid_id)
  );
  `,
  // 4: delivery — outbox claims and audience expansion, subscribe credits, job locks, the local sender's log.
  `
  -- claim: the token of the dispatcher run holding the record (its lease ends at next_try_at). audience and
  -- progress (JSON) are set on a record addressed to a whole audience. Claims take the earliest due first,
  -- ties by id, straight from the index.
  ALTER TABLE outbox ADD COLUMN audience TEXT;
  ALTER TABLE outbox ADD COLUMN progress TEXT;
  ALTER TABLE outbox ADD COLUMN claim TEXT;
  DROP INDEX outbox_by_status_next_try;
  CREATE INDEX outbox_by_status_next_try_id ON outbox (status, next_try_at, id);

  -- Subscribe credits per (user, template); held is the JSON list of outbox ids holding one right now.
  CREATE TABLE subscriptions (
    user_id TEXT NOT NULL,
    template TEXT NOT NULL,
    count INTEGER NOT NULL,
    held TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, template)
  ) WITHOUT ROWID;

  -- owner is null (and until '') while nobody holds the lock; checkpoint outlives every run.
  CREATE TABLE job_locks (
    job TEXT PRIMARY KEY,
    owner TEXT,
    until TEXT NOT NULL,
    checkpoint TEXT,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;

  -- The local runtime's stand-in for WeChat: what each send would have shown on the person's phone.
  CREATE TABLE local_sends (
    key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    template TEXT NOT NULL,
    template_id TEXT NOT NULL,
    page TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX local_sends_by_user_at ON local_sends (user_id, at DESC, key DESC);
  `,
  // 5: what a list row shows (core listItemOf), kept beside data so a list page reads a few short columns
  // per request instead of parsing whole requests. Rewritten from the request on every write, like the
  // filter columns; existing rows are filled from data here (substr counts characters, as listItemOf does).
  `
  ALTER TABLE requests ADD COLUMN category_name TEXT NOT NULL DEFAULT '';
  ALTER TABLE requests ADD COLUMN excerpt TEXT NOT NULL DEFAULT '';
  ALTER TABLE requests ADD COLUMN source TEXT NOT NULL DEFAULT '';
  ALTER TABLE requests ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE requests ADD COLUMN photo_count INTEGER NOT NULL DEFAULT 0;
  UPDATE requests SET
    category_name = json_extract(data, '$.categoryName'),
    excerpt = substr(json_extract(data, '$.description'), 1, 60),
    source = json_extract(data, '$.source'),
    reopen_count = json_extract(data, '$.reopenCount'),
    photo_count = json_array_length(data, '$.photoFileIds');
  `,
  // invitations and an append-only audit log by street: an invitation is stored under the hash of its code
  // (the code is never stored); audit rows can be added, never changed or removed (the triggers refuse it).
  `
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    street_id TEXT NOT NULL,
    community_id TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    redeemed_at TEXT,
    version INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX invitations_by_user_status ON invitations (user_id, status, created_at DESC);
  ALTER TABLE audit ADD COLUMN street_id TEXT;
  CREATE INDEX audit_by_street_at ON audit (street_id, at DESC, id DESC) WHERE street_id IS NOT NULL;
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // calendar: where each year was loaded from, by whom and when (a seeded year has none: read as 'seed'); and
  // whether a request's current deadline was counted without a holiday calendar for some year it touches
  // (weekends only, 期限未按节假日校准) — a list row shows it, so it is a column like the other row fields.
  `
  ALTER TABLE calendars ADD COLUMN meta TEXT;
  ALTER TABLE requests ADD COLUMN due_uncalibrated INTEGER NOT NULL DEFAULT 0;
  `,
  // register import: a household the last import left out is kept and flagged 待核实 (to_verify); import jobs
  // (the whole job as JSON, guarded by its version); column mappings an admin corrected, by street, kind and headers.
  `
  ALTER TABLE households ADD COLUMN to_verify INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX buildings_by_street ON buildings (street_id);
  CREATE INDEX households_by_street ON households (street_id);
  CREATE INDEX users_by_phone ON users (phone) WHERE phone IS NOT NULL;
  CREATE INDEX user_posts_by_street ON user_posts (street_id);
  CREATE TABLE import_jobs (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE register_mappings (
    key TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    data TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // binding confirmation: a residence awaiting the grid worker (status 'pending' in its JSON) is found by this
  // column only; its community/grid/household columns stay empty so it counts for no coverage or audience.
  // Residences stored before have no status: they read as confirmed and keep their columns. Requests filed
  // by such a resident carry 未核实住户 on their list row.
  `
  ALTER TABLE users ADD COLUMN residence_pending_grid_id TEXT;
  CREATE INDEX users_by_pending_grid ON users (residence_pending_grid_id, id) WHERE residence_pending_grid_id IS NOT NULL;
  ALTER TABLE requests ADD COLUMN unverified_resident INTEGER NOT NULL DEFAULT 0;
  `,
  // assessment (考核评价): per-(scope, period) counters kept in the same transaction as each request write
  // (core/assessment/counters.ts), and the request columns the assessment's click-through lists filter on.
  // Counters have one INTEGER column per metric rather than a JSON column: a request write adds its delta
  // with one upsert per counter (`metric = metric + excluded.metric`, no read-parse-write of JSON), and a
  // new metric is an ALTER TABLE ADD COLUMN ... DEFAULT 0 that leaves every stored row valid. `id` is core
  // counterId. A query names a street and a scope kind and either some scopes (by_scope: a seek per scope
  // and period) or all of them (by_period: a seek per period, e.g. the grid ranking of a month).
  // accepted_at and assessed_worker_id (core assessedWorkerId: dueHolderId, else the worker handling it) are
  // rewritten from the request on every write like the other filter columns; the (scope, status, range)
  // indexes serve acceptedFrom/To and resolvedFrom/To, and the assessed_* ones a worker's figures. They are
  // named requests_by_*_status_* so a bulk load into an empty table builds them once at the end.
  `
  ALTER TABLE requests ADD COLUMN accepted_at TEXT;
  ALTER TABLE requests ADD COLUMN assessed_worker_id TEXT;
  UPDATE requests SET
    accepted_at = json_extract(data, '$.acceptedAt'),
    assessed_worker_id = COALESCE(json_extract(data, '$.dueHolderId'),
      CASE WHEN json_extract(data, '$.handler.kind') = 'worker' THEN json_extract(data, '$.handler.id') END);
  CREATE INDEX requests_by_street_status_accepted ON requests (street_id, status, accepted_at, id) WHERE accepted_at IS NOT NULL;
  CREATE INDEX requests_by_street_status_resolved ON requests (street_id, status, resolved_at, id) WHERE resolved_at IS NOT NULL;
  CREATE INDEX requests_by_community_status_accepted ON requests (community_id, status, accepted_at, id) WHERE accepted_at IS NOT NULL;
  CREATE INDEX requests_by_community_status_resolved ON requests (community_id, status, resolved_at, id) WHERE resolved_at IS NOT NULL;
  CREATE INDEX requests_by_grid_status_accepted ON requests (grid_id, status, accepted_at, id) WHERE accepted_at IS NOT NULL;
  CREATE INDEX requests_by_grid_status_resolved ON requests (grid_id, status, resolved_at, id) WHERE resolved_at IS NOT NULL;
  CREATE INDEX requests_by_assessed_status_created ON requests (assessed_worker_id, status, created_at, id) WHERE assessed_worker_id IS NOT NULL;
  CREATE INDEX requests_by_assessed_status_deadline ON requests (assessed_worker_id, status, deadline_key, id) WHERE assessed_worker_id IS NOT NULL;
  CREATE INDEX requests_by_assessed_status_accepted ON requests (assessed_worker_id, status, accepted_at, id) WHERE assessed_worker_id IS NOT NULL AND accepted_at IS NOT NULL;
  CREATE INDEX requests_by_assessed_status_resolved ON requests (assessed_worker_id, status, resolved_at, id) WHERE assessed_worker_id IS NOT NULL AND resolved_at IS NOT NULL;
  -- What the recount pages through: a street's requests by id.
  CREATE INDEX requests_by_street_id ON requests (street_id, id);
  CREATE TABLE assessment_counters (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_id TEXT NOT NULL,
    period TEXT NOT NULL,
    filed INTEGER NOT NULL DEFAULT 0,
    filed_patrol INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    accepted_on_time INTEGER NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0,
    resolved_on_time INTEGER NOT NULL DEFAULT 0,
    solved INTEGER NOT NULL DEFAULT 0,
    rated INTEGER NOT NULL DEFAULT 0,
    satisfied INTEGER NOT NULL DEFAULT 0,
    unsatisfied INTEGER NOT NULL DEFAULT 0,
    reopened INTEGER NOT NULL DEFAULT 0,
    resolve_minutes INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX assessment_counters_by_scope ON assessment_counters (street_id, scope_kind, scope_id, period);
  CREATE INDEX assessment_counters_by_period ON assessment_counters (street_id, scope_kind, period, scope_id);
  `,
  // Sliding-window rate limits (core/shared/rate-limit.ts) replace the fixed, clock-aligned windows: one log
  // per person and kind of action with the instants still inside the longest window; `until` is when it
  // stops limiting anything (what a purge deletes by).
  `
  CREATE TABLE rate_logs (
    key TEXT PRIMARY KEY,
    times TEXT NOT NULL,
    until TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX rate_logs_by_until ON rate_logs (until);
  DROP TABLE rate_counters;
  `,
  // assessment exports: one row per export file (the file itself is in the file store under exports/), written in
  // the same transaction as the export's audit entry; housekeeping finds expired ones by expires_at.
  `
  CREATE TABLE export_files (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    data TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX export_files_by_expiry ON export_files (expires_at, id);
  `,
  // Open311 partner keys (id is the SHA-256 of the api_key; the key itself is never stored) and their access
  // log, append-only like the audit log: rows can be added, never changed or removed (the triggers refuse it).
  `
  CREATE TABLE partner_keys (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    data TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX partner_keys_by_street ON partner_keys (street_id, created_at DESC, id DESC);
  CREATE TABLE partner_access_log (
    id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    street_id TEXT NOT NULL,
    at TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX partner_access_log_by_key ON partner_access_log (key_id, at DESC, id DESC);
  CREATE TRIGGER partner_access_log_no_update BEFORE UPDATE ON partner_access_log BEGIN SELECT RAISE(ABORT, 'partner access log is append-only'); END;
  CREATE TRIGGER partner_access_log_no_delete BEFORE DELETE ON partner_access_log BEGIN SELECT RAISE(ABORT, 'partner access log is append-only'); END;
  `,
  // Upload records (server/ports/upload.port.ts): one row per accepted upload, marked when first used, found
  // by the purge while unused. The upload log lives in rate_logs beside the other limits (key upload:<userId>):
  // `day` and `bytes` are the Beijing day's bytes taken (core/shared/rate-limit takeUpload); other logs leave them empty.
  `
  CREATE TABLE uploads (
    file_id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    referenced_at TEXT
  ) WITHOUT ROWID;
  CREATE INDEX uploads_unreferenced ON uploads (created_at, file_id) WHERE referenced_at IS NULL;
  ALTER TABLE rate_logs ADD COLUMN day TEXT NOT NULL DEFAULT '';
  ALTER TABLE rate_logs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
  `,
  // 同问 and 合并 (docs/SAME-ISSUE.md): who follows a request besides its reporter, the count beside the request
  // (lists show it from the row), and the index the 同问 suggestion seeks — open requests of one (grid,
  // category), newest first within a status, from a lower bound on created_at.
  `
  CREATE TABLE request_followers (
    request_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    at TEXT NOT NULL,
    via TEXT NOT NULL,
    from_request_id TEXT,
    rating TEXT,
    PRIMARY KEY (request_id, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX request_followers_by_user ON request_followers (user_id, at, request_id);
  ALTER TABLE requests ADD COLUMN follower_count INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX requests_by_grid_category_status_created ON requests (grid_id, category_id, status, created_at, id);
  `,
  // read cache version (read-cache.ts): every write to a table the per-connection read cache holds adds one to
  // read_versions.v in the same statement, from any connection or process; a cached read is valid while v is unchanged.
  // A later migration that rebuilds one of these tables must create its three triggers again (read-cache.test.ts checks).
  `
  CREATE TABLE read_versions (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v INTEGER NOT NULL
  );
  INSERT INTO read_versions (id, v) VALUES (1, 0);
  CREATE TRIGGER read_version_streets_i AFTER INSERT ON streets BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_streets_u AFTER UPDATE ON streets BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_streets_d AFTER DELETE ON streets BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_communities_i AFTER INSERT ON communities BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_communities_u AFTER UPDATE ON communities BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_communities_d AFTER DELETE ON communities BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_grids_i AFTER INSERT ON grids BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_grids_u AFTER UPDATE ON grids BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_grids_d AFTER DELETE ON grids BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_buildings_i AFTER INSERT ON buildings BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_buildings_u AFTER UPDATE ON buildings BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_buildings_d AFTER DELETE ON buildings BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_households_i AFTER INSERT ON households BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_households_u AFTER UPDATE ON households BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_households_d AFTER DELETE ON households BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_users_i AFTER INSERT ON users BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_users_u AFTER UPDATE ON users BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_users_d AFTER DELETE ON users BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_cards_i AFTER INSERT ON cards BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_cards_u AFTER UPDATE ON cards BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_cards_d AFTER DELETE ON cards BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notices_i AFTER INSERT ON notices BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notices_u AFTER UPDATE ON notices BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notices_d AFTER DELETE ON notices BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notice_keys_i AFTER INSERT ON notice_keys BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notice_keys_u AFTER UPDATE ON notice_keys BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  CREATE TRIGGER read_version_notice_keys_d AFTER DELETE ON notice_keys BEGIN UPDATE read_versions SET v = v + 1 WHERE id = 1; END;
  `,
  // 报平安: a check-in is one row; answers are unique per (check-in, household) so a retry never counts twice;
  // per-(check-in, grid) counters move in the answer's transaction; the not-yet list reads a grid's answers.
  `
  CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    street_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    starter_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (starter_id, idempotency_key)
  );
  CREATE INDEX checkins_by_street ON checkins (street_id, started_at DESC, id DESC);
  CREATE TABLE checkin_answers (
    checkin_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    building_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    note TEXT NOT NULL,
    via TEXT NOT NULL,
    by_id TEXT NOT NULL,
    at TEXT NOT NULL,
    request_id TEXT,
    PRIMARY KEY (checkin_id, household_id)
  ) WITHOUT ROWID;
  CREATE INDEX checkin_answers_by_grid ON checkin_answers (checkin_id, grid_id, household_id);
  CREATE TABLE checkin_grid_counts (
    checkin_id TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    community_id TEXT NOT NULL,
    answered INTEGER NOT NULL,
    safe INTEGER NOT NULL,
    help INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, grid_id)
  ) WITHOUT ROWID;
  `,
  // 走访 / 巡查: one row per visit; (worker_id, client_key) unique so a retried offline send writes once. Read by
  // household (history), by grid and date (due list, last visit, coverage) and by street and date (retention purge).
  `
  CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL,
    client_key TEXT NOT NULL,
    street_id TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    household_id TEXT,
    date TEXT NOT NULL,
    at TEXT NOT NULL,
    follow_up_on TEXT,
    data TEXT NOT NULL
  );
  CREATE UNIQUE INDEX visits_by_worker_key ON visits (worker_id, client_key);
  CREATE INDEX visits_by_household ON visits (household_id, date DESC, at DESC, id DESC);
  CREATE INDEX visits_by_grid_date ON visits (grid_id, date, household_id, follow_up_on);
  CREATE INDEX visits_by_street_date ON visits (street_id, date);
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
