import Foundation

/// One step of the follow-up schema, in both dialects: the SQLite store's (applied by GRDB's
/// `DatabaseMigrator`) and the PostgreSQL store's (applied by `PostgresStore.migrate`), each
/// with the name it is recorded under. A step one backend has no need of is nil there:
/// SQLite marks its file as tertial's, PostgreSQL sets up roles and lets its server write
/// the history. One list, so a change to the schema is made to both at once.
public struct Migration: Sendable {
    public let sqlite: Step?
    public let postgres: Step?
    public struct Step: Sendable {
        public let name: String
        public let sql: String
    }
}

/// The schema of the follow-up store, oldest step first. Names are recorded in the stores:
/// never change one, only add steps.
public enum FollowUpSchema {
    public static let migrations: [Migration] = [
        Migration(sqlite: .init(name: "v1: entry and entry_history", sql: sqliteV1),
                  postgres: .init(name: "v1: entry and entry_history", sql: postgresV1)),
        // The file says it is tertial's (SQLite's header), so no other program's database is
        // taken for a store and none of ours for another program's.
        Migration(sqlite: .init(name: "v2: marked as a tertial store",
                                sql: "PRAGMA application_id = \(SQLiteStore.applicationID); PRAGMA user_version = 2"),
                  postgres: .init(name: "v2: access and row-level security", sql: postgresV2)),
        Migration(sqlite: nil, postgres: .init(name: "v3: the server enforces the rules", sql: postgresV3)),
        // Driftsoppfølging meetings: the record with its baseline and agenda, and its events
        // (docs/followup.md, "Meetings").
        Migration(sqlite: .init(name: "v3: meetings", sql: sqliteMeetings),
                  postgres: .init(name: "v4: meetings", sql: postgresMeetings)),
    ]

    static let sqliteMeetings = """
        CREATE TABLE meeting (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
            period TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 10),
            opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,
            closed_at TEXT, closed_by TEXT,
            participants TEXT CHECK (participants IS NULL OR length(participants) <= 2000),
            baseline BLOB NOT NULL,
            agenda TEXT NOT NULL
        );
        CREATE INDEX meeting_by_unit ON meeting(unit, id);
        -- One open meeting per scope, whoever opens it.
        CREATE UNIQUE INDEX meeting_one_open ON meeting(unit) WHERE closed_at IS NULL;
        CREATE TABLE meeting_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id),
            at TEXT NOT NULL, by TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('opened', 'participants', 'mark', 'entry', 'closed')),
            item TEXT CHECK (item IS NULL OR length(item) <= 1000),
            value TEXT CHECK (value IS NULL OR length(value) <= 2000)
        );
        CREATE INDEX meeting_event_by_meeting ON meeting_event(meeting_id);
        CREATE TRIGGER meeting_never_deleted BEFORE DELETE ON meeting
            BEGIN SELECT RAISE(ABORT, 'meetings are never deleted'); END;
        CREATE TRIGGER meeting_closed_stays BEFORE UPDATE ON meeting WHEN OLD.closed_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a closed meeting is never changed'); END;
        CREATE TRIGGER meeting_record_stays BEFORE UPDATE ON meeting
            WHEN NEW.id IS NOT OLD.id OR NEW.unit IS NOT OLD.unit OR NEW.period IS NOT OLD.period OR NEW.opened_at IS NOT OLD.opened_at
              OR NEW.opened_by IS NOT OLD.opened_by OR NEW.baseline IS NOT OLD.baseline OR NEW.agenda IS NOT OLD.agenda
            BEGIN SELECT RAISE(ABORT, 'the scope, period, baseline and agenda of a meeting never change'); END;
        CREATE TRIGGER meeting_event_never_deleted BEFORE DELETE ON meeting_event
            BEGIN SELECT RAISE(ABORT, 'meeting history is never deleted'); END;
        CREATE TRIGGER meeting_event_never_updated BEFORE UPDATE ON meeting_event
            BEGIN SELECT RAISE(ABORT, 'meeting history is never changed'); END;
        PRAGMA user_version = 3
        """

