import { createContext, lazy, Suspense, useCallback, useContext, useState, type ReactNode } from 'react';

type Notify = (message: string) => void;
const NotifyContext = createContext<Notify | null>(null);

// Nothing is confirmed on first paint: the snackbar's code loads with the first message.
const Snackbar = lazy(() => import('@mui/material/Snackbar'));

/** One snackbar for short confirmations ("Copied", "Saved to …"); MUI gives it role="alert" semantics. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);
  // Stays true once a message has been shown, so the snackbar can play its closing transition.
  const [shown, setShown] = useState(false);
  const notify = useCallback<Notify>((text) => {
    setShown(true);
    setMessage({ text, key: Date.now() });
  }, []);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      {shown && (
        <Suspense fallback={null}>
          <Snackbar
            key={message?.key}
            open={message !== null}
            message={message?.text}
            autoHideDuration={6000}
            onClose={(_event, reason) => reason !== 'clickaway' && setMessage(null)}
          />
        </Suspense>
      )}
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify() needs a <NotifyProvider> above it.');
  return notify;
}
