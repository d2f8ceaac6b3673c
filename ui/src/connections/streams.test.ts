import { describe, expect, it } from 'vitest';
import type { DiscoveredStream } from '../api/connections';
import { initialChoices, streamsFromChoices } from './streams';
import { isFinished, statusLabel, syncTone } from './status';

const customers: DiscoveredStream = {
  name: 'public.customers',
  columns: [{ name: 'id', type: 'long', sourceType: 'int8', nullable: false }],
  primaryKey: ['id'],
  cursorCandidates: ['updated_at', 'id'],
  defaultCursor: 'updated_at',
  syncModes: ['cdc', 'full_refresh_append', 'full_refresh_overwrite', 'incremental_append', 'incremental_dedup'],
};
const events: DiscoveredStream = {
  name: 'public.events',
  columns: [],
  primaryKey: [],
  cursorCandidates: [],
  defaultCursor: null,
  syncModes: ['full_refresh_append', 'full_refresh_overwrite'],
};

describe('stream choices', () => {
  it('proposes deduplicated incremental syncs where a key and a cursor exist, else a full refresh', () => {
    const choices = initialChoices([customers, events]);
    expect(choices.map((c) => [c.name, c.selected, c.mode, c.cursor, c.primaryKey])).toEqual([
      ['public.customers', false, 'incremental_dedup', 'updated_at', ['id']],
      ['public.events', false, 'full_refresh_overwrite', '', []],
    ]);
  });

  it('keeps the settings of streams a saved connection already takes', () => {
    const choices = initialChoices([customers, events], [{ name: 'public.events', mode: 'full_refresh_append' }]);
    expect(choices[1]).toMatchObject({ selected: true, mode: 'full_refresh_append' });
  });

  it('lists selected streams with only the fields their mode uses', () => {
    const choices = initialChoices([customers, events]).map((c) => ({ ...c, selected: true }));
    choices[0].mode = 'cdc';
    expect(streamsFromChoices(choices)).toEqual({
      streams: [
        { name: 'public.customers', mode: 'cdc', primary_key: ['id'] },
        { name: 'public.events', mode: 'full_refresh_overwrite' },
      ],
      errors: {},
    });
  });

  it('says which stream lacks a cursor or a key, and when nothing is chosen', () => {
    const choices = initialChoices([customers, events]).map((c) => ({ ...c, selected: true }));
    choices[1].mode = 'incremental_append';
    choices[0].primaryKey = [];
    expect(streamsFromChoices(choices).errors).toEqual({
      'public.customers': 'Incremental | Deduplicated needs a primary key',
      'public.events': 'Incremental | Append needs a cursor column',
    });
    expect(streamsFromChoices(initialChoices([customers])).errors).toEqual({ '': 'Choose at least one stream' });
  });
});

describe('sync status', () => {
  it('maps statuses to tones and labels', () => {
    expect(['SUCCEEDED', 'FAILED', 'RUNNING', 'QUEUED', 'CANCELLED', 'OTHER', null].map(syncTone)).toEqual([
      'ok', 'bad', 'busy', 'busy', 'warn', 'idle', 'idle',
    ]);
    expect(statusLabel('SUCCEEDED')).toBe('Succeeded');
    expect(statusLabel('')).toBe('never run');
    expect(['RUNNING', 'QUEUED', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'CANCELED'].map(isFinished)).toEqual([false, false, true, true, true, true]);
    expect(syncTone('CANCELED')).toBe('warn');
  });
});
