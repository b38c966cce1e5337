import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * What prints as nothing: Unicode white space (JavaScript's \s covers tabs, newlines, no-break and
 * ideographic spaces, U+2028/9, U+FEFF) and the zero-width characters \s leaves out (U+200B-U+200D,
 * U+2060 word joiner, U+180E).
 */
// The zero-width joiner stands outside the class: inside one it reads as joining its neighbours.
const INVISIBLE = '(?:[\\s\\u200B\\u200C\\u2060\\u180E\\uFEFF]|\\u200D)';
const AT_EDGES = new RegExp(`^${INVISIBLE}+|${INVISIBLE}+$`, 'gu');
const ONLY_INVISIBLE = new RegExp(`^${INVISIBLE}*$`, 'u');

/** The text without what prints as nothing at its start and end. */
export function trimText(text: string): string {
  return text.replace(AT_EDGES, '');
}

/** True for text that is empty or prints as nothing. */
export function isBlankText(text: string): boolean {
  return ONLY_INVISIBLE.test(text);
}

/**
 * Trims a free-text field before validation: leading and trailing blanks carry no meaning, and
 * trimming first lets " " or "\u200B" fail NotBlank. Not for text whose offsets matter (a
 * document's full text, a quote).
 */
export const TrimText = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? trimText(value) : value));

/** Refuses text that is empty or only white space and zero-width characters, naming the field. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !isBlankText(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be blank (white space and zero-width characters alone count as blank)`,
          options,
        ),
      },
    },
    options,
  );
}
