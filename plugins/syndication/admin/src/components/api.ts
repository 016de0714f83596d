/** Shapes of the plugin's admin API (server/src/controllers), as the page uses them. */
export interface Partner {
  id: number;
  name: string;
  endpointUrl: string;
  organisation: { documentId: string; name: string; slug: string } | null;
  locales: string[];
  topics: string[];
  status: 'active' | 'paused' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
}

export interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  outcome: 'succeeded' | 'retrying' | 'failed';
}

export interface Delivery {
  id: number;
  webhookId: string;
  event: string;
  storyDocumentId: string;
  locales: string[];
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  attempts: Attempt[];
}

export const BASE = '/syndication';

/** The message of a Strapi error response, for an alert. */
export const errorMessage = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : 'Something went wrong');
};

export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
