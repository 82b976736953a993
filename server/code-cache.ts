import fs from 'node:fs'
import { crc32 } from 'node:zlib'

/**
 * The file format of the server's V8 code cache (decision 011): the bytecode V8 made for the
 * bundle on an earlier start, so the next start skips compiling the 3.6 MB bundle.
 *
 * V8 checks a cache only against its own version, its flags and the *length* of the source: a
 * cache of another bundle of the same length would be accepted and its bytecode run against the
 * wrong source. So the file says which bundle it belongs to (length and CRC-32 of its bytes) and
 * which runtime made it, and carries a CRC-32 of its payload, so a truncated or damaged file is
 * never handed to V8. Any doubt means no cache – a normal, slower start – never a failed one.
 *
 * Layout: MAGIC, then five little-endian u32 (bundle length, bundle CRC-32, runtime tag length,
 * payload length, payload CRC-32), the runtime tag (ASCII), the payload.
 */
const MAGIC = Buffer.from('SIPV8CC1', 'ascii')
const HEADER_BYTES = MAGIC.length + 5 * 4

/** The Node and V8 build that made a cache; V8 refuses another's anyway, this says it earlier. */
export const RUNTIME_TAG = `node ${process.version} v8 ${process.versions.v8} ${process.arch}`

/** The cache file's bytes for `bundle`'s code cache `payload`. */
export function encodeCodeCache(bundle: Buffer, payload: Buffer, runtime = RUNTIME_TAG): Buffer {
  const tag = Buffer.from(runtime, 'ascii')
  const header = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(header, 0)
  let at = MAGIC.length
  for (const value of [bundle.length, crc32(bundle), tag.length, payload.length, crc32(payload)]) {
    at = header.writeUInt32LE(value >>> 0, at)
  }
  return Buffer.concat([header, tag, payload])
}

/**
 * The payload of a cache file if it belongs to exactly this bundle and this runtime and is
 * intact; otherwise undefined.
 */
export function decodeCodeCache(file: Buffer, bundle: Buffer, runtime = RUNTIME_TAG): Buffer | undefined {
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
  const field = (i: number) => file.readUInt32LE(MAGIC.length + i * 4)
  const [bundleLength, bundleCrc, tagLength, payloadLength, payloadCrc] = [0, 1, 2, 3, 4].map(field)
  if (file.length !== HEADER_BYTES + tagLength! + payloadLength!) return undefined
  if (bundleLength !== bundle.length || bundleCrc !== crc32(bundle)) return undefined
  if (file.toString('ascii', HEADER_BYTES, HEADER_BYTES + tagLength!) !== runtime) return undefined
  const payload = file.subarray(HEADER_BYTES + tagLength!)
  if (crc32(payload) !== payloadCrc) return undefined
  return payload
}

/** Reads `cacheFile` for `bundle`; a missing, foreign or damaged file is no cache. */
export function readCodeCache(cacheFile: string, bundle: Buffer): Buffer | undefined {
  let file: Buffer
  try {
    file = fs.readFileSync(cacheFile)
  } catch {
    return undefined
  }
  return decodeCodeCache(file, bundle)
}

/**
 * Writes the cache so that no reader ever sees half a file: into a temporary file beside it,
 * then renamed over it (two servers starting at once each write a whole, valid file). Answers
 * the error instead of throwing – a cache that cannot be stored only makes the next start slower.
 */
export function writeCodeCache(cacheFile: string, bundle: Buffer, payload: Buffer): Error | undefined {
  const temporary = `${cacheFile}.${process.pid}.tmp`
  try {
    fs.writeFileSync(temporary, encodeCodeCache(bundle, payload))
    fs.renameSync(temporary, cacheFile)
    return undefined
  } catch (error) {
    fs.rmSync(temporary, { force: true })
    return error instanceof Error ? error : new Error(String(error))
  }
}
