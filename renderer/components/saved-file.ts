import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedFile } from '../../common';
import { useNotify } from './notify';

/** Browser mode gets the file's content back: hand it to the browser as a download. */
export function downloadFile(file: { fileName: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Finishes an export the same way whichever host produced it: desktop saved it, browser downloads it. */
export function useSavedFile(): (file: SavedFile) => void {
  const { t } = useTranslation();
  const notify = useNotify();
  return useCallback(
    (file: SavedFile) => {
      if (file.kind === 'saved') notify(t('export.savedTo', { path: file.path }));
      if (file.kind === 'download') {
        downloadFile(file);
        notify(t('export.downloaded', { fileName: file.fileName }));
      }
    },
    [notify, t],
  );
}
