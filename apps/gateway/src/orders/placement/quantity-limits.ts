/**
 * The limit a panel names when it refuses a quantity ("Quantity less than minimal 200",
 * "Quantity more than maximal 5000", "min quantity is 100"…): `min` or `max`, or nothing when
 * the message names no number. Pure.
 */
export function quantityLimits(message: string): { min?: number; max?: number } {
  const number = /(\d{1,15})/.exec(message.replace(/[\s,](?=\d{3}\b)/g, ''));
  if (!number) return {};
  const value = Number(number[1]);
  if (/less|lower|min/i.test(message)) return { min: value };
  if (/more|greater|higher|max/i.test(message)) return { max: value };
  return {};
}
