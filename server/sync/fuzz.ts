import { spawn } from 'node:child_process'
import { SYNC_PATH } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import {
  connectClient,
  createMeeting,
  startServer,
  synced,
  type TestClient,
  type TestMeeting,
  type TestServer,
  tempDataDir,
  waitFor,
} from '../test/harness'
import type { AttackOptions, AttackResult } from './fuzz-frames'

/**
 * A seeded hostile-frame fuzzer (docs/performance.md, "Hostile frames"). Attacker sockets of every
 * role send a sequence of frames drawn from one seed – random bytes, damaged and valid updates,
 * deep nesting, forged presence, server-only message types – while an honest meeting goes on in
 * the attacked room and another next door. Afterwards: the server is up, both meetings converge,
 * and the attacked meeting's stored document loads after a restart.
 */

export interface FuzzOptions {
  seed: number
  frames: number
  /** Attacker sockets open at once. */
  sockets?: number
  /** Stop early after this long (ms); every loop is bounded in count and time. */
  maxMs?: number
}

export interface FuzzResult {
  seed: number
  frames: number
  opens: number
  refusedOpens: number
  closes: Record<string, number>
  roomResets: number
  healthChecks: number
  healthFailures: number
  healthP99Ms: number
  healthMaxMs: number
  /** Time for the neighbour meeting's last edit to reach its reader, after the run. */
  neighbourConvergedMs: number
  /** Problems found; empty when the run passed. */
  problems: string[]
  durationMs: number
}

const ATTACKER_ROLES: readonly Role[] = ['notetaker', 'chair', 'participant', 'guardian', 'child']

/** Runs the attacker process and waits for its result (bounded by the run's time). */
function attackFromOutside(options: AttackOptions): Promise<AttackResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/sync/fuzz-attacker.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString()
    })
    const timer = setTimeout(() => child.kill(), options.maxMs + 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code !== 0) return reject(new Error(`attacker exited with ${code}`))
      resolve(JSON.parse(out) as AttackResult)
    })
    child.stdin.end(JSON.stringify(options))
  })
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Runs one seed against a fresh server in a temp folder; the server is closed afterwards. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now()
  const maxMs = options.maxMs ?? 10 * 60_000
  const dataDir = tempDataDir()
  const serverOptions = {
    // The fuzz is about frames, not the front door: reconnects must not run into open limits (S15).
    collab: {
      opensPerSeatPerMinute: 1e9,
      openBurstPerSeat: 1e9,
      opensPerAddressPerMinute: 1e9,
      openBurstPerAddress: 1e9,
    },
  }
  let server: TestServer = await startServer(dataDir, serverOptions)
  const honest: TestClient[] = []
  const problems: string[] = []
  const closes: Record<string, number> = {}
  const health: number[] = []
  let healthFailures = 0
  let opens = 0
  let refusedOpens = 0
  let sent = 0
  let neighbourConvergedMs = 0
  try {
    const target = await createMeeting(server.app)
    const neighbour = await createMeeting(server.app)
    const join = (meeting: TestMeeting, role: Role) => {
      const client = connectClient(server, meeting.id, meeting.people[role].token)
      honest.push(client)
      return client
    }
    const [chair, guardian, nextWriter, nextReader] = [
      join(target, 'chair'),
      join(target, 'guardian'),
      join(neighbour, 'chair'),
      join(neighbour, 'guardian'),
    ]
    await Promise.all(honest.map(synced))
    if (process.env.FUZZ_DEBUG) {
      const receive = server.app.sync.receive.bind(server.app.sync)
      server.app.sync.receive = (conn, room, data) => {
        const t = performance.now()
        receive(conn, room, data)
        const ms = performance.now() - t
        if (ms > 20)
          console.log(
            'slow frame',
            Math.round(ms),
            conn.principal.role,
            data.byteLength,
            Array.from(data.subarray(0, 6)),
          )
      }
    }

    let polling = true
    const poller = (async () => {
      while (polling) {
        const t0 = performance.now()
        try {
          const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) })
          if (response.status !== 200) {
            healthFailures++
            problems.push(`/healthz ${response.status} ${await response.text()}`)
          }
        } catch (error) {
          healthFailures++
          problems.push(`/healthz ${String(error)}`)
        }
        health.push(performance.now() - t0)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()

    // The honest meetings go on while the attack runs.
    let typing = true
    const typist = (async () => {
      while (typing) {
        chair.doc.getText('t').insert(0, 'c')
        nextWriter.doc.getText('t').insert(0, 'n')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    const attacked = await attackFromOutside({
      seed: options.seed,
      frames: options.frames,
      urls: ATTACKER_ROLES.map(
        (role) => `${server.wsUrl}${SYNC_PATH}/${target.id}?token=${target.people[role].token}`,
      ),
      sockets: options.sockets ?? 6,
      maxMs,
    }).finally(() => {
      typing = false
    })
    await typist
    sent = attacked.frames
    opens = attacked.opens
    refusedOpens = attacked.refusedOpens
    Object.assign(closes, attacked.closes)

    const t0 = performance.now()
    nextWriter.doc.getText('t').insert(0, 'slut ')
    try {
      await waitFor(
        () => nextReader.doc.getText('t').toString() === nextWriter.doc.getText('t').toString(),
        'the neighbour meeting converges',
        15_000,
      )
    } catch (error) {
      problems.push(String(error))
    }
    neighbourConvergedMs = performance.now() - t0
    chair.doc.getText('t').insert(0, 'slut ')
    try {
      await waitFor(
        () =>
          chair.provider.wsconnected &&
          guardian.provider.wsconnected &&
          guardian.doc.getText('t').toString() === chair.doc.getText('t').toString(),
        'the attacked meeting converges',
        15_000,
      )
    } catch (error) {
      problems.push(String(error))
    }
    polling = false
    await poller
    const expected = chair.doc.getText('t').toString()
    await waitFor(() => (server.app.sync.room(target.id)?.pending.length ?? 0) === 0, 'stored', 15_000).catch(
      (error: unknown) => problems.push(String(error)),
    )
    const roomResets = server.app.sync.resets
    for (const client of honest.splice(0)) client.destroy()
    await server.close()

    // The attacked meeting's stored document loads after a restart and holds the honest text.
    server = await startServer(dataDir, serverOptions)
    const after = connectClient(server, target.id, target.people.participant.token)
    honest.push(after)
    try {
      await synced(after)
      if (after.doc.getText('t').toString() !== expected)
        problems.push('the stored document lost honest edits')
    } catch (error) {
      problems.push(`after a restart: ${String(error)} ${JSON.stringify(after.closeEvents)}`)
    }
    if (healthFailures > 0) problems.push(`/healthz failed ${healthFailures} times`)
    const sorted = [...health].sort((a, b) => a - b)
    return {
      seed: options.seed,
      frames: sent,
      opens,
      refusedOpens,
      closes,
      roomResets,
      healthChecks: health.length,
      healthFailures,
      healthP99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
      healthMaxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
      neighbourConvergedMs: Math.round(neighbourConvergedMs),
      problems,
      durationMs: Math.round(performance.now() - started),
    }
  } finally {
    for (const client of honest.splice(0)) client.destroy()
    await server.close()
  }
}
