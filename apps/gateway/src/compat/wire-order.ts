import { ADD_ORDER_FIELDS, WIRE_FIELD_NAMES, type AddOrderField } from '#smm-protocol';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailedError } from '../common/errors/domain-error.js';
import { fieldErrors } from '../common/errors/validation.js';
import { CreateOrderDto } from '../orders/dto/create-order.dto.js';
import { incorrectField, WIRE_ERRORS, WireError } from './wire-errors.js';
import { parseId, text, type WireParams } from './wire-params.js';

/** The `add` fields that carry integers (the rest are text; list fields one item per line). */
const INTEGER_FIELDS: ReadonlySet<AddOrderField> = new Set<AddOrderField>([
  'quantity',
  'runs',
  'interval',
  'answerNumber',
  'min',
  'max',
  'posts',
  'oldPosts',
  'delay',
  'device',
  'typeOfTraffic',
]);

/**
 * An `add` call's snake_case wire fields (`service`, `link`, `answer_number`, `old_posts`,
 * `type_of_traffic`, `google_keyword`, `referring_url`, ...) as the CreateOrderDto the REST API
 * takes, checked by the same class-validator rules as `POST /v1/orders`. Empty fields count as
 * absent (PHP clients send every key); fields `add` does not know (key, action, ...) are ignored.
 * Type-specific rules stay with the placement, exactly as for REST orders.
 *
 * Throws WireError for what is malformed on the wire, ValidationFailedError for the DTO's rules.
 */
export function toCreateOrder(params: WireParams): CreateOrderDto {
  const serviceId = parseId(text(params, 'service'));
  if (serviceId === null) throw new WireError(WIRE_ERRORS.incorrectService);
  const plain: Record<string, unknown> = { serviceId };
  for (const field of ADD_ORDER_FIELDS) {
    const value = text(params, WIRE_FIELD_NAMES[field]);
    if (value === undefined) continue;
    if (!INTEGER_FIELDS.has(field)) {
      plain[field] = value;
    } else if (/^\d{1,15}$/.test(value)) {
      plain[field] = Number(value);
    } else {
      throw new WireError(
        field === 'quantity' ? WIRE_ERRORS.incorrectRequest : incorrectField(field),
      );
    }
  }
  const dto = plainToInstance(CreateOrderDto, plain);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new ValidationFailedError(fieldErrors(errors));
  return dto;
}
