import { parseArgs } from 'node:util'
import { DateSchema } from '../shared/schemas/meeting'
import { NewUserInputSchema } from '../shared/schemas/staff'
import { MAX_STATISTICS_DAYS } from '../shared/schemas/statistics'
import { describeIssues } from '../shared/validation'
import { hashPassword } from './auth/passwords'
import { type Config, loadConfigOrExit } from './config'
import { BackupRefusedError, backupSqlite } from './db/backup'
import { openDatabase } from './db/connection'
import type { Storage } from './db/contract'
import { sqliteStorage } from './db/sqlite-storage'
import { isUniqueViolation } from './db/users'
import { describeFailedVersion } from './db/verify-stored-versions'
import { createDemoMeetings, formatDemoMeetings } from './demo'
import { verifyVersion, versionToVerify } from './signoff/versions'
import { formatSeedResult, RealMeetingsPresentError, seedStatistics } from './statistics/generator'
import { daysBetween, MIN_PERIOD_DAYS, SHAPES, scaleShape, shapeProblems } from './statistics/generator-shape'

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-admin --email E --name N
                              Create an administrator account. The password is read from the
                              environment variable SIP_ADMIN_PASSWORD, or asked for when run in a
                              terminal. Works at any time, e.g. when no administrator can sign in.
  demo [--count N] [--json]   Create N (default 1, max 500) demo meetings with fictional data and
                              one participant of each role; print each meeting with a link per role.
  verify --meeting ID [--version N] [--json]
                              Recompute a stored plan version's SHA-256 from its canonical JSON
                              and its canonical JSON from its Yjs snapshot (for this meeting and
                              version number); say whether both match.
                              Default: the active (or latest) version. Exit 0 match, 1 mismatch.
  seed-statistics [--meetings N] [--from YYYY-MM-DD --to YYYY-MM-DD] [--seed S]
                  [--shape seed-000] [--into-existing] [--json]
                              Create invented, finalized SIP meetings of a known shape for the
                              statistics report: staff accounts (no sign-in) in three invented
                              municipalities, SIPs, meetings with links, consent, signed plan
                              versions, facts, answers, closures and deviations. The shape (default
                              seed-000: the 152 meetings of March–May 2026 in seed 000) is scaled
                              to N meetings (max 200,000) and moved to the period; S (default 1)
                              makes it reproducible. Refuses a database that holds meetings that
                              are not demo meetings, unless --into-existing: invented meetings
                              would count in the real statistics.
  backup --to FILE            Copy the SQLite file (SIP_DATA_DIR) with SQLite's online backup, safe
                              while the server runs; then open the copy and verify every plan
                              version in it. Never overwrites FILE. Exit 0 when the backup verifies.
                              (On PostgreSQL, back up with pg_dump: docs/operations.md.)
  migrate-to-postgres --from FILE [--to postgres://…]
                              Copy a SQLite installation (FILE, e.g. data/sip-live.db, read-only,
                              may be in use) into an empty PostgreSQL database (--to, else
                              SIP_DATABASE_URL): every table and row, ids kept, in one transaction
                              – all or nothing. Then compare the rows per table and verify every
                              plan version in PostgreSQL. Exit 0 when all match, 1 when the copy
                              failed or something differs, 2 when the source or arguments are wrong.
  help                        Show this text.

The CLI opens the same SQLite file as the server (SIP_DATA_DIR) and is safe to run while the
server is running.`

async function withStorage<T>(config: Config, run: (storage: Storage) => Promise<T>): Promise<T> {
  // With SIP_DATABASE_URL the CLI works on PostgreSQL, beside a running server (it takes no
  // process lock: its writes are transactions like the server's).
  if (config.databaseUrl !== undefined) {
    const { postgresStorage } = await import('./db/postgres/storage')
    const storage = await postgresStorage({ url: config.databaseUrl })
    try {
      return await run(storage)
    } finally {
      await storage.close()
    }
  }
  const storage = sqliteStorage(
    openDatabase({
      file: config.databaseFile,
      // The CLI has no WalSync, and a running server's WalSync flushes only after its own commits:
      // each CLI commit waits for the disk itself (they are few; decision 005).
      synchronous: config.dbSynchronous === 'background' ? 'full' : config.dbSynchronous,
      busyTimeoutMs: 5000,
    }),
  )
  try {
    return await run(storage)
  } finally {
    await storage.close()
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stdout } = process
    let answer = ''
    stdout.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done()
          resolve(answer)
          return
        }
        if (char === '\u0003') {
          done()
          reject(new Error('cancelled'))
          return
        }
        answer = char === '\u007f' ? answer.slice(0, -1) : answer + char
      }
    }
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stdout.write('\n')
    }
    stdin.on('data', onData)
  })
}

async function readAdminPassword(): Promise<string | undefined> {
  const fromEnv = process.env.SIP_ADMIN_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) return undefined
  const first = await promptHidden('Password: ')
  const second = await promptHidden('Password again: ')
  if (first !== second) {
    console.error('The passwords differ.')
    return undefined
  }
  return first
}

async function createAdmin(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  })
  const password = await readAdminPassword()
  if (password === undefined) {
    console.error('Set SIP_ADMIN_PASSWORD, or run create-admin in a terminal to be asked for the password.')
    return 2
  }
  const parsed = NewUserInputSchema.safeParse(
    { email: values.email, name: values.name, password, isAdmin: true },
    { reportInput: true },
  )
  if (!parsed.success) {
    // Operators read English; the field is named as its option.
    for (const issue of describeIssues(parsed.error, 'en')) {
      console.error(
        `${issue.field === 'password' ? 'SIP_ADMIN_PASSWORD' : `--${issue.field}`}: ${issue.message}`,
      )
    }
    return 2
  }
  const input = parsed.data
  const passwordHash = await hashPassword(input.password)
  try {
    const user = await withStorage(config, ({ stores, transaction }) =>
      transaction(async () => {
        const created = await stores.users.create({ ...input, passwordHash, isAdmin: true })
        await stores.audit.append({ action: 'user.created', actor: 'system', subject: `staff:${created.id}` })
        return created
      }),
    )
    console.log(`Administrator created: ${user.email} (${user.id})`)
    return 0
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    console.error(`An account with the e-mail address ${input.email} already exists.`)
    return 1
  }
}

const MAX_SEED_MEETINGS = 200_000

async function seedStatisticsCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      meetings: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      seed: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'seed-000' },
      'into-existing': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const base = SHAPES[values.shape]
  if (!base) {
    console.error(`--shape must be one of: ${Object.keys(SHAPES).join(', ')}`)
    return 2
  }
  const meetings = values.meetings === undefined ? base.meetings : Number(values.meetings)
  if (!Number.isInteger(meetings) || meetings < 1 || meetings > MAX_SEED_MEETINGS) {
    console.error(`--meetings must be a whole number from 1 to ${MAX_SEED_MEETINGS}`)
    return 2
  }
  const seed = Number(values.seed)
  if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed) || seed > 0xffff_ffff) {
    console.error('--seed must be a whole number from 0 to 4294967295')
    return 2
  }
  if ((values.from === undefined) !== (values.to === undefined)) {
    console.error('--from and --to go together')
    return 2
  }
  for (const field of ['from', 'to'] as const) {
    const day = values[field]
    if (day !== undefined && !DateSchema.safeParse(day).success) {
      console.error(`--${field} must be a date, YYYY-MM-DD`)
      return 2
    }
  }
  const from = values.from ?? base.from
  const to = values.to ?? base.to
  const days = daysBetween(from, to) + 1
  if (days < MIN_PERIOD_DAYS || days > MAX_STATISTICS_DAYS) {
    console.error(`--from to --to must span ${MIN_PERIOD_DAYS} to ${MAX_STATISTICS_DAYS} days (one report)`)
    return 2
  }
  const shape = scaleShape(base, meetings, { from, to })
  const problems = shapeProblems(shape)
  if (problems.length > 0) {
    console.error(`--meetings ${meetings}: the shape cannot be made that small (${problems.join('; ')})`)
    return 2
  }
  try {
    const result = await withStorage(config, (storage) =>
      seedStatistics(storage, { shape, seed, intoExisting: values['into-existing'] }),
    )
    console.log(values.json ? JSON.stringify(result, null, 2) : formatSeedResult(result))
    return 0
  } catch (error) {
    if (!(error instanceof RealMeetingsPresentError)) throw error
    console.error(
      `Refused: the database holds ${error.count} meetings that are not demo meetings, and invented ` +
        'meetings would count in their statistics. Nothing was written. Use --into-existing to write anyway.',
    )
    return 1
  }
}

async function verify(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      meeting: { type: 'string' },
      version: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (!values.meeting) {
    console.error('--meeting is required')
    return 2
  }
  const number = values.version === undefined ? undefined : Number(values.version)
  if (number !== undefined && (!Number.isInteger(number) || number < 1)) {
    console.error('--version must be a whole number from 1')
    return 2
  }
  const meetingId = values.meeting
  const version = await withStorage(config, ({ stores }) =>
    versionToVerify(stores.signoff, meetingId, number),
  )
  if (!version) {
    console.error(`No plan version${number === undefined ? '' : ` ${number}`} for meeting ${meetingId}.`)
    return 2
  }
  // G9: recomputed for the meeting asked about, not the one the row names.
  const result = verifyVersion(version, meetingId)
  if (values.json) console.log(JSON.stringify(result, null, 2))
  else {
    const word = (ok: boolean) => (ok ? 'match' : 'MISMATCH')
    console.log(`Meeting ${result.meetingId}, version ${result.number} (${result.code})`)
    console.log(`  hash of the stored canonical JSON: ${word(result.jsonMatches)}`)
    console.log(`  canonical JSON of the stored snapshot: ${word(result.snapshotMatches)}`)
    console.log(
      result.bound
        ? '  bound to this meeting and version number'
        : '  not bound: locked before versions named their meeting and number',
    )
    console.log(
      result.ok ? 'OK: the stored version is intact.' : 'FAILED: the stored version has been changed.',
    )
  }
  return result.ok ? 0 : 1
}

async function backupCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true })
  if (!values.to) {
    console.error('--to is required: the file to write the backup to')
    return 2
  }
  if (config.databaseUrl !== undefined) {
    console.error(
      'SIP_DATABASE_URL is set: the records are in PostgreSQL, back them up with pg_dump (docs/operations.md).',
    )
    return 2
  }
  try {
    const result = await backupSqlite({
      sourceFile: config.databaseFile,
      targetFile: values.to,
      verify: verifyVersion,
    })
    console.log(
      `Backup of ${config.databaseFile}: ${result.file} (${result.bytes} bytes, schema version ${result.schemaVersion})`,
    )
    for (const { table, rows } of result.tables) console.log(`  ${table}: ${rows} rows`)
    const { checked, failed } = result.versions
    console.log(`Plan versions verified in the backup: ${checked - failed.length} of ${checked} intact.`)
    for (const f of failed) console.log(`  FAILED: ${describeFailedVersion(f)}`)
    console.log(
      result.ok
        ? 'OK: the backup opens and every plan version in it is intact.'
        : 'FAILED: the backup holds plan versions that do not verify (left under the name above); run verify on the database.',
    )
    return result.ok ? 0 : 1
  } catch (error) {
    if (!(error instanceof BackupRefusedError)) throw error
    console.error(`Backup refused: ${error.message}`)
    return error.exitCode
  }
}

async function migrateToPostgres(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  })
  if (!values.from) {
    console.error('--from is required: the SQLite file to copy (e.g. data/sip-live.db)')
    return 2
  }
  const url = values.to ?? config.databaseUrl
  if (!url) {
    console.error(
      '--to is required (or SIP_DATABASE_URL): the PostgreSQL database to copy into, postgres://…',
    )
    return 2
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error('--to must be a postgres:// or postgresql:// URL')
    return 2
  }
  // Loaded only here: the SQLite-only installation never loads pg.
  const { copySqliteToPostgres, CopyRefusedError, formatCopyResult } = await import(
    './db/postgres/copy-from-sqlite'
  )
  const { describeTarget } = await import('./db/postgres/engine')
  console.log(`Copying ${values.from} into ${describeTarget(url)} …`)
  try {
    const result = await copySqliteToPostgres({
      sourceFile: values.from,
      targetUrl: url,
      verify: verifyVersion,
    })
    console.log(formatCopyResult(result))
    return result.ok ? 0 : 1
  } catch (error) {
    if (!(error instanceof CopyRefusedError)) throw error
    console.error(`Copy refused: ${error.message}`)
    return error.exitCode
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const config = loadConfigOrExit()

  switch (command) {
    case 'create-admin':
      return createAdmin(config, rest)
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: { count: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } },
        strict: true,
      })
      const count = Number(values.count)
      if (!Number.isInteger(count) || count < 1 || count > 500) {
        console.error('--count must be a whole number from 1 to 500')
        return 2
      }
      const meetings = await withStorage(config, (storage) =>
        createDemoMeetings(storage, config.publicUrl, count),
      )
      console.log(values.json ? JSON.stringify({ meetings }, null, 2) : formatDemoMeetings(meetings))
      return 0
    }
    case 'verify':
      return verify(config, rest)
    case 'seed-statistics':
      return seedStatisticsCommand(config, rest)
    case 'backup':
      return backupCommand(config, rest)
    case 'migrate-to-postgres':
      return migrateToPostgres(config, rest)
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
