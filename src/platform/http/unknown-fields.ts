import { z } from "zod";
import { type $ZodType, clone } from "zod/v4/core";

/** A zod schema's definition, as far as the walk below reads it. */
interface Def {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  in?: $ZodType;
  out?: $ZodType;
  valueType?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
}

const refusing = new WeakMap<$ZodType, $ZodType>();

/**
 * The same schema with every object in it strict, as `z.strictObject` is: a field it does not declare
 * is an `unrecognized_keys` issue (`toProblem` names each such field) instead of being dropped in
 * silence, so a misspelt `article9Condition` is refused rather than recorded as if never sent.
 * Objects that declare a catchall keep it; refinements, defaults and transforms are kept as they are.
 * Applied in one place, to every API body (build-app.ts), rather than written into some fifty
 * schemas: web forms parse their fields with the same schemas, and a form posts fields no schema
 * names (`_csrf`, the button pressed), so the schemas themselves stay lenient.
 */
export function refusingUnknownFields(schema: $ZodType): $ZodType {
  const known = refusing.get(schema);
  if (known) return known;
  const def = schema._zod.def as Def;
  const walk = (s: $ZodType) => refusingUnknownFields(s);
  let strict: Partial<Def> | undefined;
  switch (def.type) {
    case "object":
      strict = {
        shape: Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, walk(field)])),
        catchall: def.catchall ? walk(def.catchall) : z.never(),
      };
      break;
    case "array":
      strict = { element: walk(def.element!) };
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
      strict = { innerType: walk(def.innerType!) };
      break;
    case "union":
      strict = { options: def.options!.map(walk) };
      break;
    case "pipe":
      strict = { in: walk(def.in!), out: walk(def.out!) };
      break;
    case "record":
      strict = { valueType: walk(def.valueType!) };
      break;
    case "tuple":
      strict = { items: def.items!.map(walk), rest: def.rest ? walk(def.rest) : def.rest };
      break;
  }
  if (!strict) {
    refusing.set(schema, schema);
    return schema;
  }
  const result = clone(schema, { ...schema._zod.def, ...strict } as typeof schema._zod.def);
  // Its description, so the document describes the body as before; not its id, which names the
  // original (lenient) schema's component: a strict body is written out in full instead.
  const { id: _id, ...meta } = z.globalRegistry.get(schema) ?? {};
  if (Object.keys(meta).length) z.globalRegistry.add(result, meta);
  refusing.set(schema, result);
  return result;
}
