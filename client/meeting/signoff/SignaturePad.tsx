import { type Dispatch, type PointerEvent, type SetStateAction, useId, useRef } from 'react'
import { SIGNATURE_BOX } from '../../../shared/limits'
import { useTranslation } from '../../i18n'
import { extendStroke, isPathFull, type Stroke, strokesToPath, toBoxPoint } from './signature-path'

const VIEW_BOX = `0 0 ${SIGNATURE_BOX.width} ${SIGNATURE_BOX.height}`

/**
 * "Rita underskrift": an optional drawn signature on the chair's screen, with finger, pen or mouse
 * (pointer events, captured so a line may leave the pad). Drawing depends on the path of the
 * movement, so there is no keyboard way to draw (WCAG 2.1.1's exception); the typed name is the
 * signature's required part and the keyboard way to sign. The strokes are the caller's state.
 */
export function SignaturePad({
  strokes,
  setStrokes,
}: {
  strokes: Stroke[]
  setStrokes: Dispatch<SetStateAction<Stroke[]>>
}) {
  const { t } = useTranslation()
  const hintId = useId()
  const statusId = useId()
  // The stroke being drawn; null while no pointer is down on the pad.
  const drawing = useRef<number | null>(null)
  const path = strokesToPath(strokes)
  const full = isPathFull(strokes)

  const pointAt = (event: PointerEvent<SVGSVGElement>) =>
    toBoxPoint(event.clientX, event.clientY, event.currentTarget.getBoundingClientRect())

  const down = (event: PointerEvent<SVGSVGElement>): void => {
    if (event.button !== 0 || full) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drawing.current = event.pointerId
    const point = pointAt(event)
    setStrokes((all) => [...all, [point]])
  }
  // Several moves can arrive before the next render: each extends the latest strokes.
  const move = (event: PointerEvent<SVGSVGElement>): void => {
    if (drawing.current !== event.pointerId) return
    const point = pointAt(event)
    setStrokes((all) => {
      const last = all.at(-1)
      if (!last || isPathFull(all)) return all
      const next = extendStroke(last, point)
      return next === last ? all : [...all.slice(0, -1), next]
    })
  }
  const up = (event: PointerEvent<SVGSVGElement>): void => {
    if (drawing.current !== event.pointerId) return
    drawing.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
  }

  return (
    <fieldset className="field signature-pad" aria-describedby={hintId}>
      <legend className="field__label">
        {t('signoff.pad.label')}
        <span className="field__optional"> {t('form.optional')}</span>
      </legend>
      <p className="field__hint" id={hintId}>
        {t('signoff.pad.hint')}
      </p>
      <svg
        className="signature-pad__surface"
        viewBox={VIEW_BOX}
        role="img"
        aria-label={t('signoff.pad.surface')}
        aria-describedby={statusId}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        {path ? <path d={path} /> : null}
      </svg>
      <p className="signature-pad__status" id={statusId} aria-live="polite">
        {full ? t('signoff.pad.full') : path ? t('signoff.pad.drawn') : t('signoff.pad.empty')}
      </p>
      <div className="button-row">
        <button type="button" onClick={() => setStrokes([])}>
          {t('signoff.pad.clear')}
        </button>
      </div>
    </fieldset>
  )
}
