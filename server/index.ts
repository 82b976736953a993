import { main } from './main'

/** The server from source (`npm run dev:server`, tests); `npm start` runs the bundle (server/start.ts). */
main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
