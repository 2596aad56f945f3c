// Verifies a service-account token against a JWKS document with the `jose` package, as an OIDC
// relying party would. Usage: node verify-token.mjs <jwks.json> <token-file> <issuer> <audience>
// Prints {"kid","alg","sub"} on success; exits 1 with the jose error code on failure.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [jwksFile, tokenFile, issuer, audience] = process.argv.slice(2);
const jwks = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
const token = readFileSync(tokenFile, 'utf8').trim();
try {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, audience });
  console.log(JSON.stringify({ kid: protectedHeader.kid, alg: protectedHeader.alg, sub: payload.sub }));
} catch (e) {
  console.log(JSON.stringify({ error: e.code ?? e.name }));
  process.exit(1);
}
