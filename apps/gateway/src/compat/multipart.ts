/**
 * The text fields of a multipart/form-data body (RFC 7578), as PHP reads them into `$_POST`:
 * what PHP's curl sends when CURLOPT_POSTFIELDS is an array. File parts are skipped; a repeated
 * name keeps its last value. Null when the body is not well-formed multipart for its boundary.
 * Pure; the body is already bounded by the server's body limit.
 */
export function parseMultipartFields(
  body: Buffer,
  contentType: string,
): Record<string, string> | null {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  if (!boundary) return null;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  // latin1 maps every byte to one character, so offsets found here are byte offsets.
  const text = body.toString('latin1');
  const fields: Record<string, string> = {};
  let at = text.indexOf(delimiter);
  if (at < 0) return null;
  for (let parts = 0; parts < MAX_PARTS; parts++) {
    const afterDelimiter = at + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) return fields; // the closing delimiter
    const headersStart = text.indexOf('\r\n', afterDelimiter);
    const headersEnd = text.indexOf('\r\n\r\n', afterDelimiter);
    const next = text.indexOf(`\r\n${delimiter}`, afterDelimiter);
    if (headersStart < 0 || headersEnd < 0 || next < 0 || headersEnd > next) return null;
    const headers = text.slice(headersStart + 2, headersEnd);
    const disposition = /^content-disposition:\s*form-data;([^\r\n]*)$/im.exec(headers);
    if (!disposition) return null;
    const name = /(?:^|;)\s*name="([^"]{1,100})"/i.exec(disposition[1]!);
    const isFile = /(?:^|;)\s*filename\*?=/i.test(disposition[1]!);
    if (name && !isFile) {
      fields[name[1]!] = body.subarray(headersEnd + 4, next).toString('utf8');
    }
    at = next + 2;
  }
  return null;
}

/** More parts than any API v2 call has fields: refused rather than parsed. */
const MAX_PARTS = 200;
