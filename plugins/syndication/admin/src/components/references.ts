import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorMessage, type Locale, type Reference } from './api';

/** The locales enabled in i18n, default first; `null` while loading. */
export const useLocales = (onError: (message: string) => void): Locale[] | null => {
  const { get } = useFetchClient();
  const [locales, setLocales] = useState<Locale[] | null>(null);
  useEffect(() => {
    let current = true;
    get<Locale[]>('/i18n/locales')
      .then(({ data }) => {
        if (current) setLocales([...data].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)));
      })
      .catch((failure: unknown) => onError(errorMessage(failure)));
    return () => {
      current = false;
    };
  }, [get, onError]);
  return locales;
};

/**
 * Organisations or topics as the server offers them (GET /references/:kind), named in `locale`
 * (the editor's, when it is a content locale; `null`: not known yet, nothing is asked), those
 * matching `search` when given; `null` while loading.
 */
export const useReferences = (
  kind: 'organisations' | 'topics',
  { locale, search = '', onError }: { locale: string | undefined | null; search?: string; onError: (message: string) => void },
): Reference[] | null => {
  const { get } = useFetchClient();
  const [references, setReferences] = useState<Reference[] | null>(null);
  useEffect(() => {
    if (locale === null) return undefined;
    let current = true;
    // What was offered for an earlier search is not offered for this one (it could be chosen by mistake).
    setReferences(null);
    const query = new URLSearchParams({ ...(locale && { locale }), ...(search.trim() !== '' && { q: search.trim() }) }).toString();
    // Waits for a pause in typing before asking the server.
    const timer = window.setTimeout(
      () => {
        get<{ data: Reference[] }>(`${BASE}/references/${kind}${query ? `?${query}` : ''}`)
          .then(({ data }) => {
            if (current) setReferences(data.data);
          })
          .catch((failure: unknown) => onError(errorMessage(failure)));
      },
      search === '' ? 0 : 250,
    );
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [get, kind, locale, search, onError]);
  return references;
};
