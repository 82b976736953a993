import fp from 'fastify-plugin'
import type { Cluster } from '../cluster/cluster'
import type { Storage } from '../db/contract'
import type { PostgresEngine } from '../db/postgres/engine'
import { errorSummary } from '../log'

declare module 'fastify' {
  interface FastifyInstance {
    /** The other processes serving the same meetings (SIP_REDIS_URL, issue 16); null when alone. */
    cluster: Cluster | null
  }
}

/** How often, at most, a Redis connection error is logged while Redis stays away. */
const REDIS_ERROR_LOG_EVERY_MS = 60_000

/**
 * Several processes (issue 16): with SIP_REDIS_URL the sync core joins the others over Redis
 * (server/cluster/). Redis must answer at start – a process that cannot tell the others anything
 * must not serve their meetings – but once running, a lost Redis only slows what crosses processes
 * to the poll: PostgreSQL keeps the order and every update. Loaded only when asked for.
 */
export const clusterPlugin = fp<{ redisUrl?: string | undefined }>(
  async (app, { redisUrl }) => {
    if (redisUrl === undefined) {
      app.decorate('cluster', null)
      return
    }
    const { openBus } = await import('../cluster/bus')
    const { joinCluster } = await import('../cluster/cluster')
    let lastLogged = Number.NEGATIVE_INFINITY
    const bus = await openBus({
      url: redisUrl,
      onError: (error) => {
        const now = performance.now()
        if (now - lastLogged < REDIS_ERROR_LOG_EVERY_MS) return
        lastLogged = now
        app.log.warn(
          { err: errorSummary(error) },
          'cluster: Redis connection error; catching up from PostgreSQL',
        )
      },
    })
    const cluster = await joinCluster({
      bus,
      installation: await installationKey(app.storage),
      sync: app.sync,
      documents: app.stores.documents,
      log: app.log,
    }).catch(async (error: unknown) => {
      await bus.close()
      throw error
    })
    app.decorate('cluster', cluster)
    // After the sync core's shutdown (preClose) has stored and told what was pending; before the
    // database closes (registered after it).
    app.addHook('onClose', async () => {
      await cluster.leave()
      await bus.close()
    })
    app.log.info({ processId: bus.processId }, 'cluster: joined the other processes over Redis')
  },
  { name: 'cluster', dependencies: ['db', 'sync'] },
)

/**
 * What the processes of one installation share and no other has: its PostgreSQL database's name
 * and the moment its schema was first made, hashed (no name in clear on Redis).
 */
async function installationKey(storage: Storage): Promise<string> {
  const { postgres } = storage as Storage & { postgres?: PostgresEngine }
  if (!postgres)
    throw new Error('several processes (SIP_REDIS_URL) share a PostgreSQL database (SIP_DATABASE_URL)')
  const [row] = await postgres.query<{ key: string }>(
    `SELECT left(md5(current_database() || ':' ||
       coalesce((SELECT applied_at::text FROM schema_migrations WHERE version = 1), '')), 12) AS key`,
  )
  return row!.key
}
