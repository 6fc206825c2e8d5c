/**
 * Schema migrations under `PRAGMA user_version`.
 *
 * RULES
 * - MIGRATIONS is an ordered list; entry i takes a file from version i to version i + 1.
 * - Each migration runs in its own transaction together with the `user_version` bump, so a file
 *   is always at exactly one version.
 * - Never edit a migration once it has been released: files in the wild were written by it. Add a
 *   new one instead, plus a fixture file under tests/fixtures/ for the schema it leaves behind.
 * - A migration is plain SQL + synchronous code. It must not read the clock or the network.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The version the file has after this migration. */
  readonly version: number;
  readonly description: string;
  /** Tables that must exist in a file at this version (checked on open before anything else). */
  readonly tables: readonly string[];
  readonly up: (db: Database) => void;
}

/** v1: the model of issue 2 — programme (one row), budget lines with the fixed driver, change log. */
const v1: Migration = {
  version: 1,
  description: 'programme, budget lines (fixed driver), change log',
  tables: ['programme', 'budget_line', 'change_log'],
  up(db) {
    db.exec(`
      CREATE TABLE programme (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        title             TEXT    NOT NULL,
        reporting_currency TEXT   NOT NULL,
        start_month       TEXT    NOT NULL,
        duration_months   INTEGER NOT NULL,
        indirect_rate     TEXT    NOT NULL,
        contingency_rate  TEXT    NOT NULL,
        author            TEXT    NOT NULL,
        notes             TEXT    NOT NULL,
        donor_profile     TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE budget_line (
        id                   TEXT    PRIMARY KEY,
        level                TEXT    NOT NULL CHECK (level IN ('individual', 'community', 'structural', 'support')),
        position             INTEGER NOT NULL CHECK (position >= 0),
        name                 TEXT    NOT NULL,
        category             TEXT    NOT NULL,
        dimension            TEXT    NOT NULL,
        modality             TEXT    NOT NULL,
        unit_label           TEXT    NOT NULL,
        unit_cost            INTEGER NOT NULL,
        quantity             TEXT    NOT NULL,
        schedule             TEXT    NOT NULL,
        start_month          INTEGER NOT NULL,
        end_month            INTEGER NOT NULL,
        justification        TEXT    NOT NULL,
        eligible_indirect    INTEGER NOT NULL CHECK (eligible_indirect IN (0, 1)),
        eligible_contingency INTEGER NOT NULL CHECK (eligible_contingency IN (0, 1))
      ) STRICT;
      CREATE INDEX budget_line_level_position ON budget_line (level, position);

      CREATE TABLE change_log (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        author  TEXT NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;
    `);
  },
};

/**
 * v2: the full cost model of issue 3 — returnee profiles, local currencies, funding sources; every
 * budget line gets a quantity driver of any kind (stored as JSON text, validated with the model's
 * driverSchema on read), its own currency, a funding split and community beneficiaries; the
 * programme gets its number of communities and the reporting currency's inflation.
 *
 * budget_line is rebuilt (SQLite cannot drop the old driver columns in place). v1 rows become
 * fixed drivers with the same quantity, schedule and months, in the programme's reporting currency,
 * funded 100 % by the main donor (empty split), with no community beneficiaries. The programme
 * gets 0 communities and 0 % inflation, no profiles and no local currencies, and one funding
 * source, "Main donor" (a confirmed donor, id 'main-donor'), exactly as a new blank programme.
 */
