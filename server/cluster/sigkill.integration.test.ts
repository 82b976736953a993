import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import type { Role } from '../../shared/roles'
import { postgresStorage } from '../db/postgres/storage'
import { type Balancer, startBalancer } from '../test/balancer'
import { createTestDatabase } from '../test/engine-access'
import { type RedisServer, startRedis } from '../test/engines'
import { seededRandom, storedDocText, waitFor } from '../test/harness'
import { freePort, type ServerProcess, setUpMeeting, startServerProcess } from '../test/server-processes'

/**
 * Issue 16: SIGKILL of one process at random moments while writers type through all of them.
 * PROCESSES real server processes (server/test/server-processes.ts) on one PostgreSQL database and
 * one Redis, behind the tests' round-robin balancer (server/test/balancer.ts, no stickiness). Stock
 * y-websocket clients connect through the balancer, so each process holds some of them: writers
 * type distinct markers, readers record every marker they ever saw. KILLS times, at a seeded random
 * moment while the writers type, one process holding a writer is killed (SIGKILL), the typing goes
 * on, and the process starts again on the same port; a fresh reader joins after each restart.
 *
 * What must hold (S4 across the cluster, docs/protocol.md C2):
 * - at each kill, every marker any reader had seen is stored in PostgreSQL;
 * - the survivors keep serving: a client on a process that was not killed never loses its socket;
 * - the clients of the killed process reconnect through the balancer to a live process, and
 *   everyone converges on one text, which is the stored one and holds every marker typed (y-websocket
 *   resends what a writer's process never stored; S4 would allow losing only what no reader saw).
 *
 * Bounded: PER_ROUND markers per writer per round, every wait bounded. More seeds: SIGKILL_SEEDS=2,3.
 */
const PROCESSES = 3
const KILLS = 4
const PER_ROUND = 25
const TYPE_EVERY_MS = 20
const SEEDS = (process.env.SIGKILL_SEEDS ?? '1').split(',').map(Number)
const WRITER_ROLES: Role[] = ['notetaker', 'chair', 'notetaker', 'notetaker']
const READER_ROLES: Role[] = ['guardian', 'participant', 'child']
const MARKER = /<w\d+\.\d+>/g

interface Peer {
  name: string
  doc: Y.Doc
  provider: WebsocketProvider
  /** The local port of its current socket: the balancer names the backend by it. */
  localPort: number
  /** Sockets it lost (y-websocket's connection-close). */
  losses: number
  /** Kills of the process it was on at the time. */
  killedUnder: number
  /** Readers: every marker the peer's document ever held. Writers: every marker they typed. */
  markers: Set<string>
}

/** The stock client, as harness connectClient, recording the local port of each socket it opens. */
function connectPeer(lb: Balancer, meetingId: string, token: string, name: string): Peer {
  const doc = new Y.Doc()
  const peer = { name, doc, localPort: 0, losses: 0, killedUnder: 0, markers: new Set<string>() } as Peer
  class Recorded extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('upgrade', (response) => {
        peer.localPort = response.socket.localPort ?? 0
      })
    }
  }
  peer.provider = new WebsocketProvider(`${lb.wsUrl}${SYNC_PATH}`, meetingId, doc, {
    params: { token },
    WebSocketPolyfill: Recorded as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  })
  peer.provider.on('connection-close', () => {
    peer.losses++
  })
  return peer
}

const textOf = (peer: Peer) => peer.doc.getText('t').toString()
const markersIn = (text: string) => new Set(text.match(MARKER) ?? [])
const isBack = (peer: Peer) => peer.provider.wsconnected && peer.provider.synced

