import { useCallback, useEffect, useState } from 'react'

/**
 * Reading aloud with the browser's own speech synthesis. Only voices on the device are used: a
 * network voice (localService false, e.g. Chrome's "Google svenska") would send the child's words
 * and goals to a third party, which the plan's data may never go to (domain.md §7).
 */

function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
}

/** The best local voice for a language ("sv": sv-SE first, then any sv-*), or null. */
export function pickVoice(
  voices: readonly SpeechSynthesisVoice[],
  language: string,
): SpeechSynthesisVoice | null {
  const normalised = (voice: SpeechSynthesisVoice): string => voice.lang.toLowerCase().replace('_', '-')
  const local = voices.filter((voice) => voice.localService && normalised(voice).startsWith(language))
  return (
    local.find((voice) => normalised(voice) === `${language}-se` && voice.default) ??
    local.find((voice) => normalised(voice) === `${language}-se`) ??
    local.find((voice) => voice.default) ??
    local[0] ??
    null
  )
}

export interface ReadAloud {
  /** False when the device has no local voice for the language: show no button, say so. */
  available: boolean
  /** The id of the text being read now, or null. */
  speaking: string | null
  speak(id: string, text: string): void
  stop(): void
}

/**
 * A voice for `language` (checked again when the browser's voice list arrives, which is
 * asynchronous in Chrome) and one utterance at a time; leaving the screen stops reading.
 */
export function useReadAloud(language: string): ReadAloud {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(() => {
    const synth = synthesis()
    return synth ? pickVoice(synth.getVoices(), language) : null
  })
  const [speaking, setSpeaking] = useState<string | null>(null)

  useEffect(() => {
    const synth = synthesis()
    if (!synth) return
    const update = (): void => setVoice(pickVoice(synth.getVoices(), language))
    update()
    synth.addEventListener('voiceschanged', update)
    return () => {
      synth.removeEventListener('voiceschanged', update)
      synth.cancel()
    }
  }, [language])

  const speak = useCallback(
    (id: string, text: string): void => {
      const synth = synthesis()
      if (!synth || !voice) return
      synth.cancel()
      const utterance = new SpeechSynthesisUtterance(text)
      utterance.voice = voice
      utterance.lang = voice.lang
      // Cancelling an utterance ends it with an error event: only clear what is still ours.
      const done = (): void => setSpeaking((current) => (current === id ? null : current))
      utterance.onend = done
      utterance.onerror = done
      setSpeaking(id)
      synth.speak(utterance)
    },
    [voice],
  )

  const stop = useCallback((): void => {
    synthesis()?.cancel()
    setSpeaking(null)
  }, [])

  return { available: voice !== null, speaking, speak, stop }
}
