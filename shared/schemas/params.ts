import { z } from 'zod'

/**
 * Path parameters of the API (docs/api.md). Any string: an id that names nothing is a 404 from the
 * route, never a 400 from here.
 */

/** `:id` – a meeting's (/api/meetings/:id/…) or a user's (/api/users/:id). */
export const IdParamsSchema = z.object({ id: z.string() })
