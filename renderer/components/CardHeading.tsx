import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A card's heading row: the heading that names the card's section (`id`), and the card's action beside it. */
export function CardHeading({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
      <Typography id={id} variant="h6" component="h3">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}
