import path from 'node:path'
import { z } from 'zod'

/** SIP_STATISTICS_THRESHOLD: its default and the values allowed. */
export const STATISTICS_THRESHOLD = { default: 5, min: 2, max: 100 } as const
const STATISTICS_THRESHOLD_MESSAGE = `a whole number from ${STATISTICS_THRESHOLD.min} to ${STATISTICS_THRESHOLD.max}`

/**
 * Configuration, read from the environment once at start. Defaults make the quick start work:
 * SQLite under ./data, listening on 127.0.0.1:8080, demo meeting on a fresh install.
 */
const EnvSchema = z.object({
  SIP_HOST: z.string().min(1).default('127.0.0.1'),
  SIP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SIP_DATA_DIR: z.string().min(1).default('data'),
  /** The address people open, used in printed links. Defaults to http://<host>:<port>. */
  SIP_PUBLIC_URL: z.url().optional(),
  /** Extra origins allowed to open the sync socket, comma separated. The public URL is always allowed. */
  SIP_ALLOWED_ORIGINS: z.string().optional(),
  SIP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * When a commit is on disk. `background` (default): at once in the OS (survives a crash of the
   * server), on disk within WAL_SYNC_INTERVAL_MS. `full`: every commit waits for the disk.
   * `normal`: on disk at the next checkpoint. docs/decisions/005.
   */
  SIP_DB_SYNCHRONOUS: z.enum(['background', 'full', 'normal']).default('background'),
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address (X-Forwarded-For),
   * as addresses or CIDR ranges, comma separated (`loopback` for 127.0.0.1 and ::1).
   * Unset: the connecting address is the client's.
   */
  SIP_TRUST_PROXY: z.string().trim().min(1).optional(),
  /** Create a demo meeting on a fresh install and print its links. Switch off in production. */
  SIP_DEMO: z.enum(['on', 'off']).default('on'),
  /**
   * The statistics for publication show counts under this as "< N" (docs/statistics.md ST20):
   * 5 is the usual rule for published statistics about people.
   */
  SIP_STATISTICS_THRESHOLD: z.coerce
    .number({ error: STATISTICS_THRESHOLD_MESSAGE })
    .int({ error: STATISTICS_THRESHOLD_MESSAGE })
    .min(STATISTICS_THRESHOLD.min, { error: STATISTICS_THRESHOLD_MESSAGE })
    .max(STATISTICS_THRESHOLD.max, { error: STATISTICS_THRESHOLD_MESSAGE })
    .default(STATISTICS_THRESHOLD.default),
  /**
   * PostgreSQL instead of the embedded SQLite file (issue 16): `postgres://role:password@host:5432/db`
   * or `postgres://role@/db?host=/run/postgresql`. Unset: SQLite under SIP_DATA_DIR, one process.
   */
  SIP_DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((value) => /^postgres(ql)?:\/\/\S+$/.test(value), {
      error: 'a postgres:// URL, e.g. postgres://sip@db.kommun.se:5432/sip',
    })
    .optional(),
  /**
   * Redis, which carries what one SIP Live process must tell the others (several processes on one
   * PostgreSQL database): `redis://host:6379`, `rediss://…` (TLS) or `unix:///run/redis/redis.sock`.
   */
  SIP_REDIS_URL: z
    .string()
    .trim()
    .min(1)
    .refine((value) => /^(rediss?|unix):\/\//.test(value) && URL.canParse(value), {
      error: 'a redis://, rediss:// or unix:// URL',
    })
    .optional(),
})

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseFile: string
  publicUrl: string
  allowedOrigins: string[]
  logLevel: z.infer<typeof EnvSchema>['SIP_LOG_LEVEL']
  dbSynchronous: 'background' | 'full' | 'normal'
  /** Fastify's trustProxy: false, or the proxies' addresses/CIDRs. */
  trustProxy: false | string
  demo: boolean
  /** Counts from 1 to this − 1 are shown as "< N" in statistics for publication. */
  statisticsThreshold: number
  /** PostgreSQL's URL when it holds the records instead of SQLite (SIP_DATABASE_URL). */
  databaseUrl?: string
  /** Redis's URL when several processes serve the same meetings (SIP_REDIS_URL). */
  redisUrl?: string
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const dataDir = path.resolve(e.SIP_DATA_DIR)
  const publicUrl = (e.SIP_PUBLIC_URL ?? `http://${hostForUrl(e.SIP_HOST)}:${e.SIP_PORT}`).replace(/\/$/, '')
  const extra = (e.SIP_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  // Redis tells other processes about a shared database; SQLite's file belongs to one process.
  if (e.SIP_REDIS_URL !== undefined && e.SIP_DATABASE_URL === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  SIP_REDIS_URL: several processes need a shared database – set SIP_DATABASE_URL too',
    )
  }
  for (const origin of extra) {
    if (!z.url().safeParse(origin).success) {
      throw new ConfigError(`Invalid configuration:\n  SIP_ALLOWED_ORIGINS: "${origin}" is not a URL`)
    }
  }
  return {
    host: e.SIP_HOST,
    port: e.SIP_PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'sip-live.db'),
    publicUrl,
    allowedOrigins: [...new Set([new URL(publicUrl).origin, ...extra.map((o) => new URL(o).origin)])],
    logLevel: e.SIP_LOG_LEVEL,
    dbSynchronous: e.SIP_DB_SYNCHRONOUS,
    trustProxy: trustProxyOf(e.SIP_TRUST_PROXY),
    demo: e.SIP_DEMO === 'on',
    statisticsThreshold: e.SIP_STATISTICS_THRESHOLD,
    ...(e.SIP_DATABASE_URL !== undefined ? { databaseUrl: e.SIP_DATABASE_URL } : {}),
    ...(e.SIP_REDIS_URL !== undefined ? { redisUrl: e.SIP_REDIS_URL } : {}),
  }
}

/** Where the records are, for the operator: the SQLite file, or PostgreSQL's URL without its password. */
export function describeStorage(config: Pick<Config, 'databaseFile' | 'databaseUrl'>): string {
  if (config.databaseUrl === undefined) return config.databaseFile
  return config.databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@')
}

/** For entry points (server, CLI): the configuration, or its message on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(2)
  }
}

function trustProxyOf(value: string | undefined): Config['trustProxy'] {
  if (value === undefined) return false
  // "true" would believe any client's X-Forwarded-For and let it dodge the per-address limits.
  if (value === 'true') {
    throw new ConfigError('Invalid configuration:\n  SIP_TRUST_PROXY: name the proxy addresses, not "true"')
  }
  return value
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
