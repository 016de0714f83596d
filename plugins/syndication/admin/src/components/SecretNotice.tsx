import { Alert, Typography } from '@strapi/design-system';
import { useTranslate } from '../utils/translations';

/** The secret, shown once after creation or rotation: it is never shown again. */
export const SecretNotice = ({ partnerName, secret, onClose }: { partnerName: string; secret: string; onClose: () => void }) => {
  const t = useTranslate();
  return (
    <Alert closeLabel={t('close', 'Close')} title={t('secret.title', 'Signing secret of {name}', { name: partnerName })} variant="success" onClose={onClose}>
      <Typography tag="p">{t('secret.once', 'Copy it now and give it to the partner; it will not be shown again.')}</Typography>
      <Typography tag="code" fontWeight="bold">
        {secret}
      </Typography>
    </Alert>
  );
};