    static let postgresMeetings = """
        CREATE TABLE meeting (
            id bigserial PRIMARY KEY,
            unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
            period text NOT NULL CHECK (length(period) BETWEEN 4 AND 10),
            opened_at text NOT NULL, opened_by text NOT NULL,
            closed_at text, closed_by text,
            participants text CHECK (participants IS NULL OR length(participants) <= 2000),
            baseline bytea NOT NULL,
            agenda text NOT NULL,
            CONSTRAINT tertial_meeting_no_identity_number CHECK (NOT tertial_has_identity_number(participants) AND NOT tertial_has_identity_number(opened_by)
                                                                 AND NOT tertial_has_identity_number(closed_by))
        );
        CREATE INDEX meeting_by_unit ON meeting(unit, id);
        CREATE UNIQUE INDEX meeting_one_open ON meeting(unit) WHERE closed_at IS NULL;
        CREATE TABLE meeting_event (
            id bigserial PRIMARY KEY,
            meeting_id bigint NOT NULL REFERENCES meeting(id),
            at text NOT NULL, by text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('opened', 'participants', 'mark', 'entry', 'closed')),
            item text CHECK (item IS NULL OR length(item) <= 1000),
            value text CHECK (value IS NULL OR length(value) <= 2000),
            CONSTRAINT tertial_meeting_event_no_identity_number CHECK (NOT tertial_has_identity_number(value) AND NOT tertial_has_identity_number(by))
        );
        CREATE INDEX meeting_event_by_meeting ON meeting_event(meeting_id);
        CREATE FUNCTION tertial_meeting_before() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'meetings are never deleted'; END IF;
          IF TG_OP = 'UPDATE' THEN
            IF OLD.closed_at IS NOT NULL THEN RAISE EXCEPTION 'a closed meeting is never changed'; END IF;
            IF NEW.id <> OLD.id OR NEW.unit <> OLD.unit OR NEW.period <> OLD.period OR NEW.opened_at <> OLD.opened_at OR NEW.opened_by <> OLD.opened_by
               OR NEW.baseline <> OLD.baseline OR NEW.agenda <> OLD.agenda THEN
              RAISE EXCEPTION 'tertial: a meeting''s scope, period, baseline and agenda never change';
            END IF;
            IF NOT tertial_is_admin() AND NEW.closed_at IS NOT NULL THEN NEW.closed_by := current_user; NEW.closed_at := tertial_now(); END IF;
          ELSIF NOT tertial_is_admin() THEN
            NEW.opened_by := current_user; NEW.opened_at := tertial_now();
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER meeting_rules BEFORE INSERT OR UPDATE OR DELETE ON meeting FOR EACH ROW EXECUTE FUNCTION tertial_meeting_before();
        CREATE FUNCTION tertial_meeting_event_before() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION 'meeting history is never deleted or rewritten'; END IF;
          IF NOT tertial_is_admin() THEN NEW.by := current_user; NEW.at := tertial_now(); END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER meeting_event_rules BEFORE INSERT OR UPDATE OR DELETE ON meeting_event FOR EACH ROW EXECUTE FUNCTION tertial_meeting_event_before();
        CREATE TRIGGER meeting_event_notify AFTER INSERT ON meeting_event FOR EACH ROW EXECUTE FUNCTION tertial_notify();
        ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
        ALTER TABLE meeting_event ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tertial_meeting_read ON meeting FOR SELECT USING (true);
        CREATE POLICY tertial_meeting_insert ON meeting FOR INSERT
            WITH CHECK (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user));
        CREATE POLICY tertial_meeting_update ON meeting FOR UPDATE
            USING (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user))
            WITH CHECK (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user));
        CREATE POLICY tertial_meeting_event_read ON meeting_event FOR SELECT USING (true);
        CREATE POLICY tertial_meeting_event_insert ON meeting_event FOR INSERT
            WITH CHECK (meeting_id IN (SELECT m.id FROM meeting m WHERE m.unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user)));
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tertial_leader') THEN
            GRANT SELECT, INSERT, UPDATE ON meeting TO tertial_leader;
            GRANT SELECT, INSERT ON meeting_event TO tertial_leader;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tertial_leader;
          END IF;
        END $$
        """

