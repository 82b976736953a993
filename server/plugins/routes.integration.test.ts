import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { integrationFixture } from '../test/fixture'
import { tempDataDir, upgradeStatus } from '../test/harness'

const fixture = integrationFixture()

const SCRIPT = `export const text = '${'Elsa vill slippa ont i magen. '.repeat(200)}'\n`
const OUTSIDE = 'utanför klientens mapp'

/**
 * A built client as Vite writes it, in a folder named `assets/client` – an `assets` above the
 * client's own must not count as its assets folder – with a file beside it that must never be sent.
 */
function builtClient(): string {
  const base = path.join(tempDataDir(), 'assets')
  const clientDir = path.join(base, 'client')
  fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>SIP Live</title>')
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), SCRIPT)
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js.br'), zlib.brotliCompressSync(SCRIPT))
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js.gz'), zlib.gzipSync(SCRIPT))
  fs.mkdirSync(path.join(clientDir, '.vite'))
  fs.writeFileSync(path.join(clientDir, '.vite', 'manifest.json'), `{"secret":"${OUTSIDE}"}`)
  fs.writeFileSync(path.join(base, 'outside.txt'), OUTSIDE)
  return clientDir
}

/** A GET whose path goes out exactly as written (fetch would resolve `..` before sending). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/`, { path: rawPath }, (response) => {
      let body = ''
      response.on('data', (chunk) => {
        body += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('the built client', () => {
  it('is sent as the brotli or gzip copy the build wrote when the browser accepts it, else as it is; scripts are kept for good, the page is not', async () => {
    const server = await fixture.start({ clientDir: builtClient() })
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
      expect(await response.text()).toBe(SCRIPT)
      // Named by its content: kept for good. The page that names the scripts is asked for each time.
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
    for (const page of ['/', '/m/some-meeting?as=someone']) {
      const response = await fetch(`${server.url}${page}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).not.toMatch(/immutable|max-age=[1-9]/)
      expect(await response.text()).toContain('<title>SIP Live</title>')
    }
    // The client's files answer HEAD as well as GET.
    expect((await fetch(`${server.url}/assets/app.js`, { method: 'HEAD' })).status).toBe(200)
  })

  it('sends nothing outside the client’s folder, and no dotfile in it', async () => {
    const server = await fixture.start({ clientDir: builtClient() })
    for (const outside of [
      '/assets/../../outside.txt',
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/m/%2e%2e/%2e%2e/outside.txt',
      '/.vite/manifest.json',
    ]) {
      const response = await rawGet(server.url, outside)
      expect(response.body, outside).not.toContain(OUTSIDE)
      expect(response.status, outside).toBeGreaterThanOrEqual(200)
    }
  })

  it('a missing script and an unknown API path are our own 404, not the page; a socket opens only at /collab', async () => {
    const server = await fixture.start({ clientDir: builtClient() })
    for (const missing of ['/assets/app-old.js', '/api/no-such-thing']) {
      const response = await fetch(`${server.url}${missing}`)
      expect(response.status, missing).toBe(404)
      expect(await response.json()).toEqual({ error: 'not-found' })
    }
    for (const elsewhere of ['/', '/m/x', '/assets/app.js']) {
      expect(await upgradeStatus(`${server.wsUrl}${elsewhere}`), elsewhere).toBe(404)
    }
  })
})
