import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { languageReady } from '../../i18n'
import { DeviationsSection, type DeviationsSectionProps } from '../../sips/DeviationsSection'

/**
 * A component test's page (client/e2e/deviations.spec.ts): DeviationsSection alone, with the
 * app's i18n (the spec adds the app's styles.css), against the real server. The spec bundles this
 * file and serves it on the server's origin, so the section's requests carry the signed-in staff
 * member's cookie. No route of the app renders it from here.
 */
declare global {
  interface Window {
    deviationsSectionProps: DeviationsSectionProps
  }
}

const root = document.getElementById('root')
if (!root) throw new Error('no #root element')
const container = root

void languageReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <main className="page page--narrow" id="main">
        <h1>SIP för Elsa</h1>
        <DeviationsSection {...window.deviationsSectionProps} />
      </main>
    </StrictMode>,
  ),
)
