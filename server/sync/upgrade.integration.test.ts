import diagnostics from 'node:diagnostics_channel'
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { SYNC_PATH } from '../../shared/protocol'
import { integrationFixture } from '../test/fixture'
import { createMeeting, synced, waitFor } from '../test/harness'

/**
 * What an open socket keeps of the HTTP upgrade that opened it: nothing. A meeting's sockets live
 * for hours; the upgrade's request, reply and response would otherwise stay with each of them
 * (docs/performance.md, "Memory").
 */

const fixture = integrationFixture()
const handlerStart = diagnostics.channel('tracing:fastify.request.handler:start')
let unsubscribe: (() => void) | undefined

afterEach(() => {
  unsubscribe?.()
  unsubscribe = undefined
})

/** Weak references to the Fastify request and reply of every socket upgrade from now on. */
function watchUpgrades(): { request: WeakRef<object>; reply: WeakRef<object> }[] {
  const seen: { request: WeakRef<object>; reply: WeakRef<object> }[] = []
  const listener = (message: unknown) => {
    const { request, reply } = message as { request: { url: string }; reply: object }
    if (request.url.startsWith(SYNC_PATH))
      seen.push({ request: new WeakRef(request), reply: new WeakRef(reply) })
  }
  handlerStart.subscribe(listener)
  unsubscribe = () => handlerStart.unsubscribe(listener)
  return seen
}

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc')
  ;(vm.runInNewContext('gc') as () => void)()
}

describe('an open socket and its upgrade', () => {
  it('the upgrade’s request and reply are let go while the socket stays open and in sync', async () => {
    const server = await fixture.start()
    const meeting = await createMeeting(server.app)
    const upgrades = watchUpgrades()
    const writer = fixture.client(meeting.id, meeting.people.notetaker.token)
    const reader = fixture.client(meeting.id, meeting.people.guardian.token)
    await synced(writer)
    await synced(reader)
    expect(upgrades).toHaveLength(2)

    // Several rounds: a reference can outlive one collection by a turn of the event loop.
    for (let round = 0; round < 5 && upgrades.some((u) => u.request.deref() || u.reply.deref()); round++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      collectGarbage()
    }
    // Kept or not (not the objects themselves: a failure would print the whole request).
    expect(upgrades.map((u) => [Boolean(u.request.deref()), Boolean(u.reply.deref())])).toEqual([
      [false, false],
      [false, false],
    ])

    // The sockets still serve.
    writer.doc.getText('t').insert(0, 'Elsa vill spela fotboll')
    await waitFor(() => reader.doc.getText('t').toString() === 'Elsa vill spela fotboll', 'reader converged')
  })

  it('an error on an open socket is logged as a socket error and the server goes on serving', async () => {
    const server = await fixture.start()
    const meeting = await createMeeting(server.app)
    const first = fixture.client(meeting.id, meeting.people.guardian.token)
    await synced(first)
    const [socket] = [...server.app.websocketServer.clients]
    socket!.emit('error', new Error('connection reset by the client'))
    await waitFor(
      () => server.logs.some((line) => line.includes('socket error') && line.includes('connection reset')),
      'socket error logged',
    )
    const next = fixture.client(meeting.id, meeting.people.child.token)
    await synced(next)
  })
})
