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
  {
    version: 8,
    name: 'the SIP over time: SIP records, consent and huvudansvarig per SIP, follow-ups, closure, deviations',
    sql: `
      -- A SIP (ärende): one child's coordination across meetings, until it is closed (docs/process.md).
      CREATE TABLE sips (
        id                  TEXT PRIMARY KEY,
        child_name          TEXT NOT NULL,
        status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
        is_demo             INTEGER NOT NULL DEFAULT 0,
        created_by_user_id  TEXT REFERENCES users(id),
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL,
        -- Closure (avslut, seed 002 4.6): when it was recorded, the date it applies from, why.
        closed_at           INTEGER,
        closed_on           TEXT,
        close_reason        TEXT CHECK (close_reason IN
                              ('new-sip-needed', 'no-joint-support', 'no-new-needs', 'consent-withdrawn')),
        close_note          TEXT NOT NULL DEFAULT '',
        closed_by_user_id   TEXT REFERENCES users(id),
        closed_by_name      TEXT,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      ) STRICT;

      -- Every meeting belongs to one SIP; a follow-up names the meeting before it. A meeting of a
      -- SIP closed before it was held is cancelled (cancelled_at), never deleted.
      ALTER TABLE meetings ADD COLUMN sip_id TEXT REFERENCES sips(id);
      ALTER TABLE meetings ADD COLUMN previous_meeting_id TEXT REFERENCES meetings(id);
      ALTER TABLE meetings ADD COLUMN cancelled_at INTEGER;
      -- Each existing meeting becomes the first meeting of a SIP of its own, with the meeting's id.
      INSERT INTO sips (id, child_name, status, is_demo, created_by_user_id, created_at, updated_at)
        SELECT id, child_name, 'active', is_demo, convener_user_id, created_at, updated_at FROM meetings;
      UPDATE meetings SET sip_id = id;
      CREATE INDEX meetings_sip ON meetings(sip_id, starts_at);

      -- Consent belongs to the SIP: recorded once, shown at every meeting, withdrawable.
      CREATE TABLE sip_consents (
        sip_id               TEXT PRIMARY KEY REFERENCES sips(id) ON DELETE CASCADE,
        given_at             TEXT NOT NULL,
        scope                TEXT NOT NULL,
        not_shared           TEXT NOT NULL,
        recorded_at          INTEGER NOT NULL,
        recorded_by_user_id  TEXT REFERENCES users(id),
        recorded_by_name     TEXT NOT NULL,
        -- Withdrawal: the date it was withdrawn, by whom (a guardian, the young person), who recorded it.
        withdrawn_at         INTEGER,
        withdrawn_on         TEXT,
        withdrawn_by         TEXT,
        withdrawal_recorded_by_name TEXT
      ) STRICT;
      CREATE TABLE sip_consent_givers (
        sip_id    TEXT NOT NULL REFERENCES sip_consents(sip_id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL,
        relation  TEXT NOT NULL CHECK (relation IN ('guardian', 'child', 'other')),
        PRIMARY KEY (sip_id, position)
      ) STRICT;
      INSERT INTO sip_consents (sip_id, given_at, scope, not_shared, recorded_at, recorded_by_user_id, recorded_by_name)
        SELECT m.sip_id, c.given_at, c.scope, c.not_shared, c.recorded_at, c.recorded_by_user_id, c.recorded_by_name
        FROM consents c JOIN meetings m ON m.id = c.meeting_id;
      INSERT INTO sip_consent_givers (sip_id, position, name, relation)
        SELECT m.sip_id, g.position, g.name, g.relation
        FROM consent_givers g JOIN meetings m ON m.id = g.meeting_id;
      DROP TABLE consent_givers;
      DROP TABLE consents;

      -- Huvudansvarig over time: the newest row is the current one. user_id: the staff account of
      -- the person, when they have one – it lets them see the SIP in "Mina SIP:ar".
      CREATE TABLE sip_responsible (
        id                   INTEGER PRIMARY KEY,
        sip_id               TEXT NOT NULL REFERENCES sips(id) ON DELETE CASCADE,
        organisation         TEXT NOT NULL,
        organisation_other   TEXT NOT NULL DEFAULT '',
        function             TEXT NOT NULL,
        name                 TEXT NOT NULL,
        user_id              TEXT REFERENCES users(id),
        from_date            TEXT NOT NULL,
        -- The meeting whose signed plan named them, if that is where it was decided.
        meeting_id           TEXT REFERENCES meetings(id),
        recorded_at          INTEGER NOT NULL,
        recorded_by_user_id  TEXT REFERENCES users(id),
        recorded_by_name     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sip_responsible_sip ON sip_responsible(sip_id, id);
      CREATE INDEX sip_responsible_user ON sip_responsible(user_id);
      -- The huvudansvarig the signed plans of finalized meetings named.
      INSERT INTO sip_responsible (sip_id, organisation, function, name, from_date, meeting_id, recorded_at,
                                   recorded_by_name)
        SELECT m.sip_id, coalesce(json_extract(v.canonical_json, '$.responsible.organisation'), ''),
               coalesce(json_extract(v.canonical_json, '$.responsible.function'), ''),
               coalesce(json_extract(v.canonical_json, '$.responsible.name'), ''),
               date(m.starts_at / 1000, 'unixepoch'), m.id, coalesce(m.finalized_at, v.locked_at), 'SIP Live'
        FROM meetings m JOIN plan_versions v ON v.meeting_id = m.id AND v.voided_at IS NULL
        WHERE m.status = 'finalized'
          AND (coalesce(json_extract(v.canonical_json, '$.responsible.name'), '') <> ''
            OR coalesce(json_extract(v.canonical_json, '$.responsible.function'), '') <> '');

      -- Avvikelser (seed 002 section 5), to be filed in the municipality's own deviation system.
      CREATE TABLE deviations (
        id                   TEXT PRIMARY KEY,
        sip_id               TEXT NOT NULL REFERENCES sips(id) ON DELETE CASCADE,
        meeting_id           TEXT REFERENCES meetings(id),
        category             TEXT NOT NULL CHECK (category IN
                               ('actor-absent', 'late-invitation', 'meeting-late', 'not-signed', 'other')),
        organisation         TEXT NOT NULL,
        organisation_other   TEXT NOT NULL DEFAULT '',
        description          TEXT NOT NULL,
        occurred_on          TEXT NOT NULL,
        recorded_at          INTEGER NOT NULL,
        recorded_by_user_id  TEXT REFERENCES users(id),
        recorded_by_name     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX deviations_sip ON deviations(sip_id, recorded_at);
      CREATE INDEX deviations_recorded ON deviations(recorded_at);

      -- Installation settings an administrator edits (e.g. where a family turns if the need returns).
      CREATE TABLE settings (
        key                 TEXT PRIMARY KEY,
        value               TEXT NOT NULL,
        updated_at          INTEGER NOT NULL,
        updated_by_user_id  TEXT REFERENCES users(id)
      ) STRICT;

      -- Audit rows about a SIP as a whole (closure, huvudansvarig, deviations) name it here.
      ALTER TABLE audit_log ADD COLUMN sip_id TEXT;
      CREATE INDEX audit_log_sip ON audit_log(sip_id, id);
      DROP TRIGGER audit_log_no_update;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
          NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.actor = OLD.actor
          AND NEW.actor_name IS OLD.actor_name AND NEW.meeting_id IS OLD.meeting_id
          AND NEW.subject IS OLD.subject AND NEW.source_address IS OLD.source_address
          AND NEW.sip_id IS OLD.sip_id
          AND NEW.count = OLD.count + 1 AND NEW.last_at >= coalesce(OLD.last_at, OLD.at)
        )
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      -- Rows written before this migration: the SIP of their meeting has the meeting's id.
      -- (Not back-filled: the log is append-only; readers map meeting_id to its SIP.)
    `,
  },
  {
    version: 9,
    name: 'the SIP over time: a version keeps the consent it was signed under; one follow-up per meeting',
    sql: `
      -- P2: the consent as it stood when the version was locked (JSON: givenBy, givenAt, scope,
      -- notShared), so a consent recorded again at a later meeting of the SIP never changes an
      -- earlier protocol. NULL: no consent was recorded then.
      ALTER TABLE plan_versions ADD COLUMN consent_json TEXT;
      UPDATE plan_versions SET consent_json = (
        SELECT json_object(
          'givenBy', (SELECT json_group_array(json(giver)) FROM (
                       SELECT json_object('name', g.name, 'relation', g.relation) AS giver
                       FROM sip_consent_givers g WHERE g.sip_id = c.sip_id ORDER BY g.position)),
          'givenAt', c.given_at, 'scope', c.scope, 'notShared', c.not_shared)
        FROM meetings m JOIN sip_consents c ON c.sip_id = m.sip_id
        WHERE m.id = plan_versions.meeting_id);

      -- P5: a meeting has at most one follow-up – the SIP's meetings are one chain.
      CREATE UNIQUE INDEX meetings_one_follow_up ON meetings(previous_meeting_id)
        WHERE previous_meeting_id IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'statistics: the facts of every finalized meeting, and the convener organisation on staff accounts',
    sql: `
      -- Who convenes, for "who convened" without guessing (issue 14): a key of ORGANISATIONS or ''.
      ALTER TABLE users ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
      ALTER TABLE users ADD COLUMN function TEXT NOT NULL DEFAULT '';

      -- Written once when a meeting is finalized, from the signed version and the records then, so
      -- the statistics never open a plan (issue 14; server/statistics/facts.ts). No names, no free
      -- text but a function, no child data.
      CREATE TABLE meeting_facts (
        meeting_id             TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        sip_id                 TEXT NOT NULL,
        -- The meeting's day in Sweden, YYYY-MM-DD: every figure is counted by it.
        held_on                TEXT NOT NULL,
        type                   TEXT NOT NULL CHECK (type IN ('first', 'followup')),
        -- The convener's organisation (a key of ORGANISATIONS, '' when not known) and function.
        convener_organisation  TEXT NOT NULL,
        convener_function      TEXT NOT NULL,
        child_participation    TEXT NOT NULL,
        -- The signed plan booked the next follow-up (a date in step 5).
        follow_up_booked       INTEGER NOT NULL CHECK (follow_up_booked IN (0, 1)),
        -- Everyone marked present or remote signed the version.
        signed_by_all          INTEGER NOT NULL CHECK (signed_by_all IN (0, 1)),
        finalized_at           INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX meeting_facts_held ON meeting_facts(held_on);

      CREATE TABLE attendance_facts (
        meeting_id    TEXT NOT NULL REFERENCES meeting_facts(meeting_id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL,
        role          TEXT NOT NULL,
        -- A key of ORGANISATIONS (free text under 'annan' is not kept here).
        organisation  TEXT NOT NULL,
        function      TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('present', 'remote', 'cancelled', 'no-show', 'unmarked')),
        signed        INTEGER NOT NULL CHECK (signed IN (0, 1)),
        PRIMARY KEY (meeting_id, participant_id)
      ) STRICT;

      -- The facts of meetings finalized before this migration, from their active version.
      INSERT INTO meeting_facts (meeting_id, sip_id, held_on, type, convener_organisation, convener_function,
                                 child_participation, follow_up_booked, signed_by_all, finalized_at)
        SELECT m.id, m.sip_id, date(m.starts_at / 1000, 'unixepoch'), m.type,
               coalesce((SELECT p.organisation FROM participants p
                         WHERE p.meeting_id = m.id AND p.staff_user_id = m.convener_user_id LIMIT 1), ''),
               coalesce((SELECT p.function FROM participants p
                         WHERE p.meeting_id = m.id AND p.staff_user_id = m.convener_user_id LIMIT 1), ''),
               m.child_participation,
               coalesce(json_extract(v.canonical_json, '$.followUp.date'), '') <> '',
               NOT EXISTS (
                 SELECT 1 FROM json_each(v.canonical_json, '$.attendance') a
                 WHERE a.value IN ('present', 'remote')
                   AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.participant_id = a.key)),
               m.finalized_at
        FROM meetings m JOIN plan_versions v ON v.meeting_id = m.id AND v.voided_at IS NULL
        WHERE m.status = 'finalized' AND m.finalized_at IS NOT NULL;
      INSERT INTO attendance_facts (meeting_id, participant_id, role, organisation, function, status, signed)
        SELECT f.meeting_id, p.id, p.role, p.organisation, lower(trim(p.function)),
               coalesce((SELECT a.value FROM json_each(v.canonical_json, '$.attendance') a WHERE a.key = p.id),
                        'unmarked'),
               EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.participant_id = p.id)
        FROM meeting_facts f
        JOIN plan_versions v ON v.meeting_id = f.meeting_id AND v.voided_at IS NULL
        JOIN participants p ON p.meeting_id = f.meeting_id;
    `,
  },
  {
    version: 11,
    name: 'statistics: the permission to read them, municipality, follow-up, invitation and consent days, why a signature is missing',
    sql: `
      -- Who may read the statistics (issue 14; administrators grant it) and the municipality an
      -- account works for, so a regional report can be filtered by it.
      ALTER TABLE users ADD COLUMN statistics INTEGER NOT NULL DEFAULT 0 CHECK (statistics IN (0, 1));
      ALTER TABLE users ADD COLUMN municipality TEXT NOT NULL DEFAULT '';

      -- Why a required signature is missing, as a category the statistics count (the free-text
      -- reason stays in the protocol only). shared/schemas/signoff.ts MISSING_SIGNATURE_REASONS.
      ALTER TABLE missing_signatures ADD COLUMN category TEXT NOT NULL DEFAULT 'other'
        CHECK (category IN ('left-early', 'technical', 'declined', 'other'));

      -- The convener's municipality; the follow-up date the signed plan booked (NULL: none); the
      -- day the first invitation link was issued (NULL: none) and the SIP's consent date (NULL:
      -- none recorded), for the three-week rules of seeds 002 and 004.
      ALTER TABLE meeting_facts ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
      ALTER TABLE meeting_facts ADD COLUMN follow_up_on TEXT;
      ALTER TABLE meeting_facts ADD COLUMN invited_on TEXT;
      ALTER TABLE meeting_facts ADD COLUMN consent_on TEXT;
      -- Why a present participant did not sign: a category of missing_signatures, else NULL.
      ALTER TABLE attendance_facts ADD COLUMN missing_reason TEXT;
      CREATE INDEX meeting_facts_sip ON meeting_facts(sip_id);
      -- The first invitation of a meeting is looked up at every finalize (and below, once per meeting).
      CREATE INDEX access_tokens_meeting ON access_tokens(meeting_id);

      -- Days as Sweden counts them (stockholm_day, registered by server/db/connection.ts): also
      -- corrects schema 10's backfill, which took the meeting's UTC day. A follow-up date that is
      -- not a calendar date (typed by hand into the plan) is no date.
      UPDATE meeting_facts SET
        held_on = (SELECT stockholm_day(m.starts_at) FROM meetings m WHERE m.id = meeting_facts.meeting_id),
        follow_up_on = (SELECT CASE WHEN d GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(d) = d
                                    THEN d END
                        FROM (SELECT trim(coalesce(json_extract(v.canonical_json, '$.followUp.date'), '')) AS d
                              FROM plan_versions v
                              WHERE v.meeting_id = meeting_facts.meeting_id AND v.voided_at IS NULL)),
        invited_on = (SELECT stockholm_day(min(t.created_at))
                      FROM access_tokens t JOIN participants p ON p.id = t.participant_id
                      JOIN meetings m ON m.id = t.meeting_id
                      WHERE t.meeting_id = meeting_facts.meeting_id
                        AND (m.convener_user_id IS NULL OR p.staff_user_id IS NOT m.convener_user_id)),
        consent_on = (SELECT c.given_at FROM sip_consents c WHERE c.sip_id = meeting_facts.sip_id);
      UPDATE attendance_facts SET missing_reason = 'other'
        WHERE signed = 0 AND status IN ('present', 'remote')
          AND EXISTS (SELECT 1 FROM missing_signatures s WHERE s.meeting_id = attendance_facts.meeting_id
                        AND s.participant_id = attendance_facts.participant_id);
    `,
  },
  {
    version: 12,
    name: 'statistics: indexes the report counts by',
    sql: `
      -- The statistics report (server/db/statistics-report.ts) counts with GROUP BY; SQLite groups by
      -- sorting, and sorting every invited person of a long period cost more than everything else
      -- (docs/statistics.md "How it is counted fast"). Each index lets a count read in the order
      -- it needs.
      -- Per meeting, who came from where: "took part" per meeting in meeting order, and the
      -- organisation filter, without opening a row.
      CREATE INDEX attendance_facts_took ON attendance_facts(meeting_id, organisation, status);
      -- Attendance, signatures and functions already in GROUP BY order: a long period is one pass
      -- over this index instead of a sort.
      CREATE INDEX attendance_facts_group
        ON attendance_facts(organisation, role, status, missing_reason, function, meeting_id);
      -- The answers of the meetings counted, not every answer ever given.
      CREATE INDEX satisfaction_answers_meeting ON satisfaction_answers(meeting_id);
      -- The few demo SIPs, cancelled meetings and closed SIPs, found without reading every row.
      CREATE INDEX sips_demo ON sips(id) WHERE is_demo = 1;
      CREATE INDEX sips_closed ON sips(closed_on) WHERE status = 'closed';
      CREATE INDEX meetings_cancelled ON meetings(starts_at) WHERE cancelled_at IS NOT NULL;
      CREATE INDEX deviations_occurred ON deviations(occurred_on);
    `,
  },
  {
    version: 13,
    name: 'documents: a head row per meeting orders its appends and carries the frozen flag',
    sql: `
      -- S4, G2 across processes (issue 16): every append of a meeting's update bumps its head row's
      -- seq in the same transaction, so appends of one meeting are taken one at a time and a reader
      -- can tell whether it has missed one; a locked or finalized plan's head is frozen, and an
      -- append to a frozen head is refused by the database, whichever process makes it. The row
      -- is made by the first append (or lock); the plans frozen now get theirs here.
      CREATE TABLE doc_heads (
        meeting_id  TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        frozen      INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO doc_heads (meeting_id, seq, frozen)
        SELECT id, 0, 1 FROM meetings m
         WHERE m.finalized_at IS NOT NULL
            OR EXISTS (SELECT 1 FROM plan_versions v WHERE v.meeting_id = m.id AND v.voided_at IS NULL);
    `,
  },
]
