import path from 'node:path'
import type { CloseReason } from '../../shared/schemas/sip'
import { openDatabase } from '../db/connection'
import type { NewResponsible } from '../db/sips'
import { sipStore } from '../db/sips'

/**
 * A test tool for the browser flows: records a SIP as closed – and, if given, who was its
 * huvudansvarig – straight in a data folder's database through the SIP store, the way the
 * operator CLI writes to it while the server runs. Only the record: none of the close route's
 * side effects (cancelled meetings, closed sockets, audit), which its own tests prove.
 */
export function closeSipInDataDir(
  dataDir: string,
  sipId: string,
  closure: { closedOn: string; reason: CloseReason; note?: string },
  responsible?: NewResponsible,
): void {
  const db = openDatabase({ file: path.join(dataDir, 'sip-live.db'), busyTimeoutMs: 5000 })
  try {
    const sips = sipStore(db)
    const by = { userId: null, name: 'Test' }
    db.transaction(() => {
      if (responsible) sips.addResponsible(sipId, responsible, by)
      if (!sips.close(sipId, { note: '', ...closure }, by)) throw new Error(`SIP ${sipId} is not active`)
    }).immediate()
  } finally {
    db.close()
  }
}
