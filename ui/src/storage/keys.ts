/** Helpers for object keys, whose `/` separated prefixes the console shows as folders. */

/** The key as a URL path: each `/` segment percent-encoded, the separators kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** The last segment of a key or prefix ("a/b/c.txt" → "c.txt", "a/b/" → "b"). */
export function baseName(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The name shown for an entry of a listing: the key without the listed prefix. */
export function relativeName(keyOrPrefix: string, prefix: string): string {
  return keyOrPrefix.startsWith(prefix) ? keyOrPrefix.slice(prefix.length) : keyOrPrefix;
}

export interface Crumb {
  label: string;
  prefix: string;
}

/** The folders leading to a prefix: "a/b/" → [{a, "a/"}, {b, "a/b/"}]. */
export function breadcrumbs(prefix: string): Crumb[] {
  const crumbs: Crumb[] = [];
  let end = prefix.indexOf('/');
  while (end >= 0) {
    const folder = prefix.slice(0, end + 1);
    crumbs.push({ label: baseName(folder) || '/', prefix: folder });
    end = prefix.indexOf('/', end + 1);
  }
  return crumbs;
}

/** A folder name typed by the user, as a prefix below `prefix`; null when it is not usable. */
export function childPrefix(prefix: string, name: string): string | null {
  const trimmed = name.trim().replace(/^\/+|\/+$/g, '');
  if (!trimmed) return null;
  return `${prefix}${trimmed}/`;
}

/** The AWS CLI command that lists the buckets of this endpoint. */
export function cliHint(endpoint: string): string {
  return `aws --endpoint-url ${endpoint} s3 ls`;
}
