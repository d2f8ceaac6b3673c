// Turns a connector's JSON Schema into form fields, and form text back into settings.
import type { ConnectorSpecSchema, SpecProperty } from '../api/connections';

export type FieldKind = 'text' | 'password' | 'integer' | 'number' | 'boolean' | 'select' | 'list';

export interface FormField {
  /** Dotted path of property names, e.g. `ssl.mode` for a nested object. */
  path: string;
  label: string;
  description: string;
  kind: FieldKind;
  required: boolean;
  options: string[];
  /** The form's text for the default; secrets never have one. */
  defaultText: string;
}

/** Form state: the text of each field by path (booleans as "true"/"false"). */
export type FormValues = Record<string, string>;

function primaryType(property: SpecProperty): string | undefined {
  return Array.isArray(property.type) ? property.type.find((type) => type !== 'null') : property.type;
}

function kindOf(property: SpecProperty): FieldKind {
  if (property.secret) return 'password';
  if (property.enum && property.enum.length > 0) return 'select';
  switch (primaryType(property)) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'list';
    default:
      return 'text';
  }
}

function defaultText(property: SpecProperty, kind: FieldKind): string {
  if (kind === 'password' || property.default === undefined || property.default === null) {
    return kind === 'boolean' ? 'false' : '';
  }
  if (Array.isArray(property.default)) return property.default.map(String).join(', ');
  return String(property.default);
}

/** The fields of a spec in its order; nested objects are flattened with dotted paths. */
export function specFields(spec: ConnectorSpecSchema, prefix = '', parentRequired = true): FormField[] {
  const required = new Set(spec.required ?? []);
  const fields: FormField[] = [];
  for (const [name, property] of Object.entries(spec.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const isRequired = parentRequired && required.has(name);
    if (!property.secret && primaryType(property) === 'object' && property.properties) {
      fields.push(...specFields(property, path, isRequired));
      continue;
    }
    const kind = kindOf(property);
    fields.push({
      path,
      label: property.title ?? name,
      description: property.description ?? '',
      kind,
      required: isRequired,
      options: (property.enum ?? []).map(String),
      defaultText: defaultText(property, kind),
    });
  }
  return fields;
}

/** The form's starting values: defaults, and empty secrets. */
export function initialValues(fields: FormField[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.path, field.defaultText]));
}

/**
 * The form of a saved connection: its settings as text. Secrets stay as the server shows them
 * ("********"), which the server reads as "keep the stored value".
 */
export function valuesFromSettings(fields: FormField[], settings: Record<string, unknown>): FormValues {
  const values = initialValues(fields);
  for (const field of fields) {
    const value = field.path.split('.').reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      settings,
    );
    if (value === undefined || value === null) continue;
    values[field.path] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return values;
}

export interface SettingsResult {
  settings: Record<string, unknown>;
  /** Problems by field path; empty when the settings can be sent. */
  errors: Record<string, string>;
}

function convert(field: FormField, text: string): { value?: unknown; error?: string } {
  switch (field.kind) {
    case 'integer':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: `${field.label} must be a whole number` };
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? { value: Number(text) } : { error: `${field.label} must be a number` };
    case 'boolean':
      return { value: text === 'true' };
    case 'list':
      return { value: text.split(',').map((item) => item.trim()).filter((item) => item.length > 0) };
    case 'select':
      return field.options.includes(text) ? { value: text } : { error: `${field.label} must be one of ${field.options.join(', ')}` };
    default:
      return { value: text };
  }
}

/** Settings to send: typed values, blank optional fields left out, required ones checked. */
export function settingsFromValues(fields: FormField[], values: FormValues): SettingsResult {
  const settings: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = (values[field.path] ?? '').trim();
    if (text === '' && field.kind !== 'boolean') {
      if (field.required) errors[field.path] = `${field.label} is required`;
      continue;
    }
    const { value, error } = convert(field, field.kind === 'password' ? (values[field.path] ?? '') : text);
    if (error) {
      errors[field.path] = error;
      continue;
    }
    const parts = field.path.split('.');
    let node = settings;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return { settings, errors };
}
