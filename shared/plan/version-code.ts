/**
 * The version code: a short, readable form of a plan version's SHA-256 (hex), shown on every
 * screen and in the minutes so people can tell versions apart and look one up for verification.
 * The first 10 hex digits, upper case, in two groups of five: `3FA2C-91B0E`.
 */
export function versionCode(hashHex: string): string {
  if (!/^[0-9a-fA-F]{10,}$/.test(hashHex)) throw new Error('not a hex hash')
  const head = hashHex.slice(0, 10).toUpperCase()
  return `${head.slice(0, 5)}-${head.slice(5)}`
}
