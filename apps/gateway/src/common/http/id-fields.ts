import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { MAX_ID } from './id-range.js';

/**
 * An id in a query filter (`?serviceId=`, `?partnerId=`…): plain decimal digits within the id
 * columns' range, else a 400 naming the parameter (`0x1`, `1e3` or 99999999999 are not ids).
 */
export const QueryId = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value,
    ),
    IsInt({ message: ({ property }) => `${property} must be a positive integer id` }),
    Min(1),
    Max(MAX_ID),
  );

/** A comma-separated id list (`?ids=`): at most `max` entries, each plain digits within range. */
export const QueryIdList = (max: number): PropertyDecorator =>
  ValidateBy({
    name: 'isIdList',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const ids = value.split(',');
        return ids.length <= max && ids.every((id) => /^\d{1,10}$/.test(id) && +id <= MAX_ID);
      },
      defaultMessage: ({ property } = { property: 'ids' } as never) =>
        `${property} must be up to ${max} comma-separated ids from 1 to ${MAX_ID}`,
    },
  });
