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

/** Bytes a socket may send before its room has loaded (S3); they are handled, in order, after. */
export const MAX_EARLY_FRAME_BYTES = 2 * MAX_FRAME_BYTES

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
/**
 * At shutdown (S11), how long the server waits for the clients to answer its 1001 before it ends
 * their sockets. The 1001 is out by then; waiting longer only holds the restart back, and the
 * clients' first retries (200 ms, then 400 ms later) are what it must meet.
 */
export const SHUTDOWN_CLOSE_WAIT_MS = 100
/** Compaction runs this long after a store passed the threshold: off the hot path of the burst (S8). */
export const COMPACT_DELAY_MS = 250

/**
 * Group commit (S4, decision 010): a store follows the last one by at least this long, so under
 * load one transaction carries every update of the window; after a quiet spell an update is stored
 * at the end of its own turn, as if there were no window.
 */
export const GROUP_COMMIT_WINDOW_MS = 2
/** Updates pending across every room that end a window early (stored at the end of the turn). */
export const GROUP_COMMIT_MAX_UPDATES = 512

/** How long a room stays loaded after its last connection left. */
export const ROOM_UNLOAD_GRACE_MS = 30_000

/**
 * A failed store (disk full, database locked) is retried after this long (S7): a brief lock costs
 * about a second, and a database in trouble is not hammered.
 */
export const STORE_RETRY_DELAY_MS = 1000

/**
 * How long update parts Yjs holds back may wait for the changes they build on (S4a). The gap is
 * normally filled within milliseconds; SyncStep1 answers wait meanwhile, so the wait is bounded.
 */
export const HELD_BACK_TIMEOUT_MS = 10_000

/**
 * Writers' update bytes one room keeps, unapplied, while a store is in flight (S4) – a few
 * milliseconds on PostgreSQL, none on SQLite. A sender past it is closed with not-saved (its client
 * resends).
 */
export const MAX_WAITING_UPDATE_BYTES = 4 * MAX_MESSAGE_BYTES

/** Server-side ping interval; a connection that misses one pong is terminated. */
export const PING_INTERVAL_MS = 30_000

/** Tokens: random bytes (≥ 128 bits), and how long a link lives by default. */
export const TOKEN_BYTES = 32
export const DEFAULT_TOKEN_TTL_DAYS = 30
/** Open sockets are checked against expired and revoked links this often (A8): one query a minute. */
export const TOKEN_SWEEP_INTERVAL_MS = 60_000
/**
 * Several processes (issue 16): how often a process asks PostgreSQL for the heads of the meetings
 * it holds, to catch up on what it was not told of over Redis (a lost message, Redis away). Cross-
 * process delivery is as slow as this only while Redis is lost.
 */
export const CLUSTER_POLL_INTERVAL_MS = 2_000

/** Text fields of a meeting and its participants. */
export const MAX_NAME_CHARS = 120
export const MAX_TEXT_CHARS = 4000
export const MAX_SHORT_TEXT_CHARS = 200
/** The child is named by first name or initials only. */
export const MAX_CHILD_NAME_CHARS = 40
/** The link to the organisation's own video meeting (Teams, Zoom, a regional service). */
export const MAX_VIDEO_URL_CHARS = 500

/** Staff sign-in: passwords, sessions, and the warning shown before a session ends. */
export const MIN_PASSWORD_CHARS = 12
export const MAX_PASSWORD_CHARS = 256
export const STAFF_SESSION_IDLE_MINUTES = 60
export const STAFF_SESSION_MAX_HOURS = 12
export const STAFF_SESSION_WARNING_MINUTES = 5

/**
 * Failed sign-ins from one address: this many per window, then 429. Failed link look-ups are
 * counted the same way, apart; past the limit a valid link still opens (A9).
 */
export const AUTH_FAILURES_PER_WINDOW = 20
export const AUTH_FAILURE_WINDOW_MINUTES = 15
/**
 * Failed sign-ins for one e-mail address, from any number of source addresses, in the same window:
 * then that account's sign-in answers 429 until the window ends. High enough that someone
 * guessing cannot lock a colleague out by accident; low enough that guessing from many addresses
 * gets nowhere.
 */
export const AUTH_FAILURES_PER_ACCOUNT = 50

/**
 * Requests to /api/ from one address per window (A14). A participant's page makes about three
 * (join, session, plan state) plus one per reconnect, a staff screen a handful: ~200 people behind
 * one school's NAT can open their pages in the same minute, and a runaway script is still stopped.
 */
