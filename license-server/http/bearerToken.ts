/** The secret of an `Authorization: Bearer <token>` header (RFC 6750), or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}
