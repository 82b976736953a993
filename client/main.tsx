import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { languageReady } from './i18n'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const container = root
void languageReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
