import { PageHeader } from './PageHeader'

/** A whole page that is still on its way: the header, and what is happening in words. */
export function LoadingPage({ text }: { text: string }) {
  return (
    <>
      <PageHeader />
      <main className="page page--narrow" id="main">
        <p role="status">{text}</p>
      </main>
    </>
  )
}
