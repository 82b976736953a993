import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabase, testPostgres } from '../../test/engine-access'
import { PostgresStartupError } from './engine'
import { migratePostgres, POSTGRES_MIGRATIONS } from './migrations'

async function rows<R extends object>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text)).rows
  } finally {
    await client.end()
  }
}

/** A login role with no rights beyond PUBLIC's (PostgreSQL 15: no CREATE on schema public). */
async function plainRole(database: string): Promise<{ name: string; url: string }> {
  const name = `sip_role_${randomBytes(5).toString('hex')}`
  const { url } = testPostgres()
  await rows(url(), `CREATE ROLE ${name} LOGIN`)
  onTestFinished(async () => {
    // Its grants live in the test database; drop them there first if it still exists.
    await rows(url(database), `DROP OWNED BY ${name}`).catch(() => {})
    await rows(url(), `DROP ROLE ${name}`)
  })
  return { name, url: url(database).replace('postgres://postgres@', `postgres://${name}@`) }
}

describe('PostgreSQL migrations', () => {
  it('bring a fresh database to the newest version and record each in schema_migrations', async () => {
    const { url } = await testDatabase()
    const newest = POSTGRES_MIGRATIONS.at(-1)?.version
    expect(await migratePostgres(url)).toEqual({
      from: 0,
      to: newest,
      applied: POSTGRES_MIGRATIONS.map((m) => m.version),
    })
    const recorded = await rows<{ version: number; name: string }>(
      url,
      'SELECT version, name FROM schema_migrations ORDER BY version',
    )
    expect(recorded).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })))
    expect(await migratePostgres(url)).toEqual({ from: newest, to: newest, applied: [] })
  })

  it('migrate once when two processes start together (advisory lock)', async () => {
    const { url } = await testDatabase()
    const outcomes = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)])
    const applied = outcomes.flatMap((outcome) => outcome.applied)
    expect(applied).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version))
    expect(await rows(url, 'SELECT version FROM schema_migrations')).toHaveLength(POSTGRES_MIGRATIONS.length)
  })

  it('stop with what to do when the role may not create tables', async () => {
    const { name: database, url: ownerUrl } = await testDatabase()
    const role = await plainRole(database)
    const error = await migratePostgres(role.url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PostgresStartupError)
    expect((error as Error).message).toBe(
      `role "${role.name}" may not create tables in schema "public" of database "${database}", which migrations 1, 2 need. ` +
        `Start once as the database owner, or GRANT CREATE ON SCHEMA public TO ${role.name}`,
    )
    expect(await rows(ownerUrl, `SELECT to_regclass('schema_migrations') AS t`)).toEqual([{ t: null }])
  })

  it('let a role without rights to migrate start once the schema is current', async () => {
    const { name: database, url: ownerUrl } = await testDatabase()
    const role = await plainRole(database)
    await migratePostgres(ownerUrl)
    const unreadable = await migratePostgres(role.url).catch((e: unknown) => e)
    expect((unreadable as Error).message).toMatch(
      new RegExp(
        `^role "${role.name}" may not read schema_migrations in database "${database}": permission denied`,
      ),
    )
    await rows(ownerUrl, `GRANT SELECT ON schema_migrations TO ${role.name}`)
    expect((await migratePostgres(role.url)).applied).toEqual([])
  })

  it('name the database it could not reach, never the password', async () => {
    const error = await migratePostgres(
      'postgres://sip:secret-pw@/sip?host=/nonexistent/sip-pg-socket',
    ).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /^PostgreSQL unreachable: database "sip" at socket \/nonexistent/,
    )
    expect((error as Error).message).not.toContain('secret-pw')
  })

  it('roll a failing migration back whole and name it', async () => {
    const { url } = await testDatabase()
    const broken = [
      ...POSTGRES_MIGRATIONS,
      { version: 99, name: 'half done', sql: 'CREATE TABLE half (id int); SELECT no_such_function()' },
    ]
    const error = await migratePostgres(url, broken).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/^PostgreSQL migration 99 \(half done\) failed in database/)
    expect(await rows(url, `SELECT to_regclass('half') AS t`)).toEqual([{ t: null }])
    expect(await rows(url, 'SELECT max(version) AS v FROM schema_migrations')).toEqual([
      { v: POSTGRES_MIGRATIONS.at(-1)?.version },
    ])
  })
})
