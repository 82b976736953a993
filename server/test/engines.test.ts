import fs from 'node:fs'
import { Redis } from 'ioredis'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabase, testEngine, testPostgres, testRedis } from './engine-access'
import { createDatabase, dropDatabase, startPostgres, startRedis } from './engines'

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  onTestFinished(() => client.end())
  return client
}

function redisAt(socketPath: string): Redis {
  const redis = new Redis({ path: socketPath, protocol: 3, lazyConnect: true })
  onTestFinished(() => redis.disconnect())
  return redis
}

describe('the engines of a test run (server/test/engines.ts)', () => {
  it('runs in the postgres project', () => {
    expect(testEngine()).toBe('postgres')
  })

  it('gives every test a database of its own: a table made in one is not in another', async () => {
    const [one, two] = await Promise.all([testDatabase(), testDatabase()])
    expect(one.name).not.toBe(two.name)
    const a = await connect(one.url)
    const b = await connect(two.url)
    await a.query('CREATE TABLE only_here (id integer)')
    await a.query('INSERT INTO only_here VALUES (1)')
    const seen = await b.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_here'`)
    expect(seen.rows[0].n).toBe(0)
    expect((await a.query('SELECT current_database() AS name')).rows[0].name).toBe(one.name)
  })

  it('creates databases in UTF-8 with the C locale, so text sorts bytewise as in SQLite', async () => {
    const client = await connect((await testDatabase()).url)
    const { rows } = await client.query(
      `SELECT pg_encoding_to_char(encoding) AS encoding, datcollate FROM pg_database WHERE datname = current_database()`,
    )
    expect(rows[0]).toEqual({ encoding: 'UTF8', datcollate: 'C' })
    const sorted = await client.query(`SELECT x FROM unnest(ARRAY['b', 'a', 'B', 'Ä']) AS x ORDER BY x`)
    expect(sorted.rows.map((row) => row.x)).toEqual(['B', 'a', 'b', 'Ä'])
  })

  it('drops a test database even with a connection still open to it', async () => {
    const { socketDir, url } = testPostgres()
    const admin = await connect(url())
    const name = await createDatabase(socketDir)
    const left = new pg.Client({ connectionString: url(name) })
    left.on('error', () => {})
    await left.connect()
    const exists = () => admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    expect((await exists()).rowCount).toBe(1)
    await dropDatabase(socketDir, name)
    expect((await exists()).rowCount).toBe(0)
    await expect(left.query('SELECT 1')).rejects.toThrow()
  })

  it('shares one Redis for the run', async () => {
    const redis = redisAt(testRedis().socketPath)
    expect(await redis.ping()).toBe('PONG')
    expect(testRedis().url).toBe(`unix://${testRedis().socketPath}`)
  })

  it('restarts a Redis of its own on the same socket: a connected client comes back to an empty server', async () => {
    const server = await startRedis()
    onTestFinished(() => server.stop())
    const redis = redisAt(server.socketPath)
    await redis.set('k', 'v')
    const lost = new Promise<void>((resolve) => redis.once('close', resolve))
    await server.stopOnly()
    await lost
    expect(fs.existsSync(server.socketPath)).toBe(false)
    const back = new Promise<void>((resolve) => redis.once('ready', resolve))
    await server.restart()
    await back
    expect(await redis.get('k')).toBeNull()
    expect(await redis.ping()).toBe('PONG')
  })

  it('stops a server for good: the process ends and its folder is removed', async () => {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    const pgPid = Number(fs.readFileSync(`${postgres.socketDir}/data/postmaster.pid`, 'utf8').split('\n')[0])
    await Promise.all([postgres.stop(), redis.stop()])
    expect(fs.existsSync(postgres.socketDir)).toBe(false)
    expect(fs.existsSync(redis.socketPath)).toBe(false)
    expect(alive(pgPid)).toBe(false)
  })
})

/** Whether `pid` runs (a zombie waiting for its parent counts as ended). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}
