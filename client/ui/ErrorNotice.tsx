/** What went wrong, in one sentence, announced at once (role="alert"); nothing while all is well. */
export function ErrorNotice({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p className="notice notice--error" role="alert">
      {message}
    </p>
  )
}
