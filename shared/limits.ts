/**
 * Every size, rate and time limit of the system, defined once. The server's ws `maxPayload`, the
 * sync handlers and the zod schemas all read from here.
 */

/** Largest y-websocket message the sync server accepts from a client. */
export const MAX_MESSAGE_BYTES = 1024 * 1024

/**
 * The transport cap (ws `maxPayload`). Frames between MAX_MESSAGE_BYTES and this get the named
 * close code `messageTooLarge`; beyond it the ws library closes with 1009 without buffering them.
 */
export const MAX_FRAME_BYTES = 2 * MAX_MESSAGE_BYTES

/** Largest stored size of one meeting's document (snapshot plus pending updates). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/** Per-connection token bucket: sustained messages a second, and the burst allowed above it. */
export const MESSAGE_RATE_PER_SECOND = 100
export const MESSAGE_BURST = 400

/**
 * SyncStep1 answers cost a whole-document encoding each. Clients send one per (re)connect, so a
 * small bucket is plenty; more is a flood.
 */
export const SYNC_STEP1_RATE_PER_SECOND = 0.5
export const SYNC_STEP1_BURST = 4

/** Bytes queued on one socket before the server gives up on a client that does not read. */
export const MAX_BUFFERED_BYTES = 2 * MAX_DOCUMENT_BYTES

/** Largest awareness state (JSON) of one client, in characters. */
export const MAX_AWARENESS_STATE_CHARS = 4 * 1024

/** Compact a meeting's update log into a snapshot after this many rows or bytes. */
export const COMPACT_AFTER_ROWS = 500
export const COMPACT_AFTER_BYTES = 512 * 1024
/** At shutdown, only rooms with at least this many rows since their snapshot are compacted. */
export const SHUTDOWN_COMPACT_MIN_ROWS = 100

/** How long a room stays loaded after its last connection left. */
export const ROOM_UNLOAD_GRACE_MS = 30_000

/** Server-side ping interval; a connection that misses one pong is terminated. */
export const PING_INTERVAL_MS = 30_000

/** Tokens: random bytes (≥ 128 bits), and how long a link lives by default. */
export const TOKEN_BYTES = 32
export const DEFAULT_TOKEN_TTL_DAYS = 30

/** Text fields of a meeting and its participants. */
export const MAX_NAME_CHARS = 120
export const MAX_TEXT_CHARS = 4000
export const MAX_SHORT_TEXT_CHARS = 200
/** The child is named by first name or initials only. */
export const MAX_CHILD_NAME_CHARS = 40

/** Staff sign-in: passwords, sessions, and the warning shown before a session ends. */
export const MIN_PASSWORD_CHARS = 12
export const MAX_PASSWORD_CHARS = 256
export const STAFF_SESSION_IDLE_MINUTES = 60
export const STAFF_SESSION_MAX_HOURS = 12
export const STAFF_SESSION_WARNING_MINUTES = 5

/** Failed sign-ins and token look-ups from one address: this many per window, then 429. */
export const AUTH_FAILURES_PER_WINDOW = 20
export const AUTH_FAILURE_WINDOW_MINUTES = 15
/**
 * Failed sign-ins for one e-mail address, from any number of source addresses, in the same window:
 * then that account's sign-in answers 429 until the window ends. High enough that someone
 * guessing cannot lock a colleague out by accident; low enough that guessing from many addresses
 * gets nowhere.
 */
export const AUTH_FAILURES_PER_ACCOUNT = 50

/** Invitations should go out at least this long before the meeting (soft warning). */
export const INVITATION_LEAD_DAYS = 21
/** The convener's list highlights unanswered invitations from this long before the meeting. */
export const RSVP_REMINDER_DAYS = 7

/** Participants per meeting (the field reports 3–12). */
export const MAX_PARTICIPANTS = 30

/** Longest comment on "Är du nöjd med mötet?", and longest reason for an unlock or a missing signature. */
export const MAX_SATISFACTION_COMMENT_CHARS = 1000
export const MAX_REASON_CHARS = 500

/**
 * A signature drawn in the room: SVG path data (M/L commands, whole numbers) in a box of this size,
 * at most this many characters (about 2,000 points).
 */
export const SIGNATURE_BOX = { width: 600, height: 200 } as const
export const MAX_SIGNATURE_DRAWING_CHARS = 20_000

/**
 * With SIP_DB_SYNCHRONOUS=background (the default), the WAL is flushed to disk this often: the most
 * a power cut can lose (server/db/wal-sync.ts).
 */
export const WAL_SYNC_INTERVAL_MS = 100

/**
 * Presence renewals (a client's unchanged state with a newer clock, sent every 15 s) are passed on
 * together at most this long after they arrive; clients drop a presence after 30 s without one.
 */
export const AWARENESS_RENEWAL_BATCH_MS = 5_000
