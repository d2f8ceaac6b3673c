import { useCallback, useEffect, useState } from 'react';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; value: T };

export function errorMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Loads a value when the key changes; `reload` fetches it again. */
export function useLoadable<T>(load: () => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setValue({ state: 'loading' });
    load().then(
      (loaded) => current && setValue({ state: 'ready', value: loaded }),
      (cause: unknown) => current && setValue({ state: 'error', message: errorMessage(cause) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; the key says when the answer changes.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [value, reload];
}
