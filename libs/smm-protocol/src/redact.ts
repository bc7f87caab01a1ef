import { REDACTED } from './transport.js';

/**
 * Removes one secret (an upstream API key) from any text the library keeps: diagnostics, messages,
 * echoed bodies. It looks for the key raw and in each encoding it can travel in (URL, form, JSON),
 * so a panel that echoes the request back or an error that quotes the URL cannot leak it.
 */
export class Redactor {
  private readonly needles: readonly string[];

  constructor(secret: string) {
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ k: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ];
    // Longest first, so that an encoded form is not half-replaced through a shorter one.
    this.needles = [...new Set(forms)]
      .filter((n) => n.length > 0)
      .sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }
}

/** Keeps diagnostics a sane size: the head of the text and how much was cut. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}…[${text.length - maxChars} more chars]`;
}
