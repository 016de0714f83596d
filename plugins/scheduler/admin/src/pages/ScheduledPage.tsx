import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { BASE, MANAGE, READ, editViewPath, errorMessage, showLocalTime, showUtc, type Job, type Pagination } from '../components/api';
import { useTranslate } from '../utils/translations';

const PAGE_SIZE = 25;

/** Scheduled: every pending action, the earliest first, with cancel. */
const ScheduledList = () => {
  const t = useTranslate();
  const { get, post } = useFetchClient();
  const { allowedActions } = useRBAC({ manage: MANAGE });
  const canManage = Boolean(allowedActions.canManage);
  const [page, setPage] = useState(1);
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Job[]; meta: { pagination: Pagination } }>(`${BASE}/actions?status=pending&page=${page}&pageSize=${PAGE_SIZE}`);
      setJobs(data.data);
      setPagination(data.meta.pagination);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [get, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const cancel = async (job: Job) => {
    setBusy(true);
    try {
      await post(`${BASE}/actions/${job.id}/cancellation`, {});
      setError(null);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('page.title', 'Scheduled')}</Page.Title>
      <Layouts.Header title={t('page.title', 'Scheduled')} subtitle={t('page.subtitle', 'Publishing and unpublishing waiting for their time')} />
      <Layouts.Content>
        {error && (
          <Box paddingBottom={4}>
            <Alert variant="danger" title={t('error.title', 'Not scheduled')} onClose={() => setError(null)} closeLabel={t('close', 'Close')}>
              {error}
            </Alert>
          </Box>
        )}
        {jobs === null ? (
          <Typography>{t('loading', 'Loading…')}</Typography>
        ) : jobs.length === 0 ? (
          <Typography textColor="neutral600">{t('page.empty', 'Nothing is scheduled.')}</Typography>
        ) : (
          <Table colCount={7} rowCount={jobs.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('column.type', 'Type')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.document', 'Document')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.locale', 'Locale')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.action', 'Action')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.localTime', 'Local time')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.utc', 'UTC')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.cancel', 'Cancel')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {jobs.map((job) => (
                <Tr key={job.id}>
                  <Td>
                    <Typography>{job.contentType}</Typography>
                  </Td>
                  <Td>
                    <Link tag={NavLink} to={editViewPath(job)}>
                      {job.title ?? job.documentId}
                    </Link>
                  </Td>
                  <Td>
                    <Typography>{job.locale ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{job.action === 'publish' ? t('action.publish', 'Publish') : t('action.unpublish', 'Unpublish')}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {showLocalTime(job.localTime)} ({job.timeZone})
                    </Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">{showUtc(job.runAt)}</Typography>
                  </Td>
                  <Td>
                    {canManage && (
                      <Button variant="danger-light" size="S" disabled={busy} onClick={() => void cancel(job)}>
                        {t('cancel', 'Cancel')}
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {pagination && pagination.pageCount > 1 && (
          <Flex gap={2} paddingTop={4} justifyContent="flex-end">
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('page.previous', 'Previous')}
            </Button>
            <Typography>{t('page.of', 'Page {page} of {pageCount}', { page, pageCount: pagination.pageCount })}</Typography>
            <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
              {t('page.next', 'Next')}
            </Button>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

const ScheduledPage = () => (
  <Page.Protect permissions={READ}>
    <ScheduledList />
  </Page.Protect>
);

export default ScheduledPage;
