/**
 * For `@Transform` on a boolean query field: a query string carries text, so only the words `true`
 * and `false` become booleans; anything else is passed on for `@IsBoolean()` to refuse by name.
 */
export const booleanFromQuery = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
