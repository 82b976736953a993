import { createElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { StatisticsReport } from '../../shared/schemas/statistics'
import { SECTIONS, STATISTICS_TABLES, tableSpec } from '../../shared/statistics/tables'
import { STATISTICS_TEXT } from '../../shared/statistics/text'
import { statisticsCsvUrl, statisticsPdfUrl } from '../api'
import { StaffArea } from '../staff/StaffArea'
import { setStaffSession } from '../staff/session'
import { i18n, text as markupText, render } from '../test/render'
import { forPublication, SEED_REPORT } from '../test/statistics-report'
import { BarChart, chartScale } from './BarChart'
import { FilterForm } from './FilterForm'
import { reportFormat } from './format'
import {
  checkFilters,
  filtersAddress,
  filtersFromParams,
  presetPeriods,
  type StatisticsFilters,
  serverProblems,
} from './query'
import { ReportView } from './ReportView'
import { StatisticsPage } from './StatisticsPage'

vi.hoisted(() => {
  // The app's i18n marks the page's language when it loads, and the router reads the address;
  // these tests run in Node, with no page.
  Object.assign(globalThis, {
    document: { documentElement: {} },
    window: {
      history: { state: null },
      location: { pathname: '/statistik', search: '' },
      addEventListener() {},
    },
  })
})

const SV = STATISTICS_TEXT.sv
/** The text a reader gets, with the characters the markup escapes read back. */
const text = (html: string): string =>
  markupText(html)
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
const NBSP = '\u00a0'
const format = reportFormat('sv', SEED_REPORT)
const tableOf = (report: StatisticsReport, id: string) => report.tables.find((t) => t.id === id)!

/** A rendered chart's rows: row key → its markup (label line and bar). */
function chartRows(html: string): Record<string, string> {
  const rows: Record<string, string> = {}
  for (const row of html.matchAll(/<div class="bar-chart__row" data-row="([^"]+)">(.*?)<\/svg><\/div>/g))
    rows[row[1] ?? ''] = row[2] ?? ''
  return rows
}

/** The bars of a rendered chart: row key → width (per cent of the chart's width). */
function barWidths(html: string): Record<string, number> {
  const widths: Record<string, number> = {}
  for (const [key, row] of Object.entries(chartRows(html))) {
    const width = /class="bar-chart__bar"[^>]*width="([\d.]+)%"/.exec(row)?.[1]
    if (width !== undefined) widths[key] = Number(width)
  }
  return widths
}

/** The cells of a rendered table, row by row, as a reader gets them. */
function cells(html: string, tableId: string): string[][] {
  const block = html.split(`id="table-${tableId}"`)[1]?.split('</table>')[0] ?? ''
  return [...block.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => text(cell[1] ?? '')),
  )
}

