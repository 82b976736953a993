import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ApiFailure, ApiResult } from '../api'

/**
 * What a screen knows of something it loads. `data` is the last answer for this key (or what the
 * screen put there with `set`) and stays while a reload runs or fails, so a page that already
 * shows it keeps showing it; `failure` is the last failure, cleared by the next answer.
 */
export type LoadState<T> =
  | { status: 'loading'; data: T | undefined; failure: ApiFailure | undefined }
  | { status: 'ok'; data: T; failure: undefined }
  | { status: 'failed'; data: T | undefined; failure: ApiFailure }

export type Load<T> = LoadState<T> & {
  /** Loads again (aborting a request still running); resolves once the answer is in. */
  reload: () => Promise<void>
  /** Replaces the data with what a change answered (`T` must not be a function, as with useState). */
  set: (next: T | ((current: T | undefined) => T)) => void
}

const LOADING: LoadState<never> = { status: 'loading', data: undefined, failure: undefined }

/**
 * Loads what a screen shows: `useLoad(key, (signal) => api.x(..., signal))`. The request starts
 * when the screen opens, and again when `key` (what is loaded: an id, a language) changes; the
 * old one is aborted, as it is when the screen closes. A null key loads nothing (yet).
 */
export function useLoad<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
): Load<T> {
  const [state, setState] = useState<LoadState<T> & { key: string | null }>({ ...LOADING, key })
  // The loader is a new function at every render; a request uses the latest without restarting.
  const loader = useRef(load)
  useLayoutEffect(() => {
    loader.current = load
  })
  const running = useRef<AbortController>(null)

  // Changes this key's state; what was loaded for another key is not this screen's.
  const update = useCallback(
    (change: (current: LoadState<T>) => LoadState<T>): void =>
      setState((previous) => ({ ...change(previous.key === key ? previous : LOADING), key })),
    [key],
  )

  const start = useCallback((): Promise<void> => {
    running.current?.abort()
    const abort = new AbortController()
    running.current = abort
    return loader.current(abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return
        // A failure keeps the data the screen already shows.
        update((current) =>
          result.ok
            ? { status: 'ok', data: result.data, failure: undefined }
            : { status: 'failed', data: current.data, failure: result.failure },
        )
      },
      // Rejected: aborted (the screen moved on), or the loader broke – nothing to show either way.
      () => {},
    )
  }, [update])

  useEffect(() => {
    if (key === null) return
    void start()
    return () => running.current?.abort()
  }, [key, start])

  const reload = useCallback((): Promise<void> => {
    if (key === null) return Promise.resolve()
    update((current) => ({ ...current, status: 'loading' }))
    return start()
  }, [key, update, start])

  const set = useCallback(
    (next: T | ((current: T | undefined) => T)): void =>
      update(
        (current) =>
          ({
            ...current,
            data: typeof next === 'function' ? (next as (current: T | undefined) => T)(current.data) : next,
          }) as LoadState<T>,
      ),
    [update],
  )

  return { ...(state.key === key ? state : LOADING), reload, set }
}
