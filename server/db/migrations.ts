/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; `PRAGMA user_version`
 * records the last one applied. Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'meetings, participants, access tokens, document storage',
    sql: `
      CREATE TABLE meetings (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        child_name  TEXT NOT NULL,
        starts_at   INTEGER,
        is_demo     INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE participants (
        id            TEXT PRIMARY KEY,
        meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        role          TEXT NOT NULL CHECK (role IN ('chair', 'notetaker', 'participant', 'child', 'guardian')),
        name          TEXT,
        organisation  TEXT NOT NULL,
        function      TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX participants_meeting ON participants(meeting_id);

      -- Only the SHA-256 of a token is stored; the token itself exists only in the link.
      CREATE TABLE access_tokens (
        id              INTEGER PRIMARY KEY,
        token_hash      BLOB NOT NULL UNIQUE,
        participant_id  TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        expires_at      INTEGER NOT NULL,
        revoked_at      INTEGER,
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX access_tokens_participant ON access_tokens(participant_id);

      -- A document is its snapshot (if any) plus every update stored after it, in id order.
      CREATE TABLE doc_snapshots (
        meeting_id      TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        upto_update_id  INTEGER NOT NULL,
        data            BLOB NOT NULL,
        created_at      INTEGER NOT NULL
      ) STRICT;

      -- AUTOINCREMENT: ids are never reused after compaction deletes rows, so "id > upto" stays true.
      CREATE TABLE doc_updates (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        data        BLOB NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_meeting ON doc_updates(meeting_id, id);
    `,
  },
  {
    version: 2,
    name: 'staff accounts and sessions, meeting set-up, consent, participant sessions, audit log',
    sql: `
      CREATE TABLE users (
        id             TEXT PRIMARY KEY,
        email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name           TEXT NOT NULL,
        -- "scrypt$N=..,r=..,p=..$<salt>$<hash>" (server/auth/passwords.ts). NULL: no password sign-in
        -- (room for accounts that sign in through OpenID Connect later).
        password_hash  TEXT,
        is_admin       INTEGER NOT NULL DEFAULT 0,
        disabled_at    INTEGER,
        created_at     INTEGER NOT NULL
      ) STRICT;

      -- Only the SHA-256 of the sip_staff cookie value is stored.
      CREATE TABLE staff_sessions (
        id                   INTEGER PRIMARY KEY,
        token_hash           BLOB NOT NULL UNIQUE,
        user_id              TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at           INTEGER NOT NULL,
        idle_expires_at      INTEGER NOT NULL,
        absolute_expires_at  INTEGER NOT NULL,
        ended_at             INTEGER
      ) STRICT;
      CREATE INDEX staff_sessions_user ON staff_sessions(user_id);

      -- Meeting set-up (shared/schemas/meeting.ts). starts_at stays epoch milliseconds, as in 1.
      ALTER TABLE meetings ADD COLUMN convener_user_id TEXT REFERENCES users(id);
      ALTER TABLE meetings ADD COLUMN type TEXT NOT NULL DEFAULT 'first' CHECK (type IN ('first', 'followup'));
      ALTER TABLE meetings ADD COLUMN status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'started', 'finalized'));
      ALTER TABLE meetings ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 60;
      ALTER TABLE meetings ADD COLUMN place TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN remote_allowed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE meetings ADD COLUMN child_age TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN purpose TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN questions TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN child_words TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN child_participation TEXT NOT NULL DEFAULT 'whole'
        CHECK (child_participation IN ('whole', 'part', 'remote', 'trusted-person', 'not-at-all'));
      ALTER TABLE meetings ADD COLUMN child_participation_note TEXT NOT NULL DEFAULT '';
      ALTER TABLE meetings ADD COLUMN started_at INTEGER;
      ALTER TABLE meetings ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
      UPDATE meetings SET starts_at = created_at WHERE starts_at IS NULL;
      UPDATE meetings SET updated_at = created_at;
      CREATE INDEX meetings_convener ON meetings(convener_user_id, starts_at);

      -- At most one consent per meeting; recording it again replaces it (the audit log keeps each time).
      CREATE TABLE consents (
        meeting_id           TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        given_at             TEXT NOT NULL,
        scope                TEXT NOT NULL,
        not_shared           TEXT NOT NULL,
        recorded_at          INTEGER NOT NULL,
        recorded_by_user_id  TEXT REFERENCES users(id),
        recorded_by_name     TEXT NOT NULL
      ) STRICT;
      CREATE TABLE consent_givers (
        meeting_id  TEXT NOT NULL REFERENCES consents(meeting_id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        relation    TEXT NOT NULL CHECK (relation IN ('guardian', 'child', 'other')),
        PRIMARY KEY (meeting_id, position)
      ) STRICT;

      -- Organisations become the keys of shared/schemas/meeting.ts ORGANISATIONS; free text that
      -- matches none moves to organisation_other under 'annan'.
      ALTER TABLE participants ADD COLUMN organisation_other TEXT NOT NULL DEFAULT '';
      ALTER TABLE participants ADD COLUMN staff_user_id TEXT REFERENCES users(id);
      ALTER TABLE participants ADD COLUMN rsvp TEXT CHECK (rsvp IN ('coming', 'not-coming'));
      ALTER TABLE participants ADD COLUMN rsvp_at INTEGER;
      ALTER TABLE participants ADD COLUMN updated_at INTEGER;
      UPDATE participants SET organisation = CASE organisation
        WHEN 'Skola' THEN 'skola' WHEN 'Elevhälsa' THEN 'elevhalsa' WHEN 'Socialtjänst' THEN 'socialtjanst'
        WHEN 'BUP' THEN 'bup' WHEN 'HAB' THEN 'habilitering' WHEN 'Habilitering' THEN 'habilitering'
        WHEN 'Primärvård' THEN 'primarvard' WHEN 'Ungdomsmottagning' THEN 'ungdomsmottagning'
        WHEN 'Familj' THEN 'familj' ELSE organisation END;
      UPDATE participants SET organisation_other = organisation, organisation = 'annan'
        WHERE organisation NOT IN ('skola', 'elevhalsa', 'socialtjanst', 'bup', 'habilitering', 'primarvard',
                                   'ungdomsmottagning', 'familj', 'annan');
      CREATE INDEX participants_staff_user ON participants(staff_user_id);

      ALTER TABLE access_tokens ADD COLUMN opened_at INTEGER;

      -- What a link is exchanged for: the sip_p_<participantId> cookie (only its SHA-256 here). It
      -- lives exactly as long as the link token behind it: revoked or expired link, dead session.
      CREATE TABLE participant_sessions (
        id               INTEGER PRIMARY KEY,
        token_hash       BLOB NOT NULL UNIQUE,
        access_token_id  INTEGER NOT NULL REFERENCES access_tokens(id) ON DELETE CASCADE,
        participant_id   TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        -- Set when a signed-in staff member opened their own participant seat (POST .../open).
        staff_user_id    TEXT REFERENCES users(id),
        created_at       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX participant_sessions_token ON participant_sessions(access_token_id);

      -- Append-only. No foreign keys: a row outlives what it describes. Never tokens, never content.
      CREATE TABLE audit_log (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        at              INTEGER NOT NULL,
        action          TEXT NOT NULL,
        actor           TEXT NOT NULL,
        actor_name      TEXT,
        meeting_id      TEXT,
        subject         TEXT,
        source_address  TEXT
      ) STRICT;
      CREATE INDEX audit_log_meeting ON audit_log(meeting_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'sign-off: plan versions, signatures, missing signatures, finalization, satisfaction',
    sql: `
      -- A locked plan version: the canonical JSON that is signed, its SHA-256 (hex, over the UTF-8)
      -- and the Yjs state at lock. At most one version of a meeting is active (voided_at NULL).
      CREATE TABLE plan_versions (
        id              INTEGER PRIMARY KEY,
        meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        number          INTEGER NOT NULL,
        hash            TEXT NOT NULL,
        canonical_json  TEXT NOT NULL,
        snapshot        BLOB NOT NULL,
        locked_at       INTEGER NOT NULL,
        locked_by       TEXT NOT NULL,
        voided_at       INTEGER,
        void_reason     TEXT,
        UNIQUE (meeting_id, number)
      ) STRICT;
      CREATE UNIQUE INDEX plan_versions_active ON plan_versions(meeting_id) WHERE voided_at IS NULL;

      -- No foreign key on participant_id: a signature outlives a removed participant.
      CREATE TABLE signatures (
        id              INTEGER PRIMARY KEY,
        version_id      INTEGER NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
        participant_id  TEXT NOT NULL,
        method          TEXT NOT NULL CHECK (method IN ('own-device', 'in-room')),
        typed_name      TEXT NOT NULL,
        -- The chair who witnessed an in-room signature.
        witnessed_by    TEXT,
        signed_at       INTEGER NOT NULL,
        source_address  TEXT,
        UNIQUE (version_id, participant_id)
      ) STRICT;

      CREATE TABLE missing_signatures (
        meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        version_id      INTEGER NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
        participant_id  TEXT NOT NULL,
        reason          TEXT NOT NULL,
        PRIMARY KEY (version_id, participant_id)
      ) STRICT;

      ALTER TABLE meetings ADD COLUMN finalized_at INTEGER;

      -- "Är du nöjd med mötet?": no participant, no name; the day only, so an answer is not tied
      -- to the moment someone answered.
      CREATE TABLE satisfaction_answers (
        id          INTEGER PRIMARY KEY,
        meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment     TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;
      -- Who has answered (once each), kept apart from the answers and not linked to them.
      CREATE TABLE satisfaction_given (
        meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        participant_id  TEXT NOT NULL,
        PRIMARY KEY (meeting_id, participant_id)
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'sign-off: a signature drawn in the room',
    sql: `
      -- SVG path data (move-to and line-to, whole numbers; shared/schemas/signoff.ts), or NULL.
      ALTER TABLE signatures ADD COLUMN drawing TEXT;
    `,
  },
  {
    version: 5,
    name: 'sign-off: what a lock left out of a damaged plan',
    sql: `
      -- G13: the parts of the plan that had the wrong shape and were left out of the version's
      -- canonical JSON, as a JSON array (shared/plan/canonical.ts SkippedPart); '[]' for none.
      ALTER TABLE plan_versions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 6,
    name: 'audit log: repeated socket opens of one seat counted on one row',
    sql: `
      -- How often the same thing happened on this row, and when last (docs/protocol.md A10).
      ALTER TABLE audit_log ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1);
      ALTER TABLE audit_log ADD COLUMN last_at INTEGER;
      -- Still append-only: the one change allowed is counting one more of the same on a row.
      DROP TRIGGER audit_log_no_update;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
          NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.actor = OLD.actor
          AND NEW.actor_name IS OLD.actor_name AND NEW.meeting_id IS OLD.meeting_id
          AND NEW.subject IS OLD.subject AND NEW.source_address IS OLD.source_address
          AND NEW.count = OLD.count + 1 AND NEW.last_at >= coalesce(OLD.last_at, OLD.at)
        )
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 7,
    name: "meetings: a link to the organisation's own video meeting",
    sql: `
      -- https only, or '' for none (shared/schemas/meeting.ts VideoUrlSchema). SIP Live shows the
      -- link in the invitation and the room; the video itself runs on the organisation's platform.
      ALTER TABLE meetings ADD COLUMN video_url TEXT NOT NULL DEFAULT '';
    `,
  },
]
