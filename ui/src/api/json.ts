/**
 * Parses a JSON answer, keeping integers beyond JavaScript's exact range (2^53) as their decimal
 * strings: BIGINT values and Iceberg snapshot ids would otherwise be silently rounded.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(/\d{16}/.test(text) ? quoteUnsafeIntegers(text) : text);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Rewrites JSON text so every integer literal that is not a safe integer becomes a string. */
export function quoteUnsafeIntegers(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '-' || isDigit(ch)) {
      let end = ch === '-' ? i + 1 : i;
      while (isDigit(text[end])) end++;
      const integer = text[end] !== '.' && text[end] !== 'e' && text[end] !== 'E';
      while (end < text.length && '0123456789.eE+-'.includes(text[end])) end++;
      const token = text.slice(i, end);
      if (integer && !Number.isSafeInteger(Number(token))) {
        parts.push(text.slice(copied, i), `"${token}"`);
        copied = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