export const API_REQUESTS_PER_WINDOW = 600
export const API_RATE_WINDOW_SECONDS = 60
/** Addresses the /api/ ceiling remembers; the least recently seen is forgotten first. */
export const API_RATE_ADDRESSES = 10_000

/**
 * The process guard (A15): while one of these is exceeded, new requests get 503. The event
 * loop's mean delay over a sample (server/pressure.ts): at a second every keystroke in every
 * meeting already waits that long
 * (the bench's worst, 4,000 clients, had a p99 keystroke delay of 0.4 s).
 */
export const PRESSURE_MAX_EVENT_LOOP_DELAY_MS = 1000
/** Of V8's heap limit: beyond it garbage collection runs almost without pause and a crash is near. */
export const PRESSURE_MAX_HEAP_FRACTION = 0.9
/** Resident memory: ten times the 212 MB measured with 4,000 clients. */
export const PRESSURE_MAX_RSS_BYTES = 2 * 1024 ** 3
/** How often the figures are sampled. */
export const PRESSURE_SAMPLE_INTERVAL_MS = 1000
/** The 503's Retry-After: long enough for a burst to drain, short enough that nobody gives up. */
export const PRESSURE_RETRY_AFTER_SECONDS = 10

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

/**
 * Deepest nesting of shared types (a map in a map in a list …) an update may create (S13). The
 * plan needs a handful of levels (a nested list in a text part is two per level); Yjs deletes and
 * garbage-collects nested types recursively and overflows the stack at about 1,500 levels.
 */
export const MAX_TYPE_NESTING = 100

/** Sockets one link (one participant's seat) may hold open at once: a phone, a laptop, a few tabs (S14). */
export const MAX_CONNECTIONS_PER_SEAT = 8
/** Sockets one source address may hold open at once: a school's shared address with many meetings (S14). */
export const MAX_CONNECTIONS_PER_ADDRESS = 200
/**
 * Bytes queued for sending across all sockets of the process (S14). Past it the sockets with the
 * most queued are closed with slow-consumer until the total is back under it.
 */
export const MAX_TOTAL_BUFFERED_BYTES = 128 * 1024 * 1024
/**
 * A socket with more than this queued counts as lagging: it is watched for the total above, and
 * its presence queries are not answered until it reads (it is not reading what it asked for).
 */
export const LAGGING_SOCKET_BYTES = 256 * 1024
/**
 * The lagging sockets' total is summed at most this often, and this long after the last send of a
 * burst (S14): summing costs a pass over them, and 50 ms of sending cannot add much.
 */
export const OUTBOUND_CHECK_INTERVAL_MS = 50

/**
 * Socket opens (S15), token buckets checked before the upgrade: per seat – a phone that drops and
 * reconnects every few seconds stays well inside – and per source address.
 */
export const SOCKET_OPENS_PER_SEAT_PER_MINUTE = 30
export const SOCKET_OPEN_BURST_PER_SEAT = 30
export const SOCKET_OPENS_PER_ADDRESS_PER_MINUTE = 600
export const SOCKET_OPEN_BURST_PER_ADDRESS = 300
/** Seats, and apart addresses, whose socket-open buckets are remembered (S15): refilled ones are forgotten first. */
export const SOCKET_OPEN_BUCKET_KEYS = 10_000
/** Repeated opens of one seat from one address within this window are one audit row with a count (A10). */
export const AUDIT_OPEN_WINDOW_MINUTES = 10

/**
 * Update bytes (SyncStep2 and Update) one writer's connection may send: a burst as large as a whole
 * document (a reconnect that brings back an offline stretch, a large paste), then one largest
 * message a second – far above typing. Applying or checking an update costs work in proportion to
 * its size; this bounds that work per connection (S10).
 */
export const INBOUND_UPDATE_BYTES_PER_SECOND = MAX_MESSAGE_BYTES
export const INBOUND_UPDATE_BYTES_BURST = MAX_DOCUMENT_BYTES

/** A deviation's description: short, and never a place for personal data (docs/process.md P12). */
export const MAX_DEVIATION_CHARS = 500
/** A follow-up is "due" from this many days before its date (Mina SIP:ar). */
export const FOLLOW_UP_DUE_DAYS = 14
/** The installation's text for a family about where to turn if the need returns (closure notice). */
export const MAX_SETTING_TEXT_CHARS = 2000
