import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { languageReady } from './i18n'
import { joinWithLink } from './join/joining'
import { routes } from './router/routes'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const container = root
// A personal link: the token is on its way, and the meeting page's code, before React first renders.
if (routes.join.match(window.location.pathname)) joinWithLink()
void languageReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
