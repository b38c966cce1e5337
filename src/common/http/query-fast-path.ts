import { TransformationType } from 'class-transformer';
import { defaultOptions as transformerDefaults } from 'class-transformer/cjs/constants/default-options.constant.js';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

type Metatype = new () => object;

interface Check {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  validateIf?: (object: object, value: unknown) => boolean;
  constraints: unknown[];
}

interface PropertyPlan {
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: Check[];
}

interface FieldConversion {
  toNumber: boolean;
  transforms: { transformFn: (params: Record<string, unknown>) => unknown }[];
}

interface Plan {
  metatype: Metatype;
  properties: Map<string, PropertyPlan>;
  /** How a field of the query becomes a field of the DTO (class-transformer's @Type(() => Number) and @Transform). */
  conversions: Map<string, FieldConversion | null>;
}

const plans = new Map<unknown, Plan | null>();
const TRANSFORMER_OPTIONS = Object.freeze({ ...transformerDefaults });

/**
 * A valid query DTO without class-transformer's and class-validator's metadata look-ups (about 10%
 * of the forecast list's CPU in bench:api): the DTO's own rules, read once from the same metadata
 * and run by the same validator functions, on a query whose values are all strings. It answers only
 * "valid, and here is the DTO exactly as ValidationPipe({ transform: true, whitelist: true,
 * forbidNonWhitelisted: true }) would make it", or undefined: then the full pipe runs and writes the
 * 400, so error bodies come from one place. Rules it does not know (nested DTOs, groups, async or
 * `each` rules, @Expose/@Exclude, other @Type targets) leave the whole DTO to the full pipe.
 */
export function validQueryDto(metatype: unknown, value: unknown): object | undefined {
  if (typeof metatype !== 'function' || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  let plan = plans.get(metatype);
  if (plan === undefined) {
    plan = compile(metatype as Metatype);
    plans.set(metatype, plan);
  }
  if (plan === null) return undefined;

  const query = value as Record<string, unknown>;
  const dto = new plan.metatype() as Record<string, unknown>;
  for (const key of Object.keys(query)) {
    const text = query[key];
    if (typeof text !== 'string' || !plan.properties.has(key)) return undefined;
    const conversion = conversionOf(plan, key);
    if (conversion === null) return undefined;
    let converted: unknown = conversion.toNumber ? Number(text) : text;
    for (const { transformFn } of conversion.transforms) {
      converted = transformFn({ value: converted, key, obj: query, type: TransformationType.PLAIN_TO_CLASS, options: TRANSFORMER_OPTIONS });
    }
    dto[key] = converted;
  }
  // The whitelist as class-validator applies it: to every field of the DTO, defaults included.
  for (const key of Object.keys(dto)) if (!plan.properties.has(key)) return undefined;
  for (const [property, { conditions, checks }] of plan.properties) {
    const current = dto[property];
    if (!conditions.every((condition) => condition(dto, current))) continue;
    for (const check of checks) {
      if (check.validateIf && !check.validateIf(dto, current)) continue;
      const args: ValidationArguments = {
        targetName: plan.metatype.name,
        property,
        object: dto,
        value: current,
        constraints: check.constraints,
      };
      // Anything but true (false, or a promise of an asynchronous rule) is for the full pipe to judge.
      if (check.validate(current, args) !== true) return undefined;
    }
  }
  return dto;
}

function compile(metatype: Metatype): Plan | null {
  const transformer = defaultMetadataStorage;
  if (transformer.getExposedMetadatas(metatype).length > 0 || transformer.getExcludedMetadatas(metatype).length > 0) return null;
  const storage = getMetadataStorage();
  // As class-validator's validate(object) asks for them (no schema, no groups, not "always").
  const metadatas = storage.getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return null;
  const properties = new Map<string, PropertyPlan>();
  for (const metadata of metadatas) {
    if ((metadata.groups?.length ?? 0) > 0 || metadata.always) return null;
    const plan = properties.get(metadata.propertyName) ?? { conditions: [], checks: [] };
    properties.set(metadata.propertyName, plan);
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      plan.conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
    } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION && !metadata.each) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) return null;
        const instance = constraint.instance as { validate: Check['validate'] };
        plan.checks.push({
          validate: instance.validate.bind(instance),
          validateIf: metadata.validateIf,
          constraints: metadata.constraints,
        });
      }
    } else {
      return null;
    }
  }
  return { metatype, properties, conversions: new Map() };
}

/** What class-transformer does to a string for this field; null for a conversion this path does not repeat. */
function conversionOf(plan: Plan, key: string): FieldConversion | null {
  let conversion = plan.conversions.get(key);
  if (conversion !== undefined) return conversion;
  conversion = null;
  const prototype = plan.metatype.prototype as Record<string, unknown>;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  // class-transformer skips fields the class has as accessors or methods; the full pipe decides those.
  if ((!descriptor || descriptor.set) && typeof (new plan.metatype() as Record<string, unknown>)[key] !== 'function') {
    const type = defaultMetadataStorage.findTypeMetadata(plan.metatype, key);
    const target: unknown = type ? (type.typeFunction ? type.typeFunction() : type.reflectedType) : undefined;
    if (type === undefined || (target === Number && !type.options?.discriminator)) {
      const transforms = defaultMetadataStorage.findTransformMetadatas(plan.metatype, key, TransformationType.PLAIN_TO_CLASS);
      conversion = { toNumber: target === Number, transforms };
    }
  }
  plan.conversions.set(key, conversion);
  return conversion;
}
