/**
 * Redaction applied before anything is logged or thrown. Secrets are registered once, when they
 * are read from the environment or a file, and every string that leaves the program passes
 * through `redact`.
 */
const secrets = new Set<string>();

const SECRET_QUERY = /([?&](?:user_token|token|access_token|api_key|key)=)[^&#\s]+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Remembers a secret value so that `redact` masks it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text.replace(SECRET_QUERY, '$1[redacted]').replace(BEARER, '$1[redacted]');
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Header names whose values are never shown. */
export const SECRET_HEADERS = ['authorization', 'x-user-token', 'x-user-email', 'cookie'];
