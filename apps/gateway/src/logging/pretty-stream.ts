import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context']);

/**
 * LOG_FORMAT=pretty: one readable line per record for a terminal (`12:00:01 INFO  [Ctx] msg
 * key=value …`). No colours, so the output stays greppable when redirected.
 */
export function prettyStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) out.write(`${prettyLine(line)}\n`);
      }
      done();
    },
  });
}

export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(Number(record.time) || Date.now()).toISOString().slice(11, 23);
  const level = LEVELS[Number(record.level)] ?? String(record.level);
  const context = record.context ? ` [${String(record.context)}]` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`${time} ${level}${context} ${String(record.msg ?? '')}`, ...fields].join(' ');
}
