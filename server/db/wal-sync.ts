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

  constructor(databaseFile: string, intervalMs: number, onError: (error: unknown) => void) {
    // The WAL exists once the database has been written (migrations) and is reused, never replaced,
    // while a connection is open.
    // SQLite puts the WAL beside the real file when the database path is a symbolic link.
    this.fd = fs.openSync(`${fs.realpathSync(databaseFile)}-wal`, 'r')
    this.timer = setInterval(() => {
      if (this.syncing || this.closed) return
      this.syncing = true
      // fsync of a file with nothing new to write returns at once.
      fs.fsync(this.fd, (error) => {
        this.syncing = false
        if (this.closed) return this.finish()
        if (error) onError(error)
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
