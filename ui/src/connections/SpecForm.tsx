import type { FormField, FormValues } from './specForm';

interface SpecFormProps {
  fields: FormField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange: (path: string, text: string) => void;
}

/** Inputs generated from a connector spec; secrets are password inputs that start empty. */
export function SpecForm({ fields, values, errors, onChange }: SpecFormProps) {
  return (
    <div className="spec-form" data-testid="spec-form">
      {fields.map((field) => {
        const id = `spec-${field.path}`;
        const value = values[field.path] ?? '';
        const common = {
          id,
          'data-testid': `spec-field-${field.path}`,
          'aria-invalid': errors[field.path] ? true : undefined,
        };
        let input;
        if (field.kind === 'boolean') {
          input = <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(field.path, String(e.target.checked))} />;
        } else if (field.kind === 'select') {
          input = (
            <select {...common} value={value} onChange={(e) => onChange(field.path, e.target.value)}>
              {!field.required && <option value="">(default)</option>}
              {field.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          );
        } else {
          input = (
            <input
              {...common}
              type={field.kind === 'password' ? 'password' : field.kind === 'integer' || field.kind === 'number' ? 'number' : 'text'}
              autoComplete={field.kind === 'password' ? 'new-password' : 'off'}
              placeholder={field.kind === 'list' ? 'comma-separated' : undefined}
              value={value}
              onChange={(e) => onChange(field.path, e.target.value)}
            />
          );
        }
        return (
          <div className="form-row" key={field.path}>
            <label htmlFor={id}>
              {field.label}
              {field.required && <span className="required"> *</span>}
            </label>
            {input}
            {field.description && <span className="hint">{field.description}</span>}
            {errors[field.path] && (
              <span className="field-error" data-testid="field-error">
                {errors[field.path]}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
