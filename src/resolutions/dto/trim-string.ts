import { Transform } from 'class-transformer';

/** Leading and trailing blanks carry no meaning in free text; trimming first lets "   " fail isNotEmpty. */
export const TrimString = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
