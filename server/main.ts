import { buildApp } from './app'
import { describeStorage, loadConfigOrExit } from './config'
import { createDemoMeetings, formatDemoMeetings } from './demo'

/**
 * load config → build app → listen → close gracefully on SIGTERM/SIGINT. Resolves once the server
 * listens; run by server/index.ts from source and by server/start.ts from the bundle.
 */
export async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const app = await buildApp({ config })
  const freshInstall = (await app.stores.meetings.count()) === 0
  await app.listen({ host: config.host, port: config.port })

  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const publicUrl = config.publicUrl.replace(/:0$/, `:${port}`)
  const out: string[] = ['', `SIP Live is running: ${publicUrl}`, `Data: ${describeStorage(config)}`]
  if (config.demo && freshInstall) {
    const demo = await createDemoMeetings(app.storage, publicUrl, 1)
    out.push(
      '',
      'Demo meeting (fictional) – open each link in its own browser tab:',
      formatDemoMeetings(demo),
    )
  } else if (config.demo) {
    out.push('', 'New demo links: npm run cli -- demo')
  }
  // Printed, not logged: these links are for the person at the terminal only.
  process.stdout.write(`${out.join('\n')}\n\n`)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        app.log.error({ err: err.message }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}
