import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional(), but only for a missing field: an explicit null is validated (and refused)
 * like any other wrong value. JSON turns NaN and Infinity into null, so this also catches those.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