describe('a cluster of SIP Live processes, one killed at random moments (issue 16)', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  for (const seed of SEEDS) {
    it(`C2, S4 (seed ${seed}): ${KILLS} SIGKILLs of one of ${PROCESSES} processes while writers type through all – every marker a reader saw is stored, the survivors' clients keep their sockets, the killed process's clients reconnect through the balancer and all converge`, async () => {
      const random = seededRandom(seed)
      const database = await createTestDatabase({ migrated: true })
      const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()))
      const lb = await startBalancer({ backends: ports, port: await freePort() })
      const servers: ServerProcess[] = []
      const peers: Peer[] = []
      const storage = await postgresStorage({ url: database.url, migrate: false, maxConnections: 2 })
      onTestFailed(() => {
        console.error(`sigkill seed ${seed}: balancer forwarded ${lb.forwarded}, refused ${lb.refused}`)
        for (const server of servers) console.error(`--- log of ${server.name} ---\n${server.logTail(40)}`)
      })
      try {
        const env = {
          SIP_DATABASE_URL: database.url,
          SIP_REDIS_URL: redis.url,
          SIP_PUBLIC_URL: lb.url,
          SIP_TRUST_PROXY: 'loopback',
          SIP_LOG_LEVEL: 'warn',
        }
        // Together, as an operator's rolling start would; one that cannot join fails here, naming why.
        const started = await Promise.allSettled(
          ports.map((port, i) => startServerProcess({ name: String.fromCharCode(97 + i), port, env })),
        )
        for (const result of started) if (result.status === 'fulfilled') servers.push(result.value)
        for (const result of started) if (result.status === 'rejected') throw result.reason

        const meeting = await setUpMeeting(lb, database.url, [...WRITER_ROLES, ...READER_ROLES])
        const writerTokens = meeting.tokens.slice(0, WRITER_ROLES.length)
        const readerTokens = meeting.tokens.slice(WRITER_ROLES.length)
        const writers = writerTokens.map((token, i) => connectPeer(lb, meeting.id, token, `w${i}`))
        const readers = readerTokens.map((token, i) => connectPeer(lb, meeting.id, token, `r${i}`))
        peers.push(...writers, ...readers)
        const watch = (reader: Peer) => {
          reader.doc.on('update', () => {
            for (const marker of markersIn(textOf(reader))) reader.markers.add(marker)
          })
        }
        readers.forEach(watch)
        const backendOf = (peer: Peer) =>
          peer.provider.wsconnected ? lb.backendOf(peer.localPort) : undefined
        const allBack = () => waitFor(() => peers.every(isBack), 'every client connected and synced', 30_000)
        await allBack()
        // Round robin: the clients are spread over every process.
        for (let backend = 0; backend < PROCESSES; backend++) {
          expect(writers.some((w) => backendOf(w) === backend)).toBe(true)
        }

        const seenByReaders = () => new Set(readers.flatMap((reader) => [...reader.markers]))
        const storedMarkers = async () => markersIn(await storedDocText({ storage }, meeting.id))
        let typedInRound = 0
        const typeRound = () =>
          new Promise<void>((resolve) => {
            const left = writers.map(() => PER_ROUND)
            typedInRound = 0
            const timer = setInterval(() => {
              for (const [i, writer] of writers.entries()) {
                if (left[i] === 0 || random() < 0.3) continue
                const marker = `<${writer.name}.${writer.markers.size}>`
                const text = writer.doc.getText('t')
                text.insert(text.length, marker)
                writer.markers.add(marker)
                left[i]!--
                typedInRound++
              }
              if (left.every((n) => n === 0)) {
                clearInterval(timer)
                resolve()
              }
            }, TYPE_EVERY_MS)
          })

        for (let round = 0; round < KILLS; round++) {
          await allBack()
          const typing = typeRound()
          // A random moment while they type: after a seeded number of markers this round.
          const killAfter = 1 + Math.floor(random() * (writers.length * PER_ROUND * 0.7))
          await waitFor(() => typedInRound >= killAfter, `${killAfter} markers typed`, 15_000)
          const holding = [...new Set(writers.map(backendOf))].filter((b): b is number => b !== undefined)
          const victim = holding[Math.floor(random() * holding.length)]!
          const onVictim = peers.filter((peer) => backendOf(peer) === victim)
          await servers[victim]!.kill()
          for (const peer of onVictim) peer.killedUnder++

          // S4: whatever any reader had received is in PostgreSQL, with the process gone.
          const seen = seenByReaders()
          const stored = await storedMarkers()
          expect([...seen].filter((marker) => !stored.has(marker))).toEqual([])

          await Promise.all([typing, servers[victim]!.start()])
          const fresh = connectPeer(
            lb,
            meeting.id,
            readerTokens[round % readerTokens.length]!,
            `r-fresh${round}`,
          )
          watch(fresh)
          readers.push(fresh)
          peers.push(fresh)
        }

        // Everyone back, on one text; the stored document is that text.
        await allBack()
        await waitFor(
          () => peers.every((peer) => textOf(peer) === textOf(writers[0]!)),
          'every client converged',
          30_000,
        )
        const final = textOf(writers[0]!)
        const inFinal = markersIn(final)
        for (const writer of writers) expect([...writer.markers].filter((m) => !inFinal.has(m))).toEqual([])
        expect(inFinal.size).toBe(writers.length * PER_ROUND * KILLS)
        await waitFor(
          async () => (await storedDocText({ storage }, meeting.id)) === final,
          'the converged text is stored',
          30_000,
        )
        const stored = await storedMarkers()
        expect([...seenByReaders()].filter((marker) => !stored.has(marker))).toEqual([])

        // The survivors kept serving: no client on a process that was not killed lost its socket;
        // a client of a killed process lost it and came back through the balancer.
        expect(peers.filter((p) => p.killedUnder === 0 && p.losses > 0).map((p) => p.name)).toEqual([])
        expect(peers.filter((p) => p.losses < p.killedUnder).map((p) => p.name)).toEqual([])
        expect(peers.some((p) => p.killedUnder > 0)).toBe(true)
        for (const peer of peers) expect(backendOf(peer)).toBeDefined()
        for (const server of servers) {
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
        }
      } finally {
        for (const peer of peers) {
          peer.provider.destroy()
          peer.doc.destroy()
        }
        await lb.close()
        for (const server of servers) await server.dispose()
        await storage.close()
        await database.drop()
      }
    }, 180_000)
  }
})
