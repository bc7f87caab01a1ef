/**
 * Text both engines store as given: no NUL (PostgreSQL text refuses it) and no other control
 * characters except tab and line breaks (Custom Comments are one comment per line). Pure.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** The dotted paths of every string in `value` (objects, arrays) holding a control character. */
export function controlCharacterPaths(value: unknown, prefix = ''): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (CONTROL_CHARACTER.test(node)) found.push(path);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (CONTROL_CHARACTER.test(key)) found.push(path ? `${path}.?` : '?');
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return found.sort();
}
