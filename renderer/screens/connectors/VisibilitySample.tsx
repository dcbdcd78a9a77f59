import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisibilitySample as Sample } from '../../../common';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOperation } from '../../state/use-operation';

/** Up to 3 records read as the agent, on request; held in this component only, never stored. */
export function VisibilitySample({ object }: { object: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const reading = useOperation();
  const [sample, setSample] = useState<Sample | null>(null);
  const show = async () => {
    const read = await reading.run(() => api['connection.sample']({ object }));
    if (read) setSample(read);
  };
  if (!sample) {
    return (
      <>
        <Button size="small" disabled={reading.busy} onClick={() => void show()} sx={{ mt: 0.5, ml: -0.5 }}>
          {t('visibility.showSample', { object })}
        </Button>
        {reading.error && <ErrorAlert error={reading.error} />}
      </>
    );
  }
  return (
    <>
      <Table size="small" aria-label={t('visibility.sampleLabel', { object })} sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            {sample.fields.map((f) => (
              <TableCell key={f}>{f}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sample.records.map((r, i) => (
            <TableRow key={String(r.Id ?? i)}>
              {sample.fields.map((f) => (
                <TableCell key={f} sx={{ overflowWrap: 'anywhere' }}>
                  {r[f] === null || r[f] === undefined ? '—' : String(r[f])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        {t('visibility.sampleNote')}
      </Typography>
      <Button size="small" onClick={() => setSample(null)} sx={{ ml: 1 }}>
        {t('visibility.hideSample')}
      </Button>
    </>
  );
}
