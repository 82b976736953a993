import { parseArgs } from 'node:util'
import { loadConfigOrExit } from './config'
import { openDatabase } from './db/connection'
import { createDemoMeetings, formatDemoMeetings } from './demo'

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo [--count N] [--json]   Create N (default 1, max 500) demo meetings with fictional data and
                              one participant of each role; print each meeting with a link per role.
  help                        Show this text.

The CLI opens the same SQLite file as the server (SIP_DATA_DIR) and is safe to run while the
server is running.`

function main(argv: string[]): number {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const config = loadConfigOrExit()

  switch (command) {
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
      const db = openDatabase({
        file: config.databaseFile,
        synchronous: config.dbSynchronous,
        busyTimeoutMs: 5000,
      })
      try {
        const meetings = createDemoMeetings(db, config.publicUrl, count)
        console.log(values.json ? JSON.stringify({ meetings }, null, 2) : formatDemoMeetings(meetings))
      } finally {
        db.close()
      }
      return 0
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`)
      return 2
  }
}

try {
  process.exitCode = main(process.argv.slice(2))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