describe('issue 14: the bar chart', () => {
  const spec = tableSpec('convener-principal')
  const table = tableOf(SEED_REPORT, 'convener-principal')
  const html = render(createElement(BarChart, { spec, table, title: 'Kallande huvudman', format }))

  it('one bar per row with a count, as long as its share of the largest count', () => {
    // School 116, social services 12, region 19, other 0 (no bar), not recorded 5.
    expect(barWidths(html)).toEqual({
      school: 100,
      social: Number(((12 / 116) * 100).toFixed(3)),
      region: Number(((19 / 116) * 100).toFixed(3)),
      unknown: Number(((5 / 116) * 100).toFixed(3)),
    })
    expect(chartScale(spec, table)).toBe(116)
    expect(Object.keys(chartRows(html))).toEqual(spec.rows)
  })

  it('every row says its label and value beside its bar: "Skola: 116 (76 %)", a zero row no bar', () => {
    expect(text(html)).toContain(`Skola: 116 (76 %)`)
    expect(text(html)).toContain(`Region: 19 (13 %)`)
    expect(text(html)).toContain('Annan: 0 (0 %)')
    // The per cent keeps its sign on the line: a no-break space, as Swedish writes it.
    expect(html).toContain(`Skola: <span class="bar-chart__value">116 (76${NBSP}%)</span>`)
  })

  it('is one image named after its table, pointing to the table as its text', () => {
    expect(html).toMatch(
      /^<div class="bar-chart"><div class="bar-chart__rows" role="img" aria-label="Stapeldiagram: Kallande huvudman. Siffrorna finns i diagrammets tabell.">/,
    )
  })

  it('a count hidden for publication draws no bar and says "< 5"', () => {
    const published = forPublication(SEED_REPORT)
    const closed = tableOf(published, 'sips-closed')
    const chart = render(
      createElement(BarChart, {
        spec: tableSpec('sips-closed'),
        table: closed,
        title: 'Avslutade SIP:ar',
        format: reportFormat('sv', published),
      }),
    )
    // 2 "new SIP needed" and 1 "consent withdrawn" are under 5; 6 and 5 are shown, 5 the largest.
    expect(barWidths(chart)).toEqual({
      'no-joint-support': 100,
      'no-new-needs': Number(((5 / 6) * 100).toFixed(3)),
    })
    expect(text(chart)).toContain('Behov av ny SIP: < 5')
    expect(text(chart)).toContain('Samtycket återkallat: < 5')
    expect(text(chart)).not.toMatch(/Samtycket återkallat: < 5 \(/)
  })

  it('stacked: one bar per row split by status, each status its own pattern and colour, with a key', () => {
    const stacked = render(
      createElement(BarChart, {
        spec: tableSpec('attendance-principal'),
        table: tableOf(SEED_REPORT, 'attendance-principal'),
        title: 'Närvaro per huvudman',
        format,
      }),
    )
    // Region: 90 present, 21 remote, 6 cancelled, 4 no-show; the largest row (family) is 268.
    const region = chartRows(stacked).region ?? ''
    const segments = [
      ...region.matchAll(/<g data-status="([^"]+)"><rect[^>]*x="([\d.]+)%"[^>]*width="([\d.]+)%"/g),
    ]
    const at = (value: number) => Number(((value / 268) * 100).toFixed(3))
    expect(segments.map((s) => [s[1], Number(s[2]), Number(s[3])])).toEqual([
      ['present', 0, at(90)],
      ['remote', at(90), at(21)],
      ['cancelled', at(111), at(6)],
      ['no-show', at(117), at(4)],
    ])
    // 90 is written in its segment; the statuses too short for their value are on the label line.
    expect(text(region)).toBe('Region: 121 · Digitalt 21 · Förhinder 6 · Uteblev 4 90')
    // The key names every status in the report's words; each status has a pattern of its own.
    const key = /<ul class="bar-chart__legend"[^>]*>(.*?)<\/ul>/.exec(stacked)?.[1] ?? ''
    expect(text(key)).toBe('Närvarande Digitalt Förhinder Uteblev Inte markerad')
    const patterns = [...stacked.matchAll(/<pattern id="[^"]+"[^>]*>(.*?)<\/pattern>/g)].map((m) => m[1])
    expect(new Set(patterns).size).toBe(5)
  })

  it('stacked, for publication: a hidden status is said on the row’s line, never drawn', () => {
    const published = forPublication(SEED_REPORT)
    const chart = render(
      createElement(BarChart, {
        spec: tableSpec('attendance-principal'),
        table: tableOf(published, 'attendance-principal'),
        title: 'Närvaro per huvudman',
        format: reportFormat('sv', published),
      }),
    )
    // Social services: 40 present, 8 remote, 2 cancelled and 1 no-show (both under 5).
    const social = chartRows(chart).social ?? ''
    expect(text(social)).toBe('Socialtjänst: 51 · Digitalt 8 · Förhinder < 5 · Uteblev < 5 40')
    expect([...social.matchAll(/data-status="([^"]+)"/g)].map((m) => m[1])).toEqual(['present', 'remote'])
  })

  it('tables whose chart is "none" get no chart', () => {
    const none = render(
      createElement(BarChart, {
        spec: tableSpec('meetings'),
        table: tableOf(SEED_REPORT, 'meetings'),
        title: 'Möten under perioden',
        format,
      }),
    )
    expect(none).toBe('')
  })
})

describe('issue 14: the report', () => {
  const html = render(createElement(ReportView, { report: SEED_REPORT, format }))

  it('the period, the selection and the kind of counts, in the report’s own words', () => {
    expect(text(html)).toContain('Möten 2026-03-01 – 2026-05-31')
    expect(text(html)).toContain(SV.filters.none)
    expect(text(html)).toContain(SV.exact)
    expect(text(html)).not.toContain('Sammanställd för publicering')
  })

  it('per section an h2, per table an h3 with its description, in the spec’s order', () => {
    const h2 = [...html.matchAll(/<h2 id="section-[^"]+"[^>]*>(.*?)<\/h2>/g)].map((m) => m[1])
    expect(h2).toEqual(SECTIONS.map((section) => SV.sections[section]))
    const h3 = [...html.matchAll(/<h3 id="statistics-[^"]+">(.*?)<\/h3>/g)].map((m) => m[1])
    expect(h3).toEqual(STATISTICS_TABLES.map((table) => SV.tables[table.id].title))
    expect(text(html)).toContain(SV.tables['without-function'].description.replaceAll('”', '”'))
  })

  it('every table has a caption naming it and its base, and headers with their scope', () => {
    expect(html).toContain(
      '<caption><span class="visually-hidden">Kallande huvudman. </span>Underlag: 152</caption>',
    )
    expect(cells(html, 'convener-principal')).toEqual([
      ['Huvudman', 'Antal', 'Procent'],
      ['Skola', '116', `76 %`],
      ['Socialtjänst', '12', `8 %`],
      ['Region', '19', `13 %`],
      ['Annan', '0', `0 %`],
      ['Inte angiven', '5', `3 %`],
    ])
    const block = html.split('id="table-convener-principal"')[1]?.split('</table>')[0] ?? ''
    expect(block.match(/<th scope="col"/g)).toHaveLength(3)
    expect(block.match(/<th scope="row">/g)).toHaveLength(5)
    expect(block).toMatch(/<td class="stat-table__number">116<\/td>/)
    expect(block).toContain(`<td class="stat-table__number">76${NBSP}%</td>`)
  })

  it('a per cent that does not apply is "–"; the functions are "Organisation – function"', () => {
    expect(cells(html, 'meetings')[4]).toEqual(['Inställda möten', '6', '–'])
    expect(cells(html, 'convener-function')[1]).toEqual(['Skola – ingen funktion angiven', '53', `35 %`])
    expect(cells(html, 'convener-function')[2]).toEqual(['Skola – biträdande rektor', '31', `20 %`])
  })

  it('the attendance tables: every status a column, the total last; they scroll in their own named region', () => {
    expect(cells(html, 'attendance-organisation')[0]).toEqual([
      'Verksamhet',
      'Närvarande',
      'Digitalt',
      'Förhinder',
      'Uteblev',
      'Inte markerad',
      'Totalt',
    ])
    expect(cells(html, 'attendance-organisation')[4]).toEqual(['BUP', '45', '12', '3', '2', '0', '62'])
    expect(html).toContain(
      '<section class="stat-table__scroll" aria-label="Närvaro per verksamhet, tabell" tabindex="0">',
    )
    // Narrow tables need no region of their own.
    expect(html).not.toContain('aria-label="Kallande huvudman, tabell"')
  })

  it('a chart for every table but those drawn as plain tables', () => {
    const charts = [...html.matchAll(/role="img" aria-label="Stapeldiagram: ([^.]+)\./g)].map((m) => m[1])
    expect(charts).toEqual(
      STATISTICS_TABLES.filter((t) => t.chart !== 'none').map((t) => SV.tables[t.id].title),
    )
  })

  it('a CSV per table and a PDF of the whole report, for the same selection', () => {
    const query = SEED_REPORT.query
    expect(html).toContain(`href="${statisticsCsvUrl(query, 'convener-principal').replaceAll('&', '&amp;')}"`)
    expect(statisticsCsvUrl(query, 'convener-principal')).toBe(
      '/api/statistics.csv?from=2026-03-01&to=2026-05-31&table=convener-principal',
    )
    expect(html.match(/>Ladda ned CSV<span class="visually-hidden">: [^<]+<\/span><\/a>/g)).toHaveLength(
      STATISTICS_TABLES.length,
    )
    expect(html).toContain(`href="${statisticsPdfUrl(query, 'sv').replaceAll('&', '&amp;')}"`)
    expect(statisticsPdfUrl(query, 'sv')).toBe('/api/statistics.pdf?from=2026-03-01&to=2026-05-31&lang=sv')
    expect(text(html)).toContain('Ladda ned PDF')
    expect(html).toMatch(/<button type="button">Skriv ut<\/button>/)
  })

  it('for publication: the report says so, hidden counts read "< 5" and their per cents are not shown', () => {
    const published = forPublication(SEED_REPORT)
    const page = render(
      createElement(ReportView, { report: published, format: reportFormat('sv', published) }),
    )
    expect(text(page)).toContain(
      'Sammanställd för publicering: antal under 5 visas som ”< 5”, och procent av dem visas inte.',
    )
    expect(text(page)).not.toContain(SV.exact)
    expect(cells(page, 'sips-closed').slice(1)).toEqual([
      ['Behov av ny SIP', '< 5', '–'],
      ['Inga gemensamma insatser behövs', '6', `43 %`],
      ['Inga nya behov', '5', `36 %`],
      ['Samtycket återkallat', '< 5', '–'],
    ])
    expect(page).toContain('&amp;publication=true&amp;table=sips-closed')
  })

  it('the filters the report was made with are named in its head', () => {
    const filtered = {
      ...SEED_REPORT,
      query: { ...SEED_REPORT.query, organisation: 'bup', municipality: 'Växjö' },
    } as const
    const head = text(render(createElement(ReportView, { report: filtered, format })))
    expect(head).toContain('Verksamhet: BUP · Kommun: Växjö')
  })

  it('in English the report’s words are English', async () => {
    await i18n.changeLanguage('en')
    try {
      const english = text(
        render(createElement(ReportView, { report: SEED_REPORT, format: reportFormat('en', SEED_REPORT) })),
      )
      expect(english).toContain('Meetings 2026-03-01 – 2026-05-31')
      expect(english).toContain('Convening principal')
      expect(english).toContain('School: 116 (76%)')
      expect(english).toContain('Download CSV')
      expect(english).not.toContain('Kallande')
    } finally {
      await i18n.changeLanguage('sv')
    }
  })
})

describe('issue 14: the filters', () => {
  const FILTERS: StatisticsFilters = {
    from: '2026-03-01',
    to: '2026-05-31',
    organisation: 'bup',
    principal: '',
    municipality: ' Växjö ',
    publication: true,
  }

  it('opens on this year up to today; the quick choices are this year, last quarter and last year', () => {
    const none = { fran: null, till: null, verksamhet: null, huvudman: null, kommun: null, publicering: null }
    expect(filtersFromParams(none, '2026-11-29')).toEqual({
      from: '2026-01-01',
      to: '2026-11-29',
      organisation: '',
      principal: '',
      municipality: '',
      publication: false,
    })
    expect(presetPeriods('2026-11-29')).toEqual({
      thisYear: { from: '2026-01-01', to: '2026-11-29' },
      lastQuarter: { from: '2026-07-01', to: '2026-09-30' },
      lastYear: { from: '2025-01-01', to: '2025-12-31' },
    })
    // In the first quarter, the last one is last year's fourth.
    expect(presetPeriods('2027-02-10').lastQuarter).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(presetPeriods('2026-04-01').lastQuarter).toEqual({ from: '2026-01-01', to: '2026-03-31' })
  })

  it('sending the form puts the selection in the address, and the address gives it back', () => {
    const address = filtersAddress(FILTERS)
    expect(address).toBe(
      '/statistik?fran=2026-03-01&till=2026-05-31&verksamhet=bup&kommun=V%C3%A4xj%C3%B6&publicering=ja',
    )
    const search = new URLSearchParams(address.split('?')[1])
    const params = {
      fran: search.get('fran'),
      till: search.get('till'),
      verksamhet: search.get('verksamhet'),
      huvudman: search.get('huvudman'),
      kommun: search.get('kommun'),
      publicering: search.get('publicering'),
    }
    expect(filtersFromParams(params, '2026-11-29')).toEqual({ ...FILTERS, municipality: 'Växjö' })
  })

  it('the API is asked for exactly that selection, checked with the shared schema', () => {
    const checked = checkFilters(FILTERS)
    expect(checked).toEqual({
      ok: true,
      query: {
        from: '2026-03-01',
        to: '2026-05-31',
        organisation: 'bup',
        municipality: 'Växjö',
        publication: true,
      },
    })
    if (!checked.ok) return
    expect(statisticsCsvUrl(checked.query, 'attendance-organisation')).toBe(
      '/api/statistics.csv?from=2026-03-01&to=2026-05-31&organisation=bup&municipality=V%C3%A4xj%C3%B6&publication=true&table=attendance-organisation',
    )
    expect(statisticsPdfUrl({ ...checked.query, publication: false, principal: 'region' }, 'en')).toBe(
      '/api/statistics.pdf?from=2026-03-01&to=2026-05-31&organisation=bup&principal=region&municipality=V%C3%A4xj%C3%B6&lang=en',
    )
  })

  it('a period that ends before it starts, a date that is not one, a choice not in the list: each at its field', () => {
    expect(checkFilters({ ...FILTERS, from: '2026-06-01' })).toEqual({
      ok: false,
      problems: { to: 'toBeforeFrom' },
    })
    expect(checkFilters({ ...FILTERS, from: '2026-13-01', organisation: 'hemlig' })).toEqual({
      ok: false,
      problems: { from: 'date', organisation: 'choice' },
    })
    expect(checkFilters({ ...FILTERS, from: '2020-01-01' })).toEqual({
      ok: false,
      problems: { to: 'periodTooLong' },
    })
    // The server's 400 names the field: the page's words where it has them, else the server's.
    expect(
      serverProblems([
        { field: 'from', code: 'invalidDate', message: 'from måste vara ett datum' },
        { field: 'municipality', code: 'invalid', message: 'Kommun är inte giltigt.' },
      ]),
    ).toEqual({ from: 'date', municipality: 'Kommun är inte giltigt.' })
  })

  it('the form: dates, organisation and principal with "Alla", the municipalities of the report, publication', () => {
    const html = render(
      createElement(FilterForm, {
        initial: { ...FILTERS, municipality: 'Växjö' },
        today: '2026-11-29',
        municipalities: SEED_REPORT.municipalities,
        threshold: 5,
        text: SV,
        problems: { to: 'Till och med kan inte vara före Från och med.' },
        onSubmit: () => {},
      }),
    )
    expect(html).toMatch(/<label class="field__label" for="statistics-from">Från och med<\/label>/)
    expect(html).toMatch(/<input id="statistics-from"[^>]*type="date"[^>]*value="2026-03-01"/)
    expect(html).toMatch(
      /<input id="statistics-to"[^>]*aria-invalid="true"[^>]*aria-describedby="statistics-to-error"/,
    )
    expect(html).toContain(
      '<p class="field__error" id="statistics-to-error">Till och med kan inte vara före Från och med.</p>',
    )
    const options = (id: string) =>
      [
        ...(new RegExp(`<select id="statistics-${id}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '').matchAll(
          /<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g,
        ),
      ].map((m) => m[2])
    expect(options('organisation')).toEqual([
      'Alla',
      'Skola',
      'Elevhälsa',
      'Socialtjänst',
      'BUP',
      'Habilitering',
      'Primärvård',
      'Ungdomsmottagning',
      'Familj',
      'Annan verksamhet',
    ])
    expect(options('principal')).toEqual(['Alla', 'Skola', 'Socialtjänst', 'Region'])
    expect(options('municipality')).toEqual(['Alla', 'Lund', 'Växjö', 'Älmhult'])
    expect(html).toMatch(/<option value="Växjö" selected="">/)
    expect(text(html)).toContain('För publicering (antal under 5 visas som ”< 5”)')
    expect(html).toMatch(/<input id="statistics-publication" type="checkbox"[^>]*checked=""/)
    // The quick choices keep the selection and change the period.
    expect(html).toContain(
      'href="/statistik?fran=2026-07-01&amp;till=2026-09-30&amp;verksamhet=bup&amp;kommun=V%C3%A4xj%C3%B6&amp;publicering=ja"',
    )
  })
})

describe('issue 14: who may see the statistics', () => {
  const session = (statistics: boolean) => ({
    user: {
      id: 'u1',
      email: 'eva@example.se',
      name: 'Eva Ek',
      isAdmin: false,
      disabled: false,
      createdAt: '2026-01-01T08:00:00.000Z',
      organisation: 'skola' as const,
      function: 'rektor',
      municipality: 'Lund',
      statistics,
    },
    expiresAt: '2026-11-29T18:00:00.000Z',
    warnAt: '2026-11-29T17:55:00.000Z',
  })
  const params = { fran: null, till: null, verksamhet: null, huvudman: null, kommun: null, publicering: null }

  it('an account without the permission gets the 403 page, and no filters to send', () => {
    setStaffSession(session(false))
    const page = render(createElement(StatisticsPage, { params }))
    expect(text(page)).toBe(
      'Ingen behörighet Du har inte behörighet till statistiken. En administratör kan ge dig behörighet.',
    )
    expect(page).not.toContain('<form')
  })

  it('an account with it gets the filters and the report being counted', () => {
    setStaffSession(session(true))
    const page = render(createElement(StatisticsPage, { params }))
    expect(text(page)).toContain('SIP-statistik')
    expect(text(page)).toContain('Statistiken räknas fram…')
    expect(page).toMatch(/<form class="form statistics-filters__form"/)
  })

  it('the staff menu has "Statistik" only for accounts with the permission', () => {
    const menu = (statistics: boolean) => {
      setStaffSession(session(statistics))
      return render(createElement(StaffArea, null, 'x'))
    }
    expect(menu(true)).toMatch(/<a href="\/statistik"[^>]*>Statistik<\/a>/)
    expect(menu(false)).not.toContain('Statistik')
  })
})
