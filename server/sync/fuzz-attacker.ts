/**
 * The hostile-frame fuzz's attacker process: reads AttackOptions as JSON on stdin, attacks, prints
 * the AttackResult as JSON. Started by runFuzz (server/sync/fuzz.ts); talks only to the URLs given.
 */
import { type AttackOptions, attack } from './fuzz-frames'

let input = ''
process.stdin.on('data', (data: Buffer) => {
  input += data.toString()
})
process.stdin.on('end', async () => {
  const result = await attack(JSON.parse(input) as AttackOptions)
  process.stdout.write(JSON.stringify(result))
  process.exit(0)
})
