/**
 * PostgreSQL migration 1: the SQLite schema at its version 12 (server/db/migrations.ts), as one
 * end state – the data migrations SQLite needed on the way (stockholm_day, json_each) have nothing
 * to convert here. The schema-parity test (schema.test.ts) compares both engines' tables, columns,
 * nullability, foreign keys and named indexes.
 *
 * Translation rules (docs/decisions/012 and 013):
 * - INTEGER ms timestamps and integer ids → bigint (pg answers int8 as Number: engine.ts);
 *   INTEGER PRIMARY KEY (with or without AUTOINCREMENT) → bigint GENERATED ALWAYS AS IDENTITY –
 *   no store inserts an id of these tables; a copy from SQLite uses OVERRIDING SYSTEM VALUE.
 * - 0/1 flags and small counts stay integer, not boolean, so rows have the same shape on both.
 * - BLOB → bytea. TEXT → text. STRICT has no twin (PostgreSQL is typed).
 * - `email … UNIQUE COLLATE NOCASE` → a unique index on lower(email). SQLite's NOCASE also makes
 *   `WHERE email = ?` and `ORDER BY email` case-insensitive: PostgreSQL stores must say
 *   `lower(email) = lower($1)` themselves.
 * - The append-only audit_log triggers → one plpgsql function for UPDATE and DELETE with SQLite's
 *   rule word for word, plus a statement trigger for TRUNCATE (row triggers do not see it).
 * - SQLite's rowid, where a store orders by it (meetings, participants, missing_signatures,
 *   attendance_facts: rows made in the same millisecond, or in a loop), → a PostgreSQL-only column
 *   `insert_order bigint GENERATED ALWAYS AS IDENTITY`: the order rows were inserted in. A copy
 *   from SQLite inserts in rowid order and lets PostgreSQL number them.
 * - Tables in dependency order (PostgreSQL checks a REFERENCES target when the table is made);
 *   columns in SQLite's order, the ones later migrations added at the end as there.
 */
