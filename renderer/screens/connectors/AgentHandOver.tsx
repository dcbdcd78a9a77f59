import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ConnectionDetails } from '../../../common';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * What the agent's operator needs: what the credentials file holds (main/export/credentials.ts) and
 * the token request the agent makes with it (fact JWT-AUDIENCE for the audience).
 */
export function AgentHandOver({ details }: { details: ConnectionDetails }) {
  const { t } = useTranslation();
  const tokenUrl = `${details.org.myDomainUrl.replace(/\/$/, '')}/services/oauth2/token`;
  const contents: [string, string][] = [
    [t('handOver.orgId'), details.org.id],
    ...(details.app.id ? ([[t('handOver.appId'), details.app.id]] as [string, string][]) : []),
    [t('handOver.consumerKey'), details.app.consumerKey],
    [t('handOver.username'), details.user.username],
    [t('handOver.myDomain'), details.org.myDomainUrl],
    [t('handOver.audience'), details.org.audience],
    ...(details.certificate?.fingerprint ? ([[t('handOver.fingerprint'), details.certificate.fingerprint]] as [string, string][]) : []),
  ];
  return (
    <Box component="section" aria-labelledby="hand-over-heading" sx={{ mt: 3 }}>
      <Typography id="hand-over-heading" variant="subtitle2" component="h4" sx={{ mb: 1 }}>
        {t('handOver.heading')}
      </Typography>
      <Typography variant="body2">{t('handOver.intro')}</Typography>
      <Typography component="ul" variant="body2" sx={{ my: 1, pl: 3 }}>
        {contents.map(([label, value]) => (
          <li key={label}>{`${label}: ${value}`}</li>
        ))}
        <li>{t('handOver.privateKey')}</li>
      </Typography>
      <Typography variant="body2">{t('handOver.request')}</Typography>
      <Box component="pre" sx={{ my: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.8125rem' }}>
        {`POST ${tokenUrl}\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=${JWT_BEARER}\n&assertion=<JWT>`}
      </Box>
      <Typography variant="body2">{t('handOver.signing', { audience: details.org.audience })}</Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('handOver.cli')}
      </Typography>
      <Box component="pre" sx={{ my: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.8125rem' }}>
        npm run cli -- agent-token --credentials FILE
      </Box>
    </Box>
  );
}
