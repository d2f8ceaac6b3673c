import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and quotes fields that need it', () => {
    const csv = toCsv(
      [
        { name: 'id', type: 'BIGINT' },
        { name: 'note', type: 'VARCHAR' },
        { name: 'tags', type: 'VARCHAR[]' },
      ],
      [
        [1, 'plain', ['a']],
        [2, 'has, comma and "quotes"', null],
      ],
    );

    expect(csv).toBe('id,note,tags\r\n1,plain,"[""a""]"\r\n2,"has, comma and ""quotes""",\r\n');
  });
});