export const SCHEMA_1 = `
CREATE TABLE users (
  id             text PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text,
  is_admin       integer NOT NULL DEFAULT 0,
  disabled_at    bigint,
  created_at     bigint NOT NULL,
  organisation   text NOT NULL DEFAULT '',
  function       text NOT NULL DEFAULT '',
  statistics     integer NOT NULL DEFAULT 0 CHECK (statistics IN (0, 1)),
  municipality   text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX users_email_nocase ON users (lower(email));

CREATE TABLE sips (
  id                  text PRIMARY KEY,
  child_name          text NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  is_demo             integer NOT NULL DEFAULT 0,
  created_by_user_id  text REFERENCES users(id),
  created_at          bigint NOT NULL,
  updated_at          bigint NOT NULL,
  closed_at           bigint,
  closed_on           text,
  close_reason        text CHECK (close_reason IN
                        ('new-sip-needed', 'no-joint-support', 'no-new-needs', 'consent-withdrawn')),
  close_note          text NOT NULL DEFAULT '',
  closed_by_user_id   text REFERENCES users(id),
  closed_by_name      text,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX sips_closed ON sips(closed_on) WHERE status = 'closed';
CREATE INDEX sips_demo ON sips(id) WHERE is_demo = 1;

CREATE TABLE meetings (
  id                        text PRIMARY KEY,
  title                     text NOT NULL,
  child_name                text NOT NULL,
  starts_at                 bigint,
  is_demo                   integer NOT NULL DEFAULT 0,
  created_at                bigint NOT NULL,
  convener_user_id          text REFERENCES users(id),
  type                      text NOT NULL DEFAULT 'first' CHECK (type IN ('first', 'followup')),
  status                    text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'started', 'finalized')),
  duration_minutes          integer NOT NULL DEFAULT 60,
  place                     text NOT NULL DEFAULT '',
  remote_allowed            integer NOT NULL DEFAULT 0,
  child_age                 text NOT NULL DEFAULT '',
  purpose                   text NOT NULL DEFAULT '',
  questions                 text NOT NULL DEFAULT '',
  child_words               text NOT NULL DEFAULT '',
  child_participation       text NOT NULL DEFAULT 'whole'
    CHECK (child_participation IN ('whole', 'part', 'remote', 'trusted-person', 'not-at-all')),
  child_participation_note  text NOT NULL DEFAULT '',
  started_at                bigint,
  updated_at                bigint NOT NULL DEFAULT 0,
  finalized_at              bigint,
  video_url                 text NOT NULL DEFAULT '',
  sip_id                    text REFERENCES sips(id),
  previous_meeting_id       text REFERENCES meetings(id),
  cancelled_at              bigint,
  insert_order              bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX meetings_cancelled ON meetings(starts_at) WHERE cancelled_at IS NOT NULL;
CREATE INDEX meetings_convener ON meetings(convener_user_id, starts_at);
CREATE UNIQUE INDEX meetings_one_follow_up ON meetings(previous_meeting_id) WHERE previous_meeting_id IS NOT NULL;
CREATE INDEX meetings_sip ON meetings(sip_id, starts_at);

CREATE TABLE participants (
  id                  text PRIMARY KEY,
  meeting_id          text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  role                text NOT NULL CHECK (role IN ('chair', 'notetaker', 'participant', 'child', 'guardian')),
  name                text,
  organisation        text NOT NULL,
  function            text NOT NULL,
  created_at          bigint NOT NULL,
  organisation_other  text NOT NULL DEFAULT '',
  staff_user_id       text REFERENCES users(id),
  rsvp                text CHECK (rsvp IN ('coming', 'not-coming')),
  rsvp_at             bigint,
  updated_at          bigint,
  insert_order        bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE INDEX participants_staff_user ON participants(staff_user_id);

CREATE TABLE access_tokens (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE,
  participant_id  text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  meeting_id      text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  expires_at      bigint NOT NULL,
  revoked_at      bigint,
  created_at      bigint NOT NULL,
  opened_at       bigint
);
CREATE INDEX access_tokens_meeting ON access_tokens(meeting_id);
CREATE INDEX access_tokens_participant ON access_tokens(participant_id);

CREATE TABLE participant_sessions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash       bytea NOT NULL UNIQUE,
  access_token_id  bigint NOT NULL REFERENCES access_tokens(id) ON DELETE CASCADE,
  participant_id   text NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  staff_user_id    text REFERENCES users(id),
  created_at       bigint NOT NULL
);
CREATE INDEX participant_sessions_token ON participant_sessions(access_token_id);

CREATE TABLE staff_sessions (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash           bytea NOT NULL UNIQUE,
  user_id              text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at           bigint NOT NULL,
  idle_expires_at      bigint NOT NULL,
  absolute_expires_at  bigint NOT NULL,
  ended_at             bigint
);
CREATE INDEX staff_sessions_user ON staff_sessions(user_id);

CREATE TABLE doc_updates (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  data        bytea NOT NULL,
  created_at  bigint NOT NULL
);
CREATE INDEX doc_updates_meeting ON doc_updates(meeting_id, id);

CREATE TABLE doc_snapshots (
  meeting_id      text PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  upto_update_id  bigint NOT NULL,
  data            bytea NOT NULL,
  created_at      bigint NOT NULL
);

CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              bigint NOT NULL,
  action          text NOT NULL,
  actor           text NOT NULL,
  actor_name      text,
  meeting_id      text,
  subject         text,
  source_address  text,
  count           integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  last_at         bigint,
  sip_id          text
);
CREATE INDEX audit_log_meeting ON audit_log(meeting_id, id);
CREATE INDEX audit_log_sip ON audit_log(sip_id, id);

-- Append-only, as SQLite's audit_log_no_update / audit_log_no_delete: the one change allowed is
-- counting a repeat (count + 1, a later last_at), nothing else of a row ever changes. IF NOT (…)
-- treats an unknown (NULL) condition as SQLite's WHEN NOT (…) does: the trigger does not refuse.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT (
      NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.actor = OLD.actor
      AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name AND NEW.meeting_id IS NOT DISTINCT FROM OLD.meeting_id
      AND NEW.subject IS NOT DISTINCT FROM OLD.subject AND NEW.source_address IS NOT DISTINCT FROM OLD.source_address
      AND NEW.sip_id IS NOT DISTINCT FROM OLD.sip_id
      AND NEW.count = OLD.count + 1 AND NEW.last_at >= coalesce(OLD.last_at, OLD.at)
    ) THEN
      RAISE EXCEPTION 'audit_log is append-only';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE plan_versions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id      text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  number          integer NOT NULL,
  hash            text NOT NULL,
  canonical_json  text NOT NULL,
  snapshot        bytea NOT NULL,
  locked_at       bigint NOT NULL,
  locked_by       text NOT NULL,
  voided_at       bigint,
  void_reason     text,
  skipped         text NOT NULL DEFAULT '[]',
  consent_json    text,
  UNIQUE (meeting_id, number)
);
CREATE UNIQUE INDEX plan_versions_active ON plan_versions(meeting_id) WHERE voided_at IS NULL;

CREATE TABLE signatures (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id      bigint NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
  participant_id  text NOT NULL,
  method          text NOT NULL CHECK (method IN ('own-device', 'in-room')),
  typed_name      text NOT NULL,
  witnessed_by    text,
  signed_at       bigint NOT NULL,
  source_address  text,
  drawing         text,
  UNIQUE (version_id, participant_id)
);

CREATE TABLE missing_signatures (
  meeting_id      text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  version_id      bigint NOT NULL REFERENCES plan_versions(id) ON DELETE CASCADE,
  participant_id  text NOT NULL,
  reason          text NOT NULL,
  category        text NOT NULL DEFAULT 'other' CHECK (category IN ('left-early', 'technical', 'declined', 'other')),
  insert_order    bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (version_id, participant_id)
);

CREATE TABLE satisfaction_answers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  score       integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     text NOT NULL,
  created_at  text NOT NULL
);
CREATE INDEX satisfaction_answers_meeting ON satisfaction_answers(meeting_id);

CREATE TABLE satisfaction_given (
  meeting_id      text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  participant_id  text NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);

CREATE TABLE settings (
  key                 text PRIMARY KEY,
  value               text NOT NULL,
  updated_at          bigint NOT NULL,
  updated_by_user_id  text REFERENCES users(id)
);

CREATE TABLE sip_consents (
  sip_id                       text PRIMARY KEY REFERENCES sips(id) ON DELETE CASCADE,
  given_at                     text NOT NULL,
  scope                        text NOT NULL,
  not_shared                   text NOT NULL,
  recorded_at                  bigint NOT NULL,
  recorded_by_user_id          text REFERENCES users(id),
  recorded_by_name             text NOT NULL,
  withdrawn_at                 bigint,
  withdrawn_on                 text,
  withdrawn_by                 text,
  withdrawal_recorded_by_name  text
);

CREATE TABLE sip_consent_givers (
  sip_id    text NOT NULL REFERENCES sip_consents(sip_id) ON DELETE CASCADE,
  position  integer NOT NULL,
  name      text NOT NULL,
  relation  text NOT NULL CHECK (relation IN ('guardian', 'child', 'other')),
  PRIMARY KEY (sip_id, position)
);

CREATE TABLE sip_responsible (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sip_id               text NOT NULL REFERENCES sips(id) ON DELETE CASCADE,
  organisation         text NOT NULL,
  organisation_other   text NOT NULL DEFAULT '',
  function             text NOT NULL,
  name                 text NOT NULL,
  user_id              text REFERENCES users(id),
  from_date            text NOT NULL,
  meeting_id           text REFERENCES meetings(id),
  recorded_at          bigint NOT NULL,
  recorded_by_user_id  text REFERENCES users(id),
  recorded_by_name     text NOT NULL
);
CREATE INDEX sip_responsible_sip ON sip_responsible(sip_id, id);
CREATE INDEX sip_responsible_user ON sip_responsible(user_id);

CREATE TABLE deviations (
  id                   text PRIMARY KEY,
  sip_id               text NOT NULL REFERENCES sips(id) ON DELETE CASCADE,
  meeting_id           text REFERENCES meetings(id),
  category             text NOT NULL CHECK (category IN
                         ('actor-absent', 'late-invitation', 'meeting-late', 'not-signed', 'other')),
  organisation         text NOT NULL,
  organisation_other   text NOT NULL DEFAULT '',
  description          text NOT NULL,
  occurred_on          text NOT NULL,
  recorded_at          bigint NOT NULL,
  recorded_by_user_id  text REFERENCES users(id),
  recorded_by_name     text NOT NULL
);
CREATE INDEX deviations_occurred ON deviations(occurred_on);
CREATE INDEX deviations_recorded ON deviations(recorded_at);
CREATE INDEX deviations_sip ON deviations(sip_id, recorded_at);

CREATE TABLE meeting_facts (
  meeting_id             text PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  sip_id                 text NOT NULL,
  held_on                text NOT NULL,
  type                   text NOT NULL CHECK (type IN ('first', 'followup')),
  convener_organisation  text NOT NULL,
  convener_function      text NOT NULL,
  child_participation    text NOT NULL,
  follow_up_booked       integer NOT NULL CHECK (follow_up_booked IN (0, 1)),
  signed_by_all          integer NOT NULL CHECK (signed_by_all IN (0, 1)),
  finalized_at           bigint NOT NULL,
  municipality           text NOT NULL DEFAULT '',
  follow_up_on           text,
  invited_on             text,
  consent_on             text
);
CREATE INDEX meeting_facts_held ON meeting_facts(held_on);
CREATE INDEX meeting_facts_sip ON meeting_facts(sip_id);

CREATE TABLE attendance_facts (
  meeting_id      text NOT NULL REFERENCES meeting_facts(meeting_id) ON DELETE CASCADE,
  participant_id  text NOT NULL,
  role            text NOT NULL,
  organisation    text NOT NULL,
  function        text NOT NULL,
  status          text NOT NULL CHECK (status IN ('present', 'remote', 'cancelled', 'no-show', 'unmarked')),
  signed          integer NOT NULL CHECK (signed IN (0, 1)),
  missing_reason  text,
  insert_order    bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (meeting_id, participant_id)
);
CREATE INDEX attendance_facts_group ON attendance_facts(organisation, role, status, missing_reason, function, meeting_id);
CREATE INDEX attendance_facts_took ON attendance_facts(meeting_id, organisation, status);
`
