import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, describeStorage, loadConfig } from './config'

describe('loadConfig', () => {
  it('has defaults that make the quick start work: localhost, ./data, demo on', () => {
    const config = loadConfig({})
    expect(config.host).toBe('127.0.0.1')
    expect(config.port).toBe(8080)
    expect(config.databaseFile).toBe(path.resolve('data', 'sip-live.db'))
    expect(config.publicUrl).toBe('http://127.0.0.1:8080')
    expect(config.allowedOrigins).toEqual(['http://127.0.0.1:8080'])
    expect(config.demo).toBe(true)
    expect(config.dbSynchronous).toBe('background')
  })

  it('derives allowed origins from the public URL plus extras', () => {
    const config = loadConfig({
      SIP_PUBLIC_URL: 'https://sip.kommun.se/',
      SIP_ALLOWED_ORIGINS: 'http://localhost:5173, https://other.se',
    })
    expect(config.publicUrl).toBe('https://sip.kommun.se')
    expect(config.allowedOrigins).toEqual([
      'https://sip.kommun.se',
      'http://localhost:5173',
      'https://other.se',
    ])
  })

  it('names every invalid variable', () => {
    expect(() => loadConfig({ SIP_PORT: 'åtta', SIP_LOG_LEVEL: 'loud' })).toThrow(ConfigError)
    expect(() => loadConfig({ SIP_PORT: '70000', SIP_DEMO: 'yes' })).toThrow(/SIP_PORT[\s\S]*SIP_DEMO/)
    expect(() => loadConfig({ SIP_ALLOWED_ORIGINS: 'not a url' })).toThrow('SIP_ALLOWED_ORIGINS')
  })

  it('SIP_TRUST_PROXY names the proxies to believe about client addresses; "true" is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ SIP_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8')
    expect(() => loadConfig({ SIP_TRUST_PROXY: 'true' })).toThrow('SIP_TRUST_PROXY')
  })

  it('SIP_DATABASE_URL switches to PostgreSQL; SIP_REDIS_URL comes with it; anything else is named', () => {
    const none = loadConfig({})
    expect(none.databaseUrl).toBeUndefined()
    expect(none.redisUrl).toBeUndefined()
    const postgres = loadConfig({ SIP_DATABASE_URL: 'postgres://sip:hemligt@db.region.se:5432/sip' })
    expect(postgres.databaseUrl).toBe('postgres://sip:hemligt@db.region.se:5432/sip')
    expect(describeStorage(postgres)).toBe('postgres://sip:***@db.region.se:5432/sip')
    expect(describeStorage(none)).toBe(path.resolve('data', 'sip-live.db'))
    expect(loadConfig({ SIP_DATABASE_URL: 'postgresql://sip@/sip?host=/run/postgresql' }).databaseUrl).toBe(
      'postgresql://sip@/sip?host=/run/postgresql',
    )
    // Several processes: both set.
    expect(
      loadConfig({ SIP_DATABASE_URL: 'postgres://sip@/sip', SIP_REDIS_URL: 'unix:///run/redis.sock' }),
    ).toMatchObject({ databaseUrl: 'postgres://sip@/sip', redisUrl: 'unix:///run/redis.sock' })
    expect(() => loadConfig({ SIP_DATABASE_URL: 'mysql://db/sip' })).toThrow(
      'SIP_DATABASE_URL: a postgres:// URL',
    )
    expect(() => loadConfig({ SIP_DATABASE_URL: 'postgres://' })).toThrow('SIP_DATABASE_URL')
    expect(() =>
      loadConfig({ SIP_DATABASE_URL: 'postgres://sip@db/sip', SIP_REDIS_URL: 'http://cache' }),
    ).toThrow('SIP_REDIS_URL: a redis://, rediss:// or unix:// URL')
    expect(() => loadConfig({ SIP_REDIS_URL: 'redis://cache:6379' })).toThrow(
      'SIP_REDIS_URL: several processes need a shared database',
    )
  })

  it('SIP_STATISTICS_THRESHOLD is a whole number from 2 to 100, 5 unless set', () => {
    expect(loadConfig({}).statisticsThreshold).toBe(5)
    expect(loadConfig({ SIP_STATISTICS_THRESHOLD: '10' }).statisticsThreshold).toBe(10)
    for (const bad of ['1', '101', '4.5', 'fem', '']) {
      expect(() => loadConfig({ SIP_STATISTICS_THRESHOLD: bad })).toThrow(
        'SIP_STATISTICS_THRESHOLD: a whole number from 2 to 100',
      )
    }
  })
})
