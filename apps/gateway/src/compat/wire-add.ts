import {
  SERVICE_TYPE_RULES,
  WIRE_FIELD_NAMES,
  type AddOrderField,
  type ServiceType,
} from '#smm-protocol';
import { quantityBelow, WIRE_ERRORS } from './wire-errors.js';
import { text, type WireParams } from './wire-params.js';

/** What the facade knows of the service an `add` names before anything is validated. */
export interface AddTarget {
  readonly type: ServiceType;
  readonly dripfeed: boolean;
  /** The least quantity the price list shows for it (the panel's "minimal N"). */
  readonly min: number;
}

/** An `add` read as a panel reads it: the fields its type takes, or the panel's refusal. */
export type PreparedAdd =
  | { readonly ok: true; readonly params: WireParams }
  | { readonly ok: false; readonly message: string };

/**
 * Reads an `add` the way panels do, before the REST rules check what is left:
 * - fields the service's type does not take are ignored (a `quantity` where the lines or the
 *   package decide it, `comments` on a Default service, …), as every PHP panel ignores them;
 * - where the type needs something, the panel's own message (the table in docs/compat-api-v2.md):
 *   a missing, non-numeric or fractional quantity, or a missing list, is "less than minimal N";
 *   drip-feed on a service without it, half a drip-feed (runs without interval or the reverse),
 *   or zero runs each have their message.
 * Pure: the caller looks the service up.
 */
export function prepareAdd(params: WireParams, target: AddTarget): PreparedAdd {
  const rule = SERVICE_TYPE_RULES[target.type];
  const given = (field: AddOrderField) => text(params, WIRE_FIELD_NAMES[field]);
  const refuse = (message: string): PreparedAdd => ({ ok: false, message });

  const runs = given('runs');
  const interval = given('interval');
  if (runs !== undefined || interval !== undefined) {
    if (!target.dripfeed || !rule.optional.includes('runs')) {
      return refuse(WIRE_ERRORS.dripFeedUnsupported);
    }
    if (runs === undefined || interval === undefined) return refuse(WIRE_ERRORS.requiredFields);
    if (!/^\d{1,15}$/.test(runs) || Number(runs) < 1) return refuse(WIRE_ERRORS.incorrectRequest);
  }
  if (rule.required.includes('quantity') && !/^\d{1,15}$/.test(given('quantity') ?? '')) {
    return refuse(quantityBelow(target.min));
  }
  if (rule.quantityFromLines !== null && given(rule.quantityFromLines) === undefined) {
    return refuse(quantityBelow(target.min));
  }
  const taken = new Set<AddOrderField>([...rule.required, ...rule.optional]);
  const ignored = new Set(
    (Object.keys(WIRE_FIELD_NAMES) as AddOrderField[])
      .filter((field) => !taken.has(field))
      .map((field) => WIRE_FIELD_NAMES[field]),
  );
  return {
    ok: true,
    params: Object.fromEntries(Object.entries(params).filter(([name]) => !ignored.has(name))),
  };
}
