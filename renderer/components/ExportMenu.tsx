import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import DownloadIcon from '@mui/icons-material/Download';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ExportChoice {
  id: string;
  label: string;
  onSelect: () => void;
}

/** An "Export" button with a menu of formats, and optional extra actions below a divider. */
export function ExportMenu({
  formats,
  extras = [],
  disabled = false,
}: {
  formats: ExportChoice[];
  extras?: ExportChoice[];
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const choose = (choice: ExportChoice) => {
    setAnchor(null);
    choice.onSelect();
  };
  const item = (choice: ExportChoice) => (
    <MenuItem key={choice.id} onClick={() => choose(choice)}>
      {choice.label}
    </MenuItem>
  );
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? menuId : undefined}
        disabled={disabled}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {t('export.button')}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {formats.map(item)}
        {extras.length > 0 && <Divider />}
        {extras.map(item)}
      </Menu>
    </>
  );
}
