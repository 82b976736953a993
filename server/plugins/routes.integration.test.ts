import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { integrationFixture } from '../test/fixture'
import { tempDataDir } from '../test/harness'

const fixture = integrationFixture()

describe('the built client', () => {
  it('is sent as the brotli or gzip copy the build wrote when the browser accepts it, else as it is; scripts are kept for good, the page is not', async () => {
    const clientDir = tempDataDir()
    const script = `export const text = '${'Elsa vill slippa ont i magen. '.repeat(200)}'\n`
    fs.mkdirSync(path.join(clientDir, 'assets'))
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>SIP Live</title>')
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), script)
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js.br'), zlib.brotliCompressSync(script))
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js.gz'), zlib.gzipSync(script))
    const server = await fixture.start({ clientDir })
    const get = (encoding: string) =>
      fetch(`${server.url}/assets/app.js`, { headers: { 'Accept-Encoding': encoding } })

    for (const [accepted, sent] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const response = await get(accepted)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding')).toBe(sent)
      expect(response.headers.get('content-type')).toMatch(/javascript/)
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i)
      // fetch decodes what it was sent: the same script whichever copy travelled.
      expect(await response.text()).toBe(script)
      // Named by its content: kept for good. The page that names the scripts is asked for each time.
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
    for (const page of ['/', '/m/some-meeting?as=someone']) {
      const response = await fetch(`${server.url}${page}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).not.toMatch(/immutable|max-age=[1-9]/)
      expect(await response.text()).toContain('<title>SIP Live</title>')
    }
    // Nothing outside the client's folder, and an unknown API path is our own JSON 404.
    for (const outside of ['/..%2F..%2Fpackage.json', '/assets/../../package.json', '/../index.html']) {
      const response = await fetch(`${server.url}${outside}`)
      expect(await response.text()).not.toContain('"name"')
    }
    // The client's files answer HEAD as well as GET.
    expect((await fetch(`${server.url}/assets/app.js`, { method: 'HEAD' })).status).toBe(200)
    const unknown = await fetch(`${server.url}/api/no-such-thing`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'not-found' })
  })
})
