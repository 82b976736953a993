import type { FastifyRequest } from 'fastify'
import { endpoints } from '../../shared/api/endpoints'
import type { StatisticsQuery } from '../../shared/schemas/statistics'
import { requireStatistics, staffActor } from '../auth/staff-auth'
import { sendCsv } from '../csv'
import type { AuditAction } from '../db/audit-log'
import { statisticsCsv } from '../statistics/csv'
import { statisticsPdf, statisticsPdfFileName } from '../statistics/pdf'
import { computeStatistics } from '../statistics/report'
import type { RouteApp } from './http'

/**
 * The statistics report (issue 14; docs/statistics.md, docs/api.md "Statistics"): as JSON for the
 * page, one table as CSV, the whole report as PDF. Only staff whose account has the statistics
 * permission (403 for everyone else, administrators included until they grant it to themselves).
 * Every view and every export is audited in the same request, with the period, the filters and
 * the format as its subject – never a name.
 */
export async function statisticsRoutes(app: RouteApp, { threshold }: { threshold: number }): Promise<void> {
  const audit = (request: FastifyRequest, action: AuditAction, query: StatisticsQuery, format: string) =>
    app.stores.audit.append({ action, subject: auditSubject(query, format), ...staffActor(request) })

  app.get(
    endpoints.statistics.path,
    { preValidation: requireStatistics, schema: { querystring: endpoints.statistics.query } },
    async (request) => {
      const report = await computeStatistics(app.stores.statisticsReport, request.query, { threshold })
      await audit(request, 'statistics.viewed', request.query, 'json')
      return report
    },
  )

  app.get(
    endpoints.statisticsCsv.path,
    { preValidation: requireStatistics, schema: { querystring: endpoints.statisticsCsv.query } },
    async (request, reply) => {
      const report = await computeStatistics(app.stores.statisticsReport, request.query, { threshold })
      const { fileName, csv } = statisticsCsv(report, request.query.table)
      await audit(request, 'statistics.exported', request.query, `csv:${request.query.table}`)
      return sendCsv(reply, fileName, csv)
    },
  )

  app.get(
    endpoints.statisticsPdf.path,
    { preValidation: requireStatistics, schema: { querystring: endpoints.statisticsPdf.query } },
    async (request, reply) => {
      const report = await computeStatistics(app.stores.statisticsReport, request.query, { threshold })
      const pdf = await statisticsPdf(report, request.query.lang)
      await audit(request, 'statistics.exported', request.query, `pdf:${request.query.lang}`)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${statisticsPdfFileName(report)}"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )
}

/**
 * "2026-03-01..2026-05-31 organisation=skola publication csv:convener-principal": what was read,
 * never who is in it. The municipality is quoted (it may hold spaces).
 */
export function auditSubject(query: StatisticsQuery, format: string): string {
  const municipality = query.municipality?.trim() ?? ''
  return [
    `${query.from}..${query.to}`,
    query.organisation && `organisation=${query.organisation}`,
    query.principal && `principal=${query.principal}`,
    municipality !== '' && `municipality=${JSON.stringify(municipality)}`,
    query.publication && 'publication',
    format,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ')
}
