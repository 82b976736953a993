import type { AnchorHTMLAttributes } from 'react'
import { followLink } from './router'

/** An ordinary link that changes screen without reloading the page. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event)
        followLink(event)
      }}
      {...rest}
    />
  )
}
