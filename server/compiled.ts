// What the compiled server (setup/build-server.mjs) has next to it: the files its build wrote (the run
// table, the exercises, each judge compiled). Run from the sources (tsx), there is none.

/** The URL of the compiled server's own file: a constant of the build, undefined under tsx. */
declare const TALLER_BUNDLE_URL: string | undefined;

/** A file the build wrote next to the compiled server; null when the server runs from its sources. */
export function compiledFile(name: string): URL | null {
  return typeof TALLER_BUNDLE_URL === 'string' ? new URL(name, TALLER_BUNDLE_URL) : null;
}
