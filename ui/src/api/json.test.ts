import { describe, expect, it } from 'vitest';
import { parseJson, quoteUnsafeIntegers } from './json';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as strings', () => {
    const parsed = parseJson('{"snapshotId": 5421879034587123456, "parentId": -9007199254740993, "n": 42}');

    expect(parsed).toEqual({ snapshotId: '5421879034587123456', parentId: '-9007199254740993', n: 42 });
  });

  it('leaves safe integers, decimals and strings alone', () => {
    const text = '{"rows":[[9007199254740991, 12345678901234567.5, 1e300, "id 12345678901234567890", "a\\"99999999999999999"]]}';

    expect(parseJson(text)).toEqual({
      rows: [[9007199254740991, 12345678901234567.5, 1e300, 'id 12345678901234567890', 'a"99999999999999999']],
    });
  });

  it('rewrites nothing when no number needs it', () => {
    const text = '{"a":[1,2,3],"b":"x"}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });
});
