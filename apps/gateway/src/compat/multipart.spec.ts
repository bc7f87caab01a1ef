import { parseMultipartFields } from './multipart.js';

const CRLF = '\r\n';
const body = (boundary: string, parts: string[]) =>
  Buffer.from(
    parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`,
  );
const field = (name: string, value: string) =>
  `Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}${value}`;

describe('parseMultipartFields', () => {
  it('reads the text fields as PHP curl sends them (an array as CURLOPT_POSTFIELDS)', () => {
    const b = '------------------------d74496d66958873e';
    const parsed = parseMultipartFields(
      body(b, [field('key', 'abc'), field('action', 'add'), field('comments', 'one\r\ntwo ✓')]),
      `multipart/form-data; boundary=${b}`,
    );
    expect(parsed).toEqual({ key: 'abc', action: 'add', comments: 'one\r\ntwo ✓' });
  });

  it('takes a quoted boundary, skips file parts, keeps the last of a repeated name', () => {
    const parsed = parseMultipartFields(
      body('xyz', [
        field('action', 'services'),
        `Content-Disposition: form-data; name="upload"; filename="a.txt"${CRLF}Content-Type: text/plain${CRLF}${CRLF}data`,
        field('action', 'balance'),
        field('empty', ''),
      ]),
      'multipart/form-data; boundary="xyz"',
    );
    expect(parsed).toEqual({ action: 'balance', empty: '' });
  });

  it('refuses what is not multipart for its boundary', () => {
    expect(
      parseMultipartFields(Buffer.from('key=abc'), 'multipart/form-data; boundary=x'),
    ).toBeNull();
    expect(parseMultipartFields(body('x', [field('a', '1')]), 'multipart/form-data')).toBeNull();
    const truncated = Buffer.from(`--x${CRLF}${field('a', '1')}`);
    expect(parseMultipartFields(truncated, 'multipart/form-data; boundary=x')).toBeNull();
    const noDisposition = body('x', [`Content-Type: text/plain${CRLF}${CRLF}v`]);
    expect(parseMultipartFields(noDisposition, 'multipart/form-data; boundary=x')).toBeNull();
  });
});