const v2: Migration = {
  version: 2,
  description: 'profiles, currencies, funders; drivers of every kind as JSON; line currency, funding, beneficiaries',
  tables: ['programme', 'budget_line', 'change_log', 'profile', 'currency', 'funder'],
  up(db) {
    db.exec(`
      ALTER TABLE programme ADD COLUMN communities INTEGER NOT NULL DEFAULT 0 CHECK (communities >= 0);
      ALTER TABLE programme ADD COLUMN inflation TEXT NOT NULL DEFAULT '0';

      CREATE TABLE budget_line_v2 (
        id                     TEXT    PRIMARY KEY,
        level                  TEXT    NOT NULL CHECK (level IN ('individual', 'community', 'structural', 'support')),
        position               INTEGER NOT NULL CHECK (position >= 0),
        name                   TEXT    NOT NULL,
        category               TEXT    NOT NULL,
        dimension              TEXT    NOT NULL,
        modality               TEXT    NOT NULL,
        unit_label             TEXT    NOT NULL,
        unit_cost              INTEGER NOT NULL,
        driver                 TEXT    NOT NULL CHECK (json_valid(driver)),
        justification          TEXT    NOT NULL,
        eligible_indirect      INTEGER NOT NULL CHECK (eligible_indirect IN (0, 1)),
        eligible_contingency   INTEGER NOT NULL CHECK (eligible_contingency IN (0, 1)),
        currency               TEXT    NOT NULL,
        funding                TEXT    NOT NULL CHECK (json_valid(funding)),
        beneficiaries_per_unit TEXT    NOT NULL,
        non_migrant_share      TEXT    NOT NULL
      ) STRICT;

      INSERT INTO budget_line_v2 (
        id, level, position, name, category, dimension, modality, unit_label, unit_cost, driver, justification,
        eligible_indirect, eligible_contingency, currency, funding, beneficiaries_per_unit, non_migrant_share)
      SELECT
        id, level, position, name, category, dimension, modality, unit_label, unit_cost,
        json_object('kind', 'fixed', 'quantity', quantity, 'schedule', schedule, 'start', start_month, 'end', end_month),
        justification, eligible_indirect, eligible_contingency,
        (SELECT reporting_currency FROM programme WHERE id = 1), '[]', '0', '0'
      FROM budget_line;

      DROP TABLE budget_line;
      ALTER TABLE budget_line_v2 RENAME TO budget_line;
      CREATE INDEX budget_line_level_position ON budget_line (level, position);

      CREATE TABLE profile (
        id               TEXT    PRIMARY KEY,
        position         INTEGER NOT NULL CHECK (position >= 0),
        name             TEXT    NOT NULL,
        kind             TEXT    NOT NULL,
        unit             TEXT    NOT NULL,
        persons_per_unit TEXT    NOT NULL,
        arrivals         INTEGER NOT NULL,
        pattern          TEXT    NOT NULL,
        monthly          TEXT    NOT NULL CHECK (json_valid(monthly)),
        arrival_start    INTEGER NOT NULL,
        arrival_end      INTEGER NOT NULL,
        duration_months  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE currency (
        code      TEXT PRIMARY KEY,
        rates     TEXT NOT NULL CHECK (json_valid(rates)),
        inflation TEXT NOT NULL
      ) STRICT;

      CREATE TABLE funder (
        id       TEXT    PRIMARY KEY,
        position INTEGER NOT NULL CHECK (position >= 0),
        name     TEXT    NOT NULL,
        type     TEXT    NOT NULL,
        status   TEXT    NOT NULL,
        ceiling  INTEGER CHECK (ceiling IS NULL OR ceiling >= 0)
      ) STRICT;

      -- Only in a file that holds a programme (not in a new file being built, which gets its own).
      INSERT INTO funder (id, position, name, type, status, ceiling)
      SELECT 'main-donor', 0, 'Main donor', 'donor', 'confirmed', NULL WHERE EXISTS (SELECT 1 FROM programme);
    `);
  },
};

/**
 * v3: the change log is stored structured (issue 6), so that it can be shown in the user's
 * language: what was done (`kind`: create, command, undo, redo; `command`: the command's type), to
 * what (`target`: the name of the row it acted on), and the field changes (`fields`: JSON list of
 * {table, id, row, field, before, after}; `omitted`: how many were left out). Rows written before
 * keep their English summary, with kind NULL and no fields.
 */