    static let sqliteV1 = """
        CREATE TABLE entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('comment', 'action')),
            unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
            indicator TEXT NOT NULL CHECK (length(indicator) BETWEEN 1 AND 200),
            period TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 10),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
            owner TEXT CHECK (owner IS NULL OR length(owner) <= 2000),
            due TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            status TEXT CHECK (status IS NULL OR status IN ('planned', 'in_progress', 'done', 'cancelled')),
            note TEXT CHECK (note IS NULL OR length(note) <= 2000),
            superseded_by INTEGER REFERENCES entry(id),
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            CHECK ((kind = 'action') = (status IS NOT NULL))
        );
        CREATE INDEX entry_by_key ON entry(unit, indicator, period);
        CREATE TABLE entry_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id INTEGER NOT NULL REFERENCES entry(id),
            at TEXT NOT NULL, by TEXT NOT NULL,
            change TEXT NOT NULL CHECK (change IN ('created', 'edited', 'status', 'superseded')),
            text TEXT NOT NULL, owner TEXT, due TEXT, status TEXT, note TEXT
        );
        CREATE INDEX entry_history_by_entry ON entry_history(entry_id);
        -- Follow-up is never deleted: an action is cancelled, a comment superseded.
        CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry
            BEGIN SELECT RAISE(ABORT, 'follow-up entries are never deleted'); END;
        CREATE TRIGGER entry_history_never_deleted BEFORE DELETE ON entry_history
            BEGIN SELECT RAISE(ABORT, 'follow-up history is never deleted'); END;
        CREATE TRIGGER entry_history_never_updated BEFORE UPDATE ON entry_history
            BEGIN SELECT RAISE(ABORT, 'follow-up history is never changed'); END;
        """

    static let postgresV1 = """
        CREATE FUNCTION tertial_has_identity_number(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE m text[]; d int[]; k1 int; k2 int; i int;
        BEGIN
          IF t IS NULL THEN RETURN false; END IF;
          FOR m IN SELECT regexp_matches(t, '(?<![0-9])([0-9]{6})[ .-]?([0-9]{5})(?![0-9])', 'g') LOOP
            d := ARRAY[]::int[];
            FOR i IN 1..11 LOOP d := d || substr(m[1] || m[2], i, 1)::int; END LOOP;
            k1 := 11 - (3*d[1] + 7*d[2] + 6*d[3] + 1*d[4] + 8*d[5] + 9*d[6] + 4*d[7] + 5*d[8] + 2*d[9]) % 11;
            IF k1 = 11 THEN k1 := 0; END IF;
            k2 := 11 - (5*d[1] + 4*d[2] + 3*d[3] + 2*d[4] + 7*d[5] + 6*d[6] + 5*d[7] + 4*d[8] + 3*d[9] + 2*d[10]) % 11;
            IF k2 = 11 THEN k2 := 0; END IF;
            IF k1 < 10 AND k2 < 10 AND k1 = d[10] AND k2 = d[11] THEN RETURN true; END IF;
          END LOOP;
          RETURN false;
        END $$;
        CREATE TABLE entry (
            id bigserial PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('comment', 'action')),
            unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
            indicator text NOT NULL CHECK (length(indicator) BETWEEN 1 AND 200),
            period text NOT NULL CHECK (length(period) BETWEEN 4 AND 10),
            text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
            owner text CHECK (owner IS NULL OR length(owner) <= 2000),
            due text CHECK (due IS NULL OR due ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            status text CHECK (status IS NULL OR status IN ('planned', 'in_progress', 'done', 'cancelled')),
            note text CHECK (note IS NULL OR length(note) <= 2000),
            superseded_by bigint REFERENCES entry(id),
            created_at text NOT NULL, created_by text NOT NULL,
            updated_at text NOT NULL, updated_by text NOT NULL,
            CHECK ((kind = 'action') = (status IS NOT NULL)),
            CONSTRAINT tertial_no_identity_number CHECK (NOT tertial_has_identity_number(text) AND NOT tertial_has_identity_number(owner)
                                                         AND NOT tertial_has_identity_number(note))
        );
        CREATE INDEX entry_by_key ON entry(unit, indicator, period);
        CREATE TABLE entry_history (
            id bigserial PRIMARY KEY,
            entry_id bigint NOT NULL REFERENCES entry(id),
            at text NOT NULL, by text NOT NULL,
            change text NOT NULL CHECK (change IN ('created', 'edited', 'status', 'superseded')),
            text text NOT NULL, owner text, due text, status text, note text
        );
        CREATE INDEX entry_history_by_entry ON entry_history(entry_id);
        CREATE FUNCTION tertial_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'follow-up is never deleted or rewritten (%)', TG_TABLE_NAME; END $$;
        CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry FOR EACH ROW EXECUTE FUNCTION tertial_refuse();
        CREATE TRIGGER entry_history_never_changed BEFORE UPDATE OR DELETE ON entry_history FOR EACH ROW EXECUTE FUNCTION tertial_refuse();
        CREATE FUNCTION tertial_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('tertial_followup', NEW.id::text); RETURN NEW; END $$;
        CREATE TRIGGER entry_history_notify AFTER INSERT ON entry_history FOR EACH ROW EXECUTE FUNCTION tertial_notify();
        """

