import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { PlanOAuth } from '../../../../common';

/** One policy: its setting, then what it means for the agent in plain words. */
function Policy({ setting, meaning }: { setting: string; meaning: string }) {
  return (
    <li>
      <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
        {setting}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {meaning}
      </Typography>
    </li>
  );
}

/** The app's OAuth policies as the run writes them, each with what it means (fact ECA-IP-POLICY for IP). */
export function OAuthPolicies({ oauth }: { oauth: PlanOAuth }) {
  const { t } = useTranslation();
  // The date as Setup shows a certificate's expiry (the day; the hour is the run's own).
  const until = oauth.certificateValidUntil.slice(0, 10);
  const ip = oauth.ipPolicy === 'Enforce' ? 'ipEnforced' : 'ipRelaxed';
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {t('review.sections.oauth')}
      </Typography>
      <Typography component="ul" variant="body2" sx={{ pl: 3, my: 0.5 }}>
        <Policy setting={t('review.oauth.scopes', { scopes: oauth.scopes.join(', ') })} meaning={t('review.oauth.scopesMeaning')} />
        <Policy
          setting={t('review.oauth.preAuthorised', { name: oauth.preAuthorisedPermissionSet })}
          meaning={t('review.oauth.preAuthorisedMeaning')}
        />
        <Policy setting={t(`review.oauth.${ip}`)} meaning={t(`review.oauth.${ip}Meaning`)} />
        <Policy
          setting={t('review.oauth.certificate', { days: oauth.certificateValidDays, until })}
          meaning={t('review.oauth.certificateMeaning')}
        />
      </Typography>
    </>
  );
}