const v3: Migration = {
  version: 3,
  description: 'structured change log (kind, command, target, field changes)',
  tables: ['programme', 'budget_line', 'change_log', 'profile', 'currency', 'funder'],
  up(db) {
    db.exec(`
      ALTER TABLE change_log ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('create', 'command', 'undo', 'redo'));
      ALTER TABLE change_log ADD COLUMN command TEXT;
      ALTER TABLE change_log ADD COLUMN target TEXT;
      ALTER TABLE change_log ADD COLUMN fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields));
      ALTER TABLE change_log ADD COLUMN omitted INTEGER NOT NULL DEFAULT 0 CHECK (omitted >= 0);
    `);
  },
};

/**
 * v4: partner programmes and their synergies, and outputs per unit on budget lines (issue 9, DESIGN
 * §5). Two new tables and one column: a v3 file migrates to a v4 file with no partner, no synergy,
 * no output recorded on any line, and the same totals.
 * A synergy's effect (type and parameters) is JSON validated on read with the model's
 * synergyEffectSchema, as a line's driver is; its target lines and profiles are JSON lists of ids.
 */
const v4: Migration = {
  version: 4,
  description: 'partner programmes and synergies',
  tables: ['programme', 'budget_line', 'change_log', 'profile', 'currency', 'funder', 'partner', 'synergy'],
  up(db) {
    db.exec(`
      CREATE TABLE partner (
        id           TEXT    PRIMARY KEY,
        position     INTEGER NOT NULL CHECK (position >= 0),
        name         TEXT    NOT NULL,
        organisation TEXT    NOT NULL,
        type         TEXT    NOT NULL,
        start_month  TEXT    NOT NULL,
        end_month    TEXT    NOT NULL,
        notes        TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE synergy (
        id          TEXT    PRIMARY KEY,
        position    INTEGER NOT NULL CHECK (position >= 0),
        partner_id  TEXT    NOT NULL,
        name        TEXT    NOT NULL,
        effect      TEXT    NOT NULL CHECK (json_valid(effect)),
        line_ids    TEXT    NOT NULL CHECK (json_valid(line_ids)),
        profile_ids TEXT    NOT NULL CHECK (json_valid(profile_ids)),
        first_month INTEGER NOT NULL,
        last_month  INTEGER NOT NULL,
        commitment  TEXT    NOT NULL,
        status      TEXT    NOT NULL,
        confidence  TEXT,
        funder_id   TEXT,
        notes       TEXT    NOT NULL
      ) STRICT;

      ALTER TABLE budget_line ADD COLUMN outputs TEXT NOT NULL
        DEFAULT '{"businesses":"0","jobs":"0","people":"0"}' CHECK (json_valid(outputs));
    `);
  },
};

/**
 * v5: scenarios and uncertainty ranges (issue 10, DESIGN §6). A scenario is a row with its name, a
 * description and its overlay (JSON: only its differences from the baseline, validated on read
 * with the model's overlaySchema); a range is a key parameter's low / likely / high factors. A v4
 * file migrates to a v5 file with no scenario and no range, and the same totals.
 */
const v5: Migration = {
  version: 5,
  description: 'scenarios and uncertainty ranges',
  tables: [
    'programme',
    'budget_line',
    'change_log',
    'profile',
    'currency',
    'funder',
    'partner',
    'synergy',
    'scenario',
    'parameter_range',
  ],
  up(db) {
    db.exec(`
      CREATE TABLE scenario (
        id          TEXT    PRIMARY KEY,
        position    INTEGER NOT NULL CHECK (position >= 0),
        name        TEXT    NOT NULL,
        description TEXT    NOT NULL,
        overlay     TEXT    NOT NULL CHECK (json_valid(overlay))
      ) STRICT;

      CREATE TABLE parameter_range (
        id     TEXT PRIMARY KEY,
        low    TEXT NOT NULL,
        likely TEXT NOT NULL,
        high   TEXT NOT NULL
      ) STRICT;
    `);
  },
};

