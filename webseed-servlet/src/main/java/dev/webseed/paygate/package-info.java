/**
 * The paygate: signed tokens that open paid content, checked before a single byte of a range, a
 * personal {@code .torrent} or a peer list leaves the server. This is the only package that
 * imports BouncyCastle.
 *
 * <h2>Token</h2>
 * <pre>{kid}.{payload}.{signature}</pre>
 * <p>Each part is base64url without padding (RFC 4648 §5), spelt canonically (unused trailing
 * bits zero), so a token is one URL path segment with nothing to escape: BEP 19 clients append
 * {@code name/path} to the {@code url-list} base, which destroys query strings, hence
 * {@code /seed/t/{token}/…} (docs/design.md "Paygate token"). The signature covers the ASCII characters of
 * {@code kid.payload} exactly as transmitted, never a re-encoding. A token longer than
 * {@code paygateMaxTokenBytes} (default 1024) is refused before it is read. Typical sizes: 178
 * characters with Ed25519 and 135 with HMAC for one info-hash and a 10-byte subject.</p>
 *
 * <h2>Key id</h2>
 * <p>{@code kid} = base64url of the first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo of
 * the Ed25519 public key (the bytes inside {@code -----BEGIN PUBLIC KEY-----}): 11 characters,
 * reproducible with {@code openssl pkey -pubin -in public.pem -outform DER | openssl dgst -sha256
 * -binary | head -c 8 | basenc --base64url}. For an HMAC secret it is the same over the ASCII label
 * {@code webseed-paygate-hmac-kid:} followed by the secret. The kid only selects a key; the key,
 * never the token, decides the algorithm, so a token cannot ask for a weaker one.</p>
 *
 * <h2>Payload, layout version 1</h2>
 * <p>A fixed binary layout rather than JSON: about a third of the size (a token must fit a URL and
 * is sent thousands of times per film), one obvious encoding per claim set, and a parser with no
 * reflection, no number or string escapes, and every length bounded. Integers are big-endian.</p>
 * <table>
 * <caption>payload bytes</caption>
 * <tr><th>offset</th><th>bytes</th><th>field</th></tr>
 * <tr><td>0</td><td>1</td><td>version, {@code 0x01}; anything else is UNSUPPORTED_VERSION</td></tr>
 * <tr><td>1</td><td>1</td><td>flags: bit 0 = {@code nbf} present, bit 1 = byte budget present;
 *     other bits must be 0</td></tr>
 * <tr><td>2</td><td>16</td><td>{@code jti}, the token id (random); written as 32 lower-case hex
 *     digits in revocation lists and logs</td></tr>
 * <tr><td>18</td><td>8</td><td>{@code exp}: int64 Unix seconds, 0 to 253402300799 (year 9999)</td></tr>
 * <tr><td>26</td><td>8</td><td>{@code nbf}: int64 Unix seconds, not after {@code exp}; only when flag bit 0</td></tr>
 * <tr><td>+</td><td>8</td><td>byte budget: int64, positive; only when flag bit 1</td></tr>
 * <tr><td>+</td><td>1</td><td>subject length n, 1 to 128</td></tr>
 * <tr><td>+</td><td>n</td><td>{@code sub}, the buyer: valid UTF-8, no control characters, no
 *     leading or trailing space</td></tr>
 * <tr><td>+</td><td>1</td><td>scope count k, 1 to 16</td></tr>
 * <tr><td>+</td><td>…</td><td>k scopes, each a type byte and its value:
 *     {@code 0x01} + 20 bytes: a v1 info-hash (BEP 3);
 *     {@code 0x02} + length m (1 to 255) + m bytes: a content path prefix in UTF-8, plain
 *     segments separated by {@code /}, no trailing slash</td></tr>
 * </table>
 * <p>Nothing may follow the last scope. A payload is parsed only after its signature checked out,
 * and still as hostile input: a violation is BAD_PAYLOAD, never an exception.</p>
 *
 * <h2>Signatures and keys</h2>
 * <p>Ed25519 (RFC 8032) through BouncyCastle: the shop holds the private key, origins hold only
 * public keys ({@code paygatePublicKeys}, a PEM file of one or more {@code PUBLIC KEY} blocks), so
 * a breached origin cannot mint tokens. HMAC-SHA256 is the simple alternative
 * ({@code paygateHmacSecretFile}); its comparison is constant-time ({@link
 * java.security.MessageDigest#isEqual}). Several keys are live at once, chosen by kid: rotate by
 * adding the new public key to every origin, then switching the shop, then removing the old key
 * when its last token has expired. Keys are read at start-up.</p>
 *
 * <h2>Checks, in order</h2>
 * <p>Size, shape and base64url; kid; signature; version and layout; {@code nbf} and {@code exp};
 * revocation; scope; byte budget. Each failure has its own {@link dev.webseed.paygate.DenialReason}.
 * The first group is cached per token string (Caffeine, {@code paygateTokenCacheSize}); time,
 * revocation, scope and budget are checked on every use, so a cached token still stops the moment
 * it expires or is revoked. A token refused in the first group (forged, unknown kid, malformed) is
 * remembered with its denial until the key files change ({@code paygateDeniedTokenCacheSize}), so a
 * browser retrying it costs a lookup. Unlike chihaya's JWT middleware, which checks only the signature,
 * {@code exp} and {@code nbf} are always enforced.</p>
 *
 * <h2>Time: clock skew, lifetimes and grace</h2>
 * <p>A token is valid from {@code nbf − skew} (inclusive) to {@code exp + skew} (exclusive), skew
 * being {@code paygateClockSkew} (default 5 minutes; AWS tolerates about 15). Time is read from the
 * injected clock on every request, like CloudFront, which checks expiry at the start of each request.
 * A film, however, is thousands of range requests over hours (about 12,800 for 50 GB in 4 MiB
 * pieces), and a BEP 19 client that gets a 403 mid-way drops the web seed for the session: a tight
 * expiry would cut downloads that were paid for. Two measures, both deliberate:</p>
 * <ul>
 * <li><b>Recommended lifetime:</b> ttl ≥ the longest expected download time plus a margin for
 *     pauses and slow lines, e.g. 48 hours for a film (S3 caps presigned URLs at 7 days; shorter
 *     only when a leaked link is costlier than a re-issued one). Prefer a long ttl plus revocation
 *     to a short ttl: revocation is immediate, expiry is blunt.</li>
 * <li><b>Grace window</b> ({@code paygateGrace}, default 1 hour, 0 turns it off): a token that
 *     was used successfully before {@code exp + skew} keeps working until {@code exp + skew +
 *     grace}, so a download in progress at expiry can finish. A token first presented after
 *     expiry gets no grace, and revocation and budgets still apply during it. Its memory of
 *     "already in use" is bounded like the cache, in memory and per server; a token evicted or
 *     served by another origin gets no grace there, which is why the lifetime above comes
 *     first.</li>
 * </ul>
 *
 * <h2>Scope</h2>
 * <p>A token covers a request when one scope matches: an info-hash among the publications serving
 * the request, or a path prefix on segment boundaries ({@code paid} covers {@code paid} and
 * {@code paid/film.mkv}, never {@code paidfoo/x}); see {@link dev.webseed.paygate.Scope} and
 * {@link dev.webseed.paygate.Target}.</p>
 *
 * <h2>Revocation and budgets</h2>
 * <p>{@link dev.webseed.paygate.RevocationList} ({@code paygateRevocationFile}: lines
 * {@code jti <hex>} and {@code sub <subject>}, re-read when its mtime changes). A {@link
 * dev.webseed.paygate.BudgetReserver} holds the byte budgets: reserve before sending, release what
 * was not sent; {@link dev.webseed.paygate.ByteBudgets} is the one-server reserver. A request holds
 * a {@link dev.webseed.paygate.Budget} for its token.</p>
 *
 * <h2>The one face</h2>
 * <p>Endpoints ask {@link dev.webseed.paygate.Paygate} only: {@code isPaid(path)} (configuration
 * and path, nothing else), {@code forBytes} (a webseed range), {@code forPeers} (a torrent) and
 * {@code swarmGate()} (the tracker). Each answers an {@link dev.webseed.paygate.Access}: free,
 * granted with the {@link dev.webseed.paygate.Budget} to charge, or a {@link
 * dev.webseed.paygate.Verdict.Denied} with its {@link dev.webseed.paygate.DenialReason}. The
 * publications are reached through {@link dev.webseed.paygate.HashIndex}, so this package does
 * not depend on how they are made.</p>
 */
package dev.webseed.paygate;
