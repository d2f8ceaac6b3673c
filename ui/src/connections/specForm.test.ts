import { describe, expect, it } from 'vitest';
import type { ConnectorSpecSchema } from '../api/connections';
import { initialValues, settingsFromValues, specFields, valuesFromSettings } from './specForm';

const POSTGRES: ConnectorSpecSchema = {
  type: 'object',
  required: ['host', 'database', 'user'],
  properties: {
    host: { type: 'string', title: 'Host' },
    port: { type: 'integer', title: 'Port', default: 5432 },
    database: { type: 'string', title: 'Database' },
    user: { type: 'string', title: 'User' },
    password: { type: 'string', title: 'Password', secret: true, default: 'never-shown' },
    schemas: { type: 'array', items: { type: 'string' }, title: 'Schemas' },
    ssl_mode: { type: 'string', title: 'SSL mode', default: 'prefer', enum: ['disable', 'prefer', 'require'] },
    tunnel: {
      type: 'object',
      required: ['host'],
      properties: { host: { type: 'string' }, enabled: { type: 'boolean' }, ratio: { type: ['number', 'null'] } },
    },
  },
};

describe('spec to form', () => {
  it('makes one field per property, flattening nested objects, secrets as password fields', () => {
    const fields = specFields(POSTGRES);
    expect(fields.map((f) => [f.path, f.kind, f.required])).toEqual([
      ['host', 'text', true],
      ['port', 'integer', false],
      ['database', 'text', true],
      ['user', 'text', true],
      ['password', 'password', false],
      ['schemas', 'list', false],
      ['ssl_mode', 'select', false],
      ['tunnel.host', 'text', false],
      ['tunnel.enabled', 'boolean', false],
      ['tunnel.ratio', 'number', false],
    ]);
    expect(fields.find((f) => f.path === 'ssl_mode')!.options).toEqual(['disable', 'prefer', 'require']);
    expect(fields[0].label).toBe('Host');
    expect(fields[7].label).toBe('host');
  });

  it('starts from the defaults and never prefills a secret', () => {
    const values = initialValues(specFields(POSTGRES));
    expect(values.port).toBe('5432');
    expect(values.ssl_mode).toBe('prefer');
    expect(values.password).toBe('');
    expect(values['tunnel.enabled']).toBe('false');
  });

  it('keeps a saved secret hidden when editing a connection', () => {
    const fields = specFields(POSTGRES);
    const values = valuesFromSettings(fields, { host: 'db', password: '********', schemas: ['public', 'sales'], tunnel: { host: 'jump' } });
    expect(values.password).toBe('********');
    expect(values.schemas).toBe('public, sales');
    expect(values['tunnel.host']).toBe('jump');
  });

  it('types the values, leaves blank optional fields out and nests dotted paths', () => {
    const fields = specFields(POSTGRES);
    const values = {
      ...initialValues(fields),
      host: ' db.local ',
      database: 'shop',
      user: 'reader',
      password: ' s3cret ',
      schemas: 'public, sales,',
      'tunnel.host': 'jump',
      'tunnel.enabled': 'true',
      'tunnel.ratio': '0.5',
    };
    const { settings, errors } = settingsFromValues(fields, values);
    expect(errors).toEqual({});
    expect(settings).toEqual({
      host: 'db.local',
      port: 5432,
      database: 'shop',
      user: 'reader',
      password: ' s3cret ',
      schemas: ['public', 'sales'],
      ssl_mode: 'prefer',
      tunnel: { host: 'jump', enabled: true, ratio: 0.5 },
    });
  });

  it('reports missing required fields and malformed numbers', () => {
    const fields = specFields(POSTGRES);
    const { errors } = settingsFromValues(fields, { ...initialValues(fields), host: 'db', port: '54.2', ssl_mode: 'sometimes' });
    expect(errors).toEqual({
      database: 'Database is required',
      user: 'User is required',
      port: 'Port must be a whole number',
      ssl_mode: 'SSL mode must be one of disable, prefer, require',
    });
  });
});
