import { parseArgs } from 'node:util'
import { NewUserInputSchema } from '../shared/schemas/staff'
import { describeIssues } from '../shared/validation'
import { hashPassword } from './auth/passwords'
import { type Config, loadConfigOrExit } from './config'
import { auditLogStore } from './db/audit-log'
import { type Db, openDatabase } from './db/connection'
import { signoffStore } from './db/signoff'
import { isUniqueViolation, userStore } from './db/users'
import { createDemoMeetings, formatDemoMeetings } from './demo'
import { verifyVersion, versionToVerify } from './signoff/versions'

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
  help                        Show this text.

The CLI opens the same SQLite file as the server (SIP_DATA_DIR) and is safe to run while the
server is running.`

function withDatabase<T>(config: Config, run: (db: Db) => T): T {
  const db = openDatabase({
    file: config.databaseFile,
    synchronous: config.dbSynchronous,
    busyTimeoutMs: 5000,
  })
  try {
    return run(db)
  } finally {
    db.close()
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
    const user = withDatabase(config, (db) =>
      db
        .transaction(() => {
          const created = userStore(db).create({ ...input, passwordHash, isAdmin: true })
          auditLogStore(db).append({
            action: 'user.created',
            actor: 'system',
            subject: `staff:${created.id}`,
          })
          return created
        })
        .immediate(),
    )
    console.log(`Administrator created: ${user.email} (${user.id})`)
    return 0
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    console.error(`An account with the e-mail address ${input.email} already exists.`)
    return 1
  }
}

function verify(config: Config, args: string[]): number {
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
  const version = withDatabase(config, (db) => versionToVerify(signoffStore(db), meetingId, number))
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
      const meetings = withDatabase(config, (db) => createDemoMeetings(db, config.publicUrl, count))
      console.log(values.json ? JSON.stringify({ meetings }, null, 2) : formatDemoMeetings(meetings))
      return 0
    }
    case 'verify':
      return verify(config, rest)
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
