import * as Y from 'yjs'
import { planParts } from '../../shared/plan/layout'
import type { Role } from '../../shared/roles'
import {
  api,
  CONSENT,
  connectClient,
  loadStoredDoc,
  meetingInput,
  synced,
  type TestServer,
  tokenOf,
  waitFor,
} from './harness'
import { TEST_PEOPLE } from './people'

/** A meeting a convener set up through the API, its participants' ids and link tokens. */
export interface ConvenedMeeting {
  id: string
  sipId: string
  people: Record<Role, { id: string; token: string }>
}

/** A meeting convened through the API (signed in as `cookie`), with consent and one participant per role. */
export async function convenedMeeting(
  server: TestServer,
  cookie: string,
  overrides: Record<string, unknown> = {},
): Promise<ConvenedMeeting> {
  const created = await api<{ id: string; sipId: string }>(server, 'POST', '/api/meetings', {
    cookie,
    body: meetingInput(overrides),
  })
  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${JSON.stringify(created.body)}`)
  const { id, sipId } = created.body
  await api(server, 'PUT', `/api/meetings/${id}/consent`, { cookie, body: CONSENT })
  const people = {} as ConvenedMeeting['people']
  for (const [role, person] of Object.entries(TEST_PEOPLE) as [Role, (typeof TEST_PEOPLE)[Role]][]) {
    const added = await api<{ participant: { id: string }; link: { url: string } }>(
      server,
      'POST',
      `/api/meetings/${id}/participants`,
      { cookie, body: { role, ...person } },
    )
    people[role] = { id: added.body.participant.id, token: tokenOf(added.body.link.url) }
  }
  return { id, sipId, people }
}

export interface PlanContent {
  goals?: Record<string, string | boolean>[]
  supports?: Record<string, string>[]
  responsible?: Record<string, string>
  followUp?: Record<string, string>
  /** Attendance by role: present, remote, cancelled, no-show. */
  attendance?: Partial<Record<Role, string>>
}

/** The note-taker writes goals, supports, huvudansvarig and the follow-up over a real socket. */
export async function writePlan(
  server: TestServer,
  meeting: ConvenedMeeting,
  content: PlanContent,
): Promise<void> {
  const writer = connectClient(server, meeting.id, meeting.people.notetaker.token)
  try {
    await synced(writer)
    const parts = planParts(writer.doc)
    writer.doc.transact(() => {
      for (const goal of content.goals ?? []) {
        const map = new Y.Map<string | boolean>()
        for (const [k, v] of Object.entries(goal)) map.set(k, v)
        parts.goals.push([map])
      }
      for (const support of content.supports ?? []) {
        const map = new Y.Map<string>()
        for (const [k, v] of Object.entries(support)) map.set(k, v)
        parts.supports.push([map])
      }
      for (const [k, v] of Object.entries(content.responsible ?? {})) parts.responsible.set(k, v)
      for (const [k, v] of Object.entries(content.followUp ?? {})) parts.followUp.set(k, v)
      for (const [role, status] of Object.entries(content.attendance ?? {}))
        parts.attendance.set(meeting.people[role as Role].id, status as 'present')
    })
    const goals = content.goals?.length ?? 0
    const supports = content.supports?.length ?? 0
    await waitFor(async () => {
      const stored = planParts(await loadStoredDoc(server.app, meeting.id))
      return stored.goals.length >= goals && stored.supports.length >= supports
    }, 'plan stored')
  } finally {
    writer.destroy()
  }
}

/** The chair locks and finalizes with a reason for every signature (a plan's whole sign-off, short). */
export async function lockAndFinalize(
  server: TestServer,
  meeting: ConvenedMeeting,
  { alreadyLocked = false }: { alreadyLocked?: boolean } = {},
): Promise<void> {
  const auth = { headers: { Authorization: `Bearer ${meeting.people.chair.token}` } }
  if (!alreadyLocked) {
    const locked = await api(server, 'POST', `/api/meetings/${meeting.id}/plan/lock`, { ...auth, body: {} })
    if (locked.status !== 201) throw new Error(`lock: ${locked.status}`)
  }
  // A reason for everyone: the server keeps those of the required signers who did not sign (G7).
  const missing = Object.values(meeting.people).map((p) => ({
    participantId: p.id,
    reason: 'Skriver under på papper.',
  }))
  const done = await api(server, 'POST', `/api/meetings/${meeting.id}/plan/finalize`, {
    ...auth,
    body: { missing },
  })
  if (done.status !== 200) throw new Error(`finalize: ${done.status} ${JSON.stringify(done.body)}`)
}
