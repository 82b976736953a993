import fs from 'node:fs'

/**
 * Durability for `synchronous=NORMAL` in WAL mode without blocking the event loop: SQLite commits
 * reach the operating system at once (so they survive a crash of this process, and a reader sees
 * them), and this flushes the WAL file to disk in libuv's thread pool every `intervalMs`. A power
 * cut can lose at most the last interval – updates the clients still hold and resend when they
 * reconnect (docs/decisions/005-commit-without-waiting-for-the-disk.md). The interval is a target,
 * not a bound: while an fsync is still running (a slow disk, a busy thread pool) the next waits.
 *
 * With `synchronous=FULL` every commit waits for the disk instead: ~0.9 ms of blocked event loop
 * and ~250 µs of CPU per commit on the development machine, which no batching of keystrokes by
 * people typing can amortise.
 */
export class WalSync {
  private readonly fd: number
  private readonly timer: NodeJS.Timeout
  private syncing = false
  private closed = false
  /** `changes()` when the last fsync started: nothing committed since, nothing to flush. */
  private synced: number | undefined

  /**
   * `changes` counts the rows this process has committed (SQLite's `total_changes()`): a tick with
   * no new commit skips its fsync, so an idle server costs nothing here (issue 15). Without it,
   * every tick syncs.
   */
  constructor(
    databaseFile: string,
    intervalMs: number,
    onError: (error: unknown) => void,
    private readonly changes?: () => number,
  ) {
    // The WAL exists once the database has been written (migrations) and is reused, never replaced,
    // while a connection is open.
    // SQLite puts the WAL beside the real file when the database path is a symbolic link.
    this.fd = fs.openSync(`${fs.realpathSync(databaseFile)}-wal`, 'r')
    this.timer = setInterval(() => {
      if (this.syncing || this.closed) return
      const changes = this.changes?.()
      if (changes !== undefined && changes === this.synced) return
      this.syncing = true
      fs.fsync(this.fd, (error) => {
        this.syncing = false
        if (this.closed) return this.finish()
        // A failed fsync is tried again at the next tick, commits or not.
        if (error) onError(error)
        else this.synced = changes
      })
    }, intervalMs)
    this.timer.unref()
  }

  /**
   * Flushes what is left and stops. Call before the database is closed. An fsync still running in
   * the thread pool finishes first; the file is closed after it, never under it.
   */
  close(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.timer)
    if (!this.syncing) this.finish()
  }

  private finish(): void {
    try {
      fs.fsyncSync(this.fd)
    } finally {
      fs.closeSync(this.fd)
    }
  }
}