/**
 * v6: donor rule profiles (issue 12, DESIGN §4 and §7). The programme gets its indirect cost base,
 * the kind of EU agreement, the US award date and a negotiated indirect cost rate (JSON, 'null' for
 * none); a line, what the US modified total direct costs exclude it for; a funding source, whether
 * it makes its contribution conditional on match funding.
 *
 * Decision: an existing file keeps the totals it was written with. Its indirect costs were
 *   computed on the direct eligible cost, so it migrates to the base 'direct' — also an EU file,
 *   although a new EU programme starts with direct + contingency (moving an EU file's base would
 *   raise its indirect costs by rate × contingency without anyone asking; the person chooses it on
 *   the Programme screen, undoably). A US file migrates to 'mtdc': no line is excluded yet, so the
 *   MTDC equal the direct eligible cost and its totals do not move either. Every file becomes an EU
 *   grant (the only kind the app knew), with no award date (the current 15 % rule) and no NICRA.
 */
const v6: Migration = {
  version: 6,
  description:
    'donor rules: indirect cost base, EU agreement, US award date and NICRA, MTDC exclusions, match conditions',
  tables: v5.tables,
  up(db) {
    db.exec(`
      ALTER TABLE programme ADD COLUMN indirect_base TEXT NOT NULL DEFAULT 'direct'
        CHECK (indirect_base IN ('direct', 'directPlusContingency', 'mtdc'));
      ALTER TABLE programme ADD COLUMN eu_agreement TEXT NOT NULL DEFAULT 'grant'
        CHECK (eu_agreement IN ('grant', 'contribution'));
      ALTER TABLE programme ADD COLUMN us_award_date TEXT;
      ALTER TABLE programme ADD COLUMN us_nicra TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(us_nicra));
      UPDATE programme SET indirect_base = 'mtdc' WHERE donor_profile = 'US';

      ALTER TABLE budget_line ADD COLUMN mtdc_exclusion TEXT NOT NULL DEFAULT 'none'
        CHECK (mtdc_exclusion IN ('none', 'equipment', 'rent', 'participantSupport', 'subaward'));

      ALTER TABLE funder ADD COLUMN conditional_on_match INTEGER NOT NULL DEFAULT 0
        CHECK (conditional_on_match IN (0, 1));
    `);
    // A scenario's own lines (overlay.addedLines, JSON) are whole lines: they get the same default.
    const scenarios = db.prepare('SELECT id, overlay FROM scenario').all() as { id: string; overlay: string }[];
    const update = db.prepare('UPDATE scenario SET overlay = ? WHERE id = ?');
    for (const s of scenarios) {
      const overlay = JSON.parse(s.overlay) as { addedLines?: unknown };
      if (!Array.isArray(overlay.addedLines)) continue;
      overlay.addedLines = overlay.addedLines.map((l: unknown) =>
        l !== null && typeof l === 'object' && !('mtdcExclusion' in l) ? { ...l, mtdcExclusion: 'none' } : l,
      );
      update.run(JSON.stringify(overlay), s.id);
    }
  },
};

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6];

/** The schema version this build of the app writes. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export function readUserVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Tables a file at `version` must have, or null when the version is unknown to `migrations`. */
export function tablesAtVersion(version: number, migrations: readonly Migration[] = MIGRATIONS): string[] | null {
  if (version < 1 || version > migrations.length) return null;
  const tables = new Set<string>();
  for (const m of migrations.slice(0, version)) for (const t of m.tables) tables.add(t);
  return [...tables];
}

/**
 * Brings `db` from its current user_version up to the last of `migrations`, one transaction per
 * step. Returns the version it started from. Throws (leaving the file at the last completed
 * step) if a migration fails; callers that must not leave a half-migrated file restore a backup.
 */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  checkMigrationList(migrations);
  const from = readUserVersion(db);
  if (from > migrations.length) throw new RangeError(`file version ${from} is newer than ${migrations.length}`);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return from;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at index ${i} (version ${m.version})`);
  });
}
