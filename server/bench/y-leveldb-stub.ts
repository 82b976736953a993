/**
 * Stands in for y-leveldb in the bundle of the reference server (run.ts): @y/websocket-server
 * imports it at the top of its utils for a LevelDB persistence that is used only when the
 * environment asks for it (YPERSISTENCE), which the bench never does.
 */
export class LeveldbPersistence {
  constructor() {
    throw new Error('LevelDB persistence is not part of the bench (YPERSISTENCE must not be set)')
  }
}
