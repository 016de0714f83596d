/** Shapes of the plugin's admin API (server/src/controllers), as the panel and the page use them. */
export const BASE = '/scheduler';

export const READ = [{ action: 'plugin::scheduler.actions.read', subject: null }];
export const MANAGE = [{ action: 'plugin::scheduler.actions.manage', subject: null }];

export type JobAction = 'publish' | 'unpublish';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: number;
  uid: string;
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  action: JobAction;
  /** UTC, ISO 8601. */
  runAt: string;
  timeZone: string;
  /** runAt on the wall clock of timeZone: 'YYYY-MM-DDTHH:mm'. */
  localTime: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  scheduledBy: { id: number; name: string } | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Target {
  uid: string;
  displayName: string;
  localized: boolean;
}

/** The server's message (Strapi's error shape), or the fetch client's. */
export const errorMessage = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : 'Something went wrong');
};

/** 'YYYY-MM-DDTHH:mm' as the editor reads it: the date and time with a space. */
export const showLocalTime = (localTime: string): string => localTime.replace('T', ' ');

/** The UTC instant, minutes precise: '2030-03-04 03:00 UTC'. */
export const showUtc = (runAt: string): string => `${runAt.slice(0, 16).replace('T', ' ')} UTC`;

/** The browser's IANA zone (the default of the panel's zone). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The zones the browser knows, for the zone picker (older browsers: the browser's own and UTC). */
export const knownTimeZones = (): string[] => {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', browserTimeZone(), ...supported])].sort();
};

/** The edit view's link to a document in a locale. */
export const editViewPath = (job: Pick<Job, 'uid' | 'documentId' | 'locale'>): string =>
  `/content-manager/collection-types/${job.uid}/${job.documentId}${job.locale ? `?plugins[i18n][locale]=${job.locale}` : ''}`;
