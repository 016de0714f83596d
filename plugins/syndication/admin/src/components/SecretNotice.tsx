import { Alert, Typography } from '@strapi/design-system';

/** The secret, shown once after creation or rotation: it is never shown again. */
export const SecretNotice = ({ partnerName, secret, onClose }: { partnerName: string; secret: string; onClose: () => void }) => (
  <Alert closeLabel="Close" title={`Signing secret of ${partnerName}`} variant="success" onClose={onClose}>
    <Typography tag="p">Copy it now and give it to the partner; it will not be shown again.</Typography>
    <Typography tag="code" fontWeight="bold">
      {secret}
    </Typography>
  </Alert>
);
