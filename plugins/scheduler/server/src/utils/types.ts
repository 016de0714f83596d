import type { JobAction, JobStatus } from '../validation/scheduled-action';

/** A row of plugin::scheduler.scheduled-action as the query engine returns it (bigintegers may be text on PostgreSQL). */
export interface JobRow {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetLocale: string | null;
  action: JobAction;
  runAt: number | string;
  timeZone: string;
  status: JobStatus;
  leaseOwner: string | null;
  leaseUntil: number | string | null;
  attempts: number | null;
  lastError: string | null;
  scheduledBy: number | null;
  doneAt: Date | string | number | null;
  createdAt: Date | string | number;
}

/** A job as the admin API answers it. */
export interface JobView {
  id: number;
  uid: string;
  contentType: string;
  documentId: string;
  locale: string | null;
  /** The document's title (the Content Manager's entry title), null when it has none or is gone. */
  title: string | null;
  action: JobAction;
  /** The UTC instant, ISO 8601. */
  runAt: string;
  timeZone: string;
  /** runAt on the wall clock of timeZone, 'YYYY-MM-DDTHH:mm'. */
  localTime: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  scheduledBy: { id: number; name: string } | null;
  createdAt: string;
  doneAt: string | null;
}
