import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { safeParseInput, sendValidationError } from '../routes/http'

/**
 * A route's zod schemas (params, querystring, body) parsed as parseInput parses. Not the provider's
 * own validatorCompiler: that one parses without `reportInput` – a wrong value would read as a
 * missing one – and hands a missing body to the schema as null rather than {}.
 */
const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const parsed = safeParseInput(schema, data)
    return parsed.success ? { value: parsed.data } : { error: parsed.error }
  }

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>

/**
 * The same compilers for Fastify's `schemaController` option (server/app.ts): given there, Fastify
 * never builds its default Ajv and fast-json-stringify compilers, which cost ~10 ms of every start
 * (docs/performance.md, "Start-up (issue 15)"); every schema here is a zod schema. Fastify's types
 * describe only Ajv's factories, hence the cast; at run time a factory is a function that answers
 * a compiler.
 */
export const zodCompilers = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as CompilersFactory

/**
 * How requests are read and refused, for every route: JSON bodies, input through the shared zod
 * schemas (fastify-type-provider-zod: the routes' params, body and query are typed by them), and the
 * one error handler. First of all, so every route meets the same handler.
 */
export const httpPlugin = fp(
  async (app) => {
    // A POST without a body may still say it is JSON; read it as no body rather than failing.
    const parseJson = app.getDefaultJsonParser('error', 'error')
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8')
      if (text === '') return done(null, undefined)
      parseJson(request, text, done)
    })

    app.setValidatorCompiler(validatorCompiler)
    app.setSerializerCompiler(serializerCompiler)

    app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
      // Input that does not fit its route's schema: the 400 parseInput sends, in the asker's language.
      if (error instanceof z.ZodError && 'validationContext' in error)
        return sendValidationError(request, reply, error)
      const status = error.statusCode ?? 500
      if (status >= 500) {
        request.log.error({ err: { code: error.code, message: error.message } }, 'request failed')
        return reply.code(status).send({ error: 'internal' })
      }
      // Body parser errors (bad JSON, too large, wrong content type): a code, never internals.
      return reply.code(status).send({ error: status === 413 ? 'too-large' : 'bad-request' })
    })
  },
  { name: 'http' },
)