    static let postgresV2 = """
        CREATE TABLE tertial_access (
            role text NOT NULL,
            unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
            PRIMARY KEY (role, unit)
        );
        ALTER TABLE entry ENABLE ROW LEVEL SECURITY;
        ALTER TABLE entry_history ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tertial_read ON entry FOR SELECT USING (true);
        CREATE POLICY tertial_insert ON entry FOR INSERT
            WITH CHECK (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user));
        CREATE POLICY tertial_update ON entry FOR UPDATE
            USING (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user))
            WITH CHECK (unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user));
        CREATE POLICY tertial_history_read ON entry_history FOR SELECT USING (true);
        CREATE POLICY tertial_history_insert ON entry_history FOR INSERT
            WITH CHECK (entry_id IN (SELECT e.id FROM entry e WHERE e.unit IN (SELECT a.unit FROM tertial_access a WHERE a.role = current_user)));
        """

    static let postgresV3 = #"""
        CREATE OR REPLACE FUNCTION tertial_has_identity_number(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE s text; r text; d int[]; n int; k int; i int; k1 int; k2 int; dd int; mm int;
        BEGIN
          IF t IS NULL OR t = '' THEN RETURN false; END IF;
          s := translate(t, '０１２３４５６７８９⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९',
                            '012345678901234567890123456789012345678901234567890123456789');
          s := regexp_replace(s, '[\u00A0-\u00A9\u00AB-\u00B4\u00B6-\u00B9\u00BB-\u00BF\u2000-\u206F\u2190-\u23FF\u2500-\u27BF\u3000-\u303F\uFE10-\uFE6F\uFEFF\uFF01-\uFF0F\uFF1A-\uFF20\U0001F000-\U0001FAFF]', '', 'g');
          s := regexp_replace(s, '[^\x01-\x7F]', 'a', 'g');
          s := regexp_replace(s, '[^0-9A-Za-z]', '', 'g');
          FOR r IN SELECT (regexp_matches(s, '[0-9]{11,}', 'g'))[1] LOOP
            n := length(r);
            FOR k IN 0..(n - 11) LOOP
              d := ARRAY[]::int[];
              FOR i IN 1..11 LOOP d := d || substr(r, k + i, 1)::int; END LOOP;
              k1 := 11 - (3*d[1] + 7*d[2] + 6*d[3] + 1*d[4] + 8*d[5] + 9*d[6] + 4*d[7] + 5*d[8] + 2*d[9]) % 11;
              IF k1 = 11 THEN k1 := 0; END IF;
              k2 := 11 - (5*d[1] + 4*d[2] + 3*d[3] + 2*d[4] + 7*d[5] + 6*d[6] + 5*d[7] + 4*d[8] + 3*d[9] + 2*k1) % 11;
              IF k2 = 11 THEN k2 := 0; END IF;
              IF k1 < 10 AND k2 < 10 AND k1 = d[10] AND k2 = d[11] THEN
                IF n = 11 THEN RETURN true; END IF;
                dd := d[1] * 10 + d[2]; mm := d[3] * 10 + d[4];
                IF dd > 40 THEN dd := dd - 40; END IF;
                IF mm > 40 THEN mm := mm - 40; END IF;
                IF dd BETWEEN 1 AND 31 AND mm BETWEEN 1 AND 12 THEN RETURN true; END IF;
              END IF;
            END LOOP;
          END LOOP;
          RETURN false;
        END $$;
        ALTER TABLE entry DROP CONSTRAINT tertial_no_identity_number;
        ALTER TABLE entry ADD CONSTRAINT tertial_no_identity_number CHECK (NOT tertial_has_identity_number(text) AND NOT tertial_has_identity_number(owner)
            AND NOT tertial_has_identity_number(note) AND NOT tertial_has_identity_number(created_by) AND NOT tertial_has_identity_number(updated_by)) NOT VALID;
        ALTER TABLE entry_history ADD CONSTRAINT tertial_history_no_identity_number CHECK (NOT tertial_has_identity_number(text)
            AND NOT tertial_has_identity_number(owner) AND NOT tertial_has_identity_number(note) AND NOT tertial_has_identity_number(by)) NOT VALID;
        CREATE FUNCTION tertial_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
          SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'entry'::regclass), 'MEMBER')
        $$;
        CREATE FUNCTION tertial_now() RETURNS text LANGUAGE sql STABLE AS $$
          SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        $$;
        CREATE FUNCTION tertial_entry_before() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND (NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.unit <> OLD.unit OR NEW.indicator <> OLD.indicator
              OR NEW.period <> OLD.period OR NEW.created_at <> OLD.created_at OR NEW.created_by <> OLD.created_by) THEN
            RAISE EXCEPTION 'tertial: what an entry is about, and who made it when, never change';
          END IF;
          IF NOT tertial_is_admin() THEN
            IF TG_OP = 'INSERT' THEN NEW.created_by := current_user; NEW.created_at := tertial_now(); END IF;
            NEW.updated_by := current_user; NEW.updated_at := tertial_now();
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER entry_author BEFORE INSERT OR UPDATE ON entry FOR EACH ROW EXECUTE FUNCTION tertial_entry_before();
        CREATE FUNCTION tertial_entry_history() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE c text := nullif(current_setting('tertial.change', true), '');
        BEGIN
          IF TG_OP = 'INSERT' THEN c := 'created';
          ELSIF c IS NULL OR c NOT IN ('edited', 'status', 'superseded') THEN
            c := CASE WHEN NEW.superseded_by IS DISTINCT FROM OLD.superseded_by THEN 'superseded'
                      WHEN NEW.status IS DISTINCT FROM OLD.status OR NEW.note IS DISTINCT FROM OLD.note THEN 'status' ELSE 'edited' END;
          END IF;
          INSERT INTO entry_history (entry_id, at, by, change, text, owner, due, status, note)
            VALUES (NEW.id, NEW.updated_at, NEW.updated_by, c, NEW.text, NEW.owner, NEW.due, NEW.status, NEW.note);
          RETURN NULL;
        END $$;
        CREATE TRIGGER entry_history_written AFTER INSERT OR UPDATE ON entry FOR EACH ROW EXECUTE FUNCTION tertial_entry_history();
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tertial_leader') THEN
            REVOKE INSERT, UPDATE, DELETE ON entry_history FROM tertial_leader;
            REVOKE DELETE ON entry FROM tertial_leader;
          END IF;
        END $$;
        """#
}
