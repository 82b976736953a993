import { execFileSync } from 'node:child_process'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import type { Role } from '../../shared/roles'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface DemoMeeting {
  meetingId: string
  links: { role: Role; name: string; url: string }[]
}

/** Creates a demo meeting through the documented operator CLI, against the server's data folder. */
export function createDemoMeeting(): DemoMeeting {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', '--json'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIP_DATA_DIR: process.env.SIP_E2E_DATA,
      SIP_PUBLIC_URL: `http://127.0.0.1:${process.env.SIP_E2E_PORT}`,
    },
    encoding: 'utf8',
  })
  return (JSON.parse(stdout) as { meetings: DemoMeeting[] }).meetings[0]!
}

export function linkFor(meeting: DemoMeeting, role: Role): { name: string; url: string } {
  const link = meeting.links.find((l) => l.role === role)
  if (!link) throw new Error(`no ${role} link`)
  return link
}

/** No WCAG 2.1 A/AA violations that axe-core can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
}
