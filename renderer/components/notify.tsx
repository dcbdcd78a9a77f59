import Snackbar from '@mui/material/Snackbar';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Notify = (message: string) => void;
const NotifyContext = createContext<Notify | null>(null);

/** One snackbar for short confirmations ("Copied", "Saved to …"); MUI gives it role="alert" semantics. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);
  const notify = useCallback<Notify>((text) => setMessage({ text, key: Date.now() }), []);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar
        key={message?.key}
        open={message !== null}
        message={message?.text}
        autoHideDuration={6000}
        onClose={(_event, reason) => reason !== 'clickaway' && setMessage(null)}
      />
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify() needs a <NotifyProvider> above it.');
  return notify;
}
